"""`companion --self-test`: prove, on the machine it was installed on, that the app can run.

IT pushes one bundle to hundreds of workstations. A missing resource, a native library PyInstaller
did not collect (Vosk, PortAudio, libsndfile, Qt plugins) or a broken built-in profile would
otherwise only show when an agent opens the app mid-shift. The self-test exercises each part the
way the app does, frozen or not, without a display and without touching the agent's data:

- resources: the files the app cannot start without are present and non-empty;
- profiles: every built-in profile reads and validates (all-or-nothing, as in the app);
- database: a new database in a temporary folder opens, migrates and passes `integrity_check`;
- audio pipeline: the bundled warm-up clip goes through libsndfile, soxr and WebRTC VAD;
- cues: the bundled sample call (`resources/demo/sample_call.jsonl`) replayed through the cue
  engine with the built-in `standard` profile gives the expected cue kinds;
- model: the Vosk library loads; a model bundled in `resources/models/` loads and recognizes the
  warm-up clip (no bundled model is not a failure: agents may download one);
- audio devices: PortAudio loads and lists inputs (no input device is not a failure; PortAudio
  missing is), and the line names the PortAudio file actually loaded;
- qt: an offscreen QApplication shows and grabs a widget, with no "could not load" plugin warning,
  and the platform plugin for this OS is in the bundle; Qt's locale services (collation and
  time-zone names, backed by ICU data on Linux, which the build slims) answer in English;
- hotkeys: the modules of this OS's system-wide hotkey backend are there (pynput picks its
  backend by name at run time, so a bundle can lack it without any import failing at start);
- app: the real overlay is built, a second process starts and ends a call over the real IPC
  endpoint, a few seconds of the demo call run through the real pipeline and the call is in the
  history (`selftest_app.py`); a bundle that lacks anything the overlay imports fails here.

Output: one line per check (`ok`, `skip` or `FAIL`, name, one-line detail or reason), then a
one-line verdict. Exit 0 when nothing failed, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.context import Context
from companion.paths import resources_dir

REQUIRED_RESOURCES = (
    "profiles/standard.toml",
    "demo/sample_call.jsonl",
    "demo/warmup.wav",
)
SAMPLE_CALL = "demo/sample_call.jsonl"
SAMPLE_PROFILE = "standard"
# What the sample call must produce with the built-in standard profile.
SAMPLE_EXPECTED = ("empathy", "avoid-phrase", "escalation", "dead-air", "callback")
NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")


class Skip(Exception):
    """The check does not apply here; the message says why. Not a failure."""


class CheckFailed(Exception):
    """The check ran and found a problem; the message is the one-line reason."""


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # "ok", "skip" or "FAIL"
    detail: str

    def line(self) -> str:
        return f"{self.status:<5} {self.name}: {self.detail}"


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "no details"


def _run(name: str, check: Callable[[], str]) -> Outcome:
    try:
        return Outcome(name, "ok", _one_line(check()))
    except Skip as exc:
        return Outcome(name, "skip", _one_line(str(exc)))
    except CheckFailed as exc:
        return Outcome(name, "FAIL", _one_line(str(exc)))
    except Exception as exc:  # a self-test reports every failure, whatever raised it
        return Outcome(name, "FAIL", _one_line(f"{type(exc).__name__}: {exc}"))


# --- checks -----------------------------------------------------------------------------------


def check_resources(resources: Path) -> str:
    if not resources.is_dir():
        raise CheckFailed(f"{resources} is missing; reinstall Call Companion")
    for rel in REQUIRED_RESOURCES:
        path = resources / rel
        if not path.is_file():
            raise CheckFailed(f"{rel} is missing from {resources}; reinstall Call Companion")
        if path.stat().st_size == 0:
            raise CheckFailed(f"{rel} in {resources} is empty; reinstall Call Companion")
    return f"{resources} ({len(REQUIRED_RESOURCES)} required files present)"


def check_profiles(resources: Path) -> str:
    from companion.config.profiles import layer_profile, read_profile

    files = sorted((resources / "profiles").glob("*.toml"))
    if not files:
        raise CheckFailed(f"no built-in profiles in {resources / 'profiles'}; reinstall")
    for path in files:
        profile, problems = read_profile(path)
        if profile is None:
            raise CheckFailed(f"built-in profile {path.name}: {problems[0]}")
        layer_profile(profile).cue_settings()
    return f"{len(files)} built-in profiles valid ({', '.join(p.stem for p in files)})"


def check_database() -> str:
    from companion.store.database import open_store
    from companion.store.schema import SCHEMA_VERSION

    with tempfile.TemporaryDirectory(prefix="companion-selftest-") as folder:
        opened = open_store(Path(folder) / "companion.db")
        try:
            version = opened.db.execute("PRAGMA user_version").fetchone()[0]
            integrity = opened.db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = len(opened.db.table_names())
        finally:
            opened.db.close()
    if version != SCHEMA_VERSION or integrity != "ok":
        raise CheckFailed(
            f"new database at schema {version} (want {SCHEMA_VERSION}), integrity {integrity}"
        )
    return f"new database in a temporary folder: schema v{version}, {tables} tables, integrity ok"


def check_audio_pipeline(resources: Path) -> str:
    from companion.speech.transcribe import voice_frames_from_wav

    frames = list(voice_frames_from_wav(resources / "demo" / "warmup.wav", "agent"))
    speech = sum(1 for f in frames if f.speech)
    if not speech:
        raise CheckFailed(f"no speech detected in demo/warmup.wav ({len(frames)} frames)")
    return f"warm-up clip: {len(frames)} frames, {speech} with speech (libsndfile, soxr, VAD)"


def check_cues(resources: Path) -> str:
    from companion.config.profiles import layer_profile, read_profile
    from companion.cues.engine import CueEngine
    from companion.cues.replay import channels_of, load_transcript, replay, with_partials

    profile, problems = read_profile(resources / "profiles" / f"{SAMPLE_PROFILE}.toml")
    if profile is None:
        raise CheckFailed(f"profile {SAMPLE_PROFILE}: {problems[0]}")
    events = with_partials(load_transcript(resources / SAMPLE_CALL))
    engine = CueEngine(layer_profile(profile).cue_settings(), channels=channels_of(events))
    cues = replay(events, engine)
    fired = [cue.kind for cue in cues]
    missing = [kind for kind in SAMPLE_EXPECTED if kind not in fired]
    if missing:
        raise CheckFailed(
            f"sample call gave {', '.join(fired) or 'no cues'}; expected also {', '.join(missing)}"
        )
    return f"sample call gave {len(cues)} cues: {', '.join(fired)}"


def check_model(resources: Path) -> str:
    import vosk  # noqa: F401 - loads libvosk: proves the native library is in the bundle

    from companion.audio.wavsource import read_all
    from companion.speech.models import ModelLoadError, load_model
    from companion.speech.recognizer import ChannelRecognizer

    root = resources / "models"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not folders:
        raise Skip(f"Vosk library loads; no model bundled in {root}")
    loaded = []
    for folder in folders:
        try:
            model = load_model(folder)
        except ModelLoadError as exc:
            raise CheckFailed(f"bundled model {folder.name}: {exc}") from None
        recognizer = ChannelRecognizer(model, "agent")
        recognizer.warm_up(read_all(resources / "demo" / "warmup.wav"))
        loaded.append(folder.name)
    return f"loaded {', '.join(loaded)} and recognized the warm-up clip"


def check_devices() -> str:
    from companion.audio.devices import AudioUnavailable, list_inputs
    from companion.audio.portaudio import sounddevice

    try:
        sd = sounddevice()
        inputs = list_inputs()
    except AudioUnavailable as exc:
        raise CheckFailed(str(exc)) from None
    library = _mapped_file("libportaudio") or str(getattr(sd, "_libname", "?"))
    version = sd.get_portaudio_version()[1]
    names = "; ".join(d.ref for d in inputs[:3]) + ("; …" if len(inputs) > 3 else "")
    found = f"{len(inputs)} input device(s)" + (
        f": {names}" if inputs else " (plug in a headset; not a failure)"
    )
    return f"{version} from {library}; {found}"


def _mapped_file(fragment: str) -> str | None:
    """The file of a loaded library, as the kernel sees it (Linux); None elsewhere."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in maps.splitlines():
        path = line.split(maxsplit=5)[-1]
        if fragment in Path(path).name:
            return path
    return None


