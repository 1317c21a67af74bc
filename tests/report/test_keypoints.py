"""Key-point sentences: grammar for 0, 1 and many, for up, down and no change, and for unpublished figures."""

import itertools

import pandas as pd
import pytest

from analysis.ingest import clean
from analysis.ingest.panel import monthly_panel
from analysis.report import keypoints
from analysis.report.facts import MonthFacts
from analysis.report.keypoints import attacks_point, casualties_point, raids_point
from analysis.report.wording import counted

from ..conftest import synthetic_statements

DEFS = pd.DataFrame(
    {"definition": ["old", "confirmed_isis"], "first_month": ["2000-01", "2001-05"], "last_month": ["2001-04", ""]}
)


def facts(rows, month="2001-06"):
    """MonthFacts over SYNTHETIC statements: rows of (period, metric, value)."""
    figures = clean.first_and_current(synthetic_statements(rows))
    return MonthFacts(figures, monthly_panel(figures, DEFS), month)


@pytest.mark.parametrize(
    "now, before, expected",
    [
        ("11", "17", "11 confirmed ISIS sleeper cell attacks across NES in June, down from 17 in May"),
        ("17", "6", "17 confirmed ISIS sleeper cell attacks across NES in June, up from 6 in May"),
        ("9", "9", "9 confirmed ISIS sleeper cell attacks across NES in June, the same as in May"),
        ("1", "2", "1 confirmed ISIS sleeper cell attack across NES in June, down from 2 in May"),
        ("0", "1", "No confirmed ISIS sleeper cell attacks across NES in June, down from 1 in May"),
        ("5", "~19", "5 confirmed ISIS sleeper cell attacks across NES in June, down from about 19 in May"),
    ],
)
def test_attacks_sentence(now, before, expected):
    assert attacks_point(facts([("2001-06", "attacks", now), ("2001-05", "attacks", before)])) == expected


def test_attacks_sentence_when_previous_or_current_is_not_published():
    assert (
        attacks_point(facts([("2001-06", "attacks", "4"), ("2001-05", "raids", "3")]))
        == "4 confirmed ISIS sleeper cell attacks across NES in June; May's figure was not published"
    )
    assert (
        attacks_point(facts([("2001-06", "raids", "3"), ("2001-05", "attacks", "3")]))
        == "The number of confirmed ISIS sleeper cell attacks in June was not published"
    )


def test_attacks_sentence_notes_a_definition_change():
    sentence = attacks_point(facts([("2001-05", "attacks", "26"), ("2001-04", "attacks", "54")], "2001-05"))
    assert sentence.endswith("(counted under the earlier, broader definition)")
    older = attacks_point(facts([("2001-04", "attacks", "54"), ("2001-03", "attacks", "19")], "2001-04"))
    assert older.startswith("54 sleeper cell attacks across NES in April")


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [
                ("military_killed", "4"),
                ("military_injured", "5"),
                ("civilian_killed", "0 (implied)"),
                ("civilian_injured", "7"),
            ],
            "4 military personnel killed and 5 injured, and 7 civilians injured in these attacks",
        ),
        (
            [("military_killed", "1"), ("military_injured", "0"), ("civilian_killed", "1"), ("civilian_injured", "1")],
            "1 member of the security forces killed, and 1 civilian killed and 1 injured in these attacks",
        ),
        (
            [("military_killed", "0"), ("military_injured", "0"), ("civilian_killed", "0"), ("civilian_injured", "0")],
            "no military personnel killed or injured, and no civilians killed or injured in these attacks",
        ),
        (
            [("military_killed", "4"), ("civilian_killed", "7")],
            "4 military personnel and 7 civilians killed in these attacks; injuries were not published",
        ),
        (
            [("military_killed", "3")],
            "3 military personnel killed (injuries not published) in these attacks; "
            "civilian casualties were not published",
        ),
        (
            [("deaths_total", "19"), ("injured_total", "≥39")],
            "19 people killed and at least 39 injured in these attacks (only totals were published)",
        ),
        ([("raids", "2")], "Casualty figures for June were not published"),
    ],
)
def test_casualty_sentence(rows, expected):
    assert casualties_point(facts([("2001-06", m, v) for m, v in rows])) == expected


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [("raids", "10"), ("arrests", "17"), ("isis_killed", "1"), ("isis_officials_killed", "1")],
            "10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS official killed",
        ),
        ([("raids", "1"), ("arrests", "1")], "1 raid conducted on ISIS sleeper cells, resulting in 1 arrest"),
        ([("raids", "0")], "No raids conducted on ISIS sleeper cells"),
        (
            [("raids", "10"), ("arrests", "30"), ("isis_killed", "7")],
            "10 raids conducted on ISIS sleeper cells, resulting in 30 arrests and 7 ISIS members killed",
        ),
        (
            [("raids", "4"), ("arrests", "7"), ("isis_killed", "3"), ("isis_officials_killed", "1")],
            "4 raids conducted on ISIS sleeper cells, resulting in 7 arrests and 3 ISIS members killed, "
            "including 1 official",
        ),
        (
            [("arrests", ">200")],
            "more than 200 arrests in raids on ISIS sleeper cells (the number of raids was not published)",
        ),
        ([("attacks", "3")], "Raid figures for June were not published"),
    ],
)
def test_raids_sentence(rows, expected):
    assert raids_point(facts([("2001-06", m, v) for m, v in rows])) == expected


