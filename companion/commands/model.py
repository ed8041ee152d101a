"""`companion model`: list, download, import, remove and choose Vosk speech models.

For agents and for IT. Every failure prints one line to stderr naming the model and the fix, and
exits 1; nothing half-installed is ever left looking like a model (see `speech.install`).
`download` fetches from the official site, from `COMPANION_MODEL_MIRROR` (a base URL: the file
fetched is `MIRROR/NAME.zip`) or from `--url`; it is the only network access in the app. A model
with no pinned SHA-256 needs `--sha256 HEX` or an explicit `--unverified`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers
    from companion.speech.models import ModelChoice


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "model",
        help="list, download, import, remove or choose Vosk speech models",
        description="Manage the Vosk speech models Call Companion can use. "
        "Downloads use COMPANION_MODEL_MIRROR (a base URL) when set.",
    )
    actions = parser.add_subparsers(dest="model_action", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="installed models, the one in use, and the catalogue")
    p.set_defaults(func=run_list)

    p = actions.add_parser("download", help="download a model from the catalogue (or --url)")
    p.add_argument("name", help="model name, e.g. vosk-model-small-en-us-0.15")
    p.add_argument("--url", help="fetch the zip from this address instead (IT mirror, test)")
    p.add_argument(
        "--sha256",
        metavar="HEX",
        help="require this SHA-256 for the zip (from IT or the model's publisher)",
    )
    p.add_argument(
        "--unverified",
        action="store_true",
        help="install a model that has no pinned SHA-256 and no --sha256 as served "
        "(IT can forbid this with speech.allow_unverified_models)",
    )
    p.set_defaults(func=run_download)

    p = actions.add_parser("import", help="install a model from a folder or a .zip")
    p.add_argument("path", help="a model folder or a .zip of one")
    p.add_argument("--name", help="install under this name (default: the folder's name)")
    p.set_defaults(func=run_import)

    p = actions.add_parser("remove", help="delete a model from your models folder")
    p.add_argument("name")
    p.set_defaults(func=run_remove)

    p = actions.add_parser("use", help="choose the model (writes speech.model); 'none' = no speech")
    p.add_argument("name", help="an installed model's name, a model folder, or 'none'")
    p.set_defaults(func=run_use)


def _fail(action: str, message: str) -> int:
    print(f"companion model {action}: {message}", file=sys.stderr)
    return 1


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from companion.speech.catalog import CATALOG, MIRROR_ENV, download_url
    from companion.speech.models import installed_models, resolve, summarize_problems

    resolution = resolve(ctx.paths, ctx.config)
    choice = resolution.choice
    models = installed_models(ctx.paths, ctx.config)
    out: list[str] = []
    if choice is not None:
        out.append(f"in use: {choice.name} (from {choice.source})")
    else:
        out.append(f"in use: none ({resolution.reason})")
    out.append("installed:")
    for m in models:
        mark = "*" if choice is not None and m.path == choice.path else " "
        state = "" if m.ok else f"  BROKEN: {summarize_problems(list(m.problems))}"
        out.append(f"  {mark} {m.name:<34} {m.language or '?':<6} {m.source:<17} {m.path}{state}")
    if choice is not None and all(m.path != choice.path for m in models):
        out.append(f"  * {choice.name:<34} {'?':<6} {'path':<17} {choice.path}")
    elif not models:
        out.append(f"    none (your models folder: {ctx.paths.models})")
    installed_names = {m.name for m in models}
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    where = f"mirror {mirror}" if mirror else "alphacephei.com"
    out.append(f"catalogue (companion model download NAME; from {where}):")
    for entry in CATALOG:
        check = "sha256" if entry.sha256 else "none (--sha256 HEX or --unverified)"
        have = "  installed" if entry.name in installed_names else ""
        out.append(
            f"    {entry.name:<34} {entry.language:<6} {entry.language_name:<11} "
            f"{entry.kind:<6} {entry.approx_mb:>5} MB  check: {check}{have}"
        )
    if mirror:
        out.append(f"  e.g. {download_url(CATALOG[0].name)}")
    print("\n".join(line.rstrip() for line in out))
    return 0


def run_download(args: argparse.Namespace, ctx: Context) -> int:
    from companion.speech.download import download_model
    from companion.speech.install import DownloadError
    from companion.speech.models import resolve

    try:
        folder = download_model(
            args.name,
            ctx.paths,
            config=ctx.config,
            url=args.url,
            sha256=args.sha256,
            unverified=args.unverified,
        )
    except DownloadError as exc:
        return _fail("download", str(exc))
    print(f"installed {args.name} in {folder}")
    _hint_use(folder, args.name, resolve(ctx.paths, ctx.config).choice)
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from companion.speech.install import DownloadError, import_model
    from companion.speech.models import resolve

    try:
        folder = import_model(Path(args.path).expanduser(), ctx.paths, args.name)
    except DownloadError as exc:
        return _fail("import", str(exc))
    print(f"installed {folder.name} in {folder}")
    _hint_use(folder, folder.name, resolve(ctx.paths, ctx.config).choice)
    return 0


def _hint_use(folder: Path, name: str, choice: ModelChoice | None) -> None:
    if choice is None or choice.path != folder:
        print(f"to use it: companion model use {name}")


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    from companion.speech.install import DownloadError, remove_model
    from companion.speech.models import installed_models

    found = [m for m in installed_models(ctx.paths, ctx.config) if m.name == args.name]
    if found and found[0].source != "user":
        return _fail(
            "remove",
            f"{args.name} is in {found[0].path.parent} ({found[0].source}), which the app does not "
            "manage; ask IT to remove it",
        )
    try:
        folder = remove_model(ctx.paths, args.name)
    except DownloadError as exc:
        return _fail("remove", str(exc))
    print(f"removed {args.name} ({folder})")
    if ctx.config.get("speech.model") == args.name:
        print(
            f"note: speech.model still names {args.name}; run `companion model use NAME` "
            "or `companion model use none`"
        )
    return 0


def run_use(args: argparse.Namespace, ctx: Context) -> int:
    from companion.config.layers import LockedError
    from companion.speech.models import (
        DISABLED,
        MODEL_ENV,
        find_model_root,
        install_hint,
        installed_models,
        looks_like_path,
        summarize_problems,
        validate_model_dir,
    )

    value: str = args.name.strip()
    if value.lower() == DISABLED:
        value = DISABLED
    elif looks_like_path(value):
        folder = find_model_root(Path(value).expanduser().resolve())
        problems = validate_model_dir(folder)
        if problems:
            return _fail("use", f"{folder} is not a Vosk model: {summarize_problems(problems)}")
        value = str(folder)
    else:
        found = [m for m in installed_models(ctx.paths, ctx.config) if m.name == value]
        if not found:
            return _fail("use", f"{value} is not installed; {install_hint(value)}")
        if not found[0].ok:
            return _fail(
                "use",
                f"{value} is broken ({summarize_problems(list(found[0].problems))})"
                f"; run `companion model remove {value}` and install it again",
            )
    try:
        ctx.config.set_user("speech.model", value)
    except LockedError as exc:
        return _fail("use", f"{exc}; ask IT to change it")
    except OSError as exc:
        return _fail("use", f"cannot write {ctx.paths.user_config}: {exc.strerror}")
    print(f"speech.model = {value} (saved in {ctx.paths.user_config})")
    env_value = os.environ.get(MODEL_ENV, "").strip()
    if env_value:
        print(f"note: {MODEL_ENV}={env_value} is set and overrides this setting in this shell")
    return 0
