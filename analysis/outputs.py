"""Atomic, deterministic writes: a temp file in the same folder, then a rename.

An interrupted run therefore never leaves a half-written file, and the same frame always gives the
same bytes (fixed column order, '\n' line ends, UTF-8, no index, empty cells for missing values).
"""

from __future__ import annotations

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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical CSV encoding of a frame."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", na_rep="", float_format="%.6g")
    return buffer.getvalue().encode("utf-8")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a frame as canonical CSV, atomically."""
    return atomic_write_bytes(path, csv_bytes(frame))


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """Write a frame as Parquet (pyarrow), atomically."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return atomic_write_bytes(path, buffer.getvalue())
