"""Call Companion: an offline desktop companion for call-centre agents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("call-companion")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
