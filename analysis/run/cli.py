"""Command line: `python -m analysis <command>`. Each make target is a one-line call of one of these.

Every command that reads or writes reports first completes or discards any publish a killed run left
behind (`publish.recover`). User text (months, vintage) arrives here only as arguments and is checked
before anything runs. Heavy libraries are imported inside the commands, so quick commands start fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .. import paths
from ..errors import AnalysisError, MonthError, not_installed
from ..months import MONTH_FORMAT, check_format, check_month, describe, listing
from ..vocabulary import VINTAGES
from . import data_build, publish
from .runner import Job, Roots, run_jobs, summarise


def _roots(args: argparse.Namespace) -> Roots:
    return Roots(Path(args.processed), Path(args.figures), Path(args.reports))


MEMORY_PER_REPORT = 700 * 2**20  # a worker and its kernel at their peak, measured: about 580 MB (52 reports, 30 GB)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _capped(asked: int, where: str) -> int:
    """`asked` reports at a time, capped at the cores and the memory this machine has free (said when capped)."""
    import psutil

    cores, free = _cores(), psutil.virtual_memory().available
    cap = max(1, min(cores, free // MEMORY_PER_REPORT))
    if asked > cap:
        print(
            f"note: {where} asks for {asked} reports at a time; running {cap} (this machine has {cores} "
            f"core{'s' if cores != 1 else ''} and {free / 2**30:.1f} GB of free memory, and each report needs "
            f"about {MEMORY_PER_REPORT / 2**30:.1f} GB)",
            flush=True,
        )
        return cap
    return asked


def _jobs(args: argparse.Namespace) -> int:
    """--jobs, else make's -jN (so `make -j2 all` means two at a time), else 1; never more than the machine has."""
    if args.jobs is not None:
        if args.jobs < 1:
            raise AnalysisError(f"JOBS {args.jobs} is not a number of reports at a time (1 or more).")
        return _capped(args.jobs, f"JOBS={args.jobs}")
    match = re.search(r"(?:^|\s)-[a-zA-Z]*j\s*(\d*)(?:\s|$)", " " + os.environ.get("MAKEFLAGS", ""))
    if match is None:
        return 1
    if not match.group(1):  # bare -j: as many as the machine holds
        return _capped(_cores(), "make -j")
    return _capped(int(match.group(1)), f"make -j{match.group(1)}")


def _month_list(values: list[str] | None) -> list[str] | None:
    """--months as given (one argument each, or one argument of months split by spaces or commas), each checked
    before it is used: a month is a month, never an option."""
    if values is None:
        return None
    months = [word for value in values for word in re.split(r"[\s,]+", value) if word]
    if not months:
        raise MonthError('MONTHS is empty. Give months as MONTHS="2023-10 2023-11", or leave MONTHS out for all.')
    for month in months:
        if not MONTH_FORMAT.fullmatch(month):
            raise MonthError(
                f"MONTHS holds {month!r}, which is not a month in YYYY-MM form (e.g. 2023-11). "
                "MONTHS lists months only, separated by spaces."
            )
    return months


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_folders(args: argparse.Namespace) -> None:
    """No output folder is, contains or lies inside the raw data; the processed folder is never the raw one."""
    raws = {Path(paths.RAW).resolve()}
    if getattr(args, "raw", None):
        raws.add(Path(args.raw).resolve())
    for option in ("processed", "figures", "reports", "out"):
        value = getattr(args, option, None)
        if value is None:
            continue
        if not str(value).strip():
            raise AnalysisError(f"--{option} is empty: give a folder.")
        out = Path(value).resolve()
        for raw in raws:
            if _inside(out, raw) or _inside(raw, out):
                how = "is" if out == raw else ("lies inside" if _inside(out, raw) else "contains")
                raise AnalysisError(
                    f"--{option} {value} {how} the raw data folder {paths.relative_to_root(raw)}: outputs are never "
                    "written there (the raw tables are hand-edited facts).\n  What to do: give another folder, "
                    f"or leave --{option} out for the default."
                )


def _checked_format(month: str, args: argparse.Namespace) -> str:
    """The format check, before anything runs; its message lists the months when the data build is current."""
    try:
        return check_format(month)
    except MonthError as exc:
        if data_build.current_record(Path(args.raw), Path(args.processed), args.allow_rejections):
            processed = Path(args.processed)
            published, provisional = data_build.published_months(processed), data_build.provisional_months(processed)
            raise MonthError(f"{exc} {listing(published, provisional)}") from None
        raise MonthError(f"{exc} `make months` lists the months with data.") from None


