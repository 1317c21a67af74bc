"""The month's tables as files: key figures (CSV and Markdown) and the sources behind every number."""

from __future__ import annotations

import pandas as pd

from ..months import long_month, previous_month, window
from ..vocabulary import HEADLINE
from . import markdown
from .data import Processed, rejected_lines
from .facts import latest_snapshot
from .provisional import is_provisional, late_text, notice, source_lines
from .wording import missing, number


def markdown_table(frame: pd.DataFrame) -> str:
    """A frame as a Markdown table (empty cells for missing values)."""
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = [
        "| " + " | ".join("" if pd.isna(v) else markdown.cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


def _cell(value, qualifier: str = "", stated_in: str = "") -> str:
    if missing(value):
        return "not published"
    text = number(value, qualifier)
    body = qualifier == "text" or stated_in == "body_text"
    return text + (" (implied)" if qualifier == "implied" else "") + (" (body text)" if body else "")


def key_figures_markdown(key_figures: pd.DataFrame, month: str, vintage: str = "current") -> str:
    """A Markdown table of the key figures: this month, previous month, change, 12-month average."""
    prev = previous_month(month)
    heading = f"# Key figures: {long_month(month)}" + (" (values as first published)" if vintage != "current" else "")
    provisional = "provisional" in key_figures.columns and (key_figures["provisional"] == "yes").any()
    lines = [heading, ""]
    if provisional:
        lines += [
            f"**PROVISIONAL: the {long_month(month)} column is the team's own count, not yet published** "
            f"(marked †); {long_month(previous_month(month))} and the average are as published.",
            "",
        ]
    lines += [
        f"| Figure | {long_month(month)} | {long_month(prev)} | Change | 12-month average |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in key_figures.itertuples():
        now = _cell(row.value, row.qualifier, row.stated_in)
        if row.disagreement:
            now += f" ({markdown.text(row.disagreement)})"
        if provisional and getattr(row, "provisional", "") == "yes":
            now += " † provisional"
        if row.revised and vintage == "current":
            now += f" (first published: {number(row.first_published)})"
        elif row.revised:
            now += f" (revised later to {number(row.current_value)})"
        if missing(row.change):
            change = "–"
        else:
            pct = "" if missing(row.change_pct) else f" ({row.change_pct:+.0f}%)"
            change = f"{int(row.change):+d}{pct}"
        average = (
            "–"
            if missing(row.avg_12m)
            else f"{row.avg_12m:.1f} ({row.months_in_avg} month{'s' if row.months_in_avg != 1 else ''})"
        )
        lines.append(
            f"| {row.label} | {now} | {_cell(row.previous_value, row.previous_qualifier)} | {change} | {average} |"
        )
    lines += [
        "",
        "Not published means the report did not give the figure; it is never counted as zero. "
        "The 12-month average uses the months with an exact published value among the 12 ending with "
        f"{long_month(month)}; neither changes nor averages are computed from bounds or approximations "
        "(≥, >, ~), and a change from a base below 10 is given without a percentage.",
        "",
    ]
    return "\n".join(lines)


def _links(urls: str) -> str:
    """'a ; b' -> '<a>, <b>' (each address its own Markdown autolink)."""
    return ", ".join(f"<{markdown.address(u)}>" for u in urls.split(";") if u.strip())


def _source(row) -> str:
    """'Report (published) <address>' for a statement row, its text escaped."""
    return f"{markdown.text(row.report)} ({markdown.text(row.published)}) {_links(row.source_url)}"


def _statement_line(row) -> str:
    value = markdown.text(row.value_as_written) if row.value_as_written else "(not published)"
    return f"- {row.metric}, {row.period}: {value} — {_source(row)}"


def statements_behind(data: Processed, month: str) -> pd.DataFrame:
    """The statements behind the key figures of `month` (this month and the previous one), one per row."""
    prev = previous_month(month)
    rows = data.sources[data.sources["period"].isin([month, prev]) & data.sources["metric"].isin(list(HEADLINE))]
    current = set(data.figures["current_statement"]) if "current_statement" in data.figures else set()
    first = set(data.figures["first_statement"]) if "first_statement" in data.figures else set()
    out = rows[
        [
            "statement_id",
            "period",
            "metric",
            "value_as_written",
            "report",
            "published",
            "source_url",
            "note",
            "file",
            "line",
        ]
    ].copy()
    out.insert(
        4,
        "role",
        [
            "current" if s in current else "first published" if s in first else "restatement"
            for s in out["statement_id"]
        ],
    )
    return out.reset_index(drop=True)


def sources_markdown(data: Processed, month: str, months_in_charts: int = 24) -> str:
    """Every source behind the month's numbers, grouped by what they support."""
    prev = previous_month(month)
    lines = [f"# Sources: {long_month(month)}", ""]
    if is_provisional(data.monthly, month):
        lines += [f"**{markdown.text(notice(data.optional, month))}** Taken from:", ""]
        lines += [f"- {markdown.text(line)}" for line in source_lines(data.optional, month)] + [""]
    late = late_text(data.optional, month)
    if late:
        lines += ["## Late arrivals", "", markdown.text(late), ""]
    headline = data.sources[data.sources["period"].isin([month, prev]) & data.sources["metric"].isin(list(HEADLINE))]
    lines += ["## Key figures and key points (this month and the previous one)", ""]
    lines += [_statement_line(r) for r in headline.itertuples()] or ["- none published"]
    extra = data.sources[(data.sources["period"] == month) & ~data.sources["metric"].isin(list(HEADLINE))]
    if len(extra):
        lines += ["", "## Other figures of the month", ""] + [_statement_line(r) for r in extra.itertuples()]

    regions = data.regions[data.regions["month"] == month]
    lines += ["", "## Breakdown by region", ""]
    lines += [
        f"- {r.metric} in {markdown.text(r.region_as_written)} ({markdown.text(r.place_id)}): "
        f"{_cell(r.value, r.qualifier) if not missing(r.value) else _cell(r.share_pct, r.share_qualifier) + '%'}"
        f" — {_source(r)}"
        for r in regions.itertuples()
    ] or [
        f"- a breakdown by region was published for this month, but its rows were rejected "
        f"(attacks_by_region.csv lines {', '.join(map(str, rejected_lines(data, 'attacks_by_region')))}; see "
        "data/processed/rejected.csv)"
        if rejected_lines(data, "attacks_by_region")
        else "- no breakdown by region was published for this month"
    ]

    snapshot = pd.concat(
        [
            latest_snapshot(data.camp_population, month),
            latest_snapshot(data.camp_population, month, with_groups=True),
            data.camp_population[data.camp_population["month"] == month],
        ]
    ).drop_duplicates("statement_id")
    lines += ["", "## al-Hol camp population", ""]
    lines += [
        f"- {markdown.text(r.camp)} {markdown.text(r.group)}, {markdown.text(r.as_of)}: "
        f"{_cell(r.population, r.qualifier)} — {_source(r)}"
        for r in snapshot.itertuples()
    ] or ["- no count published up to this month"]

    reps = data.repatriations[data.repatriations["month"].isin(window(month, 12))]
    lines += ["", "## Repatriations (12 months ending this month)", ""]
    lines += [
        f"- {markdown.text(r.date)} {markdown.text(r.country)}: people {_cell(r.people, r.people_qualifier)}, "
        f"women {_cell(r.women, r.women_qualifier)}, children {_cell(r.children, r.children_qualifier)}, "
        f"families {_cell(r.families, r.families_qualifier)} — {_source(r)}"
        for r in reps.itertuples()
    ] or ["- none published"]

    tallies = data.us_position_attacks[data.us_position_attacks["period_end"].str[:7] == month]
    if len(tallies):
        lines += ["", "## Attacks on US positions", ""]
        lines += [
            f"- {markdown.text(r.area)}, {markdown.text(r.period_start)} to {markdown.text(r.period_end)}: "
            f"{_cell(r.attacks, r.qualifier)} — {_source(r)}"
            for r in tallies.itertuples()
        ]

    developments = data.developments[data.developments["month"] == month]
    if len(developments):
        lines += ["", "## Developments of the month (key points, in order)", ""]
        lines += [
            f"- {markdown.text(r.date)}: {markdown.text(r.summary)}"
            + (f" (primary source: {markdown.text(r.primary_source)})" if r.primary_source else "")
            + f" — {_source(r)}"
            for r in developments.itertuples()
        ]

    span = window(month, months_in_charts)
    charts = data.sources[data.sources["period"].isin(span)]
    reports = charts.drop_duplicates(["report", "source_url"]).sort_values(["published", "report"], kind="mergesort")
    lines += [
        "",
        f"## Reports behind the {months_in_charts}-month charts and 12-month averages "
        f"({len(charts)} statements, {long_month(span[0])} to {long_month(month)})",
        "",
    ]
    lines += [f"- {_source(r)}" for r in reports.itertuples()]
    lines += ["", "Every statement, with its id, is in data/processed/sources.csv.", ""]
    return "\n".join(lines)
