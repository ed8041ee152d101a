"""One spelling of spoken words, shared by the cue phrase rules and the in-call checklist.

Vosk writes contractions ("i'm", "you're", "don't"); profiles and trainers write either form,
with straight or curly apostrophes. A phrase must match an utterance whichever side is
contracted, so both sides are spelled by `words()` and compared slot by slot (`slot()`; the cue
patterns do the same with `cues.patterns.in_slots`).

- Case is folded, ’ ‘ ` ´ ʼ become ', Vosk's "[unk]" is dropped, other punctuation is a space
  (letters of any script stay: "José" is "josé").
- Contractions with one reading are expanded: "don't" → "do not", "can't"/"cannot" → "can
  not", "won't" → "will not", "i'm" → "i am", "you're" → "you are", "we'll" → "we will",
  "i've" → "i have", "let's" → "let us" (also apostrophe-less "dont", "im", "youre"…).
  Expanded rather than contracted because the hand-written cue rules read "it is not my fault".
- Contractions with two readings are not resolved, because guessing from the next word is
  often wrong ("he'd like" / "he'd left") and a phrase and an utterance could be guessed
  differently. Instead each gets one spelling and one slot that both readings share:
  "'s" on a pronoun or question word ("it's", "that's", "what's", "nobody's") is spelled "is",
  and "is"/"has" fill one slot, so "it's been" matches "it has been"; "'d" is spelled "would",
  and "would"/"had" fill one slot, so "i'd called" matches "i had called".
- "'s" on any other word is a possessive or is-or-has ("the customer's bill", "the bill's
  wrong"), which only parsing could tell. It becomes its own token "s" ("customer s bill"),
  never "customer is", and fills the is/has slot, so "the bill is wrong" still matches.

The price of a shared slot is a little looseness: a phrase with "it is" also accepts "it has",
"would" accepts "had". A near-miss of that kind is cheaper than a checklist that never ticks.
"""

from __future__ import annotations

import re

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_TAGS = re.compile(r"\[[a-z]*\]")  # Vosk's "[unk]" (and any other bracketed tag)
_DROP = re.compile(r"[^\w' ]+|_")  # letters (any script), digits and apostrophes stay

_NT_VERBS = (
    *("do", "does", "did", "is", "are", "was", "were", "have", "has", "had"),
    *("would", "could", "should", "must", "need"),
)
# Whole words, with and without the apostrophe (Vosk and people both drop it now and then).
_WHOLE = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "ain't": "is not",
    "shan't": "shall not",
    "let's": "let us",
    "y'all": "you all",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "dunno": "do not know",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "youve": "you have",
    "youll": "you will",
    "theyre": "they are",
    "theyve": "they have",
    "weve": "we have",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "cant": "can not",
    "wont": "will not",
    **{f"{verb}nt": f"{verb} not" for verb in _NT_VERBS},
}
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'m", "am"), ("'ll", "will"), ("'ve", "have"))

# Words whose "'s" is a verb (is or has), never a possessive worth keeping apart.
_S_IS_VERB = frozenset(
    (
        *("it", "that", "there", "here", "this", "one", "he", "she"),
        *("what", "where", "who", "how", "when", "why"),
        *("nobody", "somebody", "everybody", "anybody", "someone", "everyone", "anyone"),
        *("nothing", "something", "everything"),
    )
)

# Readings that share one slot: a contraction did not say which of them was meant.
_SLOTS = {"is": "is", "has": "is", "s": "is", "would": "would", "had": "would"}
SLOT_WORDS = tuple(_SLOTS)


def normalise_word(raw: str) -> list[str]:
    """One spoken word as zero or more tokens ("don't" → ["do", "not"], "[unk]" → [])."""
    word = _TAGS.sub(" ", raw.casefold().translate(_APOSTROPHES))
    out: list[str] = []
    for part in _DROP.sub(" ", word).split():
        part = part.strip("'")
        if part:
            out.extend(_expand(part))
    return out


def _expand(part: str) -> list[str]:
    """One word's tokens, contractions peeled from the end ("wouldn't've" → would not have)."""
    if part in _WHOLE:
        return _WHOLE[part].split()
    head, _, tail = part.rpartition("'")
    if not head:
        return [part.replace("'", "")]
    for suffix, expansion in _SUFFIXES:
        if part.endswith(suffix) and len(part) > len(suffix):
            return [*_expand(part[: -len(suffix)]), expansion]
    if tail == "d":
        return [*_expand(head), "would"]
    if tail == "s":
        return [*_expand(head), "is" if head in _S_IS_VERB else "s"]
    return [part.replace("'", "")]


def words(text: str) -> list[str]:
    """The normalised tokens of a text (a phrase, or an utterance's words joined by spaces)."""
    return [tok for raw in text.split() for tok in normalise_word(raw)]


def normalise(text: str) -> str:
    """`words(text)` as one space-separated string, the form the cue patterns are written in."""
    return " ".join(words(text))


def slot(token: str) -> str:
    """The slot a normalised token fills: equal slots match ("has" and "s" fill "is")."""
    return _SLOTS.get(token, token)


def slot_alternatives(token: str) -> tuple[str, ...]:
    """Every token that fills the same slot as `token`, itself first (for building regexes)."""
    key = slot(token)
    return (token, *(t for t, k in _SLOTS.items() if k == key and t != token))
