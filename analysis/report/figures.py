"""The six standard figures of a monthly report: data in, matplotlib Figure out (or None).

Each function only draws; `style.save` writes the files. Months without a published figure are drawn as
labelled gaps, never as zero bars.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..months import long_month, previous_month, window
from ..names import normalise
from ..vocabulary import TEAM_REPORT
from . import style
from .charts import (
    GAP,
    PROVISIONAL,
    PROVISIONAL_NOTE,
    definition_changes,
    draw_gaps,
    draw_provisional,
    legend_above,
    mark_developments,
    month_ticks,
    set_top,
    thousands,
    trend_sentence,
    wrap,
)
from .facts import MonthFacts, is_old, latest_snapshot
from .figure_registry import standard_figure
from .keypoints import casualties
from .metrics import people_repatriated
from .provisional import is_provisional
from .wording import (
    CAMP_GROUP_WORDS,
    capitalised,
    change,
    counted,
    country,
    dated,
    join,
    missing,
    not_known,
    number,
    one_country,
    total_qualifier,
)

C = style.COLORS


_NOT_FOUND_NOTE = " 'Report not found': the month's own report was never found, so what it gave is not known."


def _not_found(data: pd.DataFrame) -> pd.Series:
    """Months of a chart's window whose own report was never found (reports.csv), aligned with its rows."""
    column = data["own_report"] if "own_report" in data.columns else pd.Series("", index=data.index)
    return column.fillna("").eq("not_found")


@standard_figure("01_attacks", "Attacks per month", "attacks")
@style.house_style
def attacks_chart(
    panel: pd.DataFrame,
    definitions: pd.DataFrame,
    month: str,
    months: int = 24,
    developments: pd.DataFrame | None = None,
    figures: pd.DataFrame | None = None,
):
    """Figure 1: attacks per month over the 24 months ending `month`, unverified claims on top, gaps labelled,
    and the developments marked for charts. `figures` (figures.csv) gives the title the qualifiers of the two
    months' counts ('more than 9'); without it they are said as exact."""
    span = window(month, months)
    data = panel.set_index("month").reindex(span)
    attacks, unverified = data["attacks"], data["attacks_unverified"]
    fig, ax = style.new_figure()
    x = np.arange(len(span))
    set_top(ax, [a + (0 if missing(u) else u) for a, u in zip(attacks.fillna(0), unverified)])
    colors = [C["highlight"] if m == month else C["main"] for m in span]
    heights = [0 if missing(v) else int(v) for v in attacks]
    ax.bar(x, heights, width=0.8, color=colors)
    has_unverified = unverified.notna() & attacks.notna()
    ax.bar(
        x[has_unverified.to_numpy()],
        unverified[has_unverified].astype(int),
        bottom=attacks[has_unverified].astype(int),
        width=0.8,
        facecolor="white",
        edgecolor=C["unverified"],
        hatch="....",
        linewidth=0.8,
    )
    not_found = _not_found(data)
    n_gaps = draw_gaps(ax, attacks, not_found)
    n_provisional = draw_provisional(ax, data, heights)
    labels = dict(zip(definitions["definition"], definitions["label"]))
    changes = definition_changes(ax, span, data["definition"].fillna(""), labels)
    for i, m in enumerate(span):
        if m in (month, previous_month(month)) and not missing(attacks.iloc[i]):
            ax.text(
                i,
                heights[i] + ax.get_ylim()[1] * 0.01,
                str(heights[i]),
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold" if m == month else "normal",
            )
    marked = mark_developments(ax, span, developments)
    month_ticks(ax, span, month)
    ax.set_ylabel("Attacks per month")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole-number ticks
    handles = [Patch(color=C["main"], label="Attacks"), Patch(color=C["highlight"], label=long_month(month))]
    if has_unverified.any():
        handles.append(
            Patch(facecolor="white", edgecolor=C["unverified"], hatch="....", label="Unverified ISIS claims")
        )
    if n_gaps:
        handles.append(Patch(**{k: v for k, v in GAP.items() if k != "linewidth"}, label="Not published"))
    if n_provisional:
        handles.append(
            Patch(**{k: v for k, v in PROVISIONAL.items() if k != "linewidth"}, label="Provisional (team count)")
        )
    legend_above(ax, handles)
    facts = MonthFacts(figures, panel, month) if figures is not None else None
    value, qualifier = facts.get("attacks") if facts else (attacks.get(month), "")
    before, before_qualifier = (
        facts.get("attacks", facts.previous) if facts else (attacks.get(previous_month(month)), "")
    )
    definition = data.loc[month, "definition"]
    noun = "confirmed ISIS attacks" if definition == "confirmed_isis" else "sleeper-cell attacks"
    if missing(value):
        title = capitalised(
            not_known(f"the attack count for {long_month(month)}", False, facts.report_found() if facts else True)
        )
    elif missing(before):
        title = f"{number(value, qualifier)} {noun} in {long_month(month)}"
    else:
        title = (
            f"{number(value, qualifier)} {noun} in {long_month(month)}, "
            f"{change(value, qualifier, before, before_qualifier, previous_month(month))}"
        )
    note = "Headline count as published by RIC each month."  # then only what this chart draws
    if n_gaps:
        note += " Hatched columns: no figure was published (not zero)." + _NOT_FOUND_NOTE * bool(
            (attacks.isna() & not_found).any()
        )
    if changes:
        note += " Dashed line: the counting definition changes."
    if marked:
        note += " \u25bc: a development of that month (see the key points)."
    if n_provisional:
        note += PROVISIONAL_NOTE
        if bool(data.loc[month, "provisional"]):
            title = f"PROVISIONAL: {title}"
    style.finish(fig, wrap(title), note=note, values=trend_sentence(attacks.astype("Float64"), "attack counts"))
    return fig


