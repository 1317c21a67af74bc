"""The month's draft as a Word document (python-docx), with the same bytes on every run.

python-docx writes the blocks of `draft.draft_blocks`; each figure is a picture whose title is its alt text
and whose description is its long description (what Word and LibreOffice show as alt text), with its caption
under it. Word files are zip archives that record when each member was written, and python-docx stamps the
document's creation time: both are fixed here, so the same data give the same file.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
from docx.shared import Inches

from .draft import Block

FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # inside the document
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # of every archive member (the earliest a zip can hold)
PICTURE_WIDTH = Inches(6.0)


def _document(blocks: list[Block], title: str):
    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "analysis package", "analysis package"
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision, properties.comments = 1, ""
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "figure":
            picture = document.add_paragraph().add_run().add_picture(str(block.image), width=PICTURE_WIDTH)
            picture._inline.docPr.set("title", block.alt)  # python-docx has no public setter for alt text
            picture._inline.docPr.set("descr", block.description)
            document.add_paragraph(f"{block.text}: {block.alt}.", style="Caption")
        elif block.kind == "note":
            document.add_paragraph().add_run(block.text).italic = True
        else:
            document.add_paragraph(block.text)
    return document


def docx_bytes(blocks: list[Block], title: str) -> bytes:
    """The draft as .docx bytes: archive members in python-docx's order, each stamped with ZIP_TIME."""
    written = io.BytesIO()
    _document(blocks, title).save(written)
    fixed = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return fixed.getvalue()
