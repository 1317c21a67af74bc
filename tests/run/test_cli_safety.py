"""User text is data, never an option; no command writes into data/raw; checksums record only a current build;
the pool never starts more reports than the machine holds; the system Python gets a plain message."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from analysis.run import cli

from ..conftest import FIXTURES, copy_project, lighten_monthly_notebook, make


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "argv, words",
    [
        (["data", "--processed", "{raw}"], "is the raw data folder"),
        (["data", "--processed", "{raw}/incidents"], "lies inside the raw data folder"),
        (["data", "--processed", "{raw}/.."], "contains the raw data folder"),
        (["all", "--figures", "{raw}/figures"], "lies inside the raw data folder"),
        (["all", "--reports", "{raw}"], "is the raw data folder"),
        (["monthly", "--figures", "/", "2023-11"], "contains the raw data folder"),
        (["checksums", "--out", str(paths.RAW / "SHA256SUMS")], "lies inside the raw data folder"),
    ],
)
def test_no_output_folder_is_contains_or_lies_inside_the_raw_data(raw_dir, argv, words, capsys):
    argv = [a.replace("{raw}", str(raw_dir)) for a in argv]
    if "--raw" not in argv and argv[0] != "checksums":
        argv += ["--raw", str(raw_dir)]
    before = _tree_digest(raw_dir)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert _tree_digest(raw_dir) == before


def test_the_default_raw_folder_is_guarded_even_when_another_is_read(raw_dir, capsys):
    assert cli.main(["data", "--raw", str(raw_dir), "--processed", str(paths.RAW)]) == 2
    assert "is the raw data folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "months, words",
    [
        (["2023-11 --processed data/raw"], "'--processed'"),
        (["--help"], "'--help'"),
        (["2023-11,--keep"], "'--keep'"),
        (["  "], "MONTHS is empty"),
        (["2023-11 2023-13"], "'2023-13'"),
    ],
)
def test_months_are_checked_before_they_are_arguments(raw_dir, tmp_path, months, words, capsys):
    argv = [
        "all",
        *(f"--months={m}" for m in months),
        "--raw",
        str(raw_dir),
        "--processed",
        str(tmp_path / "p"),
        "--figures",
        str(tmp_path / "f"),
        "--reports",
        str(tmp_path / "r"),
    ]
    assert cli.main(argv) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "p").exists() and not (tmp_path / "f").exists()  # refused before anything ran
    assert cli.main(["verify", *(f"--months={m}" for m in months)]) == 2


def test_a_month_after_double_dash_is_a_month_not_an_option(raw_dir, tmp_path, capsys):
    for month in ("-h", "--help", "--processed=x"):
        assert cli.main(["monthly", "--raw", str(raw_dir), "--processed", str(tmp_path / "p"), "--", month]) == 2
        assert f"MONTH {month!r} is not a month" in capsys.readouterr().err


def test_jobs_below_one_are_refused_before_the_data_build(raw_dir, tmp_path, capsys):
    assert cli.main(["all", "--jobs=0", "--raw", str(raw_dir), "--processed", str(tmp_path / "p")]) == 2
    assert "JOBS 0 is not a number" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_the_pool_is_capped_at_the_cores_and_memory_and_says_so(capsys):
    import psutil

    cap = min(cli._cores(), psutil.virtual_memory().available // cli.MEMORY_PER_REPORT)
    workers = cli._capped(1000, "JOBS=1000")
    assert 1 <= workers <= max(1, cap) <= os.cpu_count()
    out = capsys.readouterr().out
    assert "JOBS=1000 asks for 1000 reports at a time; running" in out and "core" in out and "GB" in out
    assert cli._capped(1, "JOBS=1") == 1 and capsys.readouterr().out == ""


def test_the_system_python_without_the_environment_is_told_to_activate_it(tmp_path):
    """A Python without psutil (as the system one): a plain message, not a traceback."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\nclass _Block:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'psutil':\n"
        "            raise ModuleNotFoundError(\"No module named 'psutil'\", name='psutil')\n"
        "sys.meta_path.insert(0, _Block())\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "months"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        env={**os.environ, "PYTHONPATH": str(blocker)},
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "'psutil' is not installed in this Python" in out.stderr and ".venv/bin/activate" in out.stderr


# Through make, as a user types it -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), processed=True)


