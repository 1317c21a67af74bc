"""provenance.json: what a report was built from, by which code, in which environment."""

from __future__ import annotations

import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .. import paths
from ..outputs import sha256_of


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


def environment(notebook: Path, root: Path = paths.ROOT) -> dict[str, str]:
    """sha256 of the notebook, each analysis source file and the lock: the code side of a report's inputs."""
    files = [Path(notebook), *paths.code_files(root), Path(root) / "requirements.lock"]
    return {paths.relative_to_root(p, root): sha256_of(p) for p in files}


def provenance(*, report: str, parameters: dict, inputs: dict[str, str], data_build: dict,
               environment: dict[str, str], outputs: dict[str, str], root: Path = paths.ROOT) -> dict:
    """The provenance record of one report run (deterministic key order; JSON-ready).

    `inputs` holds the digests the runner decides by: `digest` (the rows the notebook read, the code side
    and the parameters) and `files_digest` (the same with whole processed files instead of rows)."""
    lock = Path(root) / "requirements.lock"
    return {
        "report": report,
        "parameters": parameters,
        "inputs": inputs,
        "raw_inputs": data_build["raw"],
        "processed_inputs": data_build["outputs"],
        "environment": environment,
        "git": git_state(root),
        "python": platform.python_version(),
        "lock": {"path": "requirements.lock", "sha256": sha256_of(lock)},
        "packages": pinned_packages(lock),
        "outputs": outputs,
    }


def to_json(record: dict) -> str:
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
