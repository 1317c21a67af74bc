"""`make verify`: a rebuild from data/raw in a scratch folder, compared with reports/SHA256SUMS."""

import pytest

from ..conftest import copy_project, make


@pytest.mark.slow
def test_verify_rebuilds_in_a_scratch_folder_and_passes_on_a_clean_tree(tmp_path):
    root = copy_project(tmp_path / "verify")
    ok = make(root, "verify", "MONTHS=2023-11")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "VERIFIED: all" in ok.stdout
    assert not (root / "figures/2023-11").exists()  # the work tree is untouched


def test_verify_names_every_file_that_differs():
    from analysis.run.verify import compare

    expected = {"reports/2023-11/key_points.md": "a" * 64, "figures/2023-11/01_attacks.png": "b" * 64}
    actual = {"reports/2023-11/key_points.md": "0" * 64, "reports/2023-11/extra.csv": "c" * 64}
    assert compare(expected, actual) == [
        "MISSING   figures/2023-11/01_attacks.png (listed in SHA256SUMS, not rebuilt)",
        "NEW       reports/2023-11/extra.csv (rebuilt, not in SHA256SUMS)",
        "DIFFERS   reports/2023-11/key_points.md"]
