"""Which parts of Qt go into the bundle: one definition for the Qt hooks and the spec.

PyInstaller's PySide6 hooks collect every plugin of a Qt module (all platforms, image formats,
platform themes, ...) and the binary analysis then pulls in each plugin's own dependencies: the
GTK3 platform theme alone brings GTK, cairo, pango and harfbuzz. Filtering in the hooks, before
that analysis, keeps those dependencies out. The app is a widgets app with an English UI:
- platforms: the desktop ones (xcb, Windows, Cocoa) and offscreen/minimal for the self-test;
  no Wayland plugin (the overlay's stay-on-top needs X11; under Wayland Qt uses XWayland), no
  eglfs/linuxfb/vnc;
- QtNetwork for the local channel softphone hooks talk to (`companion.ipc`, a QLocalServer):
  the overlay cannot start without it. Only the library: no TLS backends or OpenSSL, no
  network-information plugins (nothing here goes on the network);
- no translations, no OpenGL/EGL integrations, no TLS, SQL, QML or printing plugins.
"""

from __future__ import annotations

import re

QT_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtDBus", "QtNetwork"})
# plugin folder -> plugin base names kept (None: all of them); other folders are dropped
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif", "qicns"}),
    "iconengines": None,
    "styles": None,
}

_PLUGIN = re.compile(r"[/\\]plugins[/\\]([^/\\]+)[/\\](?:lib)?([^/\\.]+)")
_TRANSLATION = re.compile(r"[/\\]translations([/\\]|$)")
_QT_LIB = re.compile(r"(?:^|[/\\])(?:lib)?Qt6([A-Za-z0-9]+)(?:\.so|\.dll|\.dylib|\.framework)")


def wanted(path: str) -> bool:
    """False for a Qt plugin, library or translation file the app does not use."""
    normalized = path.replace("\\", "/")
    if "PySide6/" not in normalized and "/Qt/" not in normalized:
        return True
    plugin = _PLUGIN.search(normalized)
    if plugin:
        folder, name = plugin.groups()
        allowed = QT_PLUGINS.get(folder, frozenset())
        return allowed is None or name in allowed
    if _TRANSLATION.search(normalized):
        return False
    library = _QT_LIB.search(normalized)
    return library is None or f"Qt{library.group(1)}" in QT_MODULES | {"QtXcbQpa"}


def trimmed(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Hook-style (source, destination folder) entries without the unwanted Qt files."""
    return [(src, dest) for src, dest in entries if wanted(src) and wanted(dest + "/")]
