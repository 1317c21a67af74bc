"""The numbers of a sentence of report text: each with its value, its bound and, when it is no count, why.

A report's prose is full of numbers that are not counts: dates ("on the 3rd and 4th", "October 2nd, 4th,
12th", "On January 6 and 7"), years, spans of time ("two weeks later"), ordinals, names ("Resolution 2254"),
addresses. They are found here and kept with their reason, so that a reader can say what every number of a
text is, and none of them is ever counted. The scan is one pass of one pattern over the sentence (linear in
its length), and a value is a `Fraction` so that "11.5" or "−11" can never equal a count of 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SMALL_WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBREVIATED = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
# Words after a number that make it a span of time, not a count ("two weeks later", "for 6 days").
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
# Words before a number that make it part of a name ("Resolution 2254", "Law No. 7").
_NAMING = re.compile(
    r"(?:resolution|resolutions|article|law|decree|no\.|number|brigade|division|regiment|route|"
    r"highway|road|covid|phase|chapter|section|page|unit|sector|camp\s+no\.?)\s*$",
    re.IGNORECASE,
)
# Bounds written before a number, and the qualifier each gives (the codebook's).
BOUND_WORDS = (
    ("more than", ">"),
    ("over", ">"),
    ("upwards of", ">"),
    ("in excess of", ">"),
    ("at least", "≥"),
    ("no fewer than", "≥"),
    ("no less than", "≥"),
    ("a minimum of", "≥"),
    ("fewer than", "<"),
    ("less than", "<"),
    ("under", "<"),
    ("up to", "≤"),
    ("at most", "≤"),
    ("nearly", "~"),
    ("almost", "~"),
    ("around", "~"),
    ("about", "~"),
    ("approximately", "~"),
    ("roughly", "~"),
    ("some", "~"),
    ("an estimated", "~"),
    ("estimated", "~"),
    ("close to", "~"),
)
_BOUND = re.compile(r"(?:^|\W)(" + "|".join(re.escape(w) for w, _ in BOUND_WORDS) + r")\s*$", re.IGNORECASE)
_QUALIFIER = dict(BOUND_WORDS)

_WORDS = "|".join(sorted(list(SMALL_WORDS) + list(_SCALES), key=len, reverse=True))
# One pattern, tried once at each position: an address, an ISO date, a day-and-month date, a month-and-day
# date, a number in digits, or a run of number words.
_TOKEN = re.compile(
    r"(?P<address>\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:png|svg|pdf|docx|csv|md|html)\b)"
    r"|(?P<dayslist>\b\d{1,2}(?:\s*,\s*\d{1,2})+(?:\s*,?\s*and\s+\d{1,2})?\s+of\s+the\s+month\b)"
    r"|(?P<iso>\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)"
    rf"|(?P<daymonth>\b\d{{1,2}}(?:st|nd|rd|th)?(?:(?:\s*(?:,|and|&|-|–|to)\s*)\d{{1,2}}(?:st|nd|rd|th)?)*"
    rf"\s+(?:{_MONTH}|{_ABBREVIATED})(?!\w)|\b\d{{1,2}}(?:st|nd|rd|th)\s+of\s+(?:{_MONTH}|{_ABBREVIATED})(?!\w))"
    rf"|(?P<monthday>\b(?:{_MONTH}|{_ABBREVIATED})\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
    r"(?:(?:\s*(?:,|and|&|-|–|to)\s*(?:the\s+)?)\d{1,2}(?:st|nd|rd|th)?(?![\d,]\d))*(?:,?\s+\d{4})?)"
    r"|(?P<digits>(?<![\w.,])(?<![A-Za-z]-)[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]\d)"
    r"(?P<suffix>st|nd|rd|th|x)?(?!\w)(?P<percent>\s?%|\s+per\s?cent\b)?"
    r"(?P<scale>\s+(?:hundred|thousand|million)\b)?)"
    rf"|(?P<words>\b(?:a\s+)?(?:{_WORDS})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDS}))*\b(?P<wpercent>\s?%|\s+per\s?cent\b)?)",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"[\s-]+(?:thirds?|quarters?|fifths?|tenths?|halves)\b", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"(?:\bthe|\bon|\bof)\s+$", re.IGNORECASE)
_TIME_AFTER = re.compile(rf"[\s-]*(?:more\s+|additional\s+|further\s+|consecutive\s+)?{_TIME_UNITS}\b", re.IGNORECASE)
_YEAR_OF = re.compile(
    rf"(?:{_MONTH}|{_ABBREVIATED}|\bin|\bof|\bsince|\bsummer|\bwinter|\bspring|\bautumn|\bearly|"
    r"\blate|\bmid|\buntil|\bby|\bbefore|\bafter|\bthe|\bfrom|\bto|\band|\bduring|\byear)[\s-]*$",
    re.IGNORECASE,
)
MAX_DIGITS = 15  # the codebook's largest count (10^15); a longer run of digits is no count


@dataclass(frozen=True)
class Number:
    """One number of a sentence: its value (a Fraction: 11.5 is not 11), as written, where it stands, whether
    it is a percentage, its bound ('>', '≥', '~' …, '' when exact) and, when it is no count, why (`exempt`)."""

    value: Fraction | None
    written: str
    start: int
    end: int
    percent: bool = False
    qualifier: str = ""
    exempt: str = ""

    @property
    def whole(self) -> int | None:
        """The value as a whole number, or None when it is none (a decimal, a negative, too long)."""
        if self.value is None or self.value.denominator != 1 or self.value < 0:
            return None
        return int(self.value)


def _word_value(text: str) -> int | None:
    """'twenty-four' -> 24, 'eleven hundred' -> 1100, 'two hundred and fifty' -> 250, 'a hundred' -> 100."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("a", "and", ""):
            current = current or (1 if word == "a" else current)
            continue
        if word in SMALL_WORDS:
            current += SMALL_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[word]
            current = 0
    return total + current


