"""The report's key points, written from the data with our own sentence templates.

Grammar holds for 0, 1 and many, for increases, decreases and no change, and for figures that were not
published (the sentence says so; it never prints "nan" or a 0 that was not published).
"""

from __future__ import annotations

import pandas as pd

from ..months import long_month, month_name, previous_month
from ..vocabulary import BOUNDS
from . import markdown
from .provisional import is_provisional

_QUALIFIER_WORDS = {">": "more than", "≥": "at least", "<": "fewer than", "≤": "at most", "~": "about"}
_GROUP_WORDS = {"iraqi": ("Iraqi", "Iraqis"), "syrian": ("Syrian", "Syrians"),
                "third_country": ("third-country foreigner", "third-country foreigners")}


def missing(value) -> bool:
    """True when a figure was not published."""
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def number(value, qualifier: str = "") -> str:
    """49432 -> '49,432'; with '≥' -> 'at least 49,432'."""
    text = f"{int(value):,}"
    words = _QUALIFIER_WORDS.get(qualifier)
    return f"{words} {text}" if words else text


def counted(value, qualifier: str, singular: str, plural: str, zero: str = "no") -> str:
    """'1 raid', '10 raids', 'no raids', 'at least 1 raid', 'at least 39 people'."""
    if int(value) == 0 and qualifier in ("", "implied", "text"):
        return f"{zero} {plural}"
    noun = singular if int(value) == 1 else plural
    return f"{number(value, qualifier if qualifier not in ('implied', 'text') else '')} {noun}"


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


# Country names said with "the" ('the United Kingdom repatriated …').
_WITH_ARTICLE = {"United Kingdom", "United States", "Netherlands", "Czech Republic", "Philippines", "Maldives",
                 "United Arab Emirates", "Dominican Republic", "Central African Republic", "Gambia", "Bahamas",
                 "Comoros", "Democratic Republic of the Congo", "Republic of the Congo", "Republic of Moldova"}


def country(name: str) -> str:
    """'United Kingdom' -> 'the United Kingdom'; 'Iraq' -> 'Iraq'; 'Russia; Kyrgyzstan' -> 'Russia and
    Kyrgyzstan together'; '' (the source names none) -> 'a country the source does not name'."""
    names = [n.strip() for n in str(name).split(";") if n.strip()]
    if not names:
        return "a country the source does not name"
    said = [f"the {n}" if n in _WITH_ARTICLE else n for n in names]
    return join(said) + (" together" if len(said) > 1 else "")


def one_country(name: str) -> bool:
    """Whether a repatriation names exactly one country (only those get a bar of their own)."""
    return bool(name.strip()) and ";" not in name


# Where people were repatriated from (repatriations.csv, `repatriated_from`), as a phrase.
FROM_PHRASES = {"nes_camps": " from NES camps", "detention_facilities": " from detention facilities in NES",
                "camps_and_detention": " from camps and detention facilities in NES", "nes": " from NES",
                "not_stated": ""}


