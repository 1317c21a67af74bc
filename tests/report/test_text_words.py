"""text_words: the reader's word helpers (our own SYNTHETIC phrases)."""

from analysis.report import lexicon
from analysis.report.text_words import MAX_SENTENCE, clause_spans, has, list_like, lookup, pieces, words_of


def test_a_key_ending_in_dollar_must_end_the_word():
    assert has("3 raids", ("raid",)) and has("3 raids", ("raids$",))
    assert not has("3 raiders", ("raid$",))


def test_lookup_names_the_entry_of_the_first_key_found():
    assert lookup("wounded", lexicon.HEADS) == "injured"
    assert lookup("soldiers", lexicon.GROUPS) == "military"
    assert lookup("tunnels", lexicon.HEADS) == ""


def test_words_are_lowered_and_stripped_of_trailing_punctuation():
    assert words_of("Eleven attacks, in March.") == ["eleven", "attacks", "in", "march"]


def test_a_comparison_opens_a_clause_of_its_own():
    sentence = "9 attacks this month, down from 14 in March"
    spans = clause_spans(sentence)
    assert [sentence[a:b].strip(", ") for a, b in spans] == ["9 attacks this month", "down from 14 in March"]


def test_a_list_glue_is_only_numbers_groups_and_heads():
    assert list_like(" military personnel and 7 ")
    assert not list_like(" near the checkpoint and ")


def test_a_long_sentence_is_cut_at_commas_never_inside_a_number():
    sentence = ", ".join(f"{i} raids" for i in range(1, 800))
    cut = pieces(sentence)
    assert "".join(cut) == sentence and all(len(p) <= MAX_SENTENCE + 20 for p in cut)
    assert all(p[:1].isdigit() or p[:1] == " " or p == cut[0] for p in cut)
