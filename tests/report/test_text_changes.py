"""text_changes: percentages and differences between two months (our own SYNTHETIC sentences)."""

from analysis.report.text_reading import read_sentence


def _changes(sentence, month="2001-02"):
    return [
        (r.number.written, r.metric, r.month, r.measure, r.base_month)
        for r in read_sentence(sentence, month)
        if r.measure != "count"
    ]


def test_a_percentage_beside_words_of_change_compares_two_months():
    assert _changes("Recorded attacks rose 62% from 16 in January to 26 in February.") == [
        ("62%", "attacks", "2001-02", "percent_change", "2001-01")
    ]


def test_a_percentage_without_words_of_change_is_a_share():
    [reading] = read_sentence("ISIS claimed 85% of the month's attacks.", "2001-02")
    assert (reading.kind, reading.reason) == ("other", "a share, not a change")


def test_a_difference_is_checked_as_a_difference_never_as_a_count():
    assert _changes("25 attacks in February, 2 less than January.") == [
        ("2", "attacks", "2001-02", "difference", "2001-01")
    ]
