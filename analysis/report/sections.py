"""Optional report sections: the team's incident log (with reconciliation) and the ACLED cross-check.

Each returns what the notebook displays: Markdown tables and figures when the inputs are there, and one
sentence saying what was skipped when they are not.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Image, Markdown
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..months import long_month, window
from ..outputs import write_csv
from . import markdown, style
from .charts import GAP, legend_above, month_ticks, set_top, trend_sentence, wrap
from .data import Processed
from .keypoints import capitalised, counted, missing, number
from .metrics import ATTACK_TYPES, acled_covered, acled_types
from .provisional import late_text
from .tables import markdown_table

C = style.COLORS


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
            ax.text(i, max(int(row.from_log), int(row.published)) * 1.04, f"{int(row.difference):+d}", ha="center",
                    color=C["highlight"], fontweight="bold", fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(x)
    ax.set_xticklabels([m.replace("_", "\n") for m in rows["metric"]], fontsize=7)
    ax.set_ylabel("Count")
    legend_above(ax, ax.get_legend_handles_labels()[0])
    differing = int((rows["status"] == "differs").sum())
    style.finish(fig, wrap(f"{long_month(month)}: the team's log and the published figures differ on {differing} "
                            f"of {len(rows)} metrics" if differing else
                            f"{long_month(month)}: the team's log matches the published figures"),
                 note="Log values are counts of its rows (confirmed attacks; raids) and sums of their casualties.")
    return fig


def incident_section(data: Processed, month: str, fig_dir: Path, rep_dir: Path) -> list:
    """The month's incidents, attacks by type, target and district, and the reconciliation."""
    logs = data.optional
    if "incidents" not in logs and "raids" not in logs:
        return [Markdown("_No incident or raid log in data/raw/incidents/: this section was skipped._")]
    items = [Markdown(log_coverage_text(logs, month))]
    late = late_text(logs, month)
    if late:  # rows of the closed month before, logged after its figures were taken
        items.append(Markdown(f"**Late arrivals.** {markdown.text(late)}"))
    incidents = logs.get("incidents", pd.DataFrame(columns=["month"]))
    rows = incidents[incidents["month"] == month]
    if rows.empty:
        items.append(Markdown(f"_The incident log has no row for {long_month(month)}._"))
    else:
        columns = ["incident_id", "date", "location", "adm3_pcode", "attack_type", "target", "military_killed",
                   "military_injured", "civilian_killed", "civilian_injured", "status"]
        items.append(Markdown(f"**Incidents in {long_month(month)}** ({len(rows)} rows)\n\n" + markdown_table(rows[columns])))
        for name, label in (("type", "attack type"), ("target", "target"), ("district", "district (OCHA p-code)")):
            by = logs[f"incidents_by_{name}"]
            items.append(Markdown(f"**Confirmed attacks by {label}**\n\n" + markdown_table(by[by["month"] == month].drop(
                columns="month"))))
    recon = logs.get("reconciliation")
    if recon is not None:
        mine = recon[recon["month"] == month].assign(
            status=lambda f: f["status"].map(lambda s: f"**{s.upper()}**" if s == "differs" else s))
        write_csv(recon[recon["month"] == month], rep_dir / "reconciliation.csv", for_people=True)
        items.append(Markdown("**Reconciliation: the log against the published figures** (differences in bold)\n\n"
                              + markdown_table(mine.drop(columns="month"))))
        fig = reconciliation_chart(recon, month)
        if fig is not None:
            items.append(Image(filename=str(style.save(fig, fig_dir, "07_reconciliation")["png"]),
                               alt=style.describe(fig)[0]))
    return items


def describe_area(area: pd.DataFrame) -> str:
    """'the AANES regions Jazira, … (33 sub-districts; 14 more that a control line splits are counted apart; …)',
    for the sections to say what they count."""
    current = area.drop_duplicates("adm3_pcode", keep="last")
    regions = list(dict.fromkeys(current["region"]))
    inside, split = int((current["status"] == "in").sum()), int((current["status"] == "split").sum())
    return (f"the AANES regions {', '.join(regions[:-1])} and {regions[-1]} ({inside} "
            f"sub-districts; {split} more that a control line splits are counted apart; data/raw/gazetteer/area.csv)")


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
        lines.append(f"- The {what} runs from {first} to {last}: it "
                     + (f"covers {long_month(month)}." if covers else
                        f"does not cover {long_month(month)} (no figure from it, not zero)."))
    return "\n".join(lines)


