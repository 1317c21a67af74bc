"""The bad-input catalogue: each broken rule ends as a clear file error or a rejected row with its reason."""

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest.places import load_gazetteer
from analysis.ingest.raw_tables import MONTHLY_FIGURES
from analysis.ingest.readers import read_table
from analysis.ingest.schemas import Context, validate

from ..conftest import TODAY, append_line, rejected_rows, replace_text
from ..conftest import build_data as build


def test_the_synthetic_fixture_builds_clean(raw_dir, tmp_path):
    result = build(raw_dir, tmp_path)
    assert len(result.rejected) == 0
    assert result.read == result.kept


# --- whole-file (schema) errors ------------------------------------------------------------------


def test_missing_column_stops_the_build_naming_file_and_column(raw_dir, tmp_path):
    path = raw_dir / "monthly_figures.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="value").to_csv(path, index=False)
    with pytest.raises(InputFileError) as info:
        build(raw_dir, tmp_path)
    message = str(info.value)
    assert "monthly_figures.csv" in message and "'value'" in message and "period, metric, value" in message


def test_unknown_column_is_refused(raw_dir, tmp_path):
    replace_text(raw_dir / "repatriations.csv", "families,report", "famillies,report")
    with pytest.raises(InputFileError, match="unknown column 'famillies' \\(where 'families' was expected"):
        build(raw_dir, tmp_path)


def test_wrong_type_in_a_whole_column_is_a_schema_error(raw_dir, tmp_path):
    path = raw_dir / "monthly_figures.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["value"] = "many"
    frame.to_csv(path, index=False)
    with pytest.raises(InputFileError, match="no valid value in column 'value'"):
        build(raw_dir, tmp_path)


def test_latin1_raw_file_is_an_encoding_error(raw_dir, tmp_path):
    path = raw_dir / "repatriations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Examplestan", "Exampléstan").encode("latin-1"))
    with pytest.raises(InputFileError, match="repatriations.csv.*not UTF-8"):
        build(raw_dir, tmp_path)


# --- row-level rejections ------------------------------------------------------------------------

BAD_ROWS = [
    ("monthly_figures.csv", "2001-02,attacks,4,,Bad A,2001-13,https://example.org/x,", "published", "not a date"),
    ("monthly_figures.csv", "2001-2,attacks,4,,Bad B,2001-03,https://example.org/x,", "period", "not a period"),
    ("monthly_figures.csv", "2099-01,attacks,4,,Bad C,2099-02,https://example.org/x,", "period", "in the future"),
    ("monthly_figures.csv", "2001-02,attacks,-4,,Bad D,2001-03,https://example.org/x,", "value", "negative"),
    ("monthly_figures.csv", "2001-02,attackz,4,,Bad E,2001-03,https://example.org/x,", "metric", "not one of"),
    ("monthly_figures.csv", "2001-05,attacks,4,,Bad F,2001-03,https://example.org/x,", "published", "before the start"),
    ("monthly_figures.csv", "2001-02,attacks,4,,Bad G,2001-03,example.org/x,", "source_url", "not a web address"),
    (
        "monthly_figures.csv",
        "2001-01,attacks,5,,Synthetic report A,2001-02,https://example.org/synthetic/a,",
        "report",
        "repeats the statement on line 2",
    ),
    (
        "monthly_figures.csv",
        "2001-01,attacks,9,,Synthetic report Z,2001-02,https://example.org/z,",
        "value",
        "contradicts line 2 published the same day",
    ),
    (
        "attacks_by_region.csv",
        "2001-01,Atlantis,attacks,1,,Bad H,2001-02,https://example.org/x,",
        "region",
        "not in the gazetteer",
    ),
    ("attacks_by_region.csv", "2001-01,Raqqa,attacks,,,Bad I,2001-02,https://example.org/x,", "value", "both empty"),
    (
        "repatriations.csv",
        "2001-01,Otherland,Roj,camp,2,3,4,,Bad J,2001-02,https://example.org/x,",
        "people",
        "smaller than women plus children",
    ),
    (
        "repatriations.csv",
        "2001-02,Unknown,,not_stated,2,,,,Bad O,2001-03,https://example.org/x,",
        "country",
        "is not a country: leave it empty",
    ),
    (
        "us_position_attacks.csv",
        "2001-02-01,2001-01-01,Syria,3,Bad K,2001-03,https://example.org/x,",
        "period_end",
        "before period_start",
    ),
    ("definitions.csv", "def_c,2001-05,2001-04,C,bad,https://example.org/x", "last_month", "before first_month"),
    (
        "developments.csv",
        "2001-03,2001-03-09,camps,A SYNTHETIC line,,3,yes,,Bad L,2001-04,https://example.org/x,",
        "chart_label",
        "is empty but on_charts is yes",
    ),
    (
        "developments.csv",
        "2001-03,2001-03,weather,A SYNTHETIC line,,3,no,,Bad M,2001-04,https://example.org/x,",
        "category",
        "not one of",
    ),
    (
        "developments.csv",
        "2001-03,2001-03,camps,A SYNTHETIC line,,1,no,,Bad N,2001-04,https://example.org/x,",
        "key_point_order",
        "repeats the statement on line 3",
    ),
]


