"""The Makefile as a newcomer meets it: help, incremental data builds, and safe MONTH handling."""

import time
from pathlib import Path

import pytest

from .conftest import copy_project, make

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


def test_help_lists_every_target(project):
    out = make(project, "help")
    assert out.returncode == 0
    phony = next(l for l in (project / "Makefile").read_text().splitlines() if l.startswith(".PHONY:"))
    internal = {"all-reports"}  # called by `make all`, not by people
    for target in set(phony.split(":", 1)[1].split()) - internal:
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
    time.sleep(1.1)  # file times tick coarsely: a touch in the same tick as the build is not "newer"
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


def test_a_copy_sharing_the_venv_never_reinstalls_it(project):
    """Scratch copies (tests, verify, bench) link to this checkout's .venv; reinstalling from a copy would
    point the editable `analysis` at the copy, and break every later run once the copy is deleted."""
    import os
    import subprocess
    import sys

    from analysis import paths

    future = time.time() + 3600
    os.utime(project / "pyproject.toml", (future, future))  # the copy's pyproject now looks newer than the venv
    stamp = (paths.ROOT / ".venv/.installed").stat().st_mtime
    out = make(project, "venv")
    assert out.returncode == 0, out.stderr
    assert "Creating" not in out.stdout
    assert (paths.ROOT / ".venv/.installed").stat().st_mtime == stamp
    where = subprocess.run([sys.executable, "-c", "import analysis; print(analysis.__file__)"], cwd="/",
                           capture_output=True, text=True, env={"PATH": os.environ["PATH"]}).stdout
    assert Path(where.strip()).parent == paths.ROOT / "analysis"
