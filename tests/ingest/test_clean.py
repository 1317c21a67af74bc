"""First-published vs current values, and typed tables, from small frames."""

import pandas as pd

from analysis.ingest import clean

from ..conftest import synthetic_statements as statements


def test_latest_statement_is_current_and_earliest_is_first():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-06", "attacks", "24", "Later report", "2001-08"),
                ("2001-06", "attacks", "25", "Own report", "2001-07"),
            ]
        )
    )
    row = figures.iloc[0]
    assert (row["value"], row["first_value"], row["revised"], row["n_statements"]) == (24, 25, True, 2)


def test_month_only_date_orders_before_a_day_in_that_month():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-07", "attacks", "14", "Update", "2001-09-17"),
                ("2001-07", "attacks", "12", "Next report", "2001-09"),
            ]
        )
    )
    assert (figures.iloc[0]["first_value"], figures.iloc[0]["value"]) == (12, 14)


def test_not_published_stays_missing_and_never_becomes_zero():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-09", "military_injured", "", "Report", "2001-10"),
            ]
        )
    )
    assert pd.isna(figures.iloc[0]["value"]) and pd.isna(figures.iloc[0]["first_value"])
    assert not figures.iloc[0]["revised"]


def test_a_later_empty_statement_does_not_erase_a_figure():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-09", "raids", "10", "Report", "2001-10"),
                ("2001-09", "raids", "", "Later report", "2001-11"),
            ]
        )
    )
    assert figures.iloc[0]["value"] == 10 and figures.iloc[0]["n_statements"] == 2


def test_qualifier_change_counts_as_revision():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-03", "arrests", ">200", "Report", "2001-04"),
                ("2001-03", "arrests", "200", "Later", "2001-05"),
            ]
        )
    )
    row = figures.iloc[0]
    assert (row["qualifier"], row["first_qualifier"], row["revised"]) == ("", ">", True)


def test_statement_ids_do_not_depend_on_line_numbers():
    a = statements([("2001-01", "attacks", "5", "R", "2001-02")])
    b = statements([("2000-12", "attacks", "3", "R", "2001-01"), ("2001-01", "attacks", "5", "R", "2001-02")])
    assert a["statement_id"].iloc[0] == b.loc[b["period"] == "2001-01", "statement_id"].item()


def test_camp_population_parses_dates_and_keeps_group_order():
    rows = pd.DataFrame(
        {
            "as_of": ["2001-05", "2001-05"],
            "camp": ["al-Hol", "al-Hol"],
            "group": ["iraqi", "total"],
            "population": ["~10", "20"],
            "report": ["R", "R"],
            "published": ["2001-06"] * 2,
            "source_url": ["https://example.org"] * 2,
            "note": ["SYNTHETIC"] * 2,
        }
    )
    out = clean.camp_population(rows)
    assert out["group"].tolist() == ["total", "iraqi"]
    assert out["as_of_precision"].tolist() == ["month", "month"]
    assert out["qualifier"].tolist() == ["", "~"]
    assert rows["group"].tolist() == ["iraqi", "total"]  # input untouched


def test_a_restatement_of_the_same_number_is_not_a_revision():
    """'12' restated later as '12 (text)' or '12 (implied)' says the same number: not revised."""
    figures = clean.first_and_current(
        statements(
            [
                ("2001-03", "arrests", "12", "Report", "2001-04"),
                ("2001-03", "arrests", "12 (text)", "Later", "2001-05"),
                ("2001-03", "arrests", "12 (implied)", "Later still", "2001-06"),
            ]
        )
    )
    assert not figures.iloc[0]["revised"] and figures.iloc[0]["n_statements"] == 3
