"""Headline metrics of a month: this month, previous month, change, 12-month average, revisions."""

from __future__ import annotations

import pandas as pd

from ..months import previous_month, window
from ..vocabulary import BOUNDS, HEADLINE
from .wording import total_qualifier

SMALL_BASE = 10  # below this previous value a change is given as a number only: "+6", never "+600%"
KEY_FIGURE_COLUMNS = [
    "metric",
    "label",
    "month",
    "value",
    "qualifier",
    "previous_month",
    "previous_value",
    "previous_qualifier",
    "change",
    "change_pct",
    "avg_12m",
    "months_in_avg",
    "revised",
    "first_published",
    "current_value",
    "statement_ids",
    "stated_in",
    "disagreement",
]


def _figure(figures: pd.DataFrame, month: str, metric: str) -> pd.Series | None:
    row = figures[(figures["period"] == month) & (figures["metric"] == metric)]
    return row.iloc[0] if len(row) else None


def inexact_metrics(qualified: str) -> set[str]:
    """The metrics a panel row's `qualified_metrics` ('arrests >; isis_killed ≥') gives as bounds or
    approximations."""
    parts = [part.strip().rsplit(" ", 1) for part in str(qualified or "").split(";") if part.strip()]
    return {name for name, qualifier in (p for p in parts if len(p) == 2) if qualifier in BOUNDS}


def percent_change(change, previous):
    """The change as a percentage of the previous value (one decimal); NA without a change or on a base below
    SMALL_BASE."""
    return round(100 * change / previous, 1) if not pd.isna(change) and previous >= SMALL_BASE else pd.NA


def key_figures(panel: pd.DataFrame, figures: pd.DataFrame, month: str) -> pd.DataFrame:
    """One row per headline metric that is published this month or the previous one.

    `avg_12m` is the mean of the exact values published in the 12 months ending with `month` (months without
    a published value, and bounds or approximations such as ≥39 or ~19, are left out; `months_in_avg` says how
    many were used). 'implied' and 'text' values are exact. Empty cells mean not published.
    """
    indexed = panel.set_index("month")
    prev = previous_month(month)
    team = set(indexed.index[indexed["provisional"]]) if "provisional" in indexed.columns else set()
    last12 = [m for m in window(month, 12) if m in indexed.index and m not in team]  # averages: published only
    inexact = {m: inexact_metrics(indexed.loc[m, "qualified_metrics"]) for m in last12}
    rows = []
    for metric, label in HEADLINE.items():
        now = _figure(figures, month, metric)
        before = _figure(figures, prev, metric)
        value = now["value"] if now is not None else pd.NA
        prev_value = before["value"] if before is not None else pd.NA
        if pd.isna(value) and pd.isna(prev_value):
            continue
        history = indexed.loc[[m for m in last12 if metric not in inexact.get(m, set())], metric].dropna()
        bounds = {q for q in (now, before) for q in ([q["qualifier"]] if q is not None else [])} & BOUNDS
        comparable = not (pd.isna(value) or pd.isna(prev_value) or bounds)
        change = value - prev_value if comparable else pd.NA
        change_pct = percent_change(change, prev_value)
        revised = bool(now is not None and now["revised"])
        rows.append(
            {
                "metric": metric,
                "label": label,
                "month": month,
                "value": value,
                "qualifier": now["qualifier"] if now is not None else "",
                "previous_month": prev,
                "previous_value": prev_value,
                "previous_qualifier": before["qualifier"] if before is not None else "",
                "change": change,
                "change_pct": change_pct,
                "avg_12m": round(float(history.mean()), 1) if len(history) else pd.NA,
                "months_in_avg": len(history),
                "revised": revised,
                "first_published": now["first_value"] if revised else pd.NA,
                "current_value": now.get("current_value", now["value"]) if revised else pd.NA,
                "statement_ids": ";".join(x["statement_ids"] for x in (now, before) if x is not None),
                "stated_in": now.get("stated_in", "") if now is not None else "",
                "disagreement": now.get("disagreement", "") if now is not None else "",
            }
        )
    out = pd.DataFrame(rows, columns=KEY_FIGURE_COLUMNS)
    for col in ("value", "previous_value", "change", "first_published", "current_value"):
        out[col] = out[col].astype("Int64")
    for col in ("change_pct", "avg_12m"):
        out[col] = out[col].astype("Float64")
    if "provisional" in panel.columns:  # only when the team keeps records: whose count this month's value is
        flag = bool(indexed.loc[month, "provisional"]) if month in indexed.index else False
        out["provisional"] = ["yes" if flag and not missing_value else "" for missing_value in out["value"].isna()]
    return out


