"""How well the reader of report text reads: precision and recall per class, the share of labelled figures
tied to the right figure and month, false MISMATCH, edited headline figures caught, and what record-published
proposes (the month's labelled headline figures proposed with their value, and any wrong value).

On our corpus always; on real report pages when a folder of them is given (`python bench/report_text.py
FOLDER`: the pages are third-party text and never in the repository; bench/real_report_labels.csv names each
page's address, and its labels). With data/processed built, the real pages of months in data/raw are also
checked against the data themselves, as `check-draft` would. Writes bench/report_text_results.md."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.report.corpus import (  # noqa: E402  (after the project root is on the path)
    CORPUS,
    REAL_LABELS,
    edited_headlines,
    load,
    real_text,  # noqa: E402
    recording_corpus,
    recording_real,
    score_corpus,
    score_real,
    summary,
)


def _table(name: str, result: dict) -> list[str]:
    lines = [
        f"### {name}: {result['numbers']} numbers",
        "",
        "| class | precision | recall | labelled |",
        "|---|---:|---:|---:|",
    ]
    for cls, (precision, recall, n) in result["classes"].items():
        lines.append(f"| {cls} | {precision:.1%} | {recall:.1%} | {n} |")
    lines += [
        "",
        f"- labelled figures tied to the right figure, month and kind: {result['tied']:.1%}",
        f"- false MISMATCH (a labelled figure called a contradiction): {result['false_mismatch']}",
        f"- dates counted: {result['dates_counted']}",
        "",
    ]
    return lines


def _recording(result: dict) -> list[str]:
    share = result["proposed"] / result["headline"] if result["headline"] else 1.0
    lines = [
        f"- record-published: {result['proposed']} of {result['headline']} labelled headline figures of the "
        f"month proposed with their value ({share:.1%}); wrong values proposed: {len(result['wrong'])}"
    ]
    lines += [
        f'  - wrong: {month} {metric} of {period} = {value} ("{sentence}")'
        for month, metric, period, value, sentence in result["wrong"]
    ]
    return lines + [""]


def _against_data(folder: Path) -> list[str]:
    from analysis.report.data import load_processed
    from analysis.report.draft_check import MISMATCH, check

    processed = ROOT / "data" / "processed"
    if not (processed / "monthly.csv").exists():
        return ["(data/processed not built: `make data` first for the check against the data)", ""]
    data = load_processed(processed)
    months = set(data.monthly.loc[data.monthly["attacks"].notna(), "month"])
    texts = mismatches = failing = 0
    for page in sorted(folder.glob("*.txt")):
        month = page.name[:7]
        if month not in months or "index" in page.name:  # an index page holds several reports' teasers
            continue
        found = [f for f in check(real_text(page), data, month) if f.status == MISMATCH]
        texts, mismatches, failing = texts + 1, mismatches + len(found), failing + bool(found)
    return [
        f"### Real pages checked against data/raw, as check-draft does: {texts} pages",
        "",
        f"- MISMATCH: {mismatches} (each a false alarm unless the page disagrees with the data)",
        f"- pages that would exit 1: {failing}",
        "",
    ]


def main(argv: list[str]) -> int:
    lines = [
        "# Reading report text: scores",
        "",
        "How the reader behind `check-draft` and `record-published` reads (issue 21). The corpus is our own "
        "sentences (tests/data/report_text_corpus.csv); the real pages are the stored openings of report pages "
        "(title, key points, first paragraphs), saved in a folder outside the repository and scored against "
        "bench/real_report_labels.csv. Targets: 0 false MISMATCH; at least 95 % of labelled figures tied to "
        "the right figure and month; an edited headline figure always caught; record-published proposing at "
        "least 95 % of headline figures, 0 wrong values.",
        "",
    ]
    lines += _table("Our labelled corpus", summary(score_corpus(load(CORPUS))))
    edited = edited_headlines(load(CORPUS))
    lines += [
        f"- headline figures changed by one, caught as MISMATCH against that figure: "
        f"{sum(c for _, c in edited)} of {len(edited)}"
    ] + _recording(recording_corpus(load(CORPUS)))
    if argv:
        folder = Path(argv[0])
        pages = len({row["file"] for row in load(REAL_LABELS) if (folder / row["file"]).exists()})
        lines += _table(
            f"Real report pages ({pages} pages in {folder.name})", summary(score_real(folder, load(REAL_LABELS)))
        )
        lines += _recording(recording_real(folder, load(REAL_LABELS)))
        lines += _against_data(folder)
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "report_text_results.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
