"""PyInstaller hook for webrtcvad, replacing the contrib one.

The contrib hook copies the metadata of the `webrtcvad` distribution, but this project installs
the maintained `webrtcvad-wheels`, which provides the same module; the contrib hook then stops
the build ("No package metadata was found for webrtcvad"). `webrtcvad.py` reads its version from
`webrtcvad-wheels` metadata, so that is what is collected.
"""

from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
hiddenimports = ["_webrtcvad"]
