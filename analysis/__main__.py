"""Command line: `python -m analysis <command>`; the Makefile targets are thin calls of these.

Heavy libraries are imported inside the commands, so quick commands (summary, checks) start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .errors import AnalysisError


def _cmd_data(args: argparse.Namespace) -> int:
    from . import pipeline

    result = pipeline.build(Path(args.raw), Path(args.out), allow_rejections=args.allow_rejections)
    print(f"Built {Path(args.out)} from {Path(args.raw)}:\n{result.summary()}")
    if len(result.rejected):
        print(f"{len(result.rejected)} row(s) rejected and allowed; see {Path(args.out) / 'rejected.csv'}")
    return 0


def _cmd_months(args: argparse.Namespace) -> int:
    from .months import available_months

    print("\n".join(available_months(Path(args.raw))))
    return 0


def _cmd_check_month(args: argparse.Namespace) -> int:
    from .months import check_month

    check_month(args.month, Path(args.raw))
    print(f"{args.month} has data.")
    return 0


def _cmd_check_months(args: argparse.Namespace) -> int:
    from .months import check_month

    from .months import check_listed

    check_listed(args.months, Path(args.processed, "months.txt").read_text().split())
    return 0


def _position(month: str, listing: str | None) -> str:
    if not listing or not Path(listing).exists():
        return ""
    months = Path(listing).read_text().split()
    return f"[{months.index(month) + 1}/{len(months)}] " if month in months else ""


def _cmd_monthly(args: argparse.Namespace) -> int:
    from .months import check_month
    from .report import run_month

    if not args.skip_check:
        check_month(args.month, Path(args.raw))
    print(f"{_position(args.month, args.progress_of)}{args.month}: running the report notebook"
          + (f" ({args.vintage} values)" if args.vintage != "current" else ""), flush=True)
    try:
        fingerprint = Path(args.fingerprint_file).read_text().strip() if args.fingerprint_file else None
        out = run_month(args.month, Path(args.processed), Path(args.figures), Path(args.reports),
                        progress=not args.quiet, vintage=args.vintage, fingerprint=fingerprint)
    except AnalysisError:
        raise
    except Exception as exc:  # anything else (disk full, a folder in the way): say so, for the run summary too
        from .outputs import atomic_write_text

        sub = paths.month_folder(args.month, args.vintage)
        message = (f"the report for {sub} could not be built: {type(exc).__name__}: {exc}\n"
                   f"  The previous outputs of {sub} are unchanged. What to do: fix the cause above and rerun.")
        atomic_write_text(paths.failed_marker(Path(args.reports), sub), message + "\n")
        raise AnalysisError(message) from None
    print(f"{_position(args.month, args.progress_of)}{args.month}: figures in {out['figures']}, tables and key "
          f"points in {out['reports']}")
    return 0


def _cmd_overview(args: argparse.Namespace) -> int:
    from .report import run_overview

    print("overview: running the whole-period notebook", flush=True)
    out = run_overview(Path(args.processed), Path(args.figures), Path(args.reports), progress=not args.quiet)
    print(f"overview: figures in {out['figures']}, tables in {out['reports']}")
    return 0


def _cmd_fingerprints(args: argparse.Namespace) -> int:
    from .dataset import load_processed
    from .deps import write_fingerprints

    months = Path(args.processed, "months.txt").read_text().split()
    changed = write_fingerprints(load_processed(Path(args.processed)), months, Path(args.folder))
    print(f"Inputs changed for {len(changed)} of {len(months)} months" + (f": {' '.join(changed)}" if changed else ""))
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from .runlog import summarise

    return summarise(Path(args.reports), args.months, args.start)


def _cmd_checksums(args: argparse.Namespace) -> int:
    from .verify import write_checksums

    path = write_checksums(Path(args.root), Path(args.out))
    print(f"Wrote {path}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify

    return verify(months=args.months, jobs=args.jobs, keep=args.keep)


def _cmd_manifest(args: argparse.Namespace) -> int:
    from . import manifest

    if args.update:
        print(f"Wrote {manifest.update(Path(args.raw), Path(args.manifest))}")
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
    raw = {"default": str(paths.RAW), "help": "folder of raw tables (default: data/raw)"}
    processed = {"default": str(paths.PROCESSED), "help": "processed data (default: data/processed)"}

    data = sub.add_parser("data", help="build data/processed from data/raw")
    data.add_argument("--raw", **raw)
    data.add_argument("--out", default=str(paths.PROCESSED), help="output folder (default: data/processed)")
    data.add_argument("--allow-rejections", action="store_true",
                      help="build even if some rows were rejected (they are listed in rejected.csv)")
    data.set_defaults(func=_cmd_data)

    months = sub.add_parser("months", help="list the months that have a published attack count")
    months.add_argument("--raw", **raw)
    months.set_defaults(func=_cmd_months)

    month = sub.add_parser("check-month", help="exit non-zero unless MONTH is YYYY-MM and has data")
    month.add_argument("month")
    month.add_argument("--raw", **raw)
    month.set_defaults(func=_cmd_check_month)

    many = sub.add_parser("check-months", help="like check-month, for several months (after `data`)")
    many.add_argument("months", nargs="*")
    many.add_argument("--processed", **processed)
    many.set_defaults(func=_cmd_check_months)

    mon = sub.add_parser("monthly", help="run the monthly report notebook for MONTH (papermill)")
    mon.add_argument("month", help="YYYY-MM")
    mon.add_argument("--vintage", default="current", choices=paths.VINTAGES,
                     help="current values (default) or values as first published (outputs in .../as-published/)")
    mon.add_argument("--raw", **raw)
    mon.add_argument("--processed", **processed)
    mon.add_argument("--figures", default=str(paths.FIGURES), help="figures root (default: figures)")
    mon.add_argument("--reports", default=str(paths.REPORTS), help="reports root (default: reports)")
    mon.add_argument("--quiet", action="store_true", help="no progress bar")
    mon.add_argument("--skip-check", action="store_true", help="the month was already checked")
    mon.add_argument("--progress-of", help="file listing all months, to show '[k/N]'")
    mon.add_argument("--fingerprint-file", help="the month's input digest, already computed (make passes "
                                                "reports/.fingerprints/MONTH.sha256)")
    mon.set_defaults(func=_cmd_monthly)

    ov = sub.add_parser("overview", help="run the whole-period overview notebook (papermill)")
    ov.add_argument("--processed", **processed)
    ov.add_argument("--figures", default=str(paths.FIGURES))
    ov.add_argument("--reports", default=str(paths.REPORTS))
    ov.add_argument("--quiet", action="store_true")
    ov.set_defaults(func=_cmd_overview)

    fp = sub.add_parser("fingerprints", help="write each month's input digest (only changed ones are rewritten)")
    fp.add_argument("--processed", **processed)
    fp.add_argument("--folder", default=str(paths.FINGERPRINTS))
    fp.set_defaults(func=_cmd_fingerprints)

    sm = sub.add_parser("summary", help="after `make all`: which outputs were built, skipped or failed")
    sm.add_argument("--reports", default=str(paths.REPORTS))
    sm.add_argument("--start", required=True, help="file touched when the run started")
    sm.add_argument("months", nargs="*")
    sm.set_defaults(func=_cmd_summary)

    cs = sub.add_parser("checksums", help="write reports/SHA256SUMS from the current outputs")
    cs.add_argument("--root", default=str(paths.ROOT))
    cs.add_argument("--out", default=str(paths.CHECKSUMS))
    cs.set_defaults(func=_cmd_checksums)

    ve = sub.add_parser("verify", help="rebuild everything in a scratch folder and compare with reports/SHA256SUMS")
    ve.add_argument("--months", nargs="*", help="only these months (and the overview); default: all")
    ve.add_argument("--jobs", type=int, default=2)
    ve.add_argument("--keep", action="store_true", help="keep the scratch folder for inspection")
    ve.set_defaults(func=_cmd_verify)

    man = sub.add_parser("manifest", help="check (or --update) data/manifest.csv against data/raw")
    man.add_argument("--update", action="store_true", help="rewrite the manifest from the files as they are")
    man.add_argument("--raw", **raw)
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
