"""Hand-edited CSV and XLSX files are read as they were meant, or refused clearly."""

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.readers import find_table, read_table

CONTENT = "month,region,value\n2023-11, Deir ez-Zor ,12\n2023-10,Heseke,\n"


def test_bom_crlf_and_stray_whitespace_are_read_correctly(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CONTENT.replace("\n", "\r\n").encode("utf-8"))
    frame = read_table(path)
    assert list(frame.columns[:3]) == ["month", "region", "value"]
    assert frame["region"].tolist() == ["Deir ez-Zor", "Heseke"]
    assert frame["value"].tolist() == ["12", ""]
    assert frame["_line"].tolist() == [2, 3]


def test_latin1_file_gets_an_encoding_error_naming_the_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("month,region\n2023-11,Dêrik\n".encode("latin-1"))
    with pytest.raises(InputFileError) as info:
        read_table(path)
    message = str(info.value)
    assert "t.csv" in message and "line 2" in message and "UTF-8" in message


def test_quoted_multiline_cells_keep_the_starting_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n3,x\n', encoding="utf-8")
    frame = read_table(path)
    assert frame["_line"].tolist() == [2, 4]


def test_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n,\n\n3,4\n", encoding="utf-8")
    assert read_table(path)["a"].tolist() == ["1", "3"]


def test_unquoted_comma_gives_a_clear_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="(?s)line 2.*quote"):
        read_table(path)


def test_xlsx_is_readable_with_spreadsheet_row_numbers(tmp_path):
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"month": ["2023-11", "2023-10"], "value": [11, 17]}).to_excel(path, index=False)
    frame = read_table(path)
    assert frame["value"].tolist() == ["11", "17"]
    assert frame["_line"].tolist() == [2, 3]


def test_find_table_refuses_csv_and_xlsx_side_by_side(tmp_path):
    (tmp_path / "x.csv").write_text("a\n1\n")
    (tmp_path / "x.xlsx").write_text("")
    with pytest.raises(InputFileError, match="both exist"):
        find_table(tmp_path, "x")
    with pytest.raises(InputFileError, match="missing"):
        find_table(tmp_path, "y")
