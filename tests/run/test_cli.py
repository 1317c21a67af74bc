"""The `python -m analysis` command line, as a researcher without make would use it."""

import subprocess
import sys

import pytest

from ..conftest import append_line

pytestmark = pytest.mark.slow


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd)


def test_help_lists_the_commands():
    out = run("--help")
    assert out.returncode == 0
    for command in ("data", "months", "monthly", "all", "verify", "checksums", "manifest"):
        assert command in out.stdout


def test_data_builds_from_a_given_folder(raw_dir, tmp_path):
    out = run("data", "--raw", str(raw_dir), "--processed", str(tmp_path / "p"))
    assert out.returncode == 0, out.stderr
    assert "monthly_figures" in out.stdout and (tmp_path / "p" / "monthly.csv").exists()


def test_rejected_rows_stop_the_build_with_a_readable_message(raw_dir, tmp_path):
    append_line(raw_dir / "monthly_figures.csv", "2001-02,attacks,-3,,Bad,2001-03,https://example.org/x,")
    out = run("data", "--raw", str(raw_dir), "--processed", str(tmp_path / "p"))
    assert out.returncode != 0
    assert "1 row(s)" in out.stderr and "monthly_figures.csv line 9" in out.stderr and "negative" in out.stderr
    assert "Traceback" not in out.stderr
    assert (tmp_path / "p" / "rejected.csv").exists() and not (tmp_path / "p" / "monthly.csv").exists()
    allowed = run("data", "--raw", str(raw_dir), "--processed", str(tmp_path / "p"), "--allow-rejections")
    assert allowed.returncode == 0 and "1 row(s) rejected and allowed" in allowed.stdout


@pytest.mark.parametrize(
    "month, words",
    [
        ("2023-13", "not a month in YYYY-MM form"),
        ("", "no MONTH given"),
        ("2023-11\n", "not a month in YYYY-MM form"),
        ("1999-01", "no attack count was published for 1999-01"),
        ("2023-11;touch pwned", "not a month"),
    ],
)
def test_monthly_refuses_bad_months_and_lists_the_available_ones(raw_dir, tmp_path, month, words):
    out = run(
        "monthly",
        month,
        "--raw",
        str(raw_dir),
        "--processed",
        str(tmp_path / "p"),
        "--figures",
        str(tmp_path / "f"),
        "--reports",
        str(tmp_path / "r"),
    )
    assert out.returncode == 2
    assert words in out.stderr and ("2001-01" in out.stderr or "make months" in out.stderr)
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "f").exists() and not (tmp_path / "r").exists()


def test_a_bad_vintage_is_refused_with_the_choices(tmp_path):
    out = run("monthly", "2023-11", "--vintage", "first", "--figures", str(tmp_path / "f"))
    assert out.returncode == 2 and "current" in out.stderr and "as-published" in out.stderr


def test_months_lists_the_months_with_data(raw_dir, tmp_path):
    out = run("months", "--raw", str(raw_dir), "--processed", str(tmp_path / "p"))
    # the SYNTHETIC fixture's months with a headline count
    assert out.returncode == 0 and out.stdout.split() == ["2001-01", "2001-03"]


@pytest.mark.parametrize("failure", ["unexpected", "disk full"])
def test_an_unexpected_error_is_a_short_message_with_the_traceback_in_a_log(
    raw_dir, tmp_path, monkeypatch, capsys, failure
):
    """Failure injection: the data build raises something nobody foresaw (with the log folder unwritable too,
    as on a full disk)."""
    from analysis import paths
    from analysis.run import cli, data_build

    def broken(*args, **kwargs):
        raise RuntimeError("SYNTHETIC failure in the data build")

    monkeypatch.setattr(data_build, "ensure_data", broken)
    logs = tmp_path / "logs"
    if failure == "disk full":
        (tmp_path / "not-a-folder").write_text("")
        logs = tmp_path / "not-a-folder" / "logs"  # mkdir fails, as it would on a full disk
    monkeypatch.setattr(paths, "LOGS", logs)
    assert cli.main(["data", "--raw", str(raw_dir), "--processed", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert "RuntimeError: SYNTHETIC failure in the data build" in err and "Traceback" not in err
    assert "Published outputs are unchanged" in err
    if failure == "disk full":
        assert "could not be written" in err
    else:
        [log] = list(logs.glob("error-*.txt"))
        assert "Traceback" in log.read_text() and log.name in err


def test_ctrl_c_is_one_line_and_exit_130(raw_dir, tmp_path, monkeypatch, capsys):
    from analysis.run import cli, data_build

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(data_build, "ensure_data", interrupted)
    assert cli.main(["data", "--raw", str(raw_dir), "--processed", str(tmp_path / "p")]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interrupted;")


@pytest.mark.parametrize(
    "command, kept",
    [
        (["monthly", "2023-11", "--quiet"], "the previous outputs of 2023-11 are unchanged"),
        (
            ["all", "--months", "2023-10", "2023-11", "--jobs", "2", "--no-overview"],
            "reports that were not finished keep their previous outputs; finished ones are published",
        ),
    ],
)
def test_ctrl_c_mid_notebook_is_one_line_exit_130_and_leaves_nothing_behind(tmp_path, command, kept):
    """A real SIGINT to the whole process group, as a terminal's Ctrl-C sends it, while a notebook runs (in
    this process, or in the workers of a pool)."""
    import os
    import signal
    import time

    import nbformat
    import psutil

    from ..conftest import copy_project, lighten_monthly_notebook

    root = copy_project(tmp_path / "project", processed=True)
    lighten_monthly_notebook(root)
    notebook = root / "notebooks/monthly_report.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    started = tmp_path / "started"
    nb.cells.insert(
        3, nbformat.v4.new_code_cell(f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\ntime.sleep(120)")
    )
    nbformat.write(nb, notebook)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")} | {"PYTHONPATH": str(root)}
    # SIGINT as a terminal's shell leaves it (a suite started in the background inherits it ignored)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", *command],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    group = [proc.pid] + [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert err == f"interrupted; {kept}\n"
    assert "Traceback" not in out and not (root / "reports/2023-11").exists()
    assert not [p for p in (root / "reports").rglob("*") if ".staging" in p.parts and p.is_file()]
    _, alive = psutil.wait_procs([psutil.Process(p) for p in group if psutil.pid_exists(p)], timeout=30)
    assert not alive, f"left running: {[p.cmdline() for p in alive]}"
