"""nbval's strict tier: the cells that print November 2023's key figures and key points must print exactly
what the fixture notebook stores (volatile text is sanitized by tests/notebooks/sanitize.cfg)."""

import os
import subprocess
import sys

import pytest

from ..conftest import PYTEST_IN_COPY, copy_project

pytestmark = pytest.mark.slow
FIXTURE = "tests/notebooks/key_figures_2023_11.ipynb"


def test_key_figures_print_exactly_the_stored_outputs(tmp_path):
    """In a copy of the project whose data/raw is the committed one (an ACLED export kept in this checkout
    would add its row to the key figures)."""
    root = copy_project(tmp_path / "strict", processed=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")} | {"PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-m", "analysis", "data"], cwd=root, env=env, check=True, capture_output=True)
    out = subprocess.run(
        [
            *PYTEST_IN_COPY,
            "--nbval",
            FIXTURE,
            "--nbval-sanitize-with",
            str((root / FIXTURE).parent / "sanitize.cfg"),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-3000:]
    assert "3 passed" in out.stdout  # the three code cells, outputs compared strictly
