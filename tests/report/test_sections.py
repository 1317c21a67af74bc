"""The ACLED section says what it counts and covers (SYNTHETIC exports built into a SYNTHETIC project)."""

import shutil
from types import SimpleNamespace

import pandas as pd
import pytest
from IPython.display import Markdown

from analysis import paths
from analysis.report import metrics, sections, style
from analysis.report.data import load_month
from analysis.run.data_build import ensure_data

from ..conftest import FIXTURES
from ..ingest.test_acled import COLUMNS, event


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    """March 2001 with an export that covers January and February 2001 whole (its first and last events on
    their first and last days), holds only Battles, places 300 events nowhere (distinct names, no
    coordinates) and sits beside a file that is not an export."""
    root = tmp_path_factory.mktemp("acled")
    raw = root / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", raw)
    shutil.copytree(paths.GAZETTEER, raw / "gazetteer")
    area = raw / "gazetteer/area.csv"  # the area as if in force since 2000, for the SYNTHETIC months of 2001
    area.write_text(area.read_text(encoding="utf-8").replace(",2019-01,", ",2000-01,"), encoding="utf-8")
    (raw / "acled").mkdir()
    rows = [event(f"SYN{i}", "2001-02-10", "Al-Hasakeh", f"Nowhere {i}", "", "", "") for i in range(300)]
    rows += [
        event("IN1", "2001-01-05", "", "", "", "35.19", "40.67"),  # Basira: in the area
        event("SPLIT1", "2001-01-06", "", "", "", "35.01", "40.45"),  # Al Mayadin: counted apart
        event("FIRST", "2001-01-01", "Aleppo", "Al Bab", "", "", "", actor1="Protesters (Syria)"),
        event("LAST", "2001-02-28", "Aleppo", "Al Bab", "", "", "", actor1="Protesters (Syria)"),
    ]
    pd.DataFrame(rows)[COLUMNS].to_csv(raw / "acled/export.csv", index=False)
    (raw / "acled/readme.docx").write_bytes(b"SYNTHETIC")
    ensure_data(raw, root / "processed", quiet=True)
    (root / "figures").mkdir()
    return load_month(root / "processed", "2001-03"), root / "figures"


def texts(items):
    return "\n".join(item.data for item in items if isinstance(item, Markdown))


def test_a_month_after_the_export_is_not_covered_never_zero(march):
    data, _ = march
    section = sections.acled_section(data, "2001-03")
    assert (
        "ACLED does not cover March 2001: the exports run over 2001-01-01 to 2001-02-28. No ACLED figure "
        "is given for this month (not zero)." in texts(section.text)
    )
    assert "ISIS events in the report's area, March 2001" not in texts(section.text)
    assert style.describe(section.figure)[0] == "ACLED does not cover March 2001"


def test_coverage_types_and_files_that_are_not_exports_are_stated(march):
    data, _ = march
    text = texts(sections.acled_section(data, "2001-03").text)
    assert (
        "- export.csv: 304 events in Syria from 2001-01-01 to 2001-02-28, 302 with ISIS; event types: Battles: 304"
        in text
    )
    assert "- readme.docx: skipped: not an ACLED export (.csv, .csv.gz or .xlsx)" in text
    assert (
        "The exports hold no Explosions/Remote violence or Violence against civilians events, where most ISIS "
        "attacks are coded: the comparison with the published counts is partial." in text
    )
    assert "The section counts ISIS events in the report's area: the AANES regions Jazira" in text


def test_many_unresolved_places_are_an_integer_split_by_where_they_may_be(march):
    data, _ = march
    text = texts(sections.acled_section(data, "2001-03").notes)
    assert (
        "300 ACLED events could not be placed in a district and are not guessed: 300 in governorates that "
        "hold part of the area (listed in data/processed/acled_unresolved.csv, to fix), 0 outside it." in text
    )


def test_a_covered_month_counts_the_area_and_sets_split_places_apart(march, tmp_path):
    data, _ = march
    january = load_month(data_folder(march), "2001-01")
    section = sections.acled_section(january, "2001-01")
    text = texts(section.text)
    assert "**ISIS events in the report's area, January 2001: 1**" in text
    assert (
        "Counted apart: 1 in sub-districts a control line splits, 0 in the area's districts with no "
        "sub-district known, 0 outside the area." in text
    )
    assert style.describe(section.figure)[0] == "ACLED records 1 ISIS event in the report's area in January 2001"
    key_figures = metrics.with_acled(
        metrics.key_figures(january.monthly, january.figures, "2001-01"), january.optional, "2001-01"
    ).set_index("metric")
    assert key_figures.loc["acled_isis_events", "value"] == 1
    assert key_figures.loc["acled_isis_events", "label"].endswith("(event types in the export: Battles)")
    march_figures = metrics.with_acled(
        metrics.key_figures(data.monthly, data.figures, "2001-03"), data.optional, "2001-03"
    )
    assert "acled_isis_events" not in set(march_figures["metric"])  # not covered: no row, not a 0


def data_folder(march):
    return march[1].parent / "processed"


def test_a_log_says_which_dates_it_covers_and_a_month_outside_them_is_not_covered():
    dates = {"incidents_dates": pd.DataFrame({"first_date": ["2001-01-03"], "last_date": ["2001-02-27"]})}
    assert (
        sections.log_coverage_text(dates, "2001-02")
        == "- The incident log runs from 2001-01-03 to 2001-02-27: it covers February 2001."
    )
    assert sections.log_coverage_text(dates, "2001-03") == (
        "- The incident log runs from 2001-01-03 to 2001-02-27: "
        "it does not cover March 2001 (no figure from it, not zero)."
    )


def test_events_placed_by_their_names_at_a_border_are_said_apart_from_those_the_coordinates_placed():
    listed = pd.DataFrame({"decided_by": ["coordinates", "names (within 0.001° of the border)"], "events": [3, 2]})
    notes = texts(sections.acled_placing_notes(SimpleNamespace(optional={"acled_disagreements": listed})))
    assert notes == (
        "_5 events have names and coordinates in different districts; the coordinates were used for 3; "
        "for 2, within 0.001° (about 100 m, the tolerance of our simplified district outlines) of the "
        "border of the district the names give, the names were (listed in "
        "data/processed/acled_disagreements.csv)._"
    )


def test_the_incident_section_hands_its_reconciliation_chart_to_the_cell(march, tmp_path):
    """Built like the standard figures: the section returns the Figure, the notebook cell saves and shows it."""
    data, _ = march
    assert (
        sections.incident_section(data, "2001-03", tmp_path).absent
        == "No incident or raid log in data/raw/incidents/: this section was skipped."
    )
    recon = pd.DataFrame(
        {
            "month": ["2001-03"] * 2,
            "metric": ["attacks", "raids"],
            "from_log": [4, 2],
            "published": [8, 2],
            "difference": [-4, 0],
            "status": ["differs", "match"],
        }
    )
    logs = SimpleNamespace(
        optional={**data.optional, "incidents": pd.DataFrame(columns=["month"]), "reconciliation": recon}
    )  # a Processed stand-in: the section reads .optional
    section = sections.incident_section(logs, "2001-03", tmp_path)
    assert (
        style.describe(section.figure)[0]
        == "March 2001: the team's log and the published figures differ on 1 of 2 metrics"
    )
    assert (tmp_path / "reconciliation.csv").exists() and not list(tmp_path.glob("*.png"))  # the cell saves it