def _digits_value(text: str) -> Fraction | None:
    text = text.replace(",", "").replace("−", "-")
    if len(text.lstrip("-").split(".")[0]) > MAX_DIGITS or len(text) > 2 * MAX_DIGITS:
        return None
    return Fraction(text)


def numbers(sentence: str) -> list[Number]:
    """Every number of `sentence` in order: counts and percentages with their bounds, and dates, years,
    ordinals, spans of time, names and addresses marked exempt with the reason."""
    found: list[Number] = []
    for m in _TOKEN.finditer(sentence):
        kind = next(k for k in ("address", "dayslist", "iso", "daymonth", "monthday", "digits", "words") if m.group(k))
        start, end, written = m.start(), m.end(), m.group(0)
        before, after = sentence[max(0, start - 40) : start], sentence[end : end + 40]
        if kind == "address":
            found.append(Number(None, written, start, end, exempt="address"))
            continue
        if kind in ("iso", "daymonth", "monthday", "dayslist"):
            found.append(Number(None, written, start, end, exempt="date"))
            continue
        bound = _BOUND.search(before)
        qualifier = _QUALIFIER[bound.group(1).lower()] if bound else ""
        if kind == "words":
            text = m.group("words")
            percent = bool(m.group("wpercent"))
            bare = re.sub(r"\s?%|\s+per\s?cent", "", text, flags=re.IGNORECASE).strip()
            lowered = bare.lower()
            if lowered in ("a", "hundred", "thousand", "million") or not re.search(
                "|".join(SMALL_WORDS) + "|hundred|thousand|million", lowered
            ):
                continue
            if lowered.startswith("a ") and not re.search(r"hundred|thousand|million", lowered):
                continue
            if lowered == "one" and (
                re.match(r"\s+(?:of|another|day|side|way|after)\b", after, re.IGNORECASE)
                or re.search(
                    r"\b(?:the|this|that|no|old|new|latest|other|every|each|any|"
                    r"which|last)\s+$",
                    before,
                    re.IGNORECASE,
                )
            ):
                continue  # 'one of the officials', 'the one to gain', 'an old one': not a count
            value = Fraction(_word_value(bare))
            exempt = "time span" if _TIME_AFTER.match(after) else "a fraction" if _FRACTION.match(after) else ""
            found.append(
                Number(value, written.strip(), start, start + len(written.rstrip()), percent, qualifier, exempt)
            )
            continue
        digits = re.match(r"[−-]?[\d,]+(?:\.\d+)?", written).group(0)
        if digits[0] in "-−" and start > 0 and sentence[start - 1].isalpha():
            found.append(Number(None, written, start, m.end(), exempt="name"))  # 'COVID-19', 'M-4'
            continue
        if digits[0] in "-−" and start > 0 and not sentence[start - 1].isspace() and sentence[start - 1] not in "(":
            digits, start = digits[1:], start + 1  # '2023-11' never comes here; 'pages 3-4' keeps 4 positive
        value = _digits_value(digits)
        percent = bool(m.group("percent"))
        if m.group("scale"):
            value = None if value is None else value * _SCALES[m.group("scale").strip().lower()]
        exempt = ""
        plain = digits.lstrip("-−")
        if value is None:
            exempt = "too many digits to be a count"
        elif m.group("suffix") and m.group("suffix").lower() == "x":
            exempt = "a ratio"
        elif m.group("suffix"):
            followed = re.match(r"\s+(?!of\b|and\b|to\b)[a-z]", after, re.IGNORECASE)  # 'the 12th attack'
            exempt = (
                "date"
                if not followed and (_ORDINAL_DAY.search(before) or re.match(r"\s*(?:,|and|&)\s*(?:the\s+)?\d", after))
                else "ordinal"
            )
            if re.search(r"(?:,|and|&)\s*(?:the\s+)?$", before) and found and found[-1].exempt == "date":
                exempt = "date"  # 'on the 3rd and 4th'
        elif (
            re.fullmatch(r"\d{4}", plain)
            and 1900 <= int(plain) <= 2099
            and not percent
            and (
                _YEAR_OF.search(before)
                or not re.match(
                    r"\s+(?:[a-z-]+\s+){0,2}(?:attacks?|raids?|arrests?|people|"
                    r"civilians|members|women|children|families|residents)\b",
                    after,
                    re.IGNORECASE,
                )
            )
        ):
            exempt = "year"
        elif _NAMING.search(before) and not percent:
            exempt = "name"
        elif not percent and _TIME_AFTER.match(after):
            exempt = "time span"
        elif not percent and _FRACTION.match(after):
            exempt = "a fraction"  # 'rose by one third', '2 thirds of them'
        elif (
            found
            and found[-1].exempt == "date"
            and re.fullmatch(r"\s*(?:,|and|&|-|–|to)\s*(?:the\s+)?", sentence[found[-1].end : start])
            and value <= 31
            and not re.match(r"\s+[a-z]", after)
        ):
            exempt = "date"  # 'on May 2nd and 9'
        end = m.end("scale") if m.group("scale") else m.end("percent") if percent else m.end("digits")
        found.append(Number(value, sentence[start:end], start, end, percent, qualifier, exempt))
    return found


def sentences(paragraphs: list[str]) -> list[str]:
    """Paragraphs split into sentences (a full stop, ! or ? followed by a space and a capital, a digit or a
    quote mark; 'U.S.' and 'No.' do not end one)."""
    out = []
    for paragraph in paragraphs:
        parts = re.split(r"(?<!\bU\.S)(?<!\bNo)(?<!\bSt)(?<=[.!?])\s+(?=[A-Z0-9“\"'‘])", paragraph)
        out += [s.strip() for s in parts if s.strip()]
    return out
