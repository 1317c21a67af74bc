"""Each report lists what it revised: earlier months' figures it stated differently (SYNTHETIC statements)."""

from analysis.report.revisions import month_reports, revisions, revisions_markdown

from ..conftest import synthetic_statements


def sources(rows):
    """sources.csv as a report reads it: text cells (value empty when not published)."""
    frame = synthetic_statements(rows).astype({"value": "string"})
    frame["value"] = frame["value"].fillna("")
    return frame.astype(str)


ROWS = [
    ("2001-06", "attacks", "25", "Own report on June", "2001-07"),
    ("2001-07", "attacks", "12", "Own report on July", "2001-08"),
    ("2001-06", "attacks", "24", "Own report on July", "2001-08"),  # a revision of June
    ("2001-06", "raids", "7", "Own report on June", "2001-07"),
    ("2001-06", "raids", "7 (text)", "Own report on July", "2001-08"),  # the same number: no revision
    ("2001-06", "arrests", "≥30", "Own report on June", "2001-07"),
    ("2001-06", "arrests", "30", "Own report on July", "2001-08"),  # a bound became a number
    ("2001-07", "attacks", "14", "Own report on August", "2001-09"),
    ("2001-08", "attacks", "9", "Own report on August", "2001-09"),
]


def test_the_months_report_is_the_one_that_first_published_its_figures():
    assert month_reports(sources(ROWS), "2001-07") == {"Own report on July"}
    assert month_reports(sources(ROWS), "2001-05") == set()


def test_a_report_lists_the_earlier_figures_it_stated_differently_with_both_sources():
    july = revisions(sources(ROWS), "2001-07")
    assert july[["period", "metric", "before", "now"]].values.tolist() == [
        ["2001-06", "arrests", "≥30", "30"],
        ["2001-06", "attacks", "25", "24"],
    ]
    assert set(july["before_report"]) == {"Own report on June"} and set(july["report"]) == {"Own report on July"}
    august = revisions(sources(ROWS), "2001-08")
    assert august[["period", "metric", "before", "now"]].values.tolist() == [["2001-07", "attacks", "12", "14"]]
    assert revisions(sources(ROWS), "2001-06").empty


def test_the_markdown_names_old_and_new_values_or_says_there_were_none():
    text = revisions_markdown(revisions(sources(ROWS), "2001-07"), "2001-07")
    assert "- attacks, June 2001: 24 (was 25 in Own report on June, 2001-07" in text
    assert "restated no figure" in revisions_markdown(revisions(sources(ROWS), "2001-06"), "2001-06")
