"""The processed tables a report reads, and the digest of exactly those rows.

`load_month` is the one function that hands the monthly notebook its data: the slice of each processed table
the month's report reads. The runner calls the same function and hashes its result (`digest`) to decide
whether a month must be rebuilt, so no input can be read without being counted. The report side never reads
data/raw.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .. import paths
from ..catalog import CATALOG, MONTH_OPTIONAL, OPTIONAL, REQUIRED
from ..errors import AnalysisError, quoted
from ..months import check_month, months_with_headline, previous_month, window
from ..outputs import csv_bytes
from ..vocabulary import VINTAGES
from .provisional import mark


@dataclass(frozen=True)
class Processed:
    """The processed tables, typed (counts as nullable integers; text as text, empty = ''): one field for each
    table analysis/catalog.py lists as required, in its order (a test checks they agree)."""

    monthly: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    regions: pd.DataFrame
    camp_population: pd.DataFrame
    repatriations: pd.DataFrame
    us_position_attacks: pd.DataFrame
    definitions: pd.DataFrame
    developments: pd.DataFrame
    key_point_order: pd.DataFrame
    vintage: str = "current"
    optional: dict[str, pd.DataFrame] = field(default_factory=dict)  # incident/raid logs, ACLED, when present


def _read(folder: Path, name: str) -> pd.DataFrame:
    table = CATALOG[name]
    path = folder / table.file
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise _damaged(path, f"cannot be read ({exc})") from None
    for column in table.columns:
        if column not in frame.columns:
            raise _damaged(path, f"lacks the column '{column}'")
    for column in table.counts:
        counts = []
        for row, value in enumerate(frame[column]):
            if value and not (value.isascii() and value.removeprefix("-").isdigit()):  # differences may be < 0
                raise _damaged(path, f"line {row + 2}, column '{column}': {quoted(value)} is not a count")
            counts.append(int(value) if value else pd.NA)
        frame[column] = pd.array(counts, dtype="Int64")
    for column in ("revised",):
        if column in frame.columns:
            frame[column] = frame[column] == "True"
    return frame


def _damaged(path: Path, problem: str) -> AnalysisError:
    """A processed table that is not what the data build wrote: say which, and how to get it back."""
    return AnalysisError(
        f"{path} (a processed table, built by `make data`) {problem}.\n"
        "  What to do: do not edit data/processed; run `make data` (or any make target), which "
        "rebuilds it from data/raw."
    )


def as_published(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures with every value as first published (the current value kept as `current_value`)."""
    out = figures.copy()
    out["current_value"], out["current_qualifier"] = figures["value"], figures["qualifier"]
    out["value"], out["qualifier"] = figures["first_value"], figures["first_qualifier"]
    return out


def load_processed(
    folder: Path | str = paths.PROCESSED, vintage: str = "current", optional: tuple[str, ...] = OPTIONAL
) -> Processed:
    """Read the processed tables from `folder` (built by `make data`), and those of `optional` that exist.

    vintage "current" uses the latest statement of every figure; "as-published" the value as first published.
    """
    folder = Path(folder)
    if vintage not in VINTAGES:
        raise AnalysisError(f"VINTAGE {vintage!r} is not one of {', '.join(VINTAGES)}")
    missing = [CATALOG[n].file for n in REQUIRED if not (folder / CATALOG[n].file).exists()]
    if missing:
        raise AnalysisError(f"{folder} lacks {', '.join(missing)}; run `make data` first.")
    tables = {name: _read(folder, name) for name in REQUIRED}
    if vintage == "as-published":
        tables["monthly"] = _read(folder, "monthly_as_published")
        tables["figures"] = as_published(tables["figures"])
    present = {name: _read(folder, name) for name in optional if (folder / CATALOG[name].file).exists()}
    tables["monthly"] = mark(tables["monthly"], present)
    return Processed(**tables, vintage=vintage, optional=present)


