"""The careful path for CSV files the fast reader cannot take: text decoded with a diagnosis of what a file
is when it is not UTF-8 (UTF-16, a workbook, a binary file, Latin-1), quoted values over several lines (kept
when meant, refused naming both lines when a stray quote mark would swallow rows), short and long rows."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..encodings import looks_like_utf16
from ..errors import InputFileError

LINE = "_line"  # the column holding each row's file line (1-based), in every frame a reader returns


def read_rows(path: Path, raw: bytes) -> pd.DataFrame:
    """The file's rows as stripped strings with their first file line in `_line`; short rows padded."""
    return _rows(path, decode(path, raw))


def decode(path: Path, raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_like_utf16(raw):
        raise InputFileError(
            path,
            "is UTF-16 text (Excel's 'Unicode Text' or a Windows tool saves it so), not UTF-8",
            hint="open it in your spreadsheet and save it again as 'CSV UTF-8', then rerun.",
        )
    if raw.startswith(b"PK\x03\x04"):
        raise InputFileError(
            path,
            "is a zip archive (an .xlsx workbook?) named as a CSV file",
            hint="rename it to .xlsx if it is a workbook, or save it again as 'CSV UTF-8'.",
        )
    nul = raw.find(b"\x00")  # anywhere in the file: one NUL inside one cell is refused as surely as many
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        many = raw.count(b"\x00", 0, 65536) > 8
        problem = (
            "is a binary file, not text (it holds NUL bytes)"
            if many
            else f"is a binary file, not text (it holds NUL bytes: the first at line {line}, byte {nul + 1})"
        )
        raise InputFileError(
            path,
            problem,
            line=None if many else line,
            hint="save the table again as 'CSV UTF-8' (or .xlsx) from your spreadsheet; one NUL in "
            "a cell is usually a paste from another program: retype that cell.",
        )
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


def _rows(path: Path, text: str) -> pd.DataFrame:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):  # blank lines above the header
            header = next(reader)
    except StopIteration:
        raise InputFileError(
            path, "is empty (no header row)", hint="restore the header row from the codebook."
        ) from None
    header = [h.strip() for h in header]
    rows, lines = [], []
    last_line = reader.line_num
    for record in reader:
        start = last_line + 1
        last_line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if last_line > start:
            _check_quoted_lines(path, text, record, start, last_line, len(header))
        if (
            len(record) > len(header)
            and any(c.strip() for c in record[len(header) :])
            and not record[0].lstrip().startswith("#")
        ):
            raise InputFileError(
                path,
                f"has {len(record)} cells but the header has {len(header)}",
                hint="a value probably contains an unquoted comma; put quotes around it.",
                line=start,
            )
        record = (record + [""] * len(header))[: len(header)]
        rows.append([cell.strip() for cell in record])
        lines.append(start)
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame[LINE] = np.array(lines, dtype=np.int64)
    return frame


def _check_quoted_lines(path: Path, text: str, record: list[str], start: int, end: int, width: int) -> None:
    """A record read across lines `start`..`end`: fine when a quoted value holds a line break on purpose (a
    note of two lines; the schemas say which columns may). Refused, naming both lines, when the quote is
    never closed, or when the quoted value takes in lines that look like rows of their own (a stray quote
    mark): otherwise those rows would vanish into one cell, uncounted."""
    if text.count('"') % 2:
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        if end >= last:
            raise InputFileError(
                path,
                f"has a quote mark on line {start} that is never closed: lines {start}-{end} "
                "(the rest of the file) would be read as one cell",
                hint="remove the stray quote mark, or close the quoted value on the same line.",
                line=start,
            )
    swallowed = [line for cell in record for line in cell.split("\n")[1:] if line.count(",") >= width - 1]
    if swallowed:
        raise InputFileError(
            path,
            f"reads lines {start}-{end} as one row: a quoted value opened on line {start} "
            f"closes only on line {end}, taking in {len(swallowed)} line(s) that look like "
            "rows of their own",
            hint=f"a quote mark is missing or stray on line {start} or line {end}: a value that "
            "starts with a quote must end with one before its comma.",
            line=start,
        )
