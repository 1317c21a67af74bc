"""An edited draft as plain text, and the numbers in it with their sentences.

Drafts come as .docx (Word, LibreOffice), .md, .html or .txt. Each is reduced to paragraphs of text with the
standard library (a .docx is a zip of XML; HTML goes through html.parser), so reading a draft needs no
converter. Numbers are found as digits (with thousands separators), percentages, and numbers written as
words ("eleven", "twenty-four"); dates ("14 November 2023", "November 14", "2023-11-14") are recognised so
that their day and year are not taken for counts.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from ..errors import AnalysisError

SUFFIXES = (".docx", ".md", ".html", ".htm", ".txt")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_draft(path: Path) -> list[str]:
    """The draft's paragraphs as plain text."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise AnalysisError(f"{path}: a draft must be one of {', '.join(SUFFIXES)} (this is '{suffix}').")
    try:
        if suffix == ".docx":
            return _docx_paragraphs(path)
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise AnalysisError(f"{path}: cannot be read as a {suffix} draft ({exc}).\n"
                            "  What to do: save it again from your editor (Word: .docx; or as plain text).") from None
    if suffix in (".html", ".htm"):
        return _html_paragraphs(text)
    if suffix == ".md":  # a picture is not prose (its finding is in the caption under it); escapes are not text
        text = _MD_ESCAPE.sub(r"\1", _MD_IMAGE.sub("", text))
    lines = (line.strip().lstrip("-*#> ").strip() for line in text.splitlines())
    return [line.strip("*_").strip() if suffix == ".md" else line for line in lines if line]


# ![alt](address "title"), the alt with Markdown escapes, the title quoted (it may hold brackets)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>&|])")
_MD_IMAGE = re.compile(r'!\[(?:\\.|[^\]\\])*\]\((?:[^()"]|"[^"]*")*\)')


def _docx_paragraphs(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
    return [p.strip() for p in paragraphs if p.strip()]


class _Text(HTMLParser):
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "figcaption", "br", "div", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [""], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("")

    def handle_data(self, data):
        if not self.skip:
            self.parts[-1] += data


def _html_paragraphs(text: str) -> list[str]:
    parser = _Text()
    parser.feed(text)
    return [" ".join(p.split()) for p in parser.parts if p.strip()]


def sentences(paragraphs: list[str]) -> list[str]:
    """Paragraphs split into sentences (a full stop, ! or ? followed by a space and a capital or digit)."""
    out = []
    for paragraph in paragraphs:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'])", paragraph) if s.strip()]
    return out


_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
WORD_NUMBERS = {w: i for i, w in enumerate(_UNITS)} | _TENS | {
    f"{t}-{u}": v + i for t, v in _TENS.items() for i, u in enumerate(_UNITS[1:10], 1)} | {"a hundred": 100}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(rf"\b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?\b|"
                   rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b{_MONTH}\s+\d{{4}}\b|\b(?:19|20)\d{{2}}\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(\s?%| percent\b)?(?![\w,]\d)")
_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, WORD_NUMBERS), key=len, reverse=True)) + r")\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """One number of a sentence: its value, as written, where it stands, and whether it is a percentage."""

    value: int
    written: str
    start: int
    end: int
    percent: bool = False


# web addresses and file names: their digits are not counts
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+\.(?:png|svg|pdf|docx|csv|md|html)\b")


def numbers(sentence: str) -> list[Number]:
    """The counts and percentages in a sentence, in order (dates, years and addresses left out)."""
    dates = [m.span() for pattern in (_DATE, _ADDRESS) for m in pattern.finditer(sentence)]

    def in_date(start: int) -> bool:
        return any(a <= start < b for a, b in dates)

    found = []
    for m in _NUMBER.finditer(sentence):
        if not in_date(m.start()):
            found.append(Number(int(m.group(1).replace(",", "")), m.group(0), m.start(), m.end(), bool(m.group(2))))
    for m in _WORD.finditer(sentence):
        word = m.group(1).lower()
        if in_date(m.start()):  # 'one' in an address
            continue
        if word == "one" and (re.match(r"\s+(of|another|day)\b", sentence[m.end():])
                              or re.search(r"\b(the|this|that|no|old|new|latest|other)\s+$", sentence[:m.start()],
                                           re.IGNORECASE)):
            continue  # 'one of the officials', 'one another', 'the one to gain', 'an old one': not a count
        found.append(Number(WORD_NUMBERS[word], m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda n: n.start)
