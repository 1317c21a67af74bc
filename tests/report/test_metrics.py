"""Key figures: this month, previous month, change, 12-month average, revisions."""

import pandas as pd

from analysis.ingest import clean
from analysis.ingest.panel import monthly_panel
from analysis.months import previous_month, window
from analysis.report.metrics import key_figures

from ..conftest import ints, synthetic_statements

DEFS = pd.DataFrame({"definition": ["d"], "first_month": ["2000-01"], "last_month": [""]})


def build(rows):
    figures = clean.first_and_current(synthetic_statements(rows))
    return monthly_panel(figures, DEFS), figures


def test_window_and_previous_month_cross_years():
    assert previous_month("2023-01") == "2022-12"
    assert window("2023-02", 3) == ["2022-12", "2023-01", "2023-02"]


def test_change_average_and_revision():
    rows = [(f"2001-{m:02d}", "attacks", str(m), "R", f"2001-{m:02d}-28") for m in range(1, 13)]
    rows.append(("2001-12", "attacks", "20", "Revision", "2002-02"))
    panel, figures = build(rows)
    row = key_figures(panel, figures, "2001-12").set_index("metric").loc["attacks"]
    assert (row.value, row.previous_value, row.change) == (20, 11, 9)
    assert row.change_pct == round(100 * 9 / 11, 1)
    assert row.avg_12m == round((sum(range(1, 12)) + 20) / 12, 1) and row.months_in_avg == 12
    assert bool(row.revised) and row.first_published == 12
    assert len(row.statement_ids.split(";")) == 3


def test_unpublished_months_are_left_out_of_the_average_not_zeroed():
    panel, figures = build([("2001-01", "raids", "10", "R", "2001-02"), ("2001-03", "raids", "20", "R", "2001-04")])
    row = key_figures(panel, figures, "2001-03").set_index("metric").loc["raids"]
    assert row.avg_12m == 15.0 and row.months_in_avg == 2
    assert pd.isna(row.previous_value) and pd.isna(row.change)


def test_no_change_is_computed_from_bounds():
    panel, figures = build(
        [("2001-01", "injured_total", ">40", "R", "2001-02"), ("2001-02", "injured_total", "≥39", "R", "2001-03")]
    )
    row = key_figures(panel, figures, "2001-02").set_index("metric").loc["injured_total"]
    assert pd.isna(row.change) and row.qualifier == "≥"


def test_metrics_published_in_neither_month_are_left_out():
    panel, figures = build([("2001-02", "attacks", "3", "R", "2001-03")])
    assert key_figures(panel, figures, "2001-02")["metric"].tolist() == ["attacks"]


def test_a_change_on_a_base_below_ten_has_no_percentage():
    panel, figures = build(
        [
            ("2001-01", "civilian_injured", "1", "R", "2001-02"),
            ("2001-02", "civilian_injured", "7", "R", "2001-03"),
            ("2001-01", "attacks", "10", "R", "2001-02"),
            ("2001-02", "attacks", "15", "R", "2001-03"),
        ]
    )
    rows = key_figures(panel, figures, "2001-02").set_index("metric")
    assert rows.loc["civilian_injured", "change"] == 6 and pd.isna(rows.loc["civilian_injured", "change_pct"])
    assert rows.loc["attacks", "change_pct"] == 50.0
    from analysis.report.tables import key_figures_markdown

    md = key_figures_markdown(key_figures(panel, figures, "2001-02"), "2001-02")
    assert "| +6 |" in md and "+600%" not in md and "| +5 (+50%) |" in md


def test_the_twelve_month_average_uses_exact_values_only():
    panel, figures = build(
        [
            ("2001-01", "arrests", "≥100", "R", "2001-02"),
            ("2001-02", "arrests", "~50", "R", "2001-03"),
            ("2001-03", "arrests", "10", "R", "2001-04"),
            ("2001-04", "arrests", "20", "R", "2001-05"),
        ]
    )
    row = key_figures(panel, figures, "2001-04").set_index("metric").loc["arrests"]
    assert row.avg_12m == 15.0 and row.months_in_avg == 2


def test_people_repatriated_keeps_bounds_and_counts_no_people_for_families_only():
    from analysis.report.metrics import people_repatriated
    from analysis.report.wording import total_qualifier

    rows = pd.DataFrame(
        {
            "people": ints(1700, None, None, 960),
            "people_qualifier": [">", "", "", ""],
            "women": ints(None, 4, None, None),
            "women_qualifier": ["", "≥", "", ""],
            "children": ints(None, 13, None, None),
            "children_qualifier": ["", "", "", ""],
        }
    )
    counted = people_repatriated(rows)
    assert counted["count"].tolist()[:2] == [1700, 17] and pd.isna(counted["count"].iloc[2])
    assert counted["qualifier"].tolist() == [">", "≥", "", ""]
    assert total_qualifier(counted["qualifier"]) == ">" and total_qualifier(["", ""]) == ""
    assert (
        total_qualifier(["≥", "~"]) == "~" and total_qualifier(["<", ""]) == "<" and total_qualifier(["≥", "<"]) == "~"
    )
