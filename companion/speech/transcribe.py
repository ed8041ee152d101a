"""Recorded audio through the live pipeline: the events a live call would have produced.

`companion transcribe` and replay both use this, so a file is heard exactly as a headset would
be: same resampler, same voice detector, same recognizer feeding. Event times are the file's
own seconds (the call starts at the first sample); recognition events are stamped when the
audio they cover has "arrived", as live.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from companion.audio.resample import TARGET_RATE
from companion.audio.vad import DEFAULT_VAD, VadSettings
from companion.audio.wavsource import read_blocks
from companion.events import Channel, Event, VoiceFrame
from companion.paths import resources_dir
from companion.speech.channel import ChannelProcessor
from companion.speech.models import load_model
from companion.speech.recognizer import ChannelRecognizer, load_warmup_audio


def make_recognizer(model: Any, channel: Channel, warm: bool = True) -> ChannelRecognizer:
    rec = ChannelRecognizer(model, channel)
    if warm:
        rec.warm_up(load_warmup_audio(resources_dir()))
    return rec


def events_from_wav(
    path: Path,
    channel: Channel,
    model_path: Path | None = None,
    vad: VadSettings = DEFAULT_VAD,
) -> Iterator[Event]:
    """Voice frames, partials and finals for one file, in time order.

    Without a model only voice frames come out (what audio-only cues see)."""
    recognizer = None if model_path is None else make_recognizer(load_model(model_path), channel)
    processor = ChannelProcessor(channel, recognizer, vad)
    t = 0.0
    for block in read_blocks(path):
        yield from processor.push(block, t)
        t += block.shape[0] / TARGET_RATE
    yield from processor.flush(round(t, 3))


def voice_frames_from_wav(
    path: Path, channel: Channel, vad: VadSettings = DEFAULT_VAD
) -> Iterator[VoiceFrame]:
    """The voice frames the live path would emit for this file (no recognition)."""
    for event in events_from_wav(path, channel, None, vad):
        if isinstance(event, VoiceFrame):
            yield event
