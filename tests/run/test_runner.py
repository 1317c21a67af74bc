"""The runner's decisions, by content, in a scratch copy of the project with real papermill runs.

Each test changes one thing a user might change and checks that exactly the right work reruns. The copy is
shared by the tests of this module, and each test puts back what it changed; its monthly notebook is the real
one without the standard figure cells (they do not change a decision and take most of a run). `python -m
analysis monthly` is called in this process (`cli.main`, with the copy's folders and notebook), so its kernel
serves every run, as it does for the reports of one `make all`.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from ..conftest import copy_project, lightened_notebook, replace_text

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parents[1] / "fixtures" / "incidents"
MONTH = "2023-11"


def monthly(root: Path, month: str = MONTH) -> str:
    from analysis.run import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(
            [
                "monthly",
                month,
                "--quiet",
                "--raw",
                str(root / "data/raw"),
                "--processed",
                str(root / "data/processed"),
                "--figures",
                str(root / "figures"),
                "--reports",
                str(root / "reports"),
            ]
        )
    assert status == 0, out.getvalue() + err.getvalue()
    return out.getvalue()


def ran(stdout: str) -> bool:
    return "built in" in stdout


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("runner"), processed=True)
    with lightened_notebook(root):
        assert ran(monthly(root))
        yield root


def test_nothing_changed_runs_nothing(project):
    before = (project / f"reports/{MONTH}/provenance.json").read_bytes()
    out = monthly(project)
    assert not ran(out) and "up to date" in out and "data/processed from data/raw" not in out
    assert (project / f"reports/{MONTH}/provenance.json").read_bytes() == before


def test_a_tampered_output_is_rebuilt(project):
    points = project / f"reports/{MONTH}/key_points.md"
    good = points.read_bytes()
    points.write_bytes(good.replace(b"11 confirmed", b"12 confirmed", 1))
    assert ran(monthly(project))
    assert points.read_bytes() == good


def test_a_change_outside_what_the_month_reads_reruns_no_notebook(project):
    raw = project / "data/raw/monthly_figures.csv"
    original = raw.read_bytes()
    line = next(row for row in raw.read_text().splitlines() if row.startswith("2019-"))  # outside Nov 2023's 24 months
    period, metric, value = line.split(",")[:3]
    replace_text(raw, f"{period},{metric},{value},", f"{period},{metric},{value}0,")
    try:
        out = monthly(project)
        assert "data/processed from data/raw" in out and not ran(out)
        quick = monthly(project)  # the files digest was brought up to date: skipped without loading a table
        assert not ran(quick) and "data/processed" not in quick
    finally:
        raw.write_bytes(original)


@pytest.mark.parametrize("damage", ["delete the folder", "truncate monthly.csv"])
def test_damaged_processed_data_is_rebuilt_and_every_month_still_runs(project, damage):
    """Regression: deleting data/processed used to leave make saying 'up to date', then failing another month."""
    processed = project / "data/processed"
    if damage == "delete the folder":
        shutil.rmtree(processed)
    else:
        (processed / "monthly.csv").write_text("month,attacks\n")
    out = monthly(project)
    assert "data/processed from data/raw" in out and not ran(out)  # same data again: the month is current
    from analysis.run.data_build import current_record  # every other month finds the data whole again

    assert current_record(project / "data/raw", processed, False) is not None
    assert "2023-10" in (processed / "months.txt").read_text().split()


def test_a_bad_month_writes_no_report(project):
    monthly(project)  # the data build is current: the messages can list the months
    before = sorted(p for p in (project / "reports").rglob("*"))
    from analysis.run import cli

    for month in ("2023-13", "1999-01", "2023-11 ", "$(shell touch pwned)"):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(
                [
                    "monthly",
                    month,
                    "--raw",
                    str(project / "data/raw"),
                    "--processed",
                    str(project / "data/processed"),
                    "--figures",
                    str(project / "figures"),
                    "--reports",
                    str(project / "reports"),
                ]
            )
        assert status == 2 and "Months with data" in err.getvalue()
    assert sorted(p for p in (project / "reports").rglob("*")) == before
    assert not (project / "pwned").exists()


def test_an_edit_with_an_old_file_time_is_published(project):
    """Regression: an edited raw file given an older time used to leave the old report in place."""
    raw = project / "data/raw/monthly_figures.csv"
    replace_text(raw, "2023-11,attacks,11,", "2023-11,attacks,99,")
    os.utime(raw, (1577836800, 1577836800))  # 2020-01-01
    assert ran(monthly(project))  # (the last test of the module: the copy keeps the edit)
    assert "99 confirmed ISIS sleeper cell attacks" in (project / f"reports/{MONTH}/key_points.md").read_text()
    record = json.loads((project / f"reports/{MONTH}/provenance.json").read_text())
    assert record["raw_inputs"]["monthly_figures.csv"] == sha(raw)
