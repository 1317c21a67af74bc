"""Build data/processed from data/raw: load, validate, clean, merge, save.

The build's one sequence: it decides which raw files are read (each by its reader: `readers` for the tables,
`logs` for the incident and raid logs, `acled`, `area`, `places`, `team` for the closed months) and writes every
processed file, each table with the columns analysis/catalog.py lists (a log's cleaned rows are written a chunk
at a time by `logs` and published here with the rest). The steps in between are the pure functions of
`schemas`, `clean` and `panel`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import catalog, paths
from ..boundaries import outline_rows
from ..errors import InputFileError, RejectedRowsError
from ..months import months_with_headline
from ..outputs import atomic_write_text, write_csv, write_parquet
from . import clean
from .panel import monthly_panel, with_own_report
from .places import load_gazetteer
from .raw_tables import OPTIONAL_RAW_TABLES, RAW_TABLES
from .readers import LINE, SOURCE, TABLE_SUFFIXES, find_table, read_table
from .schemas import REJECTED_COLUMNS, Context, validate

if TYPE_CHECKING:
    from .logs import LogRun


@dataclass
class BuildResult:
    """Counts of one build: rows read, kept and rejected per table, and the files written."""

    read: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    written: list[Path] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)  # log rows whose coordinates lie outside their place

    def summary(self, shown: int = 10) -> str:
        lines = [
            f"  {name:<22} {self.read[name]:>4} read, {self.kept[name]:>4} kept, "
            f"{self.read[name] - self.kept[name]:>3} rejected"
            for name in self.read
        ]
        if self.disagreements:
            lines.append(
                f"  {len(self.disagreements)} log row(s) name a place their coordinates lie outside; each is "
                "placed by the name it gives (column coordinates_disagree of the cleaned log says so):"
            )
            lines += [f"    {line}" for line in self.disagreements[:shown]]
            if len(self.disagreements) > shown:
                lines.append(
                    f"    ... and {len(self.disagreements) - shown} more (coordinates_disagree in "
                    "data/processed/incidents.csv and raids.csv lists them all)"
                )
            lines.append("    What to do: correct the location or the coordinates of each, whichever is wrong.")
        return "\n".join(lines)


def load_and_validate(raw: Path, today: date) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, BuildResult, object]:
    """Read every raw table and split it into kept and rejected rows."""
    gazetteer = load_gazetteer(Path(raw) / "gazetteer")
    ctx = Context(today=today, gazetteer=gazetteer)
    result = BuildResult()
    kept_tables, rejections = {}, []
    for schema in RAW_TABLES:
        if schema.name in OPTIONAL_RAW_TABLES and not any(
            (Path(raw) / f"{schema.name}{suffix}").exists() for suffix in TABLE_SUFFIXES
        ):
            path, frame = Path(raw) / f"{schema.name}.csv", pd.DataFrame(columns=[*schema.column_names, LINE, SOURCE])
        else:
            path = find_table(Path(raw), schema.name)
            frame = read_table(path)
        if schema.name == "monthly_figures" and frame.empty:
            raise InputFileError(
                path,
                "has a header and no rows",
                hint="every report is built from the monthly "
                "figures: add one row per figure a report published (see data/raw/README.md).",
            )
        kept, rejected = validate(frame, schema, path, ctx)
        kept_tables[schema.name] = kept
        rejections.append(rejected)
        result.read[schema.name] = len(frame)
        result.kept[schema.name] = len(kept)
    from .team import COVERED_MONTHS, TEAM_COUNTS

    for schema, folder in ((TEAM_COUNTS, Path(raw)), (COVERED_MONTHS, Path(raw) / "incidents")):
        path = _optional_table(folder, schema.name)  # the team's own records: optional
        if path is None:
            kept_tables[schema.name] = pd.DataFrame(columns=schema.column_names)
            continue
        frame = read_table(path)
        kept, rejected = validate(frame, schema, path, ctx)
        kept_tables[schema.name] = kept
        rejections.append(rejected)
        result.read[schema.name], result.kept[schema.name] = len(frame), len(kept)
    result.rejected = pd.concat(rejections, ignore_index=True) if rejections else result.rejected
    return kept_tables, result.rejected, result, gazetteer


def _optional_table(folder: Path, stem: str) -> Path | None:
    """`stem`.csv or .xlsx in `folder` when there is one (two is an error, as for every table)."""
    from .readers import TABLE_SUFFIXES

    if not any((Path(folder) / f"{stem}{suffix}").exists() for suffix in TABLE_SUFFIXES):
        return None
    return find_table(Path(folder), stem)


def load_logs(raw: Path, ctx: Context, out: Path) -> dict[str, LogRun]:
    """The team's incident and raid logs, when data/raw/incidents/ has them: validated like every table,
    cleaned a chunk at a time into a CSV beside out/<name>.csv (published by `LogRun.cleaned.commit()`)."""
    from .incidents import INCIDENT_LOG, RAID_LOG, find_log
    from .logs import LOGS, run_log

    runs = {}
    try:
        for schema in (INCIDENT_LOG, RAID_LOG):
            path = find_log(Path(raw) / "incidents", schema.name)
            if path is not None:
                runs[schema.name] = run_log(path, schema, ctx, Path(out) / f"{LOGS[schema.name][0]}.csv")
    except BaseException:
        _discard_cleaned(runs)
        raise
    return runs


def _discard_cleaned(runs: dict[str, LogRun]) -> None:
    """Remove the cleaned logs not yet published: they go out with the rest of a build, or not at all."""
    for run in runs.values():
        run.cleaned.discard()


def process_logs(runs: dict[str, LogRun], panel: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The logs' monthly tables, and their reconciliation with the published figures."""
    from . import incidents as inc

    out, computed = {}, None
    for run in runs.values():
        out.update(run.tables)
    if "incidents_monthly" in out:
        computed = out["incidents_monthly"]
    if "raids_monthly" in out:
        monthly = out["raids_monthly"]
        computed = monthly if computed is None else computed.merge(monthly, on="month", how="outer")
    if computed is not None:
        metrics = [
            m
            for m in ["attacks", "attacks_unverified", *inc.CASUALTIES, "raids", "arrests", "isis_killed"]
            if m in computed.columns
        ]
        out["reconciliation"] = inc.reconcile(computed.sort_values("month"), panel, metrics)
    return out


