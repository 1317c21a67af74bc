"""Check an edited draft against the month's data: every number with its sentence, matched to the fact it
names, a MISMATCH where the sentence names a figure whose value differs, or 'not in the data'.

A number is tied to a fact by the words around it, never by its value alone: the thing counted (attacks,
civilians, raids, Iraqis, families …) nearest after the number (or, failing that, just before it), and what
happened to them (killed, injured, repatriated …) within a few words. Only then is a differing value a
MISMATCH. A number the words do not tie to any fact is matched by value within its sentence, or reported as
not in the data: information, not an error (a quoted troop count, a date, an older figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..months import long_month, month_name, previous_month
from .data import Processed
from .draft_text import Number, numbers, sentences
from .figures import latest_snapshot
from .metrics import key_figures, people_repatriated

_MILITARY = ("military", "personnel", "sdf", "asayish", "soldier", "security", "guard", "fighters of the sdf")
_KILLED, _INJURED = ("kill", "dead", "death", "died", "killing"), ("injur", "wound")
# metric -> (nouns that name what is counted, words one of which must be near: () = none needed)
_METRIC_WORDS = {
    "attacks": (("attack",), ()),
    "attacks_unverified": (("attack", "claim"), ("unverified", "could not", "claim")),
    "military_killed": (_MILITARY, _KILLED), "military_injured": (_MILITARY, _INJURED),
    "civilian_killed": (("civilian",), _KILLED), "civilian_injured": (("civilian",), _INJURED),
    "deaths_total": (("people", "person$", "death"), _KILLED), "injured_total": (("people", "person$"), _INJURED),
    "raids": (("raid", "operation"), ()),
    "arrests": (("arrest", "detain", "suspect"), ()),
    "isis_killed": (("member", "militant", "isis fighter"), _KILLED),
    "isis_officials_killed": (("official", "leader", "commander", "emir"), _KILLED),
    "isis_officials_captured": (("official", "leader", "commander", "emir"), ("captur", "arrest", "detain")),
}
_CAMP_WORDS = {"total": ("people", "population", "resident", "person$", "individual"), "iraqi": ("iraqi",),
               "syrian": ("syrian",), "third_country": ("foreign", "third-country", "third country")}
_REPATRIATION_WORDS = {"count": ("people", "person$", "citizen", "individual", "national"), "families": ("famil",),
                       "women": ("women", "woman"), "children": ("child",)}
_US_WORDS = (("occasion", "times", "attack"), ("u.s.", "us position", "us base", "us force", "american", "coalition"))


@dataclass(frozen=True)
class Fact:
    """A number the data hold for the month, the words that name it, and where it comes from."""

    label: str
    value: int
    nouns: tuple[str, ...]
    verbs: tuple[str, ...] = ()
    month: str = ""
    source: str = ""
    percent: bool = False
    verbs_anywhere: bool = False  # 'Iraq repatriated 192 families, or 776 people': the verb may be far off


@dataclass(frozen=True)
class Finding:
    number: Number
    sentence: str
    status: str  # "match", "MISMATCH" or "not in the data"
    fact: Fact | None = None


def month_facts(data: Processed, month: str) -> list[Fact]:
    """The month's (and the previous month's) figures, camp counts, repatriations and tallies as facts."""
    facts = []
    sources = data.sources.set_index("statement_id")
    report = data.figures.set_index(["period", "metric"])
    for row in key_figures(data.monthly, data.figures, month).itertuples():
        nouns, verbs = _METRIC_WORDS.get(row.metric, ((), ()))
        for when, value in ((row.month, row.value), (row.previous_month, row.previous_value)):
            if pd.isna(value) or not nouns:
                continue
            statement = report.loc[(when, row.metric), "current_statement"] if (when, row.metric) in report.index else ""
            source = sources.loc[statement, "report"] if statement in sources.index else ""
            facts.append(Fact(f"{row.label}, {long_month(when)}", int(value), nouns, verbs, when, source))
        if not pd.isna(row.change_pct):
            facts.append(Fact(f"change in {row.label.lower()}, {long_month(month)}", abs(round(row.change_pct)),
                              nouns, verbs, month, "key_figures.csv", percent=True))
    camps = data.camp_population
    snapshot = pd.concat([latest_snapshot(camps, month, with_groups=True), latest_snapshot(camps, month),
                          camps[(camps["month"] == month) & (camps["camp"] == "al-Hol")]]).drop_duplicates("statement_id")
    for row in snapshot.itertuples():
        facts.append(Fact(f"al-Hol {row.group}, {row.as_of}", int(row.population), _CAMP_WORDS[row.group], (),
                          month, row.report))
    reps = data.repatriations[data.repatriations["month"] == month]
    reps = reps.join(people_repatriated(reps))
    for row in reps.itertuples():
        for field, nouns in _REPATRIATION_WORDS.items():
            value = getattr(row, field)
            if not pd.isna(value):
                facts.append(Fact(f"{row.country} repatriation, {row.date}: {field if field != 'count' else 'people'}",
                                  int(value), nouns, ("repatriat", "return", "brought home", "left"), month,
                                  row.report, verbs_anywhere=True))
    for row in data.us_position_attacks.itertuples():
        facts.append(Fact(f"attacks on US positions, {row.period_start} to {row.period_end} ({row.area})",
                          int(row.attacks), _US_WORDS[0], _US_WORDS[1], month, row.report))
    return facts


_TOKEN = re.compile(r"[\w’'.%-]+")


# 'a member of the security forces' names security forces, not an ISIS member
_SECURITY_MEMBERS = re.compile(r"\bmembers? of the security forces\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,;:’'") for w in _TOKEN.findall(_SECURITY_MEMBERS.sub("security personnel", text))]


def _has(words: list[str], keys: tuple[str, ...]) -> bool:
    """Whether a key starts a word of `words` (a key ending in '$' must be the whole word: 'person$' is not
    'personnel')."""
    joined = " ".join(words)
    return any(re.search(r"(?<!\w)" + (re.escape(k[:-1]) + r"\b" if k.endswith("$") else re.escape(k)), joined)
               for k in keys)


def _context(sentence: str, number: Number, others: list[Number]) -> tuple[list[str], list[str]]:
    """Up to 3 words before and 6 after the number, never reaching past a neighbouring number."""
    left = max([n.end for n in others if n.end <= number.start], default=0)
    right = min([n.start for n in others if n.start >= number.end], default=len(sentence))
    return _words(sentence[left:number.start])[-3:], _words(sentence[number.end:right])[:6]


_COMPARING = ("from", "than", "compared", "versus", "vs")
_PARTICIPLES = ("killed", "injured", "wounded", "dead")
_MONTH_NAME = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\b")
# 'in the 12 months to November', 'since 2019', 'per year': a number over a span, not the month's figure
_SPAN = re.compile(r"\b(?:\d+|twelve|six|three)\s+months\b|\bsince\b|\bper year\b|\bcumulative|\bso far\b|"
                   r"\bin total\b|\bthis year\b", re.IGNORECASE)


def _period(sentence: str, month: str) -> str:
    """The month a sentence speaks of: the report month, unless it names only the previous month (the
    previous month) or only other months ('' : an older figure, not this month's)."""
    named = {m.lower() for m in _MONTH_NAME.findall(sentence)}
    this, previous = month_name(month).lower(), month_name(previous_month(month)).lower()
    if not named or this in named:
        return month
    return previous_month(month) if previous in named else ""


def check_sentence(sentence: str, facts: list[Fact], month: str) -> list[Finding]:
    found = numbers(sentence)
    words = _words(sentence)
    previous = month_name(previous_month(month)).lower()
    period, span = _period(sentence, month), bool(_SPAN.search(sentence))
    findings, last_named = [], None
    for number in found:
        before, after = _context(sentence, number, [n for n in found if n is not number])
        near = before + after
        # 'down from October's 17', '17 in October', 'In October: 13 killed and 8 injured': the previous
        # month's figure (a percentage is this month's)
        wanted = previous_month(month) if not number.percent and any(w.startswith(previous) for w in near) else \
            period if not number.percent else month
        pool = [f for f in facts if f.percent == number.percent and f.month == wanted]
        named = []
        if last_named and _has(after[:1], _KILLED + _INJURED):  # '4 personnel killed and 5 injured': personnel
            verbs = _KILLED if _has(after[:1], _KILLED) else _INJURED
            named = [f for f in pool if set(f.nouns) & set(last_named.nouns) and f.verbs == verbs]
        rest = _words(sentence[number.end:].split(";")[0])
        named = named or _named(pool, before, after, words, facts, rest)
        if not named and last_named and after[:1] != ["of"] and _has(before, _COMPARING):  # '…, down from 17'
            named = [f for f in pool if f.nouns == last_named.nouns and f.verbs == last_named.verbs]
        if named:
            hit = next((f for f in named if f.value == number.value), None)
            status = "match" if hit else "not in the data" if span else "MISMATCH"  # a total over a span
            findings.append(Finding(number, sentence, status, hit or (None if span else named[0])))
            last_named = named[0]
            continue
        hit = next((f for f in pool if f.value == number.value and _has(words, f.nouns)), None)
        findings.append(Finding(number, sentence, "match" if hit else "not in the data", hit))
    return findings


def _named(pool: list[Fact], before: list[str], after: list[str], sentence: list[str],
           facts: list[Fact], rest: list[str]) -> list[Fact]:
    """The facts the words around a number name: by the first counted thing after it (else, when nothing
    counted follows, before it), then by what happened to them (said near the number, else anywhere in the
    sentence, else not needed). A number followed at once by a thing some other fact counts ('3 arrests'
    where only attacks are known for the month) names that thing, not what stands before it."""
    near = before + after[:4]  # 'killing 4 SDF personnel', '4 personnel killed'; not 'of 17 members … the killing'
    if not any(_has(after[:2], f.nouns) for f in pool) and any(_has(after[:1], f.nouns) for f in facts):
        return []
    if after[:1] == ["of"]:  # '26 of the 34 attacks': a part, not the figure
        return []
    sides = (after, list(reversed(before)))
    if _has(after[:1], _KILLED + _INJURED):  # '18 people killed and 11 injured in these attacks': people again
        sides = sides[::-1]
    # '4 military personnel and 7 civilians injured': the participle closing the list applies to each
    closing = next((w for w in rest if w in _PARTICIPLES), "")

    def score(f: Fact) -> int:
        if not f.verbs:
            return 1
        if _has(near, f.verbs):
            return 3
        return 2 if f.verbs_anywhere and _has(sentence, f.verbs) else 1 if closing and _has([closing], f.verbs) else 0

    for side in sides:
        counted = False
        for i in range(len(side)):
            nouned = [f for f in pool if _has(side[i:i + 2], f.nouns)]
            counted = counted or bool(nouned)
            best = max((score(f) for f in nouned), default=0)
            if best:  # else: 'members' of 'the arrest of 17 members' are not the killed ones; look further
                return [f for f in nouned if score(f) == best]
        if counted and side is after:  # '18 military personnel and 34 civilians killed': not 'These attacks'
            return []
    return []


def check(paragraphs: list[str], data: Processed, month: str) -> list[Finding]:
    facts = month_facts(data, month)
    return [finding for sentence in sentences(paragraphs) for finding in check_sentence(sentence, facts, month)]


def report(findings: list[Finding], draft: str, month: str) -> str:
    """The table printed for the editor."""
    mismatches = sum(f.status == "MISMATCH" for f in findings)
    lines = [f"Checked {len(findings)} numbers in {draft} against the data for {long_month(month)}: "
             f"{sum(f.status == 'match' for f in findings)} match, {mismatches} MISMATCH, "
             f"{sum(f.status == 'not in the data' for f in findings)} not in the data.", ""]
    for f in findings:
        shown = f.sentence if len(f.sentence) <= 90 else f.sentence[:87] + "…"
        if f.status == "match":
            what = f"matches {f.fact.label} = {f.fact.value:,}" + (f" ({f.fact.source})" if f.fact.source else "")
        elif f.status == "MISMATCH":
            what = (f"MISMATCH: the data give {f.fact.label} = {f.fact.value:,}"
                    + (f" ({f.fact.source})" if f.fact.source else ""))
        else:
            what = "not in the data (information)"
        lines.append(f"  {f.number.written:>10}  {what}\n              in: \"{shown}\"")
    return "\n".join(lines)
