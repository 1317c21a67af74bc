"""Which published figure a sentence or a chart uses: one month's figures with their qualifiers, and the camp
snapshot of a month. Data selection lives here, beside the metrics, so that the drawing and the writing
modules choose the same rows."""

from __future__ import annotations

import pandas as pd

from ..months import months_between, previous_month

OLD_COUNT = 6  # months after which the last published camp count is called old


class MonthFacts:
    """Look-ups of one month's (and the previous month's) figures with their qualifiers."""

    def __init__(self, figures: pd.DataFrame, panel: pd.DataFrame, month: str):
        self.month = month
        self.previous = previous_month(month)
        self._figures = figures.set_index(["period", "metric"])
        indexed = panel.set_index("month")
        self._definitions = indexed["definition"]
        self._own_report = indexed["own_report"] if "own_report" in indexed.columns else pd.Series(dtype=str)

    def get(self, metric: str, month: str | None = None) -> tuple[object, str]:
        """(value, qualifier) of a metric; (pd.NA, '') when not published."""
        key = (month or self.month, metric)
        if key not in self._figures.index:
            return pd.NA, ""
        row = self._figures.loc[key]
        return row["value"], row["qualifier"]

    def in_body_text(self, metric: str, month: str | None = None) -> bool:
        """Whether the figure's current statement is in the report's body text rather than its key points."""
        key = (month or self.month, metric)
        if key not in self._figures.index:
            return False
        row = self._figures.loc[key]
        return row["qualifier"] == "text" or row.get("stated_in", "") == "body_text"

    def definition(self, month: str | None = None) -> str:
        return self._definitions.get(month or self.month, "")

    def report_found(self, month: str | None = None) -> bool:
        """False only where reports.csv says the month's own report was searched for and not found."""
        return self._own_report.get(month or self.month, "") != "not_found"


def choose_snapshot(rows: pd.DataFrame) -> pd.DataFrame:
    """Of several snapshots, the one with most groups, then RIC's own, then the latest as-of date."""
    keys = (
        rows.groupby(["as_of_date", "report"], sort=True)
        .agg(n=("group", "size"), ric=("report", lambda r: r.iloc[0].startswith("RIC")))
        .reset_index()
    )
    best = keys.sort_values(
        ["n", "ric", "as_of_date", "report"], ascending=[False, False, False, True], kind="mergesort"
    ).iloc[0]
    return rows[(rows["as_of_date"] == best["as_of_date"]) & (rows["report"] == best["report"])]


def latest_snapshot(camps: pd.DataFrame, month: str, camp: str = "al-Hol", with_groups: bool = False) -> pd.DataFrame:
    """The latest snapshot of a camp on or before `month` (optionally: the latest with a group breakdown)."""
    rows = camps[(camps["camp"] == camp) & (camps["month"] <= month)]
    if with_groups:
        keys = rows.groupby(["as_of_date", "report"])["group"].transform(lambda g: (g != "total").any())
        rows = rows[keys]
    if rows.empty:
        return rows
    latest = rows[rows["as_of_date"] == rows["as_of_date"].max()]
    return choose_snapshot(latest)


def is_old(count_month: str, month: str) -> bool:
    """A count more than OLD_COUNT months before the month is called old wherever it is shown."""
    return months_between(count_month, month) > OLD_COUNT
