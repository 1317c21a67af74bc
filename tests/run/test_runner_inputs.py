"""The runner and new inputs: logs and exports dropped in, and a month added as the README says, in a
scratch copy of the project with real papermill runs. The set-up is test_runner.py's (its own copy of the
project here: the two files run side by side)."""

import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from ..ingest.test_acled import COLUMNS, ROWS
from .test_runner import MONTH, monthly, project, ran  # noqa: F401  (project: the fixture)

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parents[1] / "fixtures" / "incidents"


SECTION_SUMS = FIXTURES / "SHA256SUMS"  # the section outputs' bytes from these SYNTHETIC inputs


def outputs(project: Path) -> dict[str, Path]:  # noqa: F811
    return {
        p.relative_to(project).as_posix(): p
        for top in ("figures", "reports")
        for p in sorted((project / top / MONTH).glob("*"))
        if p.is_file()
    }


def test_a_new_incident_log_and_acled_export_add_their_sections(project):  # noqa: F811
    """Regression: logs and exports added after a build were not seen. SYNTHETIC fixtures. The files the
    sections add (their figures and tables; the lightened notebook draws no standard figure, so no map) have the
    bytes listed in tests/fixtures/incidents/SHA256SUMS (UPDATE_SYNTHETIC_SUMS=1 rewrites it, after a change on
    purpose)."""
    from analysis.outputs import sha256_of
    from analysis.run.verify import read_checksums

    raw = project / "data/raw"
    before = set(outputs(project))
    (raw / "incidents").mkdir()
    for name in ("incident_log.csv", "raid_log.csv"):
        shutil.copy(FIXTURES / name, raw / "incidents" / name)
    (raw / "acled").mkdir()
    last = dict(ROWS[2], event_id_cnty="SYR6", event_date="2023-11-30")  # not ISIS: the export covers November whole
    pd.DataFrame(ROWS + [last])[COLUMNS].to_csv(raw / "acled/export_synthetic.csv", index=False)
    (raw / "acled/notes.txt").write_text("SYNTHETIC notes a researcher left beside the export\n", encoding="utf-8")
    try:
        assert ran(monthly(project))
        figures = project / f"figures/{MONTH}"
        assert (figures / "07_reconciliation.png").exists() and (figures / "08_acled.svg").exists()
        recon = pd.read_csv(project / f"reports/{MONTH}/reconciliation.csv").set_index("metric")
        assert (recon.loc["attacks", "from_log"], recon.loc["attacks", "published"]) == (4, 11)
        assert recon.loc["isis_killed", "status"] == "match"
        html = (project / f"reports/{MONTH}/monthly_report.html").read_text()
        assert "Incidents in November 2023" in html and "SYN-1" in html
        assert "The incident log runs from 2023-10-30 to 2023-11-21: it covers November 2023." in html
        assert "The raid log runs from 2023-11-02 to 2023-11-16: it covers November 2023." in html
        assert "Confirmed attacks by district (OCHA p-code)" in html and "SY0901" in html
        assert "export_synthetic.csv: 6 events in Syria from 2023-10-30 to 2023-11-30, 4 with ISIS" in html
        assert "notes.txt: skipped: not an ACLED export (.csv, .csv.gz or .xlsx)" in html  # reported, not ignored
        assert "The exports hold no Violence against civilians events" in html and "is partial" in html
        assert "area, November 2023: 2</strong>" in html and "the AANES regions Jazira, Euphrates" in html
        assert "1 ACLED event could not be placed in a district and is not guessed: 0 in governorates" in html
        events = pd.read_csv(project / "data/processed/acled_events.csv")
        assert set(events["event_id"]) == {"SYR1", "SYR2", "SYR3", "SYR4", "SYR5", "SYR6"}  # Syria only
        added = {name: sha256_of(path) for name, path in outputs(project).items() if name not in before}
        if os.environ.get("UPDATE_SYNTHETIC_SUMS"):
            SECTION_SUMS.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(added.items())))
        assert {
            "figures/2023-11/07_reconciliation.svg",
            "figures/2023-11/08_acled.svg",
            "reports/2023-11/reconciliation.csv",
        } <= set(added)
        assert added == read_checksums(SECTION_SUMS)
    finally:
        shutil.rmtree(raw / "incidents")
        shutil.rmtree(raw / "acled")
    assert ran(monthly(project))
    assert not (project / f"figures/{MONTH}/07_reconciliation.png").exists()


def test_adding_a_month_as_the_readme_says_is_a_data_only_change(project):  # noqa: F811
    """A SYNTHETIC month after the last one, added by the README's steps (rows, `make manifest`, the monthly run);
    then the tests that read data/raw pass in that copy unchanged."""
    from analysis.months import next_month

    from ..conftest import PYTEST_IN_COPY, make

    raw, manifest = project / "data/raw/monthly_figures.csv", project / "data/manifest.csv"
    saved = raw.read_bytes(), manifest.read_bytes()
    last = (project / "data/processed/months.txt").read_text().split()[-1]
    new = next_month(last)
    with open(raw, "a", encoding="utf-8") as handle:
        for metric, value in (("attacks", "7"), ("military_killed", "1"), ("raids", "3"), ("arrests", "5")):
            handle.write(
                f"{new},{metric},{value},,SYNTHETIC report for the add-a-month test,{next_month(new)},"
                "https://example.org/synthetic,SYNTHETIC\n"
            )
    try:
        assert make(project, "manifest").returncode == 0
        assert ran(monthly(project, new))  # `make monthly MONTH=...` is this call, in this process's warm kernel
        points = (project / f"reports/{new}/key_points.md").read_text()
        assert "- 7 confirmed ISIS sleeper cell attacks across NES" in points
        assert "1 member of the security forces killed" in points
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")}
        tests = subprocess.run(
            [
                *PYTEST_IN_COPY,
                "-k",
                "not deterministic",
                "tests/ingest/test_published_facts.py",
                "tests/run/test_manifest.py",
            ],
            cwd=project,
            capture_output=True,
            text=True,
            env={**env, "PYTHONPATH": str(project)},
        )
        assert tests.returncode == 0, tests.stdout[-3000:]
    finally:
        raw.write_bytes(saved[0])
        manifest.write_bytes(saved[1])
        for top in ("figures", "reports"):
            shutil.rmtree(project / top / new, ignore_errors=True)
