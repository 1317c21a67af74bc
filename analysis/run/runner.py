"""The runner: which reports to rebuild, decided by content; running them, a pool of workers at a time.

A report (a month and vintage, or the overview) is up to date when its provenance.json records the digest
of what it reads now and every output listed there still has its recorded sha256. Two digests are kept:
- `files_digest`: the processed files (as the data build recorded them), the notebook, the code, the lock and
  the parameters. Equal means nothing the report could read changed: skipped without loading any table.
- `digest`: the same with, instead of whole files, the rows the notebook is handed (`report.data.load_month`,
  the very function the notebook calls). A change elsewhere in a table (a figure of another month) leaves it
  equal, and the report is skipped; its files_digest is brought up to date.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import AnalysisError
from ..outputs import atomic_write_text, digest_of, sha256_of, unchanged
from . import data_build, lock, publish
from .provenance import environment, provenance, to_json

MONTHLY_NOTEBOOK = paths.NOTEBOOKS / "monthly_report.ipynb"
OVERVIEW_NOTEBOOK = paths.NOTEBOOKS / "overview.ipynb"


@dataclass(frozen=True)
class Job:
    """One report: a month in a vintage, or the overview (month None)."""

    month: str | None = None
    vintage: str = "current"

    @property
    def sub(self) -> str:
        return "overview" if self.month is None else paths.month_folder(self.month, self.vintage)

    @property
    def notebook(self) -> Path:
        return OVERVIEW_NOTEBOOK if self.month is None else MONTHLY_NOTEBOOK

    @property
    def parameters(self) -> dict[str, str]:
        return {} if self.month is None else {"MONTH": self.month, "VINTAGE": self.vintage}


@dataclass(frozen=True)
class Roots:
    """The folders a run reads and writes."""

    processed: Path = paths.PROCESSED
    figures: Path = paths.FIGURES
    reports: Path = paths.REPORTS

    def target(self, job: Job) -> publish.Target:
        return publish.Target(job.sub, Path(self.figures), Path(self.reports))


@dataclass(frozen=True)
class Result:
    name: str
    status: str  # "built", "skipped" or "failed"
    message: str = ""
    seconds: float = 0.0


def _files_digest(job: Job, env: dict[str, str], data_record: dict) -> str:
    entries = {f"processed/{k}": v for k, v in data_record["outputs"].items()}
    entries.update(env)
    entries["parameters"] = json.dumps(job.parameters, sort_keys=True)
    return digest_of(entries)


def _rows_digest(job: Job, processed: Path, env: dict[str, str]) -> str:
    from ..report.data import digest, load_month, load_processed

    data = (
        load_processed(processed, optional=()) if job.month is None else load_month(processed, job.month, job.vintage)
    )
    return digest_of({**env, "rows": digest(data, job.sub), "parameters": json.dumps(job.parameters, sort_keys=True)})


def _intact_record(target: publish.Target) -> dict | None:
    """The report's provenance record, if every output it lists still has its recorded sha256."""
    try:
        record = json.loads((target.reports / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("inputs"), dict):
        return None
    roots = {"figures": Path(target.figures_root), "reports": Path(target.reports_root)}
    outputs = {
        roots.get(name.partition("/")[0], Path(target.reports_root)) / name.partition("/")[2]: digest
        for name, digest in (record.get("outputs") or {}).items()
    }
    return record if unchanged(outputs) else None


def is_current(job: Job, roots: Roots, env: dict[str, str], data_record: dict) -> bool:
    """The quick check (no table loaded): same files digest, outputs intact."""
    record = _intact_record(roots.target(job))
    return record is not None and record["inputs"].get("files_digest") == _files_digest(job, env, data_record)


def _staged_outputs(target: publish.Target) -> dict[str, str]:
    out = {}
    for top, folder in (("figures", target.staged_figures), ("reports", target.staged_reports)):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out[f"{top}/{target.sub}/{path.relative_to(folder).as_posix()}"] = sha256_of(path)
    return out


def run_job(job: Job, roots: Roots, env: dict[str, str], progress: bool = False) -> Result:
    """Rebuild one report unless it is up to date; publish it as one step. Never raises for a failed report.

    `env` is `provenance.environment(job.notebook)`, computed once per run."""
    start = time.monotonic()
    target = roots.target(job)
    try:
        with lock.exclusive(target.lock, f"the report for {job.sub}"):
            record = data_build.read_record(roots.processed)
            if record is None:
                raise AnalysisError(f"{roots.processed} holds no finished data build; run `make data` first.")
            files_digest = _files_digest(job, env, record)
            previous = _intact_record(target)
            if previous is not None and previous["inputs"].get("files_digest") == files_digest:
                return Result(job.sub, "skipped")
            digest = _rows_digest(job, roots.processed, env)
            if previous is not None and previous["inputs"].get("digest") == digest:
                previous["inputs"]["files_digest"] = files_digest  # the rows it reads are unchanged
                atomic_write_text(target.reports / "provenance.json", to_json(previous))
                return Result(job.sub, "skipped")
            _build(job, roots, target, record, env, {"digest": digest, "files_digest": files_digest}, progress)
    except AnalysisError as exc:
        return Result(job.sub, "failed", str(exc), time.monotonic() - start)
    except Exception as exc:  # disk full, a folder in the way: said plainly, and the other reports go on
        return Result(
            job.sub,
            "failed",
            f"the report for {job.sub} could not be built: {type(exc).__name__}: {exc}\n"
            f"  The previous outputs of {job.sub} are unchanged.",
            time.monotonic() - start,
        )
    return Result(job.sub, "built", "", time.monotonic() - start)


def _build(
    job: Job,
    roots: Roots,
    target: publish.Target,
    data_record: dict,
    env: dict[str, str],
    inputs: dict[str, str],
    progress: bool,
) -> None:
    from .execute import execute

    publish.stage(target)
    try:
        nb = execute(job.notebook, target, job.parameters, roots.processed, process_kernel(), progress)
    except BaseException:
        publish.discard(target)  # a failed run leaves nothing half-made behind (the published month stands)
        raise
    record = provenance(
        report=job.notebook.stem,
        parameters=dict(nb.metadata["papermill"]["parameters"]),
        inputs=inputs,
        data_build=data_record,
        environment=env,
        outputs=_staged_outputs(target),
    )
    atomic_write_text(target.staged_reports / "provenance.json", to_json(record))
    publish.publish(target)


_KERNEL = None  # this process's kernel, kept for all the reports it runs


def process_kernel():
    """The kernel this process runs its reports in: started at first use, reset before each report, shut down
    when the process ends (a pool worker: when the pool closes)."""
    global _KERNEL
    if _KERNEL is None:
        from .execute import Kernel

        _KERNEL = Kernel()
        atexit.register(_KERNEL.close)
    return _KERNEL


def _stop_quietly(signum, frame) -> None:
    """Ctrl-C in a worker: stop as Python does (KeyboardInterrupt: the staging is discarded, the kernel shut
    down), with this worker's stderr closed first. The parent prints the one line; what a worker would print
    while it stops (nbclient's "Kernel died …", a traceback from a finaliser the signal cut short) only buries it."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    raise KeyboardInterrupt


def _init_worker() -> None:
    """Each worker imports papermill once and keeps one kernel for all the reports it runs."""
    from multiprocessing.util import Finalize

    from .execute import import_papermill

    global _KERNEL
    _KERNEL = None  # a forked worker must not share the kernel of the process that started it
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a run in the background stays deaf to it
        signal.signal(signal.SIGINT, _stop_quietly)
    import_papermill()
    kernel = process_kernel()
    Finalize(kernel, kernel.close, exitpriority=10)  # a pool worker leaves without running atexit


def run_jobs(jobs: list[Job], roots: Roots, workers: int = 1, progress: bool = False) -> list[Result]:
    """Run `jobs` (skipping the up-to-date ones first, cheaply), `workers` at a time; print a line per report."""
    record = data_build.read_record(roots.processed) or {"outputs": {}}
    envs = {nb: environment(nb) for nb in {job.notebook for job in jobs}}
    results = [Result(job.sub, "skipped") for job in jobs if is_current(job, roots, envs[job.notebook], record)]
    todo = [job for job in jobs if job.sub not in {r.name for r in results}]
    if not todo:
        return results
    print(
        f">>> Step: {len(todo)} report(s) to run, {len(results)} up to date"
        + (f"; {min(workers, len(todo))} at a time" if workers > 1 and len(todo) > 1 else ""),
        flush=True,
    )

    def report(k: int, result: Result) -> None:
        what = {"built": f"built in {result.seconds:.1f} s", "skipped": "up to date", "failed": "FAILED"}[result.status]
        print(f"[{k}/{len(todo)}] {result.name}: {what}", flush=True)
        results.append(result)

    if workers <= 1 or len(todo) == 1:
        for k, job in enumerate(todo, 1):
            report(k, run_job(job, roots, envs[job.notebook], progress and len(todo) == 1))
        return results
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_init_worker) as pool:
        futures = {pool.submit(run_job, job, roots, envs[job.notebook]): job for job in todo}
        for k, future in enumerate(as_completed(futures), 1):
            try:
                result = future.result()
            except BrokenProcessPool:
                job = futures[future]
                result = Result(
                    job.sub,
                    "failed",
                    f"the worker running {job.sub} died (out of memory?); "
                    f"the previous outputs of {job.sub} are unchanged.",
                )
            report(k, result)
    return results


def summarise(results: list[Result], what: str) -> int:
    """Print built / skipped / failed; 1 when any failed."""
    built = [r.name for r in results if r.status == "built"]
    skipped = [r.name for r in results if r.status == "skipped"]
    failed = [r for r in results if r.status == "failed"]
    print(f"Summary: {len(built)} built, {len(skipped)} skipped (up to date), {len(failed)} failed ({what})")
    if built:
        print(f"  built: {' '.join(sorted(built))}")
    for result in sorted(failed, key=lambda r: r.name):
        print(f"  FAILED {result.name}: {result.message}")
    return 1 if failed else 0
