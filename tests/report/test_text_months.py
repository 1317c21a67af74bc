"""text_months: the months a sentence names and the month of each number (our own SYNTHETIC sentences)."""

import pytest

from analysis.report.text_months import month_mentions, month_of, number_month, title_month
from analysis.report.text_numbers import numbers
from analysis.report.text_words import clause_spans


def test_a_month_without_a_year_is_the_latest_up_to_the_report():
    assert month_of("March", "", "2001-04") == "2001-03"
    assert month_of("December", "", "2001-01") == "2000-12"
    assert month_of("May", "2019", "2001-04") == "2019-05"


def test_mentions_read_names_abbreviations_and_relations_but_not_the_verb_may():
    found = month_mentions("Raids may fall in Oct. from last month and from March's 8, this month too", "2001-04")
    assert [m.month for m in found] == ["2000-10", "2001-03", "2001-03", "2001-04"]
    assert [m.possessive for m in found] == [False, False, True, False]


def _months(sentence, report_month):
    mentions = month_mentions(sentence, report_month)
    spans = clause_spans(sentence)
    out = []
    for number in numbers(sentence):
        clause = next(c for c in spans if c[0] <= number.start < c[1])
        out.append((number.written, number_month(number, clause, mentions, sentence, report_month)[0]))
    return out


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("9 attacks in April, down from 14 in March", [("9", "2001-04"), ("14", "2001-03")]),
        ("11 raids, up from 9 in March", [("11", "2001-04"), ("9", "2001-03")]),
        ("arrests fell to 12 from 20 the month prior", [("12", "2001-04"), ("20", "2001-03")]),
        ("17 attacks, against March's 12", [("17", "2001-04"), ("12", "2001-03")]),
        ("27 attacks and 15 raids in March", [("27", "2001-03"), ("15", "2001-03")]),
    ],
)
def test_each_number_takes_the_month_named_by_it(sentence, expected):
    assert _months(sentence, "2001-04") == expected


def test_a_report_title_names_its_month():
    assert title_month("March Sleeper Cell Report – Attacks doubled", "2001-04") == "2001-03"
    assert title_month("Sleeper Cell Report January 2001 – a teaser", "2001-04") == "2001-01"
    assert title_month("Sleeper-Cell Report: Record Low of Attacks in July", "2001-08") == ""
    assert title_month("The March report said 10 attacks", "2001-04") == ""
