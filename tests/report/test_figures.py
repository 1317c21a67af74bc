"""Each standard figure draws from small SYNTHETIC frames, marks gaps, and saves identical bytes twice."""

import matplotlib
import pandas as pd
import pytest

from analysis.ingest import clean
from analysis.report import figures, style
from analysis.ingest.panel import monthly_panel

from ..conftest import synthetic_statements

matplotlib.use("Agg")

DEFS = pd.DataFrame({"definition": ["all", "confirmed_isis"], "first_month": ["2000-01", "2001-05"],
                     "last_month": ["2001-04", ""], "label": ["All attacks", "Confirmed ISIS attacks"]})


@pytest.fixture
def tables():
    rows = [("2001-03", "attacks", "12"), ("2001-05", "attacks", "9"), ("2001-05", "attacks_unverified", "2"),
            ("2001-06", "attacks", "11"), ("2001-06", "military_killed", "4"), ("2001-06", "civilian_injured", "7"),
            ("2001-06", "raids", "10"), ("2001-06", "arrests", "17")]
    figs = clean.first_and_current(synthetic_statements(rows))
    return monthly_panel(figs, DEFS), figs


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_attacks_chart_labels_gaps_and_definition_change(tables):
    panel, _ = tables
    fig = figures.attacks_chart(panel, DEFS, "2001-06", months=6)
    labels = texts(fig)
    assert labels.count("not published") == 3  # 2001-01, 2001-02, 2001-04: gaps, not zero bars
    assert any("Confirmed ISIS attacks" in t for t in labels)
    assert fig._suptitle.get_text().startswith("11 confirmed ISIS attacks in June 2001, up from 9 in May")
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
    monkeypatch.setattr(cells, "display", shown.append)
    untouched = style.save(figures.raids_chart(panel, "2001-06", months=6), tmp_path / "a", "f")
    fig = figures.raids_chart(panel, "2001-06", months=6)
    fig.axes[0].set_ylim(0, 500)
    cells.show_figure(fig, tmp_path / "b", "f")
    saved = (tmp_path / "b" / "f.png").read_bytes()
    assert saved != untouched["png"].read_bytes()
    assert shown[0].data == saved
