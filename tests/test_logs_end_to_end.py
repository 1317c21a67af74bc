"""End to end: `make monthly` with the team's logs and an ACLED export in the data folder (SYNTHETIC
fixtures copied into a temporary copy of the project)."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from .conftest import copy_project, make
from .test_acled import COLUMNS, ROWS

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "incidents"


def test_monthly_report_uses_logs_and_acled_when_present(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "data/raw/incidents").mkdir()
    for name in ("incident_log.csv", "raid_log.csv"):
        shutil.copy(FIXTURES / name, root / "data/raw/incidents" / name)
    (root / "data/raw/acled").mkdir()
    pd.DataFrame(ROWS)[COLUMNS].to_csv(root / "data/raw/acled/export_synthetic.csv", index=False)
    out = make(root, "monthly", "MONTH=2023-11")
    assert out.returncode == 0, out.stdout + out.stderr
    figures = root / "figures/2023-11"
    assert (figures / "07_reconciliation.png").exists() and (figures / "08_acled.svg").exists()
    recon = pd.read_csv(root / "reports/2023-11/reconciliation.csv").set_index("metric")
    assert (recon.loc["attacks", "from_log"], recon.loc["attacks", "published"]) == (4, 11)
    assert recon.loc["isis_killed", "status"] == "match"
    html = (root / "reports/2023-11/monthly_report.html").read_text()
    assert "Incidents in November 2023" in html and "SYN-1" in html
    assert "Confirmed attacks by district (OCHA p-code)" in html and "SY0901" in html
    assert "ISIS-involved ACLED events in NES, November 2023" in html
    assert "events could not be placed" in html  # the unresolvable synthetic event is reported, not guessed
    events = pd.read_csv(root / "data/processed/acled_events.csv")
    assert set(events["event_id"]) == {"SYR1", "SYR2", "SYR3", "SYR4", "SYR5"}  # Syria only
