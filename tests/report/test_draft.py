"""The month's draft written from the data (SYNTHETIC fixture): what it says when figures were not published,
figures with their alt text and description, the same bytes on every run, and the Markdown and the Word file
reading back as the same text."""

import dataclasses
import io
import re
import shutil
import zipfile

import pandas as pd
import pytest

from analysis import paths
from analysis.report import cells, draft, figures, style
from analysis.report.data import load_month
from analysis.report.draft_check import check
from analysis.report.draft_docx import docx_bytes
from analysis.report.draft_text import read_draft
from analysis.report.facts import MonthFacts
from analysis.report.figure_registry import standard_figures
from analysis.run.data_build import ensure_data

from ..conftest import FIXTURES, replace_text


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    """The SYNTHETIC March 2001: 8 attacks (February not published), no raid figures, a camp count from
    January, two developments (one with markup in its text). Built once for the module."""
    raw = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(FIXTURES / "raw_minimal", raw)
    shutil.copytree(paths.GAZETTEER, raw / "gazetteer")
    replace_text(
        raw / "developments.csv",
        "A SYNTHETIC statement that the tests read",
        "A SYNTHETIC statement <script>alert(1)</script> [link](javascript:x)",
    )
    processed = raw.parent / "processed"
    ensure_data(raw, processed, quiet=True)
    return load_month(processed, "2001-03")


def written(data, tmp_path, month="2001-03", points=("A SYNTHETIC key point",), drawn=None):
    fig_dir, rep_dir = tmp_path / "figures", tmp_path / "reports"
    fig_dir.mkdir(exist_ok=True)
    rep_dir.mkdir(exist_ok=True)
    cells.write_draft(data, list(points), drawn or cells.DrawnFigures(fig_dir, month), rep_dir, month)
    return rep_dir / "draft.md", rep_dir / "draft.docx"


def test_a_month_with_figures_not_published_says_so(march, tmp_path):
    md, _ = written(march, tmp_path)
    text = md.read_text(encoding="utf-8")
    assert (
        "ISIS sleeper cells carried out 8 attacks in NES in March; February's attack count was not published." in text
    )
    assert "Raid figures for March were not published." in text
    assert "The raid count for February was not published." in text
    assert "Casualty figures for March were not published. Casualty figures for February were not published." in text
    assert (
        "A count of al-Hol camp's population for March was not published; the latest, on 15 January 2001, "
        "gave 100 people." in text
    )
    assert "No repatriation from NES was published for March." in text
    assert text.count("[No figure:") == len(standard_figures())  # none drawn here: each said, none dropped
    assert "No figure: Attacks per month was not drawn." in text  # its cell did not run
    assert not re.search(r"\bnan\b|<NA>|\bNone\b", text)


def test_a_month_whose_report_was_not_found_an_old_camp_count_and_one_heading_per_category(march):
    """The same SYNTHETIC March, its own report marked not found, a camp count from 1999 and three developments
    of two categories, interleaved."""
    developments = pd.concat(
        [
            march.developments,
            march.developments.iloc[[0]].assign(key_point_order=3, summary="A second SYNTHETIC statement"),
        ],
        ignore_index=True,
    )
    camps = march.camp_population.assign(as_of="1999-06", as_of_date="1999-06-01", month="1999-06")
    data = dataclasses.replace(
        march, monthly=march.monthly.assign(own_report="not_found"), developments=developments, camp_population=camps
    )
    facts = MonthFacts(data.figures, data.monthly, "2001-03")
    paragraph = (
        draft.attacks_paragraph(facts)
        + " "
        + draft.raids_paragraph(facts)
        + " "
        + draft.camp_paragraph(data, "2001-03")
    )
    assert "Casualty figures for March are not known (the month's report was not found)." in paragraph
    assert "Raid figures for March are not known (the month's report was not found)." in paragraph
    assert "Repatriations from NES in March are not known (the month's report was not found)." in paragraph
    assert "not published" not in paragraph.replace("February's attack count was not published", "").replace(
        "The raid count for February was not published", ""
    ).replace("Casualty figures for February were not published", "")  # February's report is not marked not found
    assert ("the latest, in June 1999 (an old count, 21 months before March 2001), gave 100 people.") in paragraph
    assert "2001-01-15" not in paragraph and "1999-06-01" not in paragraph  # a month-only date is never a day
    headings = [b.text for b in draft.development_blocks(data, "2001-03") if b.kind == "heading"]
    assert headings == ["The camps", "Statements"]


