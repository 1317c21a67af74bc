"""Atomic, deterministic writes (a temp file in the same folder, then a rename), and content digests.

An interrupted run therefore never leaves a half-written file, and the same frame always gives the
same bytes (fixed column order, '\n' line ends, UTF-8, no index, empty cells for missing values).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only frames' own methods are called: the report runner need not import pandas
    import pandas as pd


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (readers see the old file or the new one, never a mix).

    A file that already holds exactly these bytes is left alone, so its timestamp only moves when its
    content changes: make then reruns only what really depends on a change.
    """
    path = Path(path)
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """UTF-8 text with '\n' line ends."""
    return atomic_write_bytes(path, text.encode("utf-8"))


CSV_OPTIONS = {"index": False, "lineterminator": "\n", "na_rep": "", "float_format": "%.6g"}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical CSV encoding of a frame."""
    buffer = io.StringIO()
    frame.to_csv(buffer, **CSV_OPTIONS)
    return buffer.getvalue().encode("utf-8")


class ChunkedCsv:
    """A canonical CSV written a frame at a time into a temp file beside `path`, for tables too big to hold.

    Nothing is visible at `path` until `commit()`, which renames the temp file into place (or leaves the old
    file alone when the bytes are the same, like `atomic_write_bytes`); `discard()` removes it. The bytes
    equal those of `write_csv` on the whole table.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.header = True

    def write(self, frame: pd.DataFrame) -> None:
        frame.to_csv(self.handle, header=self.header, **CSV_OPTIONS)
        self.header = False

    def commit(self) -> Path:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.tmp, 0o644)
        if self.path.is_file() and _same_bytes(self.path, Path(self.tmp)):
            os.unlink(self.tmp)
        else:
            os.replace(self.tmp, self.path)
        return self.path

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            block_a, block_b = fa.read(1 << 20), fb.read(1 << 20)
            if block_a != block_b:
                return False
            if not block_a:
                return True


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe; numbers (-3) stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype != object and str(out[column].dtype) not in ("str", "string"):
            continue
        out[column] = [
            f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) and not _is_number(v) else v
            for v in out[column]
        ]
    return out


def write_csv(frame: pd.DataFrame, path: Path, for_people: bool = False) -> Path:
    """Write a frame as canonical CSV, atomically; `for_people`: formulas neutralised (`neutralise`)."""
    return atomic_write_bytes(path, csv_bytes(neutralise(frame) if for_people else frame))


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """Write a frame as Parquet (pyarrow), atomically."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return atomic_write_bytes(path, buffer.getvalue())


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def unchanged(files: dict[Path, str]) -> bool:
    """Every one of these files (there is at least one) still has its recorded sha256."""
    return bool(files) and all(path.is_file() and sha256_of(path) == digest for path, digest in files.items())


def digest_of(entries: dict[str, str]) -> str:
    """One sha256 over named digests or values (sorted by name), e.g. {'data/raw/x.csv': '<sha256>'}."""
    digest = hashlib.sha256()
    for name in sorted(entries):
        digest.update(f"{name}\0{entries[name]}\0".encode())
    return digest.hexdigest()
