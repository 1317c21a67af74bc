"""The one list of standard figures: every consumer (the notebook's cells, the draft, the page, the sentence
said when a figure is not drawn) reads it, so they cannot disagree."""

import json

from analysis import paths
from analysis.report import figure_registry
from analysis.report.figure_registry import standard_figures


def test_every_standard_figure_is_registered_once_in_the_reports_order_with_a_section_and_a_caption():
    stems = [f.stem for f in standard_figures()]
    assert stems == sorted(stems) and len(set(stems)) == len(stems)
    assert {
        "01_attacks",
        "02_casualties",
        "03_raids_arrests",
        "04_regions",
        "05_al_hol",
        "06_repatriations",
        "09_map",
    } <= set(stems)
    assert all(f.caption and f.section in figure_registry.SECTIONS and callable(f.draw) for f in standard_figures())


def test_the_monthly_notebook_shows_every_registered_figure_and_nothing_else_under_a_standard_stem():
    notebook = json.loads((paths.ROOT / "notebooks" / "monthly_report.ipynb").read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    for figure in standard_figures():
        assert f'drawn.show_figure(fig, "{figure.stem}")' in source, figure.stem


def test_a_figure_not_drawn_says_its_registered_sentence_with_the_month():
    assert (
        figure_registry.absent("05_al_hol", "2023-11")
        == "No al-Hol population count was published up to November 2023."
    )
    assert figure_registry.absent("01_attacks", "2023-11") == "Attacks per month was not drawn for November 2023."
    assert figure_registry.standard("07_incidents") is None  # an optional section's figure is not standard


def test_a_cell_ending_with_show_figure_shows_the_figure_and_nothing_else(tmp_path):
    """Its return value would be shown after the picture (with this machine's paths in it)."""
    from analysis.report import cells, style

    fig, _ = style.new_figure()
    style.finish(fig, "SYNTHETIC")
    assert cells.show_figure(fig, tmp_path, "f") is None
    drawn = cells.DrawnFigures(tmp_path, "2001-03")
    assert drawn.show_figure(None, "05_al_hol") is None and drawn.figures["05_al_hol"].png is None
