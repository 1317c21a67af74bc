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
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine

from ..outputs import atomic_write_bytes

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
    fig.suptitle(title, x=0.01, ha="left", fontsize=10.5, fontweight="bold", color=COLORS["text"])
    footer = source if not note else f"{note}\n{source}"
    text = fig.text(0.01, 0.01, footer, ha="left", va="bottom", fontsize=6.8, color="#555555")
    text.set_text(wrap_to_width(footer, text.get_fontproperties(), fig.get_figwidth() * 0.99))
    lines = footer.count("\n") + 1
    # Tight layout applied once, leaving room for the footer (and the suptitle). Not `fig.tight_layout()`:
    # that leaves a layout engine on the figure, which makes every savefig draw the figure twice.
    TightLayoutEngine(rect=(0, 0.035 * lines + 0.02, 1, 1)).execute(fig)
    keep_labels_inside(fig)


def wrap_to_width(text: str, font, width_in: float) -> str:
    """`text` broken at spaces into lines no wider than `width_in` inches, measured at DPI as matplotlib
    measures text it wraps itself. Done once: a text drawn with `wrap=True` is measured word by word at every
    draw (layout, PNG and SVG), which was a sixth of a report's time, and the SVG's lines could break apart
    from the PNG's."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.cbook import is_math_text

    renderer, limit = RendererAgg(1, 1, DPI), width_in * DPI

    def fits(line: str) -> bool:
        return math.ceil(renderer.get_text_width_height_descent(line, font, is_math_text(line))[0]) <= limit

    lines = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = words[0]
        for word in words[1:]:
            if fits(f"{line} {word}"):
                line = f"{line} {word}"
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


def keep_labels_inside(fig) -> None:
    """A value label that would run past the right (or left) edge of its plot is turned to end (or start) at
    its anchor instead, so it stays inside the plot area rather than being cut off or hidden."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
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


def save(fig, folder: Path, stem: str) -> dict[str, Path]:
    """Write `stem`.png and `stem`.svg atomically, without version or date metadata (same bytes every run)."""
    folder = Path(folder)
    written = {"png": folder / f"{stem}.png", "svg": folder / f"{stem}.svg"}
    with matplotlib.rc_context(RC):
        for fmt, metadata in (("png", PNG_METADATA), ("svg", SVG_METADATA)):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, metadata=metadata)
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
    extra = f"\n <title>{escape(title)}</title>\n <desc>{escape(desc)}</desc>".encode("utf-8")
    return svg[:end] + extra + svg[end:]


def read_description(svg: bytes) -> tuple[str, str]:
    """(alt text, long description) of a saved SVG: the <title> and <desc> `with_title_and_desc` wrote."""
    import re
    from xml.sax.saxutils import unescape

    head = svg[:svg.index(b"</desc>") + 7].decode("utf-8") if b"</desc>" in svg else ""
    title, desc = re.search(r"<title>(.*?)</title>", head, re.S), re.search(r"<desc>(.*?)</desc>", head, re.S)
    return (unescape(title.group(1)) if title else "", unescape(desc.group(1)) if desc else "")
