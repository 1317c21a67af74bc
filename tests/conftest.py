"""Shared fixtures: a writable copy of the synthetic raw folder (with the real gazetteer)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from analysis import paths

FIXTURES = Path(__file__).parent / "fixtures"
collect_ignore = ["notebooks"]  # the strict-output fixture runs in its own nbval session (test_notebook_outputs)
TODAY = date(2026, 1, 1)  # fixed "today" so rules about the future do not depend on the clock


def tracked_raw(target: Path) -> Path:
    """A copy of data/raw as committed (its tracked files, as they are in the work tree): what the tests that
    build from the real data read, whatever exports or logs this checkout keeps there."""
    from analysis.run.verify import project_files

    for name in project_files(paths.ROOT):
        if name.startswith("data/raw/") and (paths.ROOT / name).is_file():
            (target / name[len("data/raw/"):]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(paths.ROOT / name, target / name[len("data/raw/"):])
    return target


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A temporary copy of tests/fixtures/raw_minimal (SYNTHETIC) plus the project's gazetteer."""
    target = tmp_path / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", target)
    shutil.copytree(paths.GAZETTEER, target / "gazetteer")
    return target


def synthetic_statements(rows):
    """clean.figure_statements over SYNTHETIC rows: (period, metric, value), or with report and published too."""
    import pandas as pd

    from analysis.ingest import clean

    full = [row if len(row) == 5 else (*row, f"Synthetic report {row[0]}", f"{row[0]}-28") for row in rows]
    frame = pd.DataFrame(full, columns=["period", "metric", "value", "report", "published"])
    frame["source_url"], frame["note"], frame["stated_in"] = "https://example.org/synthetic", "SYNTHETIC", ""
    frame["_line"], frame["_source"] = range(2, len(frame) + 2), "monthly_figures.csv"
    return clean.figure_statements(frame)


def ints(*values):
    """A nullable integer column (None = not published), as the processed tables hold counts."""
    import pandas as pd

    return pd.array(list(values), dtype="Int64")


def append_line(path: Path, line: str) -> None:
    """Add one CSV line to a raw file (the files end with a newline)."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace text once in a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_project(target: Path, processed: bool = False) -> Path:
    """A copy of the project files (mtimes kept) sharing this checkout's .venv; with `processed`, also this
    checkout's data/processed as `make test` built it (the copy rebuilds it only if it is not current). Its
    data/raw holds only the tracked files (verify.project_files): an ACLED export or an incident log kept in
    this checkout does not reach the tests."""
    from analysis.run.verify import project_files

    for name in project_files(paths.ROOT) + ["reports/SHA256SUMS"]:
        src = paths.ROOT / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    os.symlink(paths.ROOT / ".venv", target / ".venv")
    if processed and (paths.PROCESSED / "build.json").exists():
        shutil.copytree(paths.PROCESSED, target / "data/processed", dirs_exist_ok=True)
    return target


def lighten_monthly_notebook(root: Path) -> None:
    """Drop the standard figure cells from a project copy's monthly notebook. The runner's decisions do not
    depend on them and they take most of a run; the full notebook runs in tests/report and tests/run/test_verify."""
    import nbformat

    path = root / "notebooks" / "monthly_report.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if "cells.show_figure(" not in c.source]
    nbformat.write(nb, path)


@contextlib.contextmanager
def lightened_notebook(root: Path):
    """`lighten_monthly_notebook(root)`, with this process's runner pointed at that copy while the context
    lasts: reports run in-process (`cli.main`) otherwise take the checkout's own, full notebook."""
    from analysis.run import runner

    lighten_monthly_notebook(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "MONTHLY_NOTEBOOK", root / "notebooks" / "monthly_report.ipynb")
        yield


def make(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run make in a project copy, as a user would (with `env` added to the environment)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, capture_output=True, text=True,
                          env={**clean, **(env or {})})


# The longest files (tens of seconds of notebook runs each), longest first.
HEAVIEST = ("run/test_runner_end_to_end.py", "run/test_runner_inputs.py", "run/test_runner.py", "test_notebooks.py",
            "report/test_monthly_notebook.py", "run/test_verify.py", "ingest/test_properties.py",
            "report/test_jupyter_server.py", "run/test_cli.py", "report/test_notebook_outputs.py", "test_makefile.py")


def pytest_collection_modifyitems(config, items):
    """The heaviest files first, then the other slow ones, so that the two workers (pytest-xdist hands out
    whole files) finish together."""
    def weight(item) -> tuple[int, int]:
        path = Path(str(item.fspath)).relative_to(Path(__file__).parent).as_posix()
        rank = HEAVIEST.index(path) if path in HEAVIEST else len(HEAVIEST)
        return rank, 0 if item.get_closest_marker("slow") else 1

    items.sort(key=weight)
