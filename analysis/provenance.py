"""provenance.json: what a report was built from, by which code, in which environment."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from . import paths
from .manifest import raw_digests, sha256_of


def git_state(root: Path = paths.ROOT) -> dict[str, object]:
    """The commit checked out and whether the work tree had uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None, "note": "not a git checkout"}


def pinned_packages(lock: Path) -> dict[str, dict[str, str | None]]:
    """Each package of the lock: the pinned version and the one installed here."""
    out = {}
    for line in Path(lock).read_text().splitlines():
        name, sep, version = line.strip().partition("==")
        if not sep:
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        out[name] = {"pinned": version, "installed": installed}
    return out


def provenance(*, report: str, parameters: dict, notebook: Path, processed: Path, outputs: dict[str, str],
               fingerprint: str | None = None, raw: Path = paths.RAW, root: Path = paths.ROOT) -> dict:
    """The provenance record of one report run (deterministic key order; JSON-ready)."""
    lock = root / "requirements.lock"
    processed_files = sorted(p for p in Path(processed).glob("*") if p.is_file() and not p.name.startswith("."))
    return {
        "report": report,
        "parameters": parameters,
        "inputs_fingerprint": fingerprint,
        "raw_inputs": raw_digests(raw),
        "processed_inputs": {p.name: sha256_of(p) for p in processed_files},
        "notebook": {"path": paths.relative_to_root(notebook, root), "sha256": sha256_of(notebook)},
        "code": {paths.relative_to_root(p, root): sha256_of(p) for p in paths.code_files(root)},
        "git": git_state(root),
        "python": platform.python_version(),
        "lock": {"path": "requirements.lock", "sha256": sha256_of(lock)},
        "packages": pinned_packages(lock),
        "outputs": outputs,
    }


def to_json(record: dict) -> str:
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
