"""Whole-period figures and tables for the overview notebook (2019 to the latest month)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from . import style
from .charts import (
    GAP,
    definition_changes,
    legend_above,
    mark_developments,
    set_top,
    thousands,
    trend_sentence,
    wrap,
)
from .metrics import people_repatriated
from .provisional import published_only
from .wording import country, missing, number, one_country, total_qualifier

C = style.COLORS
SUM_METRICS = [
    "attacks",
    "military_killed",
    "military_injured",
    "civilian_killed",
    "civilian_injured",
    "deaths_total",
    "injured_total",
    "raids",
    "arrests",
]


def annual_summary(panel: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Per year: the sum of the published monthly values, how many months were published, and any annual
    total a report stated. A sum over fewer than 12 months is a floor, not a total."""
    data = published_only(panel).assign(year=panel["month"].str[:4])
    rows = []
    for year, group in data.groupby("year", sort=True):
        row = {"year": year}
        for metric in SUM_METRICS:
            values = group[metric].dropna()
            row[f"{metric}_sum"] = int(values.sum()) if len(values) else pd.NA
            row[f"{metric}_months"] = len(values)
        stated = figures[(figures["period"] == year) & (figures["metric"] == "attacks")]
        row["attacks_annual_published"] = stated["value"].iloc[0] if len(stated) else pd.NA
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in out.columns:
        if col.endswith(("_sum", "_published")):
            out[col] = out[col].astype("Int64")
    return out


def _per_year(summary: pd.DataFrame, metric: str) -> str:
    """'Attacks per year: 2019 at least 240 (9 of 12 months published); 2020 …' for a long description."""
    parts = [
        f"{r['year']} {number(r[f'{metric}_sum'])} ({r[f'{metric}_months']} of 12 months published)"
        for _, r in summary.iterrows()
        if not missing(r[f"{metric}_sum"])
    ]
    return f"{metric.capitalize()} per year: {'; '.join(parts)}." if parts else f"No {metric} figure was published."


@style.house_style
def series_chart(panel: pd.DataFrame, definitions: pd.DataFrame, developments: pd.DataFrame | None = None):
    """Every month's headline attack count, gaps hatched, the change of definition and the developments
    marked for charts shown."""
    panel = published_only(panel)  # the team's provisional counts are not published figures
    months = panel["month"].tolist()
    fig, ax = style.new_figure()
    attacks = panel["attacks"]
    set_top(ax, list(attacks), room=1.2)
    ax.bar(np.arange(len(months)), [0 if missing(v) else int(v) for v in attacks], width=0.8, color=C["main"])
    top = ax.get_ylim()[1]
    gaps = [i for i, v in enumerate(attacks) if missing(v)]
    for i in gaps:
        ax.bar(i, top, width=0.8, **GAP)
    ax.set_ylim(0, top)
    definition_changes(
        ax, months, panel["definition"].fillna(""), dict(zip(definitions["definition"], definitions["label"]))
    )
    marked = mark_developments(ax, months, developments)
    ticks = [i for i, m in enumerate(months) if m.endswith("-01")]
    ax.set_xticks(ticks)
    ax.set_xticklabels([months[i][:4] for i in ticks])
    ax.set_xlim(-0.7, len(months) - 0.3)
    ax.set_ylabel("Attacks per month")
    legend_above(
        ax,
        [
            Patch(color=C["main"], label="Attacks (headline count)"),
            Patch(**{k: v for k, v in GAP.items() if k != "linewidth"}, label="Not published"),
        ],
    )
    first, last = months[0], months[-1]
    style.finish(
        fig,
        wrap(f"Sleeper-cell attacks per month, {first} to {last}: {len(gaps)} months without a published count"),
        note="Hatched: no figure was published (not zero). Dashed line: from May 2022 the headline counts "
        "confirmed ISIS attacks only." + (" \u25bc: a development of that month." if marked else ""),
        values=trend_sentence(attacks.set_axis(months).astype("Float64"), "attack counts"),
    )
    return fig


