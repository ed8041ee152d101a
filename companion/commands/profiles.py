"""`companion profiles list|show NAME|use NAME|validate FILE|copy NAME NEW`: cue profiles.

`validate` exits 1 and prints one line per problem (file:line: key: reason), so a trainer can fix
a file before sharing it; `copy` starts a custom profile from a built-in one, in the user's
profiles folder, keeping its comments.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("profiles", help="list, show, validate and copy cue profiles")
    actions = parser.add_subparsers(dest="profiles_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every profile: name, where it lives, description")
    show = actions.add_parser("show", help="effective values of a profile and where each came from")
    show.add_argument("name", help="profile name or path to a .toml file")
    use = actions.add_parser("use", help="choose the cue profile (writes profiles.active)")
    use.add_argument("name", help="profile name, as `profiles list` shows it")
    validate = actions.add_parser("validate", help="check a profile file; exit 1 on problems")
    validate.add_argument("file", help="path to a profile .toml file")
    copy = actions.add_parser(
        "copy", help="copy a profile to your profiles folder under a new name"
    )
    copy.add_argument("name", help="profile to copy")
    copy.add_argument("new", help="name of the new profile (letters, digits, - and _)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    action = {"list": _list, "show": _show, "use": _use, "validate": _validate, "copy": _copy}
    return action[args.profiles_action](args, ctx)


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from companion.config.profiles import list_profiles, read_profile

    active = str(ctx.config.get("profiles.active"))
    for info in list_profiles(ctx.paths, ctx.config):
        profile, problems = read_profile(info.path)
        mark = "*" if info.name == active else " "
        about = (
            profile.description if profile is not None else f"INVALID ({len(problems)} problems)"
        )
        print(f"{mark} {info.name:24} {info.origin:9} {about}  [{info.path}]")
    return 0


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from companion.config.profile_keys import PROFILE_KEYS
    from companion.config.profiles import ProfileError, load_profile

    try:
        effective = load_profile(args.name, ctx.paths, ctx.config)
    except ProfileError as exc:
        for problem in exc.problems:
            print(f"companion profiles: {problem}", file=sys.stderr)
        return 1
    print(f"profile {effective.name}: {effective.profile.path}")
    for problem in effective.config.problems:
        print(f"  problem (ignored): {problem}")
    for key in PROFILE_KEYS:
        value, source = effective.config.lookup(key.name)
        if key.name.startswith("checklist."):
            value = [f"{item.id}: {item.label}" for item in value]
        print(f"  {key.name} = {value!r}  ← {source}")
    return 0


def _use(args: argparse.Namespace, ctx: Context) -> int:
    """Choose the profile the overlay uses: only one that reads cleanly and IT allows."""
    from companion.config.profiles import ProfileSwitcher

    problems = ProfileSwitcher(ctx.paths, ctx.config).switch(args.name)
    if problems:
        print(f"companion profiles use: {problems[0]}", file=sys.stderr)
        return 1
    ctx.config.set_user("profiles.active", args.name)  # locked by IT: a one-line KnownError
    print(
        f"companion: profile {args.name} in use from the overlay's next start "
        "(a running overlay switches from ≡ → Profile)"
    )
    return 0


def _validate(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from companion.config.profiles import read_profile

    path = Path(args.file).expanduser()
    profile, problems = read_profile(path)
    if profile is None:
        for problem in problems:
            print(str(problem))
        print(
            f"{path}: {len(problems)} problem(s); the profile will not be used until fixed",
            file=sys.stderr,
        )
        return 1
    print(f"{path}: ok (format {profile.format}, {len(profile.values)} keys set)")
    return 0


def _copy(args: argparse.Namespace, ctx: Context) -> int:
    from companion.config.profiles import find_profile, read_profile, valid_name

    if not valid_name(args.new):
        print(
            f"companion profiles: '{args.new}' is not a valid name; use letters, digits, "
            "'-' and '_'",
            file=sys.stderr,
        )
        return 2
    source = find_profile(args.name, ctx.paths, ctx.config)
    if source is None or not source.is_file():
        print(
            f"companion profiles: no profile '{args.name}'; see `companion profiles list`",
            file=sys.stderr,
        )
        return 1
    _, problems = read_profile(source)
    if problems:
        print(
            f"companion profiles: {source} has problems; fix them first: {problems[0]}",
            file=sys.stderr,
        )
        return 1
    target = ctx.paths.profiles / f"{args.new}.toml"
    if target.exists():
        print(f"companion profiles: {target} already exists; choose another name", file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".toml.tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    except OSError as exc:
        print(f"companion profiles: cannot write {target} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"copied {source} → {target}")
    return 0
