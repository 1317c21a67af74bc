"""ACLED exports as people have them (issue 25): duplicates and re-issues, Excel date cells, ACLED's older
layout. Every export here is SYNTHETIC, made in the test."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest.acled import combine, read_acled

from .test_acled import COLUMNS, ROWS, event, write


def combined(*exports: tuple[Path, list[dict]]):
    return combine([(path, read_acled(write(path.parent, rows, path.name)), "read") for path, rows in exports])


def test_an_exact_repeat_is_dropped_and_a_re_issue_replaces_the_older_because_it_is_newer(tmp_path):
    older = event("RE1", "2023-05-10", "Deir-ez-Zor", "Deir-ez-Zor", "Basira", "35.19", "40.67", fatalities="1")
    newer = dict(older, fatalities="3", timestamp="1700000500")  # ACLED's later issue of the same event
    rows = [newer, ROWS[0], ROWS[0], older, ROWS[1]]  # the newer issue first: order does not decide
    events, coverage = combined((tmp_path / "export.csv", rows))
    assert sorted(events["event_id"]) == ["RE1", "SYR1", "SYR2"]
    assert events.set_index("event_id").loc["RE1", "fatalities"] == 3
    row = coverage.iloc[0]
    assert (row["rows"], row["events"], row["repeats_dropped"], row["reissues_replaced"]) == (5, 3, 1, 1)
    assert row["rows"] == row["events"] + row["repeats_dropped"] + row["reissues_replaced"]


def test_the_same_event_in_two_overlapping_exports_counts_once_against_the_later_file(tmp_path):
    events, coverage = combined((tmp_path / "a.csv", ROWS[:2]), (tmp_path / "b.csv", ROWS[1:3]))
    assert events["event_id"].tolist().count("SYR2") == 1
    assert coverage[["file", "rows", "events", "repeats_dropped"]].values.tolist() == [
        ["a.csv", 2, 2, 0],
        ["b.csv", 2, 1, 1],
    ]


def test_a_newer_issue_in_a_later_export_replaces_the_row_of_the_earlier(tmp_path):
    newer = dict(ROWS[0], admin3="Sur", timestamp="1800000000")
    events, coverage = combined((tmp_path / "a.csv", ROWS[:2]), (tmp_path / "b.csv", [newer]))
    assert events.set_index("event_id").loc["SYR1", "admin3"] == "Sur"
    assert coverage["reissues_replaced"].tolist() == [1, 0]


def test_two_differing_rows_whose_timestamps_cannot_tell_are_refused_by_name(tmp_path):
    twin = dict(ROWS[0], fatalities="9")  # same timestamp as ROWS[0]
    with pytest.raises(InputFileError, match=r"event 'SYR1' in 2 rows that differ.*'1700000000', '1700000000'"):
        combined((tmp_path / "export.csv", [ROWS[0], twin]))


def test_an_xlsx_with_real_excel_date_cells_reads_as_the_csv(tmp_path):
    csv_events = read_acled(write(tmp_path, ROWS))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row, date in zip(ROWS, csv_events["date"]):
        values = [row[c] for c in COLUMNS]
        values[COLUMNS.index("event_date")] = pd.Timestamp(date).to_pydatetime()  # a date cell, as Excel saves it
        values[COLUMNS.index("timestamp")] = int(row["timestamp"])  # a number cell
        values[COLUMNS.index("latitude")] = float(row["latitude"]) if row["latitude"] else None
        sheet.append(values)
    book.save(tmp_path / "export.xlsx")
    events = read_acled(tmp_path / "export.xlsx")
    assert events["date"].tolist() == csv_events["date"].tolist()
    assert events["timestamp"].tolist() == ["1700000000"] * len(events)
    pd.testing.assert_frame_equal(events.drop(columns="latitude"), csv_events.drop(columns="latitude"))


def test_the_older_layout_with_hyphenated_headers_and_d_mon_yy_dates(tmp_path):
    """ACLED's older layout: other spellings of the headers and dates as 9-May-20."""

    def older(frame):
        frame = frame.rename(columns=lambda c: c.upper().replace("_", "-"))
        frame["EVENT-DATE"] = ["9-May-20", "27-Apr-20", "1-May-20", "2-May-20", "3-May-20", "4-May-20"]
        return frame.rename(columns={"ASSOC-ACTOR-1": "assoc actor 1"})

    events = read_acled(write(tmp_path, ROWS, transform=older))
    assert events["date"].tolist()[:2] == ["2020-05-09", "2020-04-27"]
    assert events["event_id"].tolist() == [r["event_id_cnty"] for r in ROWS]
    assert events.set_index("event_id").loc["SYR1", "admin3_pcode"] == "SY090102"