def team_inputs(raw: Path, tables: dict[str, pd.DataFrame], runs: dict[str, LogRun], area: pd.DataFrame):
    """The team's own figures (team.team_figures; None when it keeps no records), each log's table by place
    with where the place stands in the report's area, and the closing records of data/closed/."""
    from ..outputs import sha256_of
    from .area import area_status
    from .incidents import find_log
    from .logs import LOGS
    from .team import read_closed, team_figures

    closed = read_closed(paths.closed_folder(raw))
    covered, counts = tables["covered_months"], tables["team_counts"]
    if not (runs or len(covered) or len(counts) or closed):
        return None, {}, closed
    areas, logs = {}, {}
    for name, run in runs.items():
        table = run.tables[f"{LOGS[name][0]}_areas"]
        areas[name] = table.assign(area=area_status(table["adm2_pcode"], table["adm3_pcode"], table["month"], area))
        path = find_log(Path(raw) / "incidents", name)
        logs[name] = {"file": path.name, "sha256": sha256_of(path)}
    missing = sorted(set(covered["log"]) - set(runs))
    if missing:
        raise InputFileError(
            Path(raw) / "incidents" / "covered_months.csv",
            f"declares months covered by {', '.join(missing)}, which data/raw/incidents/ does not hold",
            hint="add the log, or remove its rows from covered_months.csv.",
        )
    return team_figures(areas, covered, counts, closed, logs), areas, closed


def _closed_ids(runs: dict[str, LogRun], closed: dict[str, dict]) -> dict[str, pd.DataFrame]:
    """Each log's rows of the closed months (id, month, date, status), read back from its cleaned CSV."""
    out = {}
    for name, run in runs.items():
        key = "incident_id" if name == "incident_log" else "raid_id"
        columns = [key, "month", "date", *(["status"] if name == "incident_log" else [])]
        run.cleaned.handle.flush()
        parts = (
            [
                chunk[chunk["month"].isin(list(closed))]
                for chunk in pd.read_csv(
                    run.cleaned.tmp, usecols=columns, dtype=str, keep_default_na=False, chunksize=CHUNK
                )
            ]
            if run.kept
            else []
        )
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
        out[name] = frame.rename(columns={key: "id"}).assign(**({} if "status" in frame else {"status": ""}))
    return out


CHUNK = 100_000
ACLED_SUFFIXES = (".csv", ".csv.gz", ".xlsx")


