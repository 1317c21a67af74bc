"""Reading a draft: every part of a .docx an editor writes in, HTML read to its end, no draft that yields no
text passes, and every read is bounded (sizes before inflating, total text, no FIFO or device, linear scans).
All text is SYNTHETIC."""

import codecs
import os
import subprocess
import sys
import time
import zipfile

import pytest

from analysis import paths
from analysis.errors import AnalysisError
from analysis.report import draft_text
from analysis.report.draft_text import read_draft

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _paragraphs(texts):
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


def write_package(path, body, parts=None, ns=TRANSITIONAL, rel=REL, method=zipfile.ZIP_DEFLATED):
    """A Word package: the body, and each other part {kind: (root tag, inner xml)} related to it."""
    parts = parts or {}
    relations = "".join(
        f'<Relationship Id="r{i}" Type="{rel}/{kind}" Target="{kind}.xml"/>' for i, kind in enumerate(parts)
    )
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
            f'org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://'
            f'schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>',
        )
        archive.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        )
        for kind, (tag, inner) in parts.items():
            archive.writestr(f"word/{kind}.xml", f'<?xml version="1.0"?><w:{tag} xmlns:w="{ns}">{inner}</w:{tag}>')
    return path


def test_a_strict_open_xml_docx_is_read(tmp_path):
    path = write_package(
        tmp_path / "strict.docx", _paragraphs(["Sleeper cells carried out 11 attacks."]), ns=STRICT, rel=STRICT_REL
    )
    assert read_draft(path) == ["Sleeper cells carried out 11 attacks."]


def test_every_part_an_editor_writes_in_is_read(tmp_path):
    body = (
        _paragraphs(["Body: 11 attacks."])
        + "<w:tbl><w:tr><w:tc>"
        + _paragraphs(["Table cell: 4 raids."])
        + "</w:tc></w:tr></w:tbl>"
    )
    parts = {
        "footnotes": ("footnotes", '<w:footnote w:id="1">' + _paragraphs(["Footnote: 3 killed."]) + "</w:footnote>"),
        "endnotes": ("endnotes", '<w:endnote w:id="1">' + _paragraphs(["Endnote: 2 wounded."]) + "</w:endnote>"),
        "comments": ("comments", '<w:comment w:id="0">' + _paragraphs(["Comment: check the 9."]) + "</w:comment>"),
        "header": ("hdr", _paragraphs(["Header: 7 arrests."])),
        "footer": ("ftr", _paragraphs(["Footer: page 1."])),
    }
    got = read_draft(write_package(tmp_path / "parts.docx", body, parts))
    assert got == [
        "Body: 11 attacks.",
        "Table cell: 4 raids.",
        "Footnote: 3 killed.",
        "Endnote: 2 wounded.",
        "Comment: check the 9.",
        "Header: 7 arrests.",
        "Footer: page 1.",
    ]


def test_a_word_file_with_header_footer_and_table_made_by_python_docx(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("In the body, 11 attacks.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "In a table, 4 raids."
    document.sections[0].header.paragraphs[0].text = "In the header, 7 arrests."
    document.sections[0].footer.paragraphs[0].text = "In the footer, 2 wounded."
    document.save(tmp_path / "made.docx")
    got = read_draft(tmp_path / "made.docx")
    for text in (
        "In the body, 11 attacks.",
        "In a table, 4 raids.",
        "In the header, 7 arrests.",
        "In the footer, 2 wounded.",
    ):
        assert got.count(text) == 1, (text, got)


def test_tabs_and_breaks_are_spaces_and_deleted_text_is_not_read(tmp_path):
    body = (
        "<w:p><w:r><w:t>11</w:t><w:tab/><w:t>attacks</w:t><w:br/><w:t>in March</w:t></w:r>"
        "<w:del><w:r><w:delText>12</w:delText></w:r></w:del></w:p>"
    )
    assert read_draft(write_package(tmp_path / "d.docx", body)) == ["11 attacks in March"]


def test_100000_nested_paragraphs_are_read_once_each_in_linear_time(tmp_path):
    depth = 100_000
    body = "<w:p><w:r><w:t>Eleven attacks.</w:t></w:r>" * depth + "</w:p>" * depth
    path = write_package(tmp_path / "nested.docx", body)
    start = time.monotonic()
    got = read_draft(path)
    assert time.monotonic() - start < 20
    assert len(got) == depth and set(got) == {"Eleven attacks."}  # each paragraph's own text, once


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>11 attacks.</p><style>p { color: red }", ["11 attacks."]),
        ("<p>11 attacks.</p><!-- 12 in an unclosed comment", ["11 attacks."]),
        ("<p>11 attacks &amp", ["11 attacks &"]),
        ("<p>4 raids</p><p>11 attacks &amp", ["4 raids", "11 attacks &"]),
    ],
)
def test_html_is_read_to_its_end(tmp_path, html, expected):
    path = tmp_path / "d.html"
    path.write_text(html, encoding="utf-8")
    assert read_draft(path) == expected


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.md", ""),
        ("blank.txt", "\n \n"),
        ("style.html", "<style>p{}"),
        ("comment.html", "<!-- 11 attacks"),
        ("script.htm", "<script>var attacks = 11;</script>"),
    ],
)
def test_a_draft_with_no_readable_text_is_an_error_not_a_pass(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnalysisError, match="holds no text that could be read"):
        read_draft(path)


def test_a_docx_with_an_empty_body_is_an_error(tmp_path):
    with pytest.raises(AnalysisError, match="holds no text that could be read"):
        read_draft(write_package(tmp_path / "empty.docx", "<w:p/>"))


