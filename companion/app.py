"""The composition root: builds every object of the running overlay and connects the signals.

`companion.launch` has already shown the overlay with its bar (first paint first); `assemble`
builds the rest into it. Order matters for the agent: the call state of an earlier run is
restored (a wrap-up interrupted by a crash comes back with its draft), then messages held since
start are shown (config problems, a damaged history moved aside, no model, no microphone), then
audio starts and the speech model loads in the background. Cues work audio-only until the model
is ready, or for good without one.

`build(ctx, demo=...)` returns the wired `Companion` without running the event loop (tests and
`companion demo --screenshots` drive it); `assemble` adds the softphone link, the tray, global
hotkeys, privacy upkeep and the audio, for the running overlay.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from companion.audio.vad import VadSettings
from companion.calls.lifecycle import CallInfo, Phase
from companion.calls.start_notices import CallConditions, SpeechState, StartNotices, speech_state
from companion.config.profile_keys import PROFILE_KEYS
from companion.config.profiles import ProfileSwitcher, list_profiles
from companion.config.settings import SETTINGS
from companion.context import Context
from companion.cues.settings import CueSettings
from companion.events import Channel
from companion.ipc.requests import handle_request
from companion.ipc.server import InstanceServer
from companion.logsetup import (
    LOG_NAME,
    add_crash_viewer,
    add_known_error_viewer,
    mark_crash_report_seen,
    pending_crash_reports,
)
from companion.speech.catalog import guess_language
from companion.store.database import OpenedStore, StoreError, open_store, store_errors
from companion.store.fallback_merge import FALLBACK_PREFIX, merge_fallbacks
from companion.store.notes_index import NotesIndex, notes_folder
from companion.ui.call_controller import CallController
from companion.ui.crash_dialog import CrashDialog
from companion.ui.event_bridge import EventBridge
from companion.ui.message_bridge import MessageBridge
from companion.ui.overlay import Overlay, themed_overlay
from companion.ui.theme import style_sheet
from companion.ui.tray import AppMenu, make_tray
from companion.ui.window import MainWindow

if TYPE_CHECKING:
    from concurrent.futures import Future

    import vosk

    from companion.speech.recognizer import ChannelRecognizer

log = logging.getLogger(__name__)
# Quitting while Vosk loads the model: native code still running when the process exits can crash
# it (SIGSEGV) as libraries unload, so shutdown waits this long for the load to end.
MODEL_SETTLE_S = 60.0
RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000  # retention runs daily while the overlay runs
RETENTION_RETRY_MS = 10 * 60 * 1000  # ...and waits this long when a call is live
NO_MODEL_TEXT = (
    "Audio-only cues — install the English model: companion model download "
    "vosk-model-small-en-us-0.15"
)


@dataclass
class Companion:
    ctx: Context
    store: OpenedStore
    controller: CallController
    overlay: Overlay
    window: MainWindow
    messages: MessageBridge
    bridge: EventBridge
    menu: AppMenu
    demo: bool
    channels: frozenset[Channel]
    server: InstanceServer | None = None
    listener: Any = None  # the audio feed: LiveListener (inputs) or DemoFeed (the demo call)
    tray: QSystemTrayIcon | None = None
    recognizers: dict[Channel, ChannelRecognizer] = field(default_factory=dict)
    speech: SpeechState = "none"
    model_language: str = ""
    _speech_when_loaded: SpeechState = "ready"  # the model's language has a phrase pack?
    notices: StartNotices = field(default_factory=StartNotices)
    crash_dialogs: list[CrashDialog] = field(default_factory=list)
    # set once no thread is inside Vosk loading the model (or warming its recognizers)
    model_settled: threading.Event = field(default_factory=threading.Event)

    # -- start and stop ------------------------------------------------------------------

    def show(self) -> None:
        self.overlay.place()
        self.overlay.show()
        self.attach()

    def attach(self) -> None:
        """The shown overlay takes up the earlier run's call state, held messages and crashes."""
        self.controller.restore()
        self.messages.attach(self.window.message)
        add_crash_viewer(self._crash_viewer)
        # a known problem that reached the top (a full disk mid-save, say) is a banner, not a crash
        add_known_error_viewer(lambda line: self.messages.post("error", line, "warning"))
        for report in pending_crash_reports(self.ctx.paths)[-1:]:
            self.show_crash(
                report, report.read_text(encoding="utf-8", errors="replace"), earlier=True
            )
            mark_crash_report_seen(report)

    def start_audio(self) -> None:
        """Start the audio feed (the inputs, or the demo call) and load the model behind it."""
        if self.demo:
            from companion.speech.demo_feed import DemoFeed

            self.listener = DemoFeed(self.bridge.post)
        else:
            self._open_inputs()
        self._load_model()

    def shutdown(self) -> None:
        """Quit, log-off or SIGTERM: the call and the draft are written (the session's job), the
        audio and the channel close, and the history's write-ahead log is folded back into the
        file, so a copy or backup taken after quitting is whole."""
        self.controller.shutdown()
        if self.listener is not None:
            self.listener.stop()
        if self.speech == "loading" and not self.model_settled.wait(MODEL_SETTLE_S):
            log.warning("quitting while the speech model is still loading")
        if self.server is not None:
            self.server.close()
        try:
            with store_errors(self.store.path):
                self.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError as exc:  # quitting goes on; SQLite folds it in at the next open
            log.warning("history not checkpointed at quit: %s", exc)
        log.info("overlay stopped")

    # -- crash reports -------------------------------------------------------------------

    def _crash_viewer(self, report: Path, text: str) -> None:
        QTimer.singleShot(0, lambda: self.show_crash(report, text))

    def show_crash(self, report: Path, text: str, *, earlier: bool = False) -> CrashDialog:
        dialog = CrashDialog(report, text, self.ctx.paths.logs / LOG_NAME, earlier=earlier)
        dialog.setStyleSheet(style_sheet(str(self.ctx.config.get("ui.theme"))))
        dialog.show()
        self.crash_dialogs.append(dialog)
        return dialog

    # -- audio and speech ----------------------------------------------------------------

    def _open_inputs(self) -> None:
        from companion.audio.input_plan import plan_inputs
        from companion.audio.portaudio import AudioUnavailable
        from companion.speech.live import LiveListener

        config = self.ctx.config
        try:
            plan = plan_inputs(
                str(config.get("audio.agent_device")), str(config.get("audio.caller_device"))
            )
        except AudioUnavailable as exc:
            self.messages.post("no-input", f"No audio: {exc}.", "warning")
            return
        for key, text, level in plan.notices:
            self.messages.post(key, text, level)
        self.listener = LiveListener(
            plan.devices,
            self.bridge.post,
            vad=VadSettings.from_config(config.get),
            preferred=plan.preferred,
            on_switch=self._device_switched,
        )
        self.listener.start()
        self.listener.set_between_calls(self.controller.phase is not Phase.LIVE)

    def _device_switched(self, channel: Channel, name: str) -> None:
        """From the listener's watchdog thread: the saved headset is back (post is thread-safe)."""
        who = "Headset" if channel == "agent" else "Caller input"
        self.messages.post(f"device-{channel}", f"{who} {name} found: listening to it now.", "info")

    def _load_model(self) -> None:
        from companion.speech.models import load_model_async, resolve

        resolution = resolve(self.ctx.paths, self.ctx.config)
        if resolution.choice is None:
            text = (
                NO_MODEL_TEXT
                if resolution.nothing_installed
                else f"Audio-only cues: {resolution.reason}"
            )
            if self.demo:
                text += " (the demo shows its script as captions)"
            self.messages.post("model", text, "warning")
            return
        self.messages.post("model", f"Loading the speech model {resolution.choice.name}…", "info")
        self.speech = "loading"
        self.model_language = guess_language(resolution.choice.name)
        from companion.cues.phrase_packs import languages

        # decided here, on the GUI thread: the loader thread only loads
        self._speech_when_loaded = speech_state(self.model_language, languages())
        future = load_model_async(resolution.choice.path)
        future.add_done_callback(self._model_loaded)

    def _model_loaded(self, future: Future[vosk.Model]) -> None:
        """Runs on the loader thread: warm the recognizers there, then attach them."""
        from companion.speech.transcribe import make_recognizer

        try:
            model = future.result()
            recognizers = {ch: make_recognizer(model, ch) for ch in self.channels}
        except Exception as exc:
            self.speech = "none"
            self.messages.post("model", f"Audio-only cues: {exc}", "warning")
            return
        finally:
            self.model_settled.set()
        self.speech = self._speech_when_loaded
        self.controller.session.word_cues = self.speech == "ready"
        self.recognizers = recognizers
        if self.listener is not None:
            for ch, rec in recognizers.items():
                self.listener.set_recognizer(ch, rec)
        self.messages.post("model", "", "clear")

    # -- IPC -----------------------------------------------------------------------------

    def _bring_to_front(self) -> None:
        self.overlay.show()
        self.overlay.raise_()

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        """A softphone hook or `companion call …` from another process."""
        return handle_request(
            request,
            self.controller.session,
            show=self._bring_to_front,
            quit_app=lambda: QTimer.singleShot(0, QApplication.quit),
        )


