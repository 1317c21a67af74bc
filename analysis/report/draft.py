"""The month's draft article: the report's structure, every number written from the data in our own words.

A draft is a list of blocks (title, heading, paragraph, bullets, figure, note) built here from the processed
data and the figures the notebook's cells showed; `draft_markdown` and `draft_docx.docx_bytes` write the same
blocks as draft.md and draft.docx. The editor rewrites the prose; `check-draft` then ties every number in
the edited text back to the data. Each figure comes with the alt text and long description that were written
into its SVG (handed over in memory, `figure_registry.Drawn`), so the draft describes exactly the figure it
shows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..months import long_month, month_name, months_between
from . import markdown
from .data import Processed, rejected_lines
from .facts import MonthFacts, is_old, latest_snapshot
from .figure_registry import Drawn, in_section
from .keypoints import (
    camp_point,
    casualties,
    definition_note,
    raid_outcomes,
    raid_results,
    raids_point,
    repatriation_points,
    unverified_point,
    us_positions_point,
)
from .provisional import is_provisional, late_text, notice
from .tables import statements_behind
from .wording import capitalised, change, counted, dated, join, missing, not_known

HEADLINE = "[Headline: the month's main finding, in your words]"
CATEGORY_HEADINGS = {
    "financing": "ISIS financing",
    "camps": "The camps",
    "statements": "Statements",
    "courts_and_repatriation": "Courts and repatriation",
    "raids_and_officials": "Raids and officials",
    "security": "Security",
    "other": "Other developments",
}


@dataclass(frozen=True)
class Block:
    """One piece of the draft. `kind`: title, heading, paragraph, bullets, figure or note."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    image: Path | None = None  # figure: the PNG
    alt: str = ""  # figure: one sentence with the finding
    description: str = ""  # figure: the long description


def attacks_paragraph(facts: MonthFacts) -> str:
    """Attacks of the month against the previous month, claims, and the casualties of both months."""
    name, before = month_name(facts.month), month_name(facts.previous)
    value, qual = facts.get("attacks")
    noun = (
        ("confirmed attack", "confirmed attacks") if facts.definition() == "confirmed_isis" else ("attack", "attacks")
    )
    if missing(value):
        sentences = [
            capitalised(not_known(f"the number of sleeper cell attacks in {name}", False, facts.report_found())) + "."
        ]
    else:
        sentence = f"ISIS sleeper cells carried out {counted(value, qual, *noun)} in NES in {name}"
        prev, prev_qual = facts.get("attacks", facts.previous)
        if missing(prev):
            sentence += "; " + not_known(f"{before}'s attack count", False, facts.report_found(facts.previous))
        else:
            sentence += ", " + change(value, qual, prev, prev_qual, facts.previous) + definition_note(facts)
        sentences = [sentence + "."]
    claims = unverified_point(facts)
    if claims:
        sentences.append(capitalised(claims) + ".")
    for when, month in ((name, facts.month), (before, facts.previous)):
        said = casualties(facts, month)
        if not said.said:
            sentences.append(capitalised(not_known(f"casualty figures for {when}", True, said.report_found)) + ".")
        elif month == facts.month:
            sentences.append(f"These attacks left {said.phrase()}.")
        else:  # named, so that its numbers are read as that month's
            sentences.append(f"In {when}: {said.phrase()}.")
    return " ".join(sentences)


def raids_paragraph(facts: MonthFacts) -> str:
    """Raids of the month with what they resulted in, then the previous month's raids and arrests."""
    name, before = month_name(facts.month), month_name(facts.previous)
    raids, rq = facts.get("raids")
    if missing(raids):
        sentences = [capitalised(raids_point(facts)) + "."]
    else:
        sentences = [
            f"Security forces carried out {counted(raids, rq, 'raid', 'raids')} on ISIS sleeper cells in "
            f"{name}{raid_outcomes(facts)}."
        ]
    captured, cq = facts.get("isis_officials_captured")
    if not missing(captured) and int(captured) > 0:
        sentences.append(
            f"{capitalised(counted(captured, cq, 'ISIS official', 'ISIS officials'))} "
            f"{'was' if int(captured) == 1 else 'were'} captured."
        )
    prev_raids, prq = facts.get("raids", facts.previous)
    prev_results = raid_results(facts, facts.previous)
    if not missing(prev_raids):
        said = counted(prev_raids, prq, "raid", "raids")
        sentences.append(f"In {before} there were {said}" + (f", with {join(prev_results)}." if prev_results else "."))
    else:
        sentences.append(
            capitalised(not_known(f"the raid count for {before}", False, facts.report_found(facts.previous))) + "."
        )
    return " ".join(sentences)