def rejected_lines(data: Processed, table: str) -> list[str]:
    """The lines of raw `table` (e.g. 'attacks_by_region') of the month that were published and rejected."""
    frame = data.optional.get("rejected")
    if frame is None or frame.empty or "file" not in frame.columns:
        return []
    rows = frame[frame["file"].str.rpartition(".")[0] == table]
    return sorted(set(rows["line"]), key=lambda line: int(line) if str(line).isdigit() else 0)


def month_data(data: Processed, month: str) -> Processed:
    """The rows a month's report reads: its 24-month window of the panel, the sources and the developments
    (its own for the key points, those marked for charts for the attacks chart), its own and the previous
    month's figures, its regions, camp counts up to the month, repatriations over 12 months, the tallies ending
    in it, and the month's rows of the optional tables (the ACLED series over 24 months)."""
    span24, span12 = window(month, 24), window(month, 12)
    panel = mark(data.monthly, data.optional)  # the months whose figures are the team's provisional count
    published = panel.loc[~panel["provisional"], "month"] if "provisional" in panel.columns else panel["month"]
    check_month(
        month,
        [m for m in months_with_headline(panel) if m in set(published)],
        provisional=[m for m in months_with_headline(panel) if m not in set(published)],
    )
    optional = {}
    for name, frame in data.optional.items():
        if name not in MONTH_OPTIONAL:
            continue
        if name == "provisional":
            frame = frame[frame["month"].isin(span24)]
        elif name == "late_arrivals":
            frame = frame[frame["month"] == previous_month(month)]  # listed in the next month's report
        elif name in ("acled_isis_monthly", "acled_isis_by_district"):
            frame = frame[frame["month"].isin(span24)]
        elif name == "rejected":  # rows of the month that were published and rejected (a build that allowed them)
            frame = frame[frame["month"] == month] if "month" in frame.columns else frame.iloc[0:0]
        elif "month" in frame.columns:
            if name in ("incidents", "raids"):  # the dates the whole log runs over: what it covers
                optional[f"{name}_dates"] = pd.DataFrame(
                    {
                        "first_date": [frame["date"].min() if len(frame) else ""],
                        "last_date": [frame["date"].max() if len(frame) else ""],
                    }
                )
            frame = frame[frame["month"] == month]
        optional[name] = frame
    return replace(
        data,
        monthly=panel[panel["month"].isin(span24)],
        figures=data.figures[data.figures["period"].isin([month, previous_month(month)])],
        sources=data.sources[data.sources["period"].isin(span24)],
        regions=data.regions[data.regions["month"] == month],
        camp_population=data.camp_population[data.camp_population["month"] <= month],
        repatriations=data.repatriations[data.repatriations["month"].isin(span12)],
        us_position_attacks=data.us_position_attacks[data.us_position_attacks["period_end"].str[:7] == month],
        developments=data.developments[
            (data.developments["month"] == month)
            | (data.developments["month"].isin(span24) & (data.developments["on_charts"] == "yes"))
        ],
        key_point_order=data.key_point_order[data.key_point_order["month"] == month],
        optional=optional,
    )


def load_month(folder: Path | str, month: str, vintage: str = "current") -> Processed:
    """What the monthly notebook reads for `month`: the month's slice of the processed tables."""
    return month_data(load_processed(folder, vintage, MONTH_OPTIONAL), month)


def digest(data: Processed, *parameters: str) -> str:
    """sha256 of every row handed to a report (table by table, canonical CSV) and of its parameters."""
    hasher = hashlib.sha256("\0".join([data.vintage, *parameters]).encode() + b"\0")
    tables = {name: getattr(data, name) for name in REQUIRED}
    tables |= {f"optional/{name}": frame for name, frame in sorted(data.optional.items())}
    for name, frame in tables.items():
        hasher.update(name.encode() + b"\0" + csv_bytes(frame) + b"\0")
    return hasher.hexdigest()
