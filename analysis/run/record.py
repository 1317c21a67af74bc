"""`record-published`: a published report's text proposed as data/raw rows, written to
reports/MONTH/recorded_statements.csv and printed; `--apply` appends them to the data/raw tables.

Appending only: no row of a table is rewritten, and a proposed row whose statement (its key: see
`recording.KEYS`) is already in the table is not added again, and said so.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .. import paths
from ..errors import AnalysisError, quoted
from ..outputs import write_csv
from ..report.recording import COLUMNS, Proposal, Recording, key_of, union_columns

_PUBLISHED = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")
_URL = re.compile(r"https?://\S+")


def check_source(report: str, published: str, url: str) -> None:
    """The report's name, publication date and address, as the codebook needs them."""
    if not report.strip():
        raise AnalysisError("no REPORT given: name the report, e.g. REPORT='RIC report on November 2023'.")
    if "\n" in report or "\r" in report:
        raise AnalysisError(f"REPORT {quoted(report)} holds a line break: give the report's name on one line.")
    if not _PUBLISHED.fullmatch(published or ""):
        raise AnalysisError(
            f"PUBLISHED {quoted(published)} is not a date in YYYY-MM-DD (or YYYY-MM) form, e.g. PUBLISHED=2023-12-05."
        )
    if not _URL.fullmatch(url or ""):
        raise AnalysisError(f"URL {quoted(url)} is not a web address (https://…, one address, no spaces).")


def statements_frame(recording: Recording):
    import pandas as pd

    rows = [{"table": p.table, **p.row, "sentence": p.sentence} for p in recording.proposals]
    return pd.DataFrame(rows, columns=union_columns(), dtype=object).fillna("")


def write_statements(recording: Recording, reports: Path, month: str) -> Path:
    """reports/MONTH/recorded_statements.csv (formulas neutralised, like every CSV made for people)."""
    return write_csv(statements_frame(recording), Path(reports) / month / "recorded_statements.csv", for_people=True)


def describe(recording: Recording, month: str) -> str:
    lines = [f"{len(recording.proposals)} statement(s) proposed for {month}:"]
    for p in recording.proposals:
        if p.table == "monthly_figures":
            where = f" ({p.row['stated_in']})" if p.row["stated_in"] else ""
            lines.append(f"  monthly_figures  {p.row['period']}  {p.row['metric']} = {p.row['value']}{where}")
        elif p.table == "attacks_by_region":
            lines.append(f"  attacks_by_region  {p.row['month']}  {p.row['region']}: {p.row['value']} attacks")
        else:
            counts = ", ".join(f"{c} {p.row[c]}" for c in ("people", "women", "children", "families") if p.row[c])
            lines.append(f"  repatriations  {p.row['date']}  {p.row['country']}: {counts}")
        lines.append(f"      from: {p.sentence}")
    if recording.needs_person:
        lines.append(f"Needs a person ({len(recording.needs_person)}; not written anywhere):")
        for u in recording.needs_person:
            lines.append(f"  {u.number}: {u.reason}\n      in: {u.sentence}")
    else:
        lines.append("Needs a person: nothing.")
    return "\n".join(lines)


def _table_file(raw: Path, table: str) -> Path:
    path = Path(raw) / f"{table}.csv"
    if not path.is_file():
        if (Path(raw) / f"{table}.xlsx").is_file():
            raise AnalysisError(
                f"{path.with_suffix('.xlsx')}: is a workbook; --apply appends to CSV tables only. "
                "Add the rows of recorded_statements.csv to it by hand."
            )
        raise AnalysisError(f"{path}: there is no such table to append to (is --raw the data/raw folder?).")
    return path


def _read(path: Path) -> tuple[list[str], list[dict], str, bytes]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{path}: is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8 first.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    header = [h.strip() for h in (reader.fieldnames or [])]
    return header, rows, "\r\n" if "\r\n" in text else "\n", raw


def apply(recording: Recording, raw: Path) -> list[str]:
    """Append the proposed rows to their data/raw tables; what was added and what was already there."""
    said: list[str] = []
    by_table: dict[str, list[Proposal]] = {}
    for p in recording.proposals:
        by_table.setdefault(p.table, []).append(p)
    for table, proposals in by_table.items():
        path = _table_file(raw, table)
        header, rows, newline, data = _read(path)
        missing = [c for c in COLUMNS[table] if c not in header]
        if missing:
            raise AnalysisError(
                f"{path}: has no column {', '.join(missing)} (its header: {', '.join(header)}); "
                "nothing was appended to it."
            )
        seen = {key_of(table, {k.strip() if k else k: v for k, v in row.items()}) for row in rows}
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator=newline)
        added = 0
        for p in proposals:
            key = key_of(table, p.row)
            if key in seen:
                said.append(f"  already in {path.name}, not added again: {_short(table, p.row)}")
                continue
            seen.add(key)
            writer.writerow([p.row.get(c, "") for c in header])
            added += 1
        if added:
            tail = b"" if data.endswith(b"\n") or not data else newline.encode()
            with open(path, "ab") as handle:
                handle.write(tail + buffer.getvalue().encode("utf-8"))
        said.append(f"{path.name}: {added} row(s) appended.")
    return said


def _short(table: str, row: dict) -> str:
    return ", ".join(
        f"{c}={row[c]}" for c in COLUMNS[table] if row.get(c) and c not in ("report", "published", "source_url")
    )


def run(month: str, file: str, report: str, published: str, url: str, raw: Path, reports: Path, do_apply: bool) -> str:
    """The whole command, after the month's format was checked: what to print."""
    from ..report.draft_text import read_draft
    from ..report.recording import record

    check_source(report, published, url)
    if not file.strip():
        raise AnalysisError("no FILE given. Give the published report's text as FILE=path (.docx .html .md .txt).")
    paragraphs = read_draft(Path(file))
    if not any(p.strip() for p in paragraphs):
        raise AnalysisError(f"{file}: holds no text to read (is it the right file?).")
    recording = record(paragraphs, month, report.strip(), published, url)
    target = write_statements(recording, reports, month)
    lines = [describe(recording, month), f"Wrote {paths.relative_to_root(target)}."]
    if do_apply:
        lines += apply(recording, raw)
        lines.append(
            "Now run `make manifest` (data/raw changed) and commit data/raw with data/manifest.csv; then "
            f"`make monthly MONTH={month}` gives the month's report."
        )
    elif recording.proposals:
        lines.append(
            "Check the rows above against the report; rerun with --apply (make ... APPLY=1) to append them to data/raw."
        )
    return "\n".join(lines)
