"""Whether macOS lets Call Companion use the microphone, and what to tell the agent when not.

On macOS each app needs the user's permission to record (System Settings → Privacy & Security →
Microphone). Without it CoreAudio still opens the stream and delivers blocks on time — of exact
zeros, with no error — so the listener only notices "silence" (`digital_silence.ZeroRun`); this
module tells whether that silence is the permission. It asks AVFoundation
(`[AVCaptureDevice authorizationStatusForMediaType:AVMediaTypeAudio]`, macOS 10.14+) through
ctypes and the Objective-C runtime, so no extra package is needed. Elsewhere there is no
per-app microphone permission to check and the answer is `NOT_APPLICABLE`.

`microphone_access()` never raises: a runtime that cannot be loaded answers `UNKNOWN` (and logs
why). Asking does not prompt the user; the prompt comes from opening the first input stream,
with the text in the app's Info.plist (`NSMicrophoneUsageDescription`).
"""

from __future__ import annotations

import ctypes
import enum
import functools
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

OBJC_RUNTIME = "/usr/lib/libobjc.A.dylib"
AVFOUNDATION = "/System/Library/Frameworks/AVFoundation.framework/AVFoundation"

DENIED_MESSAGE = (
    "Microphone access is off for Call Companion: System Settings → Privacy & Security → "
    "Microphone, then restart Call Companion."
)
PROMPT_MESSAGE = (
    "Call Companion is waiting for microphone access: click Allow in the macOS prompt "
    "(or turn it on in System Settings → Privacy & Security → Microphone)."
)
RESTRICTED_MESSAGE = (
    "Microphone access for Call Companion is blocked by this Mac's management profile: "
    "ask IT to allow it (Privacy & Security → Microphone), then restart Call Companion."
)


class MicAccess(enum.Enum):
    NOT_APPLICABLE = "not applicable"  # not macOS
    UNKNOWN = "unknown"  # macOS, but AVFoundation could not be asked
    # AVAuthorizationStatus, as Apple documents it:
    NOT_DETERMINED = 0  # not asked yet: opening the microphone shows the prompt
    RESTRICTED = 1  # a policy (MDM, parental controls) forbids it; the user cannot change it
    DENIED = 2  # the user turned it off
    AUTHORIZED = 3

    @property
    def withheld(self) -> bool:
        """The OS hands this app only silence, whatever the microphone hears."""
        return self in (MicAccess.DENIED, MicAccess.RESTRICTED)


def withheld_message(access: MicAccess) -> str:
    """The one line the overlay shows when the microphone is withheld (`access.withheld`)."""
    return RESTRICTED_MESSAGE if access is MicAccess.RESTRICTED else DENIED_MESSAGE


def access_from_status(status: int) -> MicAccess:
    """The `MicAccess` of an AVAuthorizationStatus value; UNKNOWN for one Apple may add."""
    try:
        return MicAccess(int(status))
    except ValueError:
        return MicAccess.UNKNOWN


def microphone_access() -> MicAccess:
    """This app's microphone permission now (it can change while the app runs)."""
    if sys.platform != "darwin":
        return MicAccess.NOT_APPLICABLE
    try:
        return access_from_status(authorization_status())
    except (OSError, AttributeError, ValueError) as exc:
        log.warning("cannot ask macOS for the microphone permission: %s", exc)
        return MicAccess.UNKNOWN


def authorization_status() -> int:
    """The raw AVAuthorizationStatus for audio (macOS only; raises OSError elsewhere)."""
    send, cls, selector, media_type = _av_capture_device()
    return int(send(cls, selector, media_type))


@functools.cache
def _av_capture_device() -> tuple[Callable[[int, int, int], int], int, int, int]:
    """objc_msgSend typed for `+[AVCaptureDevice authorizationStatusForMediaType:]`, with its
    receiver, selector and argument. Loaded once: the framework stays loaded anyway."""
    objc = ctypes.CDLL(OBJC_RUNTIME)
    av = ctypes.CDLL(AVFOUNDATION)
    lookup = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_char_p)
    get_class = lookup(("objc_getClass", objc))
    register_selector = lookup(("sel_registerName", objc))
    # objc_msgSend must be called through a prototype of the exact method signature (on arm64
    # it is not variadic): (id self, SEL _cmd, NSString *mediaType) -> NSInteger.
    send = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
        ("objc_msgSend", objc)
    )
    cls = get_class(b"AVCaptureDevice")
    selector = register_selector(b"authorizationStatusForMediaType:")
    # AVMediaTypeAudio is an exported `NSString *const`: the variable holds the pointer
    media_type = ctypes.c_void_p.in_dll(av, "AVMediaTypeAudio").value
    if not cls or not selector or not media_type:
        raise OSError("AVFoundation has no AVCaptureDevice / AVMediaTypeAudio")
    return send, cls, selector, media_type


def silence_message(who: str, denied: bool) -> str:
    """The banner for an input that delivers only exact zeros (`device` "silent"/"denied"):
    the permission's fix when macOS withholds the microphone, the prompt while macOS is still
    asking, else a muted or cut-off device."""
    access = microphone_access()
    if denied:
        return withheld_message(access if access.withheld else MicAccess.DENIED)
    if access is MicAccess.NOT_DETERMINED:
        return PROMPT_MESSAGE
    return (
        f"{who} delivers only silence (muted or disconnected?): check its mute switch and "
        "cable, or choose another microphone in Settings."
    )
