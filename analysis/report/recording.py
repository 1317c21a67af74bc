"""A published report's text proposed as rows of the codebook (data/raw), for a person to accept.

The reader (`text_reading`) says what each number of the text is; only what it ties with certainty to exactly
one figure is proposed: the month's headline figures and the previous month's figures the text restates
(monthly_figures), the month's attacks by region (attacks_by_region) and the month's repatriations by country
(repatriations). Everything else the reader calls a figure (a figure it is unsure of, a percentage or a
difference, a figure of another month, one figure given two values) is listed as "needs a person" and never
proposed: a wrong value in data/raw is worse than a missing one. Pure: no file is read or written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..months import previous_month
from ..vocabulary import METRICS
from . import lexicon
from .text_months import month_mentions, title_month
from .text_numbers import SMALL_WORDS, sentences
from .text_reading import read_text
from .text_words import Reading, lookup

COLUMNS = {
    "monthly_figures": ("period", "metric", "value", "stated_in", "report", "published", "source_url", "note"),
    "attacks_by_region": (
        "month",
        "region",
        "metric",
        "value",
        "share_pct",
        "report",
        "published",
        "source_url",
        "note",
    ),
    "repatriations": (
        "date",
        "country",
        "camp",
        "repatriated_from",
        "people",
        "women",
        "children",
        "families",
        "report",
        "published",
        "source_url",
        "note",
    ),
}
# The columns that name one statement: a row with the same key is already recorded.
KEYS = {
    "monthly_figures": ("period", "metric", "stated_in", "report"),
    "attacks_by_region": ("month", "region", "metric", "report"),
    "repatriations": ("date", "country", "report"),
}
BODY_TEXT = "body_text"
KEY_POINTS_END = 250  # a paragraph longer than this is prose, not a key point

_KEY_POINTS = re.compile(r"(?:the\s+)?key\s+(?:points|findings|takeaways)\s*:?", re.IGNORECASE)
_REPATRIATION = re.compile(r"repatriation_(people|women|children|families):(.+)")


@dataclass(frozen=True)
class Proposal:
    """One proposed row of a data/raw table and the sentence it comes from."""

    table: str
    row: dict
    sentence: str


@dataclass(frozen=True)
class Unsure:
    """A number the reader calls a figure but that is not proposed, and why."""

    number: str
    sentence: str
    reason: str


@dataclass
class Recording:
    proposals: list[Proposal] = field(default_factory=list)
    needs_person: list[Unsure] = field(default_factory=list)


def _is_heading(paragraph: str) -> bool:
    text = paragraph.strip()
    return (
        0 < len(text) <= 80 and not re.search(r"\d", text) and not re.search(r"[.!?;,]$", text) and text[:1].isupper()
    )


def key_point_flags(paragraphs: list[str]) -> list[bool | None]:
    """For each paragraph: True for a key point (after a 'Key points' heading, up to the next heading or the
    first paragraph of prose), None for that heading itself, False for the body text."""
    flags: list[bool | None] = []
    inside = False
    for paragraph in paragraphs:
        if _KEY_POINTS.fullmatch(paragraph.strip()):
            inside = True
            flags.append(None)
            continue
        if inside and (len(paragraph) > KEY_POINTS_END or _is_heading(paragraph)):
            inside = False
        flags.append(inside)
    return flags


_CAMP = re.compile(r"\b(?:al-)?hol\b|\broj\b|\bthe camp\b|\bcamp's\b|\boperation\b", re.IGNORECASE)
_UNVERIFIED = re.compile(
    r"without (?:independent )?(?:confirmation|verification)|unverified|could not (?:be )?"
    r"(?:confirm|verif|independently)|not (?:been )?(?:independently )?(?:confirmed|verified)",
    re.IGNORECASE,
)
_CUT = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\W*$")
_MIXED = re.compile(r"^\s*(?P<first>[a-z-]+)\s*(?:and|&|/|or)\s*(?P<second>[a-z][\w-]*)", re.IGNORECASE)
_CLAIM = re.compile(r"\breported(?:ly)?\b|\baccording to\b|\bsaid\b|\bsays\b|\bclaim(?:s|ed)?\b", re.IGNORECASE)
_PART = re.compile(r"\b(?:of whom|of which|of these|of them|among them|including)\b", re.IGNORECASE)
_UP_TO = re.compile(r"\bup\s+to\s*$", re.IGNORECASE)
_NEAR = 30  # characters between a month's name and its number, at most
_REGION_NEAR = 50


def _caution(reading: Reading, month: str, paragraph: str = "", last: bool = False) -> str:
    """Why a certain count of a headline figure is still not proposed ('' when nothing speaks against it): the
    checks a wrong row would slip through otherwise (a camp's or a region's part read as the whole, a rise
    'up to' read as a bound, an unverified claim, a month tied across the sentence)."""
    sentence, number = reading.sentence, reading.number
    before, after = sentence[: number.start], sentence[number.end :]
    if _CUT.search(sentence) or (
        last and paragraph.rstrip().endswith(sentence.rstrip()) and re.search(r"[a-z]$", sentence.rstrip())
    ):
        return "the sentence is cut off"
    if re.search(r"\b(?:these|those)\b", before, re.IGNORECASE) and re.search(
        r"\bexcluding\b|\boutside\b|\bapart from\b|\bexcept\b", paragraph, re.IGNORECASE
    ):
        return "'these' may point to a part of the month's figure (the paragraph sets something apart)"
    mixed = _MIXED.match(after)
    if (
        reading.metric.endswith(("_killed", "_injured", "_total"))
        and mixed
        and not re.match(r"^\s*(?:killed|injured|wounded|dead)\b", after, re.IGNORECASE)
        and mixed.group("second").lower() not in SMALL_WORDS
        and lookup(mixed.group("second").lower(), lexicon.HEADS) not in ("killed", "injured")  # 'and injure 5'
        and not _one_group(mixed.group("first"), mixed.group("second"))
    ):
        return "two groups may be counted together in this number"
    if not reading.metric.startswith("attacks") and _CLAIM.search(sentence):
        return "someone's report or claim: the report's own figure?"
    if _PART.search(before):
        return "a part of a figure ('of whom', 'including' …)"
    if number.qualifier in ("≤", "<") and _UP_TO.search(before):
        return "'up to' may be a rise to the figure, not a bound"
    if not reading.metric.startswith("hol_") and _CAMP.search(sentence):
        return "the sentence speaks of the camp or an operation: the number may be its part of the figure"
    if reading.metric.startswith("attacks") and _UNVERIFIED.search(sentence):
        return "the sentence speaks of unverified claims: confirmed, claimed or unverified?"
    for m in re.finditer(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(lexicon.REGIONS, key=len, reverse=True)) + r")(?![\w-])",
        sentence.lower(),
    ):
        gap = sentence[m.end() : number.start] if m.end() <= number.start else sentence[number.end : m.start()]
        if len(gap) <= _REGION_NEAR and not re.search(r"\d", gap):
            return f"a region ({sentence[m.start() : m.end()]}) is named next to it: its part or the whole?"
    if reading.month != month or any(m.month == previous_month(month) for m in month_mentions(sentence, month)):
        if reading.month != month and not _named_near(reading, month):
            return f"tied to {reading.month}, but that month is not named right by the number"
    return ""


def _one_group(first: str, second: str) -> bool:
    """Whether two words name the same group ('SDF and Asayish': both security forces)."""
    a, b = lookup(first.lower(), lexicon.GROUPS), lookup(second.lower(), lexicon.GROUPS)
    return bool(a) and a == b


def _named_near(reading: Reading, month: str) -> bool:
    """Whether the previous month is named right by the number ('18 in May', 'May's 18', 'last month's 18')."""
    sentence, number = reading.sentence, reading.number
    for m in month_mentions(sentence, month):
        if m.month != reading.month:
            continue
        gap = sentence[m.end : number.start] if m.end <= number.start else sentence[number.end : m.start]
        if len(gap) <= _NEAR and not re.search(r"\d", gap):
            return True
    return False


def _value(reading: Reading) -> str:
    return f"{reading.number.qualifier}{reading.number.whole}"


def region_as_written(reading: Reading, key: str) -> str:
    """The region of a regional figure as its sentence writes it, the name nearest the number ('Deir-ez-Zor',
    'Heseke region'); the reader's key when the sentence holds no name of it."""
    sentence, low = reading.sentence, reading.sentence.lower()
    found = []
    for alias, target in lexicon.REGIONS.items():
        if target != key:
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?:\s+(?:region|canton))?(?![\w-])", low):
            distance = min(abs(m.start() - reading.number.end), abs(reading.number.start - m.end()))
            found.append((distance, -len(m.group(0)), m.start(), m.end()))
    if not found:
        return key
    _, _, start, end = min(found)
    return sentence[start:end]


