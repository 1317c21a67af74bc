"""Optional report sections: the team's incident log (with reconciliation) and the ACLED cross-check.

Each returns a `Section`, built like the standard figures: its text (Markdown), its Figure (or None, with the
sentence that says why) and the notes that follow it. The notebook cell shows the text, hands the Figure to
`cells.show_figure` (which saves it as every standard figure is saved) and shows the notes, so a researcher
can change the Figure in the cell. Without the inputs, the section is one sentence saying what was skipped.

ACLED coverage is told month by month: a month the exports cover whole gets a count and a bar; a month they
cover partly is drawn outlined with its days said and never compared; a month outside them (before the first
export, between two, after the last, or before the area table starts) is not covered, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Markdown
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..months import long_month, window
from ..outputs import write_csv
from . import markdown, style
from .charts import GAP, legend_above, month_ticks, set_top, trend_sentence, wrap
from .data import Processed
from .metrics import ATTACK_TYPES, acled_covered, acled_partly, acled_types
from .provisional import late_text
from .tables import markdown_table
from .wording import capitalised, counted, join, missing, number

C = style.COLORS
PARTLY = {"facecolor": "white", "edgecolor": C["unverified"], "linewidth": 1.0}  # a partly covered month's bar


@dataclass
class Section:
    """What an optional section's notebook cell shows: `text`, then the Figure (saved as `stem`; when None,
    the sentence `absent` instead), then `notes`."""

    text: list = field(default_factory=list)
    figure: object = None
    absent: str = ""
    notes: list = field(default_factory=list)


@style.house_style
def reconciliation_chart(recon: pd.DataFrame, month: str):
    """From the log vs published, per metric of the month; differing metrics highlighted."""
    rows = recon[(recon["month"] == month) & recon["published"].notna() & recon["from_log"].notna()]
    if rows.empty:
        return None
    fig, ax = style.new_figure()
    x = np.arange(len(rows))
    ax.bar(x - 0.2, rows["from_log"].astype(int), width=0.38, color=C["secondary"], label="Incident/raid log")
    ax.bar(x + 0.2, rows["published"].astype(int), width=0.38, color=C["main"], label="Published")
    set_top(ax, list(rows["from_log"]) + list(rows["published"]), room=1.25)
    for i, row in enumerate(rows.itertuples()):
        if row.status == "differs":
            ax.text(
                i,
                max(int(row.from_log), int(row.published)) * 1.04,
                f"{int(row.difference):+d}",
                ha="center",
                color=C["highlight"],
                fontweight="bold",
                fontsize=8,
            )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(x)
    ax.set_xticklabels([m.replace("_", "\n") for m in rows["metric"]], fontsize=7)
    ax.set_ylabel("Count")
    legend_above(ax, ax.get_legend_handles_labels()[0])
    differing = int((rows["status"] == "differs").sum())
    style.finish(
        fig,
        wrap(
            f"{long_month(month)}: the team's log and the published figures differ on {differing} "
            f"of {len(rows)} metrics"
            if differing
            else f"{long_month(month)}: the team's log matches the published figures"
        ),
        note="Log values are counts of its rows (confirmed attacks; raids) and sums of their casualties.",
    )
    return fig


def incident_section(data: Processed, month: str, rep_dir: Path) -> Section:
    """The month's incidents, attacks by type, target and district, and the reconciliation (its table written
    to reconciliation.csv; its chart is the Section's Figure, 07_reconciliation)."""
    logs = data.optional
    if "incidents" not in logs and "raids" not in logs:
        return Section(absent="No incident or raid log in data/raw/incidents/: this section was skipped.")
    items = [Markdown(log_coverage_text(logs, month))]
    late = late_text(logs, month)
    if late:  # rows of the closed month before, logged after its figures were taken
        items.append(Markdown(f"**Late arrivals.** {markdown.text(late)}"))
    incidents = logs.get("incidents", pd.DataFrame(columns=["month"]))
    rows = incidents[incidents["month"] == month]
    if rows.empty:
        items.append(Markdown(f"_The incident log has no row for {long_month(month)}._"))
    else:
        columns = [
            "incident_id",
            "date",
            "location",
            "adm3_pcode",
            "attack_type",
            "target",
            "military_killed",
            "military_injured",
            "civilian_killed",
            "civilian_injured",
            "status",
        ]
        items.append(
            Markdown(f"**Incidents in {long_month(month)}** ({len(rows)} rows)\n\n" + markdown_table(rows[columns]))
        )
        for name, label in (("type", "attack type"), ("target", "target"), ("district", "district (OCHA p-code)")):
            by = logs[f"incidents_by_{name}"]
            items.append(
                Markdown(
                    f"**Confirmed attacks by {label}**\n\n"
                    + markdown_table(by[by["month"] == month].drop(columns="month"))
                )
            )
    recon = logs.get("reconciliation")
    fig = None
    if recon is not None:
        mine = recon[recon["month"] == month].assign(
            status=lambda f: f["status"].map(lambda s: f"**{s.upper()}**" if s == "differs" else s)
        )
        write_csv(recon[recon["month"] == month], rep_dir / "reconciliation.csv", for_people=True)
        items.append(
            Markdown(
                "**Reconciliation: the log against the published figures** (differences in bold)\n\n"
                + markdown_table(mine.drop(columns="month"))
            )
        )
        fig = reconciliation_chart(recon, month)
    return Section(
        items,
        fig,
        f"No reconciliation chart: the logs and the published figures of {long_month(month)} share no metric.",
    )


