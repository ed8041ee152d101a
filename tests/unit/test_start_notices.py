"""Call-start notices: each condition said once, at the first call it affects (pure logic)."""

from __future__ import annotations

from companion.calls.start_notices import (
    CallConditions,
    StartNotices,
    notices_for,
    speech_state,
)

ALL_WELL = CallConditions(caller_channel=True, speech="ready", muted=False, model_language="en")


def test_nothing_to_say_when_every_cue_can_fire() -> None:
    assert notices_for(ALL_WELL) == []
    assert StartNotices().for_call(ALL_WELL) == []


def test_each_limit_is_one_line_naming_the_fix() -> None:
    worst = CallConditions(caller_channel=False, speech="none", muted=True)
    notices = {n.key: n.text for n in notices_for(worst)}
    assert set(notices) == {"muted", "caller", "speech"}
    assert "Ctrl+Shift+M" in notices["muted"]
    assert "Settings → Devices" in notices["caller"]
    assert "companion model download" in notices["speech"]
    assert all("\n" not in text for text in notices.values())


def test_a_korean_model_is_named_as_not_english() -> None:
    korean = CallConditions(
        caller_channel=True, speech="other-language", muted=False, model_language="ko"
    )
    (notice,) = notices_for(korean)
    assert notice.key == "speech" and notice.text.startswith("The speech model is ko")
    assert "word cues are off, cues from the sound of the call stay on" in notice.text


def test_said_once_per_session_then_again_only_if_it_comes_back() -> None:
    notices = StartNotices()
    mic_only = CallConditions(caller_channel=False, speech="ready", muted=False)
    assert [n.key for n in notices.for_call(mic_only)] == ["caller"]
    assert notices.for_call(mic_only) == []  # second call: already said
    muted = CallConditions(caller_channel=False, speech="ready", muted=True)
    assert [n.key for n in notices.for_call(muted)] == ["muted"]
    assert notices.for_call(mic_only) == []  # unmuted: nothing new to say
    assert [n.key for n in notices.for_call(muted)] == ["muted"]  # muted again: said again


def test_speech_changes_are_said_when_they_change() -> None:
    notices = StartNotices()
    loading = CallConditions(caller_channel=True, speech="loading", muted=False)
    assert [n.key for n in notices.for_call(loading)] == ["speech"]
    assert notices.for_call(ALL_WELL) == []
    missing = CallConditions(caller_channel=True, speech="none", muted=False)
    assert "No speech model" in notices.for_call(missing)[0].text


def test_a_loaded_models_language_decides_ready_or_not() -> None:
    assert speech_state("en") == "ready"
    assert speech_state("en-in") == "ready"
    assert speech_state("") == "ready"  # unknown: not said to be wrong
    assert speech_state("ko") == "other-language"
    assert speech_state("de-de", frozenset({"en", "de"})) == "ready"  # a German pack
