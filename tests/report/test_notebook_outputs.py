"""nbval's strict tier: the cells that print November 2023's key figures and key points must print exactly
what the fixture notebook stores (volatile text is sanitized by tests/notebooks/sanitize.cfg)."""

import subprocess
import sys

import pytest

from analysis import paths

pytestmark = pytest.mark.slow
FIXTURE = paths.ROOT / "tests/notebooks/key_figures_2023_11.ipynb"


def test_key_figures_print_exactly_the_stored_outputs():
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "tests.startup",
                          "-p", "no:cacheprovider", "--nbval", str(FIXTURE), "--nbval-sanitize-with",
                          str(FIXTURE.parent / "sanitize.cfg")],
                         cwd=paths.ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
    assert "3 passed" in out.stdout  # the three code cells, outputs compared strictly
