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
from companion.audio.wavsource import read_blocks
from companion.events import Channel, Event
from companion.paths import resources_dir
from companion.speech.channel import ChannelProcessor
from companion.speech.recognizer import ChannelRecognizer, load_warmup_audio, quiet_vosk_logs


def load_vosk_model(path: Path) -> Any:
    """A Vosk model from a folder that has been validated first (Vosk aborts on bad folders)."""
    from companion.speech.models import validate_model_dir

    problems = validate_model_dir(path)
    if problems:
        raise ValueError(f"{path} is not a Vosk model: {'; '.join(problems)}")
    quiet_vosk_logs()
    from vosk import Model

    return Model(str(path))


def make_recognizer(model: Any, channel: Channel, warm: bool = True) -> ChannelRecognizer:
    rec = ChannelRecognizer(model, channel)
    if warm:
        rec.warm_up(load_warmup_audio(resources_dir()))
    return rec


def events_from_wav(
    path: Path,
    channel: Channel,
    model_path: Path | None = None,
    *,
    model: Any = None,
    recognizer: ChannelRecognizer | None = None,
) -> Iterator[Event]:
    """Voice frames, partials and finals for one file, in time order.

    With neither a model nor a recognizer, only voice frames come out (audio-only cues)."""
    if recognizer is None and (model is not None or model_path is not None):
        recognizer = make_recognizer(
            model if model is not None else load_vosk_model(model_path),  # type: ignore[arg-type]
            channel,
        )
    elif recognizer is not None:
        recognizer.reset()
    processor = ChannelProcessor(channel, recognizer)
    t = 0.0
    for block in read_blocks(path):
        yield from processor.push(block, t)
        t += block.shape[0] / TARGET_RATE
    yield from processor.flush(round(t, 3))
