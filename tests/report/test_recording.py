"""recording: a published text proposed as codebook rows. SYNTHETIC sentences for a SYNTHETIC month 2001-06,
written for these tests; and the labelled corpus (our own sentences): no proposed value is ever wrong."""

from collections import defaultdict

from analysis.report.recording import key_point_flags, record
from analysis.report.text_numbers import sentences
from analysis.report.text_reading import read_text
from tests.report.corpus import CORPUS, load, locate, recording_corpus

MONTH = "2001-06"
SOURCE = ("SYNTHETIC report on June 2001", "2001-07-04", "https://example.org/synthetic/june-2001")
KEY_POINTS = [
    "SYNTHETIC June 2001 sleeper-cell report",
    "Key points",
    "We counted 14 ISIS sleeper-cell attacks in June, down from 19 in May.",
    "The attacks killed at least 6 SDF fighters and 3 civilians.",
    "Security forces carried out 25 raids and arrested 61 people.",
    "In-depth",
]
BODY = [
    "Of the month's attacks, 9 took place in Deir-ez-Zor and 3 in the Heseke region. Arrests rose 20% on May. "
    "The raids detained 64 people in all, and the fuller count below lists them by town, one by one, "
    "over several lines of text that go on for a while.",
    "Russia brought home 12 children and 4 women from the camps in June.",
]


def _monthly(recording):
    return [
        (p.row["period"], p.row["metric"], p.row["value"], p.row["stated_in"])
        for p in recording.proposals
        if p.table == "monthly_figures"
    ]


def test_key_points_run_from_their_heading_to_the_next_heading_or_prose():
    assert key_point_flags(KEY_POINTS + BODY) == [False, None, True, True, True, False, False, False]
    long_point = "x" * 300
    assert key_point_flags(["Key points:", "A point of 12.", long_point, "Another of 3."]) == [None, True, False, False]


def test_synthetic_report_is_proposed_exactly():
    recording = record(KEY_POINTS + BODY, MONTH, *SOURCE)
    assert _monthly(recording) == [
        ("2001-06", "attacks", "14", ""),
        ("2001-05", "attacks", "19", ""),
        ("2001-06", "military_killed", "≥6", ""),
        ("2001-06", "civilian_killed", "3", ""),
        ("2001-06", "raids", "25", ""),
        ("2001-06", "arrests", "61", ""),
        ("2001-06", "arrests", "64", "body_text"),
    ]
    regions = [
        (p.row["month"], p.row["region"], p.row["metric"], p.row["value"])
        for p in recording.proposals
        if p.table == "attacks_by_region"
    ]
    assert regions == [("2001-06", "Deir-ez-Zor", "attacks", "9"), ("2001-06", "Heseke region", "attacks", "3")]
    [repatriation] = [p.row for p in recording.proposals if p.table == "repatriations"]
    assert (
        repatriation["date"],
        repatriation["country"],
        repatriation["children"],
        repatriation["women"],
        repatriation["people"],
        repatriation["repatriated_from"],
        repatriation["camp"],
    ) == ("2001-06", "Russia", "12", "4", "", "not_stated", "")
    for p in recording.proposals:
        assert (p.row["report"], p.row["published"], p.row["source_url"], p.row["note"]) == (*SOURCE, "")
    assert [(u.number, u.sentence) for u in recording.needs_person] == [("20%", "Arrests rose 20% on May.")]


def test_a_figure_given_two_values_in_the_key_points_needs_a_person():
    text = [
        "Key points",
        "We counted 14 ISIS sleeper-cell attacks in June.",
        "Sleeper cells carried out 15 attacks in June.",
    ]
    recording = record(text, MONTH, *SOURCE)
    assert _monthly(recording) == []
    assert sorted(u.number for u in recording.needs_person) == ["14", "15"]


def test_two_different_body_values_without_a_key_point_need_a_person():
    text = ["Security forces carried out 25 raids in June.", "In all, the SDF ran 27 raids in June."]
    recording = record(text, MONTH, *SOURCE)
    assert not [p for p in recording.proposals if p.row.get("metric") == "raids"]
    assert {"25", "27"} <= {u.number for u in recording.needs_person}


