"""The month of each number of a sentence: the months a sentence names ("in March", "October's 17", "last
month"), and the one each number belongs to (the month named next to it in its clause, else the month its
clause compares with, else the report's month)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..months import previous_month
from . import lexicon
from .text_numbers import MONTH_NAMES, SMALL_WORDS, Number
from .text_words import list_like, words_of

_ABBREVIATIONS = {
    "Jan": "january",
    "Feb": "february",
    "Mar": "march",
    "Apr": "april",
    "Jun": "june",
    "Jul": "july",
    "Aug": "august",
    "Sep": "september",
    "Sept": "september",
    "Oct": "october",
    "Nov": "november",
    "Dec": "december",
}
_MONTH_MENTION = re.compile(
    r"\b(?P<name>" + "|".join(MONTH_NAMES) + r"|(?-i:" + "|".join(_ABBREVIATIONS) + r")\.?)"
    r"(?P<poss>['’]s)?(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w-])",
    re.IGNORECASE,
)
_RELATION = re.compile(
    r"\b(?P<rel>"
    + "|".join(re.escape(r) for r in lexicon.PREVIOUS_MONTH + lexicon.THIS_MONTH)
    + r")(?P<poss>['’]s)?\b",
    re.IGNORECASE,
)


def month_of(name: str, year: str, report_month: str) -> str:
    """A month a report names: with its year, or the latest month of that name up to the report's month."""
    number = MONTH_NAMES.index(name.lower()) + 1
    if year:
        return f"{year}-{number:02d}"
    ry, rm = int(report_month[:4]), int(report_month[5:7])
    return f"{ry if number <= rm else ry - 1:04d}-{number:02d}"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    month: str
    possessive: bool


def month_mentions(sentence: str, report_month: str) -> list[Mention]:
    found = []
    for m in _MONTH_MENTION.finditer(sentence):
        if m.group("name").lower() == "may" and not m.group("name")[0].isupper():
            continue  # 'may' the verb
        name = _ABBREVIATIONS.get(m.group("name").rstrip("."), m.group("name"))
        found.append(
            Mention(m.start(), m.end(), month_of(name, m.group("year") or "", report_month), bool(m.group("poss")))
        )
    for m in _RELATION.finditer(sentence):
        rel = m.group("rel").lower()
        month = report_month if rel in lexicon.THIS_MONTH else previous_month(report_month)
        found.append(Mention(m.start(), m.end(), month, bool(m.group("poss"))))
    return sorted(found, key=lambda x: x.start)


_GAP = re.compile(
    r"\d|\b(?:from|than|compared|compare|since|after|against|versus|level|par|similar|same|close|like)\b", re.IGNORECASE
)
_INTRO = re.compile(
    r"(?:compared (?:to|with)|from|than|since|after|against|versus|vs\.?)\s+(?:the\s+|that of\s+)?$", re.IGNORECASE
)


# Between a month's possessive and a number: a verb ends the month's list ('April's 54, killed 6').
_VERB = re.compile(r"\b(?:killed|killing|injured|injuring|wounded|wounding|left|saw|brought|included)\b", re.IGNORECASE)
# A possessive month with its own number ('November's 11') is that number's, not a later one's.
_OWN_NUMBER = re.compile(r"\s*(?:\d|(?:" + "|".join(SMALL_WORDS) + r")\b)", re.IGNORECASE)


