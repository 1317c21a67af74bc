"""What a report reads: the processed tables, typed, and a clear message when one was damaged by hand."""

import shutil

import pytest

from analysis.errors import AnalysisError
from analysis.report.data import load_month, load_processed
from analysis.run.data_build import ensure_data

from ..conftest import tracked_raw


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    ensure_data(tracked_raw(tmp_path_factory.mktemp("raw")), out, quiet=True)
    return out


def test_a_month_is_handed_its_own_rows(processed):
    data = load_month(processed, "2023-11")
    assert data.monthly["month"].min() == "2021-12" and data.monthly["month"].max() == "2023-11"
    assert set(data.figures["period"]) == {"2023-10", "2023-11"}
    assert (data.developments["month"] <= "2023-11").all()
    charted = data.developments[data.developments["month"] != "2023-11"]
    assert (charted["on_charts"] == "yes").all() and (charted["month"] >= "2021-12").all()


@pytest.mark.parametrize(
    "damage, words",
    [
        ("monthly.csv", "line 3, column 'attacks': 'many' is not a count"),
        ("figures.csv", "lacks the column 'value'"),
    ],
)
def test_a_hand_edited_processed_table_is_named_with_what_to_do(processed, tmp_path, damage, words):
    copy = tmp_path / "processed"
    shutil.copytree(processed, copy)
    path = copy / damage
    lines = path.read_text().splitlines()
    if damage == "monthly.csv":
        cells = lines[2].split(",")
        cells[lines[0].split(",").index("attacks")] = "many"
        lines[2] = ",".join(cells)
    else:
        lines[0] = lines[0].replace(",value,", ",amount,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(AnalysisError, match="processed table") as error:
        load_processed(copy)
    assert words in str(error.value) and str(path) in str(error.value) and "make data" in str(error.value)


def test_a_huge_cell_is_quoted_short_in_messages():
    from analysis.errors import quoted

    assert quoted("11") == "'11'"
    text = quoted("9" * 5000)
    assert len(text) < 80 and "5,000 characters" in text
