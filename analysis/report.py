"""Run the monthly notebook with papermill and put its outputs in place atomically.

The notebook writes into staging folders (`figures/.staging/MONTH`, `reports/.staging/MONTH`); only when
every cell has run, the executed notebook is cleaned of volatile metadata and exported to HTML, are the
staged folders swapped in for `figures/MONTH` and `reports/MONTH`. A failed or interrupted run therefore
leaves the month's previous outputs untouched. A lock per month keeps two runs of the same month apart;
different months run side by side.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path


def _skip_unused_format_checkers() -> None:
    """Importing nbformat imports jsonschema, which imports `rfc3987_syntax` (if installed) only to register
    optional IRI format checkers, compiling some 40 grammars: about 2 s of every report run. Notebooks are
    validated against a Draft-4 schema that uses no IRI format, so we let that optional import fail, as
    jsonschema allows (it skips the checkers whose library is missing)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


_skip_unused_format_checkers()
import nbformat  # noqa: E402

from . import paths  # noqa: E402
from .background import BACKGROUND_ENV, DRAWING  # noqa: E402
from .errors import AnalysisError  # noqa: E402
from .html import notebook_html  # noqa: E402
from .manifest import sha256_of  # noqa: E402
from .outputs import atomic_write_text  # noqa: E402

NOTEBOOK = paths.NOTEBOOKS / "monthly_report.ipynb"
OVERVIEW = paths.NOTEBOOKS / "overview.ipynb"
STAGING = paths.STAGING
VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "exception")

class NotebookFailed(AnalysisError):
    """A cell of the report notebook raised an error."""