@style.house_style
def annual_chart(summary: pd.DataFrame):
    """Attacks per year: sum of published months (with how many), beside any annual total RIC stated."""
    fig, ax = style.new_figure()
    x = np.arange(len(summary))
    sums = summary["attacks_sum"].fillna(0).astype(int)
    ax.bar(x - 0.2, sums, width=0.38, color=C["main"], label="Sum of published months")
    stated = summary["attacks_annual_published"]
    ax.bar(
        x[stated.notna().to_numpy()] + 0.2,
        stated.dropna().astype(int),
        width=0.38,
        color=C["unverified"],
        label="Annual total stated by RIC",
    )
    for i, row in summary.iterrows():
        ax.text(
            x[i] - 0.2,
            int(sums[i]),
            f"{number(sums[i])}\n({row['attacks_months']}/12 months)",
            ha="center",
            va="bottom",
            fontsize=7,
        )
        if not missing(row["attacks_annual_published"]):
            ax.text(
                x[i] + 0.2,
                int(row["attacks_annual_published"]),
                number(row["attacks_annual_published"]),
                ha="center",
                va="bottom",
                fontsize=7,
            )
    set_top(ax, list(sums) + list(stated.dropna()), room=1.25)
    ax.set_xticks(x)
    ax.set_xticklabels(summary["year"])
    ax.set_ylabel("Attacks per year")
    legend_above(ax, ax.get_legend_handles_labels()[0])
    style.finish(
        fig,
        "Attacks per year: sums of the published months and RIC's own annual totals",
        note="A year with months missing gives a floor, not a total. Counting definitions differ "
        "before and after May 2022.",
        values=_per_year(summary, "attacks")
        + " "
        + "; ".join(
            f"RIC's total for {r.year}: {number(r.attacks_annual_published)}"
            for r in summary.itertuples()
            if not missing(r.attacks_annual_published)
        )
        + ".",
    )
    return fig


def casualties_by_year(panel: pd.DataFrame) -> pd.DataFrame:
    """Killed and injured per year: military and civilians where split, and totals-only months apart."""
    rows = []
    for year, group in published_only(panel).assign(year=panel["month"].str[:4]).groupby("year", sort=True):
        row = {"year": year}
        for kind, mil, civ, total in (
            ("killed", "military_killed", "civilian_killed", "deaths_total"),
            ("injured", "military_injured", "civilian_injured", "injured_total"),
        ):
            split = group[mil].notna() | group[civ].notna()
            row[f"military_{kind}"] = int(group.loc[split, mil].fillna(0).sum())
            row[f"civilian_{kind}"] = int(group.loc[split, civ].fillna(0).sum())
            row[f"unsplit_{kind}"] = int(group.loc[~split, total].fillna(0).sum())
        rows.append(row)
    return pd.DataFrame(rows)


@style.house_style
def casualties_chart(by_year: pd.DataFrame):
    """Casualties by year, killed and injured, military / civilians / totals-only."""
    fig, axes = style.new_figure(1, 2, sharey=True)
    x = np.arange(len(by_year))
    for ax, kind in zip(axes, ("killed", "injured")):
        bottom = np.zeros(len(by_year))
        for part, color, label in (
            ("military", C["main"], "Military personnel"),
            ("civilian", C["civilian"], "Civilians"),
            ("unsplit", C["muted"], "Total only (no split published)"),
        ):
            values = by_year[f"{part}_{kind}"].to_numpy()
            ax.bar(x, values, bottom=bottom, color=color, width=0.7, label=label)
            bottom += values
        ax.set_xticks(x)
        ax.set_xticklabels(by_year["year"], fontsize=7.5)
        ax.set_title(kind.capitalize(), fontsize=9, fontweight="normal")
    axes[0].set_ylabel("People")
    axes[1].legend(handles=axes[0].get_legend_handles_labels()[0], loc="upper left", fontsize=7)
    style.finish(
        fig,
        "Casualties of sleeper-cell attacks by year, as published",
        note="Sums of published months only; months with no casualty figure add nothing.",
        values="; ".join(
            f"{r.year}: {number(r.military_killed)} military personnel and "
            f"{number(r.civilian_killed)} civilians killed"
            + (f", {number(r.unsplit_killed)} more in totals only" if r.unsplit_killed else "")
            for r in by_year.itertuples()
        )
        + ".",
    )
    return fig


