"""Every piece of month arithmetic, and the one check of a requested month.

Months are 'YYYY-MM' strings throughout the project. This module needs no pandas, so the runner can check
a month before any heavy import.
"""

from __future__ import annotations

import calendar
import re

from .errors import MonthError

MONTH_FORMAT = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")  # ASCII digits only (str.isdigit accepts others)


def _index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def previous_month(month: str) -> str:
    """'2023-01' -> '2022-12'."""
    return _month(_index(month) - 1)


def next_month(month: str) -> str:
    """'2023-12' -> '2024-01'."""
    return _month(_index(month) + 1)


def window(month: str, length: int) -> list[str]:
    """The `length` months ending with `month`, oldest first."""
    end = _index(month)
    return [_month(i) for i in range(end - length + 1, end + 1)]


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` inclusive."""
    return [_month(i) for i in range(_index(first), _index(last) + 1)]


def months_between(earlier: str, later: str) -> int:
    """How many months `later` is after `earlier` ('2023-05', '2023-11' -> 6)."""
    return _index(later) - _index(earlier)


def month_name(month: str) -> str:
    """'2023-11' -> 'November'."""
    return calendar.month_name[int(month[5:7])]


def long_month(month: str) -> str:
    """'2023-11' -> 'November 2023'."""
    return f"{month_name(month)} {month[:4]}"


def months_with_headline(panel) -> list[str]:
    """Months of the monthly panel with a published headline attack count: the months a report can be made for."""
    return panel.loc[panel["attacks"].notna(), "month"].tolist()


def describe(months: list[str]) -> str:
    """'2019-01, 2019-02, 2019-03, 2019-05' -> '2019-01 to 2019-03, 2019-05' (a compact listing for messages)."""
    if not months:
        return "none"
    runs, start, prev = [], months[0], months[0]
    for month in [*months[1:], None]:
        if month is not None and _index(month) == _index(prev) + 1:
            prev = month
            continue
        runs.append(start if start == prev else f"{start} to {prev}")
        start = prev = month
    return ", ".join(runs)


def check_format(month: str) -> str:
    """Return `month` if it is exactly YYYY-MM (no spaces, no other digits); otherwise raise MonthError."""
    if not month:
        raise MonthError("no MONTH given. Give one as MONTH=YYYY-MM, e.g. MONTH=2023-11.")
    if not MONTH_FORMAT.fullmatch(month):
        raise MonthError(f"MONTH {month!r} is not a month in YYYY-MM form (e.g. 2023-11).")
    return month


def listing(published: list[str], provisional: list[str] = ()) -> str:
    """'Months with data: …' and, when the team's records give any, the months with a provisional count."""
    text = f"Months with data: {describe(sorted(published))}"
    if provisional:
        text += f"; months with a provisional count from the team's records: {describe(sorted(provisional))}"
    return text


def check_month(month: str, available: list[str], provisional: list[str] = ()) -> str:
    """The single month check: `month` must be YYYY-MM and among `available` (a published attack count) or
    `provisional` (the team's own count, not yet published); the error lists both kinds."""
    try:
        check_format(month)
    except MonthError as exc:
        raise MonthError(f"{exc} {listing(available, provisional)}") from None
    if month not in available and month not in provisional:
        records = ", and the team's records give none" if provisional else ""
        raise MonthError(f"no attack count was published for {month}{records}. {listing(available, provisional)}")
    return month