def describe_area(area: pd.DataFrame) -> str:
    """'the AANES regions Jazira, … (33 sub-districts; 14 more that a control line splits are counted apart; …)',
    for the sections to say what they count."""
    current = area.drop_duplicates("adm3_pcode", keep="last")
    regions = list(dict.fromkeys(current["region"]))
    inside, split = int((current["status"] == "in").sum()), int((current["status"] == "split").sum())
    return (
        f"the AANES regions {', '.join(regions[:-1])} and {regions[-1]} ({inside} "
        f"sub-districts; {split} more that a control line splits are counted apart; data/raw/gazetteer/area.csv)"
    )


def log_coverage_text(logs: dict, month: str) -> str:
    """The dates each log runs over (its first and last row), and whether it covers the month: a month
    outside them is not covered, never a month with no incident."""
    lines = []
    for name, what in (("incidents", "incident log"), ("raids", "raid log")):
        dates = logs.get(f"{name}_dates")
        if dates is None or not dates["first_date"].iloc[0]:
            continue
        first, last = dates["first_date"].iloc[0], dates["last_date"].iloc[0]
        covers = first[:7] <= month <= last[:7]
        lines.append(
            f"- The {what} runs from {first} to {last}: it "
            + (
                f"covers {long_month(month)}."
                if covers
                else f"does not cover {long_month(month)} (no figure from it, not zero)."
            )
        )
    return "\n".join(lines)


def acled_month(coverage: pd.DataFrame, month: str, area: pd.DataFrame | None = None) -> str:
    """'covered', 'partly covered' or 'not covered': how much of `month` the exports read cover (a month
    before the area table's first month is not covered: there is no area to count in)."""
    if month in acled_covered(coverage, area):
        return "covered"
    start = area["first_month"].min() if area is not None and len(area) else ""
    return "partly covered" if month in acled_partly(coverage) and month >= start else "not covered"


def acled_span(coverage: pd.DataFrame) -> str:
    """The dates the exports read run over, each file's: '2017-01-01 to 2023-06-02 and 2020-04-27 to …'."""
    read = coverage[(coverage["status"] == "read") & (coverage["first_date"] != "")]
    spans = sorted({f"{r.first_date} to {r.last_date}" for r in read.itertuples()})
    return join(spans) if spans else "no dates"


def _days(coverage: pd.DataFrame, month: str) -> str:
    n, of = acled_partly(coverage)[month]
    return f"{n} of {of} days"