def camp_paragraph(data: Processed, month: str) -> str:
    """The camp's population by group (dated, and called old, when the latest count is older than the month),
    then the month's repatriations."""
    name = month_name(month)
    found = MonthFacts(data.figures, data.monthly, month).report_found()
    point = camp_point(data.camp_population, month)
    if point:
        sentences = [capitalised(point) + "."]
    else:
        latest = latest_snapshot(data.camp_population, month)
        total = latest[latest["group"] == "total"]
        none = capitalised(not_known(f"a count of al-Hol camp's population for {name}", False, found))
        if len(total):
            row = total.iloc[0]
            age = f"an old count, {months_before(row['month'], month)}" if is_old(row["month"], month) else ""
            sentences = [
                f"{none}; the latest, {dated(row['as_of'], True)}{f' ({age})' if age else ''}, gave "
                f"{counted(row['population'], row['qualifier'], 'person', 'people')}."
            ]
        else:
            sentences = [f"No count of al-Hol camp's population was published up to {long_month(month)}."]
    repatriations = repatriation_points(data.repatriations, month)
    sentences += [capitalised(p) + "." for p in repatriations] or [no_repatriation(data, month, found)]
    return " ".join(sentences)


def months_before(earlier: str, month: str) -> str:
    """'16 months before April 2025'."""
    return f"{counted(months_between(earlier, month), '', 'month', 'months')} before {long_month(month)}"


def no_repatriation(data: Processed, month: str, found: bool) -> str:
    """The sentence for a month without a recorded repatriation: a month whose developments speak of
    repatriations says so rather than 'none'; a month whose report was not found is not known."""
    name = month_name(month)
    if not found:
        return capitalised(not_known(f"repatriations from NES in {name}", True, False)) + "."
    rows = data.developments[
        (data.developments["month"] == month) & (data.developments["category"] == "courts_and_repatriation")
    ]
    if len(rows):
        return (
            f"No repatriation with a number of people was recorded for {name}; the developments above give "
            "what the report said of repatriations."
        )
    return f"No repatriation from NES was published for {name}."


def regions_rejected(data: Processed, month: str) -> str:
    """The sentence for a month whose breakdown by region was published but whose rows were all rejected (a
    build with rejections allowed): '' when none of its rows was rejected or some were kept."""
    lines = rejected_lines(data, "attacks_by_region")
    if not lines or len(data.regions[data.regions["month"] == month]):
        return ""
    listed = ", ".join(map(str, lines[:8])) + (f" and {len(lines) - 8} more" if len(lines) > 8 else "")
    return (
        f"A breakdown of attacks by region was published for {long_month(month)}, but its rows were rejected "
        f"(attacks_by_region.csv line{'s' if len(lines) > 1 else ''} {listed}; data/processed/rejected.csv says "
        "why), so it is not shown."
    )


def figure_blocks(section: str, drawn: Mapping[str, Drawn], month: str, data: Processed) -> list[Block]:
    """The standard figures of a draft section (figure_registry), as the notebook's cells showed them: the
    picture with the alt text and description written into its SVG, or why it is not there."""
    blocks = []
    for entry in in_section(section):
        shown = drawn.get(entry.stem)
        if shown is not None and shown.png is not None:
            blocks.append(Block("figure", entry.caption, image=shown.png, alt=shown.alt, description=shown.description))
            continue
        why = shown.absent if shown is not None and shown.absent else f"{entry.caption} was not drawn."
        if entry.stem == "04_regions":
            why = regions_rejected(data, month) or why
        blocks.append(Block("note", f"[No figure: {why}]"))
    return blocks


