"""How the report says things: a number with its bound, a count of things, a country, a list, a camp group,
a change from the previous month and a figure that is not known. One home for each phrase, so that the key
points, the chart titles, the tables and the draft say the same thing the same way.

Phrase builders return phrases (no capital, no full stop); the module that writes a sentence adds those.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..months import long_month, month_name
from ..vocabulary import BOUNDS, SEVERAL_COUNTRIES

QUALIFIER_WORDS = {">": "more than", "≥": "at least", "<": "fewer than", "≤": "at most", "~": "about"}


def missing(value) -> bool:
    """True when a figure was not published."""
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def said_qualifier(qualifier: str) -> str:
    """The part of a qualifier a reader is told: bounds and 'about'; 'implied' and 'text' (body text) are exact
    numbers and say nothing."""
    return qualifier if qualifier in BOUNDS else ""


def number(value, qualifier: str = "") -> str:
    """49432 -> '49,432'; with '≥' -> 'at least 49,432'; 'implied' and 'text' add nothing."""
    text = f"{int(value):,}"
    words = QUALIFIER_WORDS.get(said_qualifier(qualifier))
    return f"{words} {text}" if words else text


def counted(value, qualifier: str, singular: str, plural: str, zero: str = "no") -> str:
    """'1 raid', '10 raids', 'no raids', 'at least 1 raid', 'at least 39 people'."""
    if int(value) == 0 and not said_qualifier(qualifier):
        return f"{zero} {plural}"
    noun = singular if int(value) == 1 else plural
    return f"{number(value, qualifier)} {noun}"


def total_qualifier(qualifiers) -> str:
    """The qualifier of a sum: exact parts give an exact sum; lower bounds ('>1,700' + 960) a lower bound
    ('more than 2,660'); upper bounds an upper bound; anything approximate, or bounds both ways, 'about'."""
    inexact = {q for q in qualifiers if q in BOUNDS}
    if not inexact:
        return ""
    if inexact <= {">", "≥"}:
        return ">" if ">" in inexact else "≥"
    if inexact <= {"<", "≤"}:
        return "<" if "<" in inexact else "≤"
    return "~"


def join(parts: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def join_clauses(parts: list[str]) -> str:
    """Like `join`, with a comma before the last 'and' when a part has an 'and' of its own, so that
    '6 killed and 11 injured' (or 'killed or injured') and '6 civilians killed' do not run together."""
    parts = [p for p in parts if p]
    if len(parts) > 1 and any(" and " in p or " or " in p for p in parts):
        return ", ".join(parts[:-1]) + ", and " + parts[-1]
    return join(parts)


def capitalised(sentence: str) -> str:
    """Every bullet and sentence starts with a capital ('al-Hol camp held …' -> 'Al-Hol camp held …')."""
    return sentence[:1].upper() + sentence[1:]


# Country names said with "the" ('the United Kingdom repatriated …').
_WITH_ARTICLE = {
    "United Kingdom",
    "United States",
    "Netherlands",
    "Czech Republic",
    "Philippines",
    "Maldives",
    "United Arab Emirates",
    "Dominican Republic",
    "Central African Republic",
    "Gambia",
    "Bahamas",
    "Comoros",
    "Democratic Republic of the Congo",
    "Republic of the Congo",
    "Republic of Moldova",
}


def country(name: str) -> str:
    """'United Kingdom' -> 'the United Kingdom'; 'Russia; Kyrgyzstan' -> 'Russia and Kyrgyzstan together';
    'several' (countries the source does not name) -> 'several countries'; '' -> 'a country the source does
    not name'."""
    names = [n.strip() for n in str(name).split(";") if n.strip()]
    if not names:
        return "a country the source does not name"
    if names == [SEVERAL_COUNTRIES]:
        return "several countries the source does not name"
    said = [f"the {n}" if n in _WITH_ARTICLE else n for n in names]
    return join(said) + (" together" if len(said) > 1 else "")


def one_country(name: str) -> bool:
    """Whether a repatriation names exactly one country (only those get a bar of their own)."""
    name = str(name).strip()
    return bool(name) and ";" not in name and name != SEVERAL_COUNTRIES


# Where people were repatriated from (repatriations.csv, `repatriated_from`), as a phrase.
FROM_PHRASES = {
    "nes_camps": " from NES camps",
    "detention_facilities": " from detention facilities in NES",
    "camps_and_detention": " from camps and detention facilities in NES",
    "nes": " from NES",
    "not_stated": "",
}


@dataclass(frozen=True)
class Group:
    """How a camp population group is said: one of them, many of them, and as a chart label."""

    singular: str
    plural: str
    label: str


CAMP_GROUP_WORDS = {
    "iraqi": Group("Iraqi", "Iraqis", "Iraqis"),
    "syrian": Group("Syrian", "Syrians", "Syrians"),
    "third_country": Group("third-country foreigner", "third-country foreigners", "Third-country\nforeigners"),
}


def change(value, qualifier: str, before, before_qualifier: str, before_month: str) -> str:
    """The one comparison with the previous month: 'down from 17 in October', 'up from 9 in October', 'the same
    as in October'; where a bound leaves the direction open, 'against more than 9 in October'."""
    name = month_name(before_month)
    low, high = _interval(value, qualifier)
    before_low, before_high = _interval(before, before_qualifier)
    if low > before_high:
        return f"up from {number(before, before_qualifier)} in {name}"
    if high < before_low:
        return f"down from {number(before, before_qualifier)} in {name}"
    if low == high == before_low == before_high:
        return f"the same as in {name}"
    return f"against {number(before, before_qualifier)} in {name}"


def _interval(value, qualifier: str) -> tuple[float, float]:
    """The values a published number can stand for: exact, a bound one way, or 'about' it (taken as within a
    quarter of it either way, the rounding the reports' 'about', 'around', 'roughly' stand for)."""
    v = float(value)
    return {
        "": (v, v),
        ">": (v + 0.5, float("inf")),
        "≥": (v, float("inf")),
        "<": (float("-inf"), v - 0.5),
        "≤": (float("-inf"), v),
        "~": (v * 0.75, v * 1.25),
    }[said_qualifier(qualifier)]


def not_known(subject: str, plural: bool, report_found: bool, period: str = "") -> str:
    """'the number of attacks in January was not published' where the month's report gave none, or '… is not
    known (the month's report was not found)' where the month's own report was never found: not published and
    not found are not the same thing."""
    where = f" {period}" if period else ""
    if report_found:
        return f"{subject}{where} {'were' if plural else 'was'} not published"
    return f"{subject}{where} {'are' if plural else 'is'} not known (the month's report was not found)"


def dated(as_of: str, preposition: bool = False) -> str:
    """A date as precise as it was given: '2023-12' -> 'December 2023', '2023-12-05' -> '5 December 2023'
    (with `preposition`: 'in December 2023', 'on 5 December 2023'); a month-only date is never shown as a
    day."""
    as_of = str(as_of)
    if len(as_of) == 10:
        return ("on " if preposition else "") + f"{int(as_of[8:10])} {long_month(as_of[:7])}"
    text = long_month(as_of) if len(as_of) == 7 else as_of
    return ("in " if preposition else "") + text