def test_a_month_with_developments_on_repatriation_does_not_say_none_was_published(march):
    developments = march.developments.assign(category="courts_and_repatriation")
    data = dataclasses.replace(march, developments=developments)
    assert draft.no_repatriation(data, "2001-03", True).startswith(
        "No repatriation with a number of people was recorded for March; the developments above"
    )
    assert draft.no_repatriation(march, "2001-03", True) == "No repatriation from NES was published for March."


def test_developments_under_their_headings_with_sources_and_text_from_data_escaped(march, tmp_path):
    text = written(march, tmp_path)[0].read_text(encoding="utf-8")
    assert (
        "## The camps\n\nA SYNTHETIC camp development marked on the charts. (Source: Synthetic report C: "
        "https://example.org/synthetic/c)" in text
    )
    assert "(Source: Synthetic ministry, as reported in Synthetic report C" in text
    assert not re.search(r"(?<!\\)<script", text) and "\\<script>" in text and "\\[link\\]" in text
    assert "- Synthetic report C (published 2001-04): https://example.org/synthetic/c" in text


def test_figures_carry_their_alt_text_description_and_caption(march, tmp_path):
    fig = figures.attacks_chart(march.monthly, march.definitions, "2001-03")
    (tmp_path / "figures").mkdir()
    drawn = cells.DrawnFigures(tmp_path / "figures", "2001-03")
    drawn.show_figure(fig, "01_attacks")
    drawn.show_figure(None, "05_al_hol")
    alt, description = style.read_description((tmp_path / "figures/01_attacks.svg").read_bytes())
    assert (alt, description) == (drawn.figures["01_attacks"].alt, drawn.figures["01_attacks"].description)
    assert alt == "8 sleeper-cell attacks in March 2001"
    assert description.startswith(
        f"{alt}. The chart shows attacks per month. Over the 24 months from April 1999 "
        "to March 2001, published attack counts ranged from 5 (January 2001) to 8 "
        "(March 2001); 22 months have no published figure."
    )
    md, docx = written(march, tmp_path, drawn=drawn)
    text = md.read_text(encoding="utf-8")
    assert f'![{alt}](../../figures/2001-03/01_attacks.png "{alt}. The chart shows' in text
    assert f"*Attacks per month: {alt}.*" in text and text.count("[No figure:") == len(standard_figures()) - 1
    assert "No figure: No al-Hol population count was published up to March 2001." in text  # registered
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        assert "word/media/image1.png" in archive.namelist()
    assert f'title="{alt}"' in document and f'descr="{alt}. The chart shows attacks per month. Over the 24' in document
    assert f"Attacks per month: {alt}." in document


def test_same_data_same_bytes(march, tmp_path):
    md, docx = written(march, tmp_path)
    first = md.read_bytes(), docx.read_bytes()
    md.unlink()
    docx.unlink()
    assert written(march, tmp_path) and (md.read_bytes(), docx.read_bytes()) == first
    with zipfile.ZipFile(docx) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert (
            "<dcterms:created" in archive.read("docProps/core.xml").decode()
            and "2000-01-01T00:00:00Z" in archive.read("docProps/core.xml").decode()
        )


def test_the_markdown_and_the_word_file_read_back_as_the_same_checked_numbers(march, tmp_path):
    md, docx = written(march, tmp_path, points=["8 attacks in March"])
    results = [
        [(f.number.written, f.status, f.sentence) for f in check(read_draft(path), march, "2001-03")]
        for path in (md, docx)
    ]
    assert results[0] == results[1]
    assert (
        "8",
        "match",
        "ISIS sleeper cells carried out 8 attacks in NES in March; February's attack count was not published.",
    ) in results[0]
    assert not [r for r in results[0] if r[1] == "MISMATCH"]


def test_docx_blocks_keep_their_kinds():
    blocks = [
        draft.Block("title", "T"),
        draft.Block("heading", "H"),
        draft.Block("bullets", items=("a", "b")),
        draft.Block("paragraph", "P"),
        draft.Block("note", "N"),
    ]
    with zipfile.ZipFile(io.BytesIO(docx_bytes(blocks, "t"))) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count('w:val="ListBullet"') == 2 and 'w:val="Title"' in document
    assert 'w:val="Heading1"' in document and "<w:i/>" in document
