"""The report's key points, written from the data with our own sentence templates.

Grammar holds for 0, 1 and many, for increases, decreases and no change, and for figures that were not
published (the sentence says so; it never prints "nan" or a 0 that was not published).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..months import long_month, month_name
from . import markdown
from .facts import MonthFacts, choose_snapshot
from .provisional import is_provisional
from .wording import (
    CAMP_GROUP_WORDS,
    FROM_PHRASES,
    capitalised,
    change,
    counted,
    country,
    join,
    join_clauses,
    missing,
    not_known,
    number,
)


def attacks_point(facts: MonthFacts) -> str:
    """'11 confirmed ISIS sleeper cell attacks across NES in November, down from 17 in October'."""
    name, prev_name = month_name(facts.month), month_name(facts.previous)
    noun = ("confirmed ISIS sleeper cell attack", "confirmed ISIS sleeper cell attacks")
    if facts.definition() != "confirmed_isis":
        noun = ("sleeper cell attack", "sleeper cell attacks")
    value, qual = facts.get("attacks")
    if missing(value):
        return capitalised(not_known(f"the number of {noun[1]} in {name}", False, facts.report_found()))
    sentence = f"{counted(value, qual, *noun, zero='No')} across NES in {name}"
    prev, prev_qual = facts.get("attacks", facts.previous)
    if missing(prev):
        return sentence + "; " + not_known(f"{prev_name}'s figure", False, facts.report_found(facts.previous))
    sentence += ", " + change(value, qual, prev, prev_qual, facts.previous)
    return sentence + definition_note(facts)


def definition_note(facts: MonthFacts) -> str:
    """' (counted under the earlier, broader definition)', said right after the previous month's count, when the
    definition changed between the two months, else ''."""
    before = facts.definition(facts.previous)
    if before and before != facts.definition():
        return " (counted under the earlier, broader definition)"
    return ""


def unverified_point(facts: MonthFacts) -> str | None:
    """'ISIS claimed 2 more attacks that could not be independently verified' (only when published)."""
    value, qual = facts.get("attacks_unverified")
    if missing(value) or int(value) == 0:
        return None
    return (
        f"ISIS claimed {counted(value, qual, 'additional attack', 'additional attacks')} that could not be "
        "independently verified"
    )


def _casualty_phrase(killed, kq, injured, iq, singular: str, plural: str) -> str:
    if missing(killed) and missing(injured):
        return ""
    if missing(injured):
        return f"{counted(killed, kq, singular, plural)} killed (injuries not published)"
    if missing(killed):
        return f"{counted(injured, iq, singular, plural)} injured (deaths not published)"
    if int(killed) == 0 and int(injured) == 0:
        return f"no {plural} killed or injured"
    if int(killed) == 0:
        return f"{counted(injured, iq, singular, plural)} injured"
    if int(injured) == 0:
        return f"{counted(killed, kq, singular, plural)} killed"
    return f"{counted(killed, kq, singular, plural)} killed and {number(injured, iq)} injured"


@dataclass(frozen=True)
class Casualties:
    """A month's casualties in words: what was published (`said`) and what was not (`unpublished`), kept apart
    so that each sentence places them itself."""

    said: str = ""  # '6 military personnel killed and 11 injured, and 6 civilians killed'
    unpublished: str = ""  # 'civilian casualties', 'injuries' or ''
    totals_only: bool = False
    report_found: bool = True

    def phrase(self, where: str = "") -> str:
        """'6 military personnel killed in these attacks; civilian casualties were not published' (`where`:
        what follows the published part, e.g. ' in these attacks')."""
        text = self.said + where + (" (only totals were published)" if self.totals_only else "")
        return text + (f"; {not_known(self.unpublished, True, self.report_found)}" if self.unpublished else "")


def casualties(facts: MonthFacts, month: str | None = None) -> Casualties:
    """The casualties of a month's attacks, military and civilian (or the totals, where only those exist)."""
    month = month or facts.month
    found = facts.report_found(month)

    def get(metric: str):
        return facts.get(metric, month)

    mk, mkq = get("military_killed")
    ck, ckq = get("civilian_killed")
    if (
        missing(get("military_injured")[0])
        and missing(get("civilian_injured")[0])
        and not missing(mk)
        and not missing(ck)
    ):
        said = (
            f"{counted(mk, mkq, 'member of the security forces', 'military personnel')} and "
            f"{counted(ck, ckq, 'civilian', 'civilians')} killed"
        )
        return Casualties(said, "injuries", report_found=found)
    military = _casualty_phrase(
        mk, mkq, *get("military_injured"), "member of the security forces", "military personnel"
    )
    civilian = _casualty_phrase(ck, ckq, *get("civilian_injured"), "civilian", "civilians")
    if military or civilian:
        unpublished = "" if military and civilian else "civilian casualties" if military else "military casualties"
        return Casualties(join_clauses([military, civilian]), unpublished, report_found=found)
    totals = _casualty_phrase(*get("deaths_total"), *get("injured_total"), "person", "people")
    return Casualties(totals, totals_only=bool(totals), report_found=found)


