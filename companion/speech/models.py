"""Which Vosk model the app uses, where installed models are, and loading one without blocking.

Why this exists: speech is optional. The app must start, and give audio-only cues, with no model,
a broken model or a model still loading. So everything here either returns a clear one-line
reason or a usable model folder. Nothing ever hands Vosk a folder that failed
`validate_model_dir`, because Vosk aborts the whole process on some malformed models.

Where models are looked for, first match of a name wins:
1. the user's models folder (`AppPaths.models`), filled by `companion model download/import`;
2. the folders in the setting `speech.model_dirs` (e.g. a share IT fills);
3. the app's bundled `resources/models/`.

Which model is used: `COMPANION_MODEL` (env) beats the setting `speech.model`, which beats the
best installed model. Either may be a folder name, a path, or `none` (run without speech). The
best installed model is an English one if any, and among those lgraph before small before big:
big static models need several GB of memory and load slowly next to a softphone, so they are
only used when chosen explicitly. An explicit choice that is broken or missing is reported, not
silently replaced by another model.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from companion import paths as paths_module
from companion.config.layers import Config
from companion.errors import KnownError
from companion.paths import AppPaths
from companion.speech.catalog import find_entry, guess_kind, guess_language

if TYPE_CHECKING:
    import vosk

MODEL_ENV = "COMPANION_MODEL"
DISABLED = "none"

_REQUIRED_FILES = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")
_LOOKAHEAD_GRAPH = ("graph/HCLr.fst", "graph/Gr.fst", "graph/disambig_tid.int")
# When ivector/ exists Vosk reads all of these (model.cc, ReadDataFiles).
_IVECTOR_FILES = (
    "final.ie",
    "final.dubm",
    "final.mat",
    "global_cmvn.stats",
    "online_cmvn.conf",
    "splice.conf",
)
_MODEL_MARKERS = ("am", "conf", "graph", "final.mdl")
_KIND_RANK = {"lgraph": 0, "small": 1, "big": 2, "": 3}
_SOURCE_RANK = {"user": 0, "speech.model_dirs": 1, "bundled": 2}


class ModelLoadError(KnownError, RuntimeError):
    """A model folder could not be loaded; the message names the folder and the fix."""


# --- layout -----------------------------------------------------------------------------------


def validate_model_dir(path: Path) -> list[str]:
    """What keeps `path` from being a loadable Vosk model, one short phrase each; [] if none."""
    if not path.exists():
        return [f"{path} does not exist"]
    if not path.is_dir():
        return [f"{path} is not a folder"]
    if (path / "final.mdl").is_file() and not (path / "am").exists():
        return ["old Vosk model layout (final.mdl at the top); use a model from 0.15 onwards"]
    nested = _nested_model(path)
    if nested is not None and not (path / "am").exists():
        return [f"the model is one folder down, in {nested.name}/; use that folder"]
    problems: list[str] = []
    for rel in _REQUIRED_FILES:
        problems += _file_problem(path, rel)
    graph = path / "graph"
    if (graph / "HCLG.fst").exists():
        problems += _file_problem(path, "graph/HCLG.fst")
    elif (graph / "HCLr.fst").exists() or (graph / "Gr.fst").exists():
        for rel in _LOOKAHEAD_GRAPH:
            problems += _file_problem(path, rel)
    else:
        problems.append("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst) is missing")
    if (path / "ivector").exists():
        for name in _IVECTOR_FILES:
            problems += _file_problem(path, f"ivector/{name}")
    if (path / "rescore" / "G.carpa").exists():
        problems += _file_problem(path, "rescore/G.fst")
    return problems


def _file_problem(root: Path, rel: str) -> list[str]:
    target = root / rel
    if not target.exists():
        return [f"{rel} is missing"]
    if not target.is_file():
        return [f"{rel} is not a file"]
    if target.stat().st_size == 0:
        return [f"{rel} is empty"]
    return []


def _nested_model(path: Path) -> Path | None:
    """The single sub-folder holding a model, as left by unzipping into a folder of its own."""
    try:
        subdirs = [p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return None
    if len(subdirs) == 1 and (subdirs[0] / "am" / "final.mdl").is_file():
        return subdirs[0]
    return None


def find_model_root(path: Path) -> Path:
    """`path`, or the single folder wrapping everything inside it (as model zips do)."""
    if (path / "am").is_dir() or any((path / m).exists() for m in _MODEL_MARKERS):
        return path
    try:
        entries = [p for p in path.iterdir() if not p.name.startswith(".")]
    except OSError:
        return path
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return path


def summarize_problems(problems: list[str]) -> str:
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{problems[0]}{more}" if problems else ""


# --- discovery --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstalledModel:
    """A model folder found on disk; `problems` is empty when it can be loaded."""

    name: str
    path: Path
    source: str
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def language(self) -> str:
        return guess_language(self.name)

    @property
    def kind(self) -> str:
        return guess_kind(self.name)


def model_roots(paths: AppPaths, config: Config) -> list[tuple[str, Path]]:
    """The folders searched for models, in precedence order, with the source each one names."""
    roots = [("user", paths.models)]
    for folder in config.get("speech.model_dirs"):
        roots.append(("speech.model_dirs", Path(folder).expanduser()))
    roots.append(("bundled", paths_module.resources_dir() / "models"))
    return roots


def installed_models(paths: AppPaths, config: Config) -> list[InstalledModel]:
    """Every model folder found, broken ones included (so `model list` can say what is wrong)."""
    found: list[InstalledModel] = []
    seen_paths: set[Path] = set()
    seen_names: set[str] = set()
    for source, root in model_roots(paths, config):
        for folder in _candidates(root, owned=source == "user"):
            resolved = folder.resolve()
            if resolved in seen_paths or folder.name in seen_names:
                continue
            seen_paths.add(resolved)
            seen_names.add(folder.name)
            found.append(
                InstalledModel(folder.name, folder, source, tuple(validate_model_dir(folder)))
            )
    return found


def _candidates(root: Path, *, owned: bool) -> list[Path]:
    """Sub-folders of `root` that may be models; in folders we do not own, only model-like ones."""
    if (root / "am").is_dir():
        return [root]
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    if owned:
        return children
    return [p for p in children if any((p / m).exists() for m in _MODEL_MARKERS)]


def best_installed(models: list[InstalledModel]) -> InstalledModel | None:
    """English first, then lgraph > small > big, then user > IT folders > bundled, newest first."""
    usable = [m for m in models if m.ok]
    if not usable:
        return None
    return min(
        usable,
        key=lambda m: (
            not m.language.startswith("en"),
            _KIND_RANK.get(m.kind, 3),
            _SOURCE_RANK.get(m.source, 3),
            [-int(n) for n in re.findall(r"\d+", m.name)],
            m.name,
        ),
    )


# --- resolution -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelChoice:
    """The model to load: its name, folder, and where the choice came from."""

    name: str
    path: Path
    source: str


@dataclass(frozen=True)
class Resolution:
    """A choice, or None with `reason` saying why there is no model and what to do."""

    choice: ModelChoice | None
    reason: str
    nothing_installed: bool = False  # no model at all (not a broken or disabled one)


def resolve(
    paths: AppPaths, config: Config, environ: Mapping[str, str] | None = None
) -> Resolution:
    env = os.environ if environ is None else environ
    models = installed_models(paths, config)
    requested = env.get(MODEL_ENV, "").strip()
    if requested and config.locked_by("speech.model") is None:  # IT's lock beats the env too
        return _resolve_request(requested, f"{MODEL_ENV}={requested}", models)
    value, where = config.lookup("speech.model")
    if str(value).strip():
        return _resolve_request(str(value).strip(), f"setting speech.model ({where})", models)
    best = best_installed(models)
    if best is None:
        broken = next((m for m in models if not m.ok), None)
        if broken is not None:
            return Resolution(
                None,
                f"{broken.path} is not a usable model ({summarize_problems(list(broken.problems))})"
                ": audio-only cues; run `companion model download vosk-model-small-en-us-0.15`",
            )
        return Resolution(
            None,
            f"no model installed in {paths.models}: audio-only cues; "
            "run `companion model download vosk-model-small-en-us-0.15`",
            nothing_installed=True,
        )
    source = f"best installed ({best.source} folder)"
    return Resolution(ModelChoice(best.name, best.path, source), source)


def resolve_model(paths: AppPaths, config: Config) -> ModelChoice | None:
    """The model to load, or None (see `resolve(...).reason` for why)."""
    return resolve(paths, config).choice


def looks_like_path(value: str) -> bool:
    """Whether a model choice (env, setting, `model use`) names a folder rather than a model."""
    return any(sep in value for sep in ("/", "\\")) or value.startswith(("~", "."))


def install_hint(name: str) -> str:
    """What to run to get the model `name`: its download if the catalogue has it, else the list."""
    if find_entry(name):
        return f"run `companion model download {name}`"
    return "see `companion model list`"


def _resolve_request(value: str, source: str, models: list[InstalledModel]) -> Resolution:
    if value.lower() == DISABLED:
        return Resolution(None, f"disabled by {source}: audio-only cues")
    if looks_like_path(value):
        folder = find_model_root(Path(value).expanduser())
        problems = validate_model_dir(folder)
        if problems:
            return Resolution(
                None,
                f"{source} is not a Vosk model ({summarize_problems(problems)}): "
                "audio-only cues; point it at a model folder",
            )
        return Resolution(ModelChoice(folder.name, folder, source), source)
    for model in models:
        if model.name == value:
            if not model.ok:
                broken = summarize_problems(list(model.problems))
                return Resolution(
                    None,
                    f"{source}: {model.path} is broken ({broken}): audio-only cues; "
                    f"run `companion model remove {value}` and install it again",
                )
            return Resolution(ModelChoice(model.name, model.path, source), source)
    return Resolution(
        None,
        f"{source}: no model named {value} is installed: audio-only cues; {install_hint(value)}",
    )


def describe_models(paths: AppPaths, config: Config) -> list[str]:
    """Lines for `companion doctor`: the model in use (or why none) and every model found."""
    resolution = resolve(paths, config)
    lines: list[str] = []
    if resolution.choice is not None:
        choice = resolution.choice
        lines.append(f"in use: {choice.name} ({choice.path}) from {choice.source}")
    else:
        lines.append(f"in use: none: {resolution.reason}")
    models = installed_models(paths, config)
    for model in models:
        state = "" if model.ok else f" BROKEN: {summarize_problems(list(model.problems))}"
        language = model.language or "?"
        lines.append(f"installed: {model.name} [{language}] {model.source} {model.path}{state}")
    if not models:
        lines.append(f"installed: none (user folder {paths.models})")
    return lines


# --- loading ----------------------------------------------------------------------------------


def load_model(path: Path) -> vosk.Model:
    """Load a model on this thread; fails with `ModelLoadError` naming the folder and the fix.

    The one way into `vosk.Model`: the folder is validated first, because Vosk aborts the whole
    process on some malformed models, and Vosk's own log chatter is turned off.
    """
    _refuse_invalid(path)
    return _open_validated(path)


def load_model_async(path: Path) -> Future[vosk.Model]:
    """`load_model` on a worker thread; a folder that fails validation fails the future at once.

    The folder is validated on the caller's thread, and Vosk is never called on a folder that
    fails validation. The thread is a daemon, so quitting during a load does not hang.
    """
    future: Future[vosk.Model] = Future()
    try:
        _refuse_invalid(path)
    except ModelLoadError as exc:
        future.set_exception(exc)
        return future

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            model = _open_validated(path)
        except ModelLoadError as exc:
            future.set_exception(exc)
        else:
            future.set_result(model)

    threading.Thread(target=work, name="vosk-model-load", daemon=True).start()
    return future


def _refuse_invalid(path: Path) -> None:
    problems = validate_model_dir(path)
    if problems:
        raise ModelLoadError(f"{path} is not a Vosk model: {summarize_problems(problems)}")


def _open_validated(path: Path) -> vosk.Model:
    openable = path_vosk_can_open(path, _windows_short_path if sys.platform == "win32" else None)
    try:
        import vosk

        from companion.speech.recognizer import quiet_vosk_logs

        quiet_vosk_logs()
        return vosk.Model(openable)
    except Exception as exc:
        raise ModelLoadError(f"could not load the Vosk model in {path}: {exc}") from exc


ShortPath = Callable[[str], str | None]
ASCII_MODEL_FOLDER = r"C:\ProgramData\CallCompanion\models"


def path_vosk_can_open(path: PurePath, short_path: ShortPath | None) -> str:
    """The text to hand `vosk.Model` for `path`; `short_path` is given on Windows only.

    Vosk passes the path to its C++ core as UTF-8 bytes, and on Windows the core opens files
    with the narrow API, which reads those bytes in the ANSI code page: a folder under
    C:\\Users\\José is "not found" (alphacep/vosk-api#1072). ASCII reads the same in both, so a
    non-ASCII path goes through its short 8.3 form (GetShortPathNameW). When the drive keeps no
    short names, or they are not ASCII either, the error names the fix: a machine-wide model
    folder with an ASCII path. (A junction to an ASCII folder is not made instead: no
    user-writable ASCII folder is both private to the agent and always there.)
    """
    text = str(path)
    if short_path is None or text.isascii():
        return text
    short = short_path(text)
    if short and short.isascii():
        return short
    raise ModelLoadError(
        f"{path}: Vosk cannot open a model folder whose path is not plain ASCII on Windows, and "
        f"this drive has no ASCII short name for it; put the model in a folder such as "
        f"{ASCII_MODEL_FOLDER} and add that folder to speech.model_dirs"
    )


def _windows_short_path(path: str) -> str | None:
    """GetShortPathNameW: the 8.3 form of an existing path, or None when Windows gives none."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    get_short = kernel32.GetShortPathNameW
    get_short.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.DWORD]
    get_short.restype = wintypes.DWORD
    size = get_short(path, None, 0)  # the buffer size needed, with the terminating NUL
    if size == 0:
        return None
    buffer = ctypes.create_unicode_buffer(size)
    written = get_short(path, buffer, size)
    return buffer.value if 0 < written < size else None
