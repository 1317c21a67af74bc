"""Read hand-edited tables (CSV or XLSX) as text, keeping the file line of every row.

Everything is read as strings so that parsing (and its error messages) happens in one place, the
schemas. UTF-8 with or without BOM, Windows line endings and stray whitespace are accepted; any other
encoding is refused with a clear message rather than read as mojibake.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..errors import InputFileError
from . import csv_rows
from .csv_rows import LINE

SOURCE = "_source"

TABLE_SUFFIXES = (".csv", ".xlsx")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror})", hint="check that the file exists.") from None


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV file into a frame of stripped strings with a `_line` column (1-based file line).

    Well-formed files (one record per line, every row as wide as the header) take a vectorised pyarrow path
    that streams the file, so logs of a million rows read in seconds and in little memory; anything else
    (quoted line breaks, short or long rows, bytes that are not UTF-8) takes the careful row-by-row path,
    which pads short rows and names the line of a broken one.
    """
    path = Path(path)
    frame = _read_regular_csv(path)
    if frame is None:
        raw = _read_bytes(path)
        frame = csv_rows.read_rows(path, raw)
    return _as_read(frame, path)


def _as_read(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Rows as the schemas see them: without blank and comment rows, and naming their file."""
    frame = _drop_blank_and_comment_rows(frame)
    frame[SOURCE] = path.name
    return frame


_CHUNK = 1 << 22  # bytes scanned at a time for line ends: keeps temporary arrays small

# Whitespace other than space and tab (looked for anywhere) as UTF-8 bytes: when none occurs and no space or
# tab touches a comma, quote or line end, no cell needs stripping and the columns are not copied.
_UNICODE_SPACES = (b"\xc2\x85", b"\xc2\xa0", b"\xe1\x9a\x80", b"\xe2\x80", b"\xe2\x81\x9f", b"\xe3\x80\x80")


_EDGE = np.zeros(256, dtype=bool)
_EDGE[[44, 10, 13, 34]] = True  # comma, line feed, carriage return, quote


def _may_have_padding(chunk: bytes, before: bytes) -> bool:
    """Could a cell in `chunk` (preceded in the file by the bytes `before`) start or end with whitespace?"""
    data = np.frombuffer(before + chunk, dtype=np.uint8)
    spaces = np.flatnonzero((data == 32) | (data == 9))
    if len(spaces):
        if spaces[-1] == len(data) - 1 or spaces[0] == 0:
            return True
        if _EDGE[data[spaces - 1]].any() or _EDGE[data[spaces + 1]].any():
            return True
    return bool((data >= 0x80).any()) and any(p in before + chunk for p in _UNICODE_SPACES)


def _scan_lines(path: Path) -> tuple[np.ndarray, bool] | None:
    """File line numbers (1-based) of the non-empty lines, and whether some cell may need stripping; None
    when some quoted value spans lines (a line with an odd number of quote marks), the file holds NUL bytes
    or it cannot be read."""
    line_numbers, padded = [], False
    lines_before, quotes_before, tail = 0, 0, b"\n"
    line_start_empty = True  # is the line in progress still empty (only a CR so far)?
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    with handle:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                return None  # UTF-16 or binary: the careful path says which
            padded = padded or _may_have_padding(chunk, tail)
            tail = chunk[-2:]
            data = np.frombuffer(chunk, dtype=np.uint8)
            newlines = np.flatnonzero(data == 10)
            counts = None
            if b'"' in chunk or quotes_before % 2:
                counts = np.cumsum(data == 34, dtype=np.int64) + quotes_before
                if np.any(counts[newlines] % 2):
                    return None
                quotes_before = int(counts[-1])
            # a line is empty when its newline follows the previous newline directly (or after a lone CR)
            previous = np.concatenate([[-1], newlines[:-1]])
            gap = newlines - previous - 1
            empty = (gap == 0) | ((gap == 1) & (data[np.maximum(newlines - 1, 0)] == 13))
            if len(newlines):
                empty[0] = line_start_empty and (newlines[0] == 0 or (newlines[0] == 1 and data[0] == 13))
            line_numbers.append(np.flatnonzero(~empty) + lines_before + 1)
            rest = chunk[newlines[-1] + 1 :] if len(newlines) else chunk
            line_start_empty = (rest in (b"", b"\r")) if len(newlines) else (line_start_empty and rest in (b"", b"\r"))
            lines_before += len(newlines)
    if quotes_before % 2:
        return None
    numbers = np.concatenate(line_numbers or [np.zeros(0, dtype=np.int64)])
    if not line_start_empty:
        numbers = np.append(numbers, lines_before + 1)  # last line without a final newline
    return numbers.astype(np.int64), padded


def _regular_layout(path: Path) -> tuple[list[str], np.ndarray, bool] | None:
    """(header, file line of each data row, whether cells need stripping) for a file with one record per
    line and a unique header; None otherwise. (Rows of another width are found while reading.)"""
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
        text = first.removeprefix(codecs.BOM_UTF8).rstrip(b"\r\n").decode("utf-8")
        header = [h.strip() for h in next(csv.reader([text]))]
    except (OSError, UnicodeDecodeError, StopIteration, csv.Error):
        return None
    if not any(header) or len(set(header)) < len(header):
        return None  # blank first line, or a repeated column name: the careful path keeps both
    scanned = _scan_lines(path)
    if scanned is None or len(scanned[0]) == 0 or scanned[0][0] != 1:
        return None
    numbers, padded = scanned
    return header, numbers[1:], padded


def stream_csv(path: Path, **options) -> pacsv.CSVStreamingReader:
    """pyarrow's streaming CSV reader, block by block. It is given a buffered stream, not the path: from a
    plain path pyarrow reads far ahead of the block it parses (hundreds of MB for a large file)."""
    return pacsv.open_csv(pa.input_stream(str(path), buffer_size=1 << 20), **options)


def _regular_batches(path: Path, header: list[str], lines: np.ndarray, padded: bool, rows: int):
    """Frames of at most `rows` rows (text cells and their file lines), streamed from the file."""
    names = [f"c{i}" for i in range(len(header))]
    if len(lines) == 0:
        yield pd.DataFrame({name: pd.Series([], dtype="str") for name in header} | {LINE: lines})
        return

    try:  # a row of another width, or bytes that are not UTF-8, make pyarrow raise ArrowInvalid
        reader = stream_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 20, use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        raise IrregularRows(path) from None
    done, pending, pending_rows = 0, [], 0

    def frame_of(table) -> pd.DataFrame:
        nonlocal done
        frame = pd.DataFrame({name: _as_text(table.column(i), padded) for i, name in enumerate(header)})
        frame[LINE] = lines[done : done + len(frame)]
        done += len(frame)
        return frame

    batches = iter(reader)
    while True:  # batches of one block each, regrouped into frames of `rows` rows
        try:
            batch = next(batches)
        except StopIteration:
            break
        except pa.ArrowInvalid:
            raise IrregularRows(path) from None
        pending.append(batch)
        pending_rows += batch.num_rows
        while pending_rows >= rows:
            table = pa.Table.from_batches(pending)
            yield frame_of(table.slice(0, rows))
            pending, pending_rows = table.slice(rows).to_batches(), pending_rows - rows
    if pending_rows:
        yield frame_of(pa.Table.from_batches(pending))
    if done != len(lines):
        raise IrregularRows(path)


def _read_regular_csv(path: Path) -> pd.DataFrame | None:
    """The fast path, or None when the file is not regular enough for it."""
    layout = _regular_layout(path)
    if layout is None:
        return None
    try:
        parts = list(_regular_batches(path, *layout, rows=1 << 62))
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError, IrregularRows):
        return None  # e.g. bytes that are not UTF-8: the careful path names the line
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


class IrregularRows(Exception):
    """Raised while streaming a CSV that turns out to have rows of another width (or bytes pyarrow cannot
    read): the caller starts again with `read_table`, which names the line or pads short rows."""

    def __init__(self, path: Path):
        super().__init__(f"{path} has rows of another width than its header")


def iter_table(path: Path, rows: int = 100_000):
    """A raw table as frames of at most `rows` rows, like `read_table` gives it whole (so a log of millions
    of rows never has to be in memory at once). CSV files with one record per line are streamed (raising
    IrregularRows, possibly after some frames, if a row turns out short or long); anything else (XLSX, quoted
    line breaks) is read whole by the careful path and yielded in slices."""
    path = Path(path)
    layout = _regular_layout(path) if path.suffix.lower() == ".csv" else None
    if layout is None:
        frame = read_table(path)
        for start in range(0, max(len(frame), 1), rows):
            yield frame.iloc[start : start + rows]
        return
    for frame in _regular_batches(path, *layout, rows=rows):
        yield _as_read(frame, path)


def _as_text(column: pa.ChunkedArray, strip: bool) -> pd.Series:
    if strip:
        column = pc.utf8_trim_whitespace(column)
    return pd.Series(column.to_pandas(), dtype="str")


def _drop_blank_and_comment_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank rows and rows whose first cell starts with '#' (templates carry a commented example)."""
    cells = frame.drop(columns=[LINE])
    if cells.shape[1] == 0:
        return frame.iloc[0:0].reset_index(drop=True)
    blank = (cells == "").all(axis=1)
    comment = cells.iloc[:, 0].str.startswith("#")
    keep = ~(blank | comment)
    return frame if keep.all() else frame[keep].reset_index(drop=True)


def read_xlsx_text(path: Path) -> pd.DataFrame:
    """Read the first sheet of an XLSX file the same way; line = spreadsheet row number."""
    path = Path(path)
    try:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFileError(
            path,
            f"cannot be read as an Excel workbook ({exc})",
            hint="save it again from your spreadsheet as .xlsx or .csv.",
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.map(lambda v: "" if v is None else str(v).strip()).astype("str")
    frame[LINE] = np.arange(2, len(frame) + 2, dtype=np.int64)
    frame = _drop_blank_and_comment_rows(frame)
    frame[SOURCE] = path.name
    return frame


def read_table(path: Path) -> pd.DataFrame:
    """Read a raw table by its suffix (.csv or .xlsx)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx_text(path)
    if path.suffix.lower() == ".csv":
        return read_csv_text(path)
    raise InputFileError(path, f"has an unsupported type '{path.suffix}'", hint="use .csv (UTF-8) or .xlsx.")


def find_table(folder: Path, stem: str) -> Path:
    """The one file named `stem`.csv or `stem`.xlsx in `folder`; two of them is an error (which one wins?)."""
    found = [folder / f"{stem}{suffix}" for suffix in TABLE_SUFFIXES if (folder / f"{stem}{suffix}").exists()]
    if not found:
        raise InputFileError(
            folder / f"{stem}.csv", "is missing", hint=f"restore {stem}.csv (see data/raw/README.md for its columns)."
        )
    if len(found) > 1:
        raise InputFileError(
            found[1], f"and {found[0].name} both exist", hint="keep one of them so the build knows which to read."
        )
    return found[0]
