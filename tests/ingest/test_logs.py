"""Logs processed a chunk at a time give exactly what processing them whole gives (SYNTHETIC fixtures)."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import incidents, logs
from analysis.ingest.places import load_gazetteer
from analysis.ingest.readers import read_table
from analysis.ingest.schemas import Context, validate
from analysis.outputs import csv_bytes

from ..conftest import TODAY, append_line

FIXTURES = Path(__file__).parents[1] / "fixtures" / "incidents"


@pytest.fixture(scope="module")
def ctx():
    return Context(today=TODAY, gazetteer=load_gazetteer())


def whole(path, schema, ctx):
    """The reference: the log read, validated, cleaned and aggregated in one piece."""
    kept, rejected = validate(read_table(path), schema, path, ctx)
    _, counts, tables = logs.LOGS[schema.name]
    log = incidents.clean_log(kept, ctx.gazetteer, counts)
    return log, rejected, tables(log)


@pytest.mark.parametrize("schema", [incidents.INCIDENT_LOG, incidents.RAID_LOG], ids=lambda s: s.name)
@pytest.mark.parametrize("rows", [1, 2, 3, 1000])
def test_chunks_give_the_same_tables_rejections_and_bytes(tmp_path, ctx, schema, rows):
    path = shutil.copy(FIXTURES / f"{schema.name}.csv", tmp_path)
    log, rejected, tables = whole(path, schema, ctx)
    run = logs.run_log(path, schema, ctx, tmp_path / "cleaned.csv", rows=rows)
    written = run.cleaned.commit()
    assert written.read_bytes() == csv_bytes(log)
    assert (run.read, run.kept) == (len(log) + len(rejected), len(log))
    pd.testing.assert_frame_equal(run.rejected.reset_index(drop=True), rejected.reset_index(drop=True))
    assert run.tables.keys() == tables.keys()
    for name, table in tables.items():
        pd.testing.assert_frame_equal(run.tables[name].reset_index(drop=True), table.reset_index(drop=True))


def test_an_id_repeated_in_another_chunk_is_rejected_as_in_a_whole_read(tmp_path, ctx):
    path = Path(shutil.copy(FIXTURES / "incident_log.csv", tmp_path))
    first = read_table(path).iloc[0]
    append_line(path, ",".join(str(first[c]) for c in incidents.INCIDENT_LOG.column_names))
    _, rejected, _ = whole(path, incidents.INCIDENT_LOG, ctx)
    assert rejected["reason"].str.contains("repeats the statement on line").any()
    run = logs.run_log(path, incidents.INCIDENT_LOG, ctx, tmp_path / "cleaned.csv", rows=2)
    pd.testing.assert_frame_equal(run.rejected.reset_index(drop=True), rejected.reset_index(drop=True))
    run.cleaned.discard()
    assert list(tmp_path.glob(".cleaned.csv.*")) == []


def test_nothing_is_published_until_commit(tmp_path, ctx):
    path = shutil.copy(FIXTURES / "raid_log.csv", tmp_path)
    run = logs.run_log(path, incidents.RAID_LOG, ctx, tmp_path / "raids.csv", rows=2)
    assert not (tmp_path / "raids.csv").exists()
    run.cleaned.commit()
    assert (tmp_path / "raids.csv").exists() and list(tmp_path.glob(".raids.csv.*")) == []


def test_a_short_row_late_in_the_file_restarts_with_the_careful_reader(tmp_path, ctx):
    """Streaming finds a short row only when it gets there; the log is then read whole, which pads it, and
    nothing of the first attempt is left behind."""
    path = Path(shutil.copy(FIXTURES / "raid_log.csv", tmp_path))
    first = read_table(path).iloc[0]
    append_line(
        path,
        ",".join(str(first[c]) for c in incidents.RAID_LOG.column_names[:-1]).replace(
            str(first["raid_id"]), "SYN-SHORT", 1
        ),
    )  # no notes cell at all
    log, rejected, tables = whole(path, incidents.RAID_LOG, ctx)
    assert "SYN-SHORT" in set(log["raid_id"])
    run = logs.run_log(path, incidents.RAID_LOG, ctx, tmp_path / "cleaned.csv", rows=1)
    assert run.cleaned.commit().read_bytes() == csv_bytes(log)
    assert list(tmp_path.glob(".cleaned.csv.*")) == []
