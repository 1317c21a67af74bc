"""The overview's whole-period figures, drawn from SYNTHETIC frames."""

import pandas as pd

from analysis.report import overview, style

from ..conftest import ints
from .test_figures import DEFS, tables, texts  # noqa: F401  (fixture)


def test_cumulative_repatriations_keep_bounds_articles_and_leave_out_families_only():
    reps = pd.DataFrame(
        {
            "month": ["2001-01", "2001-04", "2001-05"],
            "country": ["United Kingdom"] * 2 + ["Otherland"],
            "people": ints(1700, 960, None),
            "people_qualifier": [">", "", ""],
            "women": ints(None, None, None),
            "women_qualifier": ["", "", ""],
            "children": ints(None, None, None),
            "children_qualifier": ["", "", ""],
            "families": ints(None, None, 12),
            "families_qualifier": ["", "", ""],
        }
    )
    fig = overview.cumulative_repatriations(reps)
    title = fig.get_suptitle().replace("\n", " ")
    assert title == "Repatriations recorded in our sources: more than 2,660 people, most by the United Kingdom"
    assert not any("Otherland" in t for t in texts(fig))  # 12 families, no number of people: nothing to add


def test_the_series_marks_developments_for_charts(tables):  # noqa: F811
    panel, _ = tables
    developments = pd.DataFrame({"month": ["2001-05"], "on_charts": ["yes"], "chart_label": ["SYNTHETIC marker"]})
    fig = overview.series_chart(panel, DEFS, developments)
    assert "SYNTHETIC marker" in texts(fig) and "\u25bc" in style.method_note(fig)
    assert "\u25bc" not in style.method_note(overview.series_chart(panel, DEFS))
