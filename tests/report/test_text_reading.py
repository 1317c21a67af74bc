"""The reader of report text on our labelled corpus (tests/data/report_text_corpus.csv: our own sentences with
the structures and real numbers of the monthly reports, each number labelled with what it is).

The floors below are today's scores, so that a change that reads the reports worse fails; bench/report_text.py
prints the scores per class, and on the real report pages when a folder of them is at hand."""

import pytest

from analysis.report.text_reading import read_sentence, read_text

from .corpus import CORPUS, edited_headlines, load, score_corpus, summary

ROWS = load(CORPUS)


@pytest.fixture(scope="module")
def scored():
    return score_corpus(ROWS)


def test_the_corpus_covers_every_construction_with_enough_numbers():
    counts = {}
    for row in ROWS:
        counts[row["construction"]] = counts.get(row["construction"], 0) + 1
    assert len(ROWS) >= 200 and min(counts.values()) >= 10, counts
    for tricky in ("this_vs_previous", "previous_by_relation", "incident_detail", "part_of_figure", "date_time"):
        assert counts[tricky] >= 20, tricky


def test_no_labelled_figure_is_ever_called_a_mismatch(scored):
    wrong = [(s.label["sentence"], s.label["number"]) for s in scored if s.mismatch]
    assert wrong == []


def test_dates_are_never_counted(scored):
    assert [s.label["sentence"] for s in scored if s.label["reason"] == "date" and s.got == "figure"] == []


def test_scores_per_class_hold_their_floor(scored):
    result = summary(scored)
    precision, recall, _ = result["classes"]["figure"]
    assert precision >= 0.95 and recall >= 0.91, result
    assert result["tied"] >= 0.85, result
    assert result["classes"]["exempt"][1] >= 0.86, result


def test_an_edited_headline_figure_is_caught_against_its_own_figure():
    edited = edited_headlines(ROWS)
    assert len(edited) >= 150
    assert sum(caught for _, caught in edited) / len(edited) >= 0.84


@pytest.mark.parametrize(
    "sentence, month, expected",
    [
        # one sentence, two months; each number its own (our sentences)
        (
            "9 confirmed attacks this month, down from 14 in March",
            "2001-04",
            [("9", "attacks", "2001-04"), ("14", "attacks", "2001-03")],
        ),
        (
            "arrests fell to 12 from 20 the month prior",
            "2001-04",
            [("12", "arrests", "2001-04"), ("20", "arrests", "2001-03")],
        ),
        (
            "Deaths reached 15, against December's 16.",
            "2001-01",
            [("15", "deaths_total", "2001-01"), ("16", "deaths_total", "2000-12")],
        ),
        # a list whose verb comes first, then 'respectively'
        (
            "The attacks killed 3 fighters and 2 civilians and wounded 4 and 1 respectively.",
            "2001-04",
            [
                ("3", "military_killed", "2001-04"),
                ("2", "civilian_killed", "2001-04"),
                ("4", "military_injured", "2001-04"),
                ("1", "civilian_injured", "2001-04"),
            ],
        ),
        # the repatriating country is the one nearest the number
        (
            "Sweden took home 3 children and Iraq repatriated 600 people.",
            "2001-04",
            [("3", "repatriation_children:Sweden", "2001-04"), ("600", "repatriation_people:Iraq", "2001-04")],
        ),
        # the draft's own wording (our sentences): 'down from … in …', 'the same as in …', casualty lists with 'and'
        (
            "ISIS sleeper cells carried out 11 attacks in NES in November, up from 9 in October.",
            "2001-11",
            [("11", "attacks", "2001-11"), ("9", "attacks", "2001-10")],
        ),
        (
            "ISIS sleeper cells carried out 11 attacks in NES in November, the same as in October.",
            "2001-11",
            [("11", "attacks", "2001-11")],
        ),
        (
            "These attacks left 6 military personnel killed and 11 injured, and 6 civilians killed.",
            "2001-11",
            [
                ("6", "military_killed", "2001-11"),
                ("11", "military_injured", "2001-11"),
                ("6", "civilian_killed", "2001-11"),
            ],
        ),
        ("All 23 of May 2001's attacks were in Deir ez-Zor.", "2001-05", [("23", "attacks", "2001-05")]),
        ("All 13 of October's attacks took place in Deir ez-Zor.", "2001-11", [("13", "attacks", "2001-10")]),
    ],
)
def test_each_number_is_tied_to_its_own_month_and_figure(sentence, month, expected):
    got = [(r.number.written, r.metric, r.month) for r in read_sentence(sentence, month) if r.kind == "figure"]
    assert got == expected


def test_a_report_title_makes_what_follows_it_that_months():
    text = [
        "April Sleeper Cell Report – a SYNTHETIC teaser",
        "20 attacks in April.",
        "March Sleeper Cell Report – another SYNTHETIC teaser",
        "10 attacks this month.",
    ]
    got = [(r.number.written, r.month) for r in read_text(text, "2001-04") if r.kind == "figure"]
    assert got == [("20", "2001-04"), ("10", "2001-03")]


def test_a_fraction_is_no_count():
    [reading] = read_sentence("Attacks grew by one third on March.", "2001-04")
    assert (reading.kind, reading.reason) == ("exempt", "a fraction")
