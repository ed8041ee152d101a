"""The overlay and its panels (PySide6 widgets only).

Widgets show state and forward the agent's intent as signals; they hold no business logic.
`companion.app` builds them and connects them to the lifecycle, the cue engine and the store.
"""
