"""System-wide hotkeys, the pure part: what a combination may be, and which ones run.

The listener itself (pynput, in its own thread) is in `companion.ui.global_hotkeys`.
"""
