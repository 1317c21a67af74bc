"""Reviewers' targets through make: `make all` (incremental by content, two at a time, keeps going) and
provenance. The copy's monthly notebook has no standard figure cells (the full one: tests/report and
test_verify)."""

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths

from ..conftest import copy_project, lighten_monthly_notebook, make, replace_text

pytestmark = pytest.mark.slow
MONTHS = "MONTHS=2021-06 2023-10 2023-11"


def built(out: subprocess.CompletedProcess) -> set[str]:
    match = re.search(r"^  built: (.*)$", out.stdout, re.M)
    return set(match.group(1).split()) if match else set()


def outputs(root: Path) -> dict[str, str]:
    from analysis.run.verify import checksums

    return checksums(root)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("all"), processed=True)
    lighten_monthly_notebook(root)
    out = make(root, "-j2", "all", MONTHS)
    assert out.returncode == 0, out.stdout + out.stderr
    assert built(out) == {"2021-06", "2023-10", "2023-11", "overview"}
    assert "Summary: 4 built, 0 skipped" in out.stdout and "2 at a time" in out.stdout
    assert "[4/4]" in out.stdout
    return root


def test_second_run_with_nothing_changed_runs_no_notebook(project):
    out = make(project, "all", MONTHS)
    assert out.returncode == 0
    assert "Summary: 0 built, 4 skipped (up to date), 0 failed" in out.stdout
    assert "built in" not in out.stdout and "data/processed from data/raw" not in out.stdout


def test_a_changed_october_figure_reruns_only_what_reads_it(project):
    replace_text(project / "data/raw/monthly_figures.csv", "2023-10,military_injured,8,", "2023-10,military_injured,9,")
    out = make(project, "all", "JOBS=2", MONTHS)
    assert out.returncode == 0, out.stdout + out.stderr
    assert built(out) == {"2023-10", "2023-11", "overview"}  # June 2021's report does not read October 2023
    assert "2 at a time" in out.stdout
    kf = pd.read_csv(project / "reports/2023-11/key_figures.csv").set_index("metric")
    assert kf.loc["military_injured", "previous_value"] == 9


def test_one_failed_month_does_not_stop_the_others(tmp_path):
    import nbformat

    root = copy_project(tmp_path / "failing", processed=True)
    lighten_monthly_notebook(root)
    notebook = root / "notebooks/monthly_report.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('assert MONTH != "2023-10", "a failure injected by the test"'))
    nbformat.write(nb, notebook)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")} | {"PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "all", "--months", "2023-10", "2023-11", "--no-overview"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )  # one report at a time, in one kernel
    assert out.returncode != 0 and "at a time" not in out.stdout
    assert "FAILED 2023-10" in out.stdout and "Summary: 1 built, 0 skipped (up to date), 1 failed" in out.stdout
    assert "failed in cell" in out.stdout and "a failure injected by the test" in out.stdout
    assert (root / "reports/2023-11/key_points.md").exists() and not (root / "reports/2023-10").exists()
    assert not [p for p in (root / "reports").rglob("*") if ".staging" in p.parts and p.is_file()]


def test_provenance_records_inputs_code_environment_and_outputs(project):
    record = json.loads((project / "reports/2023-11/provenance.json").read_text())
    assert record["parameters"]["MONTH"] == "2023-11" and record["parameters"]["VINTAGE"] == "current"
    manifest = pd.read_csv(paths.MANIFEST, dtype=str)
    assert set(record["raw_inputs"]) == set(manifest["path"])
    assert record["lock"]["sha256"] == hashlib.sha256((project / "requirements.lock").read_bytes()).hexdigest()
    assert record["packages"]["pandas"]["pinned"] == record["packages"]["pandas"]["installed"] == "3.1.1"
    assert all(p["pinned"] == p["installed"] for p in record["packages"].values())
    assert record["python"].startswith("3.11")
    assert "commit" in record["git"] and "dirty" in record["git"]
    assert (
        record["outputs"]["reports/2023-11/key_points.md"]
        == hashlib.sha256((project / "reports/2023-11/key_points.md").read_bytes()).hexdigest()
    )
    assert len(record["inputs"]["digest"]) == 64 and len(record["inputs"]["files_digest"]) == 64
    kf = pd.read_csv(project / "reports/2023-11/key_figures.csv").set_index("metric")
    statements = pd.read_csv(project / "reports/2023-11/sources.csv")
    assert set(kf.loc["attacks", "statement_ids"].split(";")) <= set(statements["statement_id"])


def test_git_state_is_recorded_in_a_checkout():
    from analysis.run.provenance import git_state

    state = git_state(paths.ROOT)
    assert re.fullmatch(r"[0-9a-f]{40}", state["commit"]) and isinstance(state["dirty"], bool)
