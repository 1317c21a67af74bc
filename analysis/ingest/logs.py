"""The team's incident and raid logs, a chunk at a time: read, validate, clean, write, aggregate.

A log can grow to hundreds of thousands of rows; holding it whole as text costs several times its size in
memory. Each chunk is validated and cleaned on its own, its cleaned rows appended to the processed CSV and
its monthly counts kept; the counts are then summed. Repeated ids across chunks are found at the end; when
there are any (rare), or when a row turns out short or long, the log is processed again whole, so the
rejections and errors are exactly those of any other table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..outputs import ChunkedCsv
from . import incidents as inc
from . import team
from .readers import LINE, IrregularRows, iter_table, read_table
from .schemas import REJECTED_COLUMNS, Context, TableSchema, validate

CHUNK_ROWS = 100_000


@dataclass
class LogRun:
    """One log processed: rows read and kept, rejected rows, the monthly tables, and the cleaned CSV
    (written beside its final place; `cleaned.commit()` puts it there, `cleaned.discard()` drops it)."""

    read: int = 0
    kept: int = 0
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    cleaned: ChunkedCsv | None = None
    disagreements: list[str] = field(default_factory=list)  # rows whose coordinates lie outside their named place


def incident_tables(log: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The incident log's monthly tables (each a sum over rows, so chunks can be added up)."""
    out = {"incidents_monthly": inc.incidents_monthly(log)}
    for dimension, name in (
        ("attack_type", "type"),
        ("target", "target"),
        ("adm2_pcode", "district"),
        ("adm3_pcode", "subdistrict"),
    ):
        out[f"incidents_by_{name}"] = inc.incidents_by(log, dimension)
    out["incidents_areas"] = team.incident_areas(log)  # the month being written: counted by place and status
    return out


def raid_tables(log: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"raids_monthly": inc.raids_monthly(log), "raids_areas": team.raid_areas(log)}


LOGS = {  # log name -> (cleaned table name, count columns, monthly tables)
    inc.INCIDENT_LOG.name: ("incidents", inc.CASUALTIES, incident_tables),
    inc.RAID_LOG.name: ("raids", ["arrests", "isis_killed", "officials_captured", "officials_killed"], raid_tables),
}


def add_up(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Sum per-chunk tables over their text columns (month, dimension); a count stays empty only when it is
    empty in every chunk."""
    if len(parts) == 1:
        return parts[0]
    whole = pd.concat(parts, ignore_index=True)
    if whole.empty:
        return whole
    keys = [c for c in whole.columns if not pd.api.types.is_numeric_dtype(whole[c])]
    dtypes = whole.dtypes.to_dict()
    summed = whole.groupby(keys, sort=True).sum(min_count=1).reset_index()
    return summed.astype({c: dtypes[c] for c in summed.columns})[list(whole.columns)]


def run_log(path: Path, schema: TableSchema, ctx: Context, cleaned_path: Path | None, rows: int = CHUNK_ROWS) -> LogRun:
    """Process one log file; see the module docstring."""
    try:
        run, keys = _run(iter_table(path, rows), path, schema, ctx, cleaned_path)
    except IrregularRows:  # a short or long row: the careful reader pads it or names its line
        keys = None
    if keys is None or (keys and pd.concat(keys, ignore_index=True).duplicated().any()):
        if keys is not None and run.cleaned:
            run.cleaned.discard()
        run, _ = _run([read_table(path)], path, schema, ctx, cleaned_path, whole=True)
    return run


def _run(
    chunks: Iterable[pd.DataFrame],
    path: Path,
    schema: TableSchema,
    ctx: Context,
    cleaned_path: Path | None,
    whole: bool = False,
) -> tuple[LogRun, list[pd.Series]]:
    """The run, and the kept ids of each chunk. In chunks, repeated ids are not checked (by the caller,
    across all chunks at once); read whole, they are rejected like in any table."""
    _, counts, tables = LOGS[schema.name]
    run = LogRun(cleaned=ChunkedCsv(cleaned_path) if cleaned_path else None)
    parts: dict[str, list[pd.DataFrame]] = {}
    rejected, keys = [], []
    try:
        for chunk in chunks:
            good, bad = validate(chunk, schema, path, ctx, check_key=whole)
            run.read, run.kept = run.read + len(chunk), run.kept + len(good)
            rejected.append(bad)
            keys.append(good[schema.key[0]])
            log = inc.clean_log(good, ctx.gazetteer, counts)
            if "coordinates_disagree" in log.columns:
                odd = log["coordinates_disagree"] != ""
                run.disagreements += [
                    f"{path.name} line {line}, location '{location}': {why}"
                    for line, location, why in zip(
                        good.loc[odd, LINE], log.loc[odd, "location"], log.loc[odd, "coordinates_disagree"]
                    )
                ]
            if run.cleaned:
                run.cleaned.write(log)
            for name, table in tables(log).items():
                parts.setdefault(name, []).append(table)
    except BaseException:
        if run.cleaned:
            run.cleaned.discard()
        raise
    run.rejected = pd.concat(rejected, ignore_index=True) if rejected else run.rejected
    run.tables = {name: add_up(tables_) for name, tables_ in parts.items()}
    return run, keys
