"""What kind of text a file's bytes are, for the readers of data tables and of drafts alike."""

from __future__ import annotations


def looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a NUL byte beside nearly every character."""
    sample = raw[:4096]
    if len(sample) < 8:
        return False
    half = len(sample) // 2
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    return zeros[1] > 0.8 * half and zeros[0] < 0.05 * half
