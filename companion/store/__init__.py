"""Storage: the call-history database (SQLite via sqlite-utils), notes index, redaction, export.

Pure Python, no Qt. Start with `database.open_store(paths.database)`; other threads use
`database.connect()`. Everything that writes a transcript goes through `redact.redact()`.
"""
