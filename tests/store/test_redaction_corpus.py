"""Redaction scored on a corpus of real-sounding transcript lines (STYLE.md: evaluate heuristics
on a corpus).

tests/privacy_corpus/ holds three files of the same mix, written without reading the redactor:
`tune.jsonl` and `dev.jsonl` (a second author's, tuned on in round 2), to look at and tune on,
both asserted here; and `sealed.jsonl`, the honest figure, which is only scored here and never
read line by line: its figures go to tests/artifacts/redaction_sealed.json and this test
asserts nothing about them.

Each line is {"id", "form", "kind", "text", "secrets"}; harmless lines have no secrets.
- recall: the fraction of secrets that are gone from the redacted text: the secret's text no
  longer appears, and no run of 4 or more of its digits survives (digit words read as digits on
  both sides, so "oh seven seven oh" and "0770" are the same run);
- over-redaction: the fraction of harmless lines whose redacted text differs from the input.

Run `python -m tests.store.test_redaction_corpus tests/privacy_corpus/tune.jsonl` for the figures
and every miss.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from companion.store.redact import redact

CORPUS = Path(__file__).resolve().parents[1] / "privacy_corpus"
TUNE = CORPUS / "tune.jsonl"
DEV = CORPUS / "dev.jsonl"
SEALED = CORPUS / "sealed.jsonl"
SEALED_FIGURES = Path(__file__).resolve().parents[1] / "artifacts" / "redaction_sealed.json"
MIN_RECALL = 0.98
MAX_OVER_REDACTION = 0.02
FIELDS = {"id": str, "form": str, "kind": str, "text": str, "secrets": list}

_DIGITS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_REPEAT = {"double": 2, "triple": 3}
_WORD = re.compile(r"[a-z]+")
# digits with only separators between them form one run: "0770 090-0123", "0 7 7 0"
_RUN = re.compile(r"\d(?:[\s.()/+-]*\d)*")


def _as_digits(text: str) -> str:
    """`text` lowercased with digit words ("double four", "oh") written as digits."""
    words = re.split(r"(\W+)", text.lower())
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 2] if i + 2 < len(words) else ""
        if word in _REPEAT and nxt in _DIGITS and words[i + 1].strip() == "":
            out.append(_DIGITS[nxt] * _REPEAT[word])
            i += 3
            continue
        out.append(_DIGITS.get(word, word))
        i += 1
    return "".join(out)


def digit_runs(text: str) -> list[str]:
    return [re.sub(r"\D", "", m.group()) for m in _RUN.finditer(_as_digits(text))]


def survives(secret: str, output: str) -> bool:
    """The secret (or 4+ of its consecutive digits) can still be read in `output`."""
    if secret in output:
        return True
    digits = "".join(digit_runs(secret))
    runs = digit_runs(output)
    return any(digits[i : i + 4] in run for i in range(len(digits) - 3) for run in runs)


def load(path: Path) -> list[dict[str, Any]]:
    """The corpus lines, each checked for its fields and for secrets that are in its text."""
    lines: list[dict[str, Any]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        item = json.loads(raw)
        for name, kind in FIELDS.items():
            assert isinstance(item.get(name), kind), f"{path.name}:{n}: field {name!r}"
        assert all(s in item["text"] for s in item["secrets"]), (
            f"{path.name}:{n}: secret not in text"
        )
        lines.append(item)
    return lines


def score(path: Path) -> tuple[float, float, list[dict[str, Any]]]:
    """(recall, over-redaction, details): details has one entry per line with a miss."""
    secrets = kept = harmless = over = 0
    details: list[dict[str, Any]] = []
    for item in load(path):
        output = redact(item["text"])
        problem = ""
        if item["secrets"]:
            left = [s for s in item["secrets"] if survives(s, output)]
            secrets += len(item["secrets"])
            kept += len(left)
            problem = f"kept {left}" if left else ""
        else:
            harmless += 1
            if output != item["text"]:
                over += 1
                problem = "over-masked"
        if problem:
            details.append({**item, "output": output, "problem": problem})
    recall = (secrets - kept) / secrets if secrets else 1.0
    return recall, (over / harmless if harmless else 0.0), details


@pytest.mark.parametrize("corpus", [TUNE, DEV], ids=["tune", "dev"])
def test_tuning_corpora_meet_the_bar(corpus: Path) -> None:
    if not corpus.exists():
        pytest.skip(f"{corpus} is not there")
    recall, over, details = score(corpus)
    misses = "\n".join(f"{d['id']} {d['problem']}: {d['output']}" for d in details)
    assert recall >= MIN_RECALL and over <= MAX_OVER_REDACTION, (
        f"recall {recall:.3f}, over-redaction {over:.3f}\n{misses}"
    )


def write_figures(corpus: Path, dest: Path) -> dict[str, Any]:
    """Score `corpus` and write only the figures (no lines, no misses) to `dest`."""
    recall, over, details = score(corpus)
    items = load(corpus)
    figures = {
        "corpus": corpus.name,
        "lines": len(items),
        "secrets": sum(len(i["secrets"]) for i in items),
        "harmless_lines": sum(1 for i in items if not i["secrets"]),
        "recall": round(recall, 4),
        "over_redaction": round(over, 4),
        "lines_with_a_miss": len(details),
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def test_sealed_corpus_is_scored_not_judged() -> None:
    """The honest figure: written for whoever reviews it; nothing here may tune on it."""
    if not SEALED.exists():
        pytest.skip(f"{SEALED} is not there")
    write_figures(SEALED, SEALED_FIGURES)
    assert json.loads(SEALED_FIGURES.read_text(encoding="utf-8"))["corpus"] == SEALED.name


def test_figures_file_holds_figures_only(tmp_path: Path) -> None:
    if not TUNE.exists():
        pytest.skip(f"{TUNE} is not there")
    figures = write_figures(TUNE, tmp_path / "figures.json")
    assert json.loads((tmp_path / "figures.json").read_text(encoding="utf-8")) == figures
    assert set(figures) == {
        "corpus",
        "lines",
        "secrets",
        "harmless_lines",
        "recall",
        "over_redaction",
        "lines_with_a_miss",
    }


def test_scorer_reads_digit_words_as_digits() -> None:
    assert survives("oh seven seven oh", "call 0770 later")
    assert survives("0770 0900", "it was double seven oh oh nine")
    assert not survives("4111 1111 1111 1111", "card [card] thanks")
    assert not survives("two seven seven one", "code [cvv] 27")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.store.test_redaction_corpus CORPUS.jsonl", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if path.name == SEALED.name:
        print("the sealed corpus is scored by its test only; its misses are not for reading")
        return 2
    recall, over, details = score(path)
    for d in details:
        print(f"{d['id']} [{d['form']} {d['kind']}] {d['problem']}")
        print(f"    in:  {d['text']}\n    out: {d['output']}")
    print(f"recall {recall:.3f}  over-redaction {over:.3f}  ({len(details)} lines with a miss)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