@style.house_style
def acled_chart(
    acled: pd.DataFrame,
    panel: pd.DataFrame,
    coverage: pd.DataFrame,
    month: str,
    area: pd.DataFrame | None = None,
    months: int = 24,
):
    """ISIS events in the report's area per month (ACLED) beside the published attack counts. A month the
    exports cover whole is a full bar; one they cover partly an outlined bar of those days' events; months
    not covered (outside the exports' dates, between two, before the area table) and months without a
    published count are drawn as gaps, never as 0."""
    span = window(month, months)
    status = {m: acled_month(coverage, m, area) for m in span}
    inside = acled[acled["area"] == "in"]
    counts = inside.groupby("month")["events"].sum().reindex(span).astype("Float64").fillna(0)
    events = counts.where([status[m] == "covered" for m in span])  # NA: no monthly figure
    partial = counts.where([status[m] == "partly covered" for m in span])
    published = panel.set_index("month")["attacks"].reindex(span)
    fig, ax = style.new_figure()
    x = np.arange(len(span))
    set_top(ax, list(published) + list(events) + list(partial), room=1.2)
    top = ax.get_ylim()[1]
    ax.bar(x - 0.2, [0 if missing(v) else int(v) for v in published], width=0.38, color=C["main"])
    ax.bar(x + 0.2, [0 if missing(v) else int(v) for v in events], width=0.38, color=C["unverified"])
    for i, m in enumerate(span):
        if missing(published.iloc[i]):
            ax.bar(i - 0.2, top, width=0.38, **GAP)
        if status[m] == "partly covered":  # an outlined bar, and its days above it (a 0 of 2 days shows too)
            ax.bar(i + 0.2, int(partial.iloc[i]), width=0.38, **PARTLY)
            n, of = acled_partly(coverage)[m]
            ax.text(
                i + 0.2,
                int(partial.iloc[i]) + top * 0.01,
                f"{n}/{of}\ndays",
                ha="center",
                va="bottom",
                fontsize=6,
                color=C["unverified"],
            )
        elif status[m] == "not covered":
            ax.bar(i + 0.2, top, width=0.38, **GAP)
    ax.set_ylim(0, top)
    month_ticks(ax, span, month)
    ax.set_ylabel("Per month")
    handles = [
        Patch(color=C["main"], label="Published attacks (RIC)"),
        Patch(color=C["unverified"], label="ACLED ISIS events"),
        Patch(**PARTLY, label="ACLED, part of the month"),
        Patch(**{k: v for k, v in GAP.items() if k != "linewidth"}, label="No figure (not zero)"),
    ]
    legend_above(ax, handles)
    now, types = counts.get(month), acled_types(coverage)
    if status[month] == "covered":
        title = (
            f"ACLED records {counted(now, '', 'ISIS event', 'ISIS events')} in the report's area in {long_month(month)}"
        )
    elif status[month] == "partly covered":
        title = (
            f"ACLED covers only {_days(coverage, month)} of {long_month(month)}: {number(now)} ISIS "
            f"{'event' if now == 1 else 'events'} in the report's area on those days"
        )
    else:
        title = f"ACLED does not cover {long_month(month)}"
    partly = [f"{long_month(m)} {_days(coverage, m)}" for m in span if status[m] == "partly covered"]
    # one short line each: the footer's height is counted by its lines
    lines = [
        "ACLED: events with the Islamic State as an actor in the report's area, split sub-districts left out "
        "(events, not attacks; no injuries).",
        f"Event types the exports hold: {join(types) or 'none'}. The exports run over {acled_span(coverage)}.",
    ]
    if partly:
        lines.append(
            f"Outlined: a month the exports cover only partly, its events on those days ({join(partly)}); "
            "no change is computed for it."
        )
    lines.append("Hatched: no published count, or a month the exports do not cover (not zero).")
    style.finish(
        fig,
        wrap(title),
        note="\n".join(lines),
        source="Sources: published attacks, RIC reports; ISIS events, ACLED (acleddata.com), data not redistributed.",
        values=trend_sentence(events, "ACLED event counts")
        + (
            " Partly covered: "
            + join(
                [
                    f"{long_month(m)} {number(partial[m])} events in {_days(coverage, m)}"
                    for m in span
                    if status[m] == "partly covered"
                ]
            )
            + "."
            if partly
            else ""
        ),
    )
    return fig


def acled_section(data: Processed, month: str) -> Section:
    """What the ACLED exports cover and where, the month's ISIS events in the report's area by type beside the
    published count (only for a month covered whole; a partly covered month's days are said), the chart
    (08_acled), and what could not be placed; or a sentence saying the cross-check was skipped."""
    coverage = data.optional.get("acled_coverage")
    if coverage is None:
        return Section(absent="No ACLED export in data/raw/acled/: the ACLED cross-check was skipped.")
    items = [Markdown(acled_coverage_text(coverage))]
    acled, area = data.optional.get("acled_isis_monthly"), data.optional.get("area")
    no_chart = "No ACLED chart: no export in data/raw/acled/ could be read."
    if (not acled_partly(coverage) and not acled_covered(coverage)) or acled is None or area is None:
        return Section(items, absent=no_chart)
    items.append(Markdown(f"The section counts ISIS events in the report's area: {describe_area(area)}."))
    status, start = acled_month(coverage, month, area), area["first_month"].min()
    rows = acled[acled["month"] == month]
    by_type = rows[rows["area"] == "in"].groupby("event_type")["events"].sum()
    total = int(by_type.sum())
    if status == "not covered":
        why = (
            f"the area table (data/raw/gazetteer/area.csv) starts in {long_month(start)}"
            if month < start
            else f"the exports run over {acled_span(coverage)}"
        )
        items.append(
            Markdown(
                f"_ACLED does not cover {long_month(month)}: {why}. No ACLED figure is given for "
                "this month (not zero)._"
            )
        )
    elif status == "partly covered":
        items.append(
            Markdown(
                f"_ACLED covers only {_days(coverage, month)} of {long_month(month)} (the exports "
                f"run over {acled_span(coverage)}): {number(total)} ISIS "
                f"{'event' if total == 1 else 'events'} in the report's area on those days. The "
                "month is partly covered: no monthly figure and no change are given._"
            )
        )
    else:
        table = pd.DataFrame({"event type": by_type.index, "ISIS events": [int(v) for v in by_type]})
        apart = {a: int(rows.loc[rows["area"] == a, "events"].sum()) for a in ("split", "district only", "outside")}
        items.append(
            Markdown(
                f"**ISIS events in the report's area, {long_month(month)}: {total}**\n\n"
                + (markdown_table(table) if len(table) else "none recorded in the area")
                + f"\n\nCounted apart: {apart['split']} in sub-districts a control line splits, "
                f"{apart['district only']} in the area's districts with no sub-district known, "
                f"{apart['outside']} outside the area."
            )
        )
    return Section(items, acled_chart(acled, data.monthly, coverage, month, area), no_chart, acled_placing_notes(data))


