"""Month arithmetic and the single month check (analysis/months.py)."""

import pytest

from analysis.errors import MonthError
from analysis.months import check_format, check_month, describe, long_month, month_range, previous_month, window

AVAILABLE = ["2021-11", "2021-12", "2022-01", "2022-03"]


def test_arithmetic_crosses_years():
    assert previous_month("2023-01") == "2022-12"
    assert window("2023-02", 3) == ["2022-12", "2023-01", "2023-02"]
    assert month_range("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert long_month("2023-11") == "November 2023"


def test_describe_compacts_runs():
    assert describe(AVAILABLE) == "2021-11 to 2022-01, 2022-03"
    assert describe([]) == "none"


@pytest.mark.parametrize(
    "month",
    [
        "2023-13",
        "2023-1",
        "23-11",
        "2023-11 ",
        " 2023-11",
        "2023-11\n",
        "٢٠٢٣-11",
        "2023-١١",
        "2023-11;touch pwned",
        "$(shell touch pwned)",
    ],
)
def test_the_format_check_refuses_anything_but_ascii_yyyy_mm(month):
    with pytest.raises(MonthError, match="YYYY-MM"):
        check_format(month)


def test_no_month_given_says_how_to_give_one():
    with pytest.raises(MonthError, match="no MONTH given"):
        check_format("")


def test_the_month_check_lists_the_months_with_data():
    assert check_month("2022-01", AVAILABLE) == "2022-01"
    with pytest.raises(
        MonthError,
        match=r"no attack count was published for 2022-02\. Months with data: "
        r"2021-11 to 2022-01, 2022-03",
    ):
        check_month("2022-02", AVAILABLE)
    with pytest.raises(MonthError, match="YYYY-MM.*Months with data: 2021-11"):
        check_month("2022-2", AVAILABLE)


def test_months_between_crosses_years():
    from analysis.months import months_between

    assert months_between("2023-05", "2023-11") == 6 and months_between("2022-12", "2023-01") == 1
    assert months_between("2023-11", "2023-11") == 0