def test_no_sentence_ever_prints_nan_or_none():
    f = facts([("2001-06", "attacks", "3")])
    text = " ".join([attacks_point(f), casualties_point(f), raids_point(f)])
    assert "nan" not in text.lower() and "none" not in text.lower() and "<na>" not in text.lower()


def test_a_body_text_figure_is_never_joined_to_a_key_point_figure():
    """The report's key points give 17 arrests; only its body text gives 5 ISIS members killed (SYNTHETIC)."""
    rows = synthetic_statements([("2001-06", "raids", "10"), ("2001-06", "arrests", "17")])
    body = synthetic_statements([("2001-06", "isis_killed", "5")]).assign(stated_in="body_text")
    figures = clean.first_and_current(pd.concat([rows, body], ignore_index=True))
    point = raids_point(MonthFacts(figures, monthly_panel(figures, DEFS), "2001-06"))
    assert point == (
        "10 raids conducted on ISIS sleeper cells, resulting in 17 arrests (the report's body text "
        "adds 5 ISIS members killed)"
    )


def test_a_month_whose_report_was_not_found_is_not_called_unpublished():
    figures = clean.first_and_current(synthetic_statements([("2001-06", "attacks", "4")]))
    panel = monthly_panel(figures, DEFS).assign(own_report="not_found")
    f = MonthFacts(figures, panel, "2001-06")
    assert casualties_point(f) == "Casualty figures for June are not known (the month's report was not found)"
    assert raids_point(f) == "Raid figures for June are not known (the month's report was not found)"
    assert "not published" not in casualties_point(f) + raids_point(f)


@pytest.mark.parametrize(
    "listed, expected",
    [
        ([], ["attacks", "casualties", "raids", "camp", "repatriations", "development:1", "development:2"]),
        (
            ["development:2", "attacks", "repatriations", "development:1"],
            ["development:2", "attacks", "casualties", "raids", "camp", "repatriations", "development:1"],
        ),
        (
            ["raids", "attacks"],
            ["raids", "attacks", "casualties", "camp", "repatriations", "development:1", "development:2"],
        ),
        (
            ["development:9", "camp"],
            ["attacks", "casualties", "raids", "camp", "repatriations", "development:1", "development:2"],
        ),  # a kind the month does not have is passed over
    ],
)
def test_key_points_follow_the_reports_order_and_the_rest_keep_their_place(listed, expected):
    kinds = ["attacks", "casualties", "raids", "camp", "repatriations", "development:1", "development:2"]
    assert keypoints.in_report_order(kinds, listed) == expected


def test_camp_and_repatriation_sentences():
    camps = pd.DataFrame(
        {
            "month": ["2001-06"] * 4,
            "camp": ["al-Hol"] * 4,
            "as_of_date": ["2001-06-01"] * 4,
            "report": ["RIC synthetic"] * 4,
            "group": ["total", "iraqi", "syrian", "third_country"],
            "population": pd.array([100, 50, 30, 20], dtype="Int64"),
            "qualifier": ["", "", "", ""],
        }
    )
    assert (
        keypoints.camp_point(camps, "2001-06")
        == "al-Hol camp held 100 people in June: 50 Iraqis, 30 Syrians and 20 third-country foreigners"
    )
    assert keypoints.camp_point(camps, "2001-07") is None
    reps = pd.DataFrame(
        {
            "month": ["2001-06", "2001-06"],
            "country": ["Examplestan", "Otherland"],
            "camp": ["al-Hol", ""],
            "repatriated_from": ["camp", "nes_camps"],
            "people": pd.array([776, 3], dtype="Int64"),
            "people_qualifier": ["", "implied"],
            "women": pd.array([None, 1], dtype="Int64"),
            "women_qualifier": ["", ""],
            "children": pd.array([None, 2], dtype="Int64"),
            "children_qualifier": ["", ""],
            "families": pd.array([192, None], dtype="Int64"),
            "families_qualifier": ["", ""],
        }
    )
    assert keypoints.repatriation_points(reps, "2001-06") == [
        "Examplestan repatriated 776 people (192 families) from al-Hol camp",
        "Otherland repatriated 1 woman and 2 children from NES camps",
    ]


