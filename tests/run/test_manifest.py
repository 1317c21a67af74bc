"""data/raw must match data/manifest.csv: a raw file cannot change without its entry."""

from analysis import paths
from analysis.run import manifest

from ..conftest import tracked_raw


def test_raw_files_match_the_committed_manifest(tmp_path):
    """data/raw as committed (an export or a log kept locally is not the repository's)."""
    problems = manifest.check(tracked_raw(tmp_path / "raw"), paths.MANIFEST)
    assert problems == [], "\n".join(problems) + "\nIf the change is intended: make manifest"


def test_a_changed_added_or_removed_file_is_reported(tmp_path):
    raw = tracked_raw(tmp_path / "raw")
    man = tmp_path / "manifest.csv"
    manifest.update(raw, man)
    assert manifest.check(raw, man) == []
    with open(raw / "definitions.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    (raw / "new.csv").write_text("a\n1\n")
    (raw / "repatriations.csv").unlink()
    problems = " | ".join(manifest.check(raw, man))
    assert "definitions.csv changed" in problems
    assert "new.csv is not in the manifest" in problems
    assert "repatriations.csv is in the manifest but the file is gone" in problems


def test_acled_drop_folder_is_not_part_of_the_manifest(tmp_path):
    raw = tracked_raw(tmp_path / "raw")
    man = tmp_path / "manifest.csv"
    manifest.update(raw, man)
    (raw / "acled").mkdir()
    (raw / "acled" / "export.csv").write_text("x\n")
    assert manifest.check(raw, man) == []