def acled_coverage_text(coverage: pd.DataFrame) -> str:
    """What each file in data/raw/acled/ holds, and whether the event types where ISIS attacks are coded are in."""
    lines = ["**What the ACLED exports cover**", ""]
    types = acled_types(coverage)
    for row in coverage.itertuples():
        if row.status != "read":
            lines.append(f"- {markdown.text(row.file)}: {markdown.text(row.status)}")
            continue
        lines.append(
            f"- {markdown.text(row.file)}: {number(row.events)} events in Syria from {row.first_date} to "
            f"{row.last_date}, {number(row.isis_events)} with ISIS; event types: "
            f"{markdown.text(row.event_types) or 'none'}{_duplicates(row)}"
        )
    absent = [t for t in ATTACK_TYPES if t not in types]
    if absent and types:
        lines += [
            "",
            f"_The exports hold no {' or '.join(absent)} events, where most ISIS attacks are coded: the "
            "comparison with the published counts is partial._",
        ]
    return "\n".join(lines)


def _duplicates(row) -> str:
    """'; 302 rows read: 1 exact repeat dropped, 1 older issue replaced by ACLED's newer one' (nothing when every
    row read is an event kept)."""
    repeats, replaced = int(row.repeats_dropped or 0), int(row.reissues_replaced or 0)
    if not repeats and not replaced:
        return ""
    parts = (
        [counted(repeats, "", "exact repeat of an event dropped", "exact repeats of events dropped")] if repeats else []
    )
    if replaced:
        parts.append(
            counted(
                replaced,
                "",
                "older issue of an event replaced by ACLED's newer issue (a later timestamp)",
                "older issues of events replaced by ACLED's newer issues (a later timestamp)",
            )
        )
    return f"; {number(int(row.rows))} rows read: {join(parts)}"


def acled_placing_notes(data: Processed) -> list:
    """Events no district could be found for (counted, and listed where they may be in the area), and places
    whose names and coordinates disagree."""
    items = []
    unresolved = data.optional.get("acled_unresolved")
    if unresolved is not None and len(unresolved):
        counts = unresolved.groupby("area")["events"].sum()
        maybe, outside = int(counts.get("may be in the area", 0)), int(counts.get("outside the area", 0))
        placed_not = counted(maybe + outside, "", "ACLED event", "ACLED events")
        items.append(
            Markdown(
                f"_{capitalised(placed_not)} could not be placed in a district and "
                f"{'is' if maybe + outside == 1 else 'are'} not guessed: {number(maybe)} in governorates "
                "that hold part of the area (listed in data/processed/acled_unresolved.csv, to fix), "
                f"{number(outside)} outside it._"
            )
        )
    disagree = data.optional.get("acled_disagreements")
    if disagree is not None and len(disagree):
        n = int(disagree["events"].sum())
        by_names = int(
            disagree.loc[
                disagree.get("decided_by", pd.Series("", index=disagree.index)).str.startswith("names"), "events"
            ].sum()
        )
        used = (
            "the coordinates were used"
            if not by_names
            else (
                f"the coordinates were used for {number(n - by_names)}; for {number(by_names)}, within 0.001° (about "
                "100 m, the tolerance of our simplified district outlines) of the border of the district the names "
                "give, the names were"
            )
        )
        items.append(
            Markdown(
                f"_{capitalised(counted(n, '', 'event has', 'events have'))} names and coordinates in "
                f"different districts; {used} (listed in data/processed/acled_disagreements.csv)._"
            )
        )
    return items
