"""Text from data in the Markdown the reports write: escaped so it renders as itself, never as markup."""

import mistune

from analysis.report import markdown

RENDER = mistune.create_markdown(escape=True, plugins=["table"])


def test_markup_in_data_renders_as_text():
    hostile = "<script>alert(3)</script> [click](javascript:alert(4)) `x` &amp; c"  # SYNTHETIC
    page = RENDER(f"- {markdown.text(hostile)}")
    assert "<script" not in page and "<a " not in page and "<code>" not in page and "&amp;amp;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page and "[click](javascript:alert(4))" in page


def test_ordinary_text_is_unchanged():
    for ordinary in ("Rojava Information Center, November 2023 report (2023-12-05)", "third_country", ">370"):
        assert markdown.text(ordinary) == ordinary


def test_a_table_cell_keeps_its_column_and_its_line():
    row = "| " + " | ".join(markdown.cell(v) for v in ["a|b", "line\nbreak"]) + " |"
    page = RENDER("| x | y |\n|---|---|\n" + row)
    assert page.count("<td>") == 2 and "a|b" in page and "line break" in page


def test_an_address_cannot_close_its_autolink():
    assert markdown.address(" https://example.org/a b<c>") == "https://example.org/a%20b%3Cc%3E"
