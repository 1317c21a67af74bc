"""The catalog of data/processed (analysis/catalog.py) is what the build writes and what the loader reads: a build
given every optional input (SYNTHETIC logs, team records, a closed month, an ACLED export) writes exactly the
listed files, each table with exactly its listed columns."""

import dataclasses
import shutil
from datetime import UTC, datetime

import pandas as pd
import pytest

from analysis import catalog, paths
from analysis.ingest.build import build
from analysis.report.data import Processed, load_month, load_processed
from analysis.run.close import close

from .conftest import FIXTURES, SYNTHETIC_FIGURES, TODAY, write_synthetic_logs
from .ingest.test_acled import COLUMNS, ROWS


def raw_folder(target):
    """A copy of tests/fixtures/raw_minimal (SYNTHETIC) with the project's gazetteer (conftest.raw_dir's)."""
    shutil.copytree(FIXTURES / "raw_minimal", target)
    shutil.copytree(paths.GAZETTEER, target / "gazetteer")
    return target


@pytest.fixture(scope="module")
def full_build(tmp_path_factory):
    """Every processed table: SYNTHETIC figures, logs, the months they cover and an ACLED export built, a month
    closed (so late_arrivals exists), built again."""
    raw = raw_folder(tmp_path_factory.mktemp("every_input") / "raw")
    (raw / "monthly_figures.csv").write_text(SYNTHETIC_FIGURES, encoding="utf-8")
    write_synthetic_logs(raw)
    (raw / "acled").mkdir()
    pd.DataFrame(ROWS)[COLUMNS].to_csv(raw / "acled" / "export_synthetic.csv", index=False)
    out = raw.parent / "processed"
    build(raw, out, today=TODAY)
    close(raw, out, "2025-03", now=datetime(2025, 4, 2, 9, 30, tzinfo=UTC))
    build(raw, out, today=TODAY)
    return out


def written(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_build_with_every_input_writes_exactly_the_catalogued_tables_and_columns(full_build):
    listed = {t.file for t in catalog.TABLES} | {catalog.PANEL_PARQUET, catalog.MONTHS, catalog.PROVISIONAL_MONTHS}
    assert set(written(full_build)) - listed == set(), "written, not in analysis/catalog.py"
    assert listed - set(written(full_build)) == set(), "in analysis/catalog.py, not written"
    for table in catalog.TABLES:
        header = tuple(pd.read_csv(full_build / table.file, dtype=str, nrows=0).columns)
        assert header == table.columns, table.name


def test_a_build_without_optional_inputs_writes_the_files_every_build_writes(tmp_path, full_build):
    """Run over a copy of the full build: the tables of inputs no longer there are removed."""
    out = shutil.copytree(full_build, tmp_path / "processed")
    build(raw_folder(tmp_path / "raw"), out, today=TODAY)
    assert written(out) == sorted(catalog.FILES)


def test_the_loader_reads_what_the_catalog_says(full_build):
    data = load_processed(full_build)
    assert sorted(data.optional) == sorted(catalog.OPTIONAL)
    assert sorted(load_month(full_build, "2025-03").optional) == sorted(
        [*catalog.MONTH_OPTIONAL, "incidents_dates", "raids_dates"]
    )  # the dates each log covers
    for table in catalog.TABLES:
        frame = data.optional.get(table.name, getattr(data, table.name, None))
        if frame is not None:
            assert {c: str(frame[c].dtype) for c in table.counts} == {c: "Int64" for c in table.counts}, table.name


def test_the_catalog_is_consistent_with_the_reports_tables():
    assert [f.name for f in dataclasses.fields(Processed)] == [*catalog.REQUIRED, "vintage", "optional"]
    assert len(catalog.CATALOG) == len(catalog.TABLES)
    for table in catalog.TABLES:
        assert set(table.counts) <= set(table.columns), table.name
        assert len(set(table.columns)) == len(table.columns), table.name
        assert table.read in ("required", "as-published", "optional", "month only"), table.name
        assert not (table.inputs and table.read == "required"), f"{table.name}: every report needs it"
