"""macOS: the microphone permission is read from AVFoundation, the real API, without raising.

On a hosted runner nobody has answered the permission prompt for the Python running the tests
(or the runner granted it), so the exact value is not known in advance; it must be one of the
four values Apple documents, and asking must neither prompt nor fail.
"""

from __future__ import annotations

import subprocess
import sys

from companion.audio.mic_permission import (
    MicAccess,
    access_from_status,
    authorization_status,
    microphone_access,
)


def test_the_status_query_returns_one_of_the_four_documented_values():
    status = authorization_status()
    assert status in (0, 1, 2, 3)  # notDetermined, restricted, denied, authorized
    access = microphone_access()
    assert access is access_from_status(status)
    assert access not in (MicAccess.UNKNOWN, MicAccess.NOT_APPLICABLE)


def test_asking_twice_and_from_a_fresh_process_never_raises():
    assert authorization_status() == authorization_status()
    code = "from companion.audio.mic_permission import microphone_access as m; print(m().name)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() in {"NOT_DETERMINED", "RESTRICTED", "DENIED", "AUTHORIZED"}
    assert out.stderr == ""