def casualties_point(facts: MonthFacts) -> str:
    """'4 military personnel killed and 5 injured, and 7 civilians injured in these attacks'."""
    month_casualties = casualties(facts)
    if not month_casualties.said:
        return capitalised(not_known(f"casualty figures for {month_name(facts.month)}", True, facts.report_found()))
    return month_casualties.phrase(" in these attacks")


def raid_results(facts: MonthFacts, month: str | None = None, body_text: bool | None = None) -> list[str]:
    """What the month's raids resulted in: ['17 arrests', '1 ISIS official killed'] (published figures only;
    `body_text` True/False: only the figures the report gives in its body text / in its key points)."""
    month = month or facts.month

    def get(metric: str):
        value, qualifier = facts.get(metric, month)
        if body_text is not None and not missing(value) and facts.in_body_text(metric, month) != body_text:
            return pd.NA, ""
        return value, qualifier

    arrests, aq = get("arrests")
    killed, kq = get("isis_killed")
    officials, oq = get("isis_officials_killed")
    results = []
    if not missing(arrests):
        results.append(counted(arrests, aq, "arrest", "arrests"))
    if not missing(officials) and int(officials) > 0 and (missing(killed) or killed == officials):
        results.append(f"{counted(officials, oq, 'ISIS official', 'ISIS officials')} killed")
    elif not missing(killed) and int(killed) > 0:
        extra = (
            f", including {counted(officials, oq, 'official', 'officials')}"
            if not missing(officials) and int(officials) > 0
            else ""
        )
        results.append(f"{counted(killed, kq, 'ISIS member', 'ISIS members')} killed{extra}")
    return results


def _key_and_body_results(facts: MonthFacts, month: str | None = None) -> tuple[list[str], list[str]]:
    """The raid results of the key points and those only the body text gives (all in the first list when the
    key points give none)."""
    key, body = raid_results(facts, month, body_text=False), raid_results(facts, month, body_text=True)
    return (key, body) if key else (body, [])


def raid_outcomes(facts: MonthFacts, month: str | None = None) -> str:
    """', resulting in 17 arrests (the report's body text adds 5 ISIS members killed)': a figure of the key
    points and one of the body text are never joined as if the report had said them together."""
    key, body = _key_and_body_results(facts, month)
    if not key:
        return ""
    return f", resulting in {join(key)}" + (f" (the report's body text adds {join(body)})" if body else "")


def raids_point(facts: MonthFacts) -> str:
    """'10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS official killed'."""
    raids, rq = facts.get("raids")
    if missing(raids):
        key, body = _key_and_body_results(facts)
        if not key:
            return capitalised(not_known(f"raid figures for {month_name(facts.month)}", True, facts.report_found()))
        adds = f"; the report's body text adds {join(body)}" if body else ""
        return f"{join(key)} in raids on ISIS sleeper cells (the number of raids was not published{adds})"
    return f"{counted(raids, rq, 'raid', 'raids', zero='No')} conducted on ISIS sleeper cells{raid_outcomes(facts)}"


def camp_point(camps: pd.DataFrame, month: str) -> str | None:
    """'al-Hol camp held 49,432 people in November: 24,147 Iraqis, 18,028 Syrians and 7,257 third-country
    foreigners'."""
    rows = camps[(camps["month"] == month) & (camps["camp"] == "al-Hol")]
    if rows.empty:
        return None
    snapshot = choose_snapshot(rows)
    groups = dict(zip(snapshot["group"], zip(snapshot["population"], snapshot["qualifier"])))
    if "total" not in groups:
        return None
    total, tq = groups["total"]
    parts = [counted(*groups[g], w.singular, w.plural) for g, w in CAMP_GROUP_WORDS.items() if g in groups]
    sentence = f"al-Hol camp held {counted(total, tq, 'person', 'people')} in {month_name(month)}"
    return sentence + (f": {join(parts)}" if parts else "")


