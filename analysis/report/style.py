"""One house style for every figure: palette, fonts, source line, and deterministic PNG/SVG files.

The style is applied inside the chart functions (`house_style`) and when saving, never globally: importing
`analysis` leaves matplotlib's backend and a researcher's own rcParams alone. Figures are plain
`matplotlib.figure.Figure` objects, not pyplot figures, so they never depend on the backend either.
"""

from __future__ import annotations

import functools
import io
import math
import weakref
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Bbox

from ..outputs import atomic_write_bytes

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COLORS = {
    "main": "#0072B2",  # blue: the series
    "highlight": "#D55E00",  # vermillion: the report month
    "secondary": "#56B4E9",  # sky blue: previous month, second series
    "unverified": "#E69F00",  # orange: unverified claims
    "civilian": "#009E73",  # bluish green
    "other": "#CC79A7",  # reddish purple
    "muted": "#8C8C8C",  # grey: gaps, annotations
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


def context():
    """The house style for a block of your own (e.g. seaborn plots in explore.ipynb): `with style.context(): ...`."""
    return matplotlib.rc_context(RC)


def house_style(chart):
    """Decorator: draw the chart with the house style in force (and only while it is drawn)."""

    @functools.wraps(chart)
    def styled(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return chart(*args, **kwargs)

    return styled


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure of one report column and its axes (call inside a `house_style` chart)."""
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
    return fig, fig.subplots(nrows, ncols, **kwargs)


# What `finish` was told about each figure: the method note (the one text behind both its footnote and the
# notebook's method line) and the sentence of values behind its long description, kept beside the figure
# without adding attributes to matplotlib's objects.
_NOTES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_VALUES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def finish(fig, title: str, note: str = "", source: str = SOURCE, values: str = "") -> None:
    """Title stating the finding, and a source line (plus an optional method note) under the plot. `values`
    (the month's values and the trend, in words) is not drawn: it goes into the figure's long description."""
    _NOTES[fig] = note
    _VALUES[fig] = values
    heading = fig.suptitle(title, x=0.01, ha="left", fontsize=10.5, fontweight="bold", color=COLORS["text"])
    footer = source if not note else f"{note}\n{source}"
    text = fig.text(0.01, 0.01, footer, ha="left", va="bottom", fontsize=6.8, color="#555555")
    text.set_text(wrap_to_width(footer, text.get_fontproperties(), fig.get_figwidth() * 0.99))
    lines = footer.count("\n") + 1
    renderer = layout_renderer(fig)
    fit_axes(fig, renderer, bottom=0.035 * lines + 0.02, title=heading)  # room for the footer and the title
    keep_labels_inside(fig, renderer)


def layout_renderer(fig):
    """The Agg renderer at `fig`'s dpi that the layout and the labels' turning measure with: one per dpi and
    process, shared by every figure, so that a text measured once (a tick label, the source line, a legend
    entry) is not measured again for the next figure or report. Its size plays no part in measuring."""
    return _renderer_at(fig.dpi)


@functools.cache
def _renderer_at(dpi: float):
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


def fit_axes(fig, renderer, bottom: float = 0.0, title=None, pad: float = 1.08) -> None:
    """Subplot parameters that keep every axes' ticks, labels and legend inside the figure, below `title`
    (the figure's suptitle, if any) and above `bottom` (a figure fraction), `pad` font sizes from the edges and
    between axes: the parameters matplotlib's tight layout gives with `rect=(0, bottom, 1, 1)`, computed from
    one measurement of each axes. (`TightLayoutEngine(rect=...)` measures every text of the figure twice for the same
    boxes; and `fig.tight_layout()` would leave a layout engine on the figure, which draws it again at each
    savefig.)"""
    cells: dict = {}
    for ax in fig.axes:  # axes sharing a grid cell (a heatmap and its colour bar) are fitted together
        spec = ax.get_subplotspec()
        if spec is not None:
            cells.setdefault(spec.get_topmost_subplotspec(), []).append(ax)
    if not cells:
        return
    rows, cols = next(iter(cells)).get_gridspec().get_geometry()
    if any(spec.get_gridspec().get_geometry() != (rows, cols) for spec in cells):  # not a house figure
        from matplotlib.layout_engine import TightLayoutEngine

        TightLayoutEngine(rect=(0, bottom, 1, 1), pad=pad).execute(fig)
        return
    to_fig = fig.transFigure.inverted()
    # How far each cell's decorations reach beyond its axes, on each side (figure fractions).
    across, down = np.zeros((rows, cols + 1)), np.zeros((rows + 1, cols))
    for spec, axes in cells.items():
        visible = [ax for ax in axes if ax.get_visible()]
        if not visible:
            continue
        box = spec.get_position(fig)
        tight = to_fig.transform_bbox(Bbox.union([ax.get_tightbbox(renderer, for_layout_only=True) for ax in visible]))
        across[spec.rowspan, spec.colspan.start] += box.xmin - tight.xmin
        across[spec.rowspan, spec.colspan.stop] += tight.xmax - box.xmax
        down[spec.rowspan.start, spec.colspan] += tight.ymax - box.ymax
        down[spec.rowspan.stop, spec.colspan] += box.ymin - tight.ymin
    title_height = (
        to_fig.transform_bbox(title.get_window_extent(renderer)).height
        if title is not None and title.get_in_layout()
        else None
    )
    width, height = fig.get_size_inches()
    pad_in = pad * (FontProperties(size=matplotlib.rcParams["font.size"]).get_size_in_points() / 72)
    left = max(across[:, 0].max(), 0) + pad_in / width
    right = max(across[:, -1].max(), 0) + pad_in / width
    top = max(down[0, :].max(), 0) + pad_in / height
    if title_height is not None:
        top += title_height + pad_in / height
    low = max(down[-1, :].max(), 0) + pad_in / height
    # The margins above, moved into (0, bottom, 1, 1), in the order of operations matplotlib uses (the same
    # floating-point result).
    left, low, right, top = 0 + left, bottom + low, 1 - (1 - (1 - right)), 1 - (1 - (1 - top))
    margin_right, margin_top = 1 - right, 1 - top
    params = {"left": left, "right": 1 - margin_right, "bottom": low, "top": 1 - margin_top}
    if cols > 1:
        space = across[:, 1:-1].max() + pad_in / width
        params["wspace"] = space / ((1 - margin_right - left - space * (cols - 1)) / cols)
    if rows > 1:
        space = down[1:-1, :].max() + pad_in / height
        params["hspace"] = space / ((1 - margin_top - low - space * (rows - 1)) / rows)
    fig.subplots_adjust(**params)


def wrap_to_width(text: str, font, width_in: float) -> str:
    """`text` broken at spaces into lines no wider than `width_in` inches, measured at DPI as matplotlib
    measures text it wraps itself: each line holds as many words as fit (at least one). Done once: a text
    drawn with `wrap=True` is measured word by word at every draw (layout, PNG and SVG), which was a sixth of
    a report's time, and the SVG's lines could break apart from the PNG's."""
    return _wrap(text, font.copy(), width_in)


@functools.lru_cache(maxsize=1024)
def _wrap(text: str, font, width_in: float) -> str:
    # The footers of a report's figures repeat (the source line in every one): wrapped once per process. A
    # line is found from a guess by its length in characters, then checked (and moved a word at a time) by
    # measuring it: two or three measurements a line instead of one per word.
    limit = width_in * DPI
    per_char = font.get_size_in_points() * DPI / 72 * 0.55  # a first guess, corrected by each measurement
    lines = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        start = 0
        while start < len(words):
            end, length = start + 1, len(words[start])
            while end < len(words) and (length + 1 + len(words[end])) * per_char <= limit:
                length += 1 + len(words[end])
                end += 1

            def fits(stop: int) -> bool:
                nonlocal per_char
                line = " ".join(words[start:stop])  # noqa: B023  (called only in this iteration)
                width = _text_width(line, font)
                per_char = max(width, 1) / max(len(line), 1)
                return width <= limit

            if fits(end):  # widths grow with each word: the last `end` that fits
                while end < len(words) and fits(end + 1):
                    end += 1
            else:
                end -= 1
                while end > start + 1 and not fits(end):
                    end -= 1
            lines.append(" ".join(words[start : max(end, start + 1)]))
            start = max(end, start + 1)
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def _text_width(line: str, font) -> int:
    """Width in whole pixels at DPI of one line of text, as Agg measures it."""
    from matplotlib.cbook import is_math_text

    return math.ceil(_renderer_at(DPI).get_text_width_height_descent(line, font, is_math_text(line))[0])


def keep_labels_inside(fig, renderer=None) -> None:
    """A value label that would run past the right (or left) edge of its plot is turned to end (or start) at
    its anchor instead, so it stays inside the plot area rather than being cut off or hidden."""
    renderer = renderer or layout_renderer(fig)
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        for text in ax.texts:
            if text.get_transform() != ax.transData or not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            if box.x1 > frame.x1 + 1 and text.get_horizontalalignment() != "right":
                text.set_horizontalalignment("right")
            elif box.x0 < frame.x0 - 1 and text.get_horizontalalignment() != "left":
                text.set_horizontalalignment("left")


def method_note(fig) -> str:
    """The method note `finish` wrote under the figure ("" if none)."""
    return _NOTES.get(fig, "")


PNG_METADATA, SVG_METADATA = {"Software": None}, {"Date": None, "Creator": None}
# Pillow's zlib level for the PNGs (Pillow's own zlib-ng, pinned by the lock: the same bytes on every machine,
# unlike Python's zlib, which is the system's). 3 gives files the size of the default level 6 in 60% of its time.
PNG_OPTIONS = {"compress_level": 3}


def save(fig, folder: Path, stem: str) -> dict[str, Path]:
    """Write `stem`.png and `stem`.svg atomically, without version or date metadata (same bytes every run)."""
    folder = Path(folder)
    written = {"png": folder / f"{stem}.png", "svg": folder / f"{stem}.svg"}
    with matplotlib.rc_context(RC):
        for fmt, options in (
            ("png", {"metadata": PNG_METADATA, "pil_kwargs": PNG_OPTIONS}),
            ("svg", {"metadata": SVG_METADATA}),
        ):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, **options)
            data = buffer.getvalue()
            atomic_write_bytes(written[fmt], with_title_and_desc(data, *describe(fig)) if fmt == "svg" else data)
    return written


def describe(fig) -> tuple[str, str]:
    """(alt text, longer description) of a finished figure: the finding its title states; then what its axes
    show, the values and trend `finish` was given, and its method note."""
    title = " ".join(fig.get_suptitle().split())
    axes = [" ".join((ax.get_ylabel() or ax.get_xlabel()).split()) for ax in fig.axes]
    axes = [a[:1].lower() + a[1:] for a in dict.fromkeys(a for a in axes if a)]
    shown = f"The chart shows {', '.join(axes)}." if axes else ""
    parts = [f"{title}.", shown, _VALUES.get(fig, ""), method_note(fig)]
    return title, " ".join(p for p in parts if p)


def with_title_and_desc(svg: bytes, title: str, desc: str) -> bytes:
    """The SVG with <title> and <desc> as the first children of its root, as screen readers look for them."""
    from xml.sax.saxutils import escape

    start = svg.index(b"<svg")
    end = svg.index(b">", start) + 1
    extra = f"\n <title>{escape(title)}</title>\n <desc>{escape(desc)}</desc>".encode()
    return svg[:end] + extra + svg[end:]


def read_description(svg: bytes) -> tuple[str, str]:
    """(alt text, long description) of a saved SVG: the <title> and <desc> `with_title_and_desc` wrote."""
    import re
    from xml.sax.saxutils import unescape

    head = svg[: svg.index(b"</desc>") + 7].decode("utf-8") if b"</desc>" in svg else ""
    title, desc = re.search(r"<title>(.*?)</title>", head, re.S), re.search(r"<desc>(.*?)</desc>", head, re.S)
    return (unescape(title.group(1)) if title else "", unescape(desc.group(1)) if desc else "")
