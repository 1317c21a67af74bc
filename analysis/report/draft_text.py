"""An edited draft as plain text: the paragraphs of a .docx, .md, .html or .txt file.

Each format is reduced to paragraphs with the standard library (a .docx is a zip of XML; HTML goes through
html.parser), so reading a draft needs no converter; what the numbers in them are is `text_numbers` and
`text_reading`'s job.
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
import stat
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from ..encodings import looks_like_utf16
from ..errors import AnalysisError

SUFFIXES = (".docx", ".md", ".html", ".htm", ".txt")
MAX_FILE_BYTES = 100 * 2**20  # a .docx with its pictures, or a text draft: far above any monthly report
MAX_PART_BYTES = 50 * 2**20  # one XML part of a .docx once inflated (a report's document.xml is under 1 MB)
MAX_TEXT_CHARS = 5_000_000  # the text of a whole draft (a monthly report holds some 30,000 characters)
_SAVE_AGAIN = "What to do: save it again from your editor (Word: .docx; or as plain text, UTF-8)."


def _error(path: Path, problem: str, hint: str = _SAVE_AGAIN) -> AnalysisError:
    return AnalysisError(f"{path}: {problem}.\n  {hint}")


def read_draft(path: Path) -> list[str]:
    """The draft's paragraphs as plain text; an AnalysisError when it cannot be read or holds no text.

    Only a regular file is read (a FIFO or a device such as /dev/zero is refused before it is opened for
    reading), and every read is bounded: the file's size, each part of a .docx before and while it is
    inflated, and the text as a whole."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise AnalysisError(f"{path}: a draft must be one of {', '.join(SUFFIXES)} (this is '{suffix}').")
    with _open_regular(path) as handle:
        if suffix == ".docx":
            paragraphs = _docx_paragraphs(path, handle)
        else:
            paragraphs = _text_paragraphs(path, suffix, _decode(path, _read_bounded(path, handle)))
    if not paragraphs:
        raise _error(
            path,
            f"holds no text that could be read as a {suffix} draft, so no number in it could be checked",
            "What to do: check that this is the edited draft (not an empty or template file), "
            "and save it again from your editor.",
        )
    return paragraphs


def _open_regular(path: Path):
    """The file opened for reading, once it is known to be a regular file (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _error(
            path,
            "cannot be read: there is no such file",
            "What to do: give the draft's path as DRAFT=path (relative to the project folder, or absolute).",
        ) from None
    except OSError as exc:
        raise _error(path, f"cannot be opened ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, a device or a socket)"
        raise _error(path, f"is {what}, not a saved draft", "What to do: give the path of the draft file itself.")
    if info.st_size > MAX_FILE_BYTES:
        os.close(fd)
        raise _error(
            path,
            f"is {info.st_size / 2**20:,.0f} MB, more than any draft ({MAX_FILE_BYTES // 2**20} MB at most)",
            "What to do: check that this is the draft; save it without embedded media.",
        )
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_bounded(path: Path, handle) -> bytes:
    try:
        data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _error(
            path,
            f"is more than {MAX_FILE_BYTES // 2**20} MB, more than any draft",
            "What to do: check that this is the draft.",
        )
    return data


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (with or without a byte-order mark); any other encoding is named, never read as mojibake."""
    fix = (
        "What to do: save it again as UTF-8 (in Notepad: Save as, Encoding UTF-8; in most editors: Save with "
        "encoding, UTF-8), then rerun."
    )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_like_utf16(raw):
        raise _error(path, "is UTF-16 text (Windows' 'Unicode' encoding), not UTF-8", fix)
    if raw.startswith(b"PK\x03\x04"):
        raise _error(
            path,
            "is a zip archive (a .docx named as text?)",
            "What to do: rename it to .docx if it is a Word file, or save it again as plain text, UTF-8.",
        )
    if b"\x00" in raw:
        raise _error(path, "is a binary file, not text (it holds NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(
            path,
            f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line} cannot be read as "
            "UTF-8 (the file looks like Latin-1/Windows-1252)",
            fix,
        ) from None


