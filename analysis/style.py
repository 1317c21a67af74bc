"""One house style for every figure: palette, fonts, source line, and deterministic PNG/SVG files."""

from __future__ import annotations

import io
import os
import sys
import traceback
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.layout_engine import TightLayoutEngine  # noqa: E402

from .background import BACKGROUND_ENV  # noqa: E402
from .errors import FigureError  # noqa: E402
from .outputs import atomic_write_bytes  # noqa: E402

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COLORS = {
    "main": "#0072B2",       # blue: the series
    "highlight": "#D55E00",  # vermillion: the report month
    "secondary": "#56B4E9",  # sky blue: previous month, second series
    "unverified": "#E69F00", # orange: unverified claims
    "civilian": "#009E73",   # bluish green
    "other": "#CC79A7",      # reddish purple
    "muted": "#8C8C8C",      # grey: gaps, annotations
    "text": "#222222",
}
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

WIDTH_IN, HEIGHT_IN, DPI = 6.5, 3.9, 200  # one report column at 200 dpi
SOURCE = "Source: Rojava Information Center, monthly Sleeper Cell Reports and cited pages (see sources.md)."

RC = {
    "figure.figsize": (WIDTH_IN, HEIGHT_IN),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#E2E2E2",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES),
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "svg.hashsalt": "sleeper-cell-report",
    "svg.fonttype": "path",
    "path.simplify": False,
}


def apply() -> None:
    """Set the house style for every figure drawn after this call."""
    plt.rcParams.update(RC)


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure in house style (style applied first, so callers need not remember)."""
    apply()
    return plt.subplots(nrows, ncols, figsize=(WIDTH_IN, HEIGHT_IN), **kwargs)


def finish(fig, title: str, note: str = "", source: str = SOURCE) -> None:
    """Title stating the finding, and a source line (plus an optional method note) under the plot."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=10.5, fontweight="bold", color=COLORS["text"])
    footer = source if not note else f"{note}\n{source}"
    fig.text(0.01, 0.01, footer, ha="left", va="bottom", fontsize=6.8, color="#555555", wrap=True)
    lines = footer.count("\n") + 1
    # Tight layout applied once, leaving room for the footer (and the suptitle). Not `fig.tight_layout()`:
    # that leaves a layout engine on the figure, which makes every savefig draw the figure twice.
    TightLayoutEngine(rect=(0, 0.035 * lines + 0.02, 1, 1)).execute(fig)


PNG_METADATA, SVG_METADATA = {"Software": None}, {"Date": None, "Creator": None}

# When the report runner sets BACKGROUND_ENV, figures are drawn by forked copies of the kernel, this many at a
# time, while the notebook goes on (drawing is about half of a report's run time; the machine has two cores).
MAX_CHILDREN = 2

# Children still drawing: (pid, paths, callback); and the figures whose child failed.
_RUNNING: list[tuple[int, dict[str, Path], Callable[[dict[str, Path]], None] | None]] = []
_FAILED: list[Path] = []


def background_enabled() -> bool:
    return os.environ.get(BACKGROUND_ENV) == "1" and hasattr(os, "fork")


def save(fig, folder: Path, stem: str, when_drawn: Callable[[dict[str, Path]], None] | None = None,
         background: bool | None = None) -> dict[str, Path]:
    """Write `stem`.png and `stem`.svg atomically, without version or date metadata; close the figure.

    In the background (default: when the report runner asks for it) the files are drawn by a forked copy of
    this process and `when_drawn(paths)` is called once they exist, at the latest by `wait_for_figures()`;
    otherwise they exist when this returns. The bytes are the same either way.
    """
    folder = Path(folder)
    written = {"png": folder / f"{stem}.png", "svg": folder / f"{stem}.svg"}
    if background_enabled() if background is None else (background and hasattr(os, "fork")):
        _draw_in_child(fig, written, when_drawn)
    else:
        _draw(fig, written)
        if when_drawn:
            when_drawn(written)
    plt.close(fig)
    return written


def _draw(fig, written: dict[str, Path]) -> None:
    for fmt, metadata in (("png", PNG_METADATA), ("svg", SVG_METADATA)):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=metadata)
        atomic_write_bytes(written[fmt], buffer.getvalue())


def _draw_in_child(fig, written: dict[str, Path], when_drawn) -> None:
    _wait(keep=MAX_CHILDREN - 1)
    pid = os.fork()
    if pid:
        _RUNNING.append((pid, written, when_drawn))
        return
    status = 1
    try:  # the child: draw, write, and leave without running the parent's exit handlers
        sys.stdout = sys.stderr = io.StringIO()  # the kernel's output channels belong to the parent
        _draw(fig, written)
        status = 0
    except BaseException:
        try:
            _error_file(written["png"]).write_text(traceback.format_exc())
        except OSError:
            pass
    finally:
        os._exit(status)


def _error_file(png: Path) -> Path:
    return png.with_name(png.name + ".error")


def _wait(keep: int) -> None:
    """Wait until at most `keep` children are drawing, calling back for each finished figure."""
    while len(_RUNNING) > keep:
        pid, written, when_drawn = _RUNNING.pop(0)
        _, status = os.waitpid(pid, 0)
        if status != 0 or not written["svg"].exists():
            _FAILED.append(written["png"])
        elif when_drawn:
            when_drawn(written)


def wait_for_figures() -> None:
    """Block until every figure drawn in the background is on disk (and shown); raise if one failed."""
    _wait(keep=0)
    failed = list(_FAILED)
    _FAILED.clear()
    if failed:
        first = _error_file(failed[0])
        detail = first.read_text().strip().splitlines()[-1] if first.exists() else "the drawing process died"
        for png in failed:
            _error_file(png).unlink(missing_ok=True)
        names = ", ".join(p.stem for p in failed)
        raise FigureError(f"{len(failed)} figure(s) could not be drawn ({names}), first in {failed[0].parent}: "
                          f"{detail}\n  What to do: rerun; if it fails again, run the notebook in JupyterLab, "
                          "where figures are drawn in the notebook itself and the error shows in its cell.")
