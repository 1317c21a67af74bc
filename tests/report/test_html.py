"""The report page: prose and outputs only, figures embedded with alt text, printed text escaped."""

import base64

from analysis.report.html import notebook_html

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nSYNTHETIC").decode()


def notebook(*cells):
    return {"cells": list(cells)}


def test_markdown_tables_figures_and_printed_text():
    page = notebook_html(
        notebook(
            {"cell_type": "markdown", "source": "## 3. Raids and arrests\n\n*Method:* sums."},
            {
                "cell_type": "code",
                "source": "secret_code()",
                "outputs": [
                    {"output_type": "display_data", "data": {"image/png": PNG + "\n", "text/plain": "<Image>"}},
                    {"output_type": "stream", "name": "stdout", "text": ["- 10 raids <b>\n"]},
                    {
                        "output_type": "display_data",
                        "data": {"text/markdown": "| a | b |\n|---|--:|\n| 1 | 2 |", "text/plain": "<Markdown>"},
                    },
                ],
            },
        ),
        "Sleeper Cell Report: 2023-11",
    )
    assert "<title>Sleeper Cell Report: 2023-11</title>" in page
    assert "<h2>3. Raids and arrests</h2>" in page
    assert f'<img src="data:image/png;base64,{PNG}" alt="Figure: 3. Raids and arrests">' in page
    assert "<pre>- 10 raids &lt;b&gt;\n</pre>" in page
    assert '<th style="text-align:right">b</th>' in page
    assert "secret_code" not in page and "&lt;Image&gt;" not in page  # inputs hidden, richest format chosen


def test_a_figure_has_its_finding_as_alt_text_a_caption_and_its_long_description_beside_it():
    def figure(alt, description):
        return {
            "output_type": "display_data",
            "data": {"image/png": PNG, "text/plain": "<Image>"},
            "metadata": {"image/png": {"alt": alt}, "description": description},
        }

    page = notebook_html(
        notebook(
            {"cell_type": "markdown", "source": "## 1. Attacks per month"},
            {"cell_type": "code", "source": "", "outputs": [figure("11 attacks <b>", "11 attacks. The chart shows …")]},
            {"cell_type": "markdown", "source": "## 2. Casualties"},
            {"cell_type": "code", "source": "", "outputs": [figure("4 killed", "4 killed. In May: 13 killed.")]},
        ),
        "t",
    )
    assert (
        '<img src="data:image/png;base64,' + PNG + '" alt="11 attacks &lt;b&gt;" aria-describedby="figure-1-'
        'description">\n<figcaption><strong>1. Attacks per month.</strong> 11 attacks &lt;b&gt;</figcaption>\n'
        '<details><summary>Description of the figure</summary><p id="figure-1-description">11 attacks. The chart '
        "shows …</p></details>\n</figure>"
    ) in page
    assert page.count("<figure>") == 2 and 'id="figure-3-description">4 killed. In May: 13 killed.' in page


def test_warnings_are_marked_and_the_page_fetches_nothing():
    page = notebook_html(
        notebook(
            {
                "cell_type": "code",
                "source": "",
                "outputs": [{"output_type": "stream", "name": "stderr", "text": "UserWarning: x"}],
            }
        ),
        "t",
    )
    assert '<pre class="stderr">UserWarning: x</pre>' in page
    assert "<script" not in page and "<link" not in page and "http" not in page


def test_same_notebook_same_bytes():
    nb = notebook({"cell_type": "markdown", "source": "# Title"})
    assert notebook_html(nb, "t") == notebook_html(nb, "t")


# SYNTHETIC text as a researcher might have typed it into a raw `report` or `note` cell.
HOSTILE = '<script>alert(3)</script><img src=x onerror="alert(4)">'


def hostile_page() -> str:
    import pandas as pd

    from analysis.report import markdown
    from analysis.report.tables import markdown_table

    table = markdown_table(pd.DataFrame({"report": [HOSTILE], "value": ["1|2"]}))
    return notebook_html(
        notebook(
            {
                "cell_type": "code",
                "source": "",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {"text/markdown": f"- 11 attacks — {markdown.text(HOSTILE)}"},
                    },
                    {"output_type": "display_data", "data": {"text/markdown": table}},
                    {"output_type": "display_data", "data": {"text/markdown": f"raw markdown from a cell: {HOSTILE}"}},
                ],
            }
        ),
        "t",
    )


def test_text_from_data_is_escaped_even_inside_markdown():
    page = hostile_page()
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "1\\|2" in page or "1|2</td>" in page  # the pipe stays in its cell


def test_no_element_is_created_from_data_in_a_real_browser(tmp_path):
    import shutil
    import subprocess

    import pytest

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    path = tmp_path / "page.html"
    path.write_text(hostile_page(), encoding="utf-8")
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attributes = set(), set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)
            self.attributes |= {name for name, _ in attrs}

    parsed = Tags()
    parsed.feed(dom)
    assert "alert(3)" in dom  # the text is there, as text
    assert not parsed.tags & {"script", "img", "iframe", "a"} and "onerror" not in parsed.attributes