def test_a_part_that_inflates_past_the_bound_is_refused_before_it_is_inflated(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_text, "MAX_PART_BYTES", 2**20)  # the real bound is 50 MB; the rule is the same
    body = _paragraphs(["0" * 1000]) * 2000  # 2 MB of XML, a few kB packed
    path = write_package(tmp_path / "bomb.docx", body)
    assert path.stat().st_size < 100_000
    with pytest.raises(AnalysisError, match="once unpacked, more than any draft holds"):
        read_draft(path)


def test_a_part_that_lies_about_its_size_is_stopped_while_it_inflates(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_text, "MAX_PART_BYTES", 2**20)
    path = write_package(tmp_path / "liar.docx", _paragraphs(["0" * 1000]) * 2000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    # the central directory's uncompressed size of word/document.xml, set to 100 bytes
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"word/document.xml", info.header_offset + 30))
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(AnalysisError, match="bomb|not a whole Word file|more than"):
        read_draft(path)


def test_the_total_text_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(draft_text, "MAX_TEXT_CHARS", 10_000)
    (tmp_path / "long.txt").write_text("11 attacks.\n" * 1000, encoding="utf-8")
    with pytest.raises(AnalysisError, match="characters, more than any draft"):
        read_draft(tmp_path / "long.txt")
    with pytest.raises(AnalysisError, match="more than 10,000 characters"):
        read_draft(write_package(tmp_path / "long.docx", _paragraphs(["11 attacks."] * 1000)))


def test_100000_unclosed_picture_openings_in_markdown_cost_one_pass(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(
        "11 attacks. " + "![" * 100_000 + "\n" + "![a](" * 50_000 + "\n" + '![a]("' * 50_000 + "\n![b]" * 50_000,
        encoding="utf-8",
    )
    start = time.monotonic()
    got = read_draft(path)
    assert time.monotonic() - start < 5
    assert got[0].startswith("11 attacks.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Before ![alt](figures/a.png "A [title]") after', "Before  after"),
        (r"![an \] escaped](a.png) kept", " kept"),
        ("![no close](a.png kept", "![no close](a.png kept"),
        ("![alt] (a.png) not a picture", "![alt] (a.png) not a picture"),
        ("one ![a](x.png) two ![b](y.png) three", "one  two  three"),
    ],
)
def test_pictures_are_removed_from_markdown_as_before(text, expected):
    assert draft_text._without_md_images(text) == expected
    assert draft_text._without_md_images(text) == _old_pattern(text)


def _old_pattern(text):
    import re

    return re.sub(r'!\[(?:\\.|[^\]\\])*\]\((?:[^()"]|"[^"]*")*\)', "", text)


def test_a_fifo_or_a_device_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    script = (
        "import sys; from analysis.report.draft_text import read_draft\n"
        "try:\n    read_draft(sys.argv[1])\nexcept Exception as exc:\n    print(exc)\n"
    )
    for target in (fifo, tmp_path / "zero.txt"):
        if target.name == "zero.txt":
            target.symlink_to("/dev/zero")
        out = subprocess.run(
            [sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60, cwd=paths.ROOT
        )
        assert "not a regular file" in out.stdout, out.stdout + out.stderr
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(AnalysisError, match="is a folder"):
        read_draft(tmp_path / "folder.md")


def test_an_encrypted_word_file_is_a_plain_message(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)  # how Word stores a password-protected file
    with pytest.raises(AnalysisError, match="password-protected"):
        read_draft(path)
    flagged = write_package(tmp_path / "flagged.docx", _paragraphs(["11 attacks."]), method=zipfile.ZIP_STORED)
    data = bytearray(flagged.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general-purpose flag bit 0: encrypted
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    flagged.write_bytes(bytes(data))
    with pytest.raises(AnalysisError, match="encrypted"):
        read_draft(flagged)


def test_an_unsupported_compression_method_is_a_plain_message(tmp_path):
    path = write_package(tmp_path / "deflate64.docx", _paragraphs(["11 attacks."]), method=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # method 9: Deflate64
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 2] = (9).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(AnalysisError, match="compression method"):
        read_draft(path)


@pytest.mark.parametrize(
    "raw, words",
    [
        (codecs.BOM_UTF16_LE + "11 attacks in March.\n".encode("utf-16-le"), "is UTF-16 text"),
        (
            "11 attacks in March, and more text so the guess has enough to go on.\n".encode("utf-16-le"),
            "is UTF-16 text",
        ),
        (
            "Attacks near Raqqa: 11.\nCaf\u00e9 owner wounded.\n".encode("latin-1"),
            "line 2 cannot be read as UTF-8 (the file looks like Latin-1/Windows-1252)",
        ),
        (b"11 attacks\x00", "binary file"),
    ],
)
def test_text_in_another_encoding_is_named(tmp_path, raw, words):
    path = tmp_path / "draft.txt"
    path.write_bytes(raw)
    with pytest.raises(AnalysisError, match="What to do") as caught:
        read_draft(path)
    assert words in str(caught.value)


def test_check_draft_never_passes_a_draft_it_could_not_read(tmp_path):
    """Through the command line: a draft without readable text stops before any data is built (exit 2)."""
    path = write_package(tmp_path / "empty.docx", "<w:p/>", ns=STRICT, rel=STRICT_REL)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "check-draft",
            "--processed",
            str(tmp_path / "p"),
            "--",
            "2023-11",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert out.returncode == 2 and "holds no text" in out.stderr and "Checked" not in out.stdout
    assert not (tmp_path / "p").exists()