def number_month(
    number: Number, clause: tuple[int, int], mentions: list[Mention], sentence: str, report_month: str
) -> tuple[str, bool]:
    """The month a number is of, and whether it stands in a comparison ('down from 18')."""
    start, end = clause
    inside = [m for m in mentions if start <= m.start < end]
    near_after = [
        m
        for m in inside
        if m.start >= number.end
        and not m.possessive
        and len(words_of(sentence[number.end : m.start])) <= 3
        and not _GAP.search(sentence[number.end : m.start])
        and not any(w in ("attacks", "raids", "arrests") for w in words_of(sentence[number.end : m.start]))
    ]
    if near_after:
        return near_after[0].month, False
    before = sentence[start : number.start]
    if re.search(r"\bto\s*$", before) and re.search(r"\b(?:from|on|over)\b", before):  # 'from one … to two'
        after_to = [
            m
            for m in inside
            if m.start >= number.end and len(words_of(sentence[number.end : m.start])) <= 2 and not m.possessive
        ]
        return (after_to[0].month if after_to else report_month), False
    possessive = [
        m
        for m in inside
        if m.end <= number.start
        and m.possessive
        and (
            len(words_of(sentence[m.end : number.start])) <= 2
            or len(words_of(sentence[m.end : number.start])) <= 6
            and list_like(sentence[m.end : number.start])
        )
        and not _VERB.search(sentence[m.end : number.start])
    ]
    if possessive:
        return possessive[-1].month, True
    comparing = not re.search(r"\b(?:more|less|fewer) than\s*$", before) and re.search(
        r"\b(?:from|than|compared (?:to|with)|versus|against|vs\.?|after)\s+(?:the\s+)?"
        r"(?:[a-z-]+\s+)?$",
        before,
        re.IGNORECASE,
    )
    following = [m for m in inside if m.start >= number.end and not m.possessive]
    if comparing:
        target = [
            m
            for m in following
            if not re.search(r"\bto\b", sentence[number.end : m.start])
            and len(words_of(sentence[number.end : m.start])) <= 4
        ]
        return (target[0].month if target else previous_month(report_month)), True
    listed = [
        m
        for m in following
        if list_like(sentence[number.end : m.start])
        and re.search(r"\b(?:in|during)\s+(?:the\s+)?$", sentence[: m.start], re.IGNORECASE)
    ]
    if listed:  # '27 attacks and 15 raids in March'
        return listed[0].month, False
    preceding = [
        m
        for m in inside
        if m.end <= number.start
        and not _INTRO.search(sentence[: m.start])
        and not (m.possessive and _OWN_NUMBER.match(sentence[m.end : number.start]))
    ]  # 'November's 11, … 14'
    if preceding:
        return preceding[-1].month, False
    opened = [
        m
        for m in mentions
        if m.end <= start
        and (
            re.fullmatch(r"\s*\(\s*", sentence[m.end : start])
            or re.fullmatch(r"\s*:\s*", sentence[m.end : start])
            and not re.search(r"\d\s+(?:in|of|for|during)\s+$", sentence[: m.start])
        )
    ]
    if opened:  # 'the month of March (20 attacks …)', '(March: 27)'
        return opened[-1].month, False
    lead = [
        m
        for m in mentions
        if m.end <= start and re.match(r"\s*(?:in|during)\s*$", sentence[: m.start][-8:], re.IGNORECASE)
    ]
    if lead and lead[0].start < 12:  # 'In October, …; 8 raids': the sentence's own month
        return lead[0].month, False
    return report_month, False


_NAMES = "|".join(MONTH_NAMES)
_TITLE = re.compile(
    rf"^\W*(?:(?P<name>{_NAMES})(?:\s+(?P<year>(?:19|20)\d\d))?\s+sleeper[- ]cells?\s+report\b|"
    rf"sleeper[- ]cells?\s+report\s*[:–—-]?\s*(?P<name2>{_NAMES})\s+(?P<year2>(?:19|20)\d\d)\b)",
    re.IGNORECASE,
)


def title_month(sentence: str, report_month: str) -> str:
    """The month a report's title names ('March Sleeper Cell Report – …', 'Sleeper Cell Report January 2025'):
    on a page that stacks several reports, the text after a title is that month's; '' for any other sentence."""
    m = _TITLE.match(sentence)
    if not m:
        return ""
    name, year = (m.group("name"), m.group("year")) if m.group("name") else (m.group("name2"), m.group("year2"))
    return month_of(name, year or "", report_month)
