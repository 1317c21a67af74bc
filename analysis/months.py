"""Which months a report can be made for, and a friendly check of a requested month."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from . import paths
from .errors import MonthError

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _listed_if_fresh(raw: Path, processed: Path) -> list[str] | None:
    """The months of processed/months.txt if it is newer than every raw file and library file, else None."""
    listing, stamp = Path(processed) / "months.txt", Path(processed) / ".built"
    if not listing.exists() or not stamp.exists():
        return None
    built = stamp.stat().st_mtime
    sources = [p for p in Path(raw).rglob("*") if p.is_file()] + list(Path(__file__).parent.glob("*.py"))
    if any(p.stat().st_mtime > built for p in sources):
        return None
    return listing.read_text().split()


def available_months(raw: Path = paths.RAW, processed: Path = paths.PROCESSED) -> list[str]:
    """Months with a published headline attack count: from the processed list when it is up to date,
    otherwise computed from data/raw in memory (either way nothing is written)."""
    fresh = _listed_if_fresh(raw, processed) if Path(raw) == paths.RAW else None
    if fresh is not None:
        return fresh
    from .panel import months_with_headline
    from .pipeline import load_and_validate, process

    tables, _, _, gazetteer = load_and_validate(Path(raw), date.today())
    return months_with_headline(process(tables, gazetteer)["monthly"])


def _ranges(months: list[str]) -> str:
    """'2019-01, 2019-02, 2019-03' -> '2019-01 to 2019-03' (compact listing for messages)."""
    if not months:
        return "none"
    periods = [int(m[:4]) * 12 + int(m[5:7]) - 1 for m in months]
    label = {p: m for p, m in zip(periods, months)}
    runs, start, prev = [], periods[0], periods[0]
    for p in periods[1:] + [None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        runs.append(label[start] if start == prev else f"{label[start]} to {label[prev]}")
        if p is not None:
            start = prev = p
    return ", ".join(runs)


def check_listed(months: list[str], available: list[str]) -> None:
    """Fast check of several months against an already built list (no pandas, no raw reading)."""
    for month in months:
        if not _MONTH.match(month) or month not in available:
            raise MonthError(f"'{month}' is not a month with data (YYYY-MM). Months with data: {_ranges(available)}")


def check_month(month: str, raw: Path = paths.RAW) -> str:
    """Return `month` if it is YYYY-MM and has data; otherwise raise MonthError listing what is available."""
    if month and not _MONTH.match(month):
        months = available_months(raw)
        raise MonthError(f"MONTH '{month}' is not a month in YYYY-MM form (e.g. 2023-11). "
                         f"Months with data: {_ranges(months)}")
    months = available_months(raw)
    listing = _ranges(months)
    if not month:
        raise MonthError(f"no MONTH given. Give one as MONTH=YYYY-MM; months with data: {listing}")
    if month not in months:
        raise MonthError(f"no attack count was published for {month}. Months with data: {listing}")
    return month