def _demo_store(ctx: Context) -> tuple[OpenedStore, Path]:
    """A throwaway history for the demo, with one earlier call so prep has something to show."""
    from companion.calls.demo_seed import seed_demo_history

    folder = ctx.paths.cache / "demo"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "demo.db")
    seed_demo_history(store.db)
    return store, folder


def _profile(ctx: Context, messages: MessageBridge) -> tuple[str, CueSettings, Any, list[str]]:
    switcher = ProfileSwitcher(ctx.paths, ctx.config)
    built_in = str(SETTINGS["profiles.active"].default)  # the profile every install has
    wanted = str(ctx.config.get("profiles.active")) or built_in
    problems = switcher.switch(wanted)
    if problems and wanted != built_in:
        messages.post("profile", f"Profile '{wanted}' not used: {problems[0]}", "warning")
        problems = switcher.switch(built_in)
    names = [p.name for p in list_profiles(ctx.paths, ctx.config)]
    if switcher.current is None:
        messages.post(
            "profile",
            f"No usable cue profile ({problems[0] if problems else '?'}); built-in defaults in use",
            "warning",
        )
        defaults = PROFILE_KEYS.defaults()
        return "defaults", CueSettings.defaults(), defaults.get, names
    current = switcher.current
    return current.name, current.cue_settings(), current.get, names


