"""Each standard figure draws from small SYNTHETIC frames, marks gaps, and saves identical bytes twice."""

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.ingest import clean
from analysis.ingest.panel import monthly_panel
from analysis.report import figures, style

from ..conftest import ints, synthetic_statements

matplotlib.use("Agg")

DEFS = pd.DataFrame(
    {
        "definition": ["all", "confirmed_isis"],
        "first_month": ["2000-01", "2001-05"],
        "last_month": ["2001-04", ""],
        "label": ["All attacks", "Confirmed ISIS attacks"],
    }
)


@pytest.fixture
def tables():
    rows = [
        ("2001-03", "attacks", "12"),
        ("2001-05", "attacks", "9"),
        ("2001-05", "attacks_unverified", "2"),
        ("2001-06", "attacks", "11"),
        ("2001-06", "military_killed", "4"),
        ("2001-06", "civilian_injured", "7"),
        ("2001-06", "raids", "10"),
        ("2001-06", "arrests", "17"),
    ]
    figs = clean.first_and_current(synthetic_statements(rows))
    return monthly_panel(figs, DEFS), figs


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_developments_marked_for_charts_are_labelled_and_the_note_says_so_only_then(tables):
    panel, _ = tables
    developments = pd.DataFrame(
        {
            "month": ["2001-05", "2001-06", "2000-01"],
            "on_charts": ["yes", "no", "yes"],
            "chart_label": ["SYNTHETIC marker", "", "outside the window"],
        }
    )
    fig = figures.attacks_chart(panel, DEFS, "2001-06", months=6, developments=developments)
    assert "SYNTHETIC marker" in texts(fig) and "outside the window" not in texts(fig)
    assert "\u25bc: a development" in style.method_note(fig)
    plain = figures.attacks_chart(panel, DEFS, "2001-06", months=6, developments=developments.iloc[1:])
    assert "\u25bc" not in style.method_note(plain)


def test_attacks_chart_labels_gaps_and_definition_change(tables):
    panel, _ = tables
    fig = figures.attacks_chart(panel, DEFS, "2001-06", months=6)
    labels = texts(fig)
    assert labels.count("not published") == 3  # 2001-01, 2001-02, 2001-04: gaps, not zero bars
    assert any("Confirmed ISIS attacks" in t for t in labels)
    assert fig.get_suptitle().startswith("11 confirmed ISIS attacks in June 2001, up from 9 in May")
    assert any("Source: Rojava Information Center" in t for t in labels)


def test_casualties_chart_says_not_published_instead_of_zero(tables):
    panel, figs = tables
    fig = figures.casualties_chart(figs, panel, "2001-06")
    assert texts(fig).count("not published") == 4 + 2  # May has none; June lacks two of four


def test_charts_without_data_return_none():
    empty = pd.DataFrame(columns=["month", "metric", "place_id", "published", "value", "share_pct"])
    assert figures.regions_chart(empty, "2001-06") is None
    reps = pd.DataFrame(columns=["month", "country", "people", "women", "children"])
    assert figures.repatriations_chart(reps, "2001-06") is None


