"""The standard figures of a monthly report, each registered beside the function that draws it: its file stem
(whose number is its place), the caption the draft and the page give it, and the sentence said instead when it
is not drawn. The notebook's cells, the draft, the report page and `absent` all read this one list, so adding
a standard figure is its function with its `@standard_figure(...)` line, its cell and its test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..months import long_month


@dataclass(frozen=True)
class StandardFigure:
    stem: str  # '01_attacks': the files' name; its number is the figure's place in the report
    caption: str  # what the figure shows, as the draft and the page caption it
    section: str  # the draft's section it stands in: 'attacks', 'raids' or 'camp'
    absent: str  # said instead of the figure when it is not drawn ({month}: 'November 2023')
    draw: Callable

    def absent_sentence(self, month: str) -> str:
        return self.absent.format(month=long_month(month))


_REGISTRY: dict[str, StandardFigure] = {}


SECTIONS = ("attacks", "raids", "camp")


def standard_figure(stem: str, caption: str, section: str, absent: str = ""):
    """Register the decorated drawing function as the standard figure `stem`, shown in the draft's `section`."""
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {SECTIONS}")

    def register(draw: Callable) -> Callable:
        _REGISTRY[stem] = StandardFigure(
            stem, caption, section, absent or f"{caption} was not drawn for {{month}}.", draw
        )
        return draw

    return register


def _registered() -> dict[str, StandardFigure]:
    from . import figures, maps  # noqa: F401  (their functions register themselves when imported)

    return _REGISTRY


def standard_figures() -> list[StandardFigure]:
    """Every standard figure, in the report's order (by stem)."""
    registry = _registered()
    return [registry[stem] for stem in sorted(registry)]


def in_section(section: str) -> list[StandardFigure]:
    """The standard figures the draft shows in `section`, in the report's order."""
    return [f for f in standard_figures() if f.section == section]


def standard(stem: str) -> StandardFigure | None:
    """The registered figure `stem`, or None (an optional section's figure, or one of the overview's)."""
    return _registered().get(stem)


def absent(stem: str, month: str) -> str:
    """The sentence shown instead of standard figure `stem` when it is not drawn."""
    return standard(stem).absent_sentence(month)


@dataclass(frozen=True)
class Drawn:
    """What a notebook cell showed for a figure: the saved PNG with the alt text and long description written
    into its SVG (handed to the draft in memory, never read back from the files), or why it was not drawn."""

    stem: str
    png: Path | None = None
    alt: str = ""
    description: str = ""
    absent: str = ""
