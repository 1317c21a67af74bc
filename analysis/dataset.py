"""Load the processed tables a report needs (the report side never reads data/raw)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .schemas import METRICS

_COUNT_COLUMNS = {
    "monthly": list(METRICS),
    "figures": ["value", "first_value", "n_statements"],
    "regions": ["value", "share_pct"],
    "camp_population": ["population"],
    "repatriations": ["people", "women", "children", "families"],
    "us_position_attacks": ["attacks"],
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


def _read(folder: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in _COUNT_COLUMNS.get(name, []):
        frame[column] = pd.array([int(v) if v != "" else pd.NA for v in frame[column]], dtype="Int64")
    for column in ("revised",):
        if column in frame.columns:
            frame[column] = frame[column] == "True"
    return frame


def load_processed(folder: Path | str = paths.PROCESSED) -> Processed:
    """Read every processed table from `folder` (built by `make data`)."""
    folder = Path(folder)
    missing = [n for n in Processed.__dataclass_fields__ if not (folder / f"{n}.csv").exists()]
    if missing:
        from .errors import AnalysisError

        raise AnalysisError(f"{folder} lacks {', '.join(m + '.csv' for m in missing)}; run `make data` first.")
    return Processed(**{name: _read(folder, name) for name in Processed.__dataclass_fields__})
