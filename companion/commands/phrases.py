"""`companion phrases list|check FOLDER`: the phrase packs behind the word cues.

A trainer who edits a pack (a copy of `resources/phrases/en`) checks it before sharing it:
`check` loads it exactly as the app does and prints one line, `OK` with its counts or the first
problem with file, line and fix, and exits 1 on a problem. `list` shows the packs the app has.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.context import Context

if TYPE_CHECKING:
    from companion.commands.arguments import Subparsers
    from companion.cues.phrase_packs import PhrasePack


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("phrases", help="list the phrase packs, or check an edited one")
    actions = parser.add_subparsers(dest="phrases_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every phrase pack: language, version, patterns per cue")
    check = actions.add_parser("check", help="check a phrase pack folder; exit 1 on a problem")
    check.add_argument("folder", type=Path, help="a language's folder, e.g. my-phrases/en")
    parser.set_defaults(func=run)


def _summary(pack: PhrasePack) -> str:
    counts = ", ".join(f"{kind} {len(s.patterns)}" for kind, s in pack.kinds.items())
    return f"{pack.language} {pack.version}: {counts}"


def run(args: argparse.Namespace, ctx: Context) -> int:
    from companion.cues.phrase_packs import PhrasePackError, languages, load_pack, phrases_dir

    if args.phrases_action == "list":
        for language in sorted(languages()):
            print(f"{_summary(load_pack(language))}  [{phrases_dir() / language}]")
        return 0
    folder: Path = args.folder.resolve()
    if not folder.is_dir():
        print(
            f"companion phrases: {args.folder}: no such folder; give a language's folder, "
            f"e.g. {phrases_dir() / 'en'}",
            file=sys.stderr,
        )
        return 1
    try:
        pack = load_pack(folder.name, folder.parent)
    except PhrasePackError as exc:
        print(f"companion phrases: {exc}", file=sys.stderr)
        return 1
    print(f"OK {_summary(pack)}")
    return 0
