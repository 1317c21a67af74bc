"""A statement marked as a slip (monthly_figures `erratum`) and the record of whether a month's own report was
found (reports.csv). Every row here is SYNTHETIC (months in 2001, example.org addresses)."""

import pandas as pd
import pytest

from analysis.ingest import clean

from ..conftest import build_data as build
from ..conftest import rejected_rows

HEADER = "period,metric,value,stated_in,report,published,source_url,note,erratum"


def with_erratum_column(raw, *lines: str) -> None:
    """The fixture's monthly_figures.csv with the optional `erratum` column added (empty), plus `lines`."""
    path = raw / "monthly_figures.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0] + ",erratum" == HEADER
    path.write_text("\n".join([HEADER, *(r + "," for r in rows[1:]), *lines]) + "\n", encoding="utf-8")


def processed(tmp_path, name: str) -> pd.DataFrame:
    return pd.read_csv(tmp_path / "processed" / name, dtype=str, keep_default_na=False)


def statements(rows):
    """clean.figure_statements over SYNTHETIC rows (period, metric, value, stated_in, report, published, erratum)."""
    frame = pd.DataFrame(rows, columns=["period", "metric", "value", "stated_in", "report", "published", "erratum"])
    frame["source_url"], frame["note"] = "https://example.org/synthetic", "SYNTHETIC"
    frame["_line"], frame["_source"] = range(2, len(frame) + 2), "monthly_figures.csv"
    return clean.figure_statements(frame)


# --- erratum: kept and shown, never current, first-published or a revision ----------------------


def test_a_later_slip_in_the_key_points_does_not_become_current():
    """SYNTHETIC: the month's own report gives 13; the next report's key points give 9 (a slip, flagged) and its
    body text 13. The figure stays 13, first and current, unrevised, and the slip is listed."""
    figures = clean.first_and_current(
        statements(
            [
                ("2001-05", "arrests", "13", "", "Synthetic report May", "2001-06", ""),
                ("2001-05", "arrests", "9", "key_points", "Synthetic report June", "2001-07", "yes"),
                ("2001-05", "arrests", "13", "body_text", "Synthetic report June", "2001-07", ""),
            ]
        )
    )
    row = figures.iloc[0]
    assert (row.value, row.first_value, bool(row.revised), row.n_statements) == (13, 13, False, 3)
    assert row.errata == "9 in the key points of Synthetic report June (erratum)"
    assert row.also_stated == "" and row.disagreement == ""


def test_the_same_slip_unflagged_would_be_current():
    """SYNTHETIC, the contrast: without the flag the later key point is the headline and current value."""
    figures = clean.first_and_current(
        statements(
            [
                ("2001-05", "arrests", "13", "", "Synthetic report May", "2001-06", ""),
                ("2001-05", "arrests", "9", "key_points", "Synthetic report June", "2001-07", ""),
                ("2001-05", "arrests", "13", "body_text", "Synthetic report June", "2001-07", ""),
            ]
        )
    )
    row = figures.iloc[0]
    assert (row.value, row.first_value, bool(row.revised)) == (9, 13, True)
    assert row.errata == ""


def test_a_slip_published_first_is_not_the_first_published_value():
    """SYNTHETIC: a slip printed before the month's own report: the first-published value is the first statement
    that is not a slip."""
    figures = clean.first_and_current(
        statements(
            [
                ("2001-05", "raids", "40", "", "Synthetic early note", "2001-05-20", "yes"),
                ("2001-05", "raids", "4", "", "Synthetic report May", "2001-06", ""),
            ]
        )
    )
    row = figures.iloc[0]
    assert (row.value, row.first_value, bool(row.revised)) == (4, 4, False)
    assert row.current_statement == row.first_statement != ""
    assert row.errata == "40 in Synthetic early note (erratum)"


def test_a_figure_stated_only_by_a_slip_stays_missing():
    """SYNTHETIC: a slip alone supplies no value (missing stays missing), yet is counted and listed."""
    figures = clean.first_and_current(
        statements(
            [
                ("2001-05", "isis_killed", "3", "", "Synthetic report June", "2001-07", "yes"),
            ]
        )
    )
    row = figures.iloc[0]
    assert pd.isna(row.value) and pd.isna(row.first_value)
    assert (row.n_statements, row.current_statement, row.errata) == (1, "", "3 in Synthetic report June (erratum)")


