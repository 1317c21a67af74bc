"""Command line: `python -m analysis <command>`; the Makefile targets are thin calls of these."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import manifest, paths, pipeline
from .errors import AnalysisError
from .months import available_months, check_month


def _cmd_data(args: argparse.Namespace) -> int:
    result = pipeline.build(Path(args.raw), Path(args.out), allow_rejections=args.allow_rejections)
    rejected = len(result.rejected)
    print(f"Built {Path(args.out)} from {Path(args.raw)}:\n{result.summary()}")
    if rejected:
        print(f"{rejected} row(s) rejected and allowed; see {Path(args.out) / 'rejected.csv'}")
    return 0


def _cmd_months(args: argparse.Namespace) -> int:
    print("\n".join(available_months(Path(args.raw))))
    return 0


def _cmd_check_month(args: argparse.Namespace) -> int:
    check_month(args.month, Path(args.raw))
    print(f"{args.month} has data.")
    return 0


def _cmd_monthly(args: argparse.Namespace) -> int:
    from .report import run_month

    check_month(args.month, Path(args.raw))
    out = run_month(args.month, Path(args.processed), Path(args.figures), Path(args.reports),
                    progress=not args.quiet)
    print(f"{args.month}: figures in {out['figures']}, tables and key points in {out['reports']}")
    return 0


def _cmd_manifest(args: argparse.Namespace) -> int:
    if args.update:
        path = manifest.update(Path(args.raw), Path(args.manifest))
        print(f"Wrote {path}")
        return 0
    problems = manifest.check(Path(args.raw), Path(args.manifest))
    if problems:
        print("The raw-data manifest does not match data/raw:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("  What to do: if you changed raw data on purpose, run `make manifest` and commit "
              "data/manifest.csv with the change; otherwise restore the file (git checkout data/raw).",
              file=sys.stderr)
        return 1
    print(f"All {len(manifest.raw_files(Path(args.raw)))} raw files match {args.manifest}.")
    return 0


def parser() -> argparse.ArgumentParser:
    """The CLI's argument parser (one sub-command per Makefile target)."""
    top = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="build data/processed from data/raw")
    data.add_argument("--raw", default=str(paths.RAW), help="folder of raw tables (default: data/raw)")
    data.add_argument("--out", default=str(paths.PROCESSED), help="output folder (default: data/processed)")
    data.add_argument("--allow-rejections", action="store_true",
                      help="build even if some rows were rejected (they are listed in rejected.csv)")
    data.set_defaults(func=_cmd_data)

    months = sub.add_parser("months", help="list the months that have a published attack count")
    months.add_argument("--raw", default=str(paths.RAW))
    months.set_defaults(func=_cmd_months)

    month = sub.add_parser("check-month", help="exit non-zero unless MONTH is YYYY-MM and has data")
    month.add_argument("month")
    month.add_argument("--raw", default=str(paths.RAW))
    month.set_defaults(func=_cmd_check_month)

    mon = sub.add_parser("monthly", help="run the monthly report notebook for MONTH (papermill)")
    mon.add_argument("month", help="YYYY-MM")
    mon.add_argument("--raw", default=str(paths.RAW), help="raw folder (to check the month has data)")
    mon.add_argument("--processed", default=str(paths.PROCESSED), help="processed data (built by `data`)")
    mon.add_argument("--figures", default=str(paths.FIGURES), help="figures root (default: figures)")
    mon.add_argument("--reports", default=str(paths.REPORTS), help="reports root (default: reports)")
    mon.add_argument("--quiet", action="store_true", help="no progress bar")
    mon.set_defaults(func=_cmd_monthly)

    man = sub.add_parser("manifest", help="check (or --update) data/manifest.csv against data/raw")
    man.add_argument("--update", action="store_true", help="rewrite the manifest from the files as they are")
    man.add_argument("--raw", default=str(paths.RAW))
    man.add_argument("--manifest", default=str(paths.MANIFEST))
    man.set_defaults(func=_cmd_manifest)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