def test_a_number_beside_a_region_or_the_camp_or_a_lone_previous_month_needs_a_person():
    text = [
        "Deir-ez-Zor remained the worst hit, with 12 attacks in June.",
        "Inside al-Hol camp, security forces arrested 40 people in June.",
        "June matched May with 20 attacks.",
        "Arrests shot up to 90 in June.",
    ]
    recording = record(text, MONTH, *SOURCE)
    assert _monthly(recording) == []
    assert [u.number for u in recording.needs_person] == ["12", "40", "20", "90"]


def test_claims_parts_mixed_groups_and_cut_text_need_a_person():
    text = [
        "The Coalition reported killing 7 ISIS members in June.",
        "Of the month's raids, which netted many, 5 of which were in the night, the SDF led most.",
        "The attacks left 11 civilian and SDF deaths in June.",
        "Excluding the camp, the SDF carried out raids. During these raids, 8 people were arrested.",
        "In four raids, seven ISIS members […]",
    ]
    recording = record(text, MONTH, *SOURCE)
    assert _monthly(recording) == []
    assert {"7", "11", "8", "four"} <= {u.number for u in recording.needs_person}


def test_a_body_text_bound_the_key_points_already_meet_needs_a_person():
    text = [
        "Key points",
        "We counted 14 ISIS sleeper-cell attacks in June.",
        "In-depth",
        "There were at least 4 attacks in June; a rival faction also opened two new offices across the east of the "
        "region over the month, and this paragraph runs on at a length no key point would ever run to in a report.",
    ]
    recording = record(text, MONTH, *SOURCE)
    assert _monthly(recording) == [("2001-06", "attacks", "14", "")]
    assert [u.number for u in recording.needs_person] == ["4"]


def test_a_figure_of_an_older_month_is_never_proposed():
    recording = record(["We counted 14 attacks in June, against 30 in March."], MONTH, *SOURCE)
    assert _monthly(recording) == [("2001-06", "attacks", "14", "")]
    assert [u.number for u in recording.needs_person] == ["30"]


def test_every_value_proposed_from_the_corpus_is_the_labelled_one():
    rows = load(CORPUS)
    by_text = defaultdict(list)
    for row in rows:
        by_text[(row["report_month"], row["sentence"])].append(row)
    proposed = checked = 0
    for (month, sentence), labels in by_text.items():
        recording = record([sentence], month, *SOURCE)
        readings = read_text(sentences([sentence]), month)
        for p in recording.proposals:
            if p.table != "monthly_figures":
                continue
            proposed += 1
            # the number the proposal came from: a certain count reading of that metric and month
            [reading] = [
                r
                for r in readings
                if r.kind == "figure"
                and r.metric == p.row["metric"]
                and r.month == p.row["period"]
                and r.measure == "count"
                and r.certain
                and f"{r.number.qualifier}{r.number.whole}" == p.row["value"]
            ][:1]
            label = [
                row for row in labels if locate(sentence, row["number"], int(row["occurrence"])) == reading.number.start
            ]
            assert label, (sentence, reading.number.written)
            label = label[0]
            assert label["class"] == "figure" and label["metric"] == p.row["metric"], (sentence, p.row, label)
            assert label["month"] == p.row["period"], (sentence, p.row, label)
            assert label["value"] == p.row["value"], (sentence, p.row, label)
            checked += 1
    assert proposed == checked and proposed >= 100


def test_the_text_under_another_months_report_title_needs_a_person():
    text = [
        "Key points",
        "We counted 14 ISIS sleeper-cell attacks in June.",
        "May Sleeper Cell Report – a SYNTHETIC teaser of the report before",
        "We counted 9 attacks in May.",
    ]
    recording = record(text, MONTH, *SOURCE)
    assert _monthly(recording) == [("2001-06", "attacks", "14", "")]
    assert [u.number for u in recording.needs_person] == ["9"]


def test_record_published_proposes_most_headline_figures_of_the_corpus_and_no_wrong_value():
    result = recording_corpus(load(CORPUS))
    assert result["wrong"] == []
    assert result["proposed"] / result["headline"] >= 0.78, result["proposed"]