def test_the_build_keeps_the_slip_in_sources_with_its_flag(raw_dir, tmp_path):
    """SYNTHETIC, through the build: March 2001's attacks are 7 as first published and 8 after a revision (the
    fixture); a later report's key points give 70 (a slip, flagged) and its body text 8. sources.csv holds the
    slip with its flag; figures.csv and monthly.csv keep 7 first and 8 current; the key-point and body-text
    statements of one report get distinct ids."""
    with_erratum_column(
        raw_dir,
        "2001-03,attacks,70,key_points,Synthetic report F,2001-06,https://example.org/synthetic/f,"
        "SYNTHETIC: a digit too many,yes",
        "2001-03,attacks,8,body_text,Synthetic report F,2001-06,https://example.org/synthetic/f,SYNTHETIC,",
    )
    result = build(raw_dir, tmp_path)
    assert len(result.rejected) == 0, result.rejected.to_string()
    sources = processed(tmp_path, "sources.csv")
    assert sources.statement_id.is_unique
    march = sources[(sources.period == "2001-03") & (sources.metric == "attacks")]
    assert sorted(zip(march.report, march.value_as_written, march.erratum)) == [
        ("Synthetic report C", "7", ""),
        ("Synthetic report D", "8", ""),
        ("Synthetic report F", "70", "yes"),
        ("Synthetic report F", "8", ""),
    ]
    figure = processed(tmp_path, "figures.csv").query("period == '2001-03' and metric == 'attacks'").iloc[0]
    assert (figure.value, figure.first_value, figure.revised, figure.n_statements) == ("8", "7", "True", "4")
    assert figure.errata == "70 in the key points of Synthetic report F (erratum)"
    assert march.set_index("statement_id").loc[figure.current_statement, "report"] == "Synthetic report F"
    assert processed(tmp_path, "monthly.csv").set_index("month").loc["2001-03", "attacks"] == "8"
    assert processed(tmp_path, "monthly_as_published.csv").set_index("month").loc["2001-03", "attacks"] == "7"


@pytest.mark.parametrize(
    "line, column, reason",
    [
        (
            "2001-01,raids,9,,Synthetic report X,2001-06,https://example.org/synthetic/x,,yes",
            "note",
            "say why the statement is a slip",
        ),
        (
            "2001-01,raids,,,Synthetic report X,2001-06,https://example.org/synthetic/x,SYNTHETIC slip,yes",
            "value",
            "is empty but erratum is yes",
        ),
        (
            "2001-01,raids,9,,Synthetic report X,2001-06,https://example.org/synthetic/x,SYNTHETIC,no",
            "erratum",
            "is not one of the allowed values (yes)",
        ),
    ],
)
def test_a_bad_erratum_row_is_rejected_with_its_reason(raw_dir, tmp_path, line, column, reason):
    with_erratum_column(raw_dir, line)
    rejected = rejected_rows(raw_dir, tmp_path)
    assert len(rejected) == 1
    assert rejected.column.item() == column and reason in rejected.reason.item()


def test_a_file_without_the_erratum_column_builds_as_before(raw_dir, tmp_path):
    """The SYNTHETIC fixture has no `erratum` column: it is read as empty in every row."""
    assert "erratum" not in (raw_dir / "monthly_figures.csv").read_text(encoding="utf-8").splitlines()[0]
    build(raw_dir, tmp_path)
    assert set(processed(tmp_path, "sources.csv").erratum) == {""}
    assert set(processed(tmp_path, "figures.csv").errata) == {""}


# --- reports.csv: was the month's own report found? -----------------------------------------------

REPORTS_HEADER = "month,own_report,source_url,note"


def write_reports(raw, *lines: str) -> None:
    (raw / "reports.csv").write_text("\n".join([REPORTS_HEADER, *lines]) + "\n", encoding="utf-8")


def test_own_report_reaches_the_monthly_panel(raw_dir, tmp_path):
    """SYNTHETIC: a month whose report was found, one whose report was not found, and months not listed."""
    write_reports(
        raw_dir,
        "2001-01,found,https://example.org/synthetic/a,SYNTHETIC",
        "2001-02,not_found,,SYNTHETIC: searched; figures from the next report",
    )
    result = build(raw_dir, tmp_path)
    assert len(result.rejected) == 0 and result.kept["reports"] == 2
    for name in ("monthly.csv", "monthly_as_published.csv"):
        flags = processed(tmp_path, name).set_index("month")["own_report"]
        assert (flags["2001-01"], flags["2001-02"]) == ("found", "not_found")
        assert set(flags.drop(["2001-01", "2001-02"])) == {""}  # not recorded: unknown, not "not found"


def test_without_reports_csv_every_month_is_unknown(raw_dir, tmp_path):
    assert not (raw_dir / "reports.csv").exists()
    result = build(raw_dir, tmp_path)
    assert result.read["reports"] == 0
    assert set(processed(tmp_path, "monthly.csv")["own_report"]) == {""}


@pytest.mark.parametrize(
    "lines, column, reason",
    [
        (["2001-1,found,https://example.org/synthetic/a,"], "month", "YYYY-MM"),
        (["2001-01,missing,,"], "own_report", "is not one of the allowed values (found, not_found)"),
        (["2001-01,found,,"], "source_url", "is empty but own_report is found"),
        (
            ["2001-01,not_found,,", "2001-01,found,https://example.org/synthetic/a,"],
            "month",
            "repeats the statement on",
        ),
        (["2099-01,not_found,,"], "month", "is in the future"),
    ],
)
def test_a_bad_reports_row_is_rejected_with_its_reason(raw_dir, tmp_path, lines, column, reason):
    write_reports(raw_dir, *lines)
    rejected = rejected_rows(raw_dir, tmp_path)
    assert len(rejected) == 1, rejected.to_string()
    assert rejected.file.item().endswith("reports.csv")
    assert rejected.column.item() == column and reason in rejected.reason.item(), rejected.reason.item()
