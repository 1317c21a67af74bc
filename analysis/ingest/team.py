"""The month being written: the team's own count, provisional until a report publishes the month.

A month the team's logs declare they cover (data/raw/incidents/covered_months.csv), or whose counts the team
typed into data/raw/team_counts.csv, gets its headline figures from those records when no report has published
an attack count for it. The figures enter the data build as statements of their own ("the team's provisional
count"), so every table and report reads them like any figure, and `provisional.csv` says which they are.
Published wins: a month with a published attack count never takes a team statement, and the logs are then only
reconciled against it. A month closed with `python -m analysis close MONTH` (data/closed/MONTH.json) keeps
the figures taken at its cut-off; incidents logged for it afterwards are late arrivals, listed in the next
month's report and never folded into it. Counting rules: data/raw/README.md ("The month being written").
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..vocabulary import METRICS, TEAM_REPORT
from . import incidents as inc
from . import parsing
from .clean import statement_id
from .schemas import Column, TableSchema, not_in_future

LOG_NAMES = (inc.INCIDENT_LOG.name, inc.RAID_LOG.name)
# Where an incident counts toward a month's provisional headline: anywhere the area does not exclude it.
COUNTED_AREA = ("in", "split", "district only")
INCIDENT_METRICS = ["attacks", "attacks_unverified", *inc.CASUALTIES]
RAID_METRICS = {
    "raids": "raids",
    "arrests": "arrests",
    "isis_killed": "isis_killed",
    "isis_officials_captured": "officials_captured",
    "isis_officials_killed": "officials_killed",
}
PROVISIONAL_COLUMNS = [
    "month",
    "metric",
    "value",
    "qualifier",
    "origin",
    "source",
    "counted_by",
    "counted_on",
    "closed_at",
    "note",
]
LATE_COLUMNS = ["month", "log", "id", "date", "status", "closed_at"]

COVERED_MONTHS = TableSchema(
    name="covered_months",
    columns=(
        Column("month", "month", description="a month the log holds every incident (or raid) of"),
        Column("log", "choice", choices=LOG_NAMES, description="which log covers it"),
        Column("counted_by", "text", description="who counted (a name or a role)"),
        Column("counted_on", "date", description="when the log was last brought up to date for the month"),
        Column("note", "note", required=False, description="anything else"),
    ),
    key=("month", "log"),
    checks=(not_in_future("counted_on"),),
)

TEAM_COUNTS = TableSchema(
    name="team_counts",
    columns=(
        Column("month", "month", description="the month counted"),
        Column("metric", "choice", choices=tuple(METRICS), description="as in monthly_figures.csv"),
        Column("value", "count", description="the team's count (a bound as ≥N)"),
        Column("counted_by", "text", description="who counted (a name or a role)"),
        Column("counted_on", "date", description="when"),
        Column("note", "note", required=False, description="how it was counted"),
    ),
    key=("month", "metric"),
    checks=(not_in_future("counted_on"),),
)


def incident_areas(log: pd.DataFrame) -> pd.DataFrame:
    """Per month, place and status: incidents, and the casualties known (summable over chunks)."""
    frame = log[["month", "adm2_pcode", "adm3_pcode", "region", "status"]].copy()
    frame["incidents"] = 1
    for column in inc.CASUALTIES:
        frame[column] = log[column]
        frame[f"{column}_unknown"] = log[column].isna().astype("int64")
    keys = ["month", "adm2_pcode", "adm3_pcode", "region", "status"]
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = grouped[["incidents", *(f"{c}_unknown" for c in inc.CASUALTIES)]].sum().astype("int64")
    for column in inc.CASUALTIES:
        out[column] = grouped[column].sum(min_count=1).astype("Int64")
    return out.reset_index()


def raid_areas(log: pd.DataFrame) -> pd.DataFrame:
    """Per month and place: raids and the counts known (summable over chunks)."""
    columns = list(RAID_METRICS.values())[1:]
    frame = log[["month", "adm2_pcode", "adm3_pcode", "region"]].copy()
    frame["raids"] = 1
    for column in columns:
        frame[column] = log[column]
        frame[f"{column}_unknown"] = log[column].isna().astype("int64")
    grouped = frame.groupby(["month", "adm2_pcode", "adm3_pcode", "region"], sort=True, dropna=False)
    out = grouped[["raids", *(f"{c}_unknown" for c in columns)]].sum().astype("int64")
    for column in columns:
        out[column] = grouped[column].sum(min_count=1).astype("Int64")
    return out.reset_index()


def _sum(rows: pd.DataFrame, column: str, unknown: str) -> tuple[object, str]:
    """A sum over counted rows: 0 over none, the known total (a bound '≥' when some are unknown), or NA when
    every one is unknown."""
    if rows.empty:
        return 0, ""
    known = rows[column].sum(min_count=1)
    if pd.isna(known):
        return pd.NA, ""
    return int(known), "≥" if rows[unknown].sum() else ""


def log_counts(areas: pd.DataFrame, month: str, kind: str) -> dict[str, tuple[object, str]]:
    """The month's headline figures from a log's area table (see the codebook's counting rules)."""
    rows = areas[(areas["month"] == month) & areas["area"].isin(COUNTED_AREA)]
    if kind == inc.INCIDENT_LOG.name:
        confirmed = rows[rows["status"] == "confirmed"]
        out = {
            "attacks": (int(confirmed["incidents"].sum()), ""),
            "attacks_unverified": (int(rows.loc[rows["status"] == "unverified_claim", "incidents"].sum()), ""),
        }
        for column in inc.CASUALTIES:
            out[column] = _sum(confirmed, column, f"{column}_unknown")
        return out
    out = {"raids": (int(rows["raids"].sum()), "")}
    for metric, column in list(RAID_METRICS.items())[1:]:
        out[metric] = _sum(rows, column, f"{column}_unknown")
    return out


def left_out(areas: pd.DataFrame, month: str, kind: str) -> int:
    """How many of the month's log rows lie outside the report's area (not counted)."""
    rows = areas[(areas["month"] == month) & ~areas["area"].isin(COUNTED_AREA)]
    return int(rows["incidents" if kind == inc.INCIDENT_LOG.name else "raids"].sum())


def read_closed(folder: Path) -> dict[str, dict]:
    """The closed months' records (data/closed/YYYY-MM.json), by month."""
    out = {}
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            month = record["month"]
            record["figures"], record["closed_at"]  # noqa: B018 (both must be there)
        except (OSError, ValueError, KeyError, TypeError):
            raise InputFileError(
                path,
                "is not a closing record written by `python -m analysis close`",
                hint="restore it from git (git checkout data/closed), or delete it to reopen the month.",
            ) from None
        if path.stem != month:
            raise InputFileError(
                path,
                f"records the month {month!r}, not {path.stem}",
                hint="restore it from git (git checkout data/closed).",
            )
        out[month] = record
    return out


def team_figures(
    areas: dict[str, pd.DataFrame],
    covered: pd.DataFrame,
    counts: pd.DataFrame,
    closed: dict[str, dict],
    logs: dict[str, dict],
) -> pd.DataFrame:
    """The team's figures of every month its records give (PROVISIONAL_COLUMNS), before publication decides.

    `areas`: log name -> its area table with an `area` column; `covered`: kept rows of covered_months.csv;
    `counts`: kept rows of team_counts.csv; `closed`: the closing records; `logs`: log name -> {file, sha256}."""
    rows = []
    for month, record in sorted(closed.items()):
        for metric, figure in sorted(record["figures"].items()):
            rows.append(
                {
                    "month": month,
                    "metric": metric,
                    "value": figure["value"],
                    "qualifier": figure["qualifier"],
                    "origin": "closed",
                    "source": figure["source"],
                    "counted_by": figure["counted_by"],
                    "counted_on": figure["counted_on"],
                    "closed_at": record["closed_at"],
                    "note": figure.get("note", ""),
                }
            )
    for row in covered.itertuples():
        if row.month in closed or row.log not in areas:
            continue
        table = areas[row.log]
        outside = left_out(table, row.month, row.log)
        note = f"{outside} row(s) of the month placed outside the report's area were left out" if outside else ""
        source = f"data/raw/incidents/{logs[row.log]['file']} (sha256 {logs[row.log]['sha256'][:12]})"
        for metric, (value, qualifier) in log_counts(table, row.month, row.log).items():
            rows.append(
                {
                    "month": row.month,
                    "metric": metric,
                    "value": value,
                    "qualifier": qualifier,
                    "origin": row.log,
                    "source": source,
                    "counted_by": row.counted_by,
                    "counted_on": row.counted_on,
                    "closed_at": "",
                    "note": note,
                }
            )
    from_logs = {(r["month"], r["metric"]) for r in rows}
    for row in counts.itertuples():
        if row.month in closed or (row.month, row.metric) in from_logs:
            continue  # the log's count (or the closed figures) is the team's count of that metric
        value, qualifier = _typed(row.value)
        rows.append(
            {
                "month": row.month,
                "metric": row.metric,
                "value": value,
                "qualifier": qualifier,
                "origin": "team_counts",
                "source": "data/raw/team_counts.csv",
                "counted_by": row.counted_by,
                "counted_on": row.counted_on,
                "closed_at": "",
                "note": row.note,
            }
        )
    out = pd.DataFrame(rows, columns=PROVISIONAL_COLUMNS)
    out["value"] = pd.array(list(out["value"]), dtype="Int64")
    return out.sort_values(["month", "metric"], kind="mergesort").reset_index(drop=True)


def _typed(text: str) -> tuple[int, str]:
    from . import parsing

    parsed = parsing.parse_count(text)
    return parsed.value, parsed.qualifier


def provisional(team: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The team's figures of the months no report has published an attack count for, less any metric a
    report has published for them: the months' provisional figures. Published wins: a month with a published
    attack count takes no team figure at all (what its report did not give stays not published)."""
    if team.empty:
        return pd.DataFrame(columns=PROVISIONAL_COLUMNS)
    stated = statements[(statements["period_type"] == "month") & statements["value"].notna()]
    published_months = set(stated.loc[stated["metric"] == "attacks", "period"])
    published = set(zip(stated["period"], stated["metric"]))
    keep = [m not in published_months and (m, k) not in published for m, k in zip(team["month"], team["metric"])]
    return team[keep].reset_index(drop=True)


def team_statements(rows: pd.DataFrame) -> pd.DataFrame:
    """The provisional figures as statements (clean.figure_statements' columns), to be built like any."""
    notes = [
        " ".join(
            filter(
                None,
                [
                    f"PROVISIONAL: the team's own count from {r.source}, not yet published; counted by {r.counted_by} "
                    f"on {r.counted_on}" + (f"; month closed {r.closed_at}" if r.closed_at else "") + ".",
                    r.note,
                ],
            )
        )
        for r in rows.itertuples()
    ]
    out = pd.DataFrame(
        {
            "statement_id": [statement_id(m, k, "team") for m, k in zip(rows["month"], rows["metric"])],
            "period": rows["month"],
            "period_type": "month",
            "metric": rows["metric"],
            "value": rows["value"].astype("Int64"),
            "qualifier": rows["qualifier"],
            "value_as_written": [f"{q}{v}" for v, q in zip(rows["value"], rows["qualifier"])],
            "stated_in": "",
            "report": TEAM_REPORT,
            "published": rows["counted_on"],
            "published_date": [parsing.parse_date(d)[0].isoformat() for d in rows["counted_on"]],
            "source_url": [s.split(" ")[0] for s in rows["source"]],
            "note": notes,
            "file": [s.split(" ")[0].removeprefix("data/raw/") for s in rows["source"]],
            "line": 0,
        }
    )
    return out


def team_regions(areas: pd.DataFrame, months: list[str], counted_on: dict[str, str]) -> pd.DataFrame:
    """Confirmed attacks of the provisional months by AANES region, as rows of attacks_by_region.csv (to be
    resolved and typed by clean.regions like a published breakdown)."""
    rows = areas[areas["month"].isin(months) & areas["area"].isin(COUNTED_AREA) & (areas["status"] == "confirmed")]
    by = rows.groupby(["month", "region"], sort=True)["incidents"].sum().reset_index()
    by = by[by["region"] != ""]
    return pd.DataFrame(
        {
            "month": by["month"],
            "region": by["region"],
            "metric": "attacks",
            "value": by["incidents"].astype(str),
            "share_pct": "",
            "report": TEAM_REPORT,
            "published": [counted_on.get(m, "") for m in by["month"]],
            "source_url": "data/raw/incidents/incident_log.csv",
            "note": "PROVISIONAL: the team's confirmed incidents by the AANES region of their place",
        }
    )


def late_arrivals(closed: dict[str, dict], ids: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows of a closed month's logs that were not in them when the month was closed (LATE_COLUMNS).

    `ids`: log name -> its rows (id, month, date, status) of the closed months."""
    rows = []
    for month, record in sorted(closed.items()):
        for log, frame in ids.items():
            taken = set(record.get("ids", {}).get(log, []))
            if log not in record.get("ids", {}):
                continue  # the log did not count this month when it was closed
            for r in frame[frame["month"] == month].itertuples(index=False):
                if r.id not in taken:
                    rows.append(
                        {
                            "month": month,
                            "log": log,
                            "id": r.id,
                            "date": r.date,
                            "status": r.status,
                            "closed_at": record["closed_at"],
                        }
                    )
    return pd.DataFrame(rows, columns=LATE_COLUMNS)
