"""The month being written (SYNTHETIC logs made from data/templates): the counting rules of the codebook, published
wins, closing a month and its late arrivals."""

from datetime import UTC, datetime

import pandas as pd
import pytest

from analysis.errors import MonthError
from analysis.ingest.build import build
from analysis.months import check_month
from analysis.report.data import load_month
from analysis.run.close import close

from ..conftest import SYNTHETIC_INCIDENTS, TODAY, append_line, write_synthetic_logs


def built(raw, tmp_path):
    out = tmp_path / "processed"
    build(raw, out, today=TODAY)
    return out


def provisional(out):
    frame = pd.read_csv(out / "provisional.csv", dtype=str, keep_default_na=False)
    return {(r.month, r.metric): r.qualifier + r.value for r in frame.itertuples()}


def monthly(out):
    return pd.read_csv(out / "monthly.csv", dtype={"month": str}).set_index("month")


def test_a_month_only_the_logs_cover_gets_the_teams_figures(provisional_raw, tmp_path):
    out = built(provisional_raw, tmp_path)
    team = provisional(out)
    # status: confirmed counts (M1, M2, M3), unverified_claim apart (M4), possibly_other_group in neither (M5)
    assert team["2025-03", "attacks"] == "3" and team["2025-03", "attacks_unverified"] == "1"
    # casualties over confirmed incidents only; an unknown value makes the sum a bound
    assert team["2025-03", "military_killed"] == "3" and team["2025-03", "military_injured"] == "≥1"
    assert team["2025-03", "civilian_injured"] == "0"  # M5's 2 injured are not a confirmed attack's
    assert team["2025-03", "raids"] == "2" and team["2025-03", "arrests"] == "8"
    assert team["2025-03", "isis_officials_captured"] == "1" and team["2025-03", "isis_officials_killed"] == "1"
    assert monthly(out).loc["2025-03", "attacks"] == 3
    assert (out / "provisional_months.txt").read_text().split() == ["2025-03", "2025-04", "2025-05"]
    assert (out / "months.txt").read_text().split() == ["2025-01", "2025-02"]
    sources = pd.read_csv(out / "sources.csv", dtype=str, keep_default_na=False)
    mine = sources[(sources["period"] == "2025-03") & (sources["metric"] == "attacks")]
    assert mine["report"].tolist() == ["The team's provisional count (not yet published)"]
    assert "sha256" in mine["note"].iloc[0] and mine["source_url"].iloc[0] == "data/raw/incidents/incident_log.csv"


def test_in_nes_means_not_outside_the_reports_area(provisional_raw, tmp_path):
    """SYN-M6 (Aleppo city, confirmed, 5 killed) lies outside area.csv: left out of the count, and said so."""
    out = built(provisional_raw, tmp_path)
    assert provisional(out)["2025-03", "military_killed"] == "3"
    notes = pd.read_csv(out / "provisional.csv", dtype=str, keep_default_na=False)
    assert "1 row(s) of the month placed outside the report's area were left out" in set(notes["note"])


def test_a_date_of_precision_month_counts_in_that_month(provisional_raw, tmp_path):
    """SYN-M3 is dated '2025-03' (precision month): it is one of March's attacks; removing it lowers the count."""
    rows = [r for r in SYNTHETIC_INCIDENTS if not r.startswith("SYN-M3,")]
    write_synthetic_logs(provisional_raw, incidents=rows)
    out = built(provisional_raw, tmp_path)
    assert provisional(out)["2025-03", "attacks"] == "2" and provisional(out)["2025-03", "civilian_killed"] == "0"


def test_unverified_incidents_only_give_zero_attacks_and_their_claims(provisional_raw, tmp_path):
    out = built(provisional_raw, tmp_path)
    team = provisional(out)
    assert team["2025-04", "attacks"] == "0" and team["2025-04", "attacks_unverified"] == "2"
    assert team["2025-04", "military_killed"] == "0"  # no confirmed attack: none killed in one
    assert ("2025-04", "raids") not in team  # the raid log does not declare April: not counted, not zero


def test_a_covered_month_with_nothing_logged_is_a_real_zero_and_an_undeclared_one_is_missing(provisional_raw, tmp_path):
    out = built(provisional_raw, tmp_path)
    assert provisional(out)["2025-05", "attacks"] == "0"
    assert monthly(out).loc["2025-05", "attacks"] == 0
    assert not any(month == "2025-06" for month, _ in provisional(out))


def test_published_wins_and_the_difference_is_kept(provisional_raw, tmp_path):
    """February 2025 is published (5 attacks) and logged (3): the figures are the published ones; the
    reconciliation keeps the difference."""
    out = built(provisional_raw, tmp_path)
    assert not any(month == "2025-02" for month, _ in provisional(out))
    assert monthly(out).loc["2025-02", "attacks"] == 5
    recon = pd.read_csv(out / "reconciliation.csv", dtype=str).set_index(["month", "metric"])
    assert recon.loc[("2025-02", "attacks"), "difference"] == "-2"
    assert recon.loc[("2025-02", "attacks"), "status"] == "differs"


