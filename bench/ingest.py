"""Ingest scaling benchmark (issue 7, item 5): SYNTHETIC incident logs and ACLED-format files of growing
size, read + validated + cleaned + geocoded + aggregated by the library, against pyarrow just reading the
same file; peak memory (max RSS of a fresh process) against the file's size.

Usage: python bench/ingest.py [sizes...]   (default: 10000 100000; 1000000 takes minutes)
Every generated row says SYNTHETIC; files live in a temporary folder and are deleted afterwards.
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Basira", "Dhiban", "Shaddadi", "Hajin", "Raqqa", "Tabqa", "Qamishlo", "Kobane", "al-Hol camp", "Sur"]
ACLED_ADMIN = [
    ("Deir-ez-Zor", "Deir-ez-Zor", "Basira", 35.19, 40.67),
    ("Al-Hasakeh", "Al-Hasakeh", "Hole", 36.43, 41.14),
    ("Ar-Raqqa", "Ath-Thawrah", "Al-Thawrah", 35.83, 38.55),
    ("Deir-ez-Zor", "Al Mayadin", "Thiban", 35.02, 40.74),
]


def make_incident_log(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    from analysis.ingest.incidents import INCIDENT_LOG

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(INCIDENT_LOG.column_names)
        for i in range(rows):
            writer.writerow(
                [
                    f"SYN-{i}",
                    f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "day",
                    rng.choice(PLACES),
                    "",
                    "",
                    rng.choice(["ied", "armed_attack", "assassination"]),
                    rng.choice(["sdf", "civilian", "asayish"]),
                    rng.randint(0, 3),
                    rng.randint(0, 3),
                    rng.randint(0, 2),
                    rng.randint(0, 2),
                    rng.choice(["confirmed", "unverified_claim"]),
                    "https://example.org/synthetic",
                    "SYNTHETIC benchmark row",
                ]
            )


def make_acled(path: Path, rows: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    sys.path.insert(0, str(ROOT))
    from tests.ingest.test_acled import COLUMNS, event

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in range(rows):
            a1, a2, a3, lat, lon = rng.choice(ACLED_ADMIN)
            writer.writerow(
                event(
                    f"SYR{i}",
                    f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    a1,
                    a2,
                    a3,
                    f"{lat + rng.uniform(-0.05, 0.05):.4f}",
                    f"{lon + rng.uniform(-0.05, 0.05):.4f}",
                )
            )


STEP = r"""
import json, resource, sys, time
from datetime import date
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
if kind == "pyarrow":
    import pyarrow.csv as pc
    pc.read_csv(path)
elif kind == "incidents":  # what `make data` does with a log, less writing the cleaned CSV
    from analysis.ingest import incidents, logs
    from analysis.ingest.places import load_gazetteer
    from analysis.ingest.schemas import Context
    run = logs.run_log(path, incidents.INCIDENT_LOG, Context(date.today(), load_gazetteer()), cleaned_path=None)
    assert run.rejected.empty and run.kept == run.read
else:
    from analysis.ingest.acled import isis_events_by_month, read_acled  # and set against the area, as the build does
    from analysis.ingest.area import area_status, load_area
    events = read_acled(path)
    events["area"] = area_status(events["admin2_pcode"], events["admin3_pcode"], events["month"], load_area())
    isis_events_by_month(events)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", STEP, kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="sleeper-cell-ingest-") as tmp:
        for kind, maker in (("incidents", make_incident_log), ("acled", make_acled)):
            for n in sizes:
                path = Path(tmp) / f"{kind}_{n}.csv"
                maker(path, n)
                size_mb = path.stat().st_size / 2**20
                base, ours = measure("pyarrow", path), measure(kind, path)
                rows.append(
                    {
                        "input": kind,
                        "rows": n,
                        "file_mb": round(size_mb, 1),
                        "pyarrow_read_s": round(base["seconds"], 3),
                        "library_s": round(ours["seconds"], 3),
                        "ratio": round(ours["seconds"] / base["seconds"], 1),
                        "peak_mb": round(ours["peak_mb"]),
                        "peak_over_file": round(ours["peak_mb"] / size_mb, 1),
                        "pyarrow_peak_over_file": round(base["peak_mb"] / size_mb, 1),
                    }
                )
                print(rows[-1], flush=True)
                path.unlink()
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    result = main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
    lines = [
        "| input | rows | file (MB) | pyarrow read (s) | library (s) | ratio (target ≤ 3) | peak RSS (MB) | "
        "peak / file (target ≤ 4) | pyarrow's own peak / file |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['input']} | {r['rows']:,} | {r['file_mb']} | {r['pyarrow_read_s']} | {r['library_s']} | "
        f"{r['ratio']} | {r['peak_mb']} | {r['peak_over_file']} | {r['pyarrow_peak_over_file']} |"
        for r in result
    ]
    notes = [
        "",
        "Times include starting Python and importing the libraries (pandas alone takes about 0.4 s), so the "
        "ratios at small sizes mostly measure start-up; the 1,000,000-row rows show the per-row cost. Peak RSS "
        "includes the interpreter (about 100 MB with pandas and pyarrow).",
    ]
    (ROOT / "bench/ingest_results.md").write_text(
        "# Ingest scaling (SYNTHETIC inputs)\n\n" + "\n".join(lines + notes) + "\n"
    )
    print("\n".join(lines))
