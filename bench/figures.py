"""Where a report's drawing time goes: each figure of one month's report (and of the overview) built and saved
in one process, as the report notebooks call them, after a warm-up (imports, font cache).

`python bench/figures.py [MONTH] [--runs N] [--out DIR]` prints one JSON object a figure: its stem, the median
build and save wall times and the median CPU time over N runs. The district map is the month's own when it has
one, else that of the latest month with one (so that the map is always measured). bench/run.py calls it in its
scratch copy of the project; the figures go to a temporary folder, never to figures/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def builders(month: str) -> list[tuple[str, object]]:
    """(name, function returning the Figure or None) for every figure of `month`'s report and the overview."""
    from analysis import paths
    from analysis.report import figures, maps, metrics, overview
    from analysis.report.data import load_month, load_processed

    data, everything = load_month(paths.PROCESSED, month), load_processed(paths.PROCESSED)
    months = everything.monthly["month"].tolist()
    has_map = "district_outlines" in everything.optional and "area" in everything.optional
    map_month = next((m for m in [month] + months[::-1] if has_map and maps.map_data(everything, [m])), None)
    map_data = load_month(paths.PROCESSED, map_month) if map_month else None
    summary = overview.annual_summary(everything.monthly, everything.figures)
    return [
        (
            f"{month} 01_attacks",
            lambda: figures.attacks_chart(data.monthly, data.definitions, month, developments=data.developments),
        ),
        (f"{month} 02_casualties", lambda: figures.casualties_chart(data.figures, data.monthly, month)),
        (f"{month} 03_raids_arrests", lambda: figures.raids_chart(data.monthly, month)),
        (
            f"{month} 04_regions",
            lambda: figures.regions_chart(
                data.regions, month, total=metrics.month_value(data.monthly, month, "attacks")
            ),
        ),
        (f"{month} 05_al_hol", lambda: figures.camp_chart(data.camp_population, month)),
        (f"{month} 06_repatriations", lambda: figures.repatriations_chart(data.repatriations, month)),
        (f"{map_month} 09_map", lambda: maps.month_map(map_data, map_month) if map_data else None),
        (
            "overview 01_series",
            lambda: overview.series_chart(everything.monthly, everything.definitions, everything.developments),
        ),
        ("overview 07_seasonality", lambda: overview.seasonality_heatmap(everything.monthly)),
        ("overview 02_annual", lambda: overview.annual_chart(summary)),
        ("overview 03_casualties", lambda: overview.casualties_chart(overview.casualties_by_year(everything.monthly))),
        ("overview 04_raids_arrests", lambda: overview.raids_by_year(summary)),
        ("overview 05_al_hol", lambda: figures.camp_chart(everything.camp_population, months[-1])),
        ("overview 06_repatriations", lambda: overview.cumulative_repatriations(everything.repatriations)),
        ("overview 08_map", lambda: maps.period_map(everything)),
    ]


def measure(month: str, runs: int, out: Path) -> list[dict]:
    from analysis.report import style

    timings: dict[str, list[tuple[float, float, float]]] = {}
    charts = builders(month)
    for run in range(runs + 1):  # the first run warms up and is not counted
        for name, build in charts:
            wall, cpu = time.perf_counter(), time.process_time()
            fig = build()
            built = time.perf_counter()
            if fig is None:
                continue
            style.save(fig, out, name.replace(" ", "_"))
            if run:
                timings.setdefault(name, []).append(
                    (built - wall, time.perf_counter() - built, time.process_time() - cpu)
                )
    return [
        {
            "figure": name,
            "build_s": round(statistics.median(t[0] for t in samples), 3),
            "save_s": round(statistics.median(t[1] for t in samples), 3),
            "cpu_s": round(statistics.median(t[2] for t in samples), 3),
            "runs": len(samples),
        }
        for name, samples in timings.items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("month", nargs="?", default="2023-11")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None, help="where the figures go (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        for row in measure(args.month, args.runs, args.out or Path(scratch)):
            print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
