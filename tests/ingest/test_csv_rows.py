"""The careful CSV path: files that are not UTF-8 are named for what they are, and quote marks never make
rows vanish uncounted (SYNTHETIC rows)."""

import codecs

import pytest

from analysis.errors import InputFileError
from analysis.ingest.readers import read_table

HEADER = "period,metric,value,report,note\n"
ROWS = [f"2001-{m:02d},attacks,{m},Synthetic report {m}," for m in range(1, 8)]


def write(tmp_path, rows, name="t.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_stray_pair_of_quotes_that_would_swallow_rows_names_both_lines(tmp_path):
    rows = list(ROWS)
    rows[1] += '"SDF says 124'  # line 3
    rows[4] += 'per ANF"'  # line 6: lines 4 and 5 would vanish into the note
    with pytest.raises(InputFileError) as info:
        read_table(write(tmp_path, rows))
    message = str(info.value)
    assert "line 3" in message and "lines 3-6 as one row" in message and "closes only on line 6" in message
    assert "3 line(s) that look like rows" in message and "t.csv" in message


def test_an_unterminated_quote_has_its_own_message(tmp_path):
    rows = list(ROWS)
    rows[5] += '"never closed'  # line 7 of 8
    with pytest.raises(InputFileError, match=r"quote mark on line 7 that is never closed: lines 7-8"):
        read_table(write(tmp_path, rows))


def test_a_note_of_two_lines_is_one_row_at_its_first_line(tmp_path):
    rows = list(ROWS)
    rows[2] += '"a note\nof two lines"'
    frame = read_table(write(tmp_path, rows))
    assert len(frame) == len(ROWS) and frame["_line"].tolist() == [2, 3, 4, 6, 7, 8, 9]
    assert frame.loc[2, "note"] == "a note\nof two lines"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_utf16(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes((HEADER + "\n".join(ROWS) + "\n").encode(encoding))
    with pytest.raises(InputFileError, match="is UTF-16 text.*not UTF-8"):
        read_table(path)


def test_a_workbook_named_csv_and_a_binary_file_are_named_as_such(tmp_path):
    import pandas as pd

    book = tmp_path / "book.xlsx"
    pd.DataFrame({"period": ["2001-01"]}).to_excel(book, engine="openpyxl")
    named_csv = tmp_path / "t.csv"
    named_csv.write_bytes(book.read_bytes())
    with pytest.raises(InputFileError, match=r"zip archive \(an .xlsx workbook\?\)"):
        read_table(named_csv)
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    with pytest.raises(InputFileError, match="binary file, not text"):
        read_table(binary)


def test_latin1_is_still_named_latin1_with_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(codecs.BOM_UTF8 + (HEADER + "2001-01,attacks,1,Rapport Dêrik,\n").encode("latin-1"))
    with pytest.raises(InputFileError, match="line 2.*Latin-1"):
        read_table(path)
