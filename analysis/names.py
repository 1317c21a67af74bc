"""Place-name normalisation, shared by the gazetteer (which resolves names) and the charts (which label them)."""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = {"al", "el", "ar", "ad", "ash", "as", "at", "az", "an", "ez", "es", "ed", "ul"}
_SUFFIXES = {"region", "canton", "governorate", "province", "countryside", "district", "subdistrict"}
_ARABIC_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": ""})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


def normalise(name: str) -> str:
    """A comparison key: 'Deir-ez-Zor' and 'Deir ez Zor' -> 'deir zor'; 'الحسكة' -> 'حسكه'."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_MAP).lower()
    text = re.sub(r"[ʿʾ'’`]", "", text)
    text = re.sub(r"[-_/.,()]+", " ", text)
    words = text.split()
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)
