"""Optional report sections: the team's incident log (with reconciliation) and the ACLED cross-check.

Each returns what the notebook displays: Markdown tables and figures when the inputs are there, and one
sentence saying what was skipped when they are not.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Image, Markdown
from matplotlib.ticker import MaxNLocator

from ..months import long_month, window
from ..outputs import write_csv
from . import style
from .charts import legend_above, month_ticks, set_top, wrap
from .data import Processed
from .keypoints import missing, number
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
    items = []
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


@style.house_style
def acled_chart(acled: pd.DataFrame, panel: pd.DataFrame, month: str, months: int = 24):
    """ISIS-involved ACLED events in NES per month beside the published attack counts."""
    span = window(month, months)
    events = acled.groupby("month")["events"].sum().reindex(span)
    published = panel.set_index("month")["attacks"].reindex(span)
    fig, ax = style.new_figure()
    x = np.arange(len(span))
    ax.bar(x - 0.2, published.fillna(0).astype(int), width=0.38, color=C["main"], label="Published attacks")
    ax.bar(x + 0.2, events.fillna(0).astype(int), width=0.38, color=C["unverified"], label="ACLED events with ISIS")
    set_top(ax, list(published) + list(events), room=1.2)
    month_ticks(ax, span, month)
    ax.set_ylabel("Per month")
    legend_above(ax, ax.get_legend_handles_labels()[0])
    now = events.get(month)
    style.finish(fig, wrap(f"ACLED records {number(0 if missing(now) else now)} ISIS-involved events in NES in "
                            f"{long_month(month)}"),
                 note="ACLED: events with 'Islamic State' as an actor in Al-Hasakeh, Deir-ez-Zor and Ar-Raqqa. "
                      "Definitions differ (ACLED counts events, merges same-day events, records no injuries); "
                      "events_date_approximate: dated only to the week or month.",
                 source="Sources: RIC reports; ACLED (acleddata.com), data not redistributed.")
    return fig


def acled_section(data: Processed, month: str, fig_dir: Path) -> list:
    """ISIS events in ACLED beside the published counts, or a sentence saying the cross-check was skipped."""
    acled = data.optional.get("acled_isis_monthly")
    if acled is None:
        return [Markdown("_No ACLED export in data/raw/acled/: the ACLED cross-check was skipped._")]
    rows = acled[acled["month"] == month]
    items = [Markdown(f"**ISIS-involved ACLED events in NES, {long_month(month)}, by event type**\n\n"
                      + (markdown_table(rows.drop(columns="month")) if len(rows) else "none recorded"))]
    fig = acled_chart(acled, data.monthly, month)
    items.append(Image(filename=str(style.save(fig, fig_dir, "08_acled")["png"]), alt=style.describe(fig)[0]))
    unresolved = data.optional.get("acled_unresolved")
    if unresolved is not None and len(unresolved):
        items.append(Markdown(f"_{int(unresolved['events'].sum())} ACLED events could not be placed (listed in "
                              "data/processed/acled_unresolved.csv); they are not guessed._"))
    return items
