"""Shared fixtures: a writable copy of the synthetic raw folder (with the real gazetteer)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from analysis import paths

FIXTURES = Path(__file__).parent / "fixtures"
# pytest run inside a project copy: none of this checkout's options, the same start-up hooks, no cache.
PYTEST_IN_COPY = [
    sys.executable,
    "-m",
    "pytest",
    "-q",
    "-o",
    "addopts=",
    "-p",
    "tests.startup",
    "-p",
    "no:cacheprovider",
]
collect_ignore = ["notebooks"]  # the strict-output fixture runs in its own nbval session (test_notebook_outputs)
TODAY = date(2026, 1, 1)  # fixed "today" so rules about the future do not depend on the clock


def tracked_raw(target: Path) -> Path:
    """A copy of data/raw as committed (its tracked files, as they are in the work tree): what the tests that
    build from the real data read, whatever exports or logs this checkout keeps there."""
    from analysis.run.verify import project_files

    for name in project_files(paths.ROOT):
        if name.startswith("data/raw/") and (paths.ROOT / name).is_file():
            (target / name[len("data/raw/") :]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(paths.ROOT / name, target / name[len("data/raw/") :])
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
    nb.cells = [c for c in nb.cells if "drawn.show_figure(fig," not in c.source]  # the optional sections stay
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
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
    )


# The longest files (tens of seconds of notebook runs each), longest first.
HEAVIEST = (
    "run/test_runner_end_to_end.py",
    "run/test_runner_inputs.py",
    "run/test_runner.py",
    "test_notebooks.py",
    "report/test_monthly_notebook.py",
    "run/test_verify.py",
    "ingest/test_properties.py",
    "report/test_jupyter_server.py",
    "run/test_cli.py",
    "report/test_notebook_outputs.py",
    "test_makefile.py",
)


def pytest_collection_modifyitems(config, items):
    """The heaviest files first, then the other slow ones, so that the two workers (pytest-xdist hands out
    whole files) finish together."""

    def weight(item) -> tuple[int, int]:
        path = Path(str(item.fspath)).relative_to(Path(__file__).parent).as_posix()
        rank = HEAVIEST.index(path) if path in HEAVIEST else len(HEAVIEST)
        return rank, 0 if item.get_closest_marker("slow") else 1

    items.sort(key=weight)


SYNTHETIC_FIGURES = """period,metric,value,stated_in,report,published,source_url,note
2025-01,attacks,4,,SYNTHETIC report on January 2025,2025-02-05,https://example.org/synthetic/2025-01,SYNTHETIC
2025-01,raids,2,,SYNTHETIC report on January 2025,2025-02-05,https://example.org/synthetic/2025-01,SYNTHETIC
2025-02,attacks,5,,SYNTHETIC report on February 2025,2025-03-05,https://example.org/synthetic/2025-02,SYNTHETIC
2025-02,military_killed,1,,SYNTHETIC report on February 2025,2025-03-05,https://example.org/synthetic/2025-02,SYNTHETIC
2025-02,raids,3,,SYNTHETIC report on February 2025,2025-03-05,https://example.org/synthetic/2025-02,SYNTHETIC
"""
# SYNTHETIC log rows (ids SYN-): February 2025 both published and logged (the log counts 3 attacks, the report
# 5), March 2025 only logged, April 2025 unverified claims only, May 2025 covered with nothing logged.
SYNTHETIC_INCIDENTS = [
    "SYN-P1,2025-02-03,day,Basira,,,ied,sdf,1,0,0,0,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-P2,2025-02-10,day,Hajeen,,,armed_attack,asayish,0,1,0,0,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-P3,2025-02,month,Shaddadi,,,other,civilian,0,0,0,1,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-M1,2025-03-02,day,Basira,,,ied,sdf,2,1,0,0,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-M2,2025-03-09,week,Dhiban,,,armed_attack,asayish,1,,0,0,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-M3,2025-03,month,Raqqa,,,assassination,official_or_mukhtar,0,0,1,0,confirmed,https://example.org/syn,SYNTHETIC",
    "SYN-M4,2025-03-20,day,Hajeen,,,other,sdf,,,,,unverified_claim,https://example.org/syn,SYNTHETIC",
    "SYN-M5,2025-03-21,day,Raqqa,,,grenade,civilian,0,0,0,2,possibly_other_group,https://example.org/syn,SYNTHETIC",
    "SYN-M6,2025-03-22,day,Aleppo,,,ied,sdf,5,5,0,0,confirmed,https://example.org/syn,SYNTHETIC: outside the area",
    "SYN-A1,2025-04-04,day,Basira,,,other,sdf,,,,,unverified_claim,https://example.org/syn,SYNTHETIC",
    "SYN-A2,2025-04-11,day,Hajeen,,,other,sdf,,,,,unverified_claim,https://example.org/syn,SYNTHETIC",
]
SYNTHETIC_RAIDS = [
    "SYN-R1,2025-03-05,day,Shaddadi,,,joint_coalition,3,1,0,1,https://example.org/syn,SYNTHETIC",
    "SYN-R2,2025-03-15,day,al-Hol camp,,,Asayish,5,0,1,0,https://example.org/syn,SYNTHETIC",
]
SYNTHETIC_COVERED = """month,log,counted_by,counted_on,note
2025-02,incident_log,SYNTHETIC team,2025-03-01,SYNTHETIC
2025-03,incident_log,SYNTHETIC team,2025-04-01,SYNTHETIC
2025-03,raid_log,SYNTHETIC team,2025-04-01,SYNTHETIC
2025-04,incident_log,SYNTHETIC team,2025-05-01,SYNTHETIC
2025-05,incident_log,SYNTHETIC team,2025-06-01,SYNTHETIC
"""


def write_synthetic_logs(
    raw: Path, incidents=SYNTHETIC_INCIDENTS, raids=SYNTHETIC_RAIDS, covered: str = SYNTHETIC_COVERED
) -> Path:
    """SYNTHETIC incident and raid logs made from data/templates (header and all), and the months they cover."""
    folder = raw / "incidents"
    folder.mkdir(exist_ok=True)
    for stem, rows in (("incident_log", incidents), ("raid_log", raids)):
        template = (paths.DATA / "templates" / f"{stem}.csv").read_text(encoding="utf-8")
        (folder / f"{stem}.csv").write_text(template + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    (folder / "covered_months.csv").write_text(covered, encoding="utf-8")
    return folder


@pytest.fixture
def provisional_raw(raw_dir: Path) -> Path:
    """raw_dir with SYNTHETIC figures for January and February 2025 and SYNTHETIC logs (write_synthetic_logs)."""
    (raw_dir / "monthly_figures.csv").write_text(SYNTHETIC_FIGURES, encoding="utf-8")
    write_synthetic_logs(raw_dir)
    return raw_dir


def build_data(raw, tmp_path, **kw):
    """The data build of `raw` into tmp_path/processed, dated TODAY (the ingest tests' build)."""
    from analysis.ingest import build

    return build.build(raw, tmp_path / "processed", today=TODAY, **kw)


def rejected_rows(raw, tmp_path):
    """The rows a build that must stop on them rejected (rejected.csv as text)."""
    import pandas as pd
    import pytest

    from analysis.errors import RejectedRowsError

    with pytest.raises(RejectedRowsError):
        build_data(raw, tmp_path)
    return pd.read_csv(tmp_path / "processed" / "rejected.csv", dtype=str, keep_default_na=False)
