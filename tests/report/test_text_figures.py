"""text_figures: what a number counts and whose (our own SYNTHETIC phrases)."""

from analysis.report.text_figures import closing_verb, metric_of, scan_after, verb_before
from analysis.report.text_words import words_of


def test_the_words_after_a_number_name_its_head_and_group():
    assert scan_after(words_of("SDF personnel killed"))[:2] == ("killed", "military")
    assert scan_after(words_of("confirmed ISIS attacks"))[:2] == ("attacks", "")
    assert scan_after(words_of("tunnels destroyed"))[2] == "unit:tunnels"
    assert scan_after(words_of("of these occurred"))[2] == "part"


def test_the_verb_before_a_number_is_its_head():
    assert verb_before(words_of("the attacks killing"), immediate=True) == ("killed", "")
    assert verb_before(words_of("the number of raids reached"), immediate=True) == ("raids", "")


def test_a_list_closes_on_its_verb():
    assert closing_verb(" military personnel and 7 civilians injured") == "injured"
    assert closing_verb(" military personnel, 7 civilians injured") == ""


def _ctx(whole="", **extra):
    ctx = {
        "camp": False,
        "low": whole,
        "whole": whole,
        "before_text": "",
        "after_text": "",
        "month": "2024-01",
        "country": lambda: "",
    }
    return ctx | extra


def test_a_head_and_a_group_name_one_metric():
    assert metric_of("killed", "military", _ctx()) == "military_killed"
    assert metric_of("killed", "isis", _ctx()) == "isis_killed"
    assert metric_of("raids", "", _ctx(camp=True)) == "hol_raids"
    assert metric_of("repatriated", "children", _ctx(country=lambda: "Russia")) == "repatriation_children:Russia"
    assert metric_of("", "people", _ctx("the unrest left people dead")) == ""
