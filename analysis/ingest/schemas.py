"""The schema engine: columns, table schemas and their rules, checked on load (the declarations of the raw
tables are in `raw_tables`, those of the team's logs in `incidents`).

`validate` splits a table into kept rows and rejected rows (file, line, column, value, reason).
A problem with the whole file (missing or unknown columns, a column with no valid value at all) is
raised as InputFileError instead: no row of such a file can be trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pyarrow as pa

from ..errors import InputFileError, quoted
from . import parsing
from .places import Gazetteer
from .readers import LINE, SOURCE

Rejection = tuple[int, str, str]  # (row index, column, reason)


@dataclass(frozen=True)
class Column:
    """One column of a raw table: its kind decides how each cell is parsed."""

    name: str
    kind: str  # text | note | url | choice | month | period | date | count | percent | coordinate
    required: bool = True
    choices: tuple[str, ...] = ()
    description: str = ""
    # A column added after files were made (monthly_figures' `erratum`) may be left out of the header: it is
    # then read as empty in every row, so an older spreadsheet still loads as it did.
    may_be_absent: bool = False


@dataclass(frozen=True)
class Context:
    """What row checks may need beyond the row itself."""

    today: date
    gazetteer: Gazetteer | None = None


@dataclass(frozen=True)
class TableSchema:
    """A raw table: its file stem, columns, unique key and row rules."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    checks: tuple[Callable[[pd.DataFrame, Context], list[Rejection]], ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _parser(column: Column) -> Callable[[str], object]:
    if column.kind == "count":
        return parsing.parse_count
    if column.kind == "percent":
        return parsing.parse_percent
    if column.kind == "month":
        return parsing.parse_month
    if column.kind == "period":
        return parsing.parse_period
    if column.kind == "date":
        return parsing.parse_date
    if column.kind == "coordinate":

        def coordinate(text: str) -> float:
            try:
                value = float(text)
            except ValueError:
                raise ValueError("is not a coordinate: write decimal degrees, e.g. 35.1971") from None
            if not -180 <= value <= 180:
                raise ValueError("is outside -180..180 degrees")
            return value

        return coordinate
    if column.kind == "url":

        def url(text: str) -> str:
            for part in text.split(";"):
                if not part.strip().startswith(("http://", "https://")):
                    raise ValueError("is not a web address: give the source page's full address (https://...)")
            return text

        return url
    if column.kind == "choice":

        def choice(text: str) -> str:
            if text not in column.choices:
                raise ValueError(f"is not one of the allowed values ({', '.join(column.choices)})")
            return text

        return choice
    return str


# --- row rules ------------------------------------------------------------------------------------


