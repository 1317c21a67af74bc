"""The house style is applied inside the chart functions: importing `analysis` leaves matplotlib alone, and a
researcher's own plots still show inline in a real Jupyter kernel."""

import subprocess
import sys

import pytest

from analysis.report import figures, style

from .test_figures import tables  # noqa: F401  (fixture)

CHECK_IMPORT = """
import matplotlib
before = (matplotlib.get_backend(), dict(matplotlib.rcParams))
from analysis.report import cells, charts, figures, keypoints, overview, sections, style, tables
from analysis.run import cli, runner
after = (matplotlib.get_backend(), dict(matplotlib.rcParams))
assert before == after, [k for k in before[1] if before[1][k] != after[1][k]]
print("unchanged")
"""


def test_importing_analysis_changes_neither_backend_nor_rcparams():
    out = subprocess.run([sys.executable, "-c", CHECK_IMPORT], capture_output=True, text=True)
    assert out.returncode == 0 and "unchanged" in out.stdout, out.stderr


def test_a_chart_leaves_the_global_style_as_it_found_it(tables):  # noqa: F811
    import matplotlib

    panel, _ = tables
    before = dict(matplotlib.rcParams)
    fig = figures.raids_chart(panel, "2001-06", months=6)
    assert dict(matplotlib.rcParams) == before
    assert fig.get_size_inches().tolist() == [style.WIDTH_IN, style.HEIGHT_IN]
    titles = [fig.axes[0].title, *(t for t in fig.texts if t.get_text() == fig.get_suptitle())]
    assert any(t.get_text() and t.get_fontweight() in ("bold", 700) for t in titles)


