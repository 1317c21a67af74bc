"""Hand-edited CSV and XLSX files are read as they were meant, or refused clearly."""

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest.readers import find_table, read_table

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


IRREGULAR_SHAPES = {
    "short rows are padded": "a,b,c\n1,2\n3,4,5\n",
    "trailing empty cells are dropped": "a,b\n1,2,,\n3,4\n",
    "comment rows may be wider": "a,b\n# example, with, commas\n1,2\n",
    "leading blank line": "\na,b\n1,2\n",
    "whitespace-only line": "a,b\n1,2\n   \n3,4\n",
}


@pytest.mark.parametrize("text", IRREGULAR_SHAPES.values(), ids=IRREGULAR_SHAPES.keys())
def test_irregular_files_give_the_same_rows_and_lines_as_a_plain_csv_reading(tmp_path, text):
    import csv

    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    frame = read_table(path)
    expected = [(i + 1, r) for i, r in enumerate(csv.reader(text.splitlines()))]
    header_line = next(i for i, r in expected if r)
    data = [(i, r) for i, r in expected if i > header_line and any(c.strip() for c in r) and not r[0].startswith("#")]
    assert frame["_line"].tolist() == [i for i, _ in data]
    assert frame["a"].tolist() == [r[0] for _, r in data]


def test_a_regular_file_takes_the_vectorised_path_with_the_same_result(tmp_path, monkeypatch):
    """Both readers agree on a file that mixes CRLF, blank lines, quotes, comments and padding spaces."""
    from analysis.ingest import readers

    text = (
        'id,place,note\r\n# template example,,\r\n1, Heseke ,"a, quoted note"\r\n\r\n'
        '2,Qamishlo,""\r\n,,\r\n3,دير الزور,"say ""hi"""\r\n4,\u00a0Tabqa,\tx\r\n'
    )
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    fast = read_table(path)
    assert readers._read_regular_csv(path) is not None
    monkeypatch.setattr(readers, "_read_regular_csv", lambda p: None)
    careful = read_table(path)
    pd.testing.assert_frame_equal(fast, careful)
    assert fast["_line"].tolist() == [3, 5, 7, 8]
    assert fast["note"].tolist() == ["a, quoted note", "", 'say "hi"', "x"]
    assert fast["place"].tolist() == ["Heseke", "Qamishlo", "دير الزور", "Tabqa"]


def test_cells_are_stripped_only_when_the_file_has_padding(tmp_path):
    from analysis.ingest import readers

    tidy, padded = tmp_path / "tidy.csv", tmp_path / "padded.csv"
    tidy.write_text("a,b\n1,x y\n", encoding="utf-8")
    padded.write_text('a,b\n1,"x y "\n', encoding="utf-8")
    assert readers._scan_lines(tidy)[1] is False
    assert readers._scan_lines(padded)[1] is True
    assert read_table(padded)["b"].tolist() == ["x y"]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8, 64])
def test_line_numbers_hold_across_chunk_boundaries(tmp_path, monkeypatch, chunk):
    """The line scan reads the file in chunks; CR, LF, blank lines and quotes may fall on any boundary."""
    import random

    from analysis.ingest import readers

    rng = random.Random(chunk)
    for attempt in range(20):
        lines = ["a,b"]
        for i in range(rng.randint(0, 8)):
            lines.append(rng.choice(["", f"{i},x", f'{i},"q, {i}"', f" {i} , y ", ",", f'{i},""""']))
        ending = rng.choice(["\n", "\r\n"])
        text = ending.join(lines) + rng.choice(["", ending, ending + ending])
        path = tmp_path / f"t{attempt}.csv"
        path.write_bytes(text.encode("utf-8"))
        monkeypatch.setattr(readers, "_CHUNK", chunk)
        fast = readers._read_regular_csv(path)
        assert fast is not None, text
        monkeypatch.setattr(readers, "_read_regular_csv", lambda p: None)
        careful = read_table(path)
        monkeypatch.undo()
        fast = readers._drop_blank_and_comment_rows(fast)
        assert fast["_line"].tolist() == careful["_line"].tolist(), repr(text)
        assert fast["a"].tolist() == careful["a"].tolist(), repr(text)
        assert fast["b"].tolist() == careful["b"].tolist(), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n1,x\n\n2,y\r\n# note,\n3," z "\n4,w',  # regular: streamed
        'a,b\n1,x\n2\n3,"two\nlines"\n4,w\n',  # a short row and a quoted line break: read whole
    ],
)
def test_iter_table_gives_read_table_in_pieces(tmp_path, text):
    from analysis.ingest.readers import iter_table

    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    pieces = list(iter_table(path, rows=2))
    assert max(len(p) for p in pieces) <= 2
    whole = pd.concat(pieces, ignore_index=True)
    pd.testing.assert_frame_equal(whole, read_table(path), check_index_type=False)


@pytest.mark.parametrize("text", ["a,b\n1,2\n3,4,5\n", "a,b\n1,2\n3\n", b"a,b\n1,\xe9\n"])
def test_streaming_stops_at_a_row_of_another_width_or_bad_bytes(tmp_path, text):
    from analysis.ingest.readers import IrregularRows, iter_table

    path = tmp_path / "t.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(IrregularRows):
        list(iter_table(path, rows=1))


def test_a_quoted_line_break_is_seen_even_when_a_chunk_holds_no_quote(tmp_path, monkeypatch):
    from analysis.ingest import readers

    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"x\n\n\n\ny"\n2,z\n', encoding="utf-8")
    monkeypatch.setattr(readers, "_CHUNK", 4)  # chunks: 'a,b\n' '1,"x' '\n\n\n\n' 'y"\n2' ',z\n'
    assert readers._scan_lines(path) is None
    monkeypatch.undo()
    assert read_table(path)["_line"].tolist() == [2, 7]
