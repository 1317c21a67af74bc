"""Merge clean tables into the monthly panel: one row per month, missing stays missing."""

from __future__ import annotations

import pandas as pd

from ..months import month_range
from ..vocabulary import METRICS, VINTAGES

PANEL_METRICS = list(METRICS)


def definition_for(month: str, definitions: pd.DataFrame) -> str:
    """The counting definition in force in `month` ('' when none is recorded)."""
    for row in definitions.itertuples():
        if row.first_month <= month and (not row.last_month or month <= row.last_month):
            return row.definition
    return ""


def monthly_panel(figures: pd.DataFrame, definitions: pd.DataFrame, vintage: str = "current") -> pd.DataFrame:
    """Wide panel of monthly figures.

    Args:
        figures: output of clean.first_and_current.
        definitions: output of clean.definitions.
        vintage: "current" (latest statements) or "as-published" (values as first published).

    Returns:
        One row per month from the first to the last month with any figure; a column per metric
        (nullable integers: empty = not published), the definition in force, and text columns naming
        revised and qualified metrics.
    """
    if vintage not in VINTAGES:
        raise ValueError(f"vintage must be one of {VINTAGES}")
    monthly = figures[figures["period_type"] == "month"]
    value_col, qual_col = ("value", "qualifier") if vintage == "current" else ("first_value", "first_qualifier")
    stated = monthly[monthly[value_col].notna()]
    months = month_range(stated["period"].min(), stated["period"].max())
    wide = stated.pivot(index="period", columns="metric", values=value_col).reindex(months)
    panel = pd.DataFrame({"month": months})
    for metric in PANEL_METRICS:
        column = wide[metric] if metric in wide.columns else pd.Series(pd.NA, index=months)
        panel[metric] = pd.array(column.to_numpy(), dtype="Int64")
    panel["definition"] = [definition_for(m, definitions) for m in months]

    def listing(frame: pd.DataFrame, text) -> list[str]:
        by_month = frame.groupby("period").apply(lambda g: "; ".join(text(r) for r in g.itertuples()))
        return [by_month.get(m, "") for m in months]

    revised = monthly[monthly["revised"]]
    panel["revised"] = [m in set(revised["period"]) for m in months]
    panel["revised_metrics"] = listing(revised, lambda r: r.metric) if len(revised) else ""
    qualified = stated[stated[qual_col] != ""]
    panel["qualified_metrics"] = (
        listing(qualified, lambda r: f"{r.metric} {getattr(r, qual_col)}") if len(qualified) else ""
    )
    return panel


def with_own_report(panel: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The panel with `own_report` (from reports.csv): `found`, `not_found` (the month's own report was searched
    for and not found: its figures, if any, come from later reports) or empty (not recorded). A month of
    reports.csv outside the panel's months adds no row: the panel runs from the first to the last figure."""
    flags = dict(zip(reports["month"], reports["own_report"]))
    return panel.assign(own_report=[flags.get(m, "") for m in panel["month"]])
