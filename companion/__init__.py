"""Call Companion: an offline desktop companion for call-centre agents."""

from __future__ import annotations

FALLBACK_VERSION = "0.1.0"  # a source tree or a frozen bundle has no installed metadata


def __getattr__(name: str) -> str:
    """`companion.__version__`, read from the installed metadata only when asked: reading it
    costs a fifth of a softphone hook's start (`companion call …`), which never needs it."""
    if name != "__version__":
        raise AttributeError(f"module 'companion' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("call-companion")
    except PackageNotFoundError:
        found = FALLBACK_VERSION
    globals()["__version__"] = found
    return found