def test_a_month_published_later_stops_being_provisional(provisional_raw, tmp_path):
    append_line(
        provisional_raw / "monthly_figures.csv",
        "2025-03,attacks,5,,SYNTHETIC report on March 2025,2025-04-05,https://example.org/synthetic/2025-03,SYNTHETIC",
    )
    out = built(provisional_raw, tmp_path)
    assert monthly(out).loc["2025-03", "attacks"] == 5
    assert "2025-03" in (out / "months.txt").read_text().split()
    assert ("2025-03", "attacks") not in provisional(out)
    # a published month is the report's whole: what it did not give stays not published (the log is reconciled)
    assert ("2025-03", "raids") not in provisional(out) and pd.isna(monthly(out).loc["2025-03", "raids"])
    recon = pd.read_csv(out / "reconciliation.csv", dtype=str).set_index(["month", "metric"])
    assert recon.loc[("2025-03", "raids"), "from_log"] == "2"
    assert recon.loc[("2025-03", "attacks"), "status"] == "differs"  # the log: 4 confirmed (Aleppo too), the report 5


def test_team_counts_typed_by_hand(raw_dir, tmp_path):
    (raw_dir / "team_counts.csv").write_text(
        "month,metric,value,counted_by,counted_on,note\n"
        "2001-06,attacks,6,SYNTHETIC editor,2001-07-02,SYNTHETIC\n"
        "2001-06,raids,≥2,SYNTHETIC editor,2001-07-02,SYNTHETIC\n",
        encoding="utf-8",
    )
    out = built(raw_dir, tmp_path)
    assert provisional(out) == {("2001-06", "attacks"): "6", ("2001-06", "raids"): "≥2"}
    assert "2001-06" in (out / "provisional_months.txt").read_text().split()


def test_team_counts_need_who_and_when(raw_dir, tmp_path):
    (raw_dir / "team_counts.csv").write_text(
        "month,metric,value,counted_by,counted_on,note\n2001-06,attacks,6,,2001-07-02,SYNTHETIC\n", encoding="utf-8"
    )
    build(raw_dir, tmp_path / "p", today=TODAY, allow_rejections=True)
    rejected = pd.read_csv(tmp_path / "p" / "rejected.csv", dtype=str)
    assert rejected[["file", "column"]].values.tolist() == [["team_counts.csv", "counted_by"]]


def test_a_closed_month_keeps_its_figures_and_lists_a_late_arrival(provisional_raw, tmp_path):
    out = built(provisional_raw, tmp_path)
    path, record = close(provisional_raw, out, "2025-03", now=datetime(2025, 4, 2, 9, 30, tzinfo=UTC))
    assert path == provisional_raw.parent / "closed" / "2025-03.json"
    assert record["closed_at"] == "2025-04-02 09:30 UTC" and record["figures"]["attacks"]["value"] == 3
    assert record["ids"]["incident_log"] == ["SYN-M1", "SYN-M2", "SYN-M3", "SYN-M4", "SYN-M5", "SYN-M6"]
    assert len(record["logs"]["incident_log"]["sha256"]) == 64
    write_synthetic_logs(
        provisional_raw,
        incidents=[
            *SYNTHETIC_INCIDENTS,
            "SYN-M7,2025-03-30,day,Basira,,,ied,sdf,1,0,0,0,confirmed,https://example.org/syn,SYNTHETIC",
        ],
    )
    out = built(provisional_raw, tmp_path)
    assert provisional(out)["2025-03", "attacks"] == "3"  # never folded into the closed month
    late = pd.read_csv(out / "late_arrivals.csv", dtype=str)
    assert late[["month", "log", "id"]].values.tolist() == [["2025-03", "incident_log", "SYN-M7"]]
    april = load_month(out, "2025-04")
    from analysis.report.provisional import late_text

    assert late_text(april.optional, "2025-04").startswith(
        "1 incident of March 2025 was logged after the March figures were taken (closed 2025-04-02 09:30 UTC)"
    )
    with pytest.raises(Exception, match="was closed on 2025-04-02 09:30 UTC"):
        close(provisional_raw, out, "2025-03")


def test_a_published_month_cannot_be_closed(provisional_raw, tmp_path):
    out = built(provisional_raw, tmp_path)
    with pytest.raises(Exception, match="2025-02 is published"):
        close(provisional_raw, out, "2025-02")


def test_the_month_check_accepts_both_kinds_and_lists_both():
    assert check_month("2025-03", ["2025-01"], provisional=["2025-03"]) == "2025-03"
    with pytest.raises(
        MonthError,
        match=r"no attack count was published for 2025-07, and the team's records give "
        r"none\. Months with data: 2025-01; months with a provisional count from "
        r"the team's records: 2025-03",
    ):
        check_month("2025-07", ["2025-01"], provisional=["2025-03"])
