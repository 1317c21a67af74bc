"""Scoring the reader of report text against labels: our labelled corpus (tests/data/report_text_corpus.csv,
our own sentences) and the labels of real report pages (bench/real_report_labels.csv: labels only, the pages'
text is read from a folder outside the repository).

Each label names one number of a text (the token as written and which occurrence of it) and what it is:
`figure` (metric, month, kind), `exempt` (reason) or `other`. The reader's reading of that number is compared
with it; a FigureBook made of the labelled figures themselves shows whether the checker would call any of
them a MISMATCH (each would be false: the labels are what the text says).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from analysis.report.draft_check import MISMATCH, FigureBook, Statement, classify, region_key
from analysis.report.text_numbers import sentences
from analysis.report.text_reading import Reading, read_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "report_text_corpus.csv"
REAL_LABELS = ROOT / "bench" / "real_report_labels.csv"
CLASSES = ("figure", "exempt", "other")


def load(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def locate(text: str, token: str, occurrence: int) -> int:
    """Where the n-th standalone occurrence of `token` starts in `text` (-1 when it is not there)."""
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(token) + r"(?![A-Za-z0-9])")
    found = list(pattern.finditer(text))
    return found[occurrence - 1].start() if len(found) >= occurrence else -1


def metric_key(metric: str) -> str:
    if metric.startswith(("region_attacks:", "region_raids:")):
        kind, name = metric.split(":", 1)
        return f"{kind}:{region_key(name)}"
    return metric


@dataclass
class Scored:
    label: dict[str, str]
    reading: Reading | None
    mismatch: bool

    @property
    def got(self) -> str:
        return self.reading.kind if self.reading else "missed"

    @property
    def tied(self) -> bool:
        """A labelled figure read as that figure: its metric, month and kind."""
        r, lab = self.reading, self.label
        return bool(
            r
            and r.kind == "figure"
            and metric_key(r.metric) == metric_key(lab["metric"])
            and r.month == lab["month"]
            and r.measure == (lab["kind"] or "count")
            and (not lab.get("base_month") or r.base_month == lab["base_month"])
        )


def _book(labels: list[dict[str, str]]) -> FigureBook:
    statements = defaultdict(list)
    for lab in labels:
        if lab["class"] == "figure" and (lab["kind"] or "count") == "count":
            value = re.sub(r"^[>≥<≤~]", "", lab["value"]).replace(",", "")
            if value.isdigit():
                statements[(metric_key(lab["metric"]), lab["month"])].append(
                    Statement(int(value), "", "label", lab["metric"])
                )
    return FigureBook(dict(statements), months={m for (_, m) in statements})


def score_text(paragraphs: list[str], month: str, labels: list[dict[str, str]]) -> list[Scored]:
    """Read a text and score each of its labels."""
    parts = sentences(paragraphs)
    readings = read_text(parts, month)
    full = "\n".join(paragraphs)
    offsets, cursor = [], 0
    for sentence in parts:
        at = full.find(sentence, cursor)
        offsets.append(at)
        cursor = max(cursor, at)
    placed = []
    by_sentence = defaultdict(list)
    for r in readings:
        by_sentence[r.sentence].append(r)
    used = Counter()
    for sentence, at in zip(parts, offsets):
        for r in by_sentence[sentence][used[sentence] :]:
            placed.append((at + r.number.start, at + r.number.end, r))
        used[sentence] = len(by_sentence[sentence])
    book = _book(labels)
    out = []
    for lab in labels:
        start = locate(full, lab["number"], int(lab["occurrence"] or 1))
        hit = next((r for a, b, r in placed if a <= start < b), None) if start >= 0 else None
        mismatch = bool(hit and classify(hit, book).status == MISMATCH)
        out.append(Scored(lab, hit, mismatch))
    return out


def score_corpus(rows: list[dict[str, str]]) -> list[Scored]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row["report_month"], row["sentence"])].append(row)
    return [s for (month, sentence), labels in grouped.items() for s in score_text([sentence], month, labels)]


def real_text(path: Path) -> list[str]:
    """A saved page: its first line the address, then a blank line, then the text."""
    lines = path.read_text(encoding="utf-8").split("\n")[2:]
    return [line.strip().lstrip("•-* ").strip() for line in lines if line.strip()]


def score_real(folder: Path, labels: list[dict[str, str]]) -> list[Scored]:
    grouped = defaultdict(list)
    for row in labels:
        grouped[row["file"]].append(row)
    out = []
    for name, rows in sorted(grouped.items()):
        path = folder / name
        if path.exists():
            out += score_text(real_text(path), rows[0]["report_month"], rows)
    return out


def summary(scored: list[Scored]) -> dict[str, object]:
    """Precision and recall per class, the share of labelled figures tied right, false MISMATCH."""
    table = {}
    for cls in CLASSES:
        got = [s for s in scored if s.got == cls]
        want = [s for s in scored if s.label["class"] == cls]
        both = [s for s in got if s.label["class"] == cls]
        table[cls] = (len(both) / len(got) if got else 1.0, len(both) / len(want) if want else 1.0, len(want))
    figures = [s for s in scored if s.label["class"] == "figure"]
    return {
        "classes": table,
        "tied": sum(s.tied for s in figures) / len(figures) if figures else 1.0,
        "false_mismatch": sum(s.mismatch for s in scored),
        "dates_counted": sum(1 for s in scored if s.label["reason"] == "date" and s.got == "figure"),
        "numbers": len(scored),
    }


HEADLINE_METRICS = (
    "attacks",
    "military_killed",
    "military_injured",
    "civilian_killed",
    "civilian_injured",
    "raids",
    "arrests",
    "isis_killed",
)


def edited_headlines(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], bool]]:
    """Each headline figure of a sentence (digits, this month's, exact) changed by one, as an editor's slip
    would: whether the checker calls that number a MISMATCH against that figure."""
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row["report_month"], row["sentence"])].append(row)
    out = []
    for (month, sentence), labels in grouped.items():
        book = _book(labels)
        for lab in labels:
            if not (
                lab["class"] == "figure"
                and (lab["kind"] or "count") == "count"
                and lab["month"] == month
                and lab["metric"] in HEADLINE_METRICS
                and lab["number"].isdigit()
                and lab["value"].isdigit()
            ):
                continue
            start = locate(sentence, lab["number"], int(lab["occurrence"] or 1))
            edited = sentence[:start] + str(int(lab["value"]) + 1) + sentence[start + len(lab["number"]) :]
            readings = read_text([edited], month)
            hit = next((r for r in readings if r.number.start == start), None)
            finding = classify(hit, book) if hit else None
            out.append(
                (
                    lab,
                    bool(
                        finding
                        and finding.status == MISMATCH
                        and finding.statement
                        and finding.statement.label == lab["metric"]
                    ),
                )
            )
    return out


def _headline_labels(labels: list[dict[str, str]], month: str) -> set[tuple[str, str]]:
    """The month's own headline figures a text states: (metric, value as written with its bound)."""
    return {
        (lab["metric"], lab["value"])
        for lab in labels
        if lab["class"] == "figure"
        and (lab["kind"] or "count") == "count"
        and lab["month"] == month
        and lab["metric"] in HEADLINE_METRICS
    }


def score_recording(texts: list[tuple[list[str], str, list[dict[str, str]]]]) -> dict[str, object]:
    """What record-published proposes for each text (its paragraphs, month, labels): the share of the month's
    labelled headline figures proposed with their value, and every proposed value no label of that text holds
    (each a wrong value)."""
    from analysis.report.recording import record

    headline = proposed = 0
    wrong = []
    for paragraphs, month, labels in texts:
        want = _headline_labels(labels, month)
        stated = {(lab["metric"], lab["month"], lab["value"]) for lab in labels if lab["class"] == "figure"}
        got = set()
        for p in record(paragraphs, month, "report", "2000-01-01", "https://example.org").proposals:
            if p.table != "monthly_figures":
                continue
            row = p.row
            got.add((row["metric"], row["value"]) if row["period"] == month else ("", ""))
            if (row["metric"], row["period"], row["value"]) not in stated:
                wrong.append((month, row["metric"], row["period"], row["value"], p.sentence[:120]))
        headline += len(want)
        proposed += len(want & got)
    return {"headline": headline, "proposed": proposed, "wrong": wrong}


def recording_real(folder: Path, labels: list[dict[str, str]]) -> dict[str, object]:
    grouped = defaultdict(list)
    for row in labels:
        grouped[row["file"]].append(row)
    return score_recording(
        [
            (real_text(folder / name), rows[0]["report_month"], rows)
            for name, rows in sorted(grouped.items())
            if (folder / name).exists()
        ]
    )


def recording_corpus(rows: list[dict[str, str]]) -> dict[str, object]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row["report_month"], row["sentence"])].append(row)
    return score_recording([([sentence], month, labels) for (month, sentence), labels in grouped.items()])
