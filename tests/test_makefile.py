"""The Makefile as a newcomer meets it: help, one-line targets, and user text that is never code."""

import os
import time
from pathlib import Path

import pytest

from .conftest import copy_project, make

pytestmark = pytest.mark.slow
INJECTION = "$(shell touch pwned)"
USER_VARIABLES = (
    "MONTH",
    "MONTHS",
    "VINTAGE",
    "JOBS",
    "ALLOW_REJECTIONS",
    "FILE",
    "REPORT",
    "PUBLISHED",
    "URL",
    "APPLY",
    "BENCH_SIZES",
    "PYTEST_ARGS",
    "AGAINST",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), processed=True)


def test_help_lists_every_target(project):
    out = make(project, "help")
    assert out.returncode == 0
    phony = [line for line in (project / "Makefile").read_text().splitlines() if line.startswith(".PHONY:")][-1]
    for target in phony.split(":", 1)[1].split():
        assert f"  {target} " in out.stdout, target


def test_every_recipe_is_one_call_without_stamp_files(project):
    text = (project / "Makefile").read_text()
    for word in (".stamp", ".built", ".fingerprints", ".run/", "$(MAKE)"):
        assert word not in text, word


@pytest.mark.parametrize("how", ["command line", "environment"])
def test_user_text_is_never_expanded_by_make(project, how):
    """Regression: `make help 'MONTHS=$(shell touch pwned)'` used to run the command."""
    for variable in USER_VARIABLES:
        if how == "command line":
            out = make(project, "help", f"{variable}={INJECTION}")
        else:
            out = make(project, "help", env={variable: INJECTION})
        assert out.returncode == 0, out.stderr
        assert not (project / "pwned").exists(), variable


@pytest.mark.parametrize(
    "target, variable, value",
    [
        ("monthly", "MONTH", INJECTION),
        ("monthly", "MONTH", '2023-11"; touch pwned; "'),
        ("monthly", "VINTAGE", INJECTION),
        ("all", "MONTHS", INJECTION),
        ("all", "MONTHS", "2023-11 `touch pwned`"),
        ("all", "JOBS", "2; touch pwned"),
        ("verify", "MONTHS", INJECTION),
        ("check-draft", "DRAFT", INJECTION),
        ("check-draft", "DRAFT", 'x.md"; touch pwned; "'),
        ("record-published", "FILE", INJECTION),
        ("record-published", "FILE", 'x.md"; touch pwned; "'),
        ("record-published", "REPORT", '"; touch pwned; "'),
        ("record-published", "URL", INJECTION),
        ("record-published", "PUBLISHED", "--apply"),
    ],
)
def test_targets_pass_user_text_as_data(project, target, variable, value):
    month = ["MONTH=2023-11"] if target in ("check-draft", "record-published") else []
    out = make(project, target, *month, f"{variable}={value}")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert not (project / "pwned").exists()


def test_make_test_lints_first_and_a_finding_fails_it(project):
    """make test and test-fast start with make lint (ruff's lint and format check over the tree, clean); an unused
    import fails it, and so does a file ruff would format."""
    text = (project / "Makefile").read_text()
    for target in ("test", "test-fast"):
        assert any(line.startswith(f"{target}: ") and "lint" in line.split() for line in text.splitlines()), target
    out = make(project, "lint")
    assert out.returncode == 0, out.stdout + out.stderr
    bad = project / "analysis" / "lint_probe.py"
    bad.write_text('"""SYNTHETIC: a module with an unused import."""\n\nimport os\n', encoding="utf-8")
    try:
        out = make(project, "lint")
    finally:
        bad.unlink()
    assert out.returncode != 0 and "F401" in out.stdout + out.stderr
    bad.write_text('"""SYNTHETIC: a module ruff would format."""\n\nx = {  "a":1}\n', encoding="utf-8")
    try:
        out = make(project, "lint")
    finally:
        bad.unlink()
    assert out.returncode != 0 and "ruff format" in out.stdout + out.stderr


def test_make_data_is_a_no_op_when_nothing_changed(project):
    first = make(project, "data")
    assert first.returncode == 0, first.stderr
    again = make(project, "data")
    assert again.returncode == 0 and "up to date" in again.stdout


def test_a_copy_sharing_the_venv_never_reinstalls_it(project):
    """Scratch copies (tests, verify, bench) link to this checkout's .venv; reinstalling from a copy would
    point the editable `analysis` at the copy, and break every later run once the copy is deleted."""
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
    where = subprocess.run(
        [sys.executable, "-c", "import analysis; print(analysis.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout
    assert Path(where.strip()).parent == paths.ROOT / "analysis"
