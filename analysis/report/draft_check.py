"""Check a text (an edited draft, or a published report) against the data: every number classified.

Each number of the text is read (`text_reading`) and then compared with every statement the data hold of the
figure it names: the key points and the body text, the value as first published and the current one. It is
a *match* (with the statement it agrees with), a *MISMATCH* (a figure of a month the data hold, named for
certain, whose value differs from every statement of it), *not in the data* (information the data do not
hold, or a part of a figure whose tie is not certain) or *exempt* (a date, a span, an ordinal, one incident's
detail, a name), each with its reason. A change in percent is checked against the two months' values, a
difference against their gap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from ..months import long_month
from .data import Processed
from .lexicon import REGIONS
from .text_numbers import sentences
from .text_reading import read_text
from .text_words import Reading

MATCH, MISMATCH, ABSENT, EXEMPT = "match", "MISMATCH", "not in the data", "exempt"
_BOUND_ROOM = Fraction(1, 10)  # '~19', 'some 20': within a tenth


@dataclass(frozen=True)
class Statement:
    """One value the data hold for a figure, and who stated it."""

    value: int
    qualifier: str
    source: str
    label: str


@dataclass(frozen=True)
class Finding:
    reading: Reading
    status: str
    statement: Statement | None = None
    note: str = ""

    @property
    def number(self):
        return self.reading.number

    @property
    def sentence(self) -> str:
        return self.reading.sentence


def region_key(name: str) -> str:
    """A region's name reduced to the key the reader uses ('Deir-ez-Zor' and 'Deir ez-Zor region' alike)."""
    low = " ".join(name.lower().replace("_", " ").split())
    for suffix in (" region", " canton", " governorate", " province", " countryside"):
        low = low.removesuffix(suffix)
    low = low.removeprefix("the ")
    return REGIONS.get(low, low)


class FigureBook:
    """Every statement of every figure in the data, keyed as the reader names figures."""

    def __init__(
        self, statements: dict[tuple[str, str], list[Statement]] | None = None, months: set[str] | None = None
    ):
        """`statements`: (metric, month) -> what the data say; `months`: the months with a headline count."""
        self.book: dict[tuple[str, str], list[Statement]] = defaultdict(list, statements or {})
        self.months = set(months or ())
        self.camp_months = sorted({m for (k, m) in self.book if k.startswith("camp_")})

    @classmethod
    def from_data(cls, data: Processed) -> FigureBook:
        book = cls(months=set(data.monthly.loc[data.monthly["attacks"].notna(), "month"]))
        book._read(data)
        return book

    def _read(self, data: Processed) -> None:
        for r in data.sources.itertuples():
            if r.period_type != "month" or not str(r.value).isdigit():
                continue
            where = " (body text)" if r.stated_in == "body_text" else ""
            self.book[(r.metric, r.period)].append(
                Statement(
                    int(r.value), r.qualifier, r.report + where, f"{r.metric.replace('_', ' ')}, {long_month(r.period)}"
                )
            )
        for metric, month in list(self.book):
            if metric in ("military_killed", "civilian_killed") and ("deaths_total", month) not in self.book:
                self._sum("deaths_total", month, ("military_killed", "civilian_killed"), "killed in all")
            if metric in ("military_injured", "civilian_injured") and ("injured_total", month) not in self.book:
                self._sum("injured_total", month, ("military_injured", "civilian_injured"), "injured in all")
        for r in data.regions.itertuples():
            if pd.isna(r.value):
                continue
            label = f"{r.metric} in {r.region_as_written}, {long_month(r.month)}"
            for name in {region_key(r.region_as_written), region_key(r.region or ""), region_key(r.place_name or "")}:
                if name:
                    self.book[(f"region_{r.metric}:{name}", r.month)].append(
                        Statement(int(r.value), r.qualifier, r.report, label)
                    )
        self._repatriations(data.repatriations)
        for r in data.camp_population.itertuples():
            if not pd.isna(r.population):
                self.book[(f"camp_{r.group}:{r.camp}", r.month)].append(
                    Statement(int(r.population), r.qualifier, r.report, f"{r.camp} {r.group}, {r.as_of}")
                )
        for r in data.us_position_attacks.itertuples():
            if not pd.isna(r.attacks):
                self.book[("us_position_attacks", r.period_end[:7])].append(
                    Statement(
                        int(r.attacks),
                        r.qualifier if hasattr(r, "qualifier") else "",
                        r.report,
                        f"attacks on US positions, {r.period_start} to {r.period_end} ({r.area})",
                    )
                )
        self.camp_months = sorted({m for (k, m) in self.book if k.startswith("camp_")})

    def _sum(self, metric: str, month: str, parts: tuple[str, ...], what: str) -> None:
        values = [self.book.get((p, month), []) for p in parts]
        if all(values):
            self.book[(metric, month)].append(
                Statement(
                    sum(v[-1].value for v in values), "", "sum of the data", f"people {what}, {long_month(month)}"
                )
            )

    def _repatriations(self, reps: pd.DataFrame) -> None:
        totals: dict[str, int] = defaultdict(int)
        by_country: dict[tuple[str, str, str], int] = defaultdict(int)
        for r in reps.itertuples():
            country = r.country if ";" not in r.country else ""
            people = (
                r.people
                if not pd.isna(r.people)
                else (
                    None
                    if pd.isna(r.women) and pd.isna(r.children)
                    else (0 if pd.isna(r.women) else r.women) + (0 if pd.isna(r.children) else r.children)
                )
            )
            for field, value in (
                ("people", people),
                ("women", r.women),
                ("children", r.children),
                ("families", r.families),
            ):
                if value is None or pd.isna(value):
                    continue
                label = f"{r.country or 'unnamed country'} repatriation ({field}), {r.date}"
                for key in {country, ""}:
                    self.book[(f"repatriation_{field}:{key}", r.month)].append(
                        Statement(int(value), "", r.report, label)
                    )
                by_country[(field, country, r.month)] += int(value)
                if field == "people":
                    totals[r.month] += int(value)
        for (field, country, month), value in by_country.items():
            self.book[(f"repatriation_{field}:{country}", month)].append(
                Statement(value, "", "sum of the data", f"{country} repatriations ({field}), {long_month(month)}")
            )
        for month, value in totals.items():
            self.book[("repatriations_total", month)].append(
                Statement(value, "", "sum of the data", f"people repatriated, {long_month(month)}")
            )

    def statements(self, metric: str, month: str) -> list[Statement]:
        if metric.startswith("camp_"):  # 'at the last count': the latest count up to the month
            earlier = [m for m in self.camp_months if m <= month and (metric, m) in self.book]
            return self.book.get((metric, month), []) or (self.book[(metric, earlier[-1])] if earlier else [])
        return self.book.get((metric, month), [])