def _ensure_data(args: argparse.Namespace) -> list[str]:
    """Build the data if needed; the months a report can be built for (published and provisional)."""
    data_build.ensure_data(Path(args.raw), Path(args.processed), args.allow_rejections)
    return data_build.months(Path(args.processed))


def _check_month(month: str, args: argparse.Namespace) -> str:
    """The month check against the current build: a published attack count, or a provisional one."""
    processed = Path(args.processed)
    return check_month(month, data_build.published_months(processed), data_build.provisional_months(processed))


def _cmd_data(args: argparse.Namespace) -> int:
    _, built = data_build.ensure_data(Path(args.raw), Path(args.processed), args.allow_rejections)
    if not built:
        print(f"{paths.relative_to_root(Path(args.processed))} is up to date (nothing it is built from changed).")
    return 0


def _cmd_months(args: argparse.Namespace) -> int:
    data_build.ensure_data(Path(args.raw), Path(args.processed), args.allow_rejections, quiet=True)
    provisional = set(data_build.provisional_months(Path(args.processed)))
    print(
        "\n".join(
            m + ("  provisional (the team's count, not yet published)" if m in provisional else "")
            for m in data_build.months(Path(args.processed))
        )
    )
    return 0


def _cmd_monthly(args: argparse.Namespace) -> int:
    _checked_format(args.month, args)
    roots = _roots(args)
    publish.recover(roots.figures, roots.reports)
    _ensure_data(args)
    _check_month(args.month, args)
    job = Job(args.month, args.vintage)
    [result] = run_jobs([job], roots, progress=not args.quiet)
    if result.status == "failed":
        print(f"error: {result.message}", file=sys.stderr)
        return 1
    target = roots.target(job)
    if result.status == "skipped":
        print(f"{job.sub} is up to date: nothing its report reads changed.")
    else:
        print(
            f"{job.sub}: figures in {paths.relative_to_root(target.figures)}, tables and key points in "
            f"{paths.relative_to_root(target.reports)}"
        )
    return 0


def _cmd_check_draft(args: argparse.Namespace) -> int:
    """Every number of an edited draft against the month's data; exit 1 when one contradicts it."""
    from ..report.data import load_processed
    from ..report.draft_check import check, report
    from ..report.draft_text import read_draft

    _checked_format(args.month, args)
    if not args.draft.strip():
        raise AnalysisError(
            "no DRAFT given. Give the edited draft as DRAFT=path, e.g. make check-draft MONTH=2023-11 DRAFT=draft.docx"
        )
    paragraphs = read_draft(Path(args.draft))  # first: a draft that cannot be read needs no data build
    _ensure_data(args)
    _check_month(args.month, args)
    findings = check(paragraphs, load_processed(Path(args.processed)), args.month)
    print(report(findings, args.draft, args.month))
    return 1 if any(f.status == "MISMATCH" for f in findings) else 0


def _cmd_record_published(args: argparse.Namespace) -> int:
    """A published report's text proposed as data/raw rows (recorded_statements.csv); --apply appends them."""
    from .record import run

    _checked_format(args.month, args)
    print(
        run(
            args.month, args.file, args.report, args.published, args.url, Path(args.raw), Path(args.reports), args.apply
        )
    )
    return 0


def _cmd_close(args: argparse.Namespace) -> int:
    """Record the month's cut-off (data/closed/MONTH.json): its logs' digests, the time, its figures."""
    from .close import close

    _checked_format(args.month, args)
    _ensure_data(args)
    _check_month(args.month, args)
    target, record = close(Path(args.raw), Path(args.processed), args.month)
    attacks = record["figures"]["attacks"]
    print(
        f"Closed {args.month} at {record['closed_at']}: {attacks['value']} attacks (the team's count) and "
        f"{len(record['figures']) - 1} other figure(s), recorded in {paths.relative_to_root(target)}; commit it.\n"
        f"Rows logged for {args.month} from now on are listed in the next month's report as late arrivals."
    )
    return 0


def _cmd_all(args: argparse.Namespace) -> int:
    args.months = _month_list(args.months)
    workers = _jobs(args)
    for month in args.months or []:
        _checked_format(month, args)
    roots = _roots(args)
    publish.recover(roots.figures, roots.reports)
    available = _ensure_data(args)
    months = args.months or available
    for month in months:
        _check_month(month, args)
    jobs = [Job(month) for month in months] + ([] if args.no_overview else [Job()])
    overview = "" if args.no_overview else " and the overview"
    print(f">>> Step: reports for {describe(months)} ({len(months)} months){overview}", flush=True)
    return summarise(run_jobs(jobs, roots, workers=workers), f"of {len(months)} months{overview}")


