"""Helpers the monthly notebook calls: where its outputs go, and writing them (atomically)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Image, Markdown, display

from .. import paths
from ..months import long_month
from ..outputs import atomic_write_bytes, atomic_write_text, write_csv
from . import draft, markdown, style
from .data import Processed
from .draft_docx import docx_bytes
from .figure_registry import Drawn, standard, standard_figures
from .keypoints import key_points_markdown
from .revisions import revisions, revisions_markdown
from .tables import (
    key_figures_markdown,
    markdown_table,
    sources_markdown,
    statements_behind,
)


def project_path(path: str | Path) -> Path:
    """A path relative to the project root (absolute paths are kept), whatever the working folder."""
    return paths.ROOT / Path(path)


def output_dirs(
    month: str, figures_dir: str | Path, reports_dir: str | Path, vintage: str = "current"
) -> tuple[Path, Path]:
    """figures/<month>/ and reports/<month>/ (or .../as-published/<month>/) under the given roots, created."""
    return named_output_dirs(paths.month_folder(month, vintage), figures_dir, reports_dir)


def named_output_dirs(name: str, figures_dir: str | Path, reports_dir: str | Path) -> tuple[Path, Path]:
    """figures/<name>/ and reports/<name>/ (e.g. 'overview'), created if needed."""
    fig_dir, rep_dir = project_path(figures_dir) / name, project_path(reports_dir) / name
    fig_dir.mkdir(parents=True, exist_ok=True)
    rep_dir.mkdir(parents=True, exist_ok=True)
    return fig_dir, rep_dir


def write_table(frame: pd.DataFrame, rep_dir: Path, stem: str) -> str:
    """`stem`.csv, and the same table as Markdown (returned for display)."""
    write_csv(frame, rep_dir / f"{stem}.csv", for_people=True)
    return markdown_table(frame)


def write_key_figures(key_figures: pd.DataFrame, rep_dir: Path, month: str, vintage: str = "current") -> str:
    """key_figures.csv and key_figures.md; returns the Markdown."""
    write_csv(key_figures, rep_dir / "key_figures.csv", for_people=True)
    text = key_figures_markdown(key_figures, month, vintage)
    atomic_write_text(rep_dir / "key_figures.md", text)
    return text


def write_key_points(points: list[str], rep_dir: Path, month: str) -> str:
    """key_points.md; returns the Markdown."""
    text = key_points_markdown(points, month)
    atomic_write_text(rep_dir / "key_points.md", text)
    return text


def write_revisions(data: Processed, rep_dir: Path, month: str) -> str:
    """revisions.csv and revisions.md: earlier months' figures this month's report stated differently."""
    frame = revisions(data.sources, month)
    write_csv(frame, rep_dir / "revisions.csv", for_people=True)
    text = revisions_markdown(frame, month)
    atomic_write_text(rep_dir / "revisions.md", text)
    return text


def write_sources(data: Processed, rep_dir: Path, month: str) -> str:
    """sources.md (for people) and sources.csv (every statement behind the key figures, for tools)."""
    write_csv(statements_behind(data, month), rep_dir / "sources.csv", for_people=True)
    text = sources_markdown(data, month)
    atomic_write_text(rep_dir / "sources.md", text)
    return text


def write_draft(
    data: Processed, points: list[str], drawn: DrawnFigures, rep_dir: Path, month: str, vintage: str = "current"
) -> str:
    """draft.md and draft.docx: the month's article skeleton written from the data, with the figures the cells
    above showed (`drawn`); returns a line saying what was written."""
    blocks = draft.draft_blocks(data, month, points, drawn.figures)
    atomic_write_text(rep_dir / "draft.md", draft.draft_markdown(blocks, draft.figures_link(month, vintage)))
    atomic_write_bytes(rep_dir / "draft.docx", docx_bytes(blocks, f"Sleeper Cell Report: {long_month(month)}"))
    shown = sum(b.kind == "figure" for b in blocks)
    return (
        f"draft.docx and draft.md: {len(points)} key points, {shown} of {len(standard_figures())} standard "
        f"figures. Check an edited copy with: make check-draft MONTH={month} DRAFT=path"
    )


def show_figure(fig, fig_dir: Path, stem: str, absent: str = "") -> None:
    """Save a figure as PNG and SVG and show the saved PNG with its method note (the chart's footnote, as
    text); or say why there is no figure. (Returns nothing, so that a cell ending with it shows only that.)"""
    save_and_show(fig, fig_dir, stem, absent)


def save_and_show(fig, fig_dir: Path, stem: str, absent: str = "") -> Drawn:
    """`show_figure`, returning what was shown: the PNG with the alt text and description written into the SVG,
    or why there is no figure."""
    if fig is None:  # and no file left from an earlier run
        for suffix in (".png", ".svg"):
            (fig_dir / f"{stem}{suffix}").unlink(missing_ok=True)
        display(Markdown(f"_{absent}_"))
        return Drawn(stem, absent=absent)
    alt, description = style.describe(fig)
    png = style.save(fig, fig_dir, stem)["png"]
    # The alt text travels in the PNG's own metadata (JupyterLab and the report page use it); the long
    # description and the registered caption beside it, for the report page.
    entry = standard(stem)
    metadata = {"description": description, **({"caption": entry.caption} if entry else {})}
    display(Image(filename=str(png), alt=alt), metadata=metadata)
    note = style.method_note(fig)
    if note:
        display(Markdown(f"*Method:* {markdown.text(note)}"))
    return Drawn(stem, png, alt, description)


class DrawnFigures:
    """The month's figures as the notebook's cells show them, kept for the draft (in memory: the draft never
    reads the files back, so it shows exactly what the cells showed, whatever ran before)."""

    def __init__(self, fig_dir: Path, month: str):
        self.fig_dir, self.month = Path(fig_dir), month
        self.figures: dict[str, Drawn] = {}

    def show_figure(self, fig, stem: str, absent: str = "") -> None:
        """`show_figure` for this month's folder; a standard figure not drawn says its registered sentence."""
        entry = standard(stem)
        reason = absent or (entry.absent_sentence(self.month) if entry else "")
        self.figures[stem] = save_and_show(fig, self.fig_dir, stem, reason)