def _merge_fallbacks(store: OpenedStore, cache: Path, messages: MessageBridge) -> None:
    """Calls kept in a stand-in file when the history could not be opened go back into it."""
    merged = merge_fallbacks(store.db, cache)
    if merged.files:
        messages.post(
            "store-merge",
            f"{merged.calls} call(s) saved while the call history could not be opened are now "
            "in it.",
            "info",
        )
    for problem in merged.left[:1]:
        messages.post(
            "store-merge",
            f"A session's calls are still in a separate file ({problem}); they are kept there.",
            "warning",
        )


def build(ctx: Context, *, demo: bool = False, overlay: Overlay | None = None) -> Companion:
    messages = MessageBridge()
    for problem in ctx.config.problems:
        messages.post("config", f"Settings problem: {problem}", "warning")
    notes_dir = notes_folder(ctx.paths.notes, str(ctx.config.get("notes.folder")))
    data_dir = ctx.paths.data
    if demo:
        store, data_dir = _demo_store(ctx)
        from companion.speech.demo_feed import demo_folder

        notes_dir = demo_folder() / "notes"
    else:
        try:
            store = open_store(ctx.paths.database)
        except StoreError as exc:
            messages.post(
                "store",
                f"{exc}. This session's calls are kept in a temporary file and added to the "
                "call history at the next start.",
                "error",
            )
            store = open_store(ctx.paths.cache / f"{FALLBACK_PREFIX}{os.getpid()}.db")
        else:
            _merge_fallbacks(store, ctx.paths.cache, messages)
    if store.notice:
        messages.post("store", store.notice[:1].upper() + store.notice[1:], "warning")
    name, cue_settings, profile_value, names = _profile(ctx, messages)
    channels: frozenset[Channel] = frozenset(("agent", "caller"))
    if not demo and not str(ctx.config.get("audio.caller_device")):
        channels = frozenset(("agent",))  # said at the first call's start (start_notices)
    controller = CallController(
        store.db,
        data_dir,
        settings=ctx.config.get,
        cue_settings=cue_settings,
        profile_values=profile_value,
        profile_name=name,
        notes=NotesIndex(store.db, notes_dir),
        channels=channels,
    )
    theme = str(ctx.config.get("ui.theme"))
    if overlay is None:
        overlay = themed_overlay(ctx.paths.config, theme, float(ctx.config.get("ui.opacity")))
    window = MainWindow(controller, overlay, theme, ctx.config.get)
    window.idle.set_status(
        f"Profile: {name}" + (" · demo call with a sample history" if demo else "")
    )
    menu = AppMenu(window.menu)
    menu.set_profiles(names, name)
    bridge = EventBridge()
    bridge.add_receiver(controller.on_event)  # called on the GUI thread
    companion = Companion(
        ctx, store, controller, overlay, window, messages, bridge, menu, demo, channels
    )
    _wire(companion)
    return companion