def process_acled(raw: Path, gazetteer, area: pd.DataFrame, districts) -> dict[str, pd.DataFrame]:
    """ACLED exports dropped into data/raw/acled/ (none ship with the repository): the events placed in
    `districts` and set against the report's `area`, ISIS events per month, what each file covers (files that
    are not exports are listed there, not silently ignored), unresolved places and name/coordinate
    disagreements."""
    from .acled import combine, disagreements, isis_by_district, isis_events_by_month, read_acled, unresolved
    from .area import area_status

    folder = Path(raw) / "acled"
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.name != ".gitkeep") if folder.is_dir() else []
    if not files:
        return {}
    exports = []
    for path in files:
        if not path.name.lower().endswith(ACLED_SUFFIXES):
            exports.append((path, None, "skipped: not an ACLED export (.csv, .csv.gz or .xlsx)"))
            continue
        if path.stat().st_size == 0:
            raise InputFileError(
                path, "is empty", hint="export it from ACLED again, or remove it from data/raw/acled/."
            )
        exports.append((path, read_acled(path, gazetteer, countries=("Syria",), districts=districts), "read"))
    events, covered = combine(exports)  # one row per event: repeats dropped, older issues replaced, counted
    if not any(frame is not None for _, frame, _ in exports):
        return {"acled_coverage": covered}
    events["area"] = area_status(events["admin2_pcode"], events["admin3_pcode"], events["month"], area)
    governorates = {gazetteer.describe(code)["adm1_pcode"] for code in area["adm2_pcode"]}
    return {
        "acled_events": events,
        "acled_isis_monthly": isis_events_by_month(events),
        "acled_unresolved": unresolved(events, governorates),
        "acled_disagreements": disagreements(events),
        "acled_isis_by_district": isis_by_district(events),
        "acled_coverage": covered,
    }


def geography(raw: Path, gazetteer):
    """The report's area (data/raw/gazetteer/area.csv, checked against the gazetteer's sub-districts) and the
    district boundaries, each read once per build."""
    from ..boundaries import load_districts
    from .area import load_area

    area = load_area(
        Path(raw) / "gazetteer" / "area.csv", set(gazetteer.places.index[gazetteer.places["kind"] == "sub-district"])
    )
    return area, load_districts(Path(raw) / "gazetteer" / "districts.geojson")


