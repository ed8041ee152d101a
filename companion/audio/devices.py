"""Finding the agent's headset and the caller-side input.

Devices are remembered by "name [host API]", never by index: PortAudio renumbers devices every
time something is plugged in. When no device is saved, a name that looks like a headset wins
over the system default, because on a call-centre workstation the built-in laptop mic is almost
never the one the agent talks into.

Windows lists one physical device once per host API: MME (first, and with the name cut at 31
characters), DirectSound, WASAPI and WDM-KS. When the app chooses by itself it takes the WASAPI
entry of the device, then DirectSound, then MME, and never WDM-KS, which often refuses to open in
shared mode while the softphone holds the headset. A saved "name [host API]" is taken as saved.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

from companion.audio.portaudio import AudioUnavailable, sounddevice
from companion.errors import KnownError

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


class NoInputDevice(KnownError, LookupError):
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


# Best first; host APIs not named here (ALSA, Core Audio, JACK, ...) come after these three.
HOSTAPI_PREFERENCE = ("Windows WASAPI", "Windows DirectSound", "MME")
NEVER_CHOSEN_HOSTAPIS = frozenset({"Windows WDM-KS"})
MME_NAME_LIMIT = 31  # MME's device names: 32 UTF-16 units with the terminating NUL


def _hostapi_rank(device: InputDevice) -> int:
    if device.hostapi in NEVER_CHOSEN_HOSTAPIS:
        return len(HOSTAPI_PREFERENCE) + 1
    if device.hostapi in HOSTAPI_PREFERENCE:
        return HOSTAPI_PREFERENCE.index(device.hostapi)
    return len(HOSTAPI_PREFERENCE)


def _is_cut_of(short: str, full: str) -> bool:
    return len(short) == MME_NAME_LIMIT and len(full) > MME_NAME_LIMIT and full.startswith(short)


def _one_device(entry: InputDevice, name: str, hostapi: str | None) -> bool:
    """Whether `entry` lists the device called `name` on `hostapi` (None: not known): the same
    name, or MME's cut of the name on either side."""
    if entry.name == name:
        return True
    if entry.hostapi == "MME" and _is_cut_of(entry.name, name):
        return True
    return hostapi in (None, "MME") and _is_cut_of(name, entry.name)


def preferred_entry(entries: list[InputDevice]) -> InputDevice:
    """Among entries of one device: WASAPI, then DirectSound, then MME, then the rest in order."""
    return min(enumerate(entries), key=lambda item: (_hostapi_rank(item[1]), item[0]))[1]


def same_device(device: InputDevice, devices: list[InputDevice]) -> list[InputDevice]:
    """`device`'s entries on every host API (matched by name, MME's cut name as a prefix)."""
    return [d for d in devices if _one_device(d, device.name, device.hostapi)]


def find_by_ref(ref: str, devices: list[InputDevice]) -> InputDevice | None:
    """Exact name and host API first, then the device's best entry on any host API (MME's cut
    name matching the full one), then a unique substring."""
    name, api = parse_ref(ref)
    exact = [d for d in devices if d.name == name and d.hostapi == api]
    if exact:
        return exact[0]
    same = [d for d in devices if _one_device(d, name, api)]
    if same:
        return preferred_entry(same)
    partial = [d for d in devices if name.lower() in d.name.lower()]
    return partial[0] if len(partial) == 1 else None


def choose_agent_device(saved: str, devices: list[InputDevice] | None = None) -> InputDevice:
    """The saved device, else a headset-looking one, else the system default input; of the
    device chosen by the app, its best host API entry (WASAPI on Windows)."""
    devices = list_inputs() if devices is None else devices
    if not devices:
        raise NoInputDevice("no input device found: plug in a headset, then restart listening")
    if saved:
        chosen = find_by_ref(saved, devices)
        if chosen is not None:
            return chosen
    # WDM-KS only when it is all there is (it never is on a real Windows workstation)
    candidates = [d for d in devices if d.hostapi not in NEVER_CHOSEN_HOSTAPIS] or devices
    headsets = [d for d in candidates if d.looks_like_headset and not d.looks_like_loopback]
    defaults = [d for d in candidates if d.is_default]
    first = headsets[0] if headsets else defaults[0] if defaults else candidates[0]
    return preferred_entry(same_device(first, candidates))


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
    "preferred_entry",
    "same_device",
    "wasapi_loopback_note",
]
