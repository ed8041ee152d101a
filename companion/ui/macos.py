"""macOS only: keep the overlay on every Space, including other apps' full-screen Spaces.

Qt has no API for an NSWindow's collection behaviour, so this sets it through the Objective-C
runtime with ctypes: `CanJoinAllSpaces | FullScreenAuxiliary | Stationary`. Anything unexpected
is logged and ignored; the overlay then simply stays on its own Space. (Written against Apple's
documented API; not exercised on the Linux test machines.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

CAN_JOIN_ALL_SPACES = 1 << 0
STATIONARY = 1 << 4
FULL_SCREEN_AUXILIARY = 1 << 8


def join_all_spaces(widget: QWidget) -> None:
    try:
        objc = ctypes.cdll.LoadLibrary(ctypes.util.find_library("objc") or "libobjc.dylib")
        objc.sel_registerName.restype = ctypes.c_void_p
        objc.sel_registerName.argtypes = [ctypes.c_char_p]
        send = objc.objc_msgSend
        send.restype = ctypes.c_void_p
        send.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        view = ctypes.c_void_p(int(widget.winId()))
        window = send(view, objc.sel_registerName(b"window"))
        if not window:
            return
        address = ctypes.cast(objc.objc_msgSend, ctypes.c_void_p).value
        if address is None:
            return
        setter = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)(address)
        setter(
            window,
            objc.sel_registerName(b"setCollectionBehavior:"),
            CAN_JOIN_ALL_SPACES | FULL_SCREEN_AUXILIARY | STATIONARY,
        )
    except Exception as exc:
        log.info("could not put the overlay on all Spaces: %s", exc)
