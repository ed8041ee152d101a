"""A headset that delivers only exact zeros gets a banner in the overlay, which goes away when
real signal arrives (the listener's "silent"/"denied" then "restored")."""

from __future__ import annotations

from companion.audio.mic_permission import DENIED_MESSAGE
from companion.events import DeviceEvent


def test_silent_headset_banner_shows_and_clears_on_signal(companion) -> None:  # type: ignore[no-untyped-def]
    c, banners = companion.controller, companion.overlay.banners
    c.start_call()
    c.on_event(DeviceEvent("agent", 2.0, "silent"))
    text = banners.texts().get("device-agent", "")
    assert text.startswith("Headset delivers only silence (muted or disconnected?)")
    assert companion.window.live.captions.meters["agent"].present is True  # not "lost"
    c.on_event(DeviceEvent("agent", 6.0, "restored"))
    assert "device-agent" not in banners.texts()


def test_denied_microphone_banner_names_the_fix(companion) -> None:  # type: ignore[no-untyped-def]
    c, banners = companion.controller, companion.overlay.banners
    c.on_event(DeviceEvent("agent", 2.0, "denied"))
    assert banners.texts().get("device-agent") == DENIED_MESSAGE
    c.on_event(DeviceEvent("agent", 3.0, "lost"))  # unplugged meanwhile: the loss replaces it
    assert "lost" in banners.texts()["device-agent"]
    c.on_event(DeviceEvent("agent", 5.0, "restored"))
    assert banners.texts()["device-agent"] == "Headset restored."