def test_developments_follow_the_numbers_in_the_editors_order_and_every_bullet_starts_with_a_capital():
    """SYNTHETIC developments: numbers first, then the month's developments by key_point_order."""
    rows = [("2001-06", "attacks", "3"), ("2001-05", "attacks", "4")]
    figures = clean.first_and_current(synthetic_statements(rows))
    camps = pd.DataFrame(
        {
            "month": ["2001-06"] * 2,
            "camp": ["al-Hol"] * 2,
            "as_of_date": ["2001-06-01"] * 2,
            "report": ["RIC synthetic"] * 2,
            "group": ["total", "iraqi"],
            "population": pd.array([100, 50], dtype="Int64"),
            "qualifier": ["", ""],
        }
    )
    developments = pd.DataFrame(
        {
            "month": ["2001-06", "2001-06", "2001-05"],
            "key_point_order": [2, 1, 1],
            "summary": ["second of June", "first of June", "of May"],
        }
    )
    empty = pd.DataFrame(columns=["month", "country", "period_end", "area"])
    points = keypoints.key_points(figures, monthly_panel(figures, DEFS), camps, empty, empty, "2001-06", developments)
    assert points[-2:] == ["First of June", "Second of June"]
    assert points[0].startswith("3 confirmed") and "Al-Hol camp held 100 people in June: 50 Iraqis" in points
    assert all(p[0].isupper() or p[0].isdigit() for p in points)
    assert keypoints.key_points(figures, monthly_panel(figures, DEFS), camps, empty, empty, "2001-06")[-1].startswith(
        "Al-Hol"
    )  # no developments table: the numbers alone


# --- the templates over the cross product of the cases a month can bring --------------------------------

COUNTS = [(0, ""), (1, ""), (1, "≥"), (1, "~"), (2, ""), (39, "≥"), (1700, ">"), (19, "~"), (3, "implied")]


@pytest.mark.parametrize("value, qualifier", COUNTS)
def test_counted_agrees_in_number_for_every_count_and_qualifier(value, qualifier):
    text = counted(value, qualifier, "civilian", "civilians")
    assert text.endswith(" civilian") == (value == 1), text  # '1 civilian', 'at least 1 civilian', '2 civilians'
    assert "nan" not in text and ("0 civilians" not in text or qualifier)


KILLED_CASES = [None, (0, ""), (1, ""), (1, "≥"), (4, ""), (12, "~")]
INJURED_CASES = [None, (0, ""), (1, ""), (5, ""), (9, "≥")]


def test_casualty_sentences_for_every_combination():
    for killed, injured in itertools.product(KILLED_CASES, INJURED_CASES):
        rows = [("2001-06", "attacks", "3")]
        for metric, value in (
            ("military_killed", killed),
            ("military_injured", injured),
            ("civilian_killed", killed),
            ("civilian_injured", injured),
        ):
            if value is not None:
                rows.append(("2001-06", metric, f"{value[1]}{value[0]}"))
        text = keypoints.capitalised(casualties_point(facts(rows)))
        case = f"killed {killed}, injured {injured}: {text}"
        assert text[0].isupper() or text[0].isdigit(), case
        assert "1 military personnel" not in text and "1 civilians" not in text, case
        assert "nan" not in text.lower() and "<na>" not in text.lower(), case
        if killed == (1, "") and injured is not None and injured[0] != 0:
            assert text.startswith("1 member of the security forces killed and"), case


COUNTRIES = [
    ("Iraq", "Iraq"),
    ("United Kingdom", "The United Kingdom"),
    ("Netherlands", "The Netherlands"),
    ("United States", "The United States"),
    ("", "A country the source does not name"),
    ("Russia; United Kingdom", "Russia and the United Kingdom together"),
]
PLACES = [
    ("camp", "Roj", " from Roj camp"),
    ("nes_camps", "", " from NES camps"),
    ("detention_facilities", "", " from detention facilities in NES"),
    ("nes", "", " from NES"),
    ("camps_and_detention", "", " from camps and detention facilities in NES"),
    ("not_stated", "", ""),
]
PEOPLE = [
    ((1, ""), None, None, None, "1 person"),
    ((50, "~"), None, None, None, "about 50 people"),
    (None, (1, ""), (3, ""), None, "1 woman and 3 children"),
    (None, None, None, (1, ""), "1 family"),
    ((1700, ">"), None, None, (400, ""), "more than 1,700 people (400 families)"),
]


def test_repatriation_sentences_for_every_country_place_and_count():
    def count(pair):
        return (pd.array([None if pair is None else pair[0]], dtype="Int64"), "" if pair is None else pair[1])

    cases = list(itertools.product(COUNTRIES, PLACES, PEOPLE))
    columns = {
        "month": ["2001-06"] * len(cases),
        "country": [c[0][0] for c in cases],
        "camp": [c[1][1] for c in cases],
        "repatriated_from": [c[1][0] for c in cases],
    }
    for i, name in enumerate(("people", "women", "children", "families")):
        pairs = [count(c[2][i]) for c in cases]
        columns[name] = pd.array([p[0][0] for p in pairs], dtype="Int64")
        columns[f"{name}_qualifier"] = [p[1] for p in pairs]
    points = keypoints.repatriation_points(pd.DataFrame(columns), "2001-06")
    expected = [f"{said} repatriated {who}{phrase}" for (_, said), (_, _, phrase), (*_, who) in cases]
    assert [keypoints.capitalised(p) for p in points] == expected
