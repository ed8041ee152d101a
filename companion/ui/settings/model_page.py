"""Settings → Model: the model manager, with downloads that show their progress.

Lists the installed models (broken ones with the reason) and the catalogue; "Use" saves the
choice as `speech.model`, "Remove" deletes a model from the user's models folder, "Download"
fetches a catalogue model (from the official site or `COMPANION_MODEL_MIRROR`). A model with no
pinned SHA-256 is downloaded only when the "without a pinned checksum" box is ticked: the same
explicit consent as `companion model download --unverified`, and refused the same way when IT
turns `speech.allow_unverified_models` off.

The download runs `download_model` on a worker thread; its progress callback emits a Qt signal,
which Qt queues to the GUI thread, so the bar moves while the window stays responsive. Closing
the window cancels a running download (the `.part` file is kept; the next download resumes it)
and waits for the worker, so no thread outlives the window.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.context import Context
from companion.speech.catalog import CATALOG, find_entry
from companion.speech.download import ALLOW_UNVERIFIED, download_model
from companion.speech.install import DownloadError, remove_model
from companion.speech.models import installed_models, resolve, summarize_problems
from companion.ui.plain_text import PlainLabel

STEPS = 1000
UNVERIFIED_LABEL = "Also download models without a pinned checksum"


class Cancelled(Exception):
    """Raised from the progress callback to stop a download when the window closes."""


class DownloadSignals(QObject):
    progress = Signal(object, object)  # bytes so far, total bytes or None
    done = Signal(str, str)  # model name, "" or the one-line reason it failed


class ModelPage(QWidget):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.signals = DownloadSignals(self)
        self.signals.progress.connect(self._progress)
        self.signals.done.connect(self._done)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model-download")
        self._cancel = threading.Event()
        self.job: Future[None] | None = None
        col = QVBoxLayout(self)
        self.in_use = PlainLabel()
        self.in_use.setWordWrap(True)
        col.addWidget(self.in_use)
        col.addWidget(PlainLabel("Installed"))
        self.installed = QListWidget()
        self.installed.setAccessibleName("Installed models")
        col.addWidget(self.installed, 1)
        row = QHBoxLayout()
        self.use = QPushButton("Use")
        self.use.setToolTip("Use the selected model from the next start")
        self.automatic = QPushButton("Pick automatically")
        self.automatic.setToolTip("Use the best installed model (English, mid-size first)")
        self.remove = QPushButton("Remove")
        for button in (self.use, self.automatic, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(PlainLabel("Download"))
        self.catalog = QListWidget()
        self.catalog.setAccessibleName("Models to download")
        col.addWidget(self.catalog, 1)
        row = QHBoxLayout()
        self.download = QPushButton("Download")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Download progress")
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        row.addWidget(self.download)
        row.addWidget(self.progress, 1)
        col.addLayout(row)
        self.unverified = QCheckBox(UNVERIFIED_LABEL)
        self.unverified.setToolTip(
            "Models marked 'no checksum' cannot be verified after download; "
            "tick this to trust the file as the server sends it"
        )
        if not ctx.config.get(ALLOW_UNVERIFIED):
            self.unverified.setEnabled(False)
            self.unverified.setToolTip(f"Turned off by IT ({ALLOW_UNVERIFIED})")
        col.addWidget(self.unverified)
        self.status = PlainLabel("")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.use.clicked.connect(lambda: self.choose(self._selected(self.installed)))
        self.automatic.clicked.connect(lambda: self.choose(""))
        self.remove.clicked.connect(self.remove_selected)
        self.download.clicked.connect(lambda: self.start_download(self._selected(self.catalog)))
        locked = ctx.config.locked_by("speech.model")
        if locked is not None:
            reason = f"Locked by IT in {locked.path}"
            for button in (self.use, self.automatic):
                button.setEnabled(False)
                button.setToolTip(reason)
        self.refresh()

    @staticmethod
    def _selected(widget: QListWidget) -> str:
        item = widget.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def refresh(self, select: str = "") -> None:
        paths, config = self.ctx.paths, self.ctx.config
        resolution = resolve(paths, config)
        choice = resolution.choice
        self.in_use.setText(
            f"In use: {choice.name} ({choice.source})"
            if choice is not None
            else f"In use: none — {resolution.reason}"
        )
        models = installed_models(paths, config)
        self.installed.clear()
        for model in models:
            mark = "✓ " if choice is not None and choice.path == model.path else ""
            state = "" if model.ok else f" — BROKEN: {summarize_problems(list(model.problems))}"
            item = QListWidgetItem(
                f"{mark}{model.name}  [{model.language or '?'}, {model.source}]{state}"
            )
            item.setData(Qt.ItemDataRole.UserRole, model.name)
            item.setToolTip(str(model.path))
            self.installed.addItem(item)
            if model.name == select:
                self.installed.setCurrentItem(item)
        names = {m.name for m in models}
        current = self._selected(self.catalog)
        self.catalog.clear()
        for entry in CATALOG:
            done = " — installed" if entry.name in names else ""
            check = "" if entry.sha256 else ", no checksum"
            item = QListWidgetItem(
                f"{entry.name}  ({entry.language_name}, {entry.kind}, ~{entry.approx_mb} MB"
                f"{check}){done}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            self.catalog.addItem(item)
            if entry.name == current:
                self.catalog.setCurrentItem(item)

    def choose(self, name: str) -> None:
        try:
            self.ctx.config.set_user("speech.model", name)
        except (ValueError, PermissionError, OSError) as exc:
            self.status.setText(str(exc))
            return
        shown = name or "the best installed model"
        self.status.setText(f"Speech model: {shown}, from the next start.")
        self.refresh(name)

    def remove_selected(self) -> None:
        name = self._selected(self.installed)
        if not name:
            self.status.setText("Pick an installed model to remove.")
            return
        try:
            remove_model(self.ctx.paths, name)
        except DownloadError as exc:
            self.status.setText(f"{exc} (only models you installed can be removed here)")
            return
        if self.ctx.config.get("speech.model") == name:
            self.choose("")
        self.status.setText(f"Removed {name}.")
        self.refresh()

    # -- download on a worker thread -------------------------------------------------------

    @property
    def downloading(self) -> bool:
        return self.job is not None and not self.job.done()

    def start_download(self, name: str) -> None:
        if not name:
            self.status.setText("Pick a model to download.")
            return
        if self.downloading:
            self.status.setText("A download is already running.")
            return
        entry = find_entry(name)
        unverified = self.unverified.isEnabled() and self.unverified.isChecked()
        if entry is not None and entry.sha256 is None and not unverified:
            self.status.setText(
                f"{name} has no pinned checksum, so its download cannot be verified; "
                + (
                    f"tick “{UNVERIFIED_LABEL}” to download it anyway."
                    if self.unverified.isEnabled()
                    else f"IT allows only verified downloads ({ALLOW_UNVERIFIED})."
                )
            )
            return
        self._cancel.clear()
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.download.setEnabled(False)
        self.status.setText(f"Downloading {name}…")
        self.job = self._pool.submit(self._work, name, unverified)

    def _work(self, name: str, unverified: bool) -> None:
        """Runs on the worker thread; talks to the GUI only through queued signals."""

        def report(done: int, total: int | None) -> None:
            if self._cancel.is_set():
                raise Cancelled
            self.signals.progress.emit(done, total)

        try:
            download_model(
                name,
                self.ctx.paths,
                config=self.ctx.config,
                unverified=unverified,
                progress=report,
                show_bar=False,
            )
        except Cancelled:
            self.signals.done.emit(name, "cancelled; the next download resumes it")
        except DownloadError as exc:
            self.signals.done.emit(name, str(exc))
        except OSError as exc:
            self.signals.done.emit(name, f"{name}: {exc}")
        else:
            self.signals.done.emit(name, "")

    def _progress(self, done: int, total: int | None) -> None:
        if not total:
            self.progress.setRange(0, 0)  # size unknown: a busy bar
            return
        self.progress.setRange(0, STEPS)
        self.progress.setValue(min(STEPS, int(done * STEPS / total)))

    def _done(self, name: str, problem: str) -> None:
        self.download.setEnabled(True)
        if problem:
            self.progress.setRange(0, STEPS)
            self.status.setText(f"Download of {name} stopped: {problem}")
            return
        self.progress.setRange(0, STEPS)
        self.progress.setValue(STEPS)
        self.status.setText(f"Installed {name}. Select it and press Use to switch to it.")
        self.refresh(name)

    def shutdown(self) -> None:
        """Cancel a running download and wait for the worker (called when the window closes)."""
        self._cancel.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