def _cmd_overview(args: argparse.Namespace) -> int:
    roots = _roots(args)
    publish.recover(roots.figures, roots.reports)
    _ensure_data(args)
    return summarise(run_jobs([Job()], roots, progress=not args.quiet), "the overview")


def _cmd_checksums(args: argparse.Namespace) -> int:
    """Record the outputs' sha256, only when every month and the overview are built and current."""
    from .verify import checksums, committed_checksums, compare, not_current, write_checksums

    root, out = Path(args.root), Path(args.out)
    if root.is_dir():
        publish.recover(root / "figures", root / "reports")
    problems = not_current(root)
    where = "this checkout" if root.resolve() == paths.ROOT else str(root)
    if problems:
        listed = "".join(f"\n  - {problem}" for problem in problems)
        raise AnalysisError(
            f"{paths.relative_to_root(out)} was left as it is: it records a complete, current build "
            f"only, and {where} is not one:{listed}\n"
            "  What to do: run `make -j2 all` (it rebuilds only what changed), then `make checksums`."
        )
    before = committed_checksums(root, out)
    changes = compare(before, checksums(root)) if before is not None else []
    print(f"Wrote {write_checksums(root, out)}")
    if before is None:
        print("  (there was no list before)")
    elif not changes:
        print("  Same as the committed list.")
    else:
        counts = {kind: sum(line.startswith(kind) for line in changes) for kind in ("NEW", "MISSING", "DIFFERS")}
        print(
            f"  Against the committed list: {counts['NEW']} new, {counts['MISSING']} gone, {counts['DIFFERS']} changed:"
        )
        for line in changes[:40]:
            print(
                "    "
                + line.replace("(listed in SHA256SUMS, not rebuilt)", "(no longer built)").replace(
                    "(rebuilt, not in SHA256SUMS)", ""
                )
            )
        if len(changes) > 40:
            print(f"    ... and {len(changes) - 40} more")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify

    months = _month_list(args.months)
    if args.jobs is not None and args.jobs < 1:
        raise AnalysisError(f"JOBS {args.jobs} is not a number of reports at a time (1 or more).")
    return verify(
        months=months, jobs=args.jobs or 2, keep=args.keep, against=Path(args.against) if args.against else None
    )


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
        print(
            "  What to do: if you changed raw data on purpose, run `make manifest` and commit "
            "data/manifest.csv with the change; otherwise restore the file (git checkout data/raw).",
            file=sys.stderr,
        )
        return 1
    print(f"All {len(manifest.raw_files(Path(args.raw)))} raw files match {args.manifest}.")
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument error is one plain line and where the options are listed (not a screen of usage)."""

    def error(self, message):
        self.exit(2, f"error: {message}\n  `{self.prog} --help` lists what it takes.\n")


def parser() -> argparse.ArgumentParser:
    """The CLI's argument parser (one sub-command per make target)."""
    top = _Parser(prog="python -m analysis", description=__doc__.split("\n")[0])
    sub = top.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, func, help: str, data: bool = True, outputs: bool = False) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help, description=help)
        cmd.set_defaults(func=func)
        if data:
            cmd.add_argument("--raw", default=str(paths.RAW), help="raw tables (default: data/raw)")
            cmd.add_argument(
                "--processed", default=str(paths.PROCESSED), help="processed data (default: data/processed)"
            )
            cmd.add_argument(
                "--allow-rejections",
                action="store_true",
                help="build the data even if rows were rejected (they are listed in rejected.csv)",
            )
        if outputs:
            cmd.add_argument("--figures", default=str(paths.FIGURES), help="figures root (default: figures)")
            cmd.add_argument("--reports", default=str(paths.REPORTS), help="reports root (default: reports)")
        return cmd

    command("data", _cmd_data, "build data/processed from data/raw (only when what it reads changed)")
    command("months", _cmd_months, "list the months that have a published attack count")

    mon = command("monthly", _cmd_monthly, "build one month's report (only when what it reads changed)", outputs=True)
    mon.add_argument("month", help="YYYY-MM")
    mon.add_argument(
        "--vintage",
        default="current",
        choices=VINTAGES,
        help="current values (default) or values as first published (outputs in .../as-published/)",
    )
    mon.add_argument("--quiet", action="store_true", help="no progress bar")

    cd = command(
        "check-draft",
        _cmd_check_draft,
        "check every number of an edited draft against the month's data (exit 1 on a mismatch)",
    )
    cd.add_argument("month", help="YYYY-MM")
    cd.add_argument("draft", help="the edited draft: .docx, .md, .html or .txt")

    rp = command(
        "record-published",
        _cmd_record_published,
        "propose the statements of a published report as "
        "data/raw rows (reports/MONTH/recorded_statements.csv); --apply appends them",
        outputs=True,
    )
    rp.add_argument("month", help="YYYY-MM")
    rp.add_argument("file", help="the published report's text: .docx, .html, .md or .txt")
    rp.add_argument("--report", required=True, help="the report's name, e.g. 'RIC report on November 2023'")
    rp.add_argument("--published", required=True, help="when it was published: YYYY-MM-DD or YYYY-MM")
    rp.add_argument("--url", required=True, help="its address")
    rp.add_argument("--apply", action="store_true", help="append the proposed rows to the data/raw tables")

    cl = command("close", _cmd_close, "record the cut-off of a month the team is writing (data/closed/MONTH.json)")
    cl.add_argument("month", help="YYYY-MM")

    every = command("all", _cmd_all, "build every month's report and the overview (only what changed)", outputs=True)
    every.add_argument("--months", nargs="*", help="only these months (default: every month with data)")
    every.add_argument("--jobs", type=int, help="reports run at a time (default: make's -jN, else 1)")
    every.add_argument("--no-overview", action="store_true", help="leave the overview out")

    ov = command("overview", _cmd_overview, "build the whole-period overview", outputs=True)
    ov.add_argument("--quiet", action="store_true")

    cs = command("checksums", _cmd_checksums, "write reports/SHA256SUMS from the current outputs", data=False)
    cs.add_argument("--root", default=str(paths.ROOT))
    cs.add_argument("--out", default=str(paths.CHECKSUMS))

    ve = command(
        "verify", _cmd_verify, "rebuild everything in a scratch folder and compare with reports/SHA256SUMS", data=False
    )
    ve.add_argument("--months", nargs="*", help="only these months (and the overview); default: all")
    ve.add_argument("--jobs", type=int, help="reports run at a time (default 2)")
    ve.add_argument("--keep", action="store_true", help="keep the scratch folder for inspection")
    ve.add_argument(
        "--against",
        help="a folder holding the listed outputs (figures/..., reports/...), to show "
        "what differs in each file (default: this checkout's own outputs, where they match the list)",
    )

    man = command("manifest", _cmd_manifest, "check (or --update) data/manifest.csv against data/raw", data=False)
    man.add_argument("--update", action="store_true", help="rewrite the manifest from the files as they are")
    man.add_argument("--raw", default=str(paths.RAW))
    man.add_argument("--manifest", default=str(paths.MANIFEST))
    return top