def check_qt() -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication, QLabel

    from companion.selftest_app import load_failures, qt_warnings

    with qt_warnings() as warnings:
        app = QApplication.instance() or QApplication(["companion-self-test"])
        label = QLabel("Call Companion self-test")
        label.resize(240, 40)
        label.show()
        app.processEvents()
        grabbed = label.grab()
        label.close()
        locale_detail = _qt_locale_services()
    if grabbed.isNull() or grabbed.width() == 0:
        raise CheckFailed("the offscreen widget could not be drawn")
    bad = load_failures(warnings)
    if bad:
        raise CheckFailed(bad[0])
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if not any(
        p.name.startswith(("lib" + NATIVE_PLATFORM, NATIVE_PLATFORM)) for p in plugins.glob("*")
    ):
        raise CheckFailed(f"the {NATIVE_PLATFORM} platform plugin is missing from {plugins}")
    return (
        f"PySide6 {pyside_version}: offscreen widget drawn; {NATIVE_PLATFORM} platform plugin "
        f"present; {locale_detail}"
    )


def _qt_locale_services() -> str:
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    collator = QCollator(english)
    words = ["cherry", "Banana", "apple"]
    ordered = sorted(words, key=cmp_to_key(collator.compare))
    if ordered != ["apple", "Banana", "cherry"]:
        raise CheckFailed(f"Qt collation sorts {ordered}: its ICU locale data did not load")
    zone = QTimeZone(b"America/New_York").displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, english
    )
    if not zone:
        raise CheckFailed("Qt has no time-zone names: its ICU locale data did not load")
    return f"collation and time-zone names ({zone}) work"