@pytest.mark.parametrize("file, line, column, reason", BAD_ROWS)
def test_bad_row_is_rejected_with_file_line_column_value_and_reason(raw_dir, tmp_path, file, line, column, reason):
    path = raw_dir / file
    append_line(path, line)
    bad_line = len(path.read_text(encoding="utf-8").splitlines())
    rejected = rejected_rows(raw_dir, tmp_path)
    assert len(rejected) == 1, rejected.to_string()
    row = rejected.iloc[0]
    assert row["file"] == file
    assert int(row["line"]) == bad_line
    assert row["column"] == column
    assert reason in row["reason"]


def test_camp_groups_larger_than_the_whole_are_rejected(raw_dir, tmp_path):
    replace_text(raw_dir / "camp_population.csv", "iraqi,50", "iraqi,90")
    rejected = rejected_rows(raw_dir, tmp_path)
    assert len(rejected) == 4  # the whole snapshot: no half-consistent snapshot enters the data
    assert rejected["reason"].str.contains("larger than its total").all()


def test_camp_groups_that_do_not_add_up_are_rejected(raw_dir, tmp_path):
    replace_text(raw_dir / "camp_population.csv", "iraqi,50", "iraqi,40")
    rejected = rejected_rows(raw_dir, tmp_path)
    assert rejected["reason"].str.contains("do not add up").all()


def test_rejections_can_be_allowed_and_nothing_is_lost(raw_dir, tmp_path):
    append_line(raw_dir / "monthly_figures.csv", "2001-02,attacks,-1,,Bad,2001-03,https://example.org/x,")
    result = build(raw_dir, tmp_path, allow_rejections=True)
    for name in result.read:
        rejected_here = (result.rejected["file"] == f"{name}.csv").sum()
        assert result.read[name] == result.kept[name] + rejected_here
    assert len(result.rejected) == 1
    monthly = pd.read_csv(tmp_path / "processed" / "monthly.csv", dtype=str, keep_default_na=False)
    assert monthly.loc[monthly["month"] == "2001-02", "attacks"].item() == ""


def test_validate_keeps_every_row_it_does_not_reject(raw_dir):
    frame = read_table(raw_dir / "monthly_figures.csv")
    kept, rejected = validate(
        frame,
        MONTHLY_FIGURES,
        raw_dir / "monthly_figures.csv",
        Context(today=TODAY, gazetteer=load_gazetteer(raw_dir / "gazetteer")),
    )
    assert len(kept) == len(frame) and rejected.empty
    assert frame.equals(read_table(raw_dir / "monthly_figures.csv"))  # input not mutated


# --- tables that used to end in a traceback (all SYNTHETIC) -----------------------------------------------------


def keep_header_only(path):
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def test_monthly_figures_with_a_header_and_no_rows_is_a_plain_message(raw_dir, tmp_path):
    keep_header_only(raw_dir / "monthly_figures.csv")
    with pytest.raises(InputFileError, match="has a header and no rows"):
        build(raw_dir, tmp_path)


def test_a_breakdown_table_with_no_rows_simply_has_no_breakdowns(raw_dir, tmp_path):
    keep_header_only(raw_dir / "attacks_by_region.csv")
    result = build(raw_dir, tmp_path)
    assert result.read["attacks_by_region"] == result.kept["attacks_by_region"] == 0
    assert pd.read_csv(tmp_path / "processed/regions.csv").empty


def test_every_region_row_rejected_and_allowed_still_builds(raw_dir, tmp_path):
    path = raw_dir / "attacks_by_region.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    unknown = [",".join([cells[0], "Atlantis", *cells[2:]]) for cells in (line.split(",") for line in lines[1:])]
    path.write_text("\n".join([lines[0], *unknown]) + "\n", encoding="utf-8")  # no such region: every row rejected
    result = build(raw_dir, tmp_path, allow_rejections=True)
    assert result.kept["attacks_by_region"] == 0 and result.read["attacks_by_region"] == len(lines) - 1


def test_a_column_named_twice_is_named_in_the_message(raw_dir, tmp_path):
    path = raw_dir / "monthly_figures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",note\n", ",report\n", 1), encoding="utf-8")
    with pytest.raises(InputFileError, match=r"names the column 'report' more than once \(columns 5, 8"):
        build(raw_dir, tmp_path)


def test_an_empty_acled_export_is_named(raw_dir, tmp_path):
    (raw_dir / "acled").mkdir()
    (raw_dir / "acled" / "export.csv").write_text("")
    with pytest.raises(InputFileError, match=r"export.csv: is empty"):
        build(raw_dir, tmp_path)


