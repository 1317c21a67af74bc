"""The report's area (data/raw/gazetteer/area.csv): checked rows, and where a place stands in a month."""

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest.area import area_status, load_area
from analysis.ingest.places import load_gazetteer

from ..conftest import append_line


def sub_districts():
    places = load_gazetteer().places
    return set(places.index[places["kind"] == "sub-district"])


def test_the_area_table_names_known_sub_districts_without_overlaps():
    area = load_area(known_places=sub_districts())
    assert set(area["status"]) == {"in", "split"}
    assert {"Jazira", "Euphrates", "Raqqa", "Tabqa", "Manbij", "Deir ez-Zor"} == set(area["region"])


@pytest.mark.parametrize(
    "line, message",
    [
        ("SY999999,Nowhere,SY9999,Jazira,in,2019-01,,SYNTHETIC,", "adm3_pcode 'SY999999': not a sub-district"),
        ("SY080000,Al-Hasakeh,SY0800,Jazira,inside,2019-01,,SYNTHETIC,", "status 'inside': must be one of in, split"),
        ("SY080000,Al-Hasakeh,SY0800,Jazira,in,2019-1,,SYNTHETIC,", "first_month '2019-1': must be a month"),
        ("SY080000,Al-Hasakeh,SY0800,Jazira,in,2020-01,,SYNTHETIC,", "overlaps the months of another row"),
    ],
)
def test_a_bad_row_is_named_with_its_line_column_and_rule(tmp_path, line, message):
    path = tmp_path / "area.csv"
    path.write_text(load_area().to_csv(index=False), encoding="utf-8")
    append_line(path, line)
    with pytest.raises(InputFileError, match=message) as error:
        load_area(path, sub_districts())
    assert "line 52" in str(error.value)


def test_where_a_place_stands_in_a_month():
    area = load_area()
    cases = [
        ("SY1102", "SY110200", "2019-09", "in"),  # Tell Abiad before October 2019
        ("SY1102", "SY110200", "2019-10", "split"),  # and after
        ("SY0901", "SY090102", "2023-11", "in"),  # Basira, east of the Euphrates
        ("SY0903", "SY090300", "2023-11", "split"),  # Al Mayadin, where the river is the line
        ("SY0903", "", "2023-11", "district only"),
        ("SY0202", "", "2023-11", "outside"),  # Al Bab
        ("", "", "2023-11", "unresolved"),
    ]
    frame = pd.DataFrame(cases, columns=["adm2", "adm3", "month", "expected"])
    assert area_status(frame["adm2"], frame["adm3"], frame["month"], area).tolist() == frame["expected"].tolist()
