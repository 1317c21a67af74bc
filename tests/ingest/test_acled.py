"""ACLED exports: formats, bad input, places (names, then coordinates), ISIS counts. All rows SYNTHETIC."""

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest.acled import is_isis, isis_events_by_month, read_acled, unresolved

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def event(
    eid,
    date,
    admin1,
    admin2,
    admin3,
    lat,
    lon,
    actor1="Islamic State (Syria)",
    etype="Battles",
    inter1="Rebel group",
    fatalities="1",
    country="Syria",
):
    return {
        "event_id_cnty": eid,
        "event_date": date,
        "year": date[-4:] if " " in date else date[:4],
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": etype,
        "sub_event_type": "Armed clash",
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": "QSD: Syrian Democratic Forces",
        "assoc_actor_2": "",
        "inter2": "Rebel group",
        "interaction": "Rebel group-Rebel group",
        "civilian_targeting": "",
        "iso": "760",
        "region": "Middle East",
        "country": country,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": admin3,
        "location": "Somewhere",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": "1",
        "source": "SYNTHETIC",
        "source_scale": "",
        "notes": "SYNTHETIC test event",
        "fatalities": fatalities,
        "tags": "",
        "timestamp": "1700000000",
    }


ROWS = [
    event("SYR1", "2023-11-05", "Deir-ez-Zor", "Deir-ez-Zor", "Basira", "35.19", "40.67"),
    event(
        "SYR2",
        "12 November 2023",
        "Al-Hasakeh",
        "Al-Hasakeh",
        "Hole",
        "36.43",
        "41.14",
        etype="Explosions/Remote violence",
    ),
    event(
        "SYR3", "2023-11-20", "Ar-Raqqa", "Ath-Thawrah", "", "35.83", "38.55", actor1="Unidentified Armed Group (Syria)"
    ),
    event("SYR4", "2023-10-30", "Deir-ez-Zor", "Nowhere district", "Nowhere", "35.03", "40.74"),  # coordinates decide
    event("SYR5", "2023-11-01", "Atlantis", "", "", "", ""),  # unresolvable: reported, never guessed
    event("IRQ1", "2023-11-02", "Ninewa", "Mosul", "", "36.3", "43.1", country="Iraq"),
]


def write(tmp_path, rows, name="acled.csv", columns=COLUMNS, transform=None):
    frame = pd.DataFrame(rows)[columns]
    if transform:
        frame = transform(frame)
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def test_reads_iso_and_dd_month_yyyy_dates_and_resolves_places(tmp_path):
    events = read_acled(write(tmp_path, ROWS), countries=("Syria",)).set_index("event_id")
    assert list(events.index) == ["SYR1", "SYR2", "SYR3", "SYR4", "SYR5"]
    assert events.loc["SYR2", "date"] == "2023-11-12" and events.loc["SYR2", "month"] == "2023-11"
    assert tuple(events.loc["SYR1", ["admin1_pcode", "admin2_pcode", "admin3_pcode"]]) == ("SY09", "SY0901", "SY090102")
    assert tuple(events.loc["SYR2", ["admin3_pcode", "place_resolved_by"]]) == ("SY080006", "names")
    assert tuple(events.loc["SYR3", ["admin2_pcode", "admin3_pcode"]]) == ("SY1103", "SY110300")  # point within
    assert tuple(events.loc["SYR4", ["admin3_pcode", "place_resolved_by"]]) == ("SY090301", "coordinates")
    assert tuple(events.loc["SYR5", ["admin1_pcode", "place_resolved_by"]]) == ("", "")
    assert unresolved(events.reset_index(), {"SY09"})[["admin1", "area", "events"]].values.tolist() == [
        ["Atlantis", "outside the area", 1]
    ]


def test_numeric_inter_codes_become_labels(tmp_path):
    rows = [dict(r, inter1="2", inter2="8") for r in ROWS[:2]]
    events = read_acled(write(tmp_path, rows))
    assert events["inter1"].tolist() == ["Rebel group"] * 2
    assert events["inter2"].tolist() == ["External/Other forces"] * 2


def test_extra_reordered_and_upper_case_columns_are_tolerated(tmp_path):
    def shuffle(frame):
        frame = frame[list(reversed(frame.columns))].copy()
        frame["population_best"] = "1000"
        return frame.rename(columns=str.upper)

    events = read_acled(write(tmp_path, ROWS[:3], transform=shuffle))
    assert events["event_id"].tolist() == ["SYR1", "SYR2", "SYR3"]