@pytest.mark.slow
@pytest.mark.parametrize(
    "target, variables",
    [
        ("all", ["MONTHS=2023-11 --processed data/raw"]),
        ("all", ["MONTHS=2023-11 --figures /elsewhere --reports /elsewhere"]),
        ("verify", ["MONTHS=2023-11 --keep"]),
        ("all", ["MONTHS=--help"]),
        ("monthly", ["MONTH=-h"]),
        ("monthly", ["MONTH=--help"]),
        ("monthly", ["MONTH=2023-11", "VINTAGE=-h"]),
        ("all", ["JOBS=--help"]),
        ("check-draft", ["MONTH=2023-11", "DRAFT=-h"]),
        ("check-draft", ["MONTH=2023-11", "DRAFT="]),
        ("check-draft", ["MONTH=--help", "DRAFT=x.md"]),
    ],
)
def test_no_user_text_reaches_the_command_as_an_option(project, target, variables):
    before = _tree_digest(project / "data/raw")
    out = make(project, target, *variables)
    assert out.returncode != 0, out.stdout
    assert "usage:" not in out.stdout + out.stderr and "Traceback" not in out.stderr
    assert "error:" in out.stderr
    assert _tree_digest(project / "data/raw") == before
    assert not Path("/elsewhere").exists() and not list((project / "figures").glob("2023-11"))


@pytest.mark.slow
def test_a_draft_named_like_an_option_is_read_as_a_file(project):
    (project / "-final.md").write_text("Sleeper cells carried out 11 attacks in the region.\n", encoding="utf-8")
    out = make(project, "check-draft", "MONTH=2023-11", "DRAFT=-final.md")
    assert "usage:" not in out.stdout + out.stderr and "Traceback" not in out.stderr
    assert "-final.md" in out.stdout, out.stderr


@pytest.mark.slow
def test_checksums_refuse_an_incomplete_build_and_leave_the_list_as_it_is(project):
    before = (project / "reports/SHA256SUMS").read_bytes()
    out = make(project, "checksums")
    assert out.returncode != 0
    assert "this checkout is not one" in out.stderr and "make -j2 all" in out.stderr
    assert "not built or are stale" in out.stderr or "data/processed is not built" in out.stderr
    assert (project / "reports/SHA256SUMS").read_bytes() == before
    nowhere = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "checksums",
            "--root",
            "/nonexistent",
            "--out",
            str(project / "reports/SHA256SUMS"),
        ],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert nowhere.returncode != 0 and "not a project folder" in nowhere.stderr
    assert (project / "reports/SHA256SUMS").read_bytes() == before


@pytest.mark.slow
def test_checksums_are_written_for_a_complete_current_build_with_what_changed(tmp_path):
    """SYNTHETIC raw data (two months): built whole, the list is written and its changes said; a raw edit after
    the build makes every report stale and the list is refused."""
    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "data/raw")
    shutil.copytree(FIXTURES / "raw_minimal", root / "data/raw")
    shutil.copytree(paths.GAZETTEER, root / "data/raw/gazetteer")
    lighten_monthly_notebook(root)

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "analysis", *args],
            capture_output=True,
            text=True,
            cwd=root,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )

    refused = run("checksums")
    assert refused.returncode == 2 and "not built from data/raw as it is now" in refused.stderr
    built = run("all")
    assert built.returncode == 0, built.stdout + built.stderr
    wrote = run("checksums")
    assert wrote.returncode == 0, wrote.stderr
    assert "Against the committed list:" in wrote.stdout and "new" in wrote.stdout and "gone" in wrote.stdout
    listed = (root / "reports/SHA256SUMS").read_text()
    assert "reports/2001-01/" in listed and "reports/overview/" in listed
    (root / "reports/2001-01/key_points.md").write_text("edited by hand\n", encoding="utf-8")
    edited = run("checksums")
    assert edited.returncode == 2 and "1 of 3 reports are not built or are stale" in edited.stderr
    assert "2001-01" in edited.stderr and (root / "reports/SHA256SUMS").read_text() == listed
    assert run("all").returncode == 0 and run("checksums").returncode == 0
    assert (root / "reports/SHA256SUMS").read_text() == listed
    with open(root / "data/raw/monthly_figures.csv", "a", encoding="utf-8") as handle:
        handle.write("2001-03,raids,2,,SYNTHETIC report,2001-04-02,https://example.org/synthetic,\n")
    stale = run("checksums")
    assert stale.returncode == 2 and "not built from data/raw as it is now" in stale.stderr
    assert (root / "reports/SHA256SUMS").read_text() == listed
