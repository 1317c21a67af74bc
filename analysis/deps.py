"""What a report depends on, as content digests, so `make all` reruns exactly what a change touches.

A month's report reads a known slice of the processed data (its 24-month window of the panel, its own and
the previous month's figures, its regions, camp counts up to the month, repatriations over 12 months, and
the tallies ending in it). Its fingerprint is the digest of that slice plus the notebook, the `analysis`
code and the lock. `write_fingerprints` rewrites a month's fingerprint file only when the digest changes,
so make's timestamps then follow content.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import paths
from .dataset import Processed
from .metrics import previous_month, window
from .outputs import atomic_write_text, csv_bytes

MONTHLY_NOTEBOOK = paths.NOTEBOOKS / "monthly_report.ipynb"


def environment_digest(notebook: Path = MONTHLY_NOTEBOOK, root: Path = paths.ROOT) -> str:
    """Digest of the notebook, every analysis/*.py and requirements.lock."""
    digest = hashlib.sha256()
    for path in [notebook, *paths.code_files(root), root / "requirements.lock"]:
        digest.update(Path(path).relative_to(root).as_posix().encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def month_slice(data: Processed, month: str) -> dict[str, object]:
    """The rows of each processed table that the report for `month` reads."""
    span24, span12 = window(month, 24), window(month, 12)
    return {
        "monthly": data.monthly[data.monthly["month"].isin(span24)],
        "figures": data.figures[data.figures["period"].isin([month, previous_month(month)])],
        "sources": data.sources[data.sources["period"].isin(span24)],
        "regions": data.regions[data.regions["month"] == month],
        "camp_population": data.camp_population[data.camp_population["month"] <= month],
        "repatriations": data.repatriations[data.repatriations["month"].isin(span12)],
        "us_position_attacks": data.us_position_attacks[data.us_position_attacks["period_end"].str[:7] == month],
        "definitions": data.definitions,
    }


def month_fingerprint(data: Processed, month: str, environment: str) -> str:
    """Digest of everything the month's report depends on."""
    digest = hashlib.sha256(f"{month}\0{data.vintage}\0{environment}\0".encode())
    for name, frame in month_slice(data, month).items():
        digest.update(name.encode() + b"\0" + csv_bytes(frame) + b"\0")
    return digest.hexdigest()


def write_fingerprints(data: Processed, months: list[str], folder: Path = paths.FINGERPRINTS,
                       notebook: Path = MONTHLY_NOTEBOOK) -> list[str]:
    """Write `<month>.sha256` for each month; return the months whose fingerprint changed."""
    environment = environment_digest(notebook)
    changed = []
    for month in months:
        path = Path(folder) / f"{month}.sha256"
        text = month_fingerprint(data, month, environment) + "\n"
        if not path.exists() or path.read_text() != text:
            changed.append(month)
            atomic_write_text(path, text)
    return changed