@style.house_style
def acled_chart(acled: pd.DataFrame, panel: pd.DataFrame, covered: list[str], month: str, months: int = 24):
    """ISIS events in the report's area per month (ACLED) beside the published attack counts; months the
    export does not cover and months without a published count are drawn as gaps, never as 0."""
    span = window(month, months)
    inside = acled[acled["area"] == "in"]
    events = inside.groupby("month")["events"].sum().reindex(span).astype("Float64")
    events[[m in covered for m in span]] = events[[m in covered for m in span]].fillna(0)
    published = panel.set_index("month")["attacks"].reindex(span)
    fig, ax = style.new_figure()
    x = np.arange(len(span))
    set_top(ax, list(published) + list(events), room=1.2)
    top = ax.get_ylim()[1]
    for offset, series, color in ((-0.2, published, C["main"]), (0.2, events, C["unverified"])):
        ax.bar(x + offset, [0 if missing(v) else int(v) for v in series], width=0.38, color=color)
        for i in [i for i, v in enumerate(series) if missing(v)]:
            ax.bar(i + offset, top, width=0.38, **GAP)
    ax.set_ylim(0, top)
    month_ticks(ax, span, month)
    ax.set_ylabel("Per month")
    handles = [Patch(color=C["main"], label="Published attacks"), Patch(color=C["unverified"], label="ACLED ISIS events"),
               Patch(**{k: v for k, v in GAP.items() if k != "linewidth"}, label="Not published / not covered")]
    legend_above(ax, handles)
    now = events.get(month)
    title = (f"ACLED records {counted(now, '', 'ISIS event', 'ISIS events')} in the report's area in "
             f"{long_month(month)}" if not missing(now)
             else f"ACLED does not cover {long_month(month)}")
    style.finish(fig, wrap(title),
                 note="ACLED: events with the Islamic State as an actor, placed by coordinates in OCHA districts, in "
                      "the report's area (split sub-districts left out). Hatched: no published count, or a month "
                      "outside the export's dates (not zero). Definitions differ: ACLED counts events and records no "
                      "injuries.",
                 source="Sources: RIC reports; ACLED (acleddata.com), data not redistributed.",
                 values=trend_sentence(events, "ACLED event counts"))
    return fig


def acled_section(data: Processed, month: str, fig_dir: Path) -> list:
    """What the ACLED exports cover and where, the month's ISIS events in the report's area by type beside the
    published count, and what could not be placed; or a sentence saying the cross-check was skipped."""
    coverage = data.optional.get("acled_coverage")
    if coverage is None:
        return [Markdown("_No ACLED export in data/raw/acled/: the ACLED cross-check was skipped._")]
    items = [Markdown(acled_coverage_text(coverage))]
    covered = acled_covered(coverage)
    acled, area = data.optional.get("acled_isis_monthly"), data.optional.get("area")
    if not covered or acled is None or area is None:
        return items
    items.append(Markdown(f"The section counts ISIS events in the report's area: {describe_area(area)}."))
    if month not in covered:
        items.append(Markdown(f"_ACLED does not cover {long_month(month)}: the exports run from "
                              f"{long_month(covered[0])} to {long_month(covered[-1])}. No ACLED figure is given "
                              "for this month (not zero)._"))
    else:
        rows = acled[acled["month"] == month]
        by_type = rows[rows["area"] == "in"].groupby("event_type")["events"].sum()
        table = pd.DataFrame({"event type": by_type.index, "ISIS events": [int(v) for v in by_type]})
        total = int(by_type.sum())
        apart = {a: int(rows.loc[rows["area"] == a, "events"].sum()) for a in ("split", "district only", "outside")}
        items.append(Markdown(
            f"**ISIS events in the report's area, {long_month(month)}: {total}**\n\n"
            + (markdown_table(table) if len(table) else "none recorded in the area")
            + f"\n\nCounted apart: {apart['split']} in sub-districts a control line splits, {apart['district only']} "
              f"in the area's districts with no sub-district known, {apart['outside']} outside the area."))
    fig = acled_chart(acled, data.monthly, covered, month)
    items.append(Image(filename=str(style.save(fig, fig_dir, "08_acled")["png"]), alt=style.describe(fig)[0]))
    items += acled_placing_notes(data)
    return items


def acled_coverage_text(coverage: pd.DataFrame) -> str:
    """What each file in data/raw/acled/ holds, and whether the event types where ISIS attacks are coded are in."""
    lines = ["**What the ACLED exports cover**", ""]
    types = acled_types(coverage)
    for row in coverage.itertuples():
        if row.status != "read":
            lines.append(f"- {markdown.text(row.file)}: {markdown.text(row.status)}")
            continue
        lines.append(f"- {markdown.text(row.file)}: {number(row.events)} events in Syria from {row.first_date} to "
                     f"{row.last_date}, {number(row.isis_events)} with ISIS; event types: "
                     f"{markdown.text(row.event_types) or 'none'}")
    absent = [t for t in ATTACK_TYPES if t not in types]
    if absent and types:
        lines += ["", f"_The exports hold no {' or '.join(absent)} events, where most ISIS attacks are coded: the "
                      "comparison with the published counts is partial._"]
    return "\n".join(lines)


def acled_placing_notes(data: Processed) -> list:
    """Events no district could be found for (counted, and listed where they may be in the area), and places
    whose names and coordinates disagree."""
    items = []
    unresolved = data.optional.get("acled_unresolved")
    if unresolved is not None and len(unresolved):
        counts = unresolved.groupby("area")["events"].sum()
        maybe, outside = int(counts.get("may be in the area", 0)), int(counts.get("outside the area", 0))
        placed_not = counted(maybe + outside, "", "ACLED event", "ACLED events")
        items.append(Markdown(f"_{capitalised(placed_not)} could not be placed in a district and "
                              f"{'is' if maybe + outside == 1 else 'are'} not guessed: {number(maybe)} in governorates "
                              "that hold part of the area (listed in data/processed/acled_unresolved.csv, to fix), "
                              f"{number(outside)} outside it._"))
    disagree = data.optional.get("acled_disagreements")
    if disagree is not None and len(disagree):
        n = int(disagree["events"].sum())
        items.append(Markdown(f"_{capitalised(counted(n, '', 'event has', 'events have'))} names and coordinates in "
                              "different districts; the coordinates were used (data/processed/"
                              "acled_disagreements.csv)._"))
    return items
