"""PySide6.QtWidgets: PyInstaller's own hook, minus the Qt plugins and translations not used.

The selection lives in _qt_selection.py (shared with companion.spec); see its docstring.
"""

import runpy
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_selection = runpy.run_path(str(Path(__file__).with_name("_qt_selection.py")))
hiddenimports, _binaries, _datas = add_qt6_dependencies(__file__)
binaries = _selection["trimmed"](_binaries)
datas = _selection["trimmed"](_datas)
