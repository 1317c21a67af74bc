"""The scope cues of a clause, which narrow what a figure may be compared with: one incident's story (exempt),
a part of a figure ("of these, 12 in Deir ez-Zor", "plus 6 more days of the camp operation"), a region's
share, the camp, other violence, someone else's claim (never a contradiction)."""

from __future__ import annotations

import re

from . import lexicon
from .text_numbers import MONTH_NAMES, Number
from .text_words import Reading, has, words_of

_REGION_NAMES = "|".join(re.escape(a) for a in sorted(lexicon.REGIONS, key=len, reverse=True))
REGION = re.compile(r"(?<![\w-])(" + _REGION_NAMES + r")(?![\w-])")
_REGION_BEFORE = re.compile(
    r"(?<![\w-])("
    + _REGION_NAMES
    + r")(?:\s+(?:region|canton))?\s+(?:saw|recorded|had|with|accounted for|hosted)?\s*\(?\s*$"
)


def region_of(sentence: str, start: int, end: int, clause: tuple[int, int]) -> tuple[str, bool]:
    """A region a number is a part of: named just after it ('12 in Deir ez-Zor', '43 struck the Deir-ez-Zor
    region') or just before it ('Raqqa 8'); and whether the tie is plain ('in …')."""
    after = sentence[end : clause[1]].lower()[:70]
    before = _REGION_BEFORE.search(sentence[clause[0] : start].lower()[-40:])
    m = REGION.search(after)
    if m and len(words_of(after[: m.start()])) <= 6 and not re.search(r"\d", after[: m.start()]):
        plain = bool(re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:canton of\s+)?$", after[: m.start()]))
        if plain or not (before and re.search(r",|\band\b", after[: m.start()])):  # 'Deir ez-Zor saw 29, Raqqa 8'
            return lexicon.REGIONS[m.group(1)], plain
    return (lexicon.REGIONS[before.group(1)], False) if before else ("", False)


OTHER_VIOLENCE = (
    "unrest",
    "clashes",
    "fighting",
    "tribal",
    "turkish",
    "violence",
    "airstrike",
    "drone strike",
    "shelling",
    "militias",
    "iranian",
    "government forces",
)

OUTSIDE = re.compile(
    r"excluding|not including|outside (?:of )?(?:al-)?(?:hol|the camp)|apart from|besides|leaving aside|"
    r"outside (?:of )?[‘'\"]?(?:the )?(?:camp )?operation|beyond the camp",
    re.IGNORECASE,
)


def finish(number: Number, sentence: str, metric: str, month: str, cues: dict) -> Reading:
    """The reading of a number whose figure is known, narrowed by the cues of its clause."""
    if cues["incident"] and not metric.startswith(("repatriation", "camp_")):
        return Reading(number, sentence, "exempt", reason="one incident's detail")
    if cues["other_violence"] and metric in (
        "deaths_total",
        "injured_total",
        "military_killed",
        "civilian_killed",
        "military_injured",
        "civilian_injured",
    ):
        return Reading(number, sentence, "other", reason="casualties of other violence")
    certain = not (cues["part"] or cues["attributed"] or cues["span"] or cues["outside"])
    if re.search(r"\b(?:across|in|throughout) the region\b", cues["low"]):
        certain = False  # 'the region' of the sentence before
    if (
        cues["region"]
        and metric in ("attacks", "raids")
        and not re.search(r"\ball\b", cues["clause_before"])
        and not re.match(r"\s*(?:[\w-]+\s+){0,2}all\b", cues["after_text"])
    ):  # '21 attacks all took place in …'
        metric, certain = f"region_{metric}:{cues['region']}", certain and cues["plain_region"]
    elif cues["region_before"] and metric in ("arrests", "isis_killed", "military_killed", "civilian_killed"):
        certain = False  # a region's share of a breakdown
    if metric.startswith(("hol_", "camp_")) or metric in ("deaths_total", "injured_total") or cues["camp"]:
        certain = False
    if metric == "attacks" and re.match(
        r"\s*(?:[a-z-]+\s+){0,4}(?:targeted|targeting|against|on|hit|struck|"
        r"aimed)\b",
        cues["after_text"],
    ):
        certain = False  # '4 attacks targeted the SDF': a part by target
    if metric.startswith("repatriation_people") and (
        re.search(r"\btotal\b[\w\s]{0,12}$", cues["clause_before"])
        or re.match(r"\s*repatriations\b", cues["after_text"])
        and re.search(r"\b(?:in all|in total|altogether|overall)\b", cues["low"])
    ):  # 'for 117 repatriations in all'
        metric = "repatriation_people:"
    if metric.startswith("repatriation_") and metric.endswith(":"):
        total = re.search(r"\b(?:a total of|in total|altogether|overall|in all)\b", cues["low"])
        metric, certain = "repatriations_total", bool(total) and certain
    if cues["span"]:
        return Reading(number, sentence, "other", metric, month, reason="a figure over a span of months", certain=False)
    return Reading(number, sentence, "figure", metric, month, certain=certain)


def spans_months(clause: str) -> bool:
    """Whether a sentence speaks of a span of months ('so far this year', 'since 2019'), not of the month itself
    ('throughout October', 'over the past month') or of a record ('the lowest since RIC reporting began')."""
    clause = re.sub(
        r"\b(?:throughout|over|during|since)\s+(?:the\s+(?:past\s+|whole\s+)?month|"
        + "|".join(MONTH_NAMES)
        + r")\b|\bsince\s+(?:ric|records|reporting|the start|the beginning)\b|\([^()]*\)?|,\s*which\b.*",
        " ",
        clause,
    )  # an aside ('(… since its liberation in 2019 …)', ', which …') dates no number
    return has(clause, lexicon.SPAN)
