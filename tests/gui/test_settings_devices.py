"""Settings → Devices on real (virtual) inputs: pick by ref, and a live level test."""

from __future__ import annotations

from pathlib import Path

from companion.audio.portaudio import device_list_held, refresh_device_list
from companion.config.layers import load_config
from companion.context import Context
from companion.paths import machine_config_path, resolve_paths
from companion.ui.settings_window import SettingsWindow
from tests.fixtures.speech import pad_wav


def _ctx(home: Path) -> Context:
    paths = resolve_paths(home).ensure()
    return Context(paths, load_config(machine_config_path(), paths.user_config))


def test_devices_are_picked_from_the_input_list_and_saved_by_ref(vmics, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = _ctx(tmp_path / "home")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    page = window.devices
    refs = [page.agent.itemData(i) for i in range(page.agent.count())]
    agent_ref = next(r for r in refs if r and r.startswith("vmic_agent"))
    caller_ref = next(r for r in refs if r and r.startswith("vmic_caller"))
    assert page.caller.itemData(0) == "" and "None" in page.caller.itemText(0)
    page.agent.setCurrentIndex(page.agent.findData(agent_ref))
    page.caller.setCurrentIndex(page.caller.findData(caller_ref))
    assert window.save(), window.status.text()
    again = load_config(machine_config_path(), ctx.paths.user_config)
    assert again.get("audio.agent_device") == agent_ref
    assert again.get("audio.caller_device") == caller_ref
    # "None" for the caller saves the declared empty value (mic-only cues).
    window2 = SettingsWindow(Context(ctx.paths, again))
    qtbot.addWidget(window2)
    assert window2.devices.caller.currentData() == caller_ref
    window2.devices.caller.setCurrentIndex(0)
    assert window2.save()
    assert (
        load_config(machine_config_path(), ctx.paths.user_config).get("audio.caller_device") == ""
    )


def test_a_saved_device_that_is_unplugged_stays_selected(tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = _ctx(tmp_path / "home")
    ctx.config.set_user("audio.agent_device", "Jabra Evolve 40 [ALSA]")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    assert window.devices.agent.currentData() == "Jabra Evolve 40 [ALSA]"
    assert "not connected" in window.devices.agent.currentText()
    window.devices.start_test("Jabra Evolve 40 [ALSA]")
    assert "not connected" in window.devices.status.text()
    assert not window.devices.tester.running
    assert not device_list_held()  # a test that never opened holds nothing


def test_level_test_shows_live_level_and_closes_the_stream(
    vmics, librivox, tmp_path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ctx = _ctx(tmp_path / "home")
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.devices
    ref = next(
        page.agent.itemData(i)
        for i in range(page.agent.count())
        if str(page.agent.itemData(i)).startswith("vmic_agent")
    )
    page.agent.setCurrentIndex(page.agent.findData(ref))
    wav = pad_wav(librivox[1], tmp_path / "speech.wav", lead=0.3, tail=0.3)
    levels: list[float] = []
    page.tester.level.connect(levels.append)
    page.test_agent.click()
    assert page.tester.running and not page.test_agent.isEnabled()
    # the listener's watchdog re-reading the device list now would pull the stream away
    assert device_list_held() and refresh_device_list() is False
    player = vmics.play("agent", wav)
    try:
        qtbot.waitUntil(lambda: page.meter.value() > -45, timeout=15_000)
    finally:
        player.wait(timeout=30)
    assert max(levels) > -45 and "dBFS" in page.meter.format()
    window.close()
    assert not page.tester.running and page.tester.capture is None
    assert not device_list_held()
    window.grab().save(str(Path(__file__).parents[1] / "artifacts" / "settings-devices.png"))
