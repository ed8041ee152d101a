"""The pages of the settings window (`companion.ui.settings_window`).

Each page is generated from declared keys where it can be (`companion.config.settings` for app
settings, `companion.config.profile_keys` for cue profiles) and only shows state and forwards
the user's choices; the writing goes through `Config.set_user`, which validates and refuses
keys IT locked.
"""
