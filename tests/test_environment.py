"""The environment: generated, hashed locks (requirements.lock for reports, requirements-dev.lock on top of it),
environment.yml with the same pins, every package the code and the tests import declared, and hash checking
on install."""

import re

import yaml

from analysis import paths


def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(name: str = "requirements-dev.lock") -> dict[str, str]:
    """name -> version of every requirement in a lock (pip-compile's format: `name==version \\`, hashes below)."""
    pins = {}
    for line in (paths.ROOT / name).read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
        if match:
            pins[key(match.group(1))] = match.group(2)
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            pins[key(name)] = version
    return pins


def test_environment_yml_pins_python_311_from_conda_forge():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert conda_pins()["python"] == "3.11"


def test_every_conda_pin_matches_the_pip_lock():
    lock = lock_pins()
    conda = {k: v for k, v in conda_pins().items() if k != "python"}
    assert conda, "environment.yml pins nothing"
    mismatches = {name: (version, lock.get(name)) for name, version in conda.items() if lock.get(name) != version}
    assert mismatches == {}, f"environment.yml vs requirements.lock: {mismatches}"


def test_direct_dependencies_are_pinned_in_both():
    import tomllib

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    runtime, lock, conda = lock_pins("requirements.lock"), lock_pins(), conda_pins()
    for name in project["dependencies"]:
        assert key(name) in runtime, f"{name} is not pinned in requirements.lock"
    for name in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert key(name) in lock, f"{name} is not pinned in requirements-dev.lock"
        assert key(name) in conda, f"{name} is not pinned in environment.yml"


def test_the_dev_lock_keeps_the_runtime_pins_and_every_pin_has_a_hash():
    runtime, dev = lock_pins("requirements.lock"), lock_pins()
    assert {name: dev.get(name) for name in runtime} == runtime
    for name in ("requirements.lock", "requirements-dev.lock"):
        blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", (paths.ROOT / name).read_text())
        unhashed = [b.split()[0] for b in blocks if "==" in b.split()[0] and "--hash=sha256:" not in b]
        assert unhashed == [], f"{name}: pins without a hash: {unhashed}"


def imported_distributions(*folders: str) -> set[str]:
    """The distributions whose modules the files under `folders` import (notebooks' code cells included)."""
    import ast
    import json
    import sys
    from importlib.metadata import packages_distributions

    owners = packages_distributions()
    found = set()
    for folder in folders:
        for path in (paths.ROOT / folder).rglob("*"):
            if path.suffix == ".py":
                sources = [path.read_text()]
            elif path.suffix == ".ipynb":
                sources = [
                    "".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"
                ]
            else:
                continue
            for source in sources:
                for node in ast.walk(ast.parse(source)):
                    names = (
                        [a.name for a in node.names]
                        if isinstance(node, ast.Import)
                        else [node.module]
                        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                        else []
                    )
                    for name in names:
                        top = name.split(".")[0]
                        if top not in sys.stdlib_module_names and top not in ("analysis", "tests"):
                            found |= {key(d) for d in owners.get(top, [top])}
    return found


def declared(*extras: str) -> set[str]:
    import tomllib

    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + [n for extra in extras for n in project["optional-dependencies"][extra]]
    return {key(re.split(r"[<>=;\[ ]", n)[0]) for n in names}


# Runtime needs that no module imports: the kernel the runner starts, and pandas' reader of .xlsx files.
USED_WITHOUT_IMPORT = {"ipykernel", "openpyxl"}


# Imported by analysis/run/strip_notebook.py, the git filter JupyterLab users need (the dev extra), not reports.
DEV_TOOLS = {"nbstripout"}


def test_every_package_the_code_and_the_tests_import_is_declared():
    assert imported_distributions("analysis", "notebooks") - DEV_TOOLS <= declared()
    assert DEV_TOOLS <= declared("dev")
    assert imported_distributions("tests", "bench") <= declared("test")


def test_no_runtime_dependency_is_used_only_by_tests():
    assert declared() - imported_distributions("analysis", "notebooks") - USED_WITHOUT_IMPORT == set()


def test_an_archive_whose_hash_is_not_the_locked_one_is_refused(tmp_path):
    """The Makefile installs in pip's hash-checking mode; a SYNTHETIC wheel stands in for a tampered download."""
    import subprocess
    import sys

    makefile = (paths.ROOT / "Makefile").read_text()
    assert re.search(r"PIP_CHECKED := .*--require-hashes", makefile)
    assert "pip install $(PIP_CHECKED) -r requirements-dev.lock" in makefile
    project = tmp_path / "synthetic_pkg"
    (project / "synthetic_pkg").mkdir(parents=True)
    (project / "synthetic_pkg" / "__init__.py").write_text("# SYNTHETIC\n")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "synthetic-pkg"\nversion = "0.1"\n'
        '[build-system]\nrequires = ["setuptools"]\n'
        'build-backend = "setuptools.build_meta"\n'
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(project)],
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "PYTHONWARNINGS": "ignore"},
    )
    wheel = next((tmp_path / "dist").glob("*.whl"))
    import hashlib

    genuine = hashlib.sha256(wheel.read_bytes()).hexdigest()

    def install(digest: str) -> subprocess.CompletedProcess:
        lock = tmp_path / "lock.txt"
        lock.write_text(f"synthetic-pkg==0.1 --hash=sha256:{digest}\n")
        return subprocess.run(
            [
                *pip,
                "install",
                "--dry-run",
                "--require-hashes",
                "--no-index",
                "--find-links",
                str(tmp_path / "dist"),
                "-r",
                str(lock),
            ],
            capture_output=True,
            text=True,
        )

    assert install(genuine).returncode == 0
    tampered = install(genuine[::-1])
    assert tampered.returncode != 0 and "DO NOT MATCH THE HASHES" in tampered.stderr


def test_a_copy_sharing_this_environment_through_a_venv_symlink_has_a_clean_tree(tmp_path):
    """A copy that links to its checkout's .venv (tests, make verify, a second work tree) records no change:
    .gitignore names `.venv` itself, not only the folder `.venv/` (the symlink showed as `?? .venv`). The copy
    is this checkout's files committed into a new repository, so the test reads .gitignore as it is now."""
    import os
    import subprocess

    from .conftest import copy_project

    root = copy_project(tmp_path / "copy")  # links .venv to this checkout's
    assert (root / ".venv").is_symlink()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull},
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "copy")
    assert ".venv" not in git("ls-files").split()
    assert git("status", "--porcelain") == ""
