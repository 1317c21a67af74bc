"""Benchmarks behind `make bench`: what users wait for, measured side by side against a floor.

Every figure is the median of several runs (min and max beside it), and the runs of different
commands are interleaved so that a noisy machine slows them alike and the ratios hold. Results go to
bench/results.md and bench/results.csv. Runs in a scratch copy of the project: the work tree is untouched.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import copy_project  # noqa: E402  (same copy the tests use: tracked files + shared .venv)

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ALL_RUNS = int(os.environ.get("BENCH_ALL_RUNS", "1"))


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH")}


def timed(command: list[str], cwd: Path, before=None) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of the command and everything it started)."""
    if before:
        before()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, cwd=cwd, env=clean_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return elapsed, (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)


def summary(name: str, samples: list[tuple[float, float]], note: str = "") -> dict:
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return {
        "benchmark": name,
        "runs": len(samples),
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "median_cpu_s": round(statistics.median(cpus), 3),
        "note": note,
    }


def median_wall(samples: list[tuple[float, float]]) -> float:
    return statistics.median(s[0] for s in samples)


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="sleeper-cell-bench-"))
    rows = []
    try:
        project = copy_project(scratch / "project")
        timed(["make", "--no-print-directory", "data"], project)
        trivial_out = scratch / "trivial_out.ipynb"
        floor_cmd = [
            str(project / ".venv/bin/papermill"),
            "--no-progress-bar",
            "-k",
            "python3",
            str(project / "bench/trivial.ipynb"),
            str(trivial_out),
        ]
        monthly_cmd = ["make", "--no-print-directory", "monthly", "MONTH=2023-11"]

        def force_rerun():
            (project / "reports/2023-11/provenance.json").unlink(missing_ok=True)

        floor, monthly, noop = [], [], []
        timed(monthly_cmd, project)  # warm-up: compiled files, font cache
        for _ in range(RUNS):  # interleaved, so the ratio holds on a noisy machine
            floor.append(timed(floor_cmd, project))
            monthly.append(timed(monthly_cmd, project, before=force_rerun))
            noop.append(timed(monthly_cmd, project))
        ratio = median_wall(monthly) / median_wall(floor)
        rows.append(summary("floor: papermill, trivial notebook", floor))
        rows.append(
            summary(
                "make monthly MONTH=2023-11 (processed data built)", monthly, f"{ratio:.2f} x floor (target <= 1.5)"
            )
        )
        rows.append(summary("make monthly MONTH=2023-11 again, nothing changed", noop, "target < 0.5 s"))
        drawn = figure_times(project)
        rows.append(
            {
                "benchmark": f"figures of 2023-11 built and saved in one process ({len(drawn['month'])} "
                "figures, bench/figures.py)",
                "runs": RUNS,
                "median_s": round(sum(r["median_s"] for r in drawn["month"]), 3),
                "min_s": "",
                "max_s": "",
                "median_cpu_s": round(sum(r["cpu_s"] for r in drawn["month"]), 3),
                "note": "sum of each figure's median build + save; each figure below",
            }
        )

        reports = len((project / "data/processed/months.txt").read_text().split()) + 1
        every, floor_around = [], []
        for _ in range(ALL_RUNS):
            floor_around.append(timed(floor_cmd, project))
            subprocess.run(["make", "--no-print-directory", "clean"], cwd=project, env=clean_env(), check=True)
            timed(["make", "--no-print-directory", "data"], project)
            every.append(timed(["make", "--no-print-directory", "-j2", "all"], project))
            floor_around.append(timed(floor_cmd, project))
        if every:  # BENCH_ALL_RUNS=0: the quick benchmarks only
            per_report = median_wall(every) / reports
            rows.append(summary("floor, paired with make -j2 all (before and after each run)", floor_around))
            rows.append(
                summary(
                    f"make -j2 all from a clean tree (every month + overview: {reports} reports)",
                    every,
                    f"{per_report:.2f} s per report = "
                    f"{per_report / median_wall(floor_around):.2f} x floor (target <= 0.45)",
                )
            )
        rows += dirty_check(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write(rows, drawn)
    return 0


def figure_times(project: Path) -> dict[str, list[dict]]:
    """Each figure of 2023-11's report, the district map (of the latest month with one, if 2023-11 has none)
    and the overview's figures, built and saved in one process of the copy (bench/figures.py): where a
    report's drawing time goes."""
    import json

    out = subprocess.run(
        [str(project / ".venv/bin/python"), str(project / "bench/figures.py"), "2023-11", "--runs", str(RUNS)],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"bench/figures.py failed\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    for row in rows:
        row["median_s"] = round(row["build_s"] + row["save_s"], 3)
    return {
        "month": [r for r in rows if r["figure"].startswith("2023-11")],
        "other": [r for r in rows if not r["figure"].startswith("2023-11")],
    }


def dirty_check(scratch: Path) -> list[dict]:
    """Provenance's dirty-tree check in a clone whose notebooks Lab has saved with outputs (nbstripout's git
    filter configured as `make venv` does), beside `git rev-parse HEAD`, the least any such check runs."""
    import json

    from analysis.run.provenance import git_state

    clone = scratch / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run(
        [
            "git",
            "config",
            "filter.nbstripout.clean",
            f"{ROOT / '.venv/bin/python'} -m analysis.run.strip_notebook --keep-id",
        ],
        cwd=clone,
        check=True,
    )
    for path in clone.glob("notebooks/*.ipynb"):
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x" * 10_000]}]
        path.write_text(json.dumps(nb, indent=1))

    def in_process(call) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        call()
        return time.perf_counter() - start, time.process_time() - cpu

    floor, check = [], []
    for _ in range(RUNS * 4):
        floor.append(
            in_process(lambda: subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True, capture_output=True))
        )
        check.append(in_process(lambda: git_state(clone)))
    assert git_state(clone)["dirty"] is False
    return [
        summary("floor: git rev-parse HEAD (in the clone)", floor),
        summary(
            "provenance dirty-tree check, notebooks saved with outputs",
            check,
            f"{median_wall(check) / median_wall(floor):.1f} x floor (target < 0.3 s)",
        ),
    ]


def figure_rows(drawn: dict[str, list[dict]]) -> list[dict]:
    """bench/figures.py's figures as rows of results.csv: wall = build + save, the build and save in the note."""
    return [
        {
            "benchmark": f"figure built and saved: {r['figure']}",
            "runs": r["runs"],
            "median_s": r["median_s"],
            "min_s": "",
            "max_s": "",
            "median_cpu_s": r["cpu_s"],
            "note": f"build {r['build_s']} s, save {r['save_s']} s",
        }
        for r in drawn["month"] + drawn["other"]
    ]


def write(rows: list[dict], drawn: dict[str, list[dict]]) -> None:
    with open(ROOT / "bench/results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        writer.writerows(figure_rows(drawn))
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {RUNS} runs each, "
        f"interleaved; make -j2 all: {ALL_RUNS} run(s), each between two floor runs. CPU time counts "
        "every process a command started.",
        "",
        "| benchmark | median wall (s) | min (s) | max (s) | median cpu (s) | runs | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {r['benchmark']} | {r['median_s']} | {r['min_s']} | {r['max_s']} | {r['median_cpu_s']} | "
        f"{r['runs']} | {r['note']} |"
        for r in rows
    ]
    lines += [
        "",
        "Each figure, built (the chart function, with the house style's layout) and saved (PNG and SVG) in "
        f"one process, median of {RUNS} runs after a warm-up: the figures of 2023-11's report, the district "
        "map and the overview's figures.",
        "",
        "| figure | build (s) | save (s) | cpu (s) |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {r['figure']} | {r['build_s']} | {r['save_s']} | {r['cpu_s']} |" for r in drawn["month"] + drawn["other"]
    ]
    lines += ["", "Ingest scaling (incident logs, ACLED exports): bench/ingest_results.md.", ""]
    (ROOT / "bench/results.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
