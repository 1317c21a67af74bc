"""Chart helpers shared by the monthly figures, the overview and the optional sections.

Each takes a matplotlib Axes (or text) and applies one house convention: month ticks, hatched gaps for
months without a published value, the dashed line where the counting definition changes, legends above
the plot, thousands separators, head room above the tallest bar.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..months import long_month
from . import style
from .wording import missing, number

C = style.COLORS

GAP = {"facecolor": "#F3F3F3", "edgecolor": "#C8C8C8", "hatch": "////", "linewidth": 0}


def wrap(title: str, width: int = 64) -> str:
    """A title broken into lines of at most `width` characters."""
    return "\n".join(textwrap.wrap(title, width))


def month_ticks(ax, months: list[str], highlight: str, every: int = 3) -> None:
    """Label every `every`-th month (always the report month) as 'Nov\n2023'."""
    ticks = [i for i, m in enumerate(months) if (len(months) - 1 - i) % every == 0]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{pd.Period(months[i], 'M').strftime('%b')}\n{months[i][:4]}" for i in ticks])
    for label, i in zip(ax.get_xticklabels(), ticks):
        if months[i] == highlight:
            label.set_fontweight("bold")
            label.set_color(C["highlight"])
    ax.set_xlim(-0.7, len(months) - 0.3)


def draw_gaps(ax, series: pd.Series, not_found: pd.Series | None = None) -> int:
    """Hatched, labelled columns for months without a published value ('report not found' where `not_found`,
    aligned with `series`, says the month's own report was never found); returns how many."""
    gaps = [i for i, v in enumerate(series) if missing(v)]
    top = ax.get_ylim()[1]
    for i in gaps:
        ax.bar(i, top, width=0.8, **GAP)
        label = "report not found" if not_found is not None and bool(not_found.iloc[i]) else "not published"
        ax.text(i, top * 0.03, label, rotation=90, ha="center", va="bottom", fontsize=6.3, color="#777777")
    ax.set_ylim(0, top)
    return len(gaps)


def definition_changes(ax, months: list[str], definitions: pd.Series, labels: dict[str, str]) -> int:
    """A dashed line where the counting definition changes inside the window; returns how many."""
    drawn = 0
    for i in range(1, len(months)):
        before, after = definitions.iloc[i - 1], definitions.iloc[i]
        if before and after and before != after:
            drawn += 1
            ax.axvline(i - 0.5, color=C["text"], linestyle="--", linewidth=0.9)
            ax.text(
                i - 0.42,
                ax.get_ylim()[1] * 0.97,
                f"from here:\n{labels.get(after, after)}",
                fontsize=6.8,
                va="top",
                ha="left",
                color=C["text"],
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5, "alpha": 0.85},
            )
    return drawn


_LABEL_MONTHS_PER_CHAR = 0.22  # a 6.5 pt label's width, in months of a 24-month chart, per character (kept wide)
_LANE = 0.05  # the drop of each further row of labels, as a share of the axis' top


def mark_developments(ax, months: list[str], developments: pd.DataFrame | None) -> int:
    """A labelled marker at the top of each month holding a development marked for charts
    (developments.csv, on_charts = yes); returns how many were drawn. Labels that would run into each other
    go down a row (a lane), so that none overlaps another."""
    if developments is None or developments.empty:
        return 0
    marked = developments[(developments["on_charts"] == "yes") & developments["month"].isin(months)]
    top = ax.get_ylim()[1]
    scale = _LABEL_MONTHS_PER_CHAR * len(months) / 24
    lanes: list[list[tuple[float, float]]] = []
    order = [c for c in ("month", "key_point_order") if c in marked.columns]
    for row in marked.sort_values(order, kind="mergesort").itertuples():
        i = months.index(row.month)
        right = i < len(months) * 0.6  # the label runs into the plot, never off its edge
        width = len(row.chart_label) * scale + 0.6
        span = (i - 0.3, i + 0.35 + width) if right else (i - 0.35 - width, i + 0.3)
        lane = next(
            (n for n, taken in enumerate(lanes) if all(span[1] < a or span[0] > b for a, b in taken)), len(lanes)
        )
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append(span)
        y = top * (0.985 - _LANE * lane)
        ax.plot([i], [y], marker="v", markersize=5, color=C["text"], clip_on=False, zorder=5)
        ax.text(
            i + (0.35 if right else -0.35),
            y,
            row.chart_label,
            ha="left" if right else "right",
            va="center",
            fontsize=6.5,
            color=C["text"],
            zorder=6,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85},
        )
    return len(marked)


def legend_above(ax, handles: list, ncol: int = 4) -> None:
    """Legend in one row between the title and the plot, where it never hides data."""
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        ncol=ncol,
        borderaxespad=0,
        fontsize=7.5,
        handlelength=1.6,
        columnspacing=1.2,
    )


def thousands(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators (49,432, not 49432)."""
    fmt = FuncFormatter(lambda v, _: f"{int(v):,}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def set_top(ax, values: list, room: float = 1.18) -> None:
    """Y axis from 0 to the largest published value times `room` (missing values ignored)."""
    finite = [float(v) for v in values if not missing(v)]
    ax.set_ylim(0, max(finite + [1.0]) * room)


def trend_sentence(series: pd.Series, noun: str) -> str:
    """The values behind a monthly chart in words, for its long description: the range with its months, the
    average of the later half of the window against the earlier half, and the months without a figure."""
    months = list(series.index)
    shown = series.dropna()
    span = f"Over the {len(months)} months from {long_month(months[0])} to {long_month(months[-1])}"
    if shown.empty:
        return f"{span}, no {noun} figure was published."
    low, high = shown.idxmin(), shown.idxmax()
    sentence = (
        f"{span}, published {noun} ranged from {number(shown[low])} ({long_month(low)}) to "
        f"{number(shown[high])} ({long_month(high)})"
    )
    half = len(months) // 2
    earlier, later = series.iloc[:half].dropna(), series.iloc[half:].dropna()
    if len(earlier) and len(later):
        sentence += (
            f"; the last {len(months) - half} months averaged {later.mean():.1f} against "
            f"{earlier.mean():.1f} in the {half} before"
        )
    gaps = int(series.isna().sum())
    if gaps:
        sentence += f"; {gaps} {'month has' if gaps == 1 else 'months have'} no published figure"
    return sentence + "."


PROVISIONAL = {"facecolor": "none", "edgecolor": "#333333", "hatch": "xxx", "linewidth": 0.8}
PROVISIONAL_NOTE = (
    " Cross-hatched: the team's provisional count, not yet published (the previous months are as published)."
)


def draw_provisional(ax, data: pd.DataFrame, heights: list[int]) -> int:
    """Cross-hatch the bars of the months whose figures are the team's provisional count (the panel's
    `provisional` column, present only when the team keeps records); returns how many."""
    if "provisional" not in data.columns:
        return 0
    marked = [i for i, flag in enumerate(data["provisional"].fillna(False).astype(bool)) if flag]
    if marked:
        ax.bar(marked, [max(heights[i], 0) for i in marked], width=0.8, **PROVISIONAL)
    return len(marked)
