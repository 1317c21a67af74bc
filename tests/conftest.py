"""Shared fixtures: a writable copy of the synthetic raw folder (with the real gazetteer)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from analysis import paths

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 1, 1)  # fixed "today" so rules about the future do not depend on the clock


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A temporary copy of tests/fixtures/raw_minimal (SYNTHETIC) plus the project's gazetteer."""
    target = tmp_path / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", target)
    shutil.copytree(paths.GAZETTEER, target / "gazetteer")
    return target


def append_line(path: Path, line: str) -> None:
    """Add one CSV line to a raw file (the files end with a newline)."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace text once in a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
