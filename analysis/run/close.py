"""`python -m analysis close MONTH`: record the cut-off of a month the team is writing.

The record (data/closed/MONTH.json, committed) holds the time, the digest of each log as it was, the ids of
the month's incidents and raids then in it, and the month's provisional figures. From then on the month's
figures are those recorded; a row logged for the month afterwards is a late arrival, listed in the next
month's report and never folded into the closed month.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from .. import catalog, paths
from ..errors import AnalysisError
from ..outputs import atomic_write_text, sha256_of
from . import data_build

IDS = {
    "incident_log": (catalog.CATALOG["incidents"].file, "incident_id"),
    "raid_log": (catalog.CATALOG["raids"].file, "raid_id"),
}


def close(raw: Path, processed: Path, month: str, now: datetime | None = None) -> tuple[Path, dict]:
    """Write data/closed/`month`.json from the current data build; return its path and the record."""
    import pandas as pd

    target = paths.closed_folder(raw) / f"{month}.json"
    if target.exists():
        closed_at = json.loads(target.read_text(encoding="utf-8")).get("closed_at", "?")
        raise AnalysisError(
            f"{month} was closed on {closed_at} ({paths.relative_to_root(target)}). To take its "
            "figures again, delete that file (git keeps the old one) and run close again."
        )
    path = Path(processed) / catalog.CATALOG["provisional"].file
    rows = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=["month"])
    rows = rows[rows["month"] == month]
    if rows.empty or "attacks" not in set(rows["metric"]):
        if month in data_build.published_months(Path(processed)):
            raise AnalysisError(
                f"{month} is published (its attack count is recorded in monthly_figures.csv): "
                "there is no provisional count to close."
            )
        raise AnalysisError(
            f"the team's records give no attack count for {month}: declare the month in "
            "data/raw/incidents/covered_months.csv or type it into data/raw/team_counts.csv first."
        )
    logs, ids = {}, {}
    for log in sorted(set(rows["origin"]) & set(IDS)):
        name, column = IDS[log]
        found = [p for p in (Path(raw) / "incidents").glob(f"{log}.*") if p.suffix in (".csv", ".xlsx")]
        logs[log] = {"file": found[0].name, "sha256": sha256_of(found[0])}
        frame = pd.read_csv(Path(processed) / name, usecols=[column, "month"], dtype=str, keep_default_na=False)
        ids[log] = sorted(frame.loc[frame["month"] == month, column])
    figures = {
        r.metric: {
            "value": int(r.value) if r.value else None,
            "qualifier": r.qualifier,
            "source": r.source,
            "counted_by": r.counted_by,
            "counted_on": r.counted_on,
            "note": r.note,
        }
        for r in rows.itertuples()
    }
    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    record = {"month": month, "closed_at": when, "logs": logs, "ids": ids, "figures": figures}
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return target, record
