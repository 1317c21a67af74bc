"""The raw tables of data/raw, declared: their columns, keys and the rules their rows must keep."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ..vocabulary import (
    CAMP_GROUPS,
    DEVELOPMENT_CATEGORIES,
    KEY_POINT_KINDS,
    METRICS,
    NOT_COUNTRIES,
    OWN_REPORT,
    REGION_METRICS,
    REPATRIATED_FROM,
    STATED_IN,
)
from . import parsing
from .places import is_residual
from .readers import LINE
from .schemas import Column, Context, Rejection, TableSchema, not_in_future


def _not_before_period(column: str) -> Callable[[pd.DataFrame, Context], list[Rejection]]:
    def check(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
        out = []
        for idx, row in frame.iterrows():
            published = parsing.period_end(row["published"])
            if row[column] and parsing.parse_date(row[column])[0] > published:
                out.append((idx, "published", f"is before the start of the period it describes ({row[column]})"))
        return out

    return check


def _same_day_conflicts(
    keys: list[str], value: str, skip: tuple[str, str] | None = None
) -> Callable[[pd.DataFrame, Context], list[Rejection]]:
    """Two statements of one figure with the same publication date must agree, or 'current' is undefined.
    Rows with `skip` = (column, value) (a statement marked as a slip) never compete for 'current'."""

    def check(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
        out = []
        seen: dict[tuple, tuple[str, int]] = {}
        for idx, row in frame.iterrows():
            if skip is not None and row[skip[0]] == skip[1]:
                continue
            key = tuple(row[k] for k in keys) + (parsing.parse_date(row["published"])[0],)
            if key in seen and seen[key][0] != row[value]:
                out.append(
                    (
                        idx,
                        value,
                        f"contradicts line {seen[key][1]} published the same day; give the "
                        "statements their exact publication dates so the later one is current",
                    )
                )
            seen.setdefault(key, (row[value], row[LINE]))
        return out

    return check


def _region_known(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    if ctx.gazetteer is None:
        return []
    out = []
    for idx, name in frame["region"].items():
        if is_residual(name):
            continue  # 'other cantons': the report's remainder, kept as written
        res = ctx.gazetteer.resolve(name)
        if not res.place_id:
            out.append((idx, "region", res.reason))
    return out


def _value_or_share(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    return [
        (idx, "value", "and share_pct are both empty: give a count, a share or both")
        for idx, row in frame.iterrows()
        if not row["value"] and not row["share_pct"]
    ]


def _parts_within_whole(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """Camp groups of one snapshot must not exceed its total, and must equal it when all are exact."""
    out = []
    for _, snap in frame.groupby(["as_of", "camp", "report"], sort=False):
        counts = {r["group"]: parsing.parse_count(r["population"]) for _, r in snap.iterrows()}
        if "total" not in counts:
            continue
        total = counts["total"]
        parts = [q for g, q in counts.items() if g != "total"]
        part_sum = sum(q.value for q in parts)
        exact = total.qualifier == "" and all(q.qualifier == "" for q in parts)
        lower_bounds = all(q.qualifier in ("", "≥", ">") for q in parts)
        too_big = lower_bounds and total.qualifier in ("", "≤", "<") and part_sum > total.value
        mismatch = exact and len(parts) == len(CAMP_GROUPS) - 1 and part_sum != total.value
        if too_big or mismatch:
            why = "are larger than" if too_big else "do not add up to"
            for idx in snap.index:
                out.append(
                    (idx, "population", f"the groups of this snapshot ({part_sum}) {why} its total ({total.value})")
                )
    return out


def _a_country(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """No made-up country names: 'unknown' would get a bar of their own ('several' is the one word kept: it says
    the source speaks of several countries without naming them)."""
    return [
        (
            idx,
            "country",
            "is not a country: leave it empty when the source names none, write 'several' "
            "when it speaks of several it does not name, or list the countries of a joint "
            "figure as 'Russia; Kyrgyzstan'",
        )
        for idx, name in frame["country"].items()
        if any(part.strip().lower() in NOT_COUNTRIES for part in name.split(";") if name)
    ]


def _camp_named(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """`repatriated_from` = camp needs the camp's name, and a named camp means from that camp."""
    out = []
    for idx, row in frame.iterrows():
        if row["repatriated_from"] == "camp" and not row["camp"]:
            out.append((idx, "camp", "is empty but repatriated_from is camp: name the camp"))
        elif row["camp"] and row["repatriated_from"] != "camp":
            out.append((idx, "repatriated_from", f"is {row['repatriated_from']} but a camp is named: write camp"))
    return out


