"""What a month's report revised: the figures of earlier months it stated differently from what had been
published before (the July 2021 report putting June at 24 attacks, first published as 25).

A restatement of the same value is not a revision, and neither is the same number said as exact in one
place and as 'implied' or 'body text' in another; a bound that becomes a number (or the reverse) is.
"""

from __future__ import annotations

import pandas as pd

from ..months import long_month
from . import markdown
from .wording import said_qualifier

COLUMNS = [
    "period",
    "metric",
    "before",
    "before_report",
    "before_published",
    "before_source_url",
    "now",
    "report",
    "published",
    "source_url",
]


def month_reports(sources: pd.DataFrame, month: str) -> set[str]:
    """The report(s) of the month: those that first published figures of the month (later reports
    restating them belong to their own months)."""
    own = sources[sources["period"] == month]
    return set(own.loc[own["published_date"] == own["published_date"].min(), "report"]) if len(own) else set()


def _said(value: str, qualifier: str) -> tuple[str, str]:
    """A statement's value as compared: the number and whether it is a bound (exact forms are one)."""
    return value, said_qualifier(qualifier)


def revisions(sources: pd.DataFrame, month: str) -> pd.DataFrame:
    """The month's report(s) restating earlier months' figures with another value, beside the statement
    published last before them."""
    stated = sources[sources["value"] != ""]
    ours = stated[
        stated["report"].isin(month_reports(sources, month))
        & (stated["period"] < month)
        & (stated["period_type"] == "month")
    ]
    rows = []
    for new in ours.itertuples():
        earlier = stated[
            (stated["period"] == new.period)
            & (stated["metric"] == new.metric)
            & (stated["published_date"] < new.published_date)
        ]
        if earlier.empty:
            continue
        before = earlier.sort_values(["published_date", "line"], kind="mergesort").iloc[-1]
        if _said(before["value"], before["qualifier"]) == _said(new.value, new.qualifier):
            continue
        rows.append(
            [
                new.period,
                new.metric,
                before["value_as_written"],
                before["report"],
                before["published"],
                before["source_url"],
                new.value_as_written,
                new.report,
                new.published,
                new.source_url,
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["period", "metric"], kind="mergesort", ignore_index=True)


def revisions_markdown(frame: pd.DataFrame, month: str) -> str:
    """revisions.md: one line per revised figure, old and new value with both sources."""
    lines = [f"# Revisions in the report on {long_month(month)}", ""]
    if frame.empty:
        lines.append("This month's report restated no figure of an earlier month differently.")
    for r in frame.itertuples():
        lines.append(
            f"- {markdown.text(r.metric)}, {long_month(r.period)}: {markdown.text(r.now)} "
            f"(was {markdown.text(r.before)} in {markdown.text(r.before_report)}, {markdown.text(r.before_published)} "
            f"<{markdown.address(r.before_source_url.split(';')[0].strip())}>) — "
            f"{markdown.text(r.report)}, {markdown.text(r.published)} "
            f"<{markdown.address(r.source_url.split(';')[0].strip())}>"
        )
    return "\n".join(lines + [""])
