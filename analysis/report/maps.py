"""Attacks by district on OCHA's district outlines: which source gives the counts, and the map itself.

The counts come from the team's incident log when it covers the month, else from ACLED's ISIS events when an
export covers it, else from the report's own breakdown by region where a region maps onto districts (a
district itself; a governorate or an AANES region: the report's area's districts in it, which then share the
region's count). ACLED is used only for months its exports cover whole: a month they cover partly, or one in a
gap between two exports, is not ACLED's to map. Districts no source gives a figure for are drawn hatched,
apart from those with 0. Each map is titled and credited by its source (the team's attacks, ACLED's ISIS events
with the event types the exports hold, or the report's breakdown). Nothing is fetched: the outlines are the
processed table `district_outlines`, written from data/raw/gazetteer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from ..boundaries import label_point, ring_area
from ..months import long_month, month_range
from . import style
from .charts import GAP, legend_above, wrap
from .data import Processed
from .figure_registry import standard_figure
from .provisional import is_provisional
from .wording import join, missing, number

SHADES = ["#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]  # 0, then four classes (ColorBrewer Blues)


@dataclass(frozen=True)
class Group:
    """A count and the districts it belongs to (one district, or a region's districts sharing its count)."""

    label: str
    districts: tuple[str, ...]
    value: int


@dataclass(frozen=True)
class MapData:
    groups: list[Group]
    source: str  # what the counts are, for the note
    covered: tuple[str, ...]  # districts the source speaks for (0 where no group names them)
    uncounted: tuple[str, ...] = ()  # regions the report gave only as a share of attacks (no count to map)
    parts: tuple[tuple[str, int], ...] = ()  # counts for part of a district (a camp, a sub-district): not mapped
    what: str = "Attacks"  # what is counted, for the title
    credit: str = style.SOURCE  # the source line: whose numbers these are


def _spans(coverage: pd.DataFrame) -> str:
    read = coverage[(coverage["status"] == "read") & (coverage["first_date"] != "")]
    return join(sorted({f"{r.first_date} to {r.last_date}" for r in read.itertuples()})) or "no dates"


def _covers(dates: pd.DataFrame | None, months: list[str]) -> bool:
    return (
        dates is not None
        and bool(dates["first_date"].iloc[0])
        and dates["first_date"].iloc[0][:7] <= months[0]
        and months[-1] <= dates["last_date"].iloc[0][:7]
    )


def map_data(data: Processed, months: list[str]) -> MapData | None:
    """The attack counts by district over `months` from the first source that covers all of them; None when
    none does."""
    from .metrics import acled_covered, acled_types

    optional = data.optional
    area = optional.get("area")
    area_districts = tuple(sorted(set(area["adm2_pcode"]))) if area is not None else ()
    by_district = optional.get("incidents_by_district")
    if by_district is not None and _covers(optional.get("incidents_dates"), months):
        rows = by_district[by_district["month"].isin(months)].groupby("adm2_pcode")["attacks"].sum()
        return MapData(
            [Group(code, (code,), int(v)) for code, v in rows.items() if code],
            "the team's incident log (confirmed attacks)",
            area_districts,
            credit="Source: the team's incident log (data/raw/incidents/), confirmed attacks.",
        )
    acled, coverage = optional.get("acled_isis_by_district"), optional.get("acled_coverage")
    if acled is not None and coverage is not None and set(months) <= set(acled_covered(coverage)):
        rows = acled[acled["month"].isin(months)].groupby("adm2_pcode")["events"].sum()
        every = tuple(sorted(set(optional["district_outlines"]["adm2_pcode"])))
        types = join(acled_types(coverage)) or "none"
        return MapData(
            [Group(code, (code,), int(v)) for code, v in rows.items() if v],
            "ACLED events with the "
            f"Islamic State as an actor, of the event types the exports hold ({types}; the exports run "
            f"over {_spans(coverage)})",
            every,
            what="ACLED ISIS events",
            credit="Source: ACLED (acleddata.com), data not redistributed; not RIC's count of attacks.",
        )
    if area is None:
        return None
    governorate = optional["district_outlines"].drop_duplicates("adm2_pcode").set_index("adm2_pcode")["adm1_pcode"]
    return _from_regions(data.regions, months, area, governorate)


def _from_regions(
    regions: pd.DataFrame, months: list[str], area: pd.DataFrame, governorate: pd.Series
) -> MapData | None:
    """The report's breakdown by region where each region maps onto districts, summed over `months` (every
    month must give a breakdown with counts, or there is no map)."""
    rows = regions[regions["month"].isin(months) & (regions["metric"] == "attacks")]
    if rows.empty or set(rows["month"]) != set(months) or rows["value"].isna().all():
        return None
    groups: dict[tuple[str, ...], tuple[str, int]] = {}
    uncounted, parts = [], {}
    for _, breakdown in rows.groupby("month", sort=True):
        given = set(breakdown.loc[breakdown["place_kind"] == "district", "adm2_pcode"])
        for row in breakdown.itertuples():
            if missing(row.value):
                uncounted.append(row.region)
                continue
            if row.place_kind == "district":
                districts = (row.adm2_pcode,)
            elif row.place_kind == "governorate":
                districts = tuple(
                    sorted({d for d in area["adm2_pcode"] if governorate.get(d) == row.adm1_pcode} - given)
                )
            elif row.place_kind == "aanes-region":
                districts = tuple(sorted(set(area.loc[area["region"] == row.region, "adm2_pcode"]) - given))
            else:  # a camp or a sub-district: part of a district, not its count
                parts[row.region] = parts.get(row.region, 0) + int(row.value)
                continue
            if districts:
                label, total = groups.get(districts, (row.region, 0))
                groups[districts] = (label, total + int(row.value))
    if not groups:
        return None
    covered = tuple(sorted({d for districts in groups for d in districts}))
    return MapData(
        [Group(label, districts, total) for districts, (label, total) in sorted(groups.items())],
        "the report's breakdown by region (a region's districts share its count)",
        covered,
        tuple(dict.fromkeys(uncounted)),
        tuple(sorted(parts.items())),
    )


def _shapes(outlines: pd.DataFrame) -> dict[str, list[np.ndarray]]:
    # As groupby(["adm2_pcode", "ring"], sort=False) gives them (rings in order of first appearance, points
    # in table order), without a frame per ring.
    keys, rings = pd.MultiIndex.from_frame(outlines[["adm2_pcode", "ring"]]).factorize()
    order = np.argsort(keys, kind="stable")
    points = outlines[["lon", "lat"]].astype(float).to_numpy()[order]
    shapes: dict[str, list[np.ndarray]] = {}
    for (code, _), part in zip(rings, np.split(points, np.cumsum(np.bincount(keys, minlength=len(rings)))[:-1])):
        shapes.setdefault(code, []).append(part)
    return shapes


def _classes(top: int) -> list[tuple[int, int]]:
    """Four classes of counts from 1 to `top` (fewer when `top` is small), as (low, high)."""
    edges = sorted({max(1, math.ceil(top * f)) for f in (0.25, 0.5, 0.75, 1.0)})
    lows = [1] + [e + 1 for e in edges[:-1]]
    return [(low, high) for low, high in zip(lows, edges) if low <= high]


def _outline(shapes: dict[str, list[np.ndarray]], districts: set[str]) -> list[np.ndarray]:
    """Edges of the union of `districts`: those that only one of them has (shared vertices match exactly)."""
    count: dict[tuple, int] = {}
    for code in districts:
        for ring in shapes.get(code, []):
            for a, b in zip(map(tuple, ring[:-1]), map(tuple, ring[1:])):
                key = (a, b) if a <= b else (b, a)
                count[key] = count.get(key, 0) + 1
    return [np.array(edge) for edge, n in sorted(count.items()) if n == 1]


@style.house_style
def attacks_map(data: Processed, found: MapData, when: str, note_when: str, provisional: bool = False):
    """A district choropleth of `found` (see `map_data`), the report's area outlined, district names on the
    districts with a figure; `when` names the period in the title."""
    outlines, area = data.optional["district_outlines"], data.optional["area"]
    shapes = _shapes(outlines)
    value = {d: g.value for g in found.groups for d in g.districts}
    classes = _classes(max([g.value for g in found.groups] + [1]))
    fig, ax = style.new_figure()
    fig.set_size_inches(style.WIDTH_IN, 4.8)  # a map needs more height than a chart
    # Added as artists, not with add_patch, which updates the data limits by every vertex of every outline (a
    # second and more, for limits that are set below). One path collection would draw the same outlines
    # 25 ms faster, but with its pixels along the borders blended in another order.
    for code, rings in shapes.items():
        path = MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings])
        if code in value or code in found.covered:
            v = value.get(code, 0)
            shade = SHADES[0] if v == 0 else SHADES[1 + next(i for i, (lo, hi) in enumerate(classes) if lo <= v <= hi)]
            ax.add_artist(PathPatch(path, facecolor=shade, edgecolor="#FFFFFF", linewidth=0.5))
        else:
            ax.add_artist(PathPatch(path, **{**GAP, "edgecolor": "#FFFFFF", "linewidth": 0.5}))
    area_districts = set(area["adm2_pcode"])
    ax.add_collection(LineCollection(_outline(shapes, area_districts), colors=style.COLORS["text"], linewidths=1.1))
    shown = area_districts | set(value)
    extent = np.concatenate([r for c, rs in shapes.items() if c in shown for r in rs] or [np.full((1, 2), np.nan)])
    (lon0, lat0), (lon1, lat1) = np.nanmin(extent, axis=0), np.nanmax(extent, axis=0)
    ax.set_xlim(lon0 - 0.15, lon1 + 0.15)
    ax.set_ylim(lat0 - 0.1, lat1 + 0.1)
    # to 6 decimals: every coordinate of the drawing goes through the aspect, and the C library's cos need not
    # agree in the last bit from one machine to another
    ax.set_aspect(round(1 / math.cos(math.radians((lat0 + lat1) / 2)), 6))
    ax.set_axis_off()
    names = outlines.drop_duplicates("adm2_pcode").set_index("adm2_pcode")["adm2_name"]
    # names over borders and hatching stay legible: a halo of the background around light-coloured text
    halo = [patheffects.withStroke(linewidth=2, foreground="white")]
    for group in found.groups:  # the count once per group, in its largest district
        x, y = label_point(shapes[max(group.districts, key=lambda d: sum(abs(ring_area(r)) for r in shapes[d]))])
        label = names[group.districts[0]] if len(group.districts) == 1 else group.label
        dark = group.value >= classes[-1][0] if group.value else False
        ax.text(
            x,
            y,
            f"{label}\n{number(group.value)}",
            ha="center",
            va="center",
            fontsize=6.8,
            color="white" if dark else style.COLORS["text"],
            fontweight="bold",
            path_effects=None if dark else halo,
        )
    for code in sorted(area_districts - set(value)):  # the area's other districts, named
        ax.text(
            *label_point(shapes[code]),
            names[code],
            ha="center",
            va="center",
            fontsize=6,
            color="#555555",
            style="italic",
            path_effects=halo,
        )
    handles = [Patch(facecolor=SHADES[0], edgecolor="#999999", label="0")]
    handles += [
        Patch(color=SHADES[1 + i], label=f"{lo}" if lo == hi else f"{lo}–{hi}") for i, (lo, hi) in enumerate(classes)
    ]
    handles += [
        Patch(**{k: v for k, v in GAP.items() if k != "linewidth"}, label="No figure"),
        Line2D([], [], color=style.COLORS["text"], linewidth=1.1, label="Report's area"),
    ]
    legend_above(ax, handles, ncol=len(handles))
    title, shares, values = _words(found, names, when, provisional)
    style.finish(
        fig,
        wrap(title),
        note=f"Counts: {found.source}, {note_when}. Hatched: no figure for the district (not zero)."
        f"{shares} Outlines: OCHA districts (COD-AB, 2020-12-17); thick line: the report's area.",
        source=found.credit,
        values=values,
    )
    return fig