def process(
    tables: dict[str, pd.DataFrame], gazetteer, team: pd.DataFrame | None = None, team_areas: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """All processed tables from the kept raw rows (pure: no I/O); `team` holds the team's own figures
    (team.team_figures), which become the provisional figures of the months no report has published."""
    from . import team as team_counts

    if tables["monthly_figures"].empty:
        raise RejectedRowsError(
            "no row of monthly_figures.csv was kept, so there is nothing to build from; "
            "see rejected.csv for why each was rejected, and fix those rows."
        )
    published = clean.figure_statements(tables["monthly_figures"])
    definitions = clean.definitions(tables["definitions"])
    reports = clean.reports(tables["reports"])
    provisional = team_counts.provisional(team, published) if team is not None else None
    statements = published
    if provisional is not None and len(provisional):
        statements = pd.concat([published, team_counts.team_statements(provisional)], ignore_index=True)
        statements = statements.sort_values(["period", "metric", "published_date", "line"], kind="mergesort")
        statements = statements.reset_index(drop=True)
    figures = clean.first_and_current(statements)
    panel = with_own_report(monthly_panel(figures, definitions, "current"), reports)
    assert panel["month"].is_unique, "the panel must have one row per month"
    assert (panel[["attacks"]].dropna() >= 0).all().all(), "attack counts cannot be negative"
    regions = clean.regions(tables["attacks_by_region"], gazetteer)
    out = {}
    if provisional is not None:
        out["provisional"] = provisional
        out["published_monthly"] = (
            panel if provisional.empty else monthly_panel(clean.first_and_current(published), definitions, "current")
        )
        months = sorted(set(provisional.loc[provisional["metric"] == "attacks", "month"])) if len(provisional) else []
        if team_areas is not None and months:
            counted_on = provisional[provisional["metric"] == "attacks"].set_index("month")["counted_on"].to_dict()
            extra = team_counts.team_regions(
                team_areas, [m for m in months if m not in set(regions["month"])], counted_on
            )
            if len(extra):
                regions = pd.concat([regions, clean.regions(extra, gazetteer)], ignore_index=True)
    return out | {
        "monthly": panel,
        "monthly_as_published": with_own_report(monthly_panel(figures, definitions, "as-published"), reports),
        "figures": figures,
        "sources": statements,
        "regions": regions,
        "camp_population": clean.camp_population(tables["camp_population"]),
        "repatriations": clean.repatriations(tables["repatriations"]),
        "us_position_attacks": clean.us_position_attacks(tables["us_position_attacks"]),
        "definitions": definitions,
        "developments": clean.developments(tables["developments"]),
        "key_point_order": clean.key_point_order(tables["key_point_order"]),
    }


def build(
    raw: Path = paths.RAW, out: Path = paths.PROCESSED, allow_rejections: bool = False, today: date | None = None
) -> BuildResult:
    """Build every processed table; raise RejectedRowsError (after writing rejected.csv) if rows were
    rejected and `allow_rejections` is False."""
    # Load inputs.
    tables, rejected, result, gazetteer = load_and_validate(Path(raw), today or date.today())
    out = Path(out)
    runs = load_logs(Path(raw), Context(today=today or date.today(), gazetteer=gazetteer), out)
    try:
        for name, run in runs.items():
            result.read[name], result.kept[name] = run.read, run.kept
            result.disagreements += run.disagreements
        rejected = pd.concat([rejected, *(run.rejected for run in runs.values())], ignore_index=True)
        result.rejected = rejected
        result.written.append(_write_table(rejected, out, "rejected"))
        if len(rejected) and not allow_rejections:
            raise RejectedRowsError(
                f"{len(rejected)} row(s) of data/raw were rejected; each is listed with file, line, column, value "
                f"and reason in {out / 'rejected.csv'}:\n"
                + "\n".join(
                    f"  {r.file} line {r.line}, column '{r.column}': {r.reason}" for r in rejected.head(10).itertuples()
                )
                + ("\n  ..." if len(rejected) > 10 else "")
                + "\n  What to do: fix those rows, or rerun with --allow-rejections to build without them."
            )
        # Process data.
        from .logs import LOGS
        from .team import late_arrivals

        area, districts = geography(Path(raw), gazetteer)
        team, areas, closed = team_inputs(Path(raw), tables, runs, area)
        processed = process(tables, gazetteer, team, areas.get("incident_log"))
        processed.update(process_logs(runs, processed.pop("published_monthly", processed["monthly"])))
        processed.update({f"{LOGS[name][0]}_areas": frame for name, frame in areas.items()})
        if closed:
            processed["late_arrivals"] = late_arrivals(closed, _closed_ids(runs, closed))
        processed.update(process_acled(Path(raw), gazetteer, area, districts))
        processed.update({"area": area, "district_outlines": outline_rows(districts)})
        # Save outputs (optional tables of an earlier build that no longer have inputs are removed).
        cleaned_logs = {run.cleaned.path.stem: run.cleaned for run in runs.values()}
        for name in catalog.CONDITIONAL:
            if name not in processed and name not in cleaned_logs:
                (out / catalog.CATALOG[name].file).unlink(missing_ok=True)
        result.written.extend(cleaned.commit() for cleaned in cleaned_logs.values())
        for name, frame in processed.items():
            result.written.append(_write_table(frame, out, name))
        result.written.append(write_parquet(processed["monthly"], out / catalog.PANEL_PARQUET))
        provisional = processed.get("provisional", pd.DataFrame(columns=["month", "metric"]))
        team_months = set(provisional.loc[provisional["metric"] == "attacks", "month"]) if len(provisional) else set()
        months = [m for m in months_with_headline(processed["monthly"]) if m not in team_months]
        result.written.append(atomic_write_text(out / catalog.MONTHS, "\n".join(months) + "\n"))
        result.written.append(
            atomic_write_text(out / catalog.PROVISIONAL_MONTHS, "".join(f"{m}\n" for m in sorted(team_months)))
        )
    except BaseException:
        _discard_cleaned(runs)
        raise
    return result


def _write_table(frame: pd.DataFrame, out: Path, name: str) -> Path:
    """Write processed table `name` as analysis/catalog.py lists it (formulas neutralised in those for people)."""
    table = catalog.CATALOG.get(name)
    assert table is not None, f"{name}.csv is not in analysis/catalog.py: add its entry there"
    assert tuple(frame.columns) == table.columns, (
        f"{name}.csv has the columns {list(frame.columns)}, analysis/catalog.py lists {list(table.columns)}"
    )
    return write_csv(frame, out / table.file, for_people=table.for_people)