def _text_paragraphs(path: Path, suffix: str, text: str) -> list[str]:
    if len(text) > MAX_TEXT_CHARS:
        raise _error(
            path,
            f"holds {len(text):,} characters, more than any draft ({MAX_TEXT_CHARS:,} at most)",
            "What to do: check that this is the draft.",
        )
    if suffix in (".html", ".htm"):
        return _html_paragraphs(text)
    if suffix == ".md":  # a picture is not prose (its finding is in the caption under it); escapes are not text
        text = _MD_ESCAPE.sub(r"\1", _without_md_images(text))
    lines = (line.strip().lstrip("-*#> ").strip() for line in text.splitlines())
    return [line.strip("*_").strip() if suffix == ".md" else line for line in lines if line]


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>&|])")


def _without_md_images(text: str) -> str:
    """The text without its pictures, ![alt](address "title"): the alt may hold Markdown escapes and brackets
    other than ']', the title is quoted (it may hold brackets). One pass over the text: a picture that does not
    close is left as text, and the scan goes on after the point where it failed (every later opening inside
    it would fail at the same point), so 100,000 unclosed '![' cost one pass, not 100,000."""
    out, keep, i, n = [], 0, 0, len(text)
    while (start := text.find("![", i)) >= 0:
        k = start + 2
        while k < n and text[k] != "]":  # the alt
            if text[k] == "\\":
                if k + 1 >= n or text[k + 1] == "\n":
                    break
                k += 1
            k += 1
        if k >= n or text[k] != "]":
            i = k + 1
            continue
        if k + 1 >= n or text[k + 1] != "(":
            i = k + 1
            continue
        m = k + 2
        while m < n and text[m] not in "()":  # the address and title
            if text[m] == '"':
                close = text.find('"', m + 1)
                if close < 0:
                    m = n  # an unclosed quote: no picture closes after it
                    break
                m = close
            m += 1
        if m < n and text[m] == ")":
            out.append(text[keep:start])
            keep = i = m + 1
        else:
            i = k + 1
    out.append(text[keep:])
    return "".join(out)


# WordprocessingML: Transitional (what Word writes by default) and Strict Open XML
_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# the parts an editor can write text in, beside the body: their relationship types' last word
_PART_TYPES = ("footnotes", "endnotes", "comments", "header", "footer")
_PART_NAMES = re.compile(r"word/(?:document\d*|footnotes|endnotes|comments|header\d*|footer\d*)\.xml")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted .docx, or an old .doc