def test_saved_files_are_identical_run_to_run(tables, tmp_path):
    panel, _ = tables
    first = style.save(figures.raids_chart(panel, "2001-06", months=6), tmp_path / "a", "f")
    second = style.save(figures.raids_chart(panel, "2001-06", months=6), tmp_path / "b", "f")
    for fmt in ("png", "svg"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes()
    svg = first["svg"].read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Matplotlib version" not in first["png"].read_bytes()


def test_what_the_cell_shows_is_what_is_saved_after_a_change_in_the_cell(tables, tmp_path, monkeypatch):
    """A researcher changes the figure after the function returns; the saved files and the picture shown in the
    cell are that changed figure."""
    from analysis.report import cells

    panel, _ = tables
    shown = []
    monkeypatch.setattr(cells, "display", lambda obj, **options: shown.append((obj, options)))
    untouched = style.save(figures.raids_chart(panel, "2001-06", months=6), tmp_path / "a", "f")
    fig = figures.raids_chart(panel, "2001-06", months=6)
    fig.axes[0].set_ylim(0, 500)
    cells.show_figure(fig, tmp_path / "b", "f")
    saved = (tmp_path / "b" / "f.png").read_bytes()
    assert saved != untouched["png"].read_bytes()
    image, options = shown[0]
    assert image.data == saved
    alt, description = style.describe(fig)  # the finding as alt text; the long description beside it
    assert image.alt == alt and alt == "10 raids and 17 arrests in June 2001"
    assert options == {"metadata": {"description": description}}


def test_a_repatriation_total_with_a_bound_is_a_bound_and_families_only_add_no_people():
    """SYNTHETIC: '>1,700' plus 960 is 'more than 2,660'; a repatriation given only in families is said, not
    counted as 0 people."""

    reps = pd.DataFrame(
        {
            "month": ["2001-03", "2001-05", "2001-06"],
            "country": ["Examplestan"] * 2 + ["United Kingdom"],
            "people": ints(1700, 960, None),
            "people_qualifier": [">", "", ""],
            "women": ints(None, None, None),
            "women_qualifier": ["", "", ""],
            "children": ints(None, None, None),
            "children_qualifier": ["", "", ""],
            "families": ints(None, None, 40),
            "families_qualifier": ["", "", ""],
        }
    )
    fig = figures.repatriations_chart(reps, "2001-06")
    assert fig.get_suptitle().replace("\n", " ").startswith("More than 2,660 people repatriated from NES")
    assert any("more than 2,660 (2 repatriations)" in t for t in texts(fig))
    assert "1 repatriation given only in families (no number of people) not counted" in style.method_note(fig)
    assert "United Kingdom" not in " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())


@pytest.mark.parametrize(
    "count_month, expected",
    [
        ("2001-06", "Al-Hol held 100 people in June 2001"),
        ("2001-03", "Al-Hol held 100 people at the last published count, March 2001"),
        ("2000-11", "Al-Hol held 100 people at the last published count, an old one from November 2000"),
    ],
)
def test_the_camp_count_carries_its_date_and_an_old_one_is_called_old(count_month, expected):
    camps = pd.DataFrame(
        {
            "month": [count_month],
            "camp": ["al-Hol"],
            "as_of_date": [f"{count_month}-01"],
            "as_of": [count_month],
            "report": ["RIC synthetic"],
            "group": ["total"],
            "population": pd.array([100], dtype="Int64"),
            "qualifier": [""],
        }
    )
    fig = figures.camp_chart(camps, "2001-06")
    assert fig.get_suptitle().replace("\n", " ") == expected


def test_joint_or_unnamed_repatriations_are_in_the_total_not_in_a_bar():

    reps = pd.DataFrame(
        {
            "month": ["2001-05", "2001-06", "2001-06"],
            "country": ["Examplestan", "Examplestan; Otherland", ""],
            "people": ints(10, 9, 4),
            "people_qualifier": ["", "", ""],
            "women": ints(None, None, None),
            "women_qualifier": ["", "", ""],
            "children": ints(None, None, None),
            "children_qualifier": ["", "", ""],
            "families": ints(None, None, None),
            "families_qualifier": ["", "", ""],
        }
    )
    fig = figures.repatriations_chart(reps, "2001-06")
    assert fig.get_suptitle().replace("\n", " ").startswith("23 people repatriated from NES")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Examplestan"]
    assert "13 people repatriated by a country the source does not name, or by several together" in style.method_note(
        fig
    )


def test_the_rest_of_a_breakdown_is_grey_and_never_the_top_region():
    regions = pd.DataFrame(
        {
            "month": ["2001-06"] * 2,
            "metric": ["attacks"] * 2,
            "published": ["2001-07"] * 2,
            "place_id": ["P1", ""],
            "place_kind": ["governorate", "residual"],
            "region": ["Deir ez-Zor", "other cantons"],
            "region_as_written": ["Deir ez-Zor", "other cantons"],
            "value": pd.array([3, 8], dtype="Int64"),
            "qualifier": ["", ""],
            "share_pct": pd.array([None, None], dtype="Int64"),
            "share_qualifier": ["", ""],
        }
    )
    fig = figures.regions_chart(regions, "2001-06", total=11)
    assert "were in Deir ez-Zor" in fig.get_suptitle().replace("\n", " ")
    assert "Grey: what the report gives for the rest" in style.method_note(fig)


def test_every_casualty_group_is_in_view_even_when_one_bar_is_drawn():
    """Regression: with one published total, the axis shrank to that bar and 'not published' fell outside."""
    rows = [("2001-06", "attacks", "3"), ("2001-06", "deaths_total", "24")]
    figs = clean.first_and_current(synthetic_statements(rows))
    fig = figures.casualties_chart(figs, monthly_panel(figs, DEFS), "2001-06")
    ax = fig.axes[0]
    left, right = ax.get_xlim()
    assert left < -0.2 and right > 1.2  # both groups, each with this and the previous month's bar
    assert all(left <= t.get_position()[0] <= right for t in ax.texts)


@pytest.mark.parametrize(
    "country_name, people, families, title",
    [
        ("", 4, None, "4 people repatriated from NES in the 12 months to June 2001"),
        ("Examplestan", None, 12, "1 repatriation in the 12 months to June 2001, given only in families"),
    ],
)
def test_repatriations_without_a_bar_are_still_said_never_shown_as_none(country_name, people, families, title):
    """Regression: when no repatriation had both one named country and people, the page said none was published."""
    reps = pd.DataFrame(
        {
            "month": ["2001-06"],
            "country": [country_name],
            "people": ints(people),
            "people_qualifier": [""],
            "women": ints(None),
            "women_qualifier": [""],
            "children": ints(None),
            "children_qualifier": [""],
            "families": ints(families),
            "families_qualifier": [""],
        }
    )
    fig = figures.repatriations_chart(reps, "2001-06")
    assert fig is not None and fig.get_suptitle().replace("\n", " ") == title
    assert any("one named country" in t for t in texts(fig))


def test_a_month_whose_report_was_not_found_is_labelled_so_not_as_unpublished(tables):
    """SYNTHETIC: May's own report marked not found. Its gap in the raids chart says so, April's (no report
    flag) stays 'not published'; in June's casualties chart May's missing bars say so too."""
    panel, figs = tables
    panel = panel.assign(own_report=["not_found" if m == "2001-05" else "" for m in panel["month"]])

    def texts(fig):
        found = [t.get_text() for ax in fig.axes for t in ax.texts]
        plt.close(fig)
        return found

    raids = figures.raids_chart(panel, "2001-06", months=6)
    note = style.method_note(raids)
    raid_texts = texts(raids)
    assert raid_texts.count("report not found") == 2  # May's raids and arrests
    assert raid_texts.count("not published") == 8  # January to April, twice
    assert "the month's own report was never found" in note
    casualty_texts = texts(figures.casualties_chart(figs, panel, "2001-06"))
    assert casualty_texts.count("report not found") == 4  # May: none of its four figures
    assert casualty_texts.count("not published") == 2  # June: military injured and civilians killed


def one_region(value: int, qualifier: str = "") -> pd.DataFrame:
    """A SYNTHETIC breakdown of June 2001 with one region."""
    return pd.DataFrame(
        {
            "month": ["2001-06"],
            "metric": ["attacks"],
            "published": ["2001-07"],
            "place_id": ["P1"],
            "place_kind": ["governorate"],
            "region": ["Deir ez-Zor"],
            "region_as_written": ["Deir ez-Zor"],
            "value": pd.array([value], dtype="Int64"),
            "qualifier": [qualifier],
            "share_pct": pd.array([None], dtype="Int64"),
            "share_qualifier": [""],
        }
    )


@pytest.mark.parametrize(
    "value, qualifier, title",
    [
        (23, "", "All 23 of June 2001's attacks were in Deir ez-Zor"),  # was '23 of June 2001's 23 attacks'
        (12, "", "12 of June 2001's 23 attacks were in Deir ez-Zor"),
        (23, "≥", "at least 23 of June 2001's 23 attacks were in Deir ez-Zor"),  # a bound is not 'all'
    ],
)
def test_a_region_with_every_attack_of_the_month_says_all(value, qualifier, title):
    fig = figures.regions_chart(one_region(value, qualifier), "2001-06", total=23)
    assert " ".join(fig.get_suptitle().split()) == title
    plt.close(fig)


@pytest.mark.parametrize(
    "rows, title",
    [
        ([("raids", "12"), ("arrests", "≥29")], "12 raids and at least 29 arrests in June 2001"),
        ([("arrests", "≥29")], "At least 29 arrests in June 2001; the number of raids was not published"),
        ([("attacks", "3")], "Raid and arrest figures for June 2001 were not published"),
    ],
)
def test_the_raids_title_keeps_bounds_and_says_which_figure_is_missing_once(rows, title):
    figs = clean.first_and_current(synthetic_statements([("2001-06", m, v) for m, v in rows]))
    fig = figures.raids_chart(monthly_panel(figs, DEFS), "2001-06", months=6, figures=figs)
    assert " ".join(fig.get_suptitle().split()) == title
    plt.close(fig)


def test_the_casualties_title_of_a_month_without_figures_names_the_month_once():
    figs = clean.first_and_current(synthetic_statements([("2001-06", "attacks", "3"), ("2001-05", "raids", "1")]))
    fig = figures.casualties_chart(figs, monthly_panel(figs, DEFS), "2001-06")
    assert " ".join(fig.get_suptitle().split()) == "Casualty figures for June 2001 were not published"
    plt.close(fig)