@style.house_style
def raids_by_year(summary: pd.DataFrame):
    """Raids and arrests per year (sums of published months, with how many months)."""
    fig, axes = style.new_figure(1, 2)
    x = np.arange(len(summary))
    for ax, metric, label in ((axes[0], "raids", "Raids"), (axes[1], "arrests", "Arrests")):
        sums = summary[f"{metric}_sum"].fillna(0).astype(int)
        ax.bar(x, sums, color=C["main"], width=0.7)
        for i, value in enumerate(sums):
            ax.text(
                i,
                value,
                f"{number(value)}\n({summary[f'{metric}_months'].iloc[i]}/12)",
                ha="center",
                va="bottom",
                fontsize=6.8,
            )
        set_top(ax, list(sums), room=1.3)
        ax.set_xticks(x)
        ax.set_xticklabels(summary["year"], fontsize=7.5)
        ax.set_title(f"{label} per year", fontsize=9, fontweight="normal")
    style.finish(
        fig,
        "Anti-ISIS raids and arrests by year (sums of the published months)",
        note="(n/12): months with a published figure; a year with gaps gives a floor, not a total.",
        values=f"{_per_year(summary, 'raids')} {_per_year(summary, 'arrests')}",
    )
    return fig


@style.house_style
def cumulative_repatriations(repatriations: pd.DataFrame):
    """Cumulative people repatriated, by country, over time (None when there are none)."""
    if repatriations.empty:
        return None
    rows = repatriations.join(people_repatriated(repatriations))
    rows = rows[rows["count"].notna()].copy()  # given only in families: no people to add
    if rows.empty:
        return None
    rows["count"] = rows["count"].astype(int)
    everyone, rows = rows, rows[rows["country"].map(one_country)].copy()  # unnamed or joint: in the total only
    if rows.empty:
        return None
    rows["when"] = pd.to_datetime(rows["month"] + "-01")
    fig, ax = style.new_figure()
    order = rows.groupby("country")["count"].sum().sort_values(ascending=False, kind="mergesort").index
    for i, name in enumerate(order):
        own = rows[rows["country"] == name].sort_values("when", kind="mergesort")
        cumulative = own["count"].cumsum()
        ax.step(own["when"], cumulative, where="post", color=style.SERIES[i % len(style.SERIES)], label=name)
        ax.scatter(own["when"], cumulative, s=10, color=style.SERIES[i % len(style.SERIES)])
        ax.text(
            own["when"].iloc[-1],
            cumulative.iloc[-1],
            f"  {name} {number(cumulative.iloc[-1])}",
            fontsize=7,
            va="center",
        )
    thousands(ax)
    ax.set_ylabel("People repatriated (cumulative)")
    apart = len(everyone) - len(rows)
    style.finish(
        fig,
        wrap(
            f"Repatriations recorded in our sources: "
            f"{number(everyone['count'].sum(), total_qualifier(everyone['qualifier']))} people, "
            f"most by {country(order[0])}"
        ),
        note="Only repatriations published in the reports and cited pages; not a complete register."
        + (f" {apart} by a country not named, or by several together, are in the total only." if apart else ""),
        values="By country: "
        + "; ".join(f"{name} {number(rows.loc[rows['country'] == name, 'count'].sum())}" for name in order)
        + ".",
    )
    return fig


@style.house_style
def seasonality_heatmap(panel: pd.DataFrame):
    """Attacks by month (columns) and year (rows), so seasonality shows at a glance; months without a published
    count are hatched, never zero. The change of counting definition (May 2022) is said in the note."""
    import seaborn as sns

    frame = published_only(panel).assign(
        year=panel["month"].str[:4], calendar_month=panel["month"].str[5:7].astype(int)
    )
    grid = frame.pivot(index="year", columns="calendar_month", values="attacks").reindex(columns=range(1, 13))
    values = grid.astype("float64")  # missing stays NaN: masked below, drawn as a hatched cell
    fig, ax = style.new_figure()
    ax.set_facecolor(GAP["facecolor"])
    ax.patch.set_hatch(GAP["hatch"])
    ax.patch.set_edgecolor(GAP["edgecolor"])
    ax.grid(False)
    sns.heatmap(
        values,
        ax=ax,
        mask=values.isna(),
        cmap="Blues",
        annot=True,
        fmt=".0f",
        linewidths=0.6,
        linecolor="white",
        cbar_kws={"label": "Attacks (headline count)", "shrink": 0.85},
        annot_kws={"fontsize": 7},
    )
    ax.set_xticklabels(
        [
            month_abbr
            for month_abbr in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        ],
        rotation=0,
    )
    ax.set_yticklabels(ax.get_yticklabels(), rotation=0)
    ax.set_xlabel("")
    ax.set_ylabel("")
    published = int(values.notna().sum().sum())
    style.finish(
        fig,
        wrap(f"Attacks by month and year: {published} months with a published count"),
        note="Hatched: no figure was published (not zero). From May 2022 the headline counts confirmed "
        "ISIS attacks only, so earlier years count more kinds of attack.",
    )
    return fig
