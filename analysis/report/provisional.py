"""The month being written: how a report says its figures are the team's provisional count, and which of
the team's incidents arrived after a month was closed.

The data build (analysis/ingest/team.py) makes the team's count of a month no report has published into the
month's figures and lists them in `provisional.csv`; `month_data` marks the month in the panel (a
`provisional` column, present only when the team keeps records). Everything here reads those tables only.
"""

from __future__ import annotations

import pandas as pd

from ..months import long_month, month_name, next_month
from ..vocabulary import METRICS

WHERE = {
    "incident_log": "incident log",
    "raid_log": "raid log",
    "team_counts": "typed counts (team_counts.csv)",
    "closed": "records as closed",
}


def is_provisional(panel: pd.DataFrame, month: str) -> bool:
    """Whether `month`'s figures are the team's provisional count (no report has published them)."""
    if "provisional" not in panel.columns:
        return False
    row = panel.loc[panel["month"] == month, "provisional"]
    return bool(len(row) and row.iloc[0])


def provisional_months(panel: pd.DataFrame) -> set[str]:
    """The panel's months whose figures are provisional."""
    return set(panel.loc[panel["provisional"], "month"]) if "provisional" in panel.columns else set()


def mark(panel: pd.DataFrame, optional: dict) -> pd.DataFrame:
    """The panel with a `provisional` column when the team keeps records (`provisional.csv` was built);
    unchanged otherwise, so reports of published months read exactly what they read before."""
    team = optional.get("provisional")
    if team is None or "provisional" in panel.columns:
        return panel
    return panel.assign(provisional=panel["month"].isin(set(team.loc[team["metric"] == "attacks", "month"])))


def published_only(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with the provisional months' figures blanked: series of published figures (the overview)
    never take the team's count for a published one."""
    if "provisional" not in panel.columns or not panel["provisional"].any():
        return panel
    out = panel.copy()
    out.loc[out["provisional"], list(METRICS)] = pd.NA
    return out


def rows_of(optional: dict, month: str) -> pd.DataFrame:
    frame = optional.get("provisional")
    return frame[frame["month"] == month] if frame is not None else pd.DataFrame(columns=["month", "origin"])


def notice(optional: dict, month: str) -> str:
    """One line for the top of every output: whose count it is, from what, and that it is not published."""
    rows = rows_of(optional, month)
    origins = sorted({WHERE.get(o, o) for o in rows["origin"]}) or ["records"]
    closed = sorted({c for c in rows.get("closed_at", pd.Series(dtype=str)) if c})
    when = f"; the month was closed on {closed[-1]}" if closed else "; the month is not closed yet"
    return (
        f"PROVISIONAL: the figures for {long_month(month)} are the team's own count from its "
        f"{' and '.join(origins)}, not yet published{when}."
    )


def source_lines(optional: dict, month: str) -> list[str]:
    """What the provisional figures were taken from: each record, its digest, who counted and when."""
    rows = rows_of(optional, month).drop_duplicates(["source", "counted_by", "counted_on"])
    return [
        f"{r.source}: counted by {r.counted_by} on {r.counted_on}" + (f", closed {r.closed_at}" if r.closed_at else "")
        for r in rows.itertuples()
    ]


def late_arrivals(optional: dict, month: str) -> pd.DataFrame:
    """The incidents and raids of the month before `month` logged after that month was closed."""
    frame = optional.get("late_arrivals")
    if frame is None:
        return pd.DataFrame(columns=["month", "log", "id", "date", "status", "closed_at"])
    return frame[frame["month"].map(next_month) == month]


def late_text(optional: dict, month: str) -> str | None:
    """'2 incidents of January 2024 were logged after the January figures were taken (closed …): …'."""
    late = late_arrivals(optional, month)
    if late.empty:
        return None
    parts = []
    for log, what in (("incident_log", "incident"), ("raid_log", "raid")):
        rows = late[late["log"] == log]
        if len(rows):
            before = rows["month"].iloc[0]
            parts.append(
                f"{len(rows)} {what}{'s' if len(rows) != 1 else ''} of {long_month(before)} "
                f"{'were' if len(rows) != 1 else 'was'} logged after the {month_name(before)} figures were "
                f"taken (closed {rows['closed_at'].iloc[0]}), and {'are' if len(rows) != 1 else 'is'} not "
                f"in them: {', '.join(rows['id'])}"
            )
    return "; ".join(parts) + ". Review them before the month's figures are published or corrected."
