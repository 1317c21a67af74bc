"""Read hand-edited tables (CSV or XLSX) as text, keeping the file line of every row.

Everything is read as strings so that parsing (and its error messages) happens in one place, the
schemas. UTF-8 with or without BOM, Windows line endings and stray whitespace are accepted; any other
encoding is refused with a clear message rather than read as mojibake.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .errors import InputFileError

LINE = "_line"
SOURCE = "_source"

TABLE_SUFFIXES = (".csv", ".xlsx")


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(
            path,
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line} cannot be read as UTF-8; "
            "the file looks like Latin-1/Windows-1252)",
            hint="open it in your spreadsheet and save it again as 'CSV UTF-8', then rerun.",
            line=line,
        ) from None
    return text


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV file into a frame of stripped strings with a `_line` column (1-based file line)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror})", hint="check that the file exists.") from None
    text = _decode(path, raw)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(path, "is empty (no header row)", hint="restore the header row from the codebook.") from None
    header = [h.strip() for h in header]
    rows, lines = [], []
    last_line = reader.line_num
    for record in reader:
        start = last_line + 1
        last_line = reader.line_num
        if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
            continue  # blank lines, and comment rows (templates carry a commented example)
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            raise InputFileError(
                path,
                f"has {len(record)} cells but the header has {len(header)}",
                hint="a value probably contains an unquoted comma; put quotes around it.",
                line=start,
            )
        record = (record + [""] * len(header))[: len(header)]
        rows.append([cell.strip() for cell in record])
        lines.append(start)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame[LINE] = lines
    frame[SOURCE] = path.name
    return frame


def read_xlsx_text(path: Path) -> pd.DataFrame:
    """Read the first sheet of an XLSX file the same way; line = spreadsheet row number."""
    path = Path(path)
    try:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFileError(path, f"cannot be read as an Excel workbook ({exc})",
                             hint="save it again from your spreadsheet as .xlsx or .csv.") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.map(lambda v: "" if v is None else str(v).strip()).astype(object)
    frame[LINE] = range(2, len(frame) + 2)
    keep = frame.drop(columns=[LINE]).apply(lambda r: any(v != "" for v in r), axis=1)
    frame = frame[keep].reset_index(drop=True)
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
        raise InputFileError(folder / f"{stem}.csv", "is missing",
                             hint=f"restore {stem}.csv (see data/raw/README.md for its columns).")
    if len(found) > 1:
        raise InputFileError(found[1], f"and {found[0].name} both exist",
                             hint="keep one of them so the build knows which to read.")
    return found[0]