def test_missing_required_column_is_refused_clearly(tmp_path):
    path = write(tmp_path, ROWS, transform=lambda f: f.drop(columns=["event_date", "fatalities"]))
    with pytest.raises(InputFileError, match="lacks event_date, fatalities"):
        read_acled(path)


def test_bad_date_and_negative_fatalities_are_named(tmp_path):
    with pytest.raises(InputFileError, match="event_date.*'31/31/2023'"):
        read_acled(write(tmp_path, [dict(ROWS[0], event_date="31/31/2023")]))
    with pytest.raises(InputFileError, match="fatalities.*'-2'"):
        read_acled(write(tmp_path, [dict(ROWS[0], fatalities="-2")]))


def test_small_chunks_give_the_same_result(tmp_path):
    path = write(tmp_path, ROWS)
    pd.testing.assert_frame_equal(read_acled(path, chunksize=2), read_acled(path))


def test_isis_events_by_month_and_place_in_the_area(tmp_path):
    events = read_acled(write(tmp_path, ROWS))
    assert is_isis(events).sum() == 5  # SYR3 is not ISIS; IRQ1 is (no country filter here)
    events["area"] = ["in", "in", "in", "split", "unresolved", "outside"]  # as the build sets it from area.csv
    monthly = isis_events_by_month(events)
    assert monthly.to_dict("records") == [
        {
            "month": "2023-10",
            "event_type": "Battles",
            "area": "split",
            "events": 1,
            "fatalities": 1,
            "events_date_approximate": 0,
        },
        {
            "month": "2023-11",
            "event_type": "Battles",
            "area": "in",
            "events": 1,
            "fatalities": 1,
            "events_date_approximate": 0,
        },
        {
            "month": "2023-11",
            "event_type": "Battles",
            "area": "outside",
            "events": 1,
            "fatalities": 1,
            "events_date_approximate": 0,
        },
        {
            "month": "2023-11",
            "event_type": "Battles",
            "area": "unresolved",
            "events": 1,
            "fatalities": 1,
            "events_date_approximate": 0,
        },
        {
            "month": "2023-11",
            "event_type": "Explosions/Remote violence",
            "area": "in",
            "events": 1,
            "fatalities": 1,
            "events_date_approximate": 0,
        },
    ]


def test_dd_mm_yyyy_and_abbreviated_month_dates(tmp_path):
    rows = [dict(ROWS[0], event_date="05-11-2023"), dict(ROWS[1], event_date="12 Nov 2023")]
    events = read_acled(write(tmp_path, rows))
    assert events["date"].tolist() == ["2023-11-05", "2023-11-12"]
    assert events["month"].tolist() == ["2023-11", "2023-11"]


def test_bad_values_name_the_event_and_its_data_row(tmp_path):
    rows = [ROWS[0], ROWS[1], dict(ROWS[2], event_date="2023-02-30")]
    with pytest.raises(InputFileError, match=r"'2023-02-30' \(event SYR3, data row 3\)"):
        read_acled(write(tmp_path, rows), chunksize=2)


def test_coordinates_of_a_region_centre_are_not_snapped_to_a_sub_district(tmp_path):
    """geo_precision 3 means ACLED only knows the wider region: placing it in a sub-district would be a guess."""
    precise = dict(ROWS[3], event_id_cnty="SYR4a")
    vague = dict(ROWS[3], event_id_cnty="SYR4b", geo_precision="3")
    events = read_acled(write(tmp_path, [precise, vague])).set_index("event_id")
    assert tuple(events.loc["SYR4a", ["admin2_pcode", "place_resolved_by"]]) == ("SY0903", "coordinates")
    assert tuple(events.loc["SYR4b", ["admin1_pcode", "admin3_pcode", "place_resolved_by"]]) == ("SY09", "", "")
    assert events.loc["SYR4b", "geo_precision"] == "3"


def test_time_precision_is_kept_for_each_event(tmp_path):
    rows = [ROWS[0], dict(ROWS[1], time_precision="3")]
    events = read_acled(write(tmp_path, rows))
    assert events["time_precision"].tolist() == ["1", "3"]
    by_month = isis_events_by_month(events.assign(area="in"))
    assert by_month["events_date_approximate"].tolist() == [0, 1]  # SYR2's date is known only to the month


# --- places by polygon, never snapped (SYNTHETIC events at real coordinates) -------------------------------


