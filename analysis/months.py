"""Which months a report can be made for, and a friendly check of a requested month."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from . import paths
from .errors import MonthError
from .panel import months_with_headline

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def available_months(raw: Path = paths.RAW) -> list[str]:
    """Months with a published headline attack count, computed from data/raw in memory (writes nothing)."""
    from .pipeline import load_and_validate, process

    tables, _, _, gazetteer = load_and_validate(Path(raw), date.today())
    return months_with_headline(process(tables, gazetteer)["monthly"])


def _ranges(months: list[str]) -> str:
    """'2019-01, 2019-02, 2019-03' -> '2019-01 to 2019-03' (compact listing for messages)."""
    if not months:
        return "none"
    periods = [pd.Period(m, "M") for m in months]
    runs, start, prev = [], periods[0], periods[0]
    for p in periods[1:] + [None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        runs.append(str(start) if start == prev else f"{start} to {prev}")
        if p is not None:
            start = prev = p
    return ", ".join(runs)


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