def check_hotkeys() -> str:
    """The backend's modules are in the bundle; no display is needed to tell.

    pynput chooses its backend when `pynput.keyboard` is imported and wraps any failure in one
    ImportError: "No module named …" there means the bundle lacks it; anything else (no X
    server, as in this offscreen check) means the modules are there and the desktop decides.
    """
    if sys.platform == "darwin":
        import ctypes.util

        carbon = ctypes.util.find_library("Carbon")
        if carbon is None:
            raise CheckFailed("the Carbon framework is not found; hotkeys cannot register")
        return f"Carbon hot keys ({carbon})"
    try:
        import pynput.keyboard
    except ImportError as exc:
        reason = " ".join(str(exc).split())
        if "No module named" in reason:
            raise CheckFailed(f"pynput's backend is missing: {reason[:200]}") from None
        return "pynput backend present (no desktop session here to listen on)"
    return f"pynput backend {pynput.keyboard.Listener.__module__.rsplit('.', 1)[-1]} loads"


def _check_app() -> str:
    from companion.selftest_app import AppCheckFailed, check_app

    try:
        return check_app()
    except AppCheckFailed as exc:
        raise CheckFailed(str(exc)) from None


# --- run --------------------------------------------------------------------------------------


def run_checks(resources: Path) -> list[Outcome]:
    return [
        _run("resources", lambda: check_resources(resources)),
        _run("profiles", lambda: check_profiles(resources)),
        _run("database", check_database),
        _run("audio pipeline", lambda: check_audio_pipeline(resources)),
        _run("cues", lambda: check_cues(resources)),
        _run("model", lambda: check_model(resources)),
        _run("audio devices", check_devices),
        _run("qt", check_qt),
        _run("hotkeys", check_hotkeys),
        _run("app", _check_app),
    ]


def verdict(outcomes: list[Outcome], seconds: float) -> str:
    failed = [o.name for o in outcomes if o.status == "FAIL"]
    skipped = sum(1 for o in outcomes if o.status == "skip")
    passed = len(outcomes) - len(failed) - skipped
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    if failed:
        return (
            f"self-test: FAILED {len(failed)} of {len(outcomes)} checks "
            f"({', '.join(failed)}) in {seconds:.1f} s, {frozen}"
        )
    return f"self-test: OK, {passed} checks passed, {skipped} skipped in {seconds:.1f} s, {frozen}"


def run_self_test(ctx: Context) -> int:
    """Run every check, print one line each and the verdict; 0 when nothing failed."""
    del ctx  # the self-test never reads the agent's folders or settings
    started = time.monotonic()
    outcomes = run_checks(resources_dir())
    for outcome in outcomes:
        print(outcome.line(), flush=True)
    print(verdict(outcomes, time.monotonic() - started), flush=True)
    return 1 if any(o.status == "FAIL" for o in outcomes) else 0