def placed(tmp_path, *rows):
    events = read_acled(write(tmp_path, list(rows))).set_index("event_id")
    return {
        eid: tuple(r)
        for eid, r in events[
            ["admin1_pcode", "admin2_pcode", "admin3_pcode", "place_resolved_by", "names_disagree"]
        ].iterrows()
    }


def test_an_event_in_a_district_without_nes_units_is_coded_by_its_polygon_not_snapped(tmp_path):
    """Al Bab (Aleppo) and Palmyra (Homs) have no sub-districts in the gazetteer: the district is still exact,
    the sub-district left blank, and nothing is moved into Menbij or Deir-ez-Zor."""
    found = placed(
        tmp_path,
        event("BAB", "2023-11-01", "", "", "", "36.37", "37.52"),
        event("PAL", "2023-11-01", "", "", "", "34.56", "38.27"),
    )
    assert found["BAB"] == ("SY02", "SY0202", "", "coordinates", "")
    assert found["PAL"][:4] == ("SY04", "SY0405", "", "coordinates")  # Tadmor district


def test_when_names_and_coordinates_disagree_precise_coordinates_win_and_the_names_are_kept(tmp_path):
    names = ("Aleppo", "Menbij", "")  # the names say Menbij; the point is in Jarablus
    found = placed(
        tmp_path,
        event("P1", "2023-11-01", *names, "36.82", "38.01"),
        dict(event("P3", "2023-11-01", *names, "36.82", "38.01"), geo_precision="3"),
    )
    assert found["P1"] == ("SY02", "SY0208", "", "coordinates", "SY0205")
    assert found["P3"] == ("SY02", "SY0205", "", "names", "")  # a region's centre: the names stand


def test_a_point_just_outside_the_border_is_not_placed(tmp_path):
    found = placed(
        tmp_path,
        event("TR", "2023-11-01", "", "", "", "37.05", "40.20"),  # Turkey, north of Qamishli
        event("SY", "2023-11-01", "", "", "", "37.03", "41.20"),
    )
    assert found["TR"] == ("", "", "", "", "")
    assert found["SY"][1] == "SY0802"


def test_xlsx_and_csv_gz_exports_read_as_the_csv(tmp_path):
    csv_events = read_acled(write(tmp_path, ROWS))
    frame = pd.DataFrame(ROWS)[COLUMNS]
    frame.to_csv(tmp_path / "export.csv.gz", index=False)
    frame.to_excel(tmp_path / "export.xlsx", index=False)
    for name in ("export.csv.gz", "export.xlsx"):
        pd.testing.assert_frame_equal(read_acled(tmp_path / name), csv_events)


def test_precise_coordinates_give_the_polygon_district_and_nothing_outside_the_area_counts_in_it(tmp_path):
    """The issue's target in SYNTHETIC form: 400 random points over Aleppo, Al-Hasakeh, Ar-Raqqa and
    Deir-ez-Zor, their names taken from random districts (mostly wrong). Every point inside Syria gets the
    district the polygons give (the target on a real export is 99.5%), and is counted in the area only when
    that district holds area sub-districts. (A point the polygons leave outside Syria, as a border town's
    can be, keeps its names' place.)"""
    import random

    import numpy as np

    from analysis.boundaries import load_districts
    from analysis.ingest.area import area_status, load_area

    rng = random.Random(13)
    names = [
        ("Aleppo", "Menbij"),
        ("Al-Hasakeh", "Quamishli"),
        ("Ar-Raqqa", "Tell Abiad"),
        ("Deir-ez-Zor", "Abu Kamal"),
        ("Aleppo", "Al Bab"),
        ("", ""),
    ]
    rows = [
        dict(
            event(
                f"R{i}",
                "2023-11-01",
                *rng.choice(names),
                "",
                f"{rng.uniform(34.6, 37.3):.4f}",
                f"{rng.uniform(36.6, 42.3):.4f}",
            ),
            geo_precision=rng.choice(["1", "2"]),
        )
        for i in range(400)
    ]
    events = read_acled(write(tmp_path, rows))
    expected = load_districts().locate(events["longitude"].to_numpy(), events["latitude"].to_numpy())
    inside = expected != ""
    assert inside.sum() > 250  # the rest fall in Turkey or Iraq
    assert (events["admin2_pcode"].to_numpy()[inside] == expected[inside]).all()
    area = load_area()
    status = area_status(events["admin2_pcode"], events["admin3_pcode"], events["month"], area)
    counted = status.isin(["in", "split", "district only"]).to_numpy() & inside
    assert counted.any() and (inside & ~counted).any()
    assert np.isin(expected[counted], area["adm2_pcode"].unique()).all()
