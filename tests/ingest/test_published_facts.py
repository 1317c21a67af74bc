"""The processed data built from data/raw agrees with what the reports published."""

from datetime import date

import pandas as pd
import pytest

from analysis import catalog
from analysis.ingest import build

from ..conftest import tracked_raw


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    return tracked_raw(tmp_path_factory.mktemp("raw"))


@pytest.fixture(scope="module")
def processed(tmp_path_factory, raw):
    out = tmp_path_factory.mktemp("processed")
    result = build.build(raw, out, today=date.today())
    assert len(result.rejected) == 0, result.rejected.to_string()
    return out


@pytest.fixture(scope="module")
def panel(processed):
    return pd.read_csv(processed / "monthly.csv", dtype={"month": str}).set_index("month")


def test_november_2023_matches_the_report(panel):
    nov = panel.loc["2023-11"]
    assert (nov.attacks, nov.military_killed, nov.military_injured, nov.civilian_injured) == (11, 4, 5, 7)
    assert (nov.raids, nov.arrests, nov.isis_officials_killed) == (10, 17, 1)
    assert nov.definition == "confirmed_isis"


def test_october_2023_matches_the_report(panel):
    assert panel.loc["2023-10", "attacks"] == 17
    assert (panel.loc["2023-10", "raids"], panel.loc["2023-10", "arrests"]) == (8, 28)


def test_september_2023_military_injured_is_missing_not_zero(panel):
    assert pd.isna(panel.loc["2023-09", "military_injured"])
    assert pd.isna(panel.loc["2023-09", "civilian_injured"])
    assert panel.loc["2023-09", "military_killed"] == 4


def test_june_2021_current_24_first_published_25(processed, panel):
    figures = pd.read_csv(processed / "figures.csv", dtype={"period": str})
    row = figures[(figures.period == "2021-06") & (figures.metric == "attacks")].iloc[0]
    assert (row.value, row.first_value, bool(row.revised)) == (24, 25, True)
    assert panel.loc["2021-06", "attacks"] == 24 and bool(panel.loc["2021-06", "revised"])
    first = pd.read_csv(processed / "monthly_as_published.csv", dtype={"month": str}).set_index("month")
    assert first.loc["2021-06", "attacks"] == 25


def test_july_2021_first_published_12_later_14(processed):
    figures = pd.read_csv(processed / "figures.csv", dtype={"period": str})
    row = figures[(figures.period == "2021-07") & (figures.metric == "attacks")].iloc[0]
    assert (row.first_value, row.value) == (12, 14)


def test_definition_change_is_recorded(panel):
    assert panel.loc["2022-04", "definition"] == "all_sleeper_cell"
    assert panel.loc["2022-05", "definition"] == "confirmed_isis"
    assert panel.loc["2019-11", "definition"] == "all_sleeper_cell"


def test_panel_runs_month_by_month_with_unpublished_months_empty(panel):
    months = list(panel.index)
    assert months == [str(p) for p in pd.period_range(months[0], months[-1], freq="M")]
    assert pd.isna(panel.loc["2021-09", "attacks"])  # no September 2021 report was found: missing, not 0


def test_al_hol_november_2023_snapshot_adds_up(processed):
    camps = pd.read_csv(processed / "camp_population.csv", dtype=str)
    snap = camps[(camps.month == "2023-11") & camps.report.str.startswith("RIC")]
    groups = dict(zip(snap.group, snap.population.astype(int)))
    assert groups == {"total": 49432, "iraqi": 24147, "syrian": 18028, "third_country": 7257}


def test_repatriations_and_us_tally(processed):
    rep = pd.read_csv(processed / "repatriations.csv", dtype=str, keep_default_na=False)
    iraq = rep[(rep.month == "2023-11") & (rep.country == "Iraq")].iloc[0]
    assert (iraq.people, iraq.families, iraq.camp) == ("776", "192", "al-Hol")
    assert {"Russia", "Kyrgyzstan"} <= set(rep.loc[rep.month == "2023-10", "country"])
    us = pd.read_csv(processed / "us_position_attacks.csv", dtype=str)
    assert ((us.period_start == "2023-10-17") & (us.period_end == "2023-11-28") & (us.attacks == "74")).any()


def test_every_figure_keeps_a_source(processed):
    sources = pd.read_csv(processed / "sources.csv", dtype=str, keep_default_na=False)
    assert (sources.source_url.str.startswith("http")).all()
    assert (sources.report != "").all()
    assert sources.statement_id.is_unique
    figures = pd.read_csv(processed / "figures.csv", dtype=str, keep_default_na=False)
    stated = figures[figures.value != ""]
    assert stated.current_statement.isin(set(sources.statement_id)).all()


def test_regions_resolve_to_pcodes(processed):
    """Every named region resolves to a p-code; the report's remainder ('other cantons', allowed by the codebook)
    is kept as written and resolves to no place."""
    regions = pd.read_csv(processed / "regions.csv", dtype=str, keep_default_na=False)
    remainder = regions.place_kind == "residual"
    assert (regions.loc[~remainder, "place_id"] != "").all()
    assert (regions.loc[remainder, "place_id"] == "").all()
    assert (regions.loc[remainder, "region"] == regions.loc[remainder, "region_as_written"]).all()
    dez = regions[(regions.month == "2023-10") & (regions.metric == "attacks")]
    assert dez[["adm1_pcode", "value"]].values.tolist() == [["SY09", "12"]]


def test_build_is_byte_for_byte_deterministic(processed, raw, tmp_path):
    """Every file of the build (area.csv and district_outlines.csv too), twice the same bytes."""
    again = tmp_path / "again"
    build.build(raw, again, today=date.today())
    names = sorted(p.name for p in processed.iterdir())
    assert names == sorted(p.name for p in again.iterdir()) == sorted(catalog.FILES)
    for name in names:
        assert (processed / name).read_bytes() == (again / name).read_bytes(), name
