"""environment.yml (conda) and requirements.lock (pip) pin the same versions."""

import re

import yaml

from analysis import paths


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock line not pinned with ==: {line}"
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            pins[name.lower()] = version
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
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    lock, conda = lock_pins(), conda_pins()
    for name in direct:
        key = name.lower()
        assert key in lock, f"{name} is not pinned in requirements.lock"
        assert key in conda, f"{name} is not pinned in environment.yml"