def _source(report: str, published: str, url: str) -> dict:
    return {"report": report, "published": published, "source_url": url, "note": ""}


def record(paragraphs: list[str], month: str, report: str, published: str, url: str) -> Recording:
    """The rows a published text states for `month`, and what needs a person."""
    out = Recording()
    months = (month, previous_month(month))
    flags = key_point_flags(paragraphs)
    figures: dict[tuple[str, str], list[tuple[bool, Reading]]] = defaultdict(list)
    regions: dict[str, list[Reading]] = defaultdict(list)
    repatriations: dict[str, dict[str, list[Reading]]] = defaultdict(lambda: defaultdict(list))

    def unsure(reading: Reading, reason: str) -> None:
        out.needs_person.append(Unsure(reading.number.written, reading.sentence, reason))

    final = max((i for i, p in enumerate(paragraphs) if p.strip()), default=-1)
    titled = month  # the month of the report whose title the text is under ('March Sleeper Cell Report – …')
    for index, (paragraph, flag) in enumerate(zip(paragraphs, flags)):
        titled = title_month(paragraph, month) or titled
        if flag is None:
            continue
        readings = read_text(sentences([paragraph]), titled)
        if titled != month:
            for reading in readings:
                if reading.kind == "figure":
                    unsure(reading, f"under the title of the report on {titled}: another report's text")
            continue
        compared = {r.sentence for r in readings if r.kind == "figure" and r.measure != "count"}
        for reading in readings:
            if reading.kind != "figure":
                continue
            if reading.measure != "count":
                unsure(
                    reading,
                    f"a {reading.measure.replace('_', ' ')}, not a count: record the counts it compares instead",
                )
            elif not reading.certain:
                unsure(reading, f"the reader is not sure it is {reading.metric or 'a figure'} of {reading.month}")
            elif reading.number.whole is None:
                unsure(reading, "not a whole number")
            elif reading.metric in METRICS:
                caution = _caution(reading, month, paragraph, index == final) if reading.month in months else ""
                if not caution and reading.month != month and reading.sentence in compared:
                    caution = "a previous month's figure in a sentence of changes: which number is which month?"
                if (
                    not caution
                    and reading.month != month
                    and not any(
                        r.sentence == reading.sentence
                        and r.kind == "figure"
                        and r.measure == "count"
                        and r.metric == reading.metric
                        and r.month == month
                        for r in readings
                    )
                ):
                    caution = (
                        f"a figure of {reading.month} with no {month} figure beside it: a restatement, "
                        "or this month's figure tied to the wrong month?"
                    )
                if caution:
                    unsure(reading, caution)
                elif reading.month in months:
                    figures[(reading.month, reading.metric)].append((bool(flag), reading))
                else:
                    unsure(reading, f"a figure of {reading.month or 'another month'}, neither {month} nor {months[1]}")
            elif reading.metric.startswith("region_attacks:") and reading.month == month:
                regions[reading.metric.split(":", 1)[1]].append(reading)
            elif (m := _REPATRIATION.fullmatch(reading.metric)) and reading.month == month:
                repatriations[m.group(2)][m.group(1)].append(reading)
            else:
                unsure(
                    reading,
                    f"{reading.metric or 'a figure'} of {reading.month or 'an unnamed month'}: "
                    "not a statement this command records",
                )

    source = _source(report, published, url)
    for (period, metric), found in figures.items():
        key_points = {_value(r): r for kp, r in found if kp}
        body = {_value(r): r for kp, r in found if not kp}
        if len(key_points) > 1:
            for _, r in found:
                unsure(r, f"{metric} of {period} is given {len(key_points)} values in the key points")
            continue
        if key_points:
            [(value, reading)] = key_points.items()
            out.proposals.append(
                Proposal(
                    "monthly_figures",
                    {"period": period, "metric": metric, "value": value, "stated_in": "", **source},
                    reading.sentence,
                )
            )
            other = {v: r for v, r in body.items() if v != value}
            for v, r in list(other.items()):
                if r.number.qualifier in ("≥", ">") and key_points[value].number.whole >= r.number.whole:
                    unsure(
                        r, f"a bound in the body text that the key points' {value} already meets: a part of the figure?"
                    )
                    del other[v]
            stated_in = BODY_TEXT
        else:
            other, stated_in = body, ""
        if len(other) == 1:
            [(value, reading)] = other.items()
            out.proposals.append(
                Proposal(
                    "monthly_figures",
                    {"period": period, "metric": metric, "value": value, "stated_in": stated_in, **source},
                    reading.sentence,
                )
            )
        elif other:
            for r in other.values():
                unsure(r, f"{metric} of {period} is given {len(other)} different values in the body text")

    for key, found in regions.items():
        values = {_value(r): r for r in found}
        if len(values) > 1:
            for r in found:
                unsure(r, f"the attacks in {key} are given {len(values)} different values")
            continue
        [(value, reading)] = values.items()
        out.proposals.append(
            Proposal(
                "attacks_by_region",
                {
                    "month": month,
                    "region": region_as_written(reading, key),
                    "metric": "attacks",
                    "value": value,
                    "share_pct": "",
                    **source,
                },
                reading.sentence,
            )
        )

    for country, fields in repatriations.items():
        if not country:
            for found in fields.values():
                for r in found:
                    unsure(r, "a repatriation whose country the reader cannot tell")
            continue
        values = {name: {_value(r): r for r in found} for name, found in fields.items()}
        if any(len(v) > 1 for v in values.values()):
            for found in fields.values():
                for r in found:
                    unsure(r, f"a repatriation to {country} given two different values of one count")
            continue
        row = {
            "date": month,
            "country": country,
            "camp": "",
            "repatriated_from": "not_stated",
            "people": "",
            "women": "",
            "children": "",
            "families": "",
            **source,
        }
        said = []
        for name, found in values.items():
            [(value, reading)] = found.items()
            row[name] = value
            said.append(reading.sentence)
        out.proposals.append(Proposal("repatriations", row, " … ".join(dict.fromkeys(said))))
    return out


def union_columns() -> list[str]:
    """The columns of recorded_statements.csv: table, the tables' own columns (each once), sentence."""
    names = ["table"]
    for columns in COLUMNS.values():
        names += [c for c in columns if c not in names]
    return names + ["sentence"]


def key_of(table: str, row: dict) -> tuple[str, ...]:
    """What names one statement of `table` (spaces and case aside; a region by its key)."""
    out = []
    for column in KEYS[table]:
        text = " ".join(str(row.get(column, "") or "").split())
        if table == "attacks_by_region" and column == "region":
            low = text.lower()
            for suffix in (" region", " canton"):
                low = low.removesuffix(suffix)
            text = lexicon.REGIONS.get(low, low)
        out.append(text.lower())
    return tuple(out)