def _docx_paragraphs(path: Path, handle) -> list[str]:
    """The text of every part an editor writes in: the body (tables and text boxes too), footnotes,
    endnotes, comments, headers and footers, each part's paragraphs in order."""
    head = handle.read(8)
    handle.seek(0)
    if head == _OLE:
        raise _error(
            path,
            "is password-protected (Word encrypts such a file) or an old Word 97-2003 .doc with a .docx name",
            "What to do: open it in Word, remove the password (File > Info > Protect "
            "Document) and save it as .docx (Word Document), then rerun.",
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            members = {info.filename: info for info in archive.infolist()}
            paragraphs, total = [], 0
            for name in _docx_parts(path, archive, members):
                for paragraph in _part_paragraphs(path, archive, members[name]):
                    total += len(paragraph)
                    if total > MAX_TEXT_CHARS:
                        raise _error(
                            path,
                            f"holds more than {MAX_TEXT_CHARS:,} characters of text, more than any draft",
                            "What to do: check that this is the draft.",
                        )
                    paragraphs.append(paragraph)
            return paragraphs
    except zipfile.BadZipFile as exc:
        raise _error(path, f"cannot be read as a .docx draft (it is not a whole Word file: {exc})") from None


def _docx_parts(path: Path, archive: zipfile.ZipFile, members: dict) -> list[str]:
    """The main document part (named by the package's relationships) and the parts it relates to, then any
    other part with a standard name: each once, in that order."""
    main = next(
        (
            target
            for kind, target in _relations(path, archive, members, "_rels/.rels", "")
            if kind == "officeDocument" and target in members
        ),
        None,
    )
    if main is None:
        main = "word/document.xml" if "word/document.xml" in members else None
    if main is None:
        raise _error(path, "cannot be read as a .docx draft (it holds no Word document part)")
    folder, _, name = main.rpartition("/")
    related = _relations(
        path, archive, members, f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels", folder
    )
    parts = [main] + [target for kind, target in related if kind in _PART_TYPES and target in members]
    parts += sorted(name for name in members if _PART_NAMES.fullmatch(name))
    return list(dict.fromkeys(parts))


def _relations(path: Path, archive, members: dict, rels: str, folder: str) -> list[tuple[str, str]]:
    """(type's last word, target part name) of each relationship in the part `rels` (none when it is absent)."""
    if rels not in members:
        return []
    root = ElementTree.fromstring(b"".join(_inflate(path, archive, members[rels])))
    found = []
    for rel in root.iter(_RELS):
        target, kind = rel.get("Target", ""), rel.get("Type", "").rstrip("/").rpartition("/")[2]
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append((kind, name))
    return found


def _inflate(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The part's bytes in chunks, its declared size checked before any is inflated and its real size while."""
    if info.flag_bits & 0x1:
        raise _error(
            path,
            "is encrypted (a password-protected archive)",
            "What to do: save it again from Word without a password, as .docx.",
        )
    if info.file_size > MAX_PART_BYTES:
        raise _error(
            path,
            f"has a part ({info.filename}) of {info.file_size / 2**20:,.0f} MB once unpacked, more "
            f"than any draft holds ({MAX_PART_BYTES // 2**20} MB at most)",
            "What to do: check that this is the draft; save it again from Word.",
        )
    try:
        member = archive.open(info)
    except NotImplementedError:
        raise _error(
            path,
            f"is packed with a compression method Word does not use (method {info.compress_type}) "
            "that cannot be read here",
            "What to do: open it in Word or LibreOffice and save it again as .docx.",
        ) from None
    except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
        raise _error(
            path, f"cannot be read ({exc})", "What to do: save it again from Word without a password, as .docx."
        ) from None
    read = 0
    with member:
        while chunk := member.read(2**20):
            read += len(chunk)
            if read > MAX_PART_BYTES:
                raise _error(
                    path,
                    f"has a part ({info.filename}) of more than {MAX_PART_BYTES // 2**20} MB once "
                    "unpacked, more than any draft holds",
                    "What to do: check that this is the draft.",
                )
            yield chunk


def _part_paragraphs(path: Path, archive, info: zipfile.ZipInfo) -> list[str]:
    """A part's paragraphs, read as a stream of tags: each paragraph's own text (runs of a paragraph nested
    in it, as in a text box, are that paragraph's), so any nesting costs one pass."""
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    open_paragraphs: list[list[str]] = []
    done = []

    def drain() -> None:
        for event, element in parser.read_events():
            namespace, _, tag = element.tag[1:].partition("}")
            if namespace not in _W_NAMESPACES:
                continue
            if event == "start":
                if tag == "p":
                    open_paragraphs.append([])
                continue
            if tag == "t" and open_paragraphs:
                open_paragraphs[-1].append(element.text or "")
            elif tag in ("tab", "br", "cr") and open_paragraphs:
                open_paragraphs[-1].append(" ")
            elif tag == "noBreakHyphen" and open_paragraphs:
                open_paragraphs[-1].append("-")
            elif tag == "p" and open_paragraphs:
                text = "".join(open_paragraphs.pop()).strip()
                if text:
                    done.append(text)
            element.clear()

    try:
        for chunk in _inflate(path, archive, info):
            parser.feed(chunk)
            drain()
        parser.close()
        drain()
    except ElementTree.ParseError as exc:
        raise _error(
            path, f"cannot be read as a .docx draft (its part {info.filename} is not well-formed XML: {exc})"
        ) from None
    except zipfile.BadZipFile as exc:
        raise _error(path, f"cannot be read as a .docx draft (it is not a whole Word file: {exc})") from None
    return done


class _Text(HTMLParser):
    BLOCKS = {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "figcaption",
        "br",
        "div",
        "tr",
        "blockquote",
        "dt",
        "dd",
        "caption",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "pre",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [[]], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append([])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append([])

    def handle_data(self, data):
        if not self.skip:
            self.parts[-1].append(data)

    def close(self):
        """Read to the end: text held back for a possible character reference (a last '&amp' without ';')
        comes out; an unclosed comment or tag at the end is markup, not text, as a browser shows it."""
        if self.rawdata.startswith("<"):
            self.rawdata = ""
        super().close()


def _html_paragraphs(text: str) -> list[str]:
    parser = _Text()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join("".join(p).split()) for p in parser.parts)
    return [p for p in paragraphs if p]
