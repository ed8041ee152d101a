"""PySide6.QtNetwork: the library for the local IPC channel, without TLS backends or OpenSSL.

PyInstaller's own hook also collects OpenSSL and the TLS and network-information plugins; the
app only opens a local socket (QLocalServer/QLocalSocket), so this hook keeps the Qt library and
its dependencies and leaves those out. The selection lives in _qt_selection.py.
"""

import runpy
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_selection = runpy.run_path(str(Path(__file__).with_name("_qt_selection.py")))
hiddenimports, _binaries, _datas = add_qt6_dependencies(__file__)
binaries = _selection["trimmed"](_binaries)
datas = _selection["trimmed"](_datas)
