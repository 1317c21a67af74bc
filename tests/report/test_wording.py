"""The phrases every sentence of the report is made of: numbers with their bounds, counts, lists, countries,
the comparison with the previous month, figures not known and dates."""

import pytest

from analysis.report import wording
from analysis.report.wording import change, counted, country, dated, join, join_clauses, not_known, number


def test_numbers_and_counts_say_bounds_and_never_print_markers():
    assert number(49432) == "49,432" and number(39, "≥") == "at least 39" and number(5, "implied") == "5"
    assert number(7, "text") == "7" and number(1700, ">") == "more than 1,700" and number(19, "~") == "about 19"
    assert counted(1, "", "raid", "raids") == "1 raid" and counted(0, "", "raid", "raids") == "no raids"
    assert counted(0, "≥", "raid", "raids") == "at least 0 raids"
    assert counted(0, "implied", "raid", "raids") == "no raids"


def test_lists_join_with_and_and_keep_clauses_apart():
    assert join(["a"]) == "a" and join(["a", "b", "c"]) == "a, b and c" and join(["", "b"]) == "b"
    assert (
        join_clauses(["6 military personnel killed and 11 injured", "6 civilians killed"])
        == "6 military personnel killed and 11 injured, and 6 civilians killed"
    )
    assert join_clauses(["6 killed", "2 injured"]) == "6 killed and 2 injured"


@pytest.mark.parametrize(
    "name, said",
    [
        ("United Kingdom", "the United Kingdom"),
        ("Iraq", "Iraq"),
        ("Russia; Kyrgyzstan", "Russia and Kyrgyzstan together"),
        ("", "a country the source does not name"),
        ("several", "several countries the source does not name"),
    ],
)
def test_countries(name, said):
    assert country(name) == said


def test_only_one_named_country_gets_a_bar():
    assert wording.one_country("Iraq") and not wording.one_country("")
    assert not wording.one_country("Russia; Kyrgyzstan") and not wording.one_country("several")


@pytest.mark.parametrize(
    "now, before, expected",
    [
        ((11, ""), (17, ""), "down from 17 in October"),
        ((17, ""), (11, ""), "up from 11 in October"),
        ((9, ""), (9, ""), "the same as in October"),
        ((9, "implied"), (9, "text"), "the same as in October"),  # implied and body-text figures are exact
        ((5, ""), (19, "~"), "down from about 19 in October"),
        ((18, ""), (19, "~"), "against about 19 in October"),  # about 19 could be 18
        ((11, ""), (9, ">"), "against more than 9 in October"),  # more than 9 could be more than 11
        ((29, "≥"), (20, ""), "up from 20 in October"),  # at least 29 is more than 20 whatever it is
        ((9, "≥"), (9, ""), "against 9 in October"),  # at least 9 may be 9
        ((3, ""), (4, "≥"), "down from at least 4 in October"),
    ],
)
def test_one_comparison_with_the_previous_month_that_bounds_cannot_mislead(now, before, expected):
    assert change(*now, *before, "2023-10") == expected


def test_not_published_and_not_found_are_said_apart():
    assert not_known("casualty figures for June", True, True) == "casualty figures for June were not published"
    assert not_known("the raid count", False, True) == "the raid count was not published"
    assert not_known("the raid count", False, False) == "the raid count is not known (the month's report was not found)"


def test_a_date_is_said_as_precisely_as_it_was_given():
    assert dated("2023-12") == "December 2023" and dated("2023-12", True) == "in December 2023"
    assert dated("2023-12-05") == "5 December 2023" and dated("2023-12-05", True) == "on 5 December 2023"
