"""Data rules the build checks: definitions tile the months, a NUL byte anywhere is refused, periods before 2000
are slips (with file and line), a huge number in a cell is a plain reason, a cut-short .csv.gz ACLED export is a
plain message. All rows SYNTHETIC."""

import gzip

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest import parsing
from analysis.ingest.acled import read_acled

from ..conftest import append_line, rejected_rows, replace_text
from ..conftest import build_data as build


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("def_b,2001-03", "def_b,2001-04", "2001-03 would have no counting definition"),  # a gap
        ("def_b,2001-03", "def_b,2001-02", "periods must not overlap"),
        ("def_a,2001-01,2001-02", "def_a,2001-01,", "is still in force"),
    ],
)
def test_definition_periods_must_tile(raw_dir, tmp_path, old, new, words):
    replace_text(raw_dir / "definitions.csv", old, new)
    rejected = rejected_rows(raw_dir, tmp_path)
    assert list(rejected["file"]) == ["definitions.csv"] and list(rejected["line"]) == ["3"]
    assert words in rejected["reason"].iloc[0]


def test_definitions_that_tile_are_kept_in_any_row_order(raw_dir, tmp_path):
    lines = (raw_dir / "definitions.csv").read_text(encoding="utf-8").splitlines()
    (raw_dir / "definitions.csv").write_text("\n".join([lines[0], lines[2], lines[1]]) + "\n", encoding="utf-8")
    assert len(build(raw_dir, tmp_path).rejected) == 0


def test_one_nul_byte_in_one_cell_far_into_a_file_is_refused_with_its_line(raw_dir, tmp_path):
    rows = [
        f"2001-01,raids,{i},,Synthetic report R{i},2001-02,https://example.org/synthetic/r,SYNTHETIC"
        for i in range(1500)
    ]  # past the first 64 kB
    for row in rows:
        append_line(raw_dir / "monthly_figures.csv", row)
    append_line(
        raw_dir / "monthly_figures.csv",
        "2001-01,raids,3,,Synthetic report Z,2001-02,https://example.org/synthetic/z,SYN\x00THETIC",
    )
    assert (raw_dir / "monthly_figures.csv").stat().st_size > 65536
    with pytest.raises(InputFileError, match=r"line 1509.*NUL bytes: the first at line 1509"):
        build(raw_dir, tmp_path)


@pytest.mark.parametrize("period", ["0000-01", "1899-01", "1899", "0000"])
def test_periods_before_2000_are_rejected_with_file_and_line(raw_dir, tmp_path, period):
    append_line(
        raw_dir / "monthly_figures.csv",
        f"{period},raids,3,,Synthetic report Z,2001-02,https://example.org/synthetic/z,SYNTHETIC",
    )
    rejected = rejected_rows(raw_dir, tmp_path)
    assert list(rejected["line"]) == ["9"] and list(rejected["column"]) == ["period"]
    assert "is before 2000" in rejected["reason"].iloc[0]


def test_a_date_before_2000_is_a_reason_not_a_crash():
    for text in ("0000-01-01", "0000-01", "1999-12-31"):
        with pytest.raises(ValueError, match="is before 2000"):
            parsing.parse_date(text)


@pytest.mark.parametrize("digits", ["9" * 5000, "1" * 4301, "1" * 17])
def test_a_number_of_thousands_of_digits_is_a_plain_reason(raw_dir, tmp_path, digits):
    append_line(
        raw_dir / "monthly_figures.csv",
        f"2001-03,raids,{digits},,Synthetic report Z,2001-04,https://example.org/synthetic/z,SYNTHETIC",
    )
    rejected = rejected_rows(raw_dir, tmp_path)
    reason = rejected["reason"].iloc[0]
    assert "too large to be a count" in reason and "4300" not in reason and "set_int_max_str_digits" not in reason
    assert len(reason) < 300  # the value is shortened in the message


def test_leading_zeros_do_not_make_a_count_too_large():
    assert parsing.parse_count("0" * 5000 + "7").value == 7


def test_a_cut_short_compressed_acled_export_is_a_plain_message(tmp_path):
    from .test_acled import COLUMNS, ROWS

    frame = pd.DataFrame(ROWS * 500)[COLUMNS]
    frame["event_id_cnty"] = [f"SYR{i}" for i in range(len(frame))]
    frame.to_csv(tmp_path / "whole.csv.gz", index=False)
    whole = (tmp_path / "whole.csv.gz").read_bytes()
    for cut in (40, len(whole) // 2):
        path = tmp_path / f"cut{cut}.csv.gz"
        path.write_bytes(whole[:cut])
        with pytest.raises(InputFileError, match="is cut short") as caught:
            read_acled(path)
        assert "download the export again" in str(caught.value)
    assert gzip.decompress(whole)  # the whole file is fine


def test_a_fatalities_cell_of_thousands_of_digits_is_named(tmp_path):
    from .test_acled import COLUMNS, ROWS

    rows = [dict(ROWS[0], fatalities="9" * 5000)]
    pd.DataFrame(rows)[COLUMNS].to_csv(tmp_path / "acled.csv", index=False)
    with pytest.raises(InputFileError, match="fatalities that are not a count"):
        read_acled(tmp_path / "acled.csv")


def test_log_rows_whose_coordinates_lie_outside_their_named_place_are_listed(raw_dir, tmp_path):
    """Basira named with Paris's coordinates, or with a point in al-Hasakeh: placed by the name, and said so."""
    import shutil

    from ..conftest import FIXTURES

    shutil.copytree(FIXTURES / "incidents", raw_dir / "incidents")
    log = raw_dir / "incidents" / "incident_log.csv"
    tail = "ied,sdf,0,0,0,0,confirmed,https://example.org/syn,SYNTHETIC"
    append_line(log, f"SYN-P,2023-11-04,day,Basira,48.8566,2.3522,{tail}")  # Paris
    append_line(log, f"SYN-H,2023-11-05,day,Basira,36.43,41.14,{tail}")  # al-Hol, in al-Hasakeh
    append_line(log, f"SYN-B,2023-11-06,day,Basira,35.1971,40.6736,{tail}")  # Basira itself: no note
    lines = len(log.read_text(encoding="utf-8").splitlines())
    result = build(raw_dir, tmp_path)
    summary = result.summary()
    assert "2 log row(s) name a place their coordinates lie outside" in summary
    assert f"incident_log.csv line {lines - 2}, location 'Basira': placed by its name (Basira)" in summary
    assert "(48.8566, 2.3522) lie outside every district of the gazetteer" in summary
    assert f"incident_log.csv line {lines - 1}" in summary and "Al-Hasakeh district" in summary.replace("al-", "Al-")
    assert f"line {lines}," not in summary
    cleaned = pd.read_csv(tmp_path / "processed" / "incidents.csv", dtype=str, keep_default_na=False)
    rows = cleaned.set_index("incident_id")
    assert rows.loc["SYN-P", "place_resolved_by"] == "names" and rows.loc["SYN-P", "adm3_pcode"] == "SY090102"
    assert rows.loc["SYN-P", "coordinates_disagree"].startswith("placed by its name")
    assert rows.loc["SYN-B", "coordinates_disagree"] == ""
