"""ACLED coverage told month by month (issue 25), on a SYNTHETIC project with two SYNTHETIC exports:

- the area table in force from February 2001 (January is before it);
- a.csv covers 2001-01-01 to 2001-03-31 whole: February's ISIS events at Basira include an exact repeat and
  an event re-issued with a newer timestamp; March has events but none with ISIS;
- b.csv covers 2001-06-01 and 2001-06-02 only, with no ISIS event;
- April and May 2001 lie in the gap between the two exports.
"""

import shutil

import pandas as pd
import pytest
from IPython.display import Markdown
from matplotlib.patches import Rectangle

from analysis import paths
from analysis.report import cells, maps, metrics, sections, style
from analysis.report.data import load_month
from analysis.run.data_build import ensure_data

from ..conftest import FIXTURES
from ..ingest.test_acled import COLUMNS, event

MONTHS = ["2001-02", "2001-04", "2001-05", "2001-06"]  # published attack counts added (2001-01, -03 are there)


def calm(eid, date):  # not ISIS, outside the area: it only shows the export's dates
    return event(eid, date, "Aleppo", "Al Bab", "", "", "", actor1="Protesters (Syria)")


def basira(eid, date, **changes):
    return dict(event(eid, date, "Deir-ez-Zor", "Deir-ez-Zor", "Basira", "35.19", "40.67"), **changes)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("acled_coverage")
    raw = root / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", raw)
    shutil.copytree(paths.GAZETTEER, raw / "gazetteer")
    area = raw / "gazetteer/area.csv"
    area.write_text(area.read_text(encoding="utf-8").replace(",2019-01,", ",2001-02,"), encoding="utf-8")
    with (raw / "monthly_figures.csv").open("a", encoding="utf-8") as f:
        for k, month in enumerate(MONTHS):
            f.write(
                f"{month},attacks,{k + 3},,Synthetic report {month},2001-08,https://example.org/synthetic/{month},"
                "SYNTHETIC\n"
            )
    (raw / "acled").mkdir()
    a = [
        basira("JAN1", "2001-01-01"),
        basira("FEB1", "2001-02-10"),
        basira("FEB1", "2001-02-10"),
        basira("FEB2", "2001-02-12", fatalities="2", timestamp="1700000900"),  # the newer issue
        basira("FEB2", "2001-02-12"),  # the older issue, listed after
        calm("MAR1", "2001-03-15"),
        calm("MAR2", "2001-03-31"),
    ]
    b = [calm("JUN1", "2001-06-01"), calm("JUN2", "2001-06-02")]
    pd.DataFrame(a)[COLUMNS].to_csv(raw / "acled/a.csv", index=False)
    pd.DataFrame(b)[COLUMNS].to_csv(raw / "acled/b.csv", index=False)
    ensure_data(raw, root / "processed", quiet=True)
    return root / "processed"


def texts(items):
    return "\n".join(item.data for item in items if isinstance(item, Markdown))


def test_each_month_is_covered_partly_covered_with_its_days_or_not_covered(project):
    data = load_month(project, "2001-06")
    coverage, area = data.optional["acled_coverage"], data.optional["area"]
    status = {m: sections.acled_month(coverage, m, area) for m in ["2001-01", "2001-02", "2001-03", *MONTHS[1:]]}
    assert status == {
        "2001-01": "not covered",
        "2001-02": "covered",
        "2001-03": "covered",
        "2001-04": "not covered",
        "2001-05": "not covered",
        "2001-06": "partly covered",
    }
    assert metrics.acled_partly(coverage) == {"2001-06": (2, 30)}


def test_repeats_and_re_issues_are_counted_and_said(project):
    data = load_month(project, "2001-02")
    text = texts(sections.acled_section(data, "2001-02").text)
    assert (
        "- a.csv: 5 events in Syria from 2001-01-01 to 2001-03-31, 3 with ISIS; event types: Battles: 5; 7 rows "
        "read: 1 exact repeat of an event dropped and 1 older issue of an event replaced by ACLED's newer issue "
        "(a later timestamp)"
    ) in text
    assert "**ISIS events in the report's area, February 2001: 2**" in text
    events = pd.read_csv(project / "acled_events.csv", dtype=str).set_index("event_id")
    assert events.loc["FEB2", "fatalities"] == "2"  # the newer issue, because it is newer


def test_only_a_covered_month_gets_a_key_figure_and_a_change_only_against_a_covered_month(project):
    def row(month):
        data = load_month(project, month)
        figures = metrics.with_acled(metrics.key_figures(data.monthly, data.figures, month), data.optional, month)
        rows = figures[figures["metric"] == "acled_isis_events"]
        return rows.iloc[0] if len(rows) else None

    february, march = row("2001-02"), row("2001-03")
    assert february["value"] == 2 and pd.isna(february["change"])  # January is before the area: no change
    assert march["value"] == 0 and march["change"] == -2  # covered, no ISIS event: a real 0
    assert row("2001-04") is None and row("2001-06") is None  # a gap and a partly covered month: no row, never 0


