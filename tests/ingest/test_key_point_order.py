"""key_point_order.csv: the report's own order of a month's key points, read and checked like every raw table,
and the month's key points written in that order. Every row here is SYNTHETIC (months in 2001, example.org)."""

import pandas as pd
import pytest

from analysis.report import keypoints
from analysis.report.data import load_month

from ..conftest import build_data as build
from ..conftest import rejected_rows

HEADER = "month,position,kind,report,source_url,note"
SOURCE = "Synthetic report C,https://example.org/synthetic/c"


def write_order(raw, *lines: str) -> None:
    (raw / "key_point_order.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")


def march_points(processed) -> list[str]:
    d = load_month(processed, "2001-03")
    return keypoints.key_points(
        d.figures,
        d.monthly,
        d.camp_population,
        d.repatriations,
        d.us_position_attacks,
        "2001-03",
        d.developments,
        d.key_point_order,
    )


def test_the_key_points_follow_the_reports_order(raw_dir, tmp_path):
    """SYNTHETIC March: the report opens with its second development, then the attacks, then its first
    development; the points it does not list keep their place after the ones before them."""
    build(raw_dir, tmp_path / "a")
    default = march_points(tmp_path / "a" / "processed")
    write_order(
        raw_dir,
        f"2001-03,1,development:2,{SOURCE},",
        f"2001-03,2,attacks,{SOURCE},",
        f"2001-03,3,development:1,{SOURCE},SYNTHETIC: from the opening paragraphs",
    )
    result = build(raw_dir, tmp_path / "b")
    assert len(result.rejected) == 0 and result.kept["key_point_order"] == 3
    ordered = march_points(tmp_path / "b" / "processed")
    assert sorted(ordered) == sorted(default)  # the same points, only their order differs
    statement, camp = "A SYNTHETIC statement that the tests read", "A SYNTHETIC camp development marked on the charts"
    assert default.index(camp) < default.index(statement) and default[0].startswith("8 ")  # numbers first
    assert ordered[0] == statement and ordered[1].startswith("8 ") and ordered.index(camp) > 1
    assert ordered[2 : ordered.index(camp)] == default[1 : default.index(camp)]  # the unlisted numbers follow attacks


def test_without_the_table_every_month_keeps_the_default_order(raw_dir, tmp_path):
    assert not (raw_dir / "key_point_order.csv").exists()
    result = build(raw_dir, tmp_path)
    assert result.read["key_point_order"] == 0
    assert pd.read_csv(tmp_path / "processed" / "key_point_order.csv").empty


@pytest.mark.parametrize(
    "lines, column, reason",
    [
        ([f"2001-03,1,attack,{SOURCE},"], "kind", "is not a key point"),
        ([f"2001-03,1,development:0,{SOURCE},"], "kind", "is not a key point"),
        ([f"2001-03,1,attacks,{SOURCE},", f"2001-03,2,attacks,{SOURCE},"], "kind", "is listed twice for 2001-03"),
        ([f"2001-03,1,attacks,{SOURCE},", f"2001-03,1,raids,{SOURCE},"], "position", "repeats the statement on"),
        ([f"2001-03,first,attacks,{SOURCE},"], "position", ""),
    ],
)
def test_a_bad_order_row_is_rejected_with_its_reason(raw_dir, tmp_path, lines, column, reason):
    write_order(raw_dir, *lines)
    rejected = rejected_rows(raw_dir, tmp_path)
    assert len(rejected) == 1, rejected.to_string()
    assert rejected.file.item().endswith("key_point_order.csv")
    assert rejected.column.item() == column and reason in rejected.reason.item(), rejected.reason.item()
