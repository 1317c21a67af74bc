"""The monthly panel: every month from first to last, missing stays missing, definitions in force."""

import pandas as pd

from analysis.ingest import clean
from analysis.ingest.panel import definition_for, monthly_panel
from analysis.months import month_range

from ..conftest import synthetic_statements as statements

DEFS = pd.DataFrame({"definition": ["a", "b"], "first_month": ["2001-01", "2001-03"], "last_month": ["2001-02", ""]})


def test_month_range_is_inclusive_and_crosses_years():
    assert month_range("2000-11", "2001-02") == ["2000-11", "2000-12", "2001-01", "2001-02"]


def test_definition_for_month():
    assert [definition_for(m, DEFS) for m in ["2000-12", "2001-02", "2001-03", "2009-01"]] == ["", "a", "b", "b"]


def test_panel_has_gap_months_as_missing_not_zero():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-01", "attacks", "5", "R1", "2001-02"),
                ("2001-04", "attacks", "0", "R4", "2001-05"),
                ("2001", "attacks", "99", "Annual", "2002-01"),
            ]
        )
    )
    panel = monthly_panel(figures, DEFS)
    assert panel["month"].tolist() == ["2001-01", "2001-02", "2001-03", "2001-04"]
    assert panel["attacks"].tolist()[0] == 5 and panel["attacks"].tolist()[3] == 0
    assert panel["attacks"].isna().tolist() == [False, True, True, False]
    assert panel["raids"].isna().all()
    assert str(panel["attacks"].dtype) == "Int64"
    assert panel["definition"].tolist() == ["a", "a", "b", "b"]


def test_vintages_give_first_published_or_current_values():
    figures = clean.first_and_current(
        statements(
            [
                ("2001-06", "attacks", "25", "Own", "2001-07"),
                ("2001-06", "attacks", "24", "Next", "2001-08"),
                ("2001-06", "injured_total", "≥39", "Own", "2001-07"),
            ]
        )
    )
    current = monthly_panel(figures, DEFS, "current")
    first = monthly_panel(figures, DEFS, "as-published")
    assert current["attacks"].item() == 24 and first["attacks"].item() == 25
    assert current["revised_metrics"].item() == "attacks"
    assert current["qualified_metrics"].item() == "injured_total ≥"
