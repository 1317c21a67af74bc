"""The team's incident and raid logs (SYNTHETIC fixtures): schemas, bad input, aggregation, reconciliation."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InputFileError
from analysis.ingest import incidents
from analysis.ingest.places import load_gazetteer
from analysis.ingest.readers import read_table
from analysis.ingest.schemas import Context, validate

from ..conftest import TODAY, append_line

FIXTURES = Path(__file__).parents[1] / "fixtures" / "incidents"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def load(path, schema, gazetteer):
    frame = read_table(path)
    return validate(frame, schema, path, Context(today=TODAY, gazetteer=gazetteer))


@pytest.fixture
def logs(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "incidents")
    return tmp_path / "incidents"


def test_templates_have_the_documented_headers_and_a_commented_example(gazetteer):
    root = Path(__file__).parents[2] / "data" / "templates"
    for stem, schema in (("incident_log", incidents.INCIDENT_LOG), ("raid_log", incidents.RAID_LOG)):
        text = (root / f"{stem}.csv").read_text()
        assert text.splitlines()[0].split(",") == schema.column_names
        assert text.splitlines()[1].startswith("# EXAMPLE")
        kept, rejected = load(root / f"{stem}.csv", schema, gazetteer)
        assert kept.empty and rejected.empty  # the example is a comment, not data


def test_incident_log_cleans_and_aggregates(logs, gazetteer):
    kept, rejected = load(logs / "incident_log.csv", incidents.INCIDENT_LOG, gazetteer)
    assert rejected.empty, rejected.to_string()
    log = incidents.clean_log(kept, gazetteer, incidents.CASUALTIES).set_index("incident_id")
    assert log.loc["SYN-1", "adm3_pcode"] == "SY090102" and log.loc["SYN-2", "adm3_pcode"] == "SY090301"
    assert (log.loc["SYN-5", "adm3_pcode"], log.loc["SYN-5", "place_resolved_by"]) == ("SY090301", "coordinates")
    assert log.loc["SYN-3", "month"] == "2023-11"
    monthly = incidents.incidents_monthly(log.reset_index()).set_index("month")
    nov = monthly.loc["2023-11"]
    assert (nov.attacks, nov.attacks_unverified) == (4, 1)
    assert (nov.military_killed, nov.military_injured, nov.civilian_killed, nov.civilian_injured) == (3, 3, 1, 3)
    assert nov.civilian_killed_unknown == 1  # SYN-2 did not say: the sum is a floor, and we say so
    by_type = incidents.incidents_by(log.reset_index(), "attack_type")
    assert by_type[by_type.month == "2023-11"].set_index("attack_type")["attacks"].to_dict() == {
        "armed_attack": 2,
        "assassination": 1,
        "ied": 1,
    }
    by_district = incidents.incidents_by(log.reset_index(), "adm2_pcode")
    assert set(by_district["adm2_pcode"]) == {"SY0800", "SY0901", "SY0903"}


def test_raid_log_aggregates_with_unknown_counts_left_empty(logs, gazetteer):
    kept, rejected = load(logs / "raid_log.csv", incidents.RAID_LOG, gazetteer)
    assert rejected.empty
    raids = incidents.raids_monthly(
        incidents.clean_log(kept, gazetteer, ["arrests", "isis_killed", "officials_captured", "officials_killed"])
    )
    row = raids.set_index("month").loc["2023-11"]
    assert (row.raids, row.arrests, row.isis_killed, row.officials_captured, row.officials_killed) == (3, 8, 1, 1, 1)


@pytest.mark.parametrize(
    "line, column, reason",
    [
        (
            "SYN-7,2023-13-01,day,Basira,,,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,",
            "date",
            "not a real calendar date",
        ),
        ("SYN-7,2099-01-01,day,Basira,,,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,", "date", "in the future"),
        (
            "SYN-7,2023-11-01,day,Basira,,,ied,sdf,-1,0,0,0,confirmed,https://example.org/syn,",
            "military_killed",
            "negative",
        ),
        (
            "SYN-7,2023-11-01,day,Basira,,,ied,sdf,two,0,0,0,confirmed,https://example.org/syn,",
            "military_killed",
            "not a count",
        ),
        ("SYN-1,2023-11-01,day,Basira,,,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,", "incident_id", "repeats"),
        (
            "SYN-7,2023-11-01,day,Atlantis,,,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,",
            "location",
            "not in the gazetteer",
        ),
        (
            "SYN-7,2023-11-01,day,Atlantis,37.05,40.2,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,",
            "location",
            "no coordinates place it",
        ),  # a point just inside Turkey
        (
            "SYN-7,2023-11-01,day,Basira,,,drone,sdf,0,0,0,0,confirmed,https://example.org/syn,",
            "attack_type",
            "not one of",
        ),
        (
            "SYN-7,2023-11-01,fortnight,Basira,,,ied,sdf,0,0,0,0,confirmed,https://example.org/syn,",
            "date_precision",
            "not one of",
        ),
    ],
)
def test_bad_incident_rows_are_rejected_with_reasons(logs, gazetteer, line, column, reason):
    append_line(logs / "incident_log.csv", line)
    kept, rejected = load(logs / "incident_log.csv", incidents.INCIDENT_LOG, gazetteer)
    assert len(rejected) == 1 and len(kept) == 6
    assert (rejected.iloc[0]["column"], rejected.iloc[0]["line"]) == (column, 8)
    assert reason in rejected.iloc[0]["reason"]


def test_unknown_or_missing_columns_are_refused(logs, gazetteer):
    path = logs / "raid_log.csv"
    path.write_text(path.read_text().replace("arrests,", "arests,", 1))
    with pytest.raises(InputFileError, match="unknown column 'arests'"):
        load(path, incidents.RAID_LOG, gazetteer)


def test_xlsx_log_is_read_like_csv(logs, gazetteer, tmp_path):
    frame = pd.read_csv(logs / "raid_log.csv", dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "raid_log.xlsx", index=False)
    kept, rejected = load(tmp_path / "raid_log.xlsx", incidents.RAID_LOG, gazetteer)
    assert len(kept) == 3 and rejected.empty


def test_reconciliation_against_published_figures():
    computed = pd.DataFrame(
        {
            "month": ["2023-10", "2023-11"],
            "attacks": pd.array([17, 12], dtype="Int64"),
            "military_killed": pd.array([pd.NA, 4], dtype="Int64"),
        }
    )
    published = pd.DataFrame(
        {
            "month": ["2023-11"],
            "attacks": pd.array([11], dtype="Int64"),
            "military_killed": pd.array([4], dtype="Int64"),
        }
    )
    table = incidents.reconcile(computed, published, ["attacks", "military_killed"])
    assert table["status"].tolist() == ["not published", "not published", "differs", "match"]
    assert table.loc[2, "difference"] == 1
