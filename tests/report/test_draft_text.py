"""Drafts as editors save them (.docx, .md, .html, .txt), and the numbers in their sentences."""

import zipfile

import pytest

from analysis.errors import AnalysisError
from analysis.report.draft_text import read_draft
from analysis.report.text_numbers import numbers, sentences

PARAGRAPHS = [
    "Key points",
    "Eleven attacks in March, a decrease of 35% from February's 17.",
    "On 14 November 2023 the camp held 49,432 people.",
]


def write_docx(path, paragraphs):
    """A minimal Word document (the parts Word and LibreOffice need to open it), SYNTHETIC text."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
            f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        )
    return path


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".docx"])
def test_every_draft_format_reads_as_the_same_paragraphs(tmp_path, suffix):
    path = tmp_path / f"draft{suffix}"
    if suffix == ".docx":
        write_docx(path, PARAGRAPHS)
    elif suffix == ".html":
        path.write_text(
            "<html><head><style>p{}</style><script>var x = 99;</script></head><body><h1>Key points</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
            + "</body></html>",
            encoding="utf-8",
        )
    else:
        path.write_text("# Key points\n\n" + "\n\n".join(f"- {p}" for p in PARAGRAPHS[1:]) + "\n", encoding="utf-8")
    assert read_draft(path) == PARAGRAPHS


def test_an_unreadable_or_unknown_draft_is_a_plain_message(tmp_path):
    with pytest.raises(AnalysisError, match="must be one of"):
        read_draft(tmp_path / "draft.pdf")
    broken = tmp_path / "draft.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(AnalysisError, match="cannot be read as a .docx draft"):
        read_draft(broken)
    with pytest.raises(AnalysisError, match="cannot be read"):
        read_draft(tmp_path / "missing.md")


def test_numbers_as_digits_separators_words_and_percentages_but_not_dates():
    found = [(n.value, n.percent) for s in sentences(PARAGRAPHS) for n in numbers(s) if not n.exempt]
    assert found == [(11, False), (35, True), (17, False), (49432, False)]  # 14 November 2023 is a date
    found = numbers("Twenty-four attacks on 2023-11-14 and in March 2022; one of them")
    assert [n.value for n in found if not n.exempt] == [24]
    assert [n.value for n in numbers("It rose 12 percent to 1,234.") if not n.exempt] == [12, 1234]