def _words(found: MapData, names: pd.Series, when: str, provisional: bool) -> tuple[str, str, str]:
    """The map's title, the sentences of its note on what is not mapped, and its values in words. No group
    with a count (a covered month with no event): 'none recorded', never a 'most in'."""
    what = found.what
    ranked = sorted(found.groups, key=lambda g: (-g.value, g.label))
    top = ranked[0] if ranked else Group("", (), 0)
    where = (names[top.districts[0]] if len(top.districts) == 1 else top.label) if ranked else ""
    title = (
        f"{what} by district, {when}: most in {where} ({number(top.value)})"
        if top.value
        else f"{what} by district, {when}: none recorded"
    )
    shares = ""
    if found.parts:
        shares += f" Not mapped, being part of a district: {join([f'{p} {number(v)}' for p, v in found.parts])}."
    second = max([g.value for g in ranked[1:]] + [0])
    if top.value and top.value == second:  # a tie: no district leads
        counted_in = sum(len(g.districts) for g in found.groups if g.value)
        title = f"{what} by district, {when}: {number(sum(g.value for g in found.groups))} in {counted_in} districts"
    if found.uncounted or top.value <= second + sum(v for _, v in found.parts):  # the unmapped could lead
        title = f"{what} by district, {when}, where the report gave counts" if found.uncounted or found.parts else title
    if found.uncounted:
        shares += f" {join(list(found.uncounted))}: given only as a share of attacks, so not mapped."
    if provisional:
        title, shares = (
            f"PROVISIONAL: {title}",
            f"{shares} The month's figures are the team's provisional count, not yet published.",
        )

    def named(g: Group) -> str:
        return (
            names[g.districts[0]] if len(g.districts) == 1 else f"{g.label} ({join([names[d] for d in g.districts])})"
        )

    values = "By district: " + ("; ".join(f"{named(g)} {number(g.value)}" for g in ranked) or "none recorded") + "."
    return title, shares, values


