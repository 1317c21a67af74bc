"""A text checked against the data: every number a match, a MISMATCH only where the words name a figure for
certain, not in the data, or exempt with its reason; the command's exit code and coverage line (SYNTHETIC
statements and drafts)."""

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.report.draft_check import ABSENT, EXEMPT, MATCH, MISMATCH, FigureBook, Statement, classify, coverage
from analysis.report.text_reading import read_text

from .test_draft_text import write_docx


def book(**figures):
    """A FigureBook of SYNTHETIC statements: metric__YYYY_MM=value (or a list of values)."""
    statements = {}
    for key, values in figures.items():
        metric, month = key.rsplit("__", 1)
        month = month.replace("_", "-")
        for value in values if isinstance(values, list) else [values]:
            statements.setdefault((metric, month), []).append(Statement(value, "", "Synthetic report", key))
    return FigureBook(statements, months={m for (_, m) in statements})


JUNE = book(
    attacks__2001_06=11,
    attacks__2001_05=17,
    military_killed__2001_06=4,
    military_injured__2001_06=5,
    civilian_injured__2001_06=7,
    raids__2001_06=10,
    arrests__2001_06=[17, 22],
    isis_killed__2001_06=1,
    arrests__2001_05=20,
)


def statuses(text, figures=JUNE, month="2001-06"):
    return [(f.number.written, f.status) for f in (classify(r, figures) for r in read_text([text], month))]


def test_a_true_text_matches_and_an_edited_headline_is_caught_against_its_figure():
    assert statuses("11 confirmed attacks in June, down from 17 in May") == [("11", MATCH), ("17", MATCH)]
    edited = [classify(r, JUNE) for r in read_text(["12 confirmed attacks in June, down from 17 in May"], "2001-06")]
    assert [(f.status, f.statement.label if f.statement else None) for f in edited] == [
        (MISMATCH, "attacks__2001_06"),
        (MATCH, "attacks__2001_05"),
    ]
    assert statuses("4 military personnel killed and 6 injured, 7 civilians injured in these attacks") == [
        ("4", MATCH),
        ("6", MISMATCH),
        ("7", MATCH),
    ]


def test_every_statement_of_a_figure_counts_body_text_and_revisions_included():
    assert statuses("Raids led to 22 arrests.") == [("22", MATCH)]  # the body text's figure
    assert statuses("Raids led to 23 arrests.") == [("23", MISMATCH)]


def test_the_previous_month_is_checked_against_its_own_figures():
    assert statuses("14 arrests, down from 20 last month") == [("14", MISMATCH), ("20", MATCH)]
    assert statuses("14 arrests, down from 21 the month prior") == [("14", MISMATCH), ("21", MISMATCH)]


def test_changes_in_percent_and_differences_are_checked_as_changes():
    figures = book(attacks__2001_01=16, attacks__2001_02=26)
    assert statuses("Attacks rose 62% from 16 in January to 26 in February.", figures, "2001-02") == [
        ("62%", MATCH),
        ("16", MATCH),
        ("26", MATCH),
    ]
    assert statuses("Attacks rose 40% from January.", figures, "2001-02") == [("40%", MISMATCH)]
    assert statuses("There were 10 more attacks than in January.", figures, "2001-02") == [("10", MATCH)]


def test_parts_incidents_claims_and_dates_never_contradict_the_data():
    figures = book(raids__2001_02=13, arrests__2001_02=101)
    text = (
        "The SDF conducted 7 raids, plus 6 more days of the camp operation, bringing the total to 13 raids. "
        "On the 3rd and 4th, two fighters were killed at a checkpoint near a village. "
        "The SDF said they arrested 85 people in the camp."
    )
    found = [classify(r, figures) for r in read_text(text.split(". "), "2001-02")]
    assert MISMATCH not in [f.status for f in found]
    assert [f.status for f in found if f.number.written in ("3rd", "4th")] == [EXEMPT, EXEMPT]
    assert coverage(found).startswith(f"{len(found)} numbers: ")


@settings(max_examples=150, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            list("0123456789 ,.%;:()-–'’abcxyz")
            + [
                "attacks",
                " killed",
                " injured",
                " raids",
                " in May",
                " last month",
                " from",
                " to",
                " 3rd",
                " eleven",
                " hundred",
                "−",
                "Iraq",
                " families",
                " of these",
                " more than",
                "Deir ez-Zor",
                " the camp",
                " said",
                "2001",
                " June's",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_random_text_never_crashes(text):
    for reading in read_text([text], "2001-06"):
        assert classify(reading, JUNE).status in (MATCH, MISMATCH, ABSENT, EXEMPT)


def test_a_sentence_with_thousands_of_numbers_is_read_whole():
    text = ", ".join(f"{i} attacks" for i in range(3_000))
    assert len(read_text([text], "2001-06")) == 3_000  # read in pieces: the work grows with the length


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.slow
def test_check_draft_exits_0_on_a_true_draft_and_1_on_a_mismatch_for_each_format(raw_dir, tmp_path):
    """The command line on the SYNTHETIC fixture: March 2001 had 8 attacks (revised from 7)."""
    common = ["--raw", str(raw_dir), "--processed", str(tmp_path / "p")]
    true, false = tmp_path / "true.docx", tmp_path / "false.md"
    write_docx(true, ["Key points", "There were 8 attacks in March 2001, says Synthetic report D."])
    false.write_text("- There were 9 attacks in March.\n- About 900 troops stay.\n", encoding="utf-8")
    ok = run("check-draft", "2001-03", str(true), *common)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 match, 0 mismatch" in ok.stdout and "Synthetic report D" in ok.stdout
    assert "exempt: year" in ok.stdout
    bad = run("check-draft", "2001-03", str(false), *common)
    assert bad.returncode == 1 and "MISMATCH: the data give" in bad.stdout and "= 8" in bad.stdout
    assert "not in the data" in bad.stdout and "Traceback" not in bad.stderr
    assert bad.stdout.rstrip().endswith("2 numbers: 0 match, 1 mismatch, 1 not in the data, 0 exempt.")
    missing = run("check-draft", "2001-03", str(tmp_path / "nowhere.md"), *common)
    assert missing.returncode == 2 and "cannot be read" in missing.stderr and "Traceback" not in missing.stderr
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    nothing = run("check-draft", "2001-03", str(empty), *common)
    assert nothing.returncode == 2 and "no text" in nothing.stderr


@pytest.mark.parametrize("written", ["11.5", "eleven hundred", "11 thousand", "−11", "-11"])
def test_a_number_that_is_not_the_count_never_matches_it(written):
    """Regression (issue 28): each of these matched the data's 11 attacks."""
    assert statuses(f"There were {written} attacks in June.") == [(written, MISMATCH)]


def test_an_ordinal_is_not_a_count():
    assert statuses("The 12th attack of June hit a checkpoint.") == [("12th", EXEMPT)]