def _repatriation_parts(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    out = []
    for idx, row in frame.iterrows():
        if not any(row[c] for c in ("people", "women", "children", "families")):
            out.append((idx, "people", "is empty, as are women, children and families: give at least one count"))
            continue
        if row["people"]:
            people = parsing.parse_count(row["people"])
            parts = [parsing.parse_count(row[c]) for c in ("women", "children") if row[c]]
            if people.qualifier in ("", "implied") and sum(p.value for p in parts) > people.value:
                out.append((idx, "people", "is smaller than women plus children"))
    return out


def _period_order(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    return [
        (idx, "period_end", "is before period_start")
        for idx, row in frame.iterrows()
        if parsing.parse_date(row["period_end"])[0] < parsing.parse_date(row["period_start"])[0]
    ]


def _definitions_order(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    return [
        (idx, "last_month", "is before first_month")
        for idx, row in frame.iterrows()
        if row["last_month"] and row["last_month"] < row["first_month"]
    ]


def _definitions_tile(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """The periods tile: every month from the first definition's first month on has exactly one definition
    (no gap, no overlap; only the latest may stay open). A gap or overlap would change published sentences."""
    from ..months import next_month, previous_month

    out = []
    rows = frame[frame["first_month"] != ""].sort_values("first_month", kind="mergesort")
    before = None
    for idx, row in rows.iterrows():
        if row["last_month"] and row["last_month"] < row["first_month"]:
            continue  # _definitions_order names it
        if before is not None:
            end, line = before["last_month"], before[LINE]
            if not end:
                out.append(
                    (
                        idx,
                        "first_month",
                        f"is {row['first_month']}, while the definition on line {line} "
                        f"({before['definition']}) is still in force (its last_month is "
                        "empty): end it the month before, so each month has one definition",
                    )
                )
            elif row["first_month"] <= end:
                out.append(
                    (
                        idx,
                        "first_month",
                        f"is {row['first_month']}, inside the period of the definition on "
                        f"line {line} ({before['definition']}, {before['first_month']} to "
                        f"{end}): periods must not overlap",
                    )
                )
            elif row["first_month"] != next_month(end):
                gap = (next_month(end), previous_month(row["first_month"]))
                span = gap[0] if gap[0] == gap[1] else f"{gap[0]} to {gap[1]}"
                out.append(
                    (
                        idx,
                        "first_month",
                        f"is {row['first_month']}, but the definition on line {line} "
                        f"({before['definition']}) ends at {end}: {span} would have no "
                        "counting definition; every month needs exactly one",
                    )
                )
        if before is None or (
            before["last_month"] and (not row["last_month"] or row["last_month"] > before["last_month"])
        ):
            before = row
    return out


# --- the raw tables -------------------------------------------------------------------------------

_SOURCE_COLUMNS = (
    Column("report", "text", description="the report or article that stated the figure"),
    Column("published", "date", description="when that report was published (YYYY-MM-DD, YYYY-MM or YYYY)"),
    Column("source_url", "url", description="address(es) of the source page; several separated by ' ; '"),
    Column("note", "note", required=False, description="context, wording, caveats"),
)


def _erratum_explained(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """A statement marked as a slip keeps its number and says why it is one: the flag takes a figure out of
    the current and first-published values, so it is never set without a reason a reader can check."""
    out = []
    for idx, row in frame.iterrows():
        if row["erratum"] != "yes":
            continue
        if not row["value"]:
            out.append(
                (
                    idx,
                    "value",
                    "is empty but erratum is yes: a slip is a number the report printed; give it (or clear erratum)",
                )
            )
        elif not row["note"].strip():
            out.append(
                (
                    idx,
                    "note",
                    "is empty but erratum is yes: say why the statement is a slip (e.g. "
                    "which figure it mistook, what the month's own report gives)",
                )
            )
    return out


MONTHLY_FIGURES = TableSchema(
    name="monthly_figures",
    columns=(
        Column("period", "period", description="month (YYYY-MM) or year (YYYY) the figure describes"),
        Column("metric", "choice", choices=tuple(METRICS), description="what is counted"),
        Column("value", "count", required=False, description="the figure as published; empty = not published"),
        Column(
            "stated_in",
            "choice",
            required=False,
            choices=STATED_IN,
            description="where the report gives it, when it gives two numbers or only its body text does",
        ),
        *_SOURCE_COLUMNS,
        Column(
            "erratum",
            "choice",
            required=False,
            choices=("yes",),
            may_be_absent=True,
            description="yes = the statement is a slip of the report (kept and shown, never the current or "
            "first-published value); empty otherwise",
        ),
    ),
    key=("period", "metric", "stated_in", "report"),
    checks=(
        not_in_future("period"),
        _not_before_period("period"),
        _erratum_explained,
        _same_day_conflicts(["period", "metric", "stated_in"], "value", skip=("erratum", "yes")),
    ),
)

ATTACKS_BY_REGION = TableSchema(
    name="attacks_by_region",
    columns=(
        Column("month", "month", description="month the breakdown describes"),
        Column("region", "text", description="region or place as the report names it"),
        Column("metric", "choice", choices=REGION_METRICS, description="attacks or raids"),
        Column("value", "count", required=False, description="count in that region"),
        Column("share_pct", "percent", required=False, description="share of the month's total, in percent"),
        *_SOURCE_COLUMNS,
    ),
    key=("month", "region", "metric", "report"),
    checks=(
        not_in_future("month"),
        _not_before_period("month"),
        _value_or_share,
        _region_known,
        _same_day_conflicts(["month", "region", "metric"], "value"),
    ),
)

CAMP_POPULATION = TableSchema(
    name="camp_population",
    columns=(
        Column("as_of", "date", description="date (or month) the count refers to"),
        Column("camp", "choice", choices=("al-Hol", "Roj"), description="camp"),
        Column("group", "choice", choices=CAMP_GROUPS, description="population group, or total"),
        Column("population", "count", description="people"),
        *_SOURCE_COLUMNS,
    ),
    key=("as_of", "camp", "group", "report"),
    checks=(not_in_future("as_of"), _not_before_period("as_of"), _parts_within_whole),
)

REPATRIATIONS = TableSchema(
    name="repatriations",
    columns=(
        Column("date", "date", description="date, or month, of the repatriation"),
        Column(
            "country",
            "text",
            required=False,
            description="country that repatriated its nationals; empty when the source names none; "
            "several (one joint figure) as 'Russia; Kyrgyzstan'; 'several' when the source "
            "speaks of several countries it does not name",
        ),
        Column("camp", "choice", required=False, choices=("al-Hol", "Roj"), description="camp, when stated"),
        Column(
            "repatriated_from",
            "choice",
            choices=REPATRIATED_FROM,
            description="where the people were taken from, as the source says",
        ),
        Column("people", "count", required=False, description="people repatriated"),
        Column("women", "count", required=False, description="of whom women"),
        Column("children", "count", required=False, description="of whom children"),
        Column("families", "count", required=False, description="families"),
        *_SOURCE_COLUMNS,
    ),
    key=("date", "country", "camp", "report"),
    checks=(not_in_future("date"), _not_before_period("date"), _repatriation_parts, _camp_named, _a_country),
)

US_POSITION_ATTACKS = TableSchema(
    name="us_position_attacks",
    columns=(
        Column("period_start", "date", description="first day of the tally"),
        Column("period_end", "date", description="last day of the tally"),
        Column("area", "choice", choices=("Iraq and Syria", "Syria", "Iraq"), description="where"),
        Column("attacks", "count", description="attacks by Iran-backed groups on US positions"),
        *_SOURCE_COLUMNS,
    ),
    key=("period_start", "period_end", "area", "report"),
    checks=(not_in_future("period_end"), _not_before_period("period_end"), _period_order),
)

DEFINITIONS = TableSchema(
    name="definitions",
    columns=(
        Column("definition", "text", description="short id of the counting definition"),
        Column("first_month", "month", description="first month it applies to"),
        Column("last_month", "month", required=False, description="last month (empty = still in force)"),
        Column("label", "text", description="label for charts"),
        Column("description", "note", description="what the headline counts"),
        Column("source_url", "url", description="report showing the definition in use"),
    ),
    key=("definition",),
    checks=(_definitions_order, _definitions_tile),
)


def _chart_label_given(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    return [
        (idx, "chart_label", "is empty but on_charts is yes: give the few words the chart shows")
        for idx, row in frame.iterrows()
        if row["on_charts"] == "yes" and not row["chart_label"]
    ]


DEVELOPMENTS = TableSchema(
    name="developments",
    columns=(
        Column("month", "month", description="the report month whose key points carry it"),
        Column("date", "date", description="when it happened (YYYY-MM-DD, or YYYY-MM when only the month is known)"),
        Column("category", "choice", choices=DEVELOPMENT_CATEGORIES, description="what kind of development"),
        Column("summary", "text", description="one line in our own words (facts carry over, sentences do not)"),
        Column(
            "primary_source",
            "text",
            required=False,
            description="who said or decided it, as the report names them (e.g. a ministry, a court)",
        ),
        Column("key_point_order", "count", description="its place among the month's developments (1 = first)"),
        Column("on_charts", "choice", choices=("yes", "no"), description="marked on the attack series charts"),
        Column("chart_label", "text", required=False, description="the few words a chart marker shows"),
        *_SOURCE_COLUMNS,
    ),
    key=("month", "key_point_order"),
    checks=(not_in_future("date"), _not_before_period("date"), _chart_label_given),
)


def _found_has_address(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    return [
        (idx, "source_url", "is empty but own_report is found: give the address of the report's page")
        for idx, row in frame.iterrows()
        if row["own_report"] == "found" and not row["source_url"]
    ]


REPORTS = TableSchema(
    name="reports",
    columns=(
        Column("month", "month", description="the report month (YYYY-MM)"),
        Column(
            "own_report",
            "choice",
            choices=OWN_REPORT,
            description="found = the month's own report was read; not_found = it was searched for and not found",
        ),
        Column("source_url", "url", required=False, description="the address of the month's own report, when found"),
        Column("note", "note", required=False, description="where it was looked for; where the figures come from"),
    ),
    key=("month",),
    checks=(not_in_future("month"), _found_has_address),
)


def _a_key_point_kind(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """A kind is one of the key points the project writes, or 'development:N' for a development's row."""
    return [
        (
            idx,
            "kind",
            f"is not a key point: write one of {', '.join(KEY_POINT_KINDS)}, or development:N "
            "(N = the development's key_point_order)",
        )
        for idx, kind in frame["kind"].items()
        if kind not in KEY_POINT_KINDS and not re.fullmatch(r"development:[1-9][0-9]*", kind)
    ]


def _each_kind_once(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """A month lists each of its key points once."""
    repeats = frame[frame.duplicated(["month", "kind"], keep="first")]
    return [
        (idx, "kind", f"is listed twice for {row['month']}: each key point has one place")
        for idx, row in repeats.iterrows()
    ]


KEY_POINT_ORDER = TableSchema(
    name="key_point_order",
    columns=(
        Column("month", "month", description="the report month"),
        Column("position", "count", description="the key point's place in the report's own list (1 = first)"),
        Column("kind", "text", description="which key point: " + ", ".join(KEY_POINT_KINDS) + " or development:N"),
        Column("report", "text", description="the month's own report"),
        Column("source_url", "url", description="the address of its page"),
        Column("note", "note", required=False, description="where the order comes from when not a bullet list"),
    ),
    key=("month", "position"),
    checks=(not_in_future("month"), _a_key_point_kind, _each_kind_once),
)

RAW_TABLES = (
    MONTHLY_FIGURES,
    ATTACKS_BY_REGION,
    CAMP_POPULATION,
    REPATRIATIONS,
    US_POSITION_ATTACKS,
    DEFINITIONS,
    DEVELOPMENTS,
    REPORTS,
    KEY_POINT_ORDER,
)
# Tables that may be missing from data/raw: read as empty (every month's own_report is then unknown; every
# month's key points keep the default order).
OPTIONAL_RAW_TABLES = ("reports", "key_point_order")