def repatriation_points(repatriations: pd.DataFrame, month: str) -> list[str]:
    """'Iraq repatriated 776 people (192 families) from al-Hol camp', one per repatriation of the month."""
    points = []
    for row in repatriations[repatriations["month"] == month].itertuples():
        parts = [
            counted(v, q, s, p)
            for v, q, s, p in (
                (row.women, row.women_qualifier, "woman", "women"),
                (row.children, row.children_qualifier, "child", "children"),
            )
            if not missing(v)
        ]
        if not missing(row.people) and (row.people_qualifier != "implied" or not parts):
            who = counted(row.people, row.people_qualifier, "person", "people")
            if not missing(row.families):
                who += f" ({counted(row.families, row.families_qualifier, 'family', 'families')})"
        elif parts:
            who = join(parts)
        else:
            who = counted(row.families, row.families_qualifier, "family", "families")
        where = f" from {row.camp} camp" if row.repatriated_from == "camp" else FROM_PHRASES[row.repatriated_from]
        points.append(f"{country(row.country)} repatriated {who}{where}")
    return points


def us_positions_point(tallies: pd.DataFrame, month: str) -> str | None:
    """The latest Iraq-and-Syria tally of attacks on US positions that ends in the month."""
    rows = tallies[(tallies["period_end"].str[:7] == month) & (tallies["area"] == "Iraq and Syria")]
    if rows.empty:
        return None
    row = rows.sort_values(["period_end", "period_start"], kind="mergesort").iloc[-1]

    def day(text: str) -> str:
        return f"{int(text[8:10])} {month_name(text[:7])}" if len(text) == 10 else month_name(text[:7])

    times = counted(row["attacks"], row["qualifier"], "time", "times")
    return (
        f"Between {day(row['period_start'])} and {day(row['period_end'])}, Iran-backed groups attacked "
        f"US positions in Iraq and Syria {times}"
    )


def development_points(developments: pd.DataFrame | None, month: str) -> list[tuple[str, str]]:
    """The month's developments (developments.csv) in the editor's order: (kind, one-line summary), the kind
    being 'development:N' for the row whose `key_point_order` is N."""
    if developments is None or developments.empty:
        return []
    rows = developments[developments["month"] == month].sort_values("key_point_order", kind="mergesort")
    return [(f"development:{int(r.key_point_order)}", r.summary) for r in rows.itertuples()]


def in_report_order(kinds: list[str], listed: list[str]) -> list[str]:
    """The kinds of a month's key points in the report's own order: the `listed` ones (the report's order, from
    key_point_order.csv) as listed, each other one right after the last placed of the points that precede it
    in the default order (first when none does), so it never comes before one of them. No listed order: the
    default order."""
    result = [k for k in dict.fromkeys(listed) if k in kinds]
    for i, kind in enumerate(kinds):
        if kind not in result:
            before = [result.index(k) for k in kinds[:i] if k in result]
            result.insert(max(before) + 1 if before else 0, kind)
    return result


def key_points(
    figures: pd.DataFrame,
    panel: pd.DataFrame,
    camps: pd.DataFrame,
    repatriations: pd.DataFrame,
    tallies: pd.DataFrame,
    month: str,
    developments: pd.DataFrame | None = None,
    order: pd.DataFrame | None = None,
) -> list[str]:
    """All key points of a month, in the report's order (`order`: key_point_order.csv's rows; without rows for
    the month, the numbers first and then the developments). The month's repatriations are one point of that
    order, in the order they were recorded."""
    facts = MonthFacts(figures, panel, month)
    points = {
        "attacks": [attacks_point(facts)],
        "unverified": [unverified_point(facts)],
        "casualties": [casualties_point(facts)],
        "raids": [raids_point(facts)],
        "us_positions": [us_positions_point(tallies, month)],
        "camp": [camp_point(camps, month)],
        "repatriations": repatriation_points(repatriations, month),
        **{kind: [summary] for kind, summary in development_points(developments, month)},
    }
    listed = (
        []
        if order is None
        else order[order["month"] == month].sort_values("position", kind="mergesort")["kind"].tolist()
    )
    said = [p for kind in in_report_order(list(points), listed) for p in points[kind] if p]
    if is_provisional(panel, month):  # the team's own count: said first, in every copy of the key points
        said.insert(
            0,
            f"These figures for {long_month(month)} are the team's provisional count from its own "
            "records, not yet published",
        )
    return [capitalised(p) for p in said]


def key_points_markdown(points: list[str], month: str) -> str:
    """The key points as a Markdown list, ready to paste."""
    title = f"{month_name(month)} {month[:4]}"
    lines = [f"# Key points: {title}", ""] + [f"- {markdown.text(p)}" for p in points]
    lines += [
        "",
        "_Written from data/processed by the analysis package; numbers in key_figures.md, sources in sources.md._",
        "",
    ]
    return "\n".join(lines)
