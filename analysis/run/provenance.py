"""provenance.json: what a report was built from, by which code, in which environment."""

from __future__ import annotations

import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from .. import paths
from ..outputs import sha256_of


def _cells(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """What a notebook runs and says: each cell's type, source and tags (outputs and counts aside)."""
    cells = json.loads(text).get("cells", [])
    return [
        (c.get("cell_type", ""), "".join(c.get("source", "")), tuple(c.get("metadata", {}).get("tags", [])))
        for c in cells
    ]


def git_state(root: Path = paths.ROOT) -> dict[str, object]:
    """The commit checked out and whether the work tree had uncommitted changes.

    Notebooks are compared by their cells (type, source, tags), not through the nbstripout git filter, which
    starts a Python process per notebook (seconds when Lab has saved them): a notebook that only gained
    outputs is not a change."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "filter.nbstripout.clean=cat", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout

    try:
        commit = git("rev-parse", "HEAD").strip()
        dirty = False
        for line in git("status", "--porcelain").splitlines():
            status, name = line[:2], line[3:]
            if status == " M" and name.endswith(".ipynb"):
                try:
                    same = _cells(git("show", f"HEAD:{name}")) == _cells((Path(root) / name).read_text("utf-8"))
                except (OSError, ValueError, AttributeError):
                    same = False
                if same:
                    continue
            dirty = True
            break
        return {"commit": commit, "dirty": dirty}
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None, "note": "not a git checkout"}


def pinned_packages(lock: Path) -> dict[str, dict[str, str | None]]:
    """Each package of the lock: the pinned version and the one installed here."""
    out = {}
    for line in Path(lock).read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s\\;]+)", line.strip())
        if not match:
            continue
        name, version = match.groups()
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


def provenance(
    *,
    report: str,
    parameters: dict,
    inputs: dict[str, str],
    data_build: dict,
    environment: dict[str, str],
    outputs: dict[str, str],
    root: Path = paths.ROOT,
) -> dict:
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
