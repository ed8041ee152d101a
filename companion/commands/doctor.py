"""`companion doctor`: what this machine looks like to Call Companion, for agents and IT."""

from __future__ import annotations

import argparse
import platform
import sys
from typing import TYPE_CHECKING

import companion
from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("doctor", help="print platform, audio devices, model and folders")
    # runs even when the folders cannot be created: that is when IT needs it most
    parser.set_defaults(func=run, folders="if-possible")


def _audio_lines() -> list[str]:
    from companion.audio.devices import (
        AudioUnavailable,
        host_apis,
        list_inputs,
        loopback_candidates,
        wasapi_loopback_note,
    )

    try:
        apis = host_apis()
        inputs = list_inputs()
    except AudioUnavailable as exc:
        return [f"  audio: unavailable: {exc}"]
    lines = [f"  host APIs: {', '.join(apis) or 'none'}"]
    if not inputs:
        lines.append("  input devices: none — plug in a headset; the app still starts")
    for dev in inputs:
        marks = [
            m
            for m, on in (
                ("default", dev.is_default),
                ("headset?", dev.looks_like_headset),
                ("loopback?", dev.looks_like_loopback),
            )
            if on
        ]
        extra = f"  ({', '.join(marks)})" if marks else ""
        lines.append(f"  input: {dev.ref}  {dev.channels} ch  {dev.default_rate:.0f} Hz{extra}")
    note = wasapi_loopback_note(inputs)
    if note:
        lines.append(f"  caller channel: {note}")
    elif not loopback_candidates(inputs):
        lines.append(
            "  caller channel: no loopback-looking input; mic-only cues unless you set "
            "audio.caller_device (Linux: a PulseAudio '.monitor'; macOS: BlackHole)"
        )
    return lines


def _model_lines(ctx: Context) -> list[str]:
    from companion.speech.models import describe_models

    return ["  " + line for line in describe_models(ctx.paths, ctx.config)]


def _folder_lines(ctx: Context) -> list[str]:
    paths = ctx.paths
    lines = [
        f"  {name + ':':<9}{folder}{'' if folder.is_dir() else '  (missing)'}"
        for name, folder in (
            ("data", paths.data),
            ("config", paths.config),
            ("logs", paths.logs),
            ("cache", paths.cache),
            ("models", paths.models),
        )
    ]
    if ctx.folder_problem:
        lines.append(f"  error: {ctx.folder_problem}")
    return lines


def _profile_lines(ctx: Context) -> list[str]:
    """The active profile, or an error naming it and the fix: the overlay would not use it."""
    from companion.config.profiles import ProfileSwitcher

    active = str(ctx.config.get("profiles.active"))
    switcher = ProfileSwitcher(ctx.paths, ctx.config)
    problems = switcher.switch(active)
    if problems:
        return [
            f"  error: the active profile '{active}' cannot be used: {problems[0]}; choose "
            "another with 'companion profiles use NAME' (names: 'companion profiles list')"
        ]
    assert switcher.current is not None
    return [f"  active: {active} ({switcher.current.profile.path})"]


def _phrase_lines() -> list[str]:
    """Which languages have word cues, and their pack versions; a broken pack is an error, as
    the overlay would not start with it."""
    from companion.cues.phrase_packs import PhrasePackError, load_pack, pack_folders, phrases_dir

    packs = pack_folders()
    if not packs:
        return [f"  error: no phrase packs in {phrases_dir()}; reinstall Call Companion"]
    lines = []
    for pack_dir in packs:
        try:
            pack = load_pack(pack_dir.name, pack_dir.parent)
        except PhrasePackError as exc:
            lines.append(f"  error: {exc}")
            continue
        count = sum(len(s.patterns) for s in pack.kinds.values())
        lines.append(f"  {pack.language}: version {pack.version}, {count} patterns ({pack_dir})")
    return lines


def run(args: argparse.Namespace, ctx: Context) -> int:
    out: list[str] = [
        f"Call Companion {companion.__version__}",
        f"platform: {platform.platform()} ({platform.machine()})",
        f"python: {sys.version.split()[0]} ({sys.executable})",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        "audio:",
        *_audio_lines(),
        "speech model:",
        *_model_lines(ctx),
        "word cues (phrase packs):",
        *_phrase_lines(),
        "folders:",
        *_folder_lines(ctx),
        f"  home override: {ctx.paths.home or 'none (platform folders)'}",
        "config files:",
    ]
    unreadable: set[str] = set()
    for layer in ctx.config.layers:
        state = "in effect" if layer.loaded else "not present"
        if layer.unreadable:
            state = "present but unreadable"
            unreadable.add(str(layer.path))
        out.append(f"  {layer.name}: {layer.path} ({state})")
    for problem in ctx.config.problems:  # a file that could not be read at all is an error
        out.append(f"  {'error' if problem.file in unreadable else 'problem'}: {problem}")
    out += ["cue profile:", *_profile_lines(ctx)]
    out.append("settings (effective value ← where it came from):")
    for key in ctx.config.keys:
        value, source = ctx.config.lookup(key.name)
        out.append(f"  {key.name} = {value!r}  ← {source}")
    errors = sum(line.lstrip().startswith("error:") for line in out)
    if errors:
        plural = "s" if errors > 1 else ""
        out.append(f"doctor: {errors} error{plural}: fix the 'error:' lines above")
    else:
        out.append("doctor: no errors")
    print("\n".join(out))
    return 1 if errors else 0