def _wire(app: Companion) -> None:
    c, w, menu = app.controller, app.window, app.menu
    menu.prepare.connect(w.prepare)
    menu.start_call.connect(lambda: c.start_call(source="tray"))
    menu.end_call.connect(lambda: c.end_call(source="tray"))
    menu.mute.connect(lambda on: w.bar.set_muted(on, emit=True))
    w.bar.mute_toggled.connect(menu.set_muted)
    menu.quit.connect(QApplication.quit)
    qapp = QApplication.instance()
    if isinstance(qapp, QApplication):  # log-off without SIGTERM (WM_QUERYENDSESSION, XSMP)
        qapp.commitDataRequest.connect(lambda _manager: c.commit_data())
    c.phase_changed.connect(lambda phase, _who: menu.set_phase(phase))

    def between_calls(phase: str, _who: str) -> None:
        if app.listener is not None:
            app.listener.set_between_calls(phase != Phase.LIVE.value)

    c.phase_changed.connect(between_calls)
    menu.profile.connect(lambda n: _switch_profile(app, n))

    def open_settings() -> None:
        from companion.ui.settings_window import SettingsWindow

        dialog = SettingsWindow(app.ctx, app.overlay)
        dialog.show()

    menu.settings.connect(open_settings)
    w.on_settings = open_settings

    def call_started(_call_id: int) -> None:
        conditions = CallConditions(
            caller_channel="caller" in app.channels,
            speech="ready" if app.demo else app.speech,  # the demo's script gives the words
            muted=c.muted,
            model_language=app.model_language,
        )
        w.show_notices(app.notices.for_call(conditions))
        if app.listener is not None:
            app.listener.start_call()
        app.bridge.drop_pending()  # still queued, on the clock before this call

    c.call_started.connect(call_started)


def _switch_profile(app: Companion, name: str) -> None:
    try:
        app.ctx.config.set_user("profiles.active", name)
    except PermissionError as exc:
        app.messages.post("profile", str(exc), "warning")
        return
    switcher = ProfileSwitcher(app.ctx.paths, app.ctx.config)
    problems = switcher.switch(name)
    if problems or switcher.current is None:
        app.messages.post("profile", f"Profile '{name}' not used: {problems[0]}", "warning")
        return
    current = switcher.current
    app.controller.session.use_profile(name, current.cue_settings(), current.get)
    app.messages.post("profile", f"Profile '{name}' in use from the next call.", "info")


