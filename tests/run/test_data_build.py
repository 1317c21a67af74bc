"""The data build is rebuilt exactly when what it reads changed, judged by content, never by file times.

Uses the SYNTHETIC raw fixture (tests/fixtures/raw_minimal) and a real build each time.
"""

import os
import shutil
from pathlib import Path

import pytest

from analysis.errors import InputFileError, RejectedRowsError
from analysis.run import data_build

from ..conftest import FIXTURES, append_line, replace_text

BAD_ROW = "2001-02,attacks,-3,,Bad,2001-03,https://example.org/x,SYNTHETIC"


@pytest.fixture
def built(raw_dir, tmp_path):
    processed = tmp_path / "processed"
    record, fresh = data_build.ensure_data(raw_dir, processed, quiet=True)
    assert fresh and (processed / "monthly.csv").exists()
    return raw_dir, processed


def test_nothing_changed_nothing_rebuilt(built):
    raw, processed = built
    assert data_build.ensure_data(raw, processed, quiet=True)[1] is False


def test_an_edit_is_seen_even_with_an_old_file_time(built):
    raw, processed = built
    path = raw / "monthly_figures.csv"
    replace_text(path, "2001-03,attacks,7,", "2001-03,attacks,99,")
    os.utime(path, (946684800, 946684800))  # 2000-01-01: older than the build
    assert data_build.ensure_data(raw, processed, quiet=True)[1] is True
    assert ",99," in (processed / "monthly_as_published.csv").read_text()  # 2001-03 was revised later


def test_a_build_with_rejections_allowed_is_never_reused_by_a_plain_build(built):
    raw, processed = built
    append_line(raw / "monthly_figures.csv", BAD_ROW)
    with pytest.raises(RejectedRowsError):
        data_build.ensure_data(raw, processed, quiet=True)
    assert data_build.ensure_data(raw, processed, allow_rejections=True, quiet=True)[1] is True
    with pytest.raises(RejectedRowsError, match="rejected"):  # plain again: stops again, lists the rows
        data_build.ensure_data(raw, processed, quiet=True)
    assert data_build.read_record(processed) is None  # no record of a current build is left to trust


def test_a_deleted_raw_file_is_noticed(built):
    raw, processed = built
    (raw / "us_position_attacks.csv").unlink()
    with pytest.raises(InputFileError, match="is missing"):  # a required table is gone: said, the old build not reused
        data_build.ensure_data(raw, processed, quiet=True)


@pytest.mark.parametrize("damage", ["delete folder", "delete file", "truncate", "hand edit"])
def test_damaged_processed_data_is_rebuilt(built, damage):
    raw, processed = built
    target = processed / "monthly.csv"
    original = target.read_bytes()
    if damage == "delete folder":
        shutil.rmtree(processed)
    elif damage == "delete file":
        target.unlink()
    elif damage == "truncate":
        target.write_bytes(original[:20])
    else:
        target.write_bytes(original.replace(b",5,", b",6,", 1))
    assert data_build.ensure_data(raw, processed, quiet=True)[1] is True
    assert target.read_bytes() == original


@pytest.mark.parametrize("folder, name", [("incidents", "incident_log.csv"), ("acled", "export.csv")])
def test_a_new_optional_input_triggers_a_rebuild(built, folder, name):
    raw, processed = built
    (raw / folder).mkdir(exist_ok=True)
    source = FIXTURES / "incidents" / name if folder == "incidents" else None
    if source is not None:
        shutil.copy(source, raw / folder / name)
    else:
        (raw / folder / name).write_text("event_id_cnty,event_date\n")  # SYNTHETIC; its content is judged later
    digest_before = data_build.read_record(processed)["digest"]
    assert data_build.inputs_digest(raw, False)[0] != digest_before


def test_the_record_lists_every_raw_input_and_output(built):
    raw, processed = built
    record = data_build.read_record(processed)
    assert set(record["raw"]) == {
        p.relative_to(raw).as_posix() for p in Path(raw).rglob("*") if p.is_file() and not p.name.startswith(".")
    }
    assert "monthly.csv" in record["outputs"] and "build.json" not in record["outputs"]
    assert record["options"] == {"allow_rejections": False}
