"""The runner's decisions, by content, in a scratch copy of the project with real papermill runs.

Each test changes one thing a user might change and checks that exactly the right work reruns. The copy is
shared by the tests of this module, and each test puts back what it changed; its monthly notebook is the real
one without the standard figure cells (they do not change a decision and take most of a run). `python -m analysis monthly` is
called in this process (`cli.main`, with the copy's folders), so its kernel serves every run, as it does for
the reports of one `make all`.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ..conftest import copy_project, lighten_monthly_notebook, replace_text
from ..ingest.test_acled import COLUMNS, ROWS

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parents[1] / "fixtures" / "incidents"
MONTH = "2023-11"


def analysis(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")}
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=root, capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(root)})


def monthly(root: Path, month: str = MONTH) -> str:
    from analysis.run import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["monthly", month, "--quiet", "--raw", str(root / "data/raw"), "--processed",
                           str(root / "data/processed"), "--figures", str(root / "figures"),
                           "--reports", str(root / "reports")])
    assert status == 0, out.getvalue() + err.getvalue()
    return out.getvalue()


def ran(stdout: str) -> bool:
    return "built in" in stdout


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("runner"))
    lighten_monthly_notebook(root)
    assert ran(monthly(root))
    return root


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
    line = next(l for l in raw.read_text().splitlines() if l.startswith("2019-"))  # outside Nov 2023's 24 months
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


def test_a_new_incident_log_and_acled_export_add_their_sections(project):
    """Regression: logs and exports added after a build were not seen. SYNTHETIC fixtures."""
    raw = project / "data/raw"
    (raw / "incidents").mkdir()
    for name in ("incident_log.csv", "raid_log.csv"):
        shutil.copy(FIXTURES / name, raw / "incidents" / name)
    (raw / "acled").mkdir()
    pd.DataFrame(ROWS)[COLUMNS].to_csv(raw / "acled/export_synthetic.csv", index=False)
    try:
        assert ran(monthly(project))
        figures = project / f"figures/{MONTH}"
        assert (figures / "07_reconciliation.png").exists() and (figures / "08_acled.svg").exists()
        recon = pd.read_csv(project / f"reports/{MONTH}/reconciliation.csv").set_index("metric")
        assert (recon.loc["attacks", "from_log"], recon.loc["attacks", "published"]) == (4, 11)
        assert recon.loc["isis_killed", "status"] == "match"
        html = (project / f"reports/{MONTH}/monthly_report.html").read_text()
        assert "Incidents in November 2023" in html and "SYN-1" in html
        assert "Confirmed attacks by district (OCHA p-code)" in html and "SY0901" in html
        assert "ISIS-involved ACLED events in NES, November 2023" in html
        assert "events could not be placed" in html  # the unresolvable synthetic event is reported, not guessed
        events = pd.read_csv(project / "data/processed/acled_events.csv")
        assert set(events["event_id"]) == {"SYR1", "SYR2", "SYR3", "SYR4", "SYR5"}  # Syria only
    finally:
        shutil.rmtree(raw / "incidents")
        shutil.rmtree(raw / "acled")
    assert ran(monthly(project))
    assert not (project / f"figures/{MONTH}/07_reconciliation.png").exists()


def test_a_bad_month_writes_no_report(project):
    monthly(project)  # the data build is current: the messages can list the months
    before = sorted(p for p in (project / "reports").rglob("*"))
    for month in ("2023-13", "1999-01", "2023-11 ", "$(shell touch pwned)"):
        out = analysis(project, "monthly", month)
        assert out.returncode == 2 and "Months with data" in out.stderr and "Traceback" not in out.stderr
    assert sorted(p for p in (project / "reports").rglob("*")) == before
    assert not (project / "pwned").exists()


def test_adding_a_month_as_the_readme_says_is_a_data_only_change(project):
    """A SYNTHETIC month after the last one, added by the README's steps (rows, `make manifest`, the monthly run);
    then the tests that read data/raw pass in that copy unchanged."""
    from analysis.months import next_month

    from ..conftest import make

    raw, manifest = project / "data/raw/monthly_figures.csv", project / "data/manifest.csv"
    saved = raw.read_bytes(), manifest.read_bytes()
    last = (project / "data/processed/months.txt").read_text().split()[-1]
    new = next_month(last)
    with open(raw, "a", encoding="utf-8") as handle:
        for metric, value in (("attacks", "7"), ("military_killed", "1"), ("raids", "3"), ("arrests", "5")):
            handle.write(f"{new},{metric},{value},SYNTHETIC report for the add-a-month test,{next_month(new)},"
                         "https://example.org/synthetic,SYNTHETIC\n")
    try:
        assert make(project, "manifest").returncode == 0
        assert ran(monthly(project, new))  # `make monthly MONTH=...` is this call, in this process's warm kernel
        points = (project / f"reports/{new}/key_points.md").read_text()
        assert "- 7 confirmed ISIS sleeper cell attacks across NES" in points
        assert "1 member of the security forces killed" in points
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")}
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                                "tests/ingest/test_published_facts.py", "tests/report/test_data.py",
                                "tests/run/test_manifest.py"], cwd=project, capture_output=True, text=True,
                               env={**env, "PYTHONPATH": str(project)})
        assert tests.returncode == 0, tests.stdout[-3000:]
    finally:
        raw.write_bytes(saved[0])
        manifest.write_bytes(saved[1])
        for top in ("figures", "reports"):
            shutil.rmtree(project / top / new, ignore_errors=True)


def test_an_edit_with_an_old_file_time_is_published(project):
    """Regression: an edited raw file given an older time used to leave the old report in place."""
    raw = project / "data/raw/monthly_figures.csv"
    replace_text(raw, "2023-11,attacks,11,", "2023-11,attacks,99,")
    os.utime(raw, (1577836800, 1577836800))  # 2020-01-01
    assert ran(monthly(project))  # (the last test of the module: the copy keeps the edit)
    assert "99 confirmed ISIS sleeper cell attacks" in (project / f"reports/{MONTH}/key_points.md").read_text()
    record = json.loads((project / f"reports/{MONTH}/provenance.json").read_text())
    assert record["raw_inputs"]["monthly_figures.csv"] == sha(raw)