def development_blocks(data: Processed, month: str) -> list[Block]:
    """The month's developments under one heading per category (the categories in the order of their first
    development, the developments in the editor's order), each with its source."""
    rows = data.developments[data.developments["month"] == month].sort_values("key_point_order", kind="mergesort")
    blocks = []
    for category in dict.fromkeys(rows["category"]):
        blocks.append(Block("heading", CATEGORY_HEADINGS.get(category, "Other developments")))
        for row in rows[rows["category"] == category].itertuples():
            source = f"{row.primary_source}, as reported in {row.report}" if row.primary_source else row.report
            blocks.append(Block("paragraph", f"{capitalised(row.summary)}. (Source: {source}: {row.source_url})"))
    return blocks


def sources_block(data: Processed, month: str) -> Block:
    """The reports behind the draft's numbers, each once, with its address."""
    addresses: dict[tuple[str, str], list[str]] = {}
    for row in statements_behind(data, month).sort_values(["published", "report"], kind="mergesort").itertuples():
        known = addresses.setdefault((row.published, row.report), [])
        known += [u.strip() for u in row.source_url.split(";") if u.strip() and u.strip() not in known]
    return Block(
        "bullets",
        items=tuple(
            f"{report} (published {published}): {' '.join(urls)}" for (published, report), urls in addresses.items()
        ),
    )


def draft_blocks(data: Processed, month: str, points: list[str], drawn: Mapping[str, Drawn]) -> list[Block]:
    """The month's draft, in the report's order: headline, key points, the numbers, developments, camp,
    sources."""
    facts = MonthFacts(data.figures, data.monthly, month)
    us = us_positions_point(data.us_position_attacks, month)
    blocks = [
        Block("title", f"{month_name(month)} Sleeper Cell Report – {HEADLINE}"),
        Block(
            "note",
            f"Draft for {long_month(month)} written from the data by the analysis package. Rewrite "
            "the prose freely; then run make check-draft to check every number against the data.",
        ),
        *([Block("paragraph", notice(data.optional, month))] if is_provisional(data.monthly, month) else []),
        *([Block("paragraph", late)] if (late := late_text(data.optional, month)) else []),
        Block("heading", "Key Points"),
        Block("bullets", items=tuple(points)),
        Block("heading", "Attacks"),
        Block("paragraph", attacks_paragraph(facts)),
        *figure_blocks("attacks", drawn, month, data),
        Block("heading", "Raids"),
        Block("paragraph", raids_paragraph(facts)),
        *figure_blocks("raids", drawn, month, data),
    ]
    if us:
        blocks += [Block("paragraph", capitalised(us) + ".")]
    blocks += development_blocks(data, month)
    blocks += [
        Block("heading", "Al-Hol camp and repatriations"),
        Block("paragraph", camp_paragraph(data, month)),
        *figure_blocks("camp", drawn, month, data),
        Block("heading", "Sources"),
        sources_block(data, month),
    ]
    return blocks


def figures_link(month: str, vintage: str = "current") -> str:
    """Where the month's figures are, seen from its reports folder: '../../figures/2023-11' (the same in
    scratch/, in staging and once published, since figures/ and reports/ always sit side by side)."""
    folder = paths.month_folder(month, vintage)
    return Path(os.path.relpath(Path("figures", folder), Path("reports", folder))).as_posix()


def draft_markdown(blocks: list[Block], link: str) -> str:
    """The draft as Markdown (text from data escaped); figures linked under `link` (`figures_link`), their
    long description as the image's title."""
    lines = []
    for block in blocks:
        text = markdown.text(block.text)
        if block.kind == "title":
            lines += [f"# {text}", ""]
        elif block.kind == "heading":
            lines += [f"## {text}", ""]
        elif block.kind == "bullets":
            lines += [f"- {markdown.text(item)}" for item in block.items] + [""]
        elif block.kind == "figure":
            path = markdown.address(f"{link}/{block.image.name}")
            alt, description = markdown.text(block.alt), markdown.text(block.description).replace('"', "'")
            lines += [f'![{alt}]({path} "{description}")', "", f"*{text}: {alt}.*", ""]
        elif block.kind == "note":
            lines += [f"_{text}_", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines)
