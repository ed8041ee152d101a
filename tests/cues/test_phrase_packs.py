"""Phrase packs: the English pack loads and its examples fire; a broken copy says where and why.

A trainer edits these files by hand, so each mistake must come back as one line naming the
file and the line to fix. The broken packs are copies of the real one with one thing changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.cues.patterns import Pattern, PatternSet
from companion.cues.phrase_packs import (
    KIND_FILES,
    PhrasePackError,
    languages,
    load_pack,
    phrases_dir,
)
from companion.cues.text import Tokens

ENGLISH = load_pack("en")
WITH_EXAMPLES = [
    pytest.param(p, id=f"{kind}:{p.id}")
    for kind, patterns in ENGLISH.kinds.items()
    for p in patterns.patterns
    if p.example
]


def test_english_pack_has_every_kind_with_phrases() -> None:
    assert "en" in languages()
    assert ENGLISH.language == "en"
    assert ENGLISH.version
    assert list(ENGLISH.kinds) == list(KIND_FILES)
    assert all(ENGLISH.kinds[kind].patterns for kind in KIND_FILES)
    categories = {p.category for p in ENGLISH.kinds["safeguarding"].patterns}
    assert categories <= ENGLISH.risk_names.keys()
    assert load_pack("en") is ENGLISH  # read once per process


def test_figures_of_speech_are_taken_out_and_real_feelings_stay() -> None:
    strip = ENGLISH.figures_of_speech.sub
    for figure in ("this app is killing me", "my phone died on me", "i nearly died laughing"):
        text = Tokens.from_words(figure.split()).text
        assert strip(" ", text).strip() != text, figure
    for feeling in ("i hate this company", "my dad died last week"):
        text = Tokens.from_words(feeling.split()).text
        assert strip(" ", text) == text, feeling


@pytest.mark.parametrize("pattern", WITH_EXAMPLES)
def test_each_example_fires_its_own_pattern(pattern: Pattern) -> None:
    tokens = Tokens.from_words(pattern.example.split())
    assert list(PatternSet([pattern]).matches(tokens, final=True)), pattern.example


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the English pack to break: tmp_path/phrases/en."""
    root = tmp_path / "phrases"
    shutil.copytree(phrases_dir() / "en", root / "en")
    return root / "en"


def _break(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def _line(file: Path, needle: str) -> int:
    """The first line that holds `needle` (0 if none)."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return next((n for n, raw in enumerate(lines, start=1) if needle in raw), 0)


# file, text to replace, its replacement, text on the line the message names (before the
# change), and the message after "file:line: "
BROKEN = {
    "unknown-fragment": (
        "empathy.toml",
        "{INTENS}{FEEL}",
        "{INTENS}{FEELS}",
        "{INTENS}{FEEL}",
        'pattern "i-feel": unknown fragment {FEELS} (did you mean {FEEL}?) in regex; '
        "fragments are defined in fragments.toml",
    ),
    "bad-regex": (
        "empathy.toml",
        "regex = 'how many (?:more )?times",
        "regex = 'how many (?:more times",
        "regex = 'how many (?:more )?times",
        'pattern "how-many-times": regex does not compile: missing ), unterminated '
        "subpattern at position 9",
    ),
    "duplicate-id": (
        "clarify.toml",
        'id = "confused"',
        'id = "dont-understand"',
        'id = "confused"',  # the second one is named; the message names the first
        'duplicate id "dont-understand" (also on line {first}); give each pattern its own id',
    ),
    "unknown-key": (
        "boundary.toml",
        "lookahead = 3",
        "lookahed = 3",
        "lookahead = 3",
        'pattern "are-you-deaf": unknown key "lookahed"; a pattern has id, category, regex, '
        "lookahead, unless_before, unless_after, wait_for_final, example",
    ),
    "toml-syntax": (
        "escalation.toml",
        'id = "escalate"',
        'id = "escalate',
        'id = "escalate"',
        "TOML syntax error: {syntax}",
    ),
    "missing-regex": (
        "avoid-phrase.toml",
        "regex = '(?:calm down|relax|settle down|lower your voice|watch your tone)'\n",
        "",
        'id = "calm-down"',
        'pattern "calm-down": missing regex; every pattern needs id, category, regex',
    ),
    "fragment-order": (
        "fragments.toml",
        "KIN = '(?:(?:my|our|his|her) (?:\\w+ )?{PERSON}",
        "KIN = '(?:(?:my|our|his|her) (?:\\w+ )?{CHILD}",
        "KIN = ",
        "fragment KIN: unknown fragment {CHILD}; fragments are defined in fragments.toml, "
        "each using only those above it",
    ),
    "space-at-line-break": (
        "callback.toml",
        "behind the wheel|at work\n",
        "behind the wheel|at work \n",
        "behind the wheel|at work",
        'pattern "busy-now": regex has a space before a line break, where it is easy to lose; '
        "put it at the start of the next line",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_pack_names_file_line_and_problem(pack: Path, case: str) -> None:
    name, old, new, at, message = BROKEN[case]
    file = pack / name
    line = _line(file, at)
    first = _line(file, new)  # where a duplicated id is used first
    _break(file, old, new)
    with pytest.raises(PhrasePackError) as caught:
        load_pack("en", pack.parent)
    shown = str(caught.value)
    syntax = shown.partition("TOML syntax error: ")[2]
    expected = message.replace("{first}", str(first)).replace("{syntax}", syntax)
    assert shown == f"{file}:{line}: {expected}"
    assert "\n" not in shown


def test_languages_are_the_folders_with_a_valid_pack(pack: Path) -> None:
    (pack.parent / "de").mkdir()
    assert languages(pack.parent) == frozenset({"en"})
