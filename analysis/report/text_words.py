"""The reader's common ground: what a reading of a number is, and the word helpers every part of the reader
uses (a lexicon key looked up in a word, a text's words, the clauses of a sentence, a long sentence cut in
pieces). No month, no figure and no cue is decided here."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon
from .text_numbers import SMALL_WORDS, Number

# Where a sentence divides into clauses that may speak of different months or scopes.
_CLAUSE = re.compile(
    r";|\(|\)|\s/\s|\s[–—]\s|\s-\s|:\s|,\s*(?=(?:while|whereas|down|up|a decrease|an increase|a drop|a rise|"
    r"compared|against|including|of which|of whom|bringing|plus|but|although|though|which|when|"
    r"after|as|with|in addition|marking|in comparison|in contrast|roughly|similar|consistent|"
    r"slightly|significantly|far|a slight|a sharp|an uptick|the same|nearly|almost|again|"
    r"compared|and (?:a|an|the|in)\b)\b)|\.\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’./-]*", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What one number of a sentence is. `kind` is 'figure', 'exempt' or 'other'; a figure has a `metric`
    (the corpus' names: 'attacks', 'region_attacks:deir ez-zor', 'repatriation_women:Kyrgyzstan',
    'camp_total:al-Hol', 'repatriations_total' …), a `month`, a `measure` (count, percent_change, difference,
    with `base_month`) and whether the tie is `certain` (only a certain tie can contradict the data)."""

    number: Number
    sentence: str
    kind: str
    metric: str = ""
    month: str = ""
    measure: str = "count"
    base_month: str = ""
    reason: str = ""
    certain: bool = True


@functools.cache
def _keys_pattern(keys: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(k[:-1]) + r"(?![\w-])" if k.endswith("$") else re.escape(k) for k in keys)
        + ")"
    )


def has(text: str, keys: tuple[str, ...]) -> bool:
    """Whether a key occurs in `text` at a word's start (a key ending in '$' must end a word)."""
    return _keys_pattern(tuple(keys)).search(text) is not None


def last_key_end(text: str, keys: tuple[str, ...]) -> int:
    """Where the last key found in `text` ends (-1 when none is there)."""
    return max((m.end() for m in _keys_pattern(tuple(keys)).finditer(text)), default=-1)


def lookup(word: str, table: dict[str, tuple[str, ...]]) -> str:
    return next((name for name, keys in table.items() if has(word, keys)), "")


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        spans.append((start, m.start()))
        start = m.start() if m.group(0)[:1] == "," else m.end()
    spans.append((start, len(sentence)))
    return spans


def words_of(text: str) -> list[str]:
    return [w.lower().strip(".,'’") for w in _WORD.findall(text)]


def list_like(text: str) -> bool:
    """Whether `text` holds only a list's glue: numbers, what they count, groups, 'and', commas."""
    for word in words_of(text):
        if not (
            word.replace(",", "").isdigit()
            or word in SMALL_WORDS
            or word in ("and", "or", "in")
            or lookup(word, lexicon.HEADS)
            or lookup(word, lexicon.GROUPS)
            or has(word, lexicon.NEUTRAL)
        ):
            return False
    return True


MAX_SENTENCE = 2_000  # characters: a longer 'sentence' (a list, a table pasted as text) is read in pieces


def pieces(sentence: str) -> list[str]:
    """A sentence cut at commas or semicolons into pieces of at most MAX_SENTENCE characters, so that the reader's
    work grows with the text's length, never with its square."""
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    out, start = [], 0
    while len(sentence) - start > MAX_SENTENCE:
        cut = max(sentence.rfind(", ", start, start + MAX_SENTENCE), sentence.rfind("; ", start, start + MAX_SENTENCE))
        cut = cut + 2 if cut > start else start + MAX_SENTENCE
        while cut < len(sentence) and sentence[cut - 1].isalnum() and sentence[cut].isalnum():
            cut += 1  # never inside a word or a number
        out.append(sentence[start:cut])
        start = cut
    return out + [sentence[start:]]