@pytest.mark.parametrize(
    "row, reason",
    [
        (
            "٢٠٢٣-11,attacks,5,,Synthetic report Z,2001-12,https://example.org/synthetic/z,SYNTHETIC",
            "digits other than 0-9",
        ),
        (
            "2001-11,attacks,١١,,Synthetic report Z,2001-12,https://example.org/synthetic/z,SYNTHETIC",
            "digits other than 0-9",
        ),
        (
            "2001-11,attacks,12345678901234567890,,Synthetic report Z,2001-12,https://example.org/synthetic/z,SYNTHETIC",
            "too large to be a count",
        ),
    ],
)
def test_numbers_that_cannot_be_taken_at_face_value_are_rejected_rows(raw_dir, tmp_path, row, reason):
    append_line(raw_dir / "monthly_figures.csv", row)
    rows = rejected_rows(raw_dir, tmp_path)
    assert len(rows) == 1 and reason in rows.loc[0, "reason"]


def test_a_line_break_is_kept_in_a_note_and_rejected_elsewhere(raw_dir, tmp_path):
    """A quoted line break is the researcher's choice in a note; in any other column it is a slip."""
    append_line(
        raw_dir / "monthly_figures.csv",
        '2001-02,attacks,4,,"Synthetic\nreport L",2001-03,https://example.org/x,"first line\nsecond line"',
    )
    rejected = rejected_rows(raw_dir, tmp_path)
    assert rejected[["column", "value"]].values.tolist() == [["report", "Synthetic\nreport L"]]
    assert "holds a line break, which only a note may" in rejected.iloc[0]["reason"]
    append_line(
        raw_dir / "monthly_figures.csv",
        '2001-03,attacks,4,,Synthetic report M,2001-04,https://example.org/x,"first line\nsecond line"',
    )
    kept = build(raw_dir, tmp_path, allow_rejections=True)
    assert kept is not None


def test_two_numbers_in_one_report_are_both_kept_and_the_headline_one_counts(raw_dir, tmp_path):
    """SYNTHETIC: a report giving 31 arrests in its key points and 30 in its body text; and a bound stated only
    in the body text (≥1 with stated_in = body_text)."""
    for line in (
        "2001-06,attacks,6,,Synthetic report J,2001-07,https://example.org/j,",
        "2001-06,arrests,31,key_points,Synthetic report J,2001-07,https://example.org/j,",
        "2001-06,arrests,30,body_text,Synthetic report J,2001-07,https://example.org/j,",
        "2001-06,civilian_killed,≥1,body_text,Synthetic report J,2001-07,https://example.org/j,",
    ):
        append_line(raw_dir / "monthly_figures.csv", line)
    result = build(raw_dir, tmp_path)
    assert len(result.rejected) == 0
    figures = pd.read_csv(tmp_path / "processed/figures.csv", dtype=str, keep_default_na=False)
    arrests = figures[(figures["period"] == "2001-06") & (figures["metric"] == "arrests")].iloc[0]
    assert arrests["value"] == "31" and arrests["revised"] == "False"
    assert arrests["disagreement"] == "Synthetic report J also gives 30 in its body text"
    killed = figures[(figures["period"] == "2001-06") & (figures["metric"] == "civilian_killed")].iloc[0]
    assert (killed["value"], killed["qualifier"], killed["stated_in"]) == ("1", "≥", "body_text")
    from analysis.report.data import load_processed
    from analysis.report.metrics import key_figures
    from analysis.report.tables import key_figures_markdown

    data = load_processed(tmp_path / "processed")
    md = key_figures_markdown(key_figures(data.monthly, data.figures, "2001-06"), "2001-06")
    assert "| 31 (Synthetic report J also gives 30 in its body text) |" in md
    assert "| at least 1 (body text) |" in md


def test_a_residual_region_is_kept_as_written_and_a_joint_or_unnamed_repatriation_is_accepted(raw_dir, tmp_path):
    """SYNTHETIC: 'other cantons' beside a named region; a repatriation by two countries together and one whose
    country the source does not name."""
    append_line(
        raw_dir / "attacks_by_region.csv",
        "2001-01,other cantons,attacks,2,,Synthetic report A,2001-02,https://example.org/synthetic/a,",
    )
    append_line(
        raw_dir / "repatriations.csv",
        "2001-03,Examplestan; Otherland,,nes_camps,9,,,,Synthetic report C,2001-04,https://example.org/synthetic/c,",
    )
    append_line(
        raw_dir / "repatriations.csv",
        "2001-03,,,not_stated,4,,,,Synthetic report C,2001-04,https://example.org/synthetic/c,",
    )
    result = build(raw_dir, tmp_path)
    assert len(result.rejected) == 0, result.rejected.to_string()
    regions = pd.read_csv(tmp_path / "processed/regions.csv", dtype=str, keep_default_na=False)
    other = regions[regions["region_as_written"] == "other cantons"].iloc[0]
    assert (other["place_id"], other["place_kind"], other["region"]) == ("", "residual", "other cantons")