CASUALTY_GROUPS = [
    ("military_killed", "Military\nkilled"),
    ("military_injured", "Military\ninjured"),
    ("civilian_killed", "Civilians\nkilled"),
    ("civilian_injured", "Civilians\ninjured"),
]
TOTAL_GROUPS = [("deaths_total", "Killed\n(all)"), ("injured_total", "Injured\n(all)")]


@standard_figure("02_casualties", "Casualties of the month's attacks", "attacks")
@style.house_style
def casualties_chart(figures: pd.DataFrame, panel: pd.DataFrame, month: str):
    """Figure 2: casualties of the month, military vs civilians, killed vs injured, beside the previous month."""
    facts = MonthFacts(figures, panel, month)
    prev = previous_month(month)
    groups = CASUALTY_GROUPS
    if all(missing(facts.get(m, mo)[0]) for m, _ in CASUALTY_GROUPS for mo in (month, prev)):
        groups = TOTAL_GROUPS
    fig, ax = style.new_figure()
    x = np.arange(len(groups))
    values = {mo: [facts.get(m, mo) for m, _ in groups] for mo in (prev, month)}
    set_top(ax, [v for mo in values for v, _ in values[mo]], room=1.25)
    footnotes = set()
    for offset, mo, color in ((-0.2, prev, C["secondary"]), (0.2, month, C["highlight"])):
        for i, (value, qualifier) in enumerate(values[mo]):
            if missing(value):
                ax.text(
                    x[i] + offset,
                    ax.get_ylim()[1] * 0.02,
                    "not published" if facts.report_found(mo) else "report not found",
                    rotation=90,
                    ha="center",
                    va="bottom",
                    fontsize=6.3,
                    color="#777777",
                )
                continue
            ax.bar(x[i] + offset, int(value), width=0.38, color=color)
            mark = {"implied": "*", "text": "†"}.get(qualifier, "")
            footnotes.add(qualifier) if mark else None
            label = f"{number(value, qualifier if not mark else '')}{mark}"
            ax.text(x[i] + offset, int(value) + ax.get_ylim()[1] * 0.01, label, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels([label for _, label in groups])
    ax.set_xlim(-0.6, len(groups) - 0.4)  # every group in view, drawn or not published
    ax.set_ylabel("People")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole-number ticks
    legend_above(
        ax, [Patch(color=C["secondary"], label=long_month(prev)), Patch(color=C["highlight"], label=long_month(month))]
    )
    now, before = casualties(facts), casualties(facts, prev)
    note = "Casualties of the month's sleeper-cell attacks as published."
    if groups is TOTAL_GROUPS:
        note += " Only totals were published, not the split by military and civilians."
    if "implied" in footnotes:
        note += " * implied: not stated; the report names no such casualties."
    if "text" in footnotes:
        note += " † stated only in the report's body text."
    title = capitalised(
        now.phrase(f" in {long_month(month)}")
        if now.said
        else not_known(f"casualty figures for {long_month(month)}", True, now.report_found)
    )
    if is_provisional(panel, month):
        title = f"PROVISIONAL: {title}"
        note += f" {long_month(month)}: the team's provisional count, not yet published."
    style.finish(
        fig,
        wrap(title),
        note=note,
        values=f"In {long_month(prev)}: "
        + (before.phrase() if before.said else not_known("casualty figures", True, before.report_found))
        + ".",
    )
    return fig


@standard_figure("03_raids_arrests", "Raids and arrests per month", "raids")
@style.house_style
def raids_chart(panel: pd.DataFrame, month: str, months: int = 24, figures: pd.DataFrame | None = None):
    """Figure 3: raids and arrests per month over the 24 months ending `month` (`figures`: as for the attacks
    chart, the title's qualifiers: 'at least 29 arrests')."""
    span = window(month, months)
    data = panel.set_index("month").reindex(span)
    fig, axes = style.new_figure(2, 1, sharex=True)
    x = np.arange(len(span))
    gaps = provisional = 0
    not_found = _not_found(data)
    for ax, metric, label in ((axes[0], "raids", "Raids"), (axes[1], "arrests", "Arrests")):
        series = data[metric]
        set_top(ax, list(series), room=1.25)
        ax.bar(
            x,
            [0 if missing(v) else int(v) for v in series],
            width=0.8,
            color=[C["highlight"] if m == month else C["main"] for m in span],
        )
        gaps += draw_gaps(ax, series, not_found)
        provisional += draw_provisional(ax, data, [0 if missing(v) else int(v) for v in series])
        value = series.get(month)
        if not missing(value):
            ax.text(
                len(span) - 1,
                int(value) + ax.get_ylim()[1] * 0.02,
                str(int(value)),
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold",
            )
        ax.set_ylabel(f"{label} per month")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole-number ticks
    month_ticks(axes[1], span, month)
    facts = MonthFacts(figures, panel, month) if figures is not None else None
    said = []
    for metric, singular, plural in (("raids", "raid", "raids"), ("arrests", "arrest", "arrests")):
        value, qualifier = facts.get(metric) if facts else (data.loc[month, metric], "")
        said.append("" if missing(value) else counted(value, qualifier, singular, plural))
    unknown = [m for m, s in zip(("raids", "arrests"), said) if not s]
    found = facts.report_found() if facts else True
    if not any(said):
        title = capitalised(not_known(f"raid and arrest figures for {long_month(month)}", True, found))
    else:
        title = capitalised(f"{join(said)} in {long_month(month)}")
        if unknown:
            title += f"; {not_known(f'the number of {unknown[0]}', False, found)}"
    if provisional and bool(data.loc[month, "provisional"]):
        title = f"PROVISIONAL: {title}"
    style.finish(
        fig,
        wrap(title),
        note="Anti-ISIS raids by the SDF, Asayish and the Coalition, and arrests in them; "
        "in long al-Hol operations each day counts as a raid."
        + (" Hatched: not published." if gaps else "")
        + _NOT_FOUND_NOTE * bool(((data["raids"].isna() | data["arrests"].isna()) & not_found).any())
        + (PROVISIONAL_NOTE if provisional else ""),
        values=" ".join(trend_sentence(data[m].astype("Float64"), f"{m} counts") for m in ("raids", "arrests")),
    )
    return fig


@standard_figure(
    "04_regions", "Attacks by region", "attacks", absent="No breakdown of attacks by region was published for {month}."
)
@style.house_style
def regions_chart(regions: pd.DataFrame, month: str, metric: str = "attacks", total=None):
    """Figure 4: the month's breakdown by region, or None when no breakdown was published."""
    rows = regions[(regions["month"] == month) & (regions["metric"] == metric)]
    if rows.empty:
        return None
    rows = rows.sort_values("published", kind="mergesort").drop_duplicates("place_id", keep="last")
    use_share = rows["value"].isna().all()  # counts where any region has one; shares only when none has
    column = "share_pct" if use_share else "value"
    rows = rows.sort_values([column, "region"], ascending=[True, False], kind="mergesort", na_position="first")
    fig, ax = style.new_figure()
    y = np.arange(len(rows))
    residual = (rows["place_kind"] == "residual").to_numpy()  # 'other cantons': the report's remainder
    ax.barh(y, rows[column].fillna(0).astype(int), color=[C["muted"] if r else C["main"] for r in residual], height=0.6)
    for i, row in enumerate(rows.itertuples()):
        value = getattr(row, column)
        qual = row.share_qualifier if use_share else row.qualifier
        text = "not published" if missing(value) else number(value, qual) + ("%" if use_share else "")
        if missing(value) and not use_share and not missing(row.share_pct):
            text = f"count not published; {number(row.share_pct, row.share_qualifier)}% of attacks"
        ax.text((0 if missing(value) else int(value)) + 0.2, i, text, va="center", fontsize=8)
    ax.set_ylim(-0.6, max(len(rows), 4) - 0.4)
    ax.set_yticks(y)
    ax.set_yticklabels(
        [
            r.region + (f" ({r.region_as_written})" if normalise(r.region_as_written) != normalise(r.region) else "")
            for r in rows.itertuples()
        ]
    )
    ax.grid(axis="x", color="#E2E2E2")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Share of the month's attacks (%)" if use_share else f"{metric.capitalize()} in the month")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    top = rows[~residual].iloc[-1] if (~residual).any() else rows.iloc[-1]
    if not use_share and rows["value"].isna().any():  # some regions have only a share: say each as published
        ranked = rows.assign(_k=rows["share_pct"].fillna(-1), _v=rows["value"].fillna(-1)).sort_values(
            ["_k", "_v"], ascending=False, kind="mergesort"
        )
        parts = [
            f"{number(r.share_pct, r.share_qualifier)}% in {r.region}"
            if missing(r.value)
            else f"{number(r.value, r.qualifier)} in {r.region}"
            for r in ranked.itertuples()
        ]
        style.finish(
            fig,
            wrap(f"{metric.capitalize()} in {long_month(month)}: {', '.join(parts)}"),
            note="The report gave a share for some regions and a count for others.",
        )
        return fig
    lead = _leading_region(top, column, total, use_share, metric, month)
    note = (
        "Regions as named in the report, resolved to OCHA admin units (in brackets: the report's wording). "
        "Regions the report does not name are not shown."
    )
    if (
        "report" in rows and (rows["report"] == TEAM_REPORT).any()
    ):  # no report has published the month: the team's incidents
        lead = f"PROVISIONAL: {lead}"
        note = (
            "The team's provisional count, not yet published: confirmed incidents of its log by the AANES "
            "region of their place (data/raw/gazetteer/area.csv)."
        )
    if residual.any():
        note += " Grey: what the report gives for the rest (its words), not a place."
    said = [
        f"{r.region} not published"
        if missing(getattr(r, column))
        else f"{r.region} {number(r.share_pct, r.share_qualifier)}%"
        if use_share
        else f"{r.region} {number(r.value, r.qualifier)}"
        for r in rows.iloc[::-1].itertuples()
    ]
    style.finish(fig, wrap(lead), note=note, values=f"By region: {'; '.join(said)}.")
    return fig


def _leading_region(top, column: str, total, use_share: bool, metric: str, month: str) -> str:
    """'12 of November 2023's 19 attacks were in Deir ez-Zor'; 'All 23 of May 2024's attacks were …' when the
    region had every one; '45% of …' for shares."""
    qualifier = top["share_qualifier"] if use_share else top["qualifier"]
    value = f"{number(top[column], qualifier)}{'%' if use_share else ''}"
    whose = f"{long_month(month)}'s"
    if use_share or total is None or missing(total):
        return f"{value} of {whose} {metric} were in {top['region']}"
    if not qualifier and int(top[column]) == int(total):
        return f"All {value} of {whose} {metric} were in {top['region']}"
    return f"{value} of {whose} {number(total)} {metric} were in {top['region']}"


@standard_figure(
    "05_al_hol", "Population of al-Hol camp", "camp", absent="No al-Hol population count was published up to {month}."
)
@style.house_style
def camp_chart(camps: pd.DataFrame, month: str, camp: str = "al-Hol"):
    """Figure 5: al-Hol population by group at the latest snapshot on or before `month`, and its history."""
    history = camps[(camps["camp"] == camp) & (camps["month"] <= month) & (camps["group"] == "total")]
    groups = latest_snapshot(camps, month, camp, with_groups=True)
    if history.empty and groups.empty:
        return None
    fig, (left, right) = style.new_figure(1, 2, gridspec_kw={"width_ratios": [1, 1.6]})
    parts = groups[groups["group"] != "total"]
    if not parts.empty:
        colors = [style.SERIES[i] for i in range(len(parts))]
        left.bar(range(len(parts)), parts["population"].astype(int), color=colors)
        for i, row in enumerate(parts.itertuples()):
            left.text(
                i, int(row.population), number(row.population, row.qualifier), ha="center", va="bottom", fontsize=7.5
            )
        left.set_xticks(range(len(parts)))
        left.set_xticklabels([CAMP_GROUP_WORDS[g].label for g in parts["group"]], fontsize=7.5)
        left.set_title(f"By group, {long_month(parts['month'].iloc[0])}", fontsize=8.5, fontweight="normal")
        left.set_ylim(0, int(parts["population"].max()) * 1.2)
    else:
        left.text(
            0.5,
            0.5,
            "No breakdown by group\npublished up to this month",
            ha="center",
            va="center",
            transform=left.transAxes,
            fontsize=8,
            color="#777777",
        )
        left.set_axis_off()
    left.set_ylabel("People")
    dates = pd.to_datetime(history["as_of_date"])
    exact = history["qualifier"] == ""
    right.scatter(
        dates[exact], history.loc[exact, "population"].astype(int), color=C["main"], s=18, zorder=2, label="exact count"
    )
    right.scatter(
        dates[~exact],
        history.loc[~exact, "population"].astype(int),
        facecolor="white",
        edgecolor=C["main"],
        s=18,
        zorder=2,
        label="approximate or bound (~, >)",
    )
    right.set_ylim(0, int(history["population"].max()) * 1.15 if len(history) else 1)
    right.set_title("Total population, every published count", fontsize=8.5, fontweight="normal")
    right.legend(loc="lower left")
    thousands(left)
    thousands(right)
    right.tick_params(axis="x", labelsize=7)
    latest = latest_snapshot(camps, month, camp)
    total = latest[latest["group"] == "total"]
    if len(total):
        t = total.iloc[0]
        held = f"{camp[:1].upper()}{camp[1:]} held {number(t['population'], t['qualifier'])} people"
        if t["month"] == month:
            title = f"{held} in {long_month(month)}"
        else:  # an older count carries its date, and is called old after OLD_COUNT months
            title = (
                f"{held} at the last published count, {'an old one from ' if is_old(t['month'], month) else ''}"
                f"{dated(t['as_of'])}"
            )
        iraqi = latest[latest["group"] == "iraqi"]
        if len(iraqi):
            title += f", {number(iraqi.iloc[0]['population'], iraqi.iloc[0]['qualifier'])} of them Iraqis"
    else:
        title = f"{camp} camp population"
    style.finish(
        fig,
        wrap(title),
        note="Counts as published by RIC, the camp administration or news agencies; "
        "dates are irregular and nothing is interpolated between them.",
        values=_camp_values(parts, history),
    )
    return fig


def _camp_values(parts: pd.DataFrame, history: pd.DataFrame) -> str:
    """The camp chart's values in words: the groups of the latest breakdown with its date, and the first and
    last published totals."""
    sentences = []
    if len(parts):
        groups = ", ".join(
            f"{number(r.population, r.qualifier)} {CAMP_GROUP_WORDS[r.group].plural}" for r in parts.itertuples()
        )
        sentences.append(f"By group, as of {dated(parts['as_of'].iloc[0])}: {groups}.")
    if len(history):
        ordered = history.sort_values("as_of_date", kind="mergesort")
        first, last = ordered.iloc[0], ordered.iloc[-1]
        sentences.append(
            f"{len(ordered)} published totals, from {number(first['population'], first['qualifier'])} "
            f"{dated(first['as_of'], True)} to {number(last['population'], last['qualifier'])} "
            f"{dated(last['as_of'], True)}."
        )
    return " ".join(sentences)


@standard_figure(
    "06_repatriations",
    "Repatriations by country",
    "camp",
    absent="No repatriation was published in the 12 months ending {month}.",
)
@style.house_style
def repatriations_chart(repatriations: pd.DataFrame, month: str, months: int = 12):
    """Figure 6: people repatriated by country over the 12 months ending `month` (None if none)."""
    span = window(month, months)
    rows = repatriations[repatriations["month"].isin(span)]
    if rows.empty:
        return None
    rows = rows.join(people_repatriated(rows))
    families_only = int(rows["count"].isna().sum())
    everyone = rows[rows["count"].notna()]
    named = everyone[everyone["country"].map(one_country)]  # unnamed, or several together: in the total only
    apart = everyone[~everyone.index.isin(named.index)]
    fig, ax = style.new_figure()
    when = f"in the 12 months to {long_month(month)}"
    values = ""
    if named.empty:  # repatriations there were: say why no country has a bar, never "none published"
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "No repatriation in these 12 months gives both one named country and a number of people",
            ha="center",
            va="center",
            transform=ax.transAxes,
            fontsize=8.5,
            color="#555555",
        )
        total = number(int(everyone["count"].sum()), total_qualifier(everyone["qualifier"])) if len(everyone) else ""
        title = (
            f"{total[:1].upper()}{total[1:]} people repatriated from NES {when}"
            if total
            else f"{families_only} repatriation{'s' if families_only > 1 else ''} {when}, given only in families"
        )
    else:
        by_country = named.groupby("country", sort=True).agg(
            people=("count", "sum"), n=("country", "size"), qualifier=("qualifier", total_qualifier)
        )
        by_country = by_country.sort_values(["people", "n"], kind="mergesort")
        y = np.arange(len(by_country))
        ax.barh(y, by_country["people"].astype(int), color=C["main"], height=0.6)
        for i, (_, row) in enumerate(by_country.iterrows()):
            times = f" ({row['n']} repatriations)" if row["n"] > 1 else ""
            ax.text(
                int(row["people"]), i, f" {number(row['people'], row['qualifier'])}{times}", va="center", fontsize=8
            )
        ax.set_yticks(y)
        ax.set_yticklabels(by_country.index)
        ax.set_xlim(0, int(by_country["people"].max()) * 1.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        thousands(ax, "x")
        ax.grid(axis="x", color="#E2E2E2")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(f"People repatriated, {long_month(span[0])} to {long_month(month)}")
        total = number(int(everyone["count"].sum()), total_qualifier(everyone["qualifier"]))
        title = (
            f"{total[:1].upper()}{total[1:]} people repatriated from NES {when}, most by "
            f"{country(by_country.index[-1])}"
        )
        values = (
            "By country: "
            + "; ".join(
                f"{name} {number(row['people'], row['qualifier'])} in "
                f"{counted(row['n'], '', 'repatriation', 'repatriations')}"
                for name, row in by_country.iloc[::-1].iterrows()
            )
            + "."
        )
    note = (
        "Repatriations published in the reports and cited pages; where only women and children were given, "
        "people = their sum."
    )
    if len(apart):
        note += (
            f" {number(int(apart['count'].sum()), total_qualifier(apart['qualifier']))} people repatriated by a "
            "country the source does not name, or by several together, are in the total, not in a bar."
        )
    if families_only:
        note += (
            f" {families_only} repatriation{'s' if families_only > 1 else ''} given only in families "
            "(no number of people) not counted."
        )
    style.finish(fig, wrap(title), note=note, values=values)
    return fig