def _unexpected(exc: BaseException) -> str:
    """A short message for an error nobody foresaw; the traceback goes to a file under logs/."""
    import time
    import traceback

    what = f"{type(exc).__name__}: {exc}"
    try:
        paths.LOGS.mkdir(parents=True, exist_ok=True)
        log = paths.LOGS / f"error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        where = f"The full traceback is in {paths.relative_to_root(log)}."
    except OSError as failed:  # a full disk, say: the message must still get out
        where = f"(The traceback could not be written: {failed.strerror or failed}.)"
    return (
        f"error: something unexpected went wrong: {what}\n  {where}\n"
        "  Published outputs are unchanged. What to do: if the cause above is clear (a full disk, a folder "
        "without write permission), fix it and rerun; otherwise send that file to the maintainers."
    )


def _kept_on_interrupt(args) -> str:
    """What an interrupted command left as it was (a month is published whole or not at all)."""
    if getattr(args, "month", None):
        folder = f"as-published/{args.month}" if getattr(args, "vintage", "current") != "current" else args.month
        return f"the previous outputs of {folder} are unchanged"
    if args.func is _cmd_data:
        return "data/processed is rebuilt by the next command (nothing it is built from is marked current)"
    return "reports that were not finished keep their previous outputs; finished ones are published"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _check_folders(args)
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        print(not_installed(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interrupted; {_kept_on_interrupt(args)}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head`: the reader stopped reading, which is not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 (the last resort: a researcher never sees a screen of Python)
        print(_unexpected(exc), file=sys.stderr)
        return 1
