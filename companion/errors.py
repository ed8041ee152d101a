"""Two kinds of failure: a known problem the user can fix, and a bug.

A known problem is about the machine, a file or a setting — a full disk, a locked or damaged
history, a missing model, an unplugged headset, a broken profile, a wrong WAV. Its message is one
line that names the thing and the fix, and that line is all the user sees: no traceback, no
crash report. Every such error in the app derives from `KnownError`, so the edges (the CLI, the
overlay's start, the exception hook) tell the two apart in one place. Anything else that escapes
is a bug: it gets a crash report with the traceback, to be copied to whoever maintains the app.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user can fix; `str(error)` is one line naming the thing and the fix."""


def one_line(error: BaseException) -> str:
    """The message as one line (a known error's is already; this keeps it so)."""
    return " ".join(str(error).split()) or type(error).__name__
