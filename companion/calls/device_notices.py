"""What the agent is told when an input changes: lost, back, or giving only digital silence.

A headset pulled out pauses that side's cues and greys its meter; one that delivers exact zeros
(muted in its driver, or microphone access withheld) is named with the fix; both are cleared when
real sound returns. Pure: the session passes the event and the set of channels now silent.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.audio.mic_permission import silence_message
from companion.events import DeviceEvent


@dataclass(frozen=True)
class DeviceNotice:
    key: str
    text: str
    level: str  # "warning", "info" or "clear"
    present: bool | None  # the channel's meter: there (True), gone (False), unchanged (None)


def device_notice(event: DeviceEvent, silent: set[str]) -> DeviceNotice:
    """The notice for `event`; updates `silent` (channels reporting exact zeros)."""
    who = "Headset" if event.channel == "agent" else "Caller input"
    key = f"device-{event.channel}"
    if event.device in ("silent", "denied"):
        silent.add(event.channel)
        return DeviceNotice(key, silence_message(who, event.device == "denied"), "warning", None)
    if event.device == "restored" and event.channel in silent:
        silent.discard(event.channel)  # real signal again: the notice is over
        return DeviceNotice(key, "", "clear", None)
    silent.discard(event.channel)
    if event.device == "lost":
        text = (
            f"{who} lost — cues from that side are paused; "
            "plug it back in and it is picked up again."
        )
        return DeviceNotice(key, text, "warning", False)
    return DeviceNotice(key, f"{who} restored.", "info", True)
