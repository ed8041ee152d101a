"""Every application setting, declared once.

Each entry gives the dotted key used in the TOML files, its type (validated by pydantic), the
default, a description shown in the settings window, `companion doctor` and the IT reference, and
whether IT may lock it in the machine-wide config. Privacy keys also declare `fail_closed`, the
value they are held at while the machine config is unreadable. Cue thresholds live in profiles
(`companion.config.profile_keys`), not here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from companion.config.declare import Key, KeySet
from companion.hotkeys.spec import HotkeySpec

Percent = Annotated[float, Field(ge=0.0, le=1.0)]

SETTINGS = KeySet(
    (
        Key(
            "audio.agent_device",
            str,
            "",
            "Microphone for the agent channel, remembered by 'name [host API]'. Empty: a "
            "headset-looking device, else the system default.",
        ),
        Key(
            "audio.caller_device",
            str,
            "",
            "Input that carries the caller's voice (loopback, Stereo Mix, virtual cable, "
            "BlackHole, a PulseAudio monitor). Empty: mic-only cues.",
        ),
        Key(
            "audio.vad_aggressiveness",
            Annotated[int, Field(ge=0, le=3)],
            2,
            "WebRTC VAD aggressiveness, 0 (keeps most audio) to 3 (rejects most noise).",
        ),
        Key(
            "audio.nearfield_margin_db",
            Annotated[float, Field(ge=3.0, le=40.0)],
            15.0,
            "How far below the agent's own speech level (dB) a voiced frame may be and still "
            "count as the agent; quieter voiced frames are colleagues in the room.",
        ),
        Key(
            "audio.end_of_speech_ms",
            Annotated[int, Field(ge=100, le=2000)],
            300,
            "Silence after speech (ms) that ends an utterance and forces the recognizer's final.",
        ),
        Key(
            "speech.model",
            str,
            "",
            "Vosk model to use: a catalogue name, an installed folder name, or a path. Empty: "
            "the best installed model. 'none' runs audio-only cues.",
        ),
        Key(
            "speech.model_dirs",
            list[str],
            [],
            "Extra folders to search for Vosk models (for example a share IT fills).",
        ),
        Key(
            "speech.allow_unverified_models",
            bool,
            True,
            "Let a user who asks explicitly ('companion model download --unverified', or the "
            "box on the model page) download a model with no pinned SHA-256, trusting the zip "
            "as served. Lock it to false to allow only checksum-verified downloads.",
        ),
        Key(
            "speech.allow_http_mirror",
            bool,
            False,
            "Allow model downloads over plain http (a COMPANION_MODEL_MIRROR or --url address), "
            "which anyone on the network path can alter. Off: https only.",
        ),
        Key("profiles.active", str, "standard", "The cue profile in use."),
        Key(
            "profiles.shared_folder",
            str,
            "",
            "A folder of team profiles IT manages, searched after the user's profiles folder.",
        ),
        Key(
            "profiles.allowed",
            list[str],
            [],
            "Profiles agents may pick. Empty: all of them.",
        ),
        Key(
            "privacy.store_transcripts",
            bool,
            False,
            "Keep redacted transcript segments with each call (off by default).",
            fail_closed=False,
        ),
        # Held at 0 while IT's config is unreadable: deleting history is not undone, so it
        # waits for the real value instead of guessing one.
        Key(
            "privacy.keep_days",
            Annotated[int, Field(ge=0, le=3650)],
            0,
            "Days of call history to keep. Calls that started earlier are deleted with their "
            "notes, follow-ups, checklists, cues, transcripts and stress check-ins, at the "
            "overlay's start and daily (a live call or an unsaved note is kept). 0: keep all.",
            fail_closed=0,
        ),
        Key(
            "notes.folder", str, "", "Folder of Markdown notes. Empty: 'notes' in the data folder."
        ),
        Key(
            "breathing.pattern",
            Literal["box", "4-7-8", "sigh", "coherent"],
            "box",
            "Breathing pattern between calls.",
        ),
        Key(
            "breathing.seconds",
            Annotated[int, Field(ge=10, le=600)],
            60,
            "Length of the breathing timer.",
        ),
        Key("breathing.autostart", bool, True, "Start the breathing timer after a note is saved."),
        Key(
            "softphone.baresip",
            str,
            "",
            "Follow baresip's calls from its TCP control interface (module ctrl_tcp): "
            "'host:port', for example '127.0.0.1:4444'. Empty: off.",
        ),
        Key(
            "hotkeys.enabled",
            bool,
            True,
            "System-wide hotkeys for the call actions, pressed in any app (Windows, macOS, "
            "X11; not Wayland). macOS asks for no permission.",
        ),
        *(
            Key(
                f"hotkeys.{action}",
                HotkeySpec,
                f"<ctrl>+<shift>+{letter}",
                f"System-wide hotkey: {what}. pynput spelling, e.g. '<ctrl>+<alt>+{letter}' "
                "or '<f9>'; empty: none.",
            )
            for action, letter, what in (
                ("prepare", "p", "prepare a call"),
                ("start", "s", "start the call"),
                ("end", "e", "end the call"),
                ("mute", "m", "mute or unmute cues"),
                ("breathe", "b", "start the breathing timer"),
                ("expand", "o", "expand or collapse the overlay"),
            )
        ),
        Key(
            "ui.open_panel_on_call",
            bool,
            True,
            "Open the panel (captions, cues, checklist) at the start of every call. Off: the "
            "panel stays as you left it, and cues drop out under the bar while it is collapsed.",
        ),
        Key("ui.theme", Literal["dark", "light"], "dark", "Overlay colour theme."),
        Key("ui.opacity", Annotated[float, Field(ge=0.3, le=1.0)], 0.95, "Overlay opacity."),
    )
)

__all__ = ["SETTINGS", "Percent"]
