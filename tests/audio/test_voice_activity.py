"""Voice activity on real recorded speech: where the speech is, and whose it is."""

from __future__ import annotations

import time

import numpy as np

from companion.audio.capture import DeviceCapture
from companion.audio.devices import find_by_ref, list_inputs
from companion.audio.resample import StreamResampler
from companion.speech.channel import ChannelProcessor
from companion.speech.transcribe import voice_frames_from_wav
from tests.audio.conftest import compose, estimate_lag, segments, write_wav

TOLERANCE_S = 0.1


def merge_pauses(found, max_gap=0.3):
    """Pauses between words inside a sentence are real silence; a sentence is one segment."""
    merged = []
    for start, end in found:
        if merged and start - merged[-1][1] < max_gap:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def assert_segments_match(found, truth):
    found = merge_pauses(found)
    assert len(found) == len(truth), f"speech segments {found} vs expected {truth}"
    for (fs, fe), (ts, te) in zip(found, truth, strict=True):
        assert abs(fs - ts) <= TOLERANCE_S, f"speech starts at {fs:.2f}, expected {ts:.2f}"
        assert abs(fe - te) <= TOLERANCE_S, f"speech ends at {fe:.2f}, expected {te:.2f}"


ATTEMPTS = 3  # a busy machine may drop audio; a damaged capture is played again, not scored


def capture_while_playing(vmics, wav):
    """Play `wav` into the virtual mic and run what was captured through the channel's voice
    detector: (captured 16 kHz audio, voice-frame flags on the captured stream's own clock,
    blocks the capture had to drop)."""
    capture = DeviceCapture(find_by_ref("vmic_agent", list_inputs())).start()
    resampler = StreamResampler(capture.rate)
    processor = ChannelProcessor("agent", recognizer=None)
    audio, flags, t = [], [], 0.0

    def drain(seconds: float) -> None:
        nonlocal t
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            block = capture.read(timeout=0.2)
            if block is None:
                continue
            pcm = resampler.process(block)
            audio.append(pcm)
            flags.extend((f.t, f.speech) for f in processor.push(pcm, t))
            t += pcm.shape[0] / 16000

    try:
        drain(1.5)  # let the stream settle: PulseAudio's ALSA plugin stalls once after opening
        player = vmics.play("agent", wav)
        while player.poll() is None:
            drain(0.2)
        drain(1.0)
    finally:
        capture.close()
    return np.concatenate(audio), flags, capture.dropped_blocks


def test_vad_marks_speech_where_the_wav_has_speech_from_the_virtual_mic(
    vmics, clean_clips, tmp_path
):
    """Two sentences through the virtual mic: the detector marks each one where it arrived.

    Where each sentence sits in the captured stream is measured, sentence by sentence, not
    assumed from where it was in the WAV: on a loaded machine the sound server may stall
    between the two and shift the second. A capture where a sentence did not arrive whole (its
    correlation with the recording under 0.9) or where blocks were dropped is played again."""
    a, b = clean_clips[1], clean_clips[4]
    b_start = 1.0 + a.shape[0] / 16000 + 2.0
    total = b_start + b.shape[0] / 16000 + 1.0
    mix = compose(total, [(1.0, a, 0.0), (b_start, b, 0.0)])  # over the device's own noise
    wav = write_wav(tmp_path / "two-sentences.wav", mix)
    damaged = []
    for _ in range(ATTEMPTS):
        captured, flags, dropped = capture_while_playing(vmics, wav)
        placed = [estimate_lag(captured, clip) for clip in (a, b)]
        if dropped == 0 and all(corr > 0.9 for _lag, corr in placed):
            break
        damaged.append((dropped, [round(corr, 2) for _lag, corr in placed]))
    else:
        raise AssertionError(f"the virtual mic damaged every capture: {damaged}")
    truth = [
        (lag / 16000, (lag + clip.shape[0]) / 16000)
        for (lag, _corr), clip in zip(placed, (a, b), strict=True)
    ]
    assert truth[1][0] - truth[0][1] > 1.5  # the pause between the sentences came through
    # The onset needs 3 voiced frames of 20 ms; the mark is placed where speech was confirmed.
    assert_segments_match(segments(flags), truth)


def test_colleagues_talking_nearby_are_not_the_agent(clean_clips, tmp_path):
    agent, colleague, colleague2 = clean_clips[1], clean_clips[2], clean_clips[3]
    agent_start = 1.0
    coll_start = agent_start + agent.shape[0] / 16000 + 1.5
    total = coll_start + colleague.shape[0] / 16000 + colleague2.shape[0] / 16000 + 2.0
    mix = compose(
        total,
        [
            (agent_start, agent, 0.0),
            (
                coll_start,
                colleague,
                -24.0,
            ),  # two metres away: ~24 dB quieter than the headset voice
            (coll_start + colleague.shape[0] / 16000 + 0.5, colleague2, -22.0),
        ],
        noise_db=-55,
    )
    wav = write_wav(tmp_path / "open-plan.wav", mix)
    frames = list(voice_frames_from_wav(wav, "agent"))
    agent_end = agent_start + agent.shape[0] / 16000
    in_agent = [f.speech for f in frames if agent_start + 0.2 < f.t < agent_end - 0.2]
    in_colleagues = [f.speech for f in frames if f.t > coll_start]
    assert np.mean(in_agent) > 0.8, "the agent's own speech was not detected"
    assert np.mean(in_colleagues) < 0.02, "background colleagues were taken for the agent"


def test_the_caller_channel_has_no_near_field_gate(clean_clips, tmp_path):
    quiet = compose(6.0, [(1.0, clean_clips[1], -20.0)], noise_db=-65)
    wav = write_wav(tmp_path / "quiet-line.wav", quiet)
    frames = list(voice_frames_from_wav(wav, "caller"))
    assert any(f.speech for f in frames), "a quiet caller line must still be heard"


def test_office_noise_alone_is_not_speech(tmp_path):
    wav = write_wav(tmp_path / "hum.wav", compose(8.0, [], noise_db=-40))
    frames = list(voice_frames_from_wav(wav, "agent"))
    assert sum(f.speech for f in frames) / len(frames) < 0.02


def test_the_near_field_margin_setting_reaches_the_detector(clean_clips, tmp_path):
    """Replay and transcribe hear a file with the agent's configured settings, as live does."""
    from companion.audio.vad import VadSettings
    from companion.config.layers import load_config

    user = tmp_path / "config.toml"
    user.write_text("[audio]\nnearfield_margin_db = 4.0\nvad_aggressiveness = 3\n")
    settings = VadSettings.from_config(load_config(tmp_path / "none.toml", user).get)
    assert settings == VadSettings(aggressiveness=3, nearfield_margin_db=4.0, end_of_speech_ms=300)

    agent, nearby = clean_clips[1], clean_clips[2]
    start = 1.0 + agent.shape[0] / 16000 + 1.0
    wav = write_wav(
        tmp_path / "close-colleague.wav",
        compose(start + nearby.shape[0] / 16000 + 1.0, [(1.0, agent, 0.0), (start, nearby, -10.0)]),
    )

    def share_of_speech(vad: VadSettings) -> float:
        frames = [f.speech for f in voice_frames_from_wav(wav, "agent", vad) if f.t > start + 0.2]
        return float(np.mean(frames))

    # A voice 10 dB down is within the default 15 dB margin, and outside a 4 dB one.
    assert share_of_speech(VadSettings()) > 0.3
    assert share_of_speech(settings) < 0.05
