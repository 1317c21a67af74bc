"""The end-of-run summary of `make all`: which reports were built, skipped (up to date) or failed."""

from __future__ import annotations

import os
from pathlib import Path

from .paths import failed_marker


def summarise(reports: Path, months: list[str], start: Path) -> int:
    """Print built / skipped / failed for each month and the overview; non-zero if any failed or is missing."""
    since = os.stat(start).st_mtime
    built, skipped, failed, missing = [], [], [], []
    for name in [*months, "overview"]:
        done = Path(reports) / name / "provenance.json"
        marker = failed_marker(Path(reports), name)
        if marker.exists() and marker.stat().st_mtime >= since:
            failed.append((name, marker.read_text().splitlines()[0]))
        elif done.exists() and done.stat().st_mtime >= since:
            built.append(name)
        elif done.exists():
            skipped.append(name)
        else:
            missing.append(name)
    print(f"Summary: {len(built)} built, {len(skipped)} skipped (up to date), {len(failed)} failed"
          + (f", {len(missing)} not built" if missing else "") + f" (of {len(months)} months and the overview)")
    if built:
        print(f"  built: {' '.join(built)}")
    for name, message in failed:
        print(f"  FAILED {name}: {message}")
    if missing:
        print(f"  not built: {' '.join(missing)}")
    return 1 if failed or missing else 0
