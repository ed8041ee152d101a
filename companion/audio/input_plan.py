"""Which inputs a session listens to, and what to tell the agent about them, decided at start.

The policy in one place: the saved headset if it is there; otherwise a device that looks like a
headset, with a notice that the saved one is looked for between calls; no input at all is not an
error (the listener's watchdog picks a headset up when it is plugged in); the caller channel only
when one is saved. No Qt and no PortAudio stream: the device list can be passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.audio.devices import (
    InputDevice,
    NoInputDevice,
    choose_agent_device,
    choose_caller_device,
    find_by_ref,
    list_inputs,
)
from companion.events import Channel

Notice = tuple[str, str, str]  # key, text, level


@dataclass(frozen=True)
class InputPlan:
    devices: dict[Channel, str]  # what to open now, by channel
    preferred: dict[Channel, str] = field(default_factory=dict)  # to switch to once plugged in
    notices: list[Notice] = field(default_factory=list)


def plan_inputs(
    saved_agent: str, saved_caller: str, devices: list[InputDevice] | None = None
) -> InputPlan:
    """The inputs to open. With no audio system at all (PortAudio missing) this raises
    `AudioUnavailable`, whose message names the fix."""
    listed = list_inputs() if devices is None else devices
    try:
        agent = choose_agent_device(saved_agent, listed)
    except NoInputDevice:
        text = "No microphone found: plug in a headset; it is picked up as soon as it is in."
        return InputPlan({"agent": saved_agent}, notices=[("device-agent", text, "warning")])
    caller = choose_caller_device(saved_caller, listed)
    chosen: dict[Channel, str] = {"agent": agent.ref}
    if caller is not None:
        chosen["caller"] = caller.ref
    if saved_agent and find_by_ref(saved_agent, [agent]) is None:
        text = (
            f"Headset {saved_agent} not found: listening to {agent.name} for now; the headset is "
            "picked up between calls once it is plugged in."
        )
        return InputPlan(chosen, {"agent": saved_agent}, [("device-agent", text, "warning")])
    return InputPlan(chosen)
