"""A breakdown by region that was published but rejected is said to be so, never "not published" (SYNTHETIC)."""

import shutil

from analysis import paths
from analysis.report import cells
from analysis.report.data import load_month
from analysis.report.tables import sources_markdown
from analysis.run.data_build import ensure_data

from ..conftest import FIXTURES, append_line


def test_a_published_and_rejected_region_breakdown_is_said_so_in_the_draft(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", raw)
    shutil.copytree(paths.GAZETTEER, raw / "gazetteer")
    append_line(
        raw / "attacks_by_region.csv",
        "2001-03,Atlantis,attacks,3,,Synthetic report C,2001-04,https://example.org/synthetic/c,SYNTHETIC",
    )
    ensure_data(raw, tmp_path / "processed", allow_rejections=True, quiet=True)
    march = load_month(tmp_path / "processed", "2001-03")
    fig_dir, rep_dir = tmp_path / "figures", tmp_path / "reports"
    fig_dir.mkdir()
    rep_dir.mkdir()
    cells.write_draft(march, ["A SYNTHETIC key point"], cells.DrawnFigures(fig_dir, "2001-03"), rep_dir, "2001-03")
    text = (rep_dir / "draft.md").read_text(encoding="utf-8")
    assert "A breakdown of attacks by region was published for March 2001, but its rows were rejected" in text
    assert "attacks_by_region.csv line 4" in text
    assert "No breakdown of attacks by region was published" not in text
    sources = sources_markdown(march, "2001-03")
    assert "a breakdown by region was published for this month, but its rows were rejected" in sources
    january = load_month(tmp_path / "processed", "2001-01")  # kept rows: no rejection sentence
    assert january.optional["rejected"].empty
