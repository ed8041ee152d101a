"""Finding the agent's headset and the caller-side input.

Devices are remembered by "name [host API]", never by index: PortAudio renumbers devices every
time something is plugged in. When no device is saved, a name that looks like a headset wins
over the system default, because on a call-centre workstation the built-in laptop mic is almost
never the one the agent talks into.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from companion.audio.portaudio import AudioUnavailable, sounddevice

HEADSET_WORDS = re.compile(
    r"headset|headphone|usb|jabra|poly|plantronics|logitech|epos|sennheiser|airpods|"
    r"bluetooth|hands-?free|evolve|blackwire|savi|voyager|h\d{3}",
    re.IGNORECASE,
)
LOOPBACK_WORDS = re.compile(
    r"loopback|stereo mix|what u hear|cable output|vb-audio|voicemeeter|blackhole|"
    r"soundflower|monitor of|\.monitor",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    hostapi: str
    channels: int
    default_rate: float
    is_default: bool = False

    @property
    def ref(self) -> str:
        """How the device is saved in settings: stable across re-plugging."""
        return f"{self.name} [{self.hostapi}]"

    @property
    def looks_like_headset(self) -> bool:
        return bool(HEADSET_WORDS.search(self.name))

    @property
    def looks_like_loopback(self) -> bool:
        return bool(LOOPBACK_WORDS.search(self.name))


class NoInputDevice(LookupError):
    """No input device matches; the message says what was looked for and what to do."""


def host_apis() -> list[str]:
    sd = sounddevice()
    return [str(api["name"]) for api in sd.query_hostapis()]


def list_inputs() -> list[InputDevice]:
    """Every device with at least one input channel."""
    sd = sounddevice()
    apis = host_apis()
    try:
        default_in = int(sd.default.device[0])
    except (TypeError, ValueError, IndexError):
        default_in = -1
    found: list[InputDevice] = []
    raw: Any
    for raw in sd.query_devices():
        if int(raw["max_input_channels"]) < 1:
            continue
        found.append(
            InputDevice(
                index=int(raw["index"]),
                name=str(raw["name"]),
                hostapi=apis[int(raw["hostapi"])],
                channels=int(raw["max_input_channels"]),
                default_rate=float(raw["default_samplerate"]),
                is_default=int(raw["index"]) == default_in,
            )
        )
    return found


def parse_ref(ref: str) -> tuple[str, str | None]:
    match = re.fullmatch(r"(.*?)\s*\[([^\[\]]+)\]\s*", ref)
    if match:
        return match.group(1), match.group(2)
    return ref.strip(), None


def find_by_ref(ref: str, devices: list[InputDevice]) -> InputDevice | None:
    """Exact name and host API first, then the name on any host API, then a unique substring."""
    name, api = parse_ref(ref)
    exact = [d for d in devices if d.name == name and (api is None or d.hostapi == api)]
    if exact:
        return exact[0]
    same_name = [d for d in devices if d.name == name]
    if same_name:
        return same_name[0]
    partial = [d for d in devices if name.lower() in d.name.lower()]
    return partial[0] if len(partial) == 1 else None


def choose_agent_device(saved: str, devices: list[InputDevice] | None = None) -> InputDevice:
    """The saved device, else a headset-looking one, else the system default input."""
    devices = list_inputs() if devices is None else devices
    if not devices:
        raise NoInputDevice("no input device found: plug in a headset, then restart listening")
    if saved:
        chosen = find_by_ref(saved, devices)
        if chosen is not None:
            return chosen
    headsets = [d for d in devices if d.looks_like_headset and not d.looks_like_loopback]
    if headsets:
        return headsets[0]
    defaults = [d for d in devices if d.is_default]
    return defaults[0] if defaults else devices[0]


def choose_caller_device(
    saved: str, devices: list[InputDevice] | None = None
) -> InputDevice | None:
    """The caller channel is opt-in: only a saved device is used; None means mic-only cues."""
    if not saved:
        return None
    devices = list_inputs() if devices is None else devices
    return find_by_ref(saved, devices)


def loopback_candidates(devices: list[InputDevice]) -> list[InputDevice]:
    return [d for d in devices if d.looks_like_loopback]


def wasapi_loopback_note(devices: list[InputDevice]) -> str | None:
    """On Windows, say whether this PortAudio build offers WASAPI loopback inputs."""
    if sys.platform != "win32":
        return None
    if any(d.hostapi == "Windows WASAPI" and "[Loopback]" in d.name for d in devices):
        return "WASAPI loopback inputs are available for the caller channel."
    return (
        "this PortAudio build offers no WASAPI loopback inputs; for the caller channel enable "
        "'Stereo Mix' or install a virtual cable (VB-Audio Cable, Voicemeeter)"
    )


__all__ = [
    "AudioUnavailable",
    "InputDevice",
    "NoInputDevice",
    "choose_agent_device",
    "choose_caller_device",
    "find_by_ref",
    "host_apis",
    "list_inputs",
    "loopback_candidates",
    "wasapi_loopback_note",
]