def test_a_partly_covered_month_is_outlined_with_its_days_and_a_gap_is_hatched(project):
    data = load_month(project, "2001-06")
    section = sections.acled_section(data, "2001-06")
    assert (
        "ACLED covers only 2 of 30 days of June 2001 (the exports run over 2001-01-01 to 2001-03-31 and "
        "2001-06-01 to 2001-06-02): 0 ISIS events in the report's area on those days. The month is partly "
        "covered: no monthly figure and no change are given."
    ) in texts(section.text)
    fig = section.figure
    alt, description = style.describe(fig)
    assert alt == "ACLED covers only 2 of 30 days of June 2001: 0 ISIS events in the report's area on those days"
    note = style.method_note(fig)
    assert (
        "Event types the exports hold: Battles." in note
        and "Outlined: a month the exports cover only "
        "partly, its events on those days (June 2001 2 of 30 days); no change is computed for it."
        in note
    )
    assert "Partly covered: June 2001 0 events in 2 of 30 days." in description
    assert "RIC reports" in fig.texts[-1].get_text() and "ACLED (acleddata.com)" in fig.texts[-1].get_text()
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    outlined = [b for b in bars if b.get_facecolor()[:3] == (1.0, 1.0, 1.0) and b.get_hatch() is None]
    assert len(outlined) == 1  # June's events of its 2 days: a bar of no fill, never a full bar
    top = fig.axes[0].get_ylim()[1]
    centres = [b.get_x() + b.get_width() / 2 for b in bars if b.get_hatch() == "////" and b.get_height() == top]
    acled_gaps = {round(c - 0.2) for c in centres if abs(c - 0.2 - round(c - 0.2)) < 1e-9}  # ACLED bars: right
    # the 24 months end in June 2001 (index 23): up to January 2001 (18) before the area, April and May the gap
    assert acled_gaps == set(range(19)) | {21, 22}


def test_a_month_in_the_gap_and_one_before_the_area_say_why_they_are_not_covered(project):
    april = texts(sections.acled_section(load_month(project, "2001-04"), "2001-04").text)
    assert (
        "ACLED does not cover April 2001: the exports run over 2001-01-01 to 2001-03-31 and 2001-06-01 to "
        "2001-06-02. No ACLED figure is given for this month (not zero)."
    ) in april
    january = texts(sections.acled_section(load_month(project, "2001-01"), "2001-01").text)
    assert (
        "ACLED does not cover January 2001: the area table (data/raw/gazetteer/area.csv) starts in February "
        "2001." in january
    )


def test_the_map_of_a_covered_month_without_isis_events_and_of_a_gap_month_do_not_crash(project):
    march = maps.month_map(load_month(project, "2001-03"), "2001-03")  # was IndexError in attacks_map
    alt, description = style.describe(march)
    assert alt == "ACLED ISIS events by district, March 2001: none recorded"
    assert "By district: none recorded." in description
    assert maps.month_map(load_month(project, "2001-04"), "2001-04") is None  # not ACLED's; no breakdown either
    assert maps.month_map(load_month(project, "2001-06"), "2001-06") is None  # partly covered: not mapped


def notebook_cells(*calls: str) -> list[str]:
    """The monthly notebook's own code cells that make these calls (the imports cell first)."""
    import nbformat

    nb = nbformat.read(paths.NOTEBOOKS / "monthly_report.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    setup = next(s for s in code if "import" in s and "sections" in s)
    return [setup] + [s for s in code if any(c in s for c in calls)]


@pytest.mark.parametrize("month", ["2001-03", "2001-04", "2001-06"])  # covered, no ISIS event; in the gap; partly
def test_the_notebook_cells_of_the_acled_section_and_the_map_run_and_save_what_they_show(project, tmp_path, month):
    """The issue's crashes, through the notebook's own cells: the cell gets the section's Figure, shows it and
    saves it as the standard figures are saved (cells.show_figure)."""
    fig_dir = tmp_path / "figures"
    fig_dir.mkdir()
    scope = {
        "data": load_month(project, month),
        "MONTH": month,
        "fig_dir": fig_dir,
        "rep_dir": tmp_path,
        "drawn": cells.DrawnFigures(fig_dir, month),
    }
    for source in notebook_cells("sections.acled_section", "maps.month_map"):
        exec(source, scope)  # noqa: S102 (the notebook's own cells)
    assert scope["acled"].figure is not None and (fig_dir / "08_acled.svg").exists()
    assert (fig_dir / "09_map.svg").exists() == (month == "2001-03")  # a gap or a part month: not ACLED's map