def join(parts: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class MonthFacts:
    """Look-ups of one month's (and the previous month's) figures with their qualifiers."""

    def __init__(self, figures: pd.DataFrame, panel: pd.DataFrame, month: str):
        self.month = month
        self.previous = previous_month(month)
        self._figures = figures.set_index(["period", "metric"])
        self._definitions = panel.set_index("month")["definition"]

    def get(self, metric: str, month: str | None = None) -> tuple[object, str]:
        """(value, qualifier) of a metric; (pd.NA, '') when not published."""
        key = (month or self.month, metric)
        if key not in self._figures.index:
            return pd.NA, ""
        row = self._figures.loc[key]
        return row["value"], row["qualifier"]

    def definition(self, month: str | None = None) -> str:
        return self._definitions.get(month or self.month, "")


def attacks_point(facts: MonthFacts) -> str:
    """'11 confirmed ISIS sleeper cell attacks across NES in November, a decrease from October's 17'."""
    name, prev_name = month_name(facts.month), month_name(facts.previous)
    noun = ("confirmed ISIS sleeper cell attack", "confirmed ISIS sleeper cell attacks")
    if facts.definition() != "confirmed_isis":
        noun = ("sleeper cell attack", "sleeper cell attacks")
    value, qual = facts.get("attacks")
    if missing(value):
        return f"The number of {noun[1]} in {name} was not published"
    head = counted(value, qual, *noun, zero="No")
    head = head[0].upper() + head[1:] if head.startswith("no ") else head
    sentence = f"{head} across NES in {name}"
    prev, prev_qual = facts.get("attacks", facts.previous)
    if missing(prev):
        return sentence + f"; no figure was published for {prev_name}"
    before = f"{prev_name}'s {number(prev)}" if prev_qual in ("", "implied", "text") else \
        f"{number(prev, prev_qual)} in {prev_name}"
    if value > prev:
        sentence += f", an increase from {before}"
    elif value < prev:
        sentence += f", a decrease from {before}"
    else:
        sentence += f", the same as {before}"
    if facts.definition(facts.previous) and facts.definition(facts.previous) != facts.definition():
        sentence += " (counted under the earlier, broader definition)"
    return sentence


def unverified_point(facts: MonthFacts) -> str | None:
    """'ISIS claimed 2 more attacks that could not be independently verified' (only when published)."""
    value, qual = facts.get("attacks_unverified")
    if missing(value) or int(value) == 0:
        return None
    return (f"ISIS claimed {counted(value, qual, 'additional attack', 'additional attacks')} that could not be "
            "independently verified")


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
    return f"{counted(killed, kq, singular, plural)} killed and {number(injured, '' if iq in ('implied', 'text') else iq)} injured"


def casualties_point(facts: MonthFacts) -> str:
    """'4 military personnel killed and 5 injured, 7 civilians injured in these attacks'."""
    mk, mkq = facts.get("military_killed")
    ck, ckq = facts.get("civilian_killed")
    no_injuries = missing(facts.get("military_injured")[0]) and missing(facts.get("civilian_injured")[0])
    if no_injuries and not missing(mk) and not missing(ck):
        return (f"{counted(mk, mkq, 'member of the security forces', 'military personnel')} and "
                f"{counted(ck, ckq, 'civilian', 'civilians')} killed in these attacks; injuries were not published")
    military = _casualty_phrase(*facts.get("military_killed"), *facts.get("military_injured"),
                                "member of the security forces", "military personnel")
    civilian = _casualty_phrase(*facts.get("civilian_killed"), *facts.get("civilian_injured"),
                                "civilian", "civilians")
    if military or civilian:
        if not military:
            military = "military casualties not published"
        if not civilian:
            civilian = "civilian casualties not published"
        return f"{military}, {civilian} in these attacks"
    deaths = _casualty_phrase(*facts.get("deaths_total"), *facts.get("injured_total"), "person", "people")
    if deaths:
        return f"{deaths} in these attacks (only totals were published)"
    return f"Casualty figures for {month_name(facts.month)} were not published"


def raid_results(facts: MonthFacts, month: str | None = None) -> list[str]:
    """What the month's raids resulted in: ['17 arrests', '1 ISIS official killed'] (published figures only)."""
    month = month or facts.month
    arrests, aq = facts.get("arrests", month)
    killed, kq = facts.get("isis_killed", month)
    officials, oq = facts.get("isis_officials_killed", month)
    results = []
    if not missing(arrests):
        results.append(counted(arrests, aq, "arrest", "arrests"))
    if not missing(officials) and int(officials) > 0 and (missing(killed) or killed == officials):
        results.append(f"{counted(officials, oq, 'ISIS official', 'ISIS officials')} killed")
    elif not missing(killed) and int(killed) > 0:
        extra = f", including {counted(officials, oq, 'official', 'officials')}" \
            if not missing(officials) and int(officials) > 0 else ""
        results.append(f"{counted(killed, kq, 'ISIS member', 'ISIS members')} killed{extra}")
    return results


def raids_point(facts: MonthFacts) -> str:
    """'10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS official killed'."""
    raids, rq = facts.get("raids")
    results = raid_results(facts)
    if missing(raids):
        if not results:
            return f"Raid figures for {month_name(facts.month)} were not published"
        return f"{join(results)} in raids on ISIS sleeper cells (the number of raids was not published)"
    head = counted(raids, rq, "raid", "raids", zero="No")
    sentence = f"{head} conducted on ISIS sleeper cells"
    return sentence + (f", resulting in {join(results)}" if results else "")


def camp_point(camps: pd.DataFrame, month: str) -> str | None:
    """'al-Hol camp held 49,432 people in November: 24,147 Iraqis, 18,028 Syrians and 7,257 third-country foreigners'."""
    rows = camps[(camps["month"] == month) & (camps["camp"] == "al-Hol")]
    if rows.empty:
        return None
    snapshot = choose_snapshot(rows)
    groups = dict(zip(snapshot["group"], zip(snapshot["population"], snapshot["qualifier"])))
    if "total" not in groups:
        return None
    total, tq = groups["total"]
    parts = [counted(groups[g][0], groups[g][1], *_GROUP_WORDS[g]) for g in _GROUP_WORDS if g in groups]
    sentence = f"al-Hol camp held {counted(total, tq, 'person', 'people')} in {month_name(month)}"
    return sentence + (f": {join(parts)}" if parts else "")


def choose_snapshot(rows: pd.DataFrame) -> pd.DataFrame:
    """Of several snapshots, the one with most groups, then RIC's own, then the latest as-of date."""
    keys = rows.groupby(["as_of_date", "report"], sort=True).agg(
        n=("group", "size"), ric=("report", lambda r: r.iloc[0].startswith("RIC"))).reset_index()
    best = keys.sort_values(["n", "ric", "as_of_date", "report"], ascending=[False, False, False, True],
                            kind="mergesort").iloc[0]
    return rows[(rows["as_of_date"] == best["as_of_date"]) & (rows["report"] == best["report"])]


def repatriation_points(repatriations: pd.DataFrame, month: str) -> list[str]:
    """'Iraq repatriated 776 people (192 families) from al-Hol camp', one per repatriation of the month."""
    points = []
    for row in repatriations[repatriations["month"] == month].itertuples():
        parts = [counted(v, q, s, p) for v, q, s, p in (
            (row.women, row.women_qualifier, "woman", "women"),
            (row.children, row.children_qualifier, "child", "children")) if not missing(v)]
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
    return (f"Between {day(row['period_start'])} and {day(row['period_end'])}, Iran-backed groups attacked "
            f"US positions in Iraq and Syria {times}")


def development_points(developments: pd.DataFrame | None, month: str) -> list[str]:
    """The month's developments (developments.csv), in the editor's order: their one-line summaries."""
    if developments is None or developments.empty:
        return []
    rows = developments[developments["month"] == month].sort_values("key_point_order", kind="mergesort")
    return rows["summary"].tolist()


def key_points(figures: pd.DataFrame, panel: pd.DataFrame, camps: pd.DataFrame, repatriations: pd.DataFrame,
               tallies: pd.DataFrame, month: str, developments: pd.DataFrame | None = None) -> list[str]:
    """All key points of a month, in the report's order: the numbers, then the month's developments."""
    facts = MonthFacts(figures, panel, month)
    points = [attacks_point(facts), unverified_point(facts), casualties_point(facts), raids_point(facts),
              us_positions_point(tallies, month), camp_point(camps, month), *repatriation_points(repatriations, month),
              *development_points(developments, month)]
    if is_provisional(panel, month):  # the team's own count: said first, in every copy of the key points
        points.insert(0, f"These figures for {long_month(month)} are the team's provisional count from its own "
                         "records, not yet published")
    return [capitalised(p) for p in points if p]


def capitalised(sentence: str) -> str:
    """Every bullet starts with a capital ('al-Hol camp held …' -> 'Al-Hol camp held …')."""
    return sentence[:1].upper() + sentence[1:]


def key_points_markdown(points: list[str], month: str) -> str:
    """The key points as a Markdown list, ready to paste."""
    title = f"{month_name(month)} {month[:4]}"
    lines = [f"# Key points: {title}", ""] + [f"- {markdown.text(p)}" for p in points]
    lines += ["", "_Written from data/processed by the analysis package; numbers in key_figures.md, "
                  "sources in sources.md._", ""]
    return "\n".join(lines)