@pytest.mark.slow
def test_a_figure_changed_in_its_cell_is_shown_and_saved_and_plain_plots_show_inline(tmp_path):
    """In a real kernel: a researcher changes a chart after its function returns; what the cell shows is what
    is saved. Regression: `matplotlib.use("Agg")` at import used to make a researcher's plt.plot show nothing."""
    import base64

    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:

        def run(code: str) -> list[dict]:
            outputs = []
            kc.execute_interactive(code, output_hook=lambda msg: outputs.append(msg), timeout=120)
            errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
            assert not errors, errors
            return [m["content"] for m in outputs if m["msg_type"] in ("display_data", "execute_result")]

        run(f"import sys; sys.path.insert(0, {str(__import__('analysis').__path__[0].rsplit('/', 1)[0])!r})")
        run(
            "from analysis.report import cells, figures, style\n"
            "import pandas as pd\n"
            "panel = pd.DataFrame({'month': ['2001-05', '2001-06'], 'raids': [3, 4], 'arrests': [5, 6]})\n"
            f"out = {str(tmp_path)!r}\n"
            "style.save(figures.raids_chart(panel, '2001-06', months=2), out, 'as_returned')"
        )
        shown = run(
            "fig = figures.raids_chart(panel, '2001-06', months=2)\n"
            "fig.axes[0].set_ylim(0, 40)  # the researcher's change\n"
            "cells.show_figure(fig, out, 'changed')"
        )
        image = base64.b64decode(next(o["data"]["image/png"] for o in shown if "image/png" in o.get("data", {})))
        assert image == (tmp_path / "changed.png").read_bytes()
        assert (tmp_path / "changed.png").read_bytes() != (tmp_path / "as_returned.png").read_bytes()
        notes = [o["data"]["text/markdown"] for o in shown if "text/markdown" in o.get("data", {})]
        assert notes and notes[0].startswith("*Method:* Anti-ISIS raids")  # the footnote, once more as text
        own = run("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
        assert any("image/png" in output.get("data", {}) for output in own)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_label_that_would_leave_the_plot_is_turned_inside():
    """SYNTHETIC: a value label at the right end of the axis would run past the plot; it is turned to end at
    its anchor (inside the plot) and the saved picture keeps it whole."""
    fig, ax = style.new_figure()
    ax.barh([0], [10])
    ax.set_xlim(0, 10)
    label = ax.text(10, 0, " a long label that cannot fit after the bar", va="center")
    short = ax.text(2, 0, " short", va="center")
    style.finish(fig, "Title")
    assert label.get_horizontalalignment() == "right" and short.get_horizontalalignment() == "left"


def test_each_svg_carries_the_finding_as_title_and_a_longer_description(tmp_path):
    """Screen readers read an SVG's <title> and <desc>: the chart's finding, then its axes and method note."""
    import xml.etree.ElementTree as ET

    fig, ax = style.new_figure()
    ax.bar([0, 1], [3, 5])
    ax.set_ylabel("Attacks per month")
    style.finish(
        fig,
        "5 SYNTHETIC attacks in June, up from 3 <in May>",
        note="A SYNTHETIC method note & more.",
        values="In May: 3; in June: 5.",
    )
    svg = style.save(fig, tmp_path, "f")["svg"]
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root[0].tag == f"{ns}title" and root[0].text == "5 SYNTHETIC attacks in June, up from 3 <in May>"
    assert root[1].tag == f"{ns}desc" and root[1].text == (
        "5 SYNTHETIC attacks in June, up from 3 <in May>. The chart shows attacks per month. In May: 3; in June: 5. "
        "A SYNTHETIC method note & more."
    )
    assert style.read_description(svg.read_bytes()) == (root[0].text, root[1].text)  # what the draft reads back
    assert svg.read_bytes() == style.save(fig, tmp_path / "again", "f")["svg"].read_bytes()


def test_a_long_footer_is_broken_into_lines_that_fit_the_figure_and_keep_every_word():
    """Broken once, at the PNG's resolution, so the PNG and the SVG show the same lines."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    text = "SYNTHETIC footer: " + " ".join(f"word{i}" for i in range(60)) + "\nSource: a second paragraph."
    font = FontProperties(size=6.8)
    wrapped = style.wrap_to_width(text, font, 4.0)
    lines = wrapped.split("\n")
    renderer = RendererAgg(1, 1, style.DPI)
    assert len(lines) > 3 and lines[-1] == "Source: a second paragraph."
    assert all(renderer.get_text_width_height_descent(line, font, False)[0] <= 4.0 * style.DPI for line in lines)
    assert wrapped.replace("\n", " ") == text.replace("\n", " ")


def _greedy_wrap(text: str, font, width_in: float) -> str:
    """The plain rule `wrap_to_width` keeps: each word goes on the line while the line still fits."""
    from matplotlib.backends.backend_agg import RendererAgg

    renderer = RendererAgg(1, 1, style.DPI)

    def fits(line: str) -> bool:
        import math

        return math.ceil(renderer.get_text_width_height_descent(line, font, False)[0]) <= width_in * style.DPI

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


def test_the_footer_is_broken_where_adding_word_after_word_breaks_it():
    """SYNTHETIC texts: a line found from a guess and a few measurements is the line the word-by-word rule
    gives, for short and long words, double spaces, a word wider than the figure and empty paragraphs."""
    import random

    from matplotlib.font_manager import FontProperties

    rng = random.Random(7)
    vocabulary = [
        "a",
        "of",
        "the",
        "attacks",
        "Deir-ez-Zor",
        "(not",
        "zero).",
        "W" * 12,
        "iiiiiiii",
        "",
        "12,345",
        "counting",
        "definition",
        "SYNTHETIC",
        "—",
        "Raqqa's",
    ]
    font = FontProperties(size=6.8)
    for trial in range(6):
        text = "\n".join(
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40))) for _ in range(rng.randint(1, 3))
        )
        width = rng.choice([0.3, 1.5, 4.0, 6.4])
        assert style.wrap_to_width(text, font, width) == _greedy_wrap(text, font, width), (trial, text, width)


def _figure(kind: str):
    fig, axes = style.new_figure(
        *{"one": (1, 1), "rows": (2, 1), "columns": (1, 2)}[kind], **({"sharex": True} if kind == "rows" else {})
    )
    for i, ax in enumerate(fig.axes):
        ax.bar(range(12), [v * 1000 * (i + 1) for v in range(12)])
        ax.set_ylabel(f"SYNTHETIC count {i}")
        ax.set_xticks(range(0, 12, 3), [f"Jan\n{2001 + j}" for j in range(4)])
        ax.legend(handles=ax.patches[:1], labels=["a legend above"], loc="lower left", bbox_to_anchor=(0, 1.01))
    return fig, fig.suptitle("A SYNTHETIC title\non two lines", x=0.01, ha="left")


@pytest.mark.parametrize("kind", ["one", "rows", "columns", "heatmap"])
def test_the_layout_is_the_one_tight_layout_gives_from_one_measurement(kind):
    """`fit_axes` measures each axes once; the subplot parameters are those of matplotlib's tight layout with
    the same room for the footer (which measures everything twice), to the last bit."""
    from matplotlib.layout_engine import TightLayoutEngine

    def build():
        if kind != "heatmap":
            return _figure(kind)
        fig, ax = style.new_figure()
        mesh = ax.pcolormesh([[1, 2], [3, 4]])
        fig.colorbar(mesh, ax=ax, label="SYNTHETIC colour bar")  # a second axes in the same grid cell
        return fig, fig.suptitle("SYNTHETIC")

    with matplotlib_style():
        (ours, title), (theirs, _) = build(), build()
        style.fit_axes(ours, style.layout_renderer(ours), bottom=0.09, title=title)
        TightLayoutEngine(rect=(0, 0.09, 1, 1)).execute(theirs)
    params = ("left", "right", "bottom", "top", "wspace", "hspace")
    assert [getattr(ours.subplotpars, p) for p in params] == [getattr(theirs.subplotpars, p) for p in params]
    assert [ax.get_position().bounds for ax in ours.axes] == [ax.get_position().bounds for ax in theirs.axes]


def matplotlib_style():
    import matplotlib

    return matplotlib.rc_context(style.RC)


def test_the_png_has_the_pixels_of_matplotlibs_default_png_its_resolution_and_no_text(tables, tmp_path):  # noqa: F811
    """The PNG at the house compression level: the same pixels as matplotlib's default PNG of the figure, 200
    dpi recorded, no text chunk (no software version, no date), the same bytes each time."""
    import io
    import struct

    import numpy as np
    from matplotlib.image import imread

    panel, _ = tables
    fig = figures.raids_chart(panel, "2001-06", months=6)
    written = style.save(fig, tmp_path, "f")["png"].read_bytes()
    theirs = io.BytesIO()
    with matplotlib_style():
        fig.savefig(theirs, format="png", dpi=style.DPI)
    theirs.seek(0)
    ours = imread(io.BytesIO(written), format="png")
    assert ours.shape == (780, 1300, 4) and np.array_equal(ours, imread(theirs, format="png"))
    chunks, at = [], 8
    while at < len(written):
        length, kind = struct.unpack(">I4s", written[at : at + 8])
        chunks.append((kind, written[at + 8 : at + 8 + length]))
        at += 12 + length
    assert list(dict.fromkeys(kind for kind, _ in chunks)) == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    x, y, unit = struct.unpack(">IIB", dict(chunks)[b"pHYs"])
    assert unit == 1 and round(x * 0.0254) == round(y * 0.0254) == style.DPI
    assert style.save(fig, tmp_path / "again", "f")["png"].read_bytes() == written


def test_axes_from_grids_of_different_shapes_get_tight_layouts_own_parameters():
    """Not a house figure (a researcher's axes from a 2 x 2 and a 1 x 2 grid): fitted by tight layout itself."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import TightLayoutEngine

    def build():
        fig = Figure(figsize=(style.WIDTH_IN, style.HEIGHT_IN))
        for grid in ((2, 2, 1), (1, 2, 2)):
            fig.add_subplot(*grid).set_ylabel("SYNTHETIC")
        return fig

    ours, theirs = build(), build()
    style.fit_axes(ours, style.layout_renderer(ours), bottom=0.1)
    TightLayoutEngine(rect=(0, 0.1, 1, 1)).execute(theirs)
    assert [ax.get_position().bounds for ax in ours.axes] == [ax.get_position().bounds for ax in theirs.axes]