@standard_figure(
    "09_map",
    "Attacks by district",
    "attacks",
    absent="No source gives attacks by district for {month} (no incident log or ACLED export covers "
    "it whole, and the report gave no breakdown by region that maps onto districts): no map.",
)
def month_map(data: Processed, month: str):
    """The month's district map, or None when no source gives attacks by district for it."""
    if "district_outlines" not in data.optional or "area" not in data.optional:
        return None
    found = map_data(data, [month])
    if found is None:
        return None
    # the month's figures are the team's count: the map says so too
    return attacks_map(data, found, long_month(month), long_month(month), is_provisional(data.monthly, month))


def period_map(data: Processed):
    """The whole period's district map from an event-level source: over the months the incident log covers,
    else those an ACLED export covers; None without one. The reports' breakdowns by region are not summed:
    from month to month they name different regions, which map onto different sets of districts."""
    from .metrics import acled_covered

    optional = dict(data.optional)
    if "district_outlines" not in optional or "area" not in optional:
        return None
    panel_months = set(data.monthly["month"])
    incidents, coverage = optional.get("incidents"), optional.get("acled_coverage")
    if incidents is not None and len(incidents):
        first, last = incidents["date"].min(), incidents["date"].max()
        optional["incidents_dates"] = pd.DataFrame({"first_date": [first], "last_date": [last]})
        months = sorted(m for m in panel_months if first[:7] <= m <= last[:7])
    elif coverage is not None:
        months = [m for m in acled_covered(coverage) if m in panel_months]
    else:
        return None
    data = replace(data, optional=optional, regions=data.regions.iloc[0:0])
    found = map_data(data, months) if months else None
    if found is None:
        return None
    when = f"{long_month(months[0])} to {long_month(months[-1])}"
    over = (
        f"the {len(months)} months from {when}"
        if months == month_range(months[0], months[-1])
        else f"the {len(months)} months the exports cover whole from {when} (not the months between them)"
    )
    return attacks_map(data, found, when, f"summed over {over}")
