"""Qualified counts, months and dates as researchers write them."""

from datetime import date

import pytest

from analysis.ingest.parsing import (
    Qualified,
    parse_count,
    parse_date,
    parse_month,
    parse_percent,
    parse_period,
    period_end,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11", Qualified(11, "")),
        ("≥39", Qualified(39, "≥")),
        (">=39", Qualified(39, "≥")),
        (">40", Qualified(40, ">")),
        ("~19", Qualified(19, "~")),
        ("≈19", Qualified(19, "~")),
        ("49,432", Qualified(49432, "")),
        ("0 (implied)", Qualified(0, "implied")),
        ("27 (text)", Qualified(27, "text")),
        (" 7 ", Qualified(7, "")),
    ],
)
def test_parse_count_keeps_the_qualifier(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("-3", "negative"),
        ("eleven", "not a count"),
        ("1.5", "not a count"),
        ("≥3 (implied)", "two qualifiers"),
    ],
)
def test_parse_count_refuses_with_a_reason(text, words):
    with pytest.raises(ValueError, match=words):
        parse_count(text)


def test_percent_above_100_is_refused():
    assert parse_percent("~80") == Qualified(80, "~")
    with pytest.raises(ValueError, match="above 100"):
        parse_percent("120")


@pytest.mark.parametrize("bad", ["2023-13", "2023-1", "11/2023", "2023-00", ""])
def test_parse_month_refuses_malformed_months(bad):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(bad)


def test_parse_period_accepts_years_and_months():
    assert parse_period("2023") == "2023"
    assert parse_period("2023-11") == "2023-11"
    with pytest.raises(ValueError):
        parse_period("23-11")


def test_parse_date_gives_first_day_and_precision():
    assert parse_date("2023-11-11") == (date(2023, 11, 11), "day")
    assert parse_date("2023-11") == (date(2023, 11, 1), "month")
    assert parse_date("2024") == (date(2024, 1, 1), "year")
    with pytest.raises(ValueError, match="calendar"):
        parse_date("2023-02-30")


def test_period_end_is_the_last_day_of_the_period():
    assert period_end("2023-12") == date(2023, 12, 31)
    assert period_end("2024-02") == date(2024, 2, 29)
    assert period_end("2023") == date(2023, 12, 31)


@pytest.mark.parametrize(
    "parse, text",
    [
        (parse_count, "١١"),
        (parse_count, "۱۱"),
        (parse_month, "٢٠٢٣-11"),
        (parse_period, "٢٠٢٣"),
        (parse_date, "2023-11-٠٣"),
    ],
)
def test_digits_other_than_0_to_9_are_refused_with_what_to_type(parse, text):
    with pytest.raises(ValueError, match="digits other than 0-9"):
        parse(text)


def test_a_count_too_large_to_be_true_is_refused_not_overflowed():
    with pytest.raises(ValueError, match="too large to be a count"):
        parse_count("12345678901234567890")
