"""Parse the text of one cell: qualified counts ("≥39", "~19", "0 (implied)"), months and dates.

Each parser returns a value or raises ValueError with a reason a researcher can act on; the schemas
turn those reasons into rejected rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_SYMBOL_ALIASES = {">=": "≥", "<=": "≤", "≈": "~", "c.": "~"}

_COUNT = re.compile(
    r"^(?P<q>>=|<=|≥|≤|>|<|~|≈|c\.)?\s*(?P<n>-?[0-9]{1,3}(?:,[0-9]{3})+|-?[0-9]+)"
    r"(?:\s*\((?P<w>implied|text)\))?$"
)
_MONTH = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})$")
_YEAR = re.compile(r"^[0-9]{4}$")
_DATE = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})$")


@dataclass(frozen=True)
class Qualified:
    """A published number and how it was qualified."""

    value: int
    qualifier: str  # "" (exact), ">", "≥", "<", "≤", "~", "implied" or "text" (meanings: data/raw/README.md)


MAX_COUNT = 10**15  # no count of attacks, people or raids comes near it; past it a cell is a typing slip
FIRST_YEAR = 2000  # no period this project records is earlier (the reports start in 2019); before it, a slip


def _year_checked(year: str) -> None:
    if int(year) < FIRST_YEAR:
        raise ValueError(
            f"is before {FIRST_YEAR}, earlier than anything this project records (the reports start in "
            "2019): a typing slip?"
        )


def ascii_digits_only(text: str) -> str:
    """Refuse a cell that writes a number with other digits than 0-9 (Arabic-Indic ٢٠٢٣, say): accepted half-way
    they would sort after every month and parse differently from place to place."""
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
        raise ValueError("uses digits other than 0-9 (such as ٠١٢٣ or ۰۱۲۳): type the number with 0-9")
    return text


def parse_count(text: str) -> Qualified:
    """'≥39' -> Qualified(39, '≥'); '0 (implied)' -> Qualified(0, 'implied'); negatives are refused."""
    match = _COUNT.match(ascii_digits_only(text.strip()))
    if not match:
        raise ValueError(
            "is not a count: write a whole number, optionally with a qualifier "
            "(>, ≥, <, ≤, ~) before it or '(implied)' / '(text)' after it"
        )
    digits = match["n"].replace(",", "").lstrip("-").lstrip("0")
    if len(digits) > len(str(MAX_COUNT)):  # before int(): Python refuses more than 4,300 digits in its own words
        raise ValueError(
            f"is too large to be a count ({len(digits):,} digits; more than {len(str(MAX_COUNT)) - 1} "
            "is never a count): a typing slip?"
        )
    number = -int(digits or "0") if match["n"].startswith("-") else int(digits or "0")
    if number > MAX_COUNT:
        raise ValueError(f"is too large to be a count (more than {len(str(MAX_COUNT)) - 1} digits): a typing slip?")
    if number < 0:
        raise ValueError("is negative: counts of attacks, people or raids cannot be below zero")
    symbol = match["q"] or ""
    symbol = _SYMBOL_ALIASES.get(symbol, symbol)
    if match["w"]:
        if symbol:
            raise ValueError("has two qualifiers: use either a symbol or '(implied)' / '(text)'")
        symbol = match["w"]
    return Qualified(number, symbol)


def parse_percent(text: str) -> Qualified:
    """A share in percent, 0-100, with the same qualifiers as counts."""
    parsed = parse_count(text)
    if parsed.value > 100:
        raise ValueError("is above 100: a share of attacks is a percentage from 0 to 100")
    return parsed


def parse_month(text: str) -> str:
    """'2023-11' -> '2023-11'; anything else (2023-13, 11/2023) is refused."""
    match = _MONTH.match(ascii_digits_only(text.strip()))
    if not match or not 1 <= int(match["m"]) <= 12:
        raise ValueError("is not a month: write it as YYYY-MM, e.g. 2023-11")
    _year_checked(match["y"])
    return text.strip()


def parse_period(text: str) -> str:
    """A month (YYYY-MM) or a whole year (YYYY), for annual totals."""
    text = ascii_digits_only(text.strip())
    if _YEAR.match(text):
        _year_checked(text)
        return text
    if not _MONTH.match(text) or not 1 <= int(text[5:7]) <= 12:
        raise ValueError("is not a period: write a month as YYYY-MM or a year as YYYY")
    return parse_month(text)


def parse_date(text: str) -> tuple[date, str]:
    """A date known to the day, month or year -> (first possible day, precision)."""
    text = ascii_digits_only(text.strip())
    if re.match(r"^[0-9]{4}", text):
        _year_checked(text[:4])
    if _YEAR.match(text):
        return date(int(text), 1, 1), "year"
    match = _MONTH.match(text)
    if match:
        if not 1 <= int(match["m"]) <= 12:
            raise ValueError("is not a date: the month must be 01 to 12")
        return date(int(match["y"]), int(match["m"]), 1), "month"
    match = _DATE.match(text)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), "day"
        except ValueError:
            raise ValueError("is not a real calendar date") from None
    raise ValueError("is not a date: write YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known")


def month_of(day: date) -> str:
    """The YYYY-MM a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def period_end(text: str) -> date:
    """Last day of a period given as YYYY, YYYY-MM or YYYY-MM-DD (used for 'in the future' checks)."""
    start, precision = parse_date(text)
    if precision == "day":
        return start
    if precision == "year":
        return date(start.year, 12, 31)
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)
