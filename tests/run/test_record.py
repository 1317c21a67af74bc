"""The record-published command on a tmp copy of the SYNTHETIC raw fixture: it writes recorded_statements.csv,
prints the proposals and what needs a person; --apply appends only, and never adds a row twice."""

import csv

from analysis.run.cli import main
from tests.report.test_draft_text import write_docx

MONTH = "2001-06"
PARAGRAPHS = [
    "Key points",
    "We counted 14 ISIS sleeper-cell attacks in June, down from 19 in May.",
    "Security forces carried out 25 raids and arrested 61 people.",
    "In-depth",
    "Of the month's attacks, 9 took place in Deir-ez-Zor. Arrests rose 20% on May.",
]
SOURCE = [
    "--report",
    "SYNTHETIC report on June 2001",
    "--published",
    "2001-07-04",
    "--url",
    "https://example.org/synthetic/june-2001",
]


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _common(raw_dir, tmp_path):
    return [
        "--raw",
        str(raw_dir),
        "--processed",
        str(tmp_path / "p"),
        "--reports",
        str(tmp_path / "reports"),
        "--figures",
        str(tmp_path / "figures"),
    ]


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _markdown(tmp_path):
    path = tmp_path / "june.md"
    path.write_text(
        "# Key points\n\n"
        + "\n".join(f"- {p}" for p in PARAGRAPHS[1:3])
        + "\n\n## In-depth\n\n"
        + PARAGRAPHS[4]
        + "\n",
        encoding="utf-8",
    )
    return path


def test_record_published_writes_the_proposals_and_needs_a_person(raw_dir, tmp_path, capsys):
    before = (raw_dir / "monthly_figures.csv").read_bytes()
    code, out, err = _run(
        capsys, "record-published", MONTH, str(_markdown(tmp_path)), *SOURCE, *_common(raw_dir, tmp_path)
    )
    assert code == 0, err
    assert "monthly_figures  2001-06  attacks = 14" in out and "monthly_figures  2001-05  attacks = 19" in out
    assert "attacks_by_region  2001-06  Deir-ez-Zor: 9 attacks" in out
    assert "Needs a person (1" in out and "20%" in out
    rows = _rows(tmp_path / "reports" / MONTH / "recorded_statements.csv")
    header = list(rows[0])
    assert header[0] == "table" and header[-1] == "sentence" and len(header) == len(set(header))
    assert [(r["table"], r["period"] or r["month"], r["metric"], r["value"], r["stated_in"]) for r in rows] == [
        ("monthly_figures", "2001-06", "attacks", "14", ""),
        ("monthly_figures", "2001-05", "attacks", "19", ""),
        ("monthly_figures", "2001-06", "raids", "25", ""),
        ("monthly_figures", "2001-06", "arrests", "61", ""),
        ("attacks_by_region", "2001-06", "attacks", "9", ""),
    ]
    assert (raw_dir / "monthly_figures.csv").read_bytes() == before  # without --apply nothing is appended


def test_apply_appends_only_and_refuses_duplicates(raw_dir, tmp_path, capsys):
    text = _markdown(tmp_path)
    table = raw_dir / "monthly_figures.csv"
    before = table.read_bytes()
    code, out, err = _run(capsys, "record-published", MONTH, str(text), *SOURCE, "--apply", *_common(raw_dir, tmp_path))
    assert code == 0, err
    assert "monthly_figures.csv: 4 row(s) appended." in out and "make manifest" in out
    after = table.read_bytes()
    assert after.startswith(before)
    added = _rows(table)[-4:]
    assert [(r["period"], r["metric"], r["value"], r["report"]) for r in added] == [
        ("2001-06", "attacks", "14", "SYNTHETIC report on June 2001"),
        ("2001-05", "attacks", "19", "SYNTHETIC report on June 2001"),
        ("2001-06", "raids", "25", "SYNTHETIC report on June 2001"),
        ("2001-06", "arrests", "61", "SYNTHETIC report on June 2001"),
    ]
    assert _rows(raw_dir / "attacks_by_region.csv")[-1]["region"] == "Deir-ez-Zor"
    code, out, err = _run(capsys, "record-published", MONTH, str(text), *SOURCE, "--apply", *_common(raw_dir, tmp_path))
    assert code == 0, err
    assert table.read_bytes() == after
    assert "monthly_figures.csv: 0 row(s) appended." in out and out.count("not added again") == 5


def test_a_docx_is_read_like_its_markdown(raw_dir, tmp_path, capsys):
    common = _common(raw_dir, tmp_path)
    _, from_md, _ = _run(capsys, "record-published", MONTH, str(_markdown(tmp_path)), *SOURCE, *common)
    md_rows = (tmp_path / "reports" / MONTH / "recorded_statements.csv").read_bytes()
    docx = write_docx(tmp_path / "june.docx", PARAGRAPHS)
    code, from_docx, err = _run(capsys, "record-published", MONTH, str(docx), *SOURCE, *common)
    assert code == 0, err
    assert (tmp_path / "reports" / MONTH / "recorded_statements.csv").read_bytes() == md_rows
    assert from_docx == from_md


def test_bad_input_is_a_plain_message(raw_dir, tmp_path, capsys):
    common, text = _common(raw_dir, tmp_path), str(_markdown(tmp_path))
    for argv, says in [
        (["2001-13", text, *SOURCE], "not a month"),
        ([MONTH, str(tmp_path / "nowhere.md"), *SOURCE], "cannot be read"),
        ([MONTH, text, "--report", "R", "--published", "July", "--url", "https://example.org/x"], "PUBLISHED"),
        ([MONTH, text, "--report", "R", "--published", "2001-07", "--url", "=cmd()"], "URL"),
        ([MONTH, text, "--report", " ", "--published", "2001-07", "--url", "https://example.org/x"], "REPORT"),
    ]:
        code, out, err = _run(capsys, "record-published", *argv, *common)
        assert code == 2 and says in err and "Traceback" not in err, (argv, err)


def test_a_formula_in_the_text_is_neutralised_in_the_csv(raw_dir, tmp_path, capsys):
    text = tmp_path / "f.md"
    text.write_text("- We counted 14 ISIS sleeper-cell attacks in June.\n", encoding="utf-8")
    code, _, err = _run(
        capsys,
        "record-published",
        MONTH,
        str(text),
        "--report",
        "=HYPERLINK(1)",
        "--published",
        "2001-07",
        "--url",
        "https://example.org/x",
        *_common(raw_dir, tmp_path),
    )
    assert code == 0, err
    [row] = _rows(tmp_path / "reports" / MONTH / "recorded_statements.csv")
    assert row["report"] == "'=HYPERLINK(1)" and row["value"] == "14"