ATTACK_TYPES = ("Explosions/Remote violence", "Violence against civilians")  # where most ISIS attacks are coded


def acled_days(coverage: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Each month an ACLED export read reaches into: (days covered, days in the month). A file covers the days
    from its first to its last event; days between two files' dates are not covered."""
    read = coverage[(coverage["status"] == "read") & (coverage["first_date"] != "")]
    days = pd.DatetimeIndex([])
    for row in read.itertuples():
        days = days.union(pd.date_range(row.first_date, row.last_date, freq="D"))
    counts = pd.Series(1, index=days).groupby(days.strftime("%Y-%m")).sum()
    return {m: (int(n), pd.Period(m, "M").days_in_month) for m, n in counts.items()}


def acled_covered(coverage: pd.DataFrame, area: pd.DataFrame | None = None) -> list[str]:
    """The months the ACLED exports read cover whole ([] when none was read); with `area`, only those from
    the area table's first month (before it there is no area to count in)."""
    start = area["first_month"].min() if area is not None and len(area) else ""
    return [m for m, (n, of) in acled_days(coverage).items() if n == of and m >= start]


def acled_partly(coverage: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The months the exports cover only some days of: (days covered, days in the month)."""
    return {m: (n, of) for m, (n, of) in acled_days(coverage).items() if n < of}


def acled_types(coverage: pd.DataFrame) -> list[str]:
    """The ACLED event types present in the exports read, sorted."""
    read = coverage[coverage["status"] == "read"]
    return sorted({part.rsplit(":", 1)[0] for types in read["event_types"] for part in types.split("; ") if part})


def with_acled(key_figures: pd.DataFrame, optional: dict, month: str) -> pd.DataFrame:
    """The key figures with ACLED's row when the exports cover the whole month: ISIS events in the report's
    area (split sub-districts left out), the previous month and the change only when it is covered whole too,
    and the event types present."""
    coverage, acled = optional.get("acled_coverage"), optional.get("acled_isis_monthly")
    covered = acled_covered(coverage, optional.get("area")) if coverage is not None else []
    if acled is None or month not in covered:  # partly covered or not covered: no figure, never 0
        return key_figures
    inside = acled[acled["area"] == "in"].groupby("month")["events"].sum()
    prev = previous_month(month)
    value = int(inside.get(month, 0))
    prev_value = int(inside.get(prev, 0)) if prev in covered else pd.NA
    history = [int(inside.get(m, 0)) for m in window(month, 12) if m in covered]
    change = pd.NA if pd.isna(prev_value) else value - prev_value
    row = {
        "metric": "acled_isis_events",
        "month": month,
        "value": value,
        "qualifier": "",
        "label": "ACLED ISIS events in the report's area "
        f"(event types in the export: {', '.join(acled_types(coverage))})",
        "previous_month": prev,
        "previous_value": prev_value,
        "previous_qualifier": "",
        "change": change,
        "change_pct": percent_change(change, prev_value),
        "avg_12m": round(sum(history) / len(history), 1),
        "months_in_avg": len(history),
        "revised": False,
        "first_published": pd.NA,
        "current_value": pd.NA,
        "statement_ids": "",
        "stated_in": "",
        "disagreement": "",
    }
    out = pd.concat([key_figures, pd.DataFrame([row], columns=KEY_FIGURE_COLUMNS)], ignore_index=True)
    return out.astype(key_figures.dtypes.to_dict())


def month_value(panel: pd.DataFrame, month: str, metric: str):
    """A panel value (pd.NA when not published or outside the panel)."""
    row = panel.loc[panel["month"] == month, metric]
    return row.iloc[0] if len(row) else pd.NA


def people_repatriated(rows: pd.DataFrame) -> pd.DataFrame:
    """Each repatriation's people and their qualifier: `people` where given, else women plus children (a
    bound if either is); NA when only families were given (they add no people)."""
    counts, qualifiers = [], []
    for r in rows.itertuples():
        if not pd.isna(r.people):
            counts.append(int(r.people))
            qualifiers.append(r.people_qualifier)
        elif not (pd.isna(r.women) and pd.isna(r.children)):
            counts.append(int(0 if pd.isna(r.women) else r.women) + int(0 if pd.isna(r.children) else r.children))
            qualifiers.append(total_qualifier([r.women_qualifier, r.children_qualifier]))
        else:
            counts.append(pd.NA)
            qualifiers.append("")
    return pd.DataFrame({"count": pd.array(counts, dtype="Int64"), "qualifier": qualifiers}, index=rows.index)
