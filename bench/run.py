"""Benchmarks behind `make bench`: what users wait for, measured side by side against a floor.

Every figure is the median of several runs (min and max beside it), and the runs of different
commands are interleaved so that a noisy machine slows them alike and the ratios hold. Results go to
bench/results.md and bench/results.csv. Runs in a scratch copy of the project: the work tree is untouched.
"""

from __future__ import annotations

import csv
import os
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
ALL_MONTHS = os.environ.get("BENCH_MONTHS", "2023-07 2023-08 2023-09 2023-10 2023-11 2023-12").split()


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH")}


def timed(command: list[str], cwd: Path, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    out = subprocess.run(command, cwd=cwd, env=clean_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return elapsed


def summary(name: str, samples: list[float], note: str = "") -> dict:
    return {"benchmark": name, "runs": len(samples), "median_s": round(statistics.median(samples), 3),
            "min_s": round(min(samples), 3), "max_s": round(max(samples), 3), "note": note}


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="sleeper-cell-bench-"))
    rows = []
    try:
        project = copy_project(scratch / "project")
        py = str(project / ".venv/bin/python")
        timed(["make", "--no-print-directory", "data"], project)
        trivial_out = scratch / "trivial_out.ipynb"
        floor_cmd = [str(project / ".venv/bin/papermill"), "--no-progress-bar", "-k", "python3",
                     str(project / "bench/trivial.ipynb"), str(trivial_out)]
        monthly_cmd = ["make", "--no-print-directory", "monthly", "MONTH=2023-11"]

        def force_rerun():
            (project / "reports/2023-11/provenance.json").unlink(missing_ok=True)

        floor, monthly, noop = [], [], []
        timed(monthly_cmd, project)  # warm-up: fingerprints, caches
        for _ in range(RUNS):  # interleaved, so the ratio holds on a noisy machine
            floor.append(timed(floor_cmd, project))
            monthly.append(timed(monthly_cmd, project, before=force_rerun))
            noop.append(timed(monthly_cmd, project))
        ratio = statistics.median(monthly) / statistics.median(floor)
        rows.append(summary("floor: papermill, trivial notebook", floor))
        rows.append(summary("make monthly MONTH=2023-11 (processed data built)", monthly,
                            f"{ratio:.2f} x floor (target <= 1.5)"))
        rows.append(summary("make monthly MONTH=2023-11 again, nothing changed", noop, "target < 0.5 s"))

        months = "MONTHS=" + " ".join(ALL_MONTHS)
        for jobs in ("-j1", "-j2"):
            samples = []
            for _ in range(max(1, RUNS // 2)):
                subprocess.run(["make", "--no-print-directory", "clean"], cwd=project, env=clean_env(), check=True)
                samples.append(timed(["make", "--no-print-directory", jobs, "all", months], project))
            rows.append(summary(f"make {jobs} all from a clean tree ({len(ALL_MONTHS)} months + overview)", samples,
                                f"{statistics.median(samples) / (len(ALL_MONTHS) + 1):.2f} s per report"))
        j1, j2 = rows[-2]["median_s"], rows[-1]["median_s"]
        rows[-1]["note"] += f"; speed-up {j1 / j2:.2f} x over -j1"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    write(rows)
    return 0


def write(rows: list[dict]) -> None:
    with open(ROOT / "bench/results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    lines = ["# Benchmark results", "",
             f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; {RUNS} runs each "
             "(make all: fewer), interleaved.", "",
             "| benchmark | median (s) | min (s) | max (s) | runs | note |", "|---|---:|---:|---:|---:|---|"]
    lines += [f"| {r['benchmark']} | {r['median_s']} | {r['min_s']} | {r['max_s']} | {r['runs']} | {r['note']} |"
              for r in rows]
    lines += ["", "Ingest scaling (incident logs, ACLED exports): bench/ingest_results.md.", ""]
    (ROOT / "bench/results.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
