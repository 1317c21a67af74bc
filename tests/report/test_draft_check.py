"""An edited draft checked against the month's facts: a match, a MISMATCH only where the words name the
figure, or 'not in the data' (SYNTHETIC facts and drafts)."""

import subprocess
import sys

import pytest

from analysis.report.draft_check import Fact, check_sentence

from .test_draft_text import write_docx

MIL, KILLED, INJURED = ("military", "personnel", "sdf"), ("kill",), ("injur",)
FACTS = [
    Fact("attacks, June", 11, ("attack",), (), "2001-06", "Report J"),
    Fact("attacks, May", 17, ("attack",), (), "2001-05", "Report M"),
    Fact("military killed, June", 4, MIL, KILLED, "2001-06"), Fact("military injured, June", 5, MIL, INJURED, "2001-06"),
    Fact("civilians injured, June", 7, ("civilian",), INJURED, "2001-06"),
    Fact("arrests, June", 17, ("arrest",), (), "2001-06"), Fact("ISIS killed, June", 1, ("member",), KILLED, "2001-06"),
    Fact("change in attacks, June", 35, ("attack",), (), "2001-06", percent=True),
    Fact("repatriated people, June", 776, ("people",), ("repatriat",), "2001-06", verbs_anywhere=True),
    Fact("camp total, June", 49432, ("people", "population"), (), "2001-06"),
]


def results(sentence):
    return [(f.number.written, f.status, f.fact.label if f.fact else None)
            for f in check_sentence(sentence, FACTS, "2001-06")]


@pytest.mark.parametrize("sentence, expected", [
    ("11 confirmed attacks in June, a decrease from May's 17",
     [("11", "match", "attacks, June"), ("17", "match", "attacks, May")]),
    ("12 confirmed attacks in June, a decrease from May's 17",
     [("12", "MISMATCH", "attacks, June"), ("17", "match", "attacks, May")]),
    ("Eleven attacks killed four SDF personnel and injured 6 civilians.",
     [("Eleven", "match", "attacks, June"), ("four", "match", "military killed, June"),
      ("6", "MISMATCH", "civilians injured, June")]),
    ("4 military personnel killed and 5 injured, 7 civilians injured in these attacks",
     [("4", "match", "military killed, June"), ("5", "match", "military injured, June"),
      ("7", "match", "civilians injured, June")]),
    ("Attacks fell by 40% from May.", [("40%", "MISMATCH", "change in attacks, June")]),
    ("Raids led to the arrest of 17 members of ISIS and the killing of an official.",
     [("17", "match", "arrests, June")]),
    ("Iraq repatriated 192 families, or 776 people.", [("192", "not in the data", None),
                                                       ("776", "match", "repatriated people, June")]),
    ("Roughly 900 U.S. troops remain, one of them said on 14 June 2001.", [("900", "not in the data", None)]),
])
def test_numbers_are_tied_to_the_figure_their_words_name(sentence, expected):
    assert results(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a sentence naming only the previous month speaks of it throughout
    ("In May: 17 attacks.", [("17", "match", "attacks, May")]),
    ("In May there were 18 attacks, with 3 arrests.", [("18", "MISMATCH", "attacks, May"),
                                                       ("3", "not in the data", None)]),
    # other months and spans of months: older figures and totals, information only
    ("In March, 40 attacks were recorded.", [("40", "not in the data", None)]),
    ("1,480 people were repatriated in the 12 months to June.", [("1,480", "not in the data", None),
                                                                 ("12", "not in the data", None)]),
    # web addresses, report months and 'the one' are no counts
    ("Report J (published 2001-07): https://example.org/2001/07/report-70633/", []),
    ("ISIS is the one to gain, 11 attacks show.", [("11", "match", "attacks, June")]),
])
def test_the_month_a_sentence_speaks_of(sentence, expected):
    assert results(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the draft's own sentences, as templates write them
    ("These attacks left 4 military personnel and 7 civilians injured.",
     [("4", "MISMATCH", "military injured, June"), ("7", "match", "civilians injured, June")]),
    ("1 member of the security forces killed and 5 injured.",
     [("1", "MISMATCH", "military killed, June"), ("5", "match", "military injured, June")]),
    ("Al-Hol held 49,432 people at the last count, an old one from June, 17 of them Iraqis.",
     [("49,432", "match", "camp total, June"), ("17", "not in the data", None)]),
    ("26 of June's 11 attacks were in the east.", [("26", "not in the data", None), ("11", "match", "attacks, June")]),
])
def test_parts_other_nouns_and_the_verb_shared_by_two_numbers(sentence, expected):
    assert results(sentence) == expected


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
    assert "1 match, 0 MISMATCH" in ok.stdout and "Synthetic report D" in ok.stdout
    bad = run("check-draft", "2001-03", str(false), *common)
    assert bad.returncode == 1 and "MISMATCH: the data give" in bad.stdout and "= 8" in bad.stdout
    assert "not in the data" in bad.stdout and "Traceback" not in bad.stderr
    missing = run("check-draft", "2001-03", str(tmp_path / "nowhere.md"), *common)
    assert missing.returncode == 2 and "cannot be read" in missing.stderr and "Traceback" not in missing.stderr