@contextmanager
def _kernel_environment():
    """What the kernel inherits for a report run, restored afterwards: this very `analysis` on its path
    (not another checkout's), and figures drawn in the background, on the second core."""
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", BACKGROUND_ENV)}
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.ROOT), saved["PYTHONPATH"]]))
    os.environ[BACKGROUND_ENV] = "1"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def month_lock(folder: Path, month: str):
    """Exclusive lock for one month's run (released when the process ends, even on a crash)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{month}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_executed(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop timings and paths that differ run to run, so the same inputs give the same bytes."""
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        meta.pop(key, None)
    nb.metadata.get("language_info", {}).pop("version", None)  # the Python patch release differs by machine
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()
        cell.metadata.pop("papermill", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    return nb


def _heading_before(nb: nbformat.NotebookNode, index: int) -> str:
    for cell in reversed(nb.cells[: index + 1]):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("# ").strip()
    return "start of the notebook"


def _check_figures_complete(folder: Path, nb: nbformat.NotebookNode, notebook: Path) -> None:
    """Every figure exists as PNG and SVG and is shown in the notebook (figures are drawn in the background:
    a notebook that does not wait for them must not publish half a set, or a placeholder)."""
    missing = sorted(p.with_suffix(".svg").name for p in folder.glob("*.png") if not p.with_suffix(".svg").exists())
    waiting = [c for c in nb.cells if c.cell_type == "code" and any(
        DRAWING in "".join(o.get("data", {}).get("text/markdown", "")) for o in c.get("outputs", []))]
    if missing or waiting:
        what = f"without writing {', '.join(missing)}" if missing else "with figures still being drawn"
        raise NotebookFailed(f"{notebook.name} ended {what}; the previous outputs are unchanged.\n"
                             "  What to do: end the notebook with `style.wait_for_figures()` and rerun.")


def _swap_in(staged: Path, final: Path) -> None:
    """Replace `final` by `staged` (old folder renamed aside first, removed last)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(f".old-{final.name}-{os.getpid()}")
    if final.exists():
        os.replace(final, old)
    os.replace(staged, final)
    if old.exists():
        shutil.rmtree(old)


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_of(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_report(notebook: Path, sub: str, parameters: dict, processed: Path, figures_root: Path,
               reports_root: Path, progress: bool = True, fingerprint: str | None = None) -> dict[str, Path]:
    """Execute `notebook` writing into staging folders, then swap `figures/<sub>` and `reports/<sub>` in."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from .provenance import provenance, to_json

    figures_root, reports_root = Path(figures_root), Path(reports_root)
    stage_fig, stage_rep = figures_root / STAGING, reports_root / STAGING
    with month_lock(stage_rep, sub.replace("/", "_")), _kernel_environment():
        for folder in (stage_fig / sub, stage_rep / sub):
            shutil.rmtree(folder, ignore_errors=True)
        executed = stage_rep / sub / Path(notebook).name
        executed.parent.mkdir(parents=True, exist_ok=True)
        (stage_fig / sub).mkdir(parents=True, exist_ok=True)
        parameters = {**parameters, "PROCESSED_DIR": paths.relative_to_root(processed),
                      "FIGURES_DIR": paths.relative_to_root(stage_fig), "REPORTS_DIR": paths.relative_to_root(stage_rep)}
        try:
            # Not saved after every cell (papermill's default, 50-odd writes of a growing notebook): once at the
            # end, or with the failing cell marked when a cell fails.
            ran = pm.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name="python3",
                                      progress_bar=progress, cwd=str(Path(notebook).parent), log_output=False,
                                      request_save_on_cell_execute=False,
                                      # Quiet the kernel's own log: its start-up warnings, and the "KeyboardInterrupt
                                      # caught in kernel" that jupyter_client's interrupt before shutdown sometimes
                                      # provokes after the last cell. Cell errors still surface (papermill raises them).
                                      extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        except PapermillExecutionError as exc:
            failed = nbformat.read(executed, as_version=4)
            index = next((i for i, c in enumerate(failed.cells)
                          if c.cell_type == "code" and c.get("execution_count") == exc.exec_count), 0)
            message = (
                f"the report notebook for {sub} failed in cell {exc.exec_count} (section "
                f"'{_heading_before(failed, index)}'): {exc.ename}: {exc.evalue}\n"
                f"  The partly run notebook is {executed}; the previous outputs of {sub} are unchanged.\n"
                "  What to do: open that notebook to see the failing cell, fix the data or code, and rerun.")
            atomic_write_text(paths.failed_marker(reports_root, sub), message + "\n")
            raise NotebookFailed(message) from None
        nb = clean_executed(ran)
        _check_figures_complete(stage_fig / sub, nb, executed)
        atomic_write_text(executed, nbformat.writes(nb) + "\n")
        atomic_write_text(executed.with_suffix(".html"), notebook_html(nb, f"Sleeper Cell Report: {sub}"))
        outputs = {f"figures/{sub}/{k}": v for k, v in _digests(stage_fig / sub).items()}
        outputs.update({f"reports/{sub}/{k}": v for k, v in _digests(stage_rep / sub).items()})
        record = provenance(report=Path(notebook).stem, parameters=nb.metadata["papermill"]["parameters"],
                            notebook=Path(notebook), processed=Path(processed), outputs=outputs,
                            fingerprint=fingerprint)
        atomic_write_text(stage_rep / sub / "provenance.json", to_json(record))
        final_fig, final_rep = figures_root / sub, reports_root / sub
        _swap_in(stage_fig / sub, final_fig)
        _swap_in(stage_rep / sub, final_rep)
        paths.failed_marker(reports_root, sub).unlink(missing_ok=True)
    return {"figures": final_fig, "reports": final_rep}


def run_month(month: str, processed: Path = paths.PROCESSED, figures_root: Path = paths.FIGURES,
              reports_root: Path = paths.REPORTS, notebook: Path = NOTEBOOK, progress: bool = True,
              vintage: str = "current", fingerprint: str | None = None) -> dict[str, Path]:
    """Execute the monthly notebook for `month` (and vintage); return the final figures and reports folders.

    `fingerprint` is the digest of the month's inputs when the caller has it (make computes all months'
    at once); otherwise it is computed here."""
    if fingerprint is None:
        from .dataset import load_processed
        from .deps import environment_digest, month_fingerprint

        try:
            fingerprint = month_fingerprint(load_processed(processed, vintage), month, environment_digest(notebook))
        except AnalysisError:
            fingerprint = None  # unreadable inputs: let the notebook fail in the cell that reads them, and say so
    return run_report(notebook, paths.month_folder(month, vintage), {"MONTH": month, "VINTAGE": vintage},
                      processed, figures_root, reports_root, progress, fingerprint)


def run_overview(processed: Path = paths.PROCESSED, figures_root: Path = paths.FIGURES,
                 reports_root: Path = paths.REPORTS, progress: bool = True) -> dict[str, Path]:
    """Execute the whole-period overview notebook into figures/overview and reports/overview."""
    return run_report(OVERVIEW, "overview", {}, processed, figures_root, reports_root, progress)
