"""The raw-data manifest: every file under data/raw with its sha256, so silent edits are caught.

The manifest lives beside data/raw (data/manifest.csv), so updating it never writes into data/raw.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..outputs import sha256_of, write_csv

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["path", "sha256", "bytes"]
IGNORED = {".gitkeep", ".DS_Store"}


def raw_files(raw: Path = paths.RAW, drop_folders: bool = False) -> list[Path]:
    """The raw files, sorted: the tracked ones, or with `drop_folders` also the git-ignored acled/ exports."""
    return sorted(
        p
        for p in Path(raw).rglob("*")
        if p.is_file()
        and p.name not in IGNORED
        and not p.name.startswith(".")
        and (drop_folders or "acled" not in p.relative_to(raw).parts)
    )


def raw_digests(raw: Path = paths.RAW, drop_folders: bool = False) -> dict[str, str]:
    """sha256 of each raw file, by its path under data/raw (no pandas: the runner uses it)."""
    return {p.relative_to(raw).as_posix(): sha256_of(p) for p in raw_files(Path(raw), drop_folders)}


def current_manifest(raw: Path = paths.RAW) -> pd.DataFrame:
    """What the manifest should say for the files as they are now."""
    import pandas as pd

    raw = Path(raw)
    rows = [
        {"path": path, "sha256": digest, "bytes": (raw / path).stat().st_size}
        for path, digest in raw_digests(raw).items()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def check(raw: Path = paths.RAW, manifest: Path = paths.MANIFEST) -> list[str]:
    """Differences between the files and the manifest, one sentence each (empty list = all match)."""
    import pandas as pd

    manifest = Path(manifest)
    if not manifest.exists():
        return [f"{manifest} is missing; run `make manifest` to create it"]
    recorded = pd.read_csv(manifest, dtype=str).set_index("path")
    actual = current_manifest(raw).set_index("path")
    problems = []
    for path in sorted(set(recorded.index) | set(actual.index)):
        if path not in actual.index:
            problems.append(f"data/raw/{path} is in the manifest but the file is gone")
        elif path not in recorded.index:
            problems.append(f"data/raw/{path} is not in the manifest")
        elif recorded.at[path, "sha256"] != actual.at[path, "sha256"]:
            problems.append(f"data/raw/{path} changed since its manifest entry (sha256 differs)")
    return problems


def update(raw: Path = paths.RAW, manifest: Path = paths.MANIFEST) -> Path:
    """Rewrite the manifest from the files as they are (do this when you changed raw data on purpose)."""
    return write_csv(current_manifest(raw), manifest)
