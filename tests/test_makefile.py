"""The Makefile as a newcomer meets it: help, incremental data builds, and safe MONTH handling."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from analysis import paths

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the tracked project (mtimes kept) sharing the existing .venv."""
    root = tmp_path_factory.mktemp("project")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=paths.ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        src = paths.ROOT / name
        if src.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, root / name)
    os.symlink(paths.ROOT / ".venv", root / ".venv")
    return root


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, capture_output=True, text=True)


def test_help_lists_every_target(project):
    out = make(project, "help")
    assert out.returncode == 0
    phony = next(l for l in (project / "Makefile").read_text().splitlines() if l.startswith(".PHONY:"))
    for target in phony.split(":", 1)[1].split():
        assert f"  {target} " in out.stdout, target


def test_make_data_does_nothing_when_nothing_changed(project):
    first = make(project, "data")
    assert first.returncode == 0, first.stderr
    assert (project / "data/processed/monthly.csv").exists()
    assert make(project, "-q", "data").returncode == 0  # up to date
    again = make(project, "data")
    assert again.stdout.strip() == "" or "Nothing to be done" in again.stdout
    time.sleep(1.1)
    (project / "data/raw/definitions.csv").touch()
    assert make(project, "-q", "data").returncode != 0  # a raw change makes it stale
    time.sleep(1.1)
    assert make(project, "data").returncode == 0
    (project / "analysis/panel.py").touch()
    assert make(project, "-q", "data").returncode != 0  # so does a library change


@pytest.mark.parametrize("month", ["2023-13", "", "1999-01", "2023-11;touch pwned", "$(shell touch pwned)"])
def test_bad_month_stops_before_anything_runs(project, month):
    before = {p for p in project.rglob("*") if ".venv" not in p.parts}
    out = make(project, "monthly", f"MONTH={month}")
    assert out.returncode != 0
    assert "Months with data" in out.stderr or "months with data" in out.stderr
    after = {p for p in project.rglob("*") if ".venv" not in p.parts}
    assert after == before, f"files written: {sorted(after - before)}"
    assert not (project / "pwned").exists()