def _agrees(number, statement: Statement) -> bool:
    value = number.value
    if value is None:
        return False
    if number.qualifier in (">",):
        return statement.value > value or statement.value == value and statement.qualifier in (">", "≥", "")
    if number.qualifier in ("≥",):
        return statement.value >= value
    if number.qualifier in ("<",):
        return statement.value < value or statement.value == value
    if number.qualifier in ("≤",):
        return statement.value <= value
    if number.qualifier == "~" or statement.qualifier == "~":
        return abs(statement.value - value) <= max(1, value * _BOUND_ROOM)
    return value == statement.value


def classify(reading: Reading, book: FigureBook) -> Finding:
    if reading.kind == "exempt":
        return Finding(reading, EXEMPT, note=reading.reason)
    if reading.kind != "figure":
        return Finding(reading, ABSENT, note=reading.reason)
    if reading.measure in ("percent_change", "difference"):
        return _change(reading, book)
    statements = book.statements(reading.metric, reading.month)
    hit = next((s for s in statements if s.value == reading.number.value), None) or next(
        (s for s in statements if _agrees(reading.number, s)), None
    )
    if hit:
        return Finding(reading, MATCH, hit)
    if not statements:
        return Finding(
            reading, ABSENT, note=f"the data hold no {reading.metric.replace('_', ' ')} for {long_month(reading.month)}"
        )
    if reading.certain and reading.month in book.months:
        return Finding(reading, MISMATCH, statements[-1])
    return Finding(reading, ABSENT, statements[-1], note="a part of the figure or a figure it may not be")


def _change(reading: Reading, book: FigureBook) -> Finding:
    now, then = book.statements(reading.metric, reading.month), book.statements(reading.metric, reading.base_month)
    if not now or not then:
        return Finding(reading, ABSENT, note="the data lack one of the two months")
    value = reading.number.value
    pairs = [(a, b) for a in now for b in then]
    for a, b in pairs:
        if reading.measure == "difference" and value is not None and abs(a.value - b.value) == value:
            return Finding(reading, MATCH, a, note=f"{a.value} against {b.value} in {long_month(reading.base_month)}")
        if (
            reading.measure == "percent_change"
            and b.value
            and value is not None
            and abs(abs(Fraction(a.value - b.value, b.value) * 100) - value) < 1
        ):
            return Finding(reading, MATCH, a, note=f"{a.value} against {b.value} in {long_month(reading.base_month)}")
    a, b = now[-1], then[-1]
    shown = f"{a.value} against {b.value} in {long_month(reading.base_month)}"
    if any(s.qualifier for s in (a, b)) or not reading.certain or reading.month not in book.months:
        return Finding(reading, ABSENT, a, note=f"not an exact change: {shown}")
    return Finding(reading, MISMATCH, a, note=shown)


def check(paragraphs: list[str], data: Processed, month: str) -> list[Finding]:
    book = FigureBook.from_data(data)
    return [classify(r, book) for r in read_text(sentences(paragraphs), month)]


def coverage(findings: list[Finding]) -> str:
    counts = {status: sum(f.status == status for f in findings) for status in (MATCH, MISMATCH, ABSENT, EXEMPT)}
    return (
        f"{len(findings)} numbers: {counts[MATCH]} match, {counts[MISMATCH]} mismatch, "
        f"{counts[ABSENT]} not in the data, {counts[EXEMPT]} exempt"
    )


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def report(findings: list[Finding], draft: str, month: str) -> str:
    """The table printed for the editor, ending with the coverage line."""
    lines = [f"Numbers in {draft} against the data for {long_month(month)}:", ""]
    for f in findings:
        s = f.statement
        if f.status == MATCH:
            what = f"matches {s.label} = {s.value:,} ({s.source})" + (f"; {f.note}" if f.note else "")
        elif f.status == MISMATCH:
            what = f"MISMATCH: the data give {s.label} = {s.value:,} ({s.source})" + (f"; {f.note}" if f.note else "")
        elif f.status == ABSENT:
            what = (
                "not in the data"
                + (f" ({f.note})" if f.note else "")
                + (f"; the data give {s.label} = {s.value:,}" if s else "")
            )
        else:
            what = f"exempt: {f.note}"
        lines.append(f'  {_short(f.number.written, 14):>14}  {what}\n                  in: "{_short(f.sentence, 90)}"')
    lines += ["", coverage(findings) + "."]
    return "\n".join(lines)
