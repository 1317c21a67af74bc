"""Changes between two months: a percentage beside words of change ("up 62% from January", checked as
(26 - 16) / 16) and a difference ("2 less than March", "1 down from October"), checked as a difference and
never as a count."""

from __future__ import annotations

import re

from ..months import previous_month
from . import lexicon
from .text_figures import Context
from .text_months import Mention
from .text_numbers import MONTH_NAMES, SMALL_WORDS, Number
from .text_words import Reading, has, lookup, words_of


def difference_reading(
    number: Number, sentence: str, mentions: list[Mention], report_month: str, context: Context, unsure: bool
) -> Reading | None:
    """A number that names the gap between two months ('3 fewer than in July'), or None."""
    difference = re.match(
        r"\s*(?:[a-z-]+\s+){0,2}?(?:(?:more|fewer|less)\s+(?:[a-z-]+\s+){0,3}than|"
        + "|".join(lexicon.DIFFERENCE_AFTER)
        + r")\b\s*(?P<rest>.{0,40})",
        sentence[number.end :],
        re.IGNORECASE,
    )
    if difference and (
        re.search(r"(?:more|fewer|less)\s+(?:[a-z-]+\s+){0,3}than", difference.group(0))
        and re.match(r"the\s+(?:\d|" + "|".join(SMALL_WORDS) + r")", difference.group("rest"), re.IGNORECASE)
        or not re.match(r"\s*\S*\d", difference.group("rest"))
        and re.match(
            r"(?:in\s+|the\s+|that of\s+)?(?:" + "|".join(MONTH_NAMES) + r"|last month|the previous|the month)",
            difference.group("rest"),
            re.IGNORECASE,
        )
    ):
        noun = lookup(" ".join(words_of(difference.group(0))[:3]), lexicon.HEADS)
        metric = {"attacks": "attacks", "raids": "raids", "arrests": "arrests"}.get(noun, context.metric)
        if metric:
            base = next((m.month for m in mentions if m.start >= number.end), previous_month(report_month))
            context.metric = metric
            return Reading(number, sentence, "figure", metric, report_month, "difference", base, certain=not unsure)
    return None


def percent_reading(
    number: Number,
    sentence: str,
    clause_text: str,
    mentions: list[Mention],
    clause: tuple[int, int],
    report_month: str,
    context: Context,
) -> Reading:
    """A percentage: a change between two months when words of change stand by it, else a share."""
    window = " ".join(words_of(sentence[max(clause[0], number.start - 60) : number.end + 60]))
    if not any(re.search(rf"\b{w}\b", window) for w in lexicon.CHANGE) or re.match(r"\s*of\b", sentence[number.end :]):
        return Reading(number, sentence, "other", reason="a share, not a change")
    near = sentence[max(clause[0], number.start - 50) : number.end + 30].lower()
    metric = ""
    for keys, name in (
        (("death", "killed", "dead"), "deaths_total"),
        (("arrest",), "arrests"),
        (("raid",), "raids"),
        (("attack",), "attacks"),
    ):
        if has(near, keys):
            metric = name
            break
    metric = metric or context.metric or ("attacks" if "attack" in sentence.lower() else "")
    if not metric:
        return Reading(number, sentence, "other", reason="a change of something the data do not count")
    later = [m for m in mentions if m.start >= number.end]
    frm = re.search(
        r"\b(?:from|than|compared (?:to|with)|over|on)\s+(?:\S+\s+){0,4}?(?P<m>"
        + "|".join(MONTH_NAMES)
        + r"|last month|the previous month|the month prior)",
        sentence[number.end :],
        re.IGNORECASE,
    )
    base = previous_month(report_month)
    if frm:
        base = next((m.month for m in later if m.start >= number.end + frm.start("m")), base)
    to = re.search(
        r"(?<!compared )\bto\s+(?:\S+\s+){0,3}?(?:in\s+)?(?P<m>" + "|".join(MONTH_NAMES) + r")",
        sentence[number.end :],
        re.IGNORECASE,
    )
    month = report_month
    if to:
        month = next((m.month for m in later if m.start >= number.end + to.start("m")), month)
    return Reading(
        number,
        sentence,
        "figure",
        metric,
        month,
        "percent_change",
        base,
        certain=not has(clause_text.lower(), lexicon.ATTRIBUTED) and metric != "deaths_total",
    )
