"""Execute a report notebook with papermill into a target's staging folders, and write its page.

The executed notebook is cleaned of what differs run to run (timings, paths, the Python patch release), so
the same inputs give the same bytes. A failing cell becomes a message naming the cell and its section.

A process that runs several reports keeps one kernel (`Kernel`) for all of them: starting a kernel and
importing pandas and matplotlib in it is about 40% of a report's time. Before each notebook the kernel's
namespace, history, execution counter and warning registry are reset, so a notebook sees what a new kernel
would show it and its outputs are the same bytes (tested against a fresh kernel); after a failure the kernel
is replaced.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import paths
from ..errors import AnalysisError
from ..outputs import atomic_write_text
from .publish import STAGING, Target

VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "exception")


class NotebookFailed(AnalysisError):
    """A cell of a report notebook raised an error."""


def skip_unused_format_checkers() -> None:
    """nbformat imports jsonschema, which imports `rfc3987_syntax` (if installed) only to register IRI format
    checkers nbformat never uses: about 2 s per process. We let that optional import fail, as jsonschema
    allows. Call before anything imports nbformat."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def import_papermill():
    """Import papermill (once per process), nbformat's import kept light."""
    skip_unused_format_checkers()
    import papermill

    return papermill


KERNEL_ARGUMENTS = [
    # The kernel's own log is quiet: its start-up warnings, and the "KeyboardInterrupt caught in kernel" that
    # jupyter_client's interrupt before shutdown sometimes provokes. Cell errors still surface: papermill
    # raises them.
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.hist_file=:memory:",  # as nbclient starts kernels: no history file shared between runs
]
# A new session: the namespace cleared, the history restarted and the execution counter back at 1; and
# warnings shown again where they were shown once already.
RESET = "get_ipython().reset(new_session=True)\n__import__('warnings')._filters_mutated()"


class Kernel:
    """One Python kernel reused by the reports a process runs, reset before each."""

    def __init__(self):
        self.manager = None
        self.used = False

    def ready(self):
        """A kernel manager whose kernel is fresh, or reset to look fresh."""
        from jupyter_core.utils import run_sync

        if self.manager is not None and not run_sync(self.manager.is_alive)():
            self.close()
        if self.manager is None:
            from jupyter_client.manager import AsyncKernelManager

            self.manager = AsyncKernelManager(kernel_name="python3")
            # The kernel imports this very `analysis` (not another checkout's): the project root on its path.
            path = os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH")]))
            run_sync(self.manager.start_kernel)(
                cwd=str(paths.NOTEBOOKS), extra_arguments=KERNEL_ARGUMENTS, env={**os.environ, "PYTHONPATH": path}
            )
            self.used = False
        elif self.used:
            client = self.manager.blocking_client()
            client.start_channels()
            try:
                client.wait_for_ready(timeout=60)
                reply = client.execute_interactive(RESET, store_history=False, timeout=60)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError("the kernel could not be reset")
            finally:
                client.stop_channels()
        self.used = True
        return self.manager

    def close(self) -> None:
        """Shut the kernel down (after a failure, so that the next report gets a new one; and at the end)."""
        if self.manager is not None:
            from jupyter_core.utils import run_sync

            try:
                run_sync(self.manager.shutdown_kernel)(now=True)
            except Exception:  # already gone: nothing left to stop
                pass
            self.manager = None


def clean_executed(nb):
    """Drop timings and paths that differ run to run, so the same inputs give the same bytes."""
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        meta.pop(key, None)
    nb.metadata.get("language_info", {}).pop("version", None)  # the Python patch release differs by machine
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    return nb


def _heading_before(nb, index: int) -> str:
    for cell in reversed(nb.cells[: index + 1]):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("# ").strip()
    return "start of the notebook"


def execute(notebook: Path, target: Target, parameters: dict, processed: Path, kernel: Kernel, progress: bool = False):
    """Run `notebook` in `kernel`, writing into the target's staging folders; return the cleaned executed
    notebook. The executed notebook and its HTML page are written into the staged reports folder."""
    papermill = import_papermill()  # first: it keeps nbformat's import light
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from ..report.html import notebook_html

    executed = target.staged_reports / Path(notebook).name
    parameters = {
        **parameters,
        "PROCESSED_DIR": paths.relative_to_root(processed),
        "FIGURES_DIR": paths.relative_to_root(Path(target.figures_root) / STAGING),
        "REPORTS_DIR": paths.relative_to_root(Path(target.reports_root) / STAGING),
    }
    try:
        # Saved once at the end (or with the failing cell marked), not after every cell.
        ran = papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            km=kernel.ready(),
            progress_bar=progress,
            cwd=str(Path(notebook).parent),
            log_output=False,
            request_save_on_cell_execute=False,
        )
    except BaseException as exc:
        kernel.close()  # its state is unknown: the next report gets a new kernel
        if not isinstance(exc, PapermillExecutionError):
            raise
        failed = nbformat.read(executed, as_version=4)
        index = next(
            (
                i
                for i, c in enumerate(failed.cells)
                if c.cell_type == "code" and c.get("execution_count") == exc.exec_count
            ),
            0,
        )
        raise NotebookFailed(
            f"the report notebook for {target.sub} failed in cell {exc.exec_count} (section "
            f"'{_heading_before(failed, index)}'): {exc.ename}: {exc.evalue}\n"
            f"  The previous outputs of {target.sub} are unchanged.\n"
            "  What to do: run the notebook in JupyterLab to see the failing cell, fix the data or code, "
            "and rerun."
        ) from None
    nb = clean_executed(ran)
    atomic_write_text(executed, nbformat.writes(nb) + "\n")
    atomic_write_text(executed.with_suffix(".html"), notebook_html(nb, f"Sleeper Cell Report: {target.sub}"))
    return nb
