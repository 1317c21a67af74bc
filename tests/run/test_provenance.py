"""provenance.json's record of the work tree: the commit and whether anything differs from it."""

import json
import subprocess

import pytest

from analysis import paths
from analysis.run.provenance import git_state


@pytest.fixture
def clone(tmp_path):
    root = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(paths.ROOT), str(root)], check=True)
    marker = tmp_path / "filter-ran"
    # Were the nbstripout filter started, it would leave this marker (it starts Python per notebook: seconds).
    subprocess.run(["git", "config", "filter.nbstripout.clean", f"sh -c 'touch {marker}; cat'"], cwd=root, check=True)
    return root, marker


def test_a_clean_clone_is_not_dirty_and_names_its_commit(clone):
    root, _ = clone
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    assert git_state(root) == {"commit": head, "dirty": False}


def test_a_notebook_that_only_gained_outputs_is_not_a_change_and_needs_no_filter(clone):
    root, marker = clone
    path = root / "notebooks/monthly_report.ipynb"
    nb = json.loads(path.read_text())
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["11\n"]}]
    code["execution_count"] = 3
    path.write_text(json.dumps(nb, indent=1))
    assert git_state(root)["dirty"] is False
    assert not marker.exists()


@pytest.mark.parametrize("change", ["notebook cell", "code file", "new file"])
def test_a_real_change_makes_the_tree_dirty(clone, change):
    root, _ = clone
    if change == "notebook cell":
        path = root / "notebooks/monthly_report.ipynb"
        text = path.read_text()
        assert "2023-11" in text
        path.write_text(text.replace("2023-11", "2023-10", 1))
    elif change == "code file":
        (root / "analysis/months.py").write_text((root / "analysis/months.py").read_text() + "\n# edited\n")
    else:
        (root / "notes.txt").write_text("not committed")
    assert git_state(root)["dirty"] is True
