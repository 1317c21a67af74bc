"""A real papermill run of a month the team is writing (SYNTHETIC logs made from data/templates, in a scratch
folder): the draft, key points, key figures, sources and charts all say the figures are provisional."""

import contextlib
import io

import pandas as pd
import pytest

pytestmark = pytest.mark.slow
MONTH = "2025-03"


def run_cli(*args: str) -> tuple[int, str]:
    from analysis.run import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    return status, out.getvalue() + err.getvalue()


@pytest.fixture
def written(provisional_raw, tmp_path):
    """`monthly 2025-03` for a scratch raw folder whose logs alone cover March 2025."""
    where = ["--raw", str(provisional_raw), "--processed", str(tmp_path / "processed")]
    status, text = run_cli(
        "monthly",
        MONTH,
        "--quiet",
        *where,
        "--figures",
        str(tmp_path / "figures"),
        "--reports",
        str(tmp_path / "reports"),
    )
    assert status == 0, text
    return tmp_path, where


def test_a_provisional_month_says_so_in_every_output(written):
    root, _ = written
    reports = root / "reports" / MONTH
    points = (reports / "key_points.md").read_text()
    assert (
        "- These figures for March 2025 are the team's provisional count from its own records, not yet "
        "published" in points
    )
    assert "- 3 sleeper cell attacks across NES in March, down from 5 in February" in points  # Feb: published
    figures = (reports / "key_figures.md").read_text()
    assert "**PROVISIONAL: the March 2025 column is the team's own count, not yet published**" in figures
    assert "| Attacks (headline count) | 3 † provisional | 5 |" in figures
    assert pd.read_csv(reports / "key_figures.csv").set_index("metric").loc["attacks", "provisional"] == "yes"
    draft = (reports / "draft.md").read_text()
    top = draft.split("## Key Points")[0]
    assert (
        "PROVISIONAL: the figures for March 2025 are the team's own count from its incident log and raid log, "
        "not yet published; the month is not closed yet." in top
    )
    sources = (reports / "sources.md").read_text()
    assert "- data/raw/incidents/incident_log.csv (sha256 " in sources
    assert "The team's provisional count (not yet published)" in sources
    page = (reports / "monthly_report.html").read_text()
    assert "PROVISIONAL" in page.split("Key points")[0]
    for stem in ("01_attacks", "02_casualties", "03_raids_arrests", "04_regions", "09_map"):  # in each title
        assert "PROVISIONAL" in (root / "figures" / MONTH / f"{stem}.svg").read_text(), stem
    assert "Cross-hatched: the team" in (root / "figures" / MONTH / "03_raids_arrests.svg").read_text()
    regions = (root / "figures" / MONTH / "04_regions.svg").read_text()
    assert "By region: Deir ez-Zor 2; Raqqa 1." in regions  # the confirmed incidents in the area, by region


def test_check_draft_reads_the_provisional_figures(written, tmp_path):
    _, where = written
    draft = tmp_path / "edited.txt"
    draft.write_text("In March 2025 there were 3 attacks, and 7 raids.\n", encoding="utf-8")
    status, text = run_cli("check-draft", MONTH, str(draft), *where)
    assert status == 1 and "MISMATCH" in text and "7" in text


def test_a_month_neither_published_nor_counted_is_refused_with_both_lists(written):
    _, where = written
    status, text = run_cli("monthly", "2025-07", *where)
    assert status == 2
    assert "months with a provisional count from the team's records: 2025-03 to 2025-05" in text
