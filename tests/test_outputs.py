"""Writes are atomic and deterministic."""

import pandas as pd
import pytest

from analysis.outputs import atomic_write_bytes, csv_bytes, write_csv


def test_failed_write_leaves_the_previous_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def broken_replace(src, dst):
        raise KeyboardInterrupt  # as if the run were interrupted at the last moment

    monkeypatch.setattr("analysis.outputs.os.replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_is_canonical(tmp_path):
    frame = pd.DataFrame({"month": ["2001-01", "2001-02"], "attacks": pd.array([5, None], dtype="Int64")})
    assert csv_bytes(frame) == b"month,attacks\n2001-01,5\n2001-02,\n"
    write_csv(frame, tmp_path / "a" / "x.csv")
    assert (tmp_path / "a" / "x.csv").read_bytes() == csv_bytes(frame)


def test_csv_for_people_neutralises_formulas_but_keeps_numbers(tmp_path):
    """SYNTHETIC cells a spreadsheet would run (OWASP CSV injection) get a leading apostrophe."""
    frame = pd.DataFrame(
        {
            "note": [
                '=HYPERLINK("http://example.org/x")',
                "+1 more",
                "@sum",
                "\tx",
                "plain",
                "-3",
                "-1,200",
                "- a dash",
            ],
            "value": [1, 2, 3, 4, 5, -3, 6, 7],
        }
    )
    text = write_csv(frame, tmp_path / "people.csv", for_people=True).read_text()
    rows = pd.read_csv(tmp_path / "people.csv", dtype=str, keep_default_na=False)
    assert list(rows["note"]) == [
        '\'=HYPERLINK("http://example.org/x")',
        "'+1 more",
        "'@sum",
        "'\tx",
        "plain",
        "-3",
        "-1,200",
        "'- a dash",
    ]
    assert list(rows["value"]) == ["1", "2", "3", "4", "5", "-3", "6", "7"]
    assert write_csv(frame, tmp_path / "tools.csv").read_text() != text  # for tools: the values as they are
