"""The report page: prose and outputs only, figures embedded with alt text, printed text escaped."""

import base64

from analysis.report.html import notebook_html

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nSYNTHETIC").decode()


def notebook(*cells):
    return {"cells": list(cells)}


def test_markdown_tables_figures_and_printed_text():
    page = notebook_html(notebook(
        {"cell_type": "markdown", "source": "## 3. Raids and arrests\n\n*Method:* sums."},
        {"cell_type": "code", "source": "secret_code()", "outputs": [
            {"output_type": "display_data", "data": {"image/png": PNG + "\n", "text/plain": "<Image>"}},
            {"output_type": "stream", "name": "stdout", "text": ["- 10 raids <b>\n"]},
            {"output_type": "display_data", "data": {"text/markdown": "| a | b |\n|---|--:|\n| 1 | 2 |",
                                                     "text/plain": "<Markdown>"}}]},
    ), "Sleeper Cell Report: 2023-11")
    assert "<title>Sleeper Cell Report: 2023-11</title>" in page
    assert "<h2>3. Raids and arrests</h2>" in page
    assert f'<img src="data:image/png;base64,{PNG}" alt="Figure: 3. Raids and arrests">' in page
    assert "<pre>- 10 raids &lt;b&gt;\n</pre>" in page
    assert '<th style="text-align:right">b</th>' in page
    assert "secret_code" not in page and "&lt;Image&gt;" not in page  # inputs hidden, richest format chosen


def test_warnings_are_marked_and_the_page_fetches_nothing():
    page = notebook_html(notebook({"cell_type": "code", "source": "", "outputs": [
        {"output_type": "stream", "name": "stderr", "text": "UserWarning: x"}]}), "t")
    assert '<pre class="stderr">UserWarning: x</pre>' in page
    assert "<script" not in page and "<link" not in page and "http" not in page


def test_same_notebook_same_bytes():
    nb = notebook({"cell_type": "markdown", "source": "# Title"})
    assert notebook_html(nb, "t") == notebook_html(nb, "t")