def not_in_future(column: str) -> Callable[[pd.DataFrame, Context], list[Rejection]]:
    def check(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
        values = frame[column]
        future = {t for t in values.unique() if t and parsing.parse_date(t)[0] > ctx.today}
        return [
            (idx, column, f"is in the future (after {ctx.today.isoformat()})")
            for idx in values[values.isin(list(future))].index
        ]

    return check


REJECTED_COLUMNS = ["file", "line", "column", "value", "reason", "month"]  # month: the row's YYYY-MM, when it has one


def _row_month(frame: pd.DataFrame, schema: TableSchema, idx) -> str:
    """The month a rejected row speaks of (its first month, period or date column), so a report can say that
    its month had a row that was published and rejected; '' when it has none that reads as YYYY-MM."""
    for column in schema.columns:
        if column.kind in ("month", "period", "date") and column.name in frame.columns:
            text = str(frame.at[idx, column.name]).strip()[:7]
            return text if len(text) == 7 and text[4] == "-" and text.replace("-", "").isdigit() else ""
    return ""


def check_columns(frame: pd.DataFrame, schema: TableSchema, path) -> None:
    """Missing or unknown columns make the whole file unusable."""
    present = [c for c in frame.columns if c not in (LINE, SOURCE)]
    twice = sorted({c for c in present if present.count(c) > 1})
    if twice:
        places = [i + 1 for i, c in enumerate(present) if c == twice[0]]
        raise InputFileError(
            path,
            f"names the column '{twice[0]}' more than once (columns {', '.join(map(str, places))} of the header)",
            line=1,
            column=twice[0],
            hint="name each column once: rename or remove the extra one.",
        )
    missing = [c.name for c in schema.columns if c.name not in present and not c.may_be_absent]
    unknown = [c for c in present if c not in schema.column_names]
    expected = ", ".join(schema.column_names)
    if unknown:
        instead = f" (where '{missing[0]}' was expected?)" if missing else ""
        raise InputFileError(
            path,
            f"has an unknown column '{unknown[0]}'{instead}",
            hint=f"rename or remove it; the columns are: {expected}.",
            column=unknown[0],
        )
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise InputFileError(
            path,
            f"lacks the column '{missing[0]}'{more}",
            hint=f"the header must name these columns: {expected}.",
            column=missing[0],
        )


def _may_hold_line_break(values: pd.Series) -> bool:
    """Whether a cell of the column could hold a CR or LF, from the column's bytes searched at once; the check
    cell by cell (a regular expression over every cell: a quarter of a large log's reading time) runs only
    when one could."""
    try:
        text = pa.array(values.array)
    except (TypeError, pa.ArrowException):
        return True
    if not pa.types.is_string(text.type) and not pa.types.is_large_string(text.type):
        return True
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is not None and (b"\n" in (raw := data.to_pybytes()) or b"\r" in raw):
            return True
    return False


def validate(
    frame: pd.DataFrame, schema: TableSchema, path, ctx: Context, check_key: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a raw table into (kept rows, rejected rows). Kept + rejected = rows read, always.

    `check_key=False` leaves repeated keys to the caller (a log read in chunks checks them across chunks)."""
    check_columns(frame, schema, path)
    absent = [c.name for c in schema.columns if c.name not in frame.columns]
    if absent:  # only columns that may be absent get here (check_columns raised for the others)
        frame = frame.assign(**{name: "" for name in absent})
    reasons: dict[int, tuple[str, str]] = {}

    def reject(idx: int, column: str, reason: str) -> None:
        reasons.setdefault(idx, (column, reason))

    for column in schema.columns:
        parse = _parser(column)
        values = frame[column.name]
        empty = values == ""
        problems = {}  # each distinct value is parsed once: logs repeat dates, places and counts a lot
        for text in [] if parse is str else values.unique():  # free text needs no parsing
            try:
                if text != "":
                    parse(text)
            except ValueError as exc:
                problems[text] = f"{quoted(text)} {exc}"
        failing = values[values.isin(list(problems))] if problems else values.iloc[0:0]
        for idx, text in failing.items():
            reject(idx, column.name, problems[text])
        if column.kind != "note" and _may_hold_line_break(values):  # only free notes may run over several lines
            for idx in values[values.str.contains(r"[\r\n]", regex=True)].index:
                reject(
                    idx,
                    column.name,
                    "holds a line break, which only a note may: join its lines (or a quote mark is missing)",
                )
        filled = int((~empty).sum())
        if column.kind not in ("text", "note") and filled >= 3 and len(failing) == filled:
            sample = failing.iloc[0]
            raise InputFileError(
                path,
                f"has no valid value in column '{column.name}' (e.g. {quoted(sample)})",
                hint=f"expected {column.kind} values ({column.description}); are the columns shifted or swapped?",
                column=column.name,
            )
        if column.required and empty.any():
            for idx in values[empty].index:
                reject(idx, column.name, "is empty but this column is required")

    def kept_rows() -> pd.DataFrame:
        return frame.drop(index=list(reasons)) if reasons else frame  # dropping nothing still copies a frame

    clean = kept_rows()
    for check in schema.checks:
        for idx, column, reason in check(clean, ctx):
            reject(idx, column, reason)
    clean = kept_rows()
    repeated = clean.duplicated(list(schema.key), keep="first") if check_key else None
    if repeated is not None and repeated.any():
        first_line = clean.drop_duplicates(list(schema.key)).set_index(list(schema.key))[LINE]
        for idx, row in clean[repeated].iterrows():
            key = tuple(row[k] for k in schema.key)
            reject(
                idx,
                schema.key[-1],
                f"repeats the statement on line {first_line.loc[key]} (same {', '.join(schema.key)})",
            )

    rejected = pd.DataFrame(
        [
            {
                "file": frame.at[i, SOURCE],
                "line": int(frame.at[i, LINE]),
                "column": col,
                "value": frame.at[i, col] if col in frame.columns else "",
                "reason": why,
                "month": _row_month(frame, schema, i),
            }
            for i, (col, why) in sorted(reasons.items(), key=lambda kv: frame.at[kv[0], LINE])
        ],
        columns=REJECTED_COLUMNS,
    )
    kept = kept_rows().reset_index(drop=True)
    assert len(kept) + len(rejected) == len(frame), "rows read must equal rows kept plus rows rejected"
    return kept, rejected
