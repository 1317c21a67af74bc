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
        run("from analysis.report import cells, figures, style\n"
            "import pandas as pd\n"
            "panel = pd.DataFrame({'month': ['2001-05', '2001-06'], 'raids': [3, 4], 'arrests': [5, 6]})\n"
            f"out = {str(tmp_path)!r}\n"
            "style.save(figures.raids_chart(panel, '2001-06', months=2), out, 'as_returned')")
        shown = run("fig = figures.raids_chart(panel, '2001-06', months=2)\n"
                    "fig.axes[0].set_ylim(0, 40)  # the researcher's change\n"
                    "cells.show_figure(fig, out, 'changed')")
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
    style.finish(fig, "5 SYNTHETIC attacks in June, up from 3 <in May>", note="A SYNTHETIC method note & more.",
                 values="In May: 3; in June: 5.")
    svg = style.save(fig, tmp_path, "f")["svg"]
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root[0].tag == f"{ns}title" and root[0].text == "5 SYNTHETIC attacks in June, up from 3 <in May>"
    assert root[1].tag == f"{ns}desc" and root[1].text == (
        "5 SYNTHETIC attacks in June, up from 3 <in May>. The chart shows attacks per month. In May: 3; in June: 5. "
        "A SYNTHETIC method note & more.")
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