def _keep_privacy(app: Companion, qapp: QApplication) -> None:
    """Privacy upkeep of the agent's own history (not the demo's, nor a stand-in file): a change
    of the effective `privacy.store_transcripts` goes into the privacy ledger, and retention
    (`privacy.keep_days`) runs now and then daily, never during a live call. The rules are the
    store's (`ledger`, `retention`); this only times them and says what they did."""
    from companion.store.ledger import note_transcripts_setting
    from companion.store.retention import run_retention

    if app.demo or app.store.path != app.ctx.paths.database:
        return
    config, db, session = app.ctx.config, app.store.db, app.controller.session
    value, source = config.lookup("privacy.store_transcripts")
    try:
        with store_errors(app.store.path):
            note_transcripts_setting(db, bool(value), source, at=session.now_iso())
    except StoreError as exc:
        log.warning("transcript setting not recorded in the privacy ledger: %s", exc)

    def retain() -> None:
        if session.phase is Phase.LIVE:  # compacting the file could stall the call's screen
            QTimer.singleShot(RETENTION_RETRY_MS, retain)
            return
        hold = [session.call_id] if session.call_id is not None else []
        keep_days = int(config.get("privacy.keep_days"))
        try:
            with store_errors(app.store.path):
                run = run_retention(db, keep_days, now=session.wall(), hold=hold)
        except StoreError as exc:
            app.messages.post("retention", f"Old calls not deleted: {exc}", "warning")
            return
        if run is not None and run.calls:
            text = f"Deleted {run.calls} call(s) older than {keep_days} days (privacy.keep_days)."
            app.messages.post("retention", text, "info")

    QTimer.singleShot(0, retain)
    daily = QTimer(qapp)
    daily.timeout.connect(retain)
    daily.start(RETENTION_INTERVAL_MS)


def assemble(
    ctx: Context,
    qapp: QApplication,
    overlay: Overlay,
    server: InstanceServer | None,
    *,
    link_problem: str = "",
    demo: bool = False,
    on_ready: Callable[[Companion], None] | None = None,
) -> Companion:
    """The running overlay, built into the window `launch` has painted. Its pages paint in the
    next turn of the event loop; then the audio starts, and only then is the softphone served
    (what it sent meanwhile, too), so a call it starts has audio from its first second."""
    companion = build(ctx, demo=demo, overlay=overlay)
    companion.server = server
    if server is None:  # the overlay runs; calls are started by hand or hotkey
        log.warning("softphone link off: %s", link_problem)
        companion.messages.post(
            "ipc", f"Softphone link off: {link_problem}. Start and end calls here.", "warning"
        )
    from companion.windows_session import on_start as hold_windows_session

    hold_windows_session(ctx.paths.home)  # Windows: installer mutexes, restart after upgrades
    if not demo:  # follow baresip's calls when `softphone.baresip` names its ctrl_tcp address
        from companion.ui.softphone_bridge import follow_baresip

        setting = str(ctx.config.get("softphone.baresip"))
        softphone = follow_baresip(setting, companion.handle, companion.messages.post, qapp)
        if softphone is not None:
            qapp.aboutToQuit.connect(softphone.stop)
    from companion.ui.global_hotkeys import start_global_hotkeys  # the same handlers, any app

    def start_hotkeys() -> None:
        # after the overlay is up: the keyboard listener may take seconds to give up
        shortcuts, post = companion.window.shortcuts, companion.messages.post
        hotkeys = start_global_hotkeys(ctx.config.get, shortcuts, post)
        if hotkeys is not None:
            qapp.aboutToQuit.connect(hotkeys.stop)

    companion.attach()
    if demo:
        QTimer.singleShot(
            800,
            lambda: companion.controller.start_call(
                CallInfo(identity="Jane Morgan", direction="inbound"), source="button"
            ),
        )
    companion.tray = make_tray(companion.window.menu)

    def listen_and_serve() -> None:
        try:
            companion.start_audio()
        finally:  # a bug in the audio start is a crash report; the softphone is served anyway
            if server is not None:
                server.serve(companion.handle)
        log.info("overlay started %s", dt.datetime.now().isoformat(timespec="seconds"))
        if on_ready is not None:
            on_ready(companion)

    QTimer.singleShot(0, listen_and_serve)
    QTimer.singleShot(0, start_hotkeys)
    _keep_privacy(companion, qapp)
    qapp.aboutToQuit.connect(companion.shutdown)
    return companion
