"""Load the processed tables a report needs (the report side never reads data/raw)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .schemas import METRICS

_COUNT_COLUMNS = {
    "monthly": list(METRICS),
    "monthly_as_published": list(METRICS),
    "figures": ["value", "first_value", "n_statements"],
    "regions": ["value", "share_pct"],
    "camp_population": ["population"],
    "repatriations": ["people", "women", "children", "families"],
    "us_position_attacks": ["attacks"],
    "incidents": ["military_killed", "military_injured", "civilian_killed", "civilian_injured"],
    "incidents_monthly": ["attacks", "attacks_unverified", "military_killed", "military_injured", "civilian_killed",
                          "civilian_injured"],
    "raids": ["arrests", "isis_killed", "officials_captured", "officials_killed"],
    "raids_monthly": ["raids", "arrests", "isis_killed", "officials_captured", "officials_killed"],
    "reconciliation": ["from_log", "published", "difference"],
    "incidents_by_type": ["attacks"], "incidents_by_target": ["attacks"], "incidents_by_district": ["attacks"],
    "incidents_by_subdistrict": ["attacks"],
    "acled_isis_monthly": ["events", "fatalities", "events_date_approximate"],
}


@dataclass(frozen=True)
class Processed:
    """The processed tables, typed (counts as nullable integers; text as text, empty = '')."""

    monthly: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    regions: pd.DataFrame
    camp_population: pd.DataFrame
    repatriations: pd.DataFrame
    us_position_attacks: pd.DataFrame
    definitions: pd.DataFrame
    vintage: str = "current"
    optional: dict[str, pd.DataFrame] = field(default_factory=dict)  # incident/raid logs, ACLED, when present


def _read(folder: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in _COUNT_COLUMNS.get(name, []):
        frame[column] = pd.array([int(v) if v != "" else pd.NA for v in frame[column]], dtype="Int64")
    for column in ("revised",):
        if column in frame.columns:
            frame[column] = frame[column] == "True"
    return frame


TABLES = ("monthly", "figures", "sources", "regions", "camp_population", "repatriations", "us_position_attacks",
          "definitions")


def as_published(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures with every value as first published (the current value kept as `current_value`)."""
    out = figures.copy()
    out["current_value"], out["current_qualifier"] = figures["value"], figures["qualifier"]
    out["value"], out["qualifier"] = figures["first_value"], figures["first_qualifier"]
    return out


def load_processed(folder: Path | str = paths.PROCESSED, vintage: str = "current") -> Processed:
    """Read every processed table from `folder` (built by `make data`).

    vintage "current" uses the latest statement of every figure; "as-published" the value as first published.
    """
    from .errors import AnalysisError

    folder = Path(folder)
    if vintage not in paths.VINTAGES:
        raise AnalysisError(f"VINTAGE '{vintage}' is not one of {', '.join(paths.VINTAGES)}")
    missing = [n for n in TABLES if not (folder / f"{n}.csv").exists()]
    if missing:
        raise AnalysisError(f"{folder} lacks {', '.join(m + '.csv' for m in missing)}; run `make data` first.")
    tables = {name: _read(folder, name) for name in TABLES}
    if vintage == "as-published":
        tables["monthly"] = _read(folder, "monthly_as_published").assign()
        tables["figures"] = as_published(tables["figures"])
    from .pipeline import OPTIONAL_TABLES

    optional = {name: _read(folder, name) for name in OPTIONAL_TABLES if (folder / f"{name}.csv").exists()}
    return Processed(**tables, vintage=vintage, optional=optional)
