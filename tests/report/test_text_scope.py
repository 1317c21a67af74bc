"""text_scope: the cues that narrow a figure (our own SYNTHETIC phrases)."""

from analysis.report.text_numbers import numbers
from analysis.report.text_scope import finish, region_of

CUES = {
    "incident": False,
    "other_violence": False,
    "part": False,
    "attributed": False,
    "span": False,
    "outside": False,
    "region": "",
    "plain_region": False,
    "region_before": False,
    "camp": False,
    "clause_before": "",
    "low": "",
    "after_text": "",
    "stop": "",
}


def test_a_region_named_by_the_number_is_its_part():
    sentence = "12 happened in Deir ez-Zor and 3 elsewhere"
    first, second = numbers(sentence)
    assert region_of(sentence, first.start, first.end, (0, len(sentence))) == ("deir ez-zor", True)
    assert region_of(sentence, second.start, second.end, (0, len(sentence)))[0] == "other cantons"


def test_an_incident_detail_is_exempt_and_a_part_never_certain():
    sentence = "2 fighters were killed"
    [number] = numbers(sentence)
    assert finish(number, sentence, "military_killed", "2001-04", CUES | {"incident": True}).kind == "exempt"
    assert finish(number, sentence, "military_killed", "2001-04", CUES | {"part": True}).certain is False
    plain = finish(number, sentence, "military_killed", "2001-04", CUES)
    assert (plain.kind, plain.metric, plain.certain) == ("figure", "military_killed", True)


def test_attacks_in_a_region_become_the_regional_figure():
    sentence = "12 attacks in Deir ez-Zor"
    [number] = numbers(sentence)
    reading = finish(number, sentence, "attacks", "2001-04", CUES | {"region": "deir ez-zor", "plain_region": True})
    assert reading.metric == "region_attacks:deir ez-zor" and reading.certain
