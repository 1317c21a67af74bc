"""The catalog of data/processed: every table the data build writes, with its columns and count columns.

One list that both sides read, so that they cannot disagree: the build (analysis/ingest/build.py) writes each
table with exactly the columns listed here and removes the optional ones it no longer has inputs for; the
report's loader (analysis/report/data.py) requires the tables every build writes, checks their columns, reads
the count columns as nullable integers and reads the optional tables when present; the digest hashes the
tables listed as `required`. tests/test_catalog.py builds every table (all optional inputs given) and fails
when a table or a column is written that is not listed here, or listed and not written.

Adding a processed table: its entry here and the code that makes it (ingest), then its reader (report).
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import METRICS


@dataclass(frozen=True)
class Table:
    """One processed table, data/processed/`name`.csv."""

    name: str
    columns: tuple[str, ...]
    counts: tuple[str, ...] = ()  # read as nullable integers (empty = not published, never zero)
    inputs: str = ""  # the optional input it is made from (written only when that exists); "" = every build
    # How reports read it: "required" (always, a field of report.data.Processed), "as-published" (the panel of
    # that vintage), "optional" (when present, in Processed.optional), "month only" (by a month's report only).
    read: str = "optional"
    month: bool = False  # a month's report reads it (report.data.load_month), beside the required tables
    for_people: bool = False  # opened in a spreadsheet: formulas neutralised when written
    about: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


_PANEL = ("month", *METRICS, "definition", "revised", "revised_metrics", "qualified_metrics", "own_report")
_STATEMENT = ("report", "published", "source_url", "note")  # where a statement comes from, last in its row
_CASUALTIES = ("military_killed", "military_injured", "civilian_killed", "civilian_injured")
_RAID_COUNTS = ("arrests", "isis_killed", "officials_captured", "officials_killed")
_LOG_PLACE = ("month", "adm1_pcode", "adm2_pcode", "adm3_pcode", "region", "place_resolved_by", "coordinates_disagree")
_INCIDENT_LOG, _RAID_LOG, _BOTH_LOGS = "the incident log", "the raid log", "the incident or raid log"
_TEAM, _CLOSED, _ACLED = "the team's records", "a closed month (data/closed/)", "ACLED exports"

TABLES = (
    # Every build: the published figures and what stands behind them.
    Table(
        "monthly",
        _PANEL,
        counts=tuple(METRICS),
        read="required",
        about="one row per month, every figure's current value",
    ),
    Table(
        "monthly_as_published",
        _PANEL,
        counts=tuple(METRICS),
        read="as-published",
        about="the same with every figure as first published",
    ),
    Table(
        "figures",
        (
            "period",
            "period_type",
            "metric",
            "value",
            "qualifier",
            "first_value",
            "first_qualifier",
            "revised",
            "n_statements",
            "current_statement",
            "first_statement",
            "statement_ids",
            "stated_in",
            "also_stated",
            "disagreement",
            "errata",
        ),
        counts=("value", "first_value", "n_statements"),
        read="required",
        about="every figure, current and first published, and the statements behind it",
    ),
    Table(
        "sources",
        (
            "statement_id",
            "period",
            "period_type",
            "metric",
            "value",
            "qualifier",
            "value_as_written",
            "stated_in",
            "report",
            "published",
            "published_date",
            "source_url",
            "note",
            "erratum",
            "file",
            "line",
        ),
        read="required",
        for_people=True,
        about="every statement: value as written, report, date, address",
    ),
    Table(
        "regions",
        (
            "statement_id",
            "month",
            "metric",
            "region_as_written",
            "place_id",
            "place_name",
            "place_kind",
            "region",
            "adm1_pcode",
            "adm2_pcode",
            "adm3_pcode",
            "value",
            "qualifier",
            "share_pct",
            "share_qualifier",
            *_STATEMENT,
        ),
        counts=("value", "share_pct"),
        read="required",
        about="attacks and raids by region (OCHA p-codes)",
    ),
    Table(
        "camp_population",
        (
            "statement_id",
            "as_of",
            "as_of_date",
            "as_of_precision",
            "month",
            "camp",
            "group",
            "population",
            "qualifier",
            *_STATEMENT,
        ),
        counts=("population",),
        read="required",
        about="the camps' populations by group",
    ),
    Table(
        "repatriations",
        (
            "statement_id",
            "date",
            "date_precision",
            "month",
            "country",
            "camp",
            "repatriated_from",
            "people",
            "people_qualifier",
            "women",
            "women_qualifier",
            "children",
            "children_qualifier",
            "families",
            "families_qualifier",
            *_STATEMENT,
        ),
        counts=("people", "women", "children", "families"),
        read="required",
        about="repatriations from the camps by country",
    ),
    Table(
        "us_position_attacks",
        ("statement_id", "period_start", "period_end", "area", "attacks", "qualifier", *_STATEMENT),
        counts=("attacks",),
        read="required",
        about="attacks on US positions",
    ),
    Table(
        "definitions",
        ("definition", "first_month", "last_month", "label", "description", "source_url"),
        read="required",
        about="the counting definitions and the months each was in force",
    ),
    Table(
        "developments",
        (
            "statement_id",
            "month",
            "date",
            "category",
            "summary",
            "primary_source",
            "key_point_order",
            "on_charts",
            "chart_label",
            *_STATEMENT,
        ),
        counts=("key_point_order",),
        read="required",
        for_people=True,
        about="each month's developments, in the editor's order",
    ),
    Table(
        "key_point_order",
        ("month", "position", "kind", "report", "source_url", "note"),
        counts=("position",),
        read="required",
        about="the report's own order of each month's key points",
    ),
    Table(
        "rejected",
        ("file", "line", "column", "value", "reason", "month"),
        read="month only",
        month=True,
        for_people=True,
        about="rows of data/raw that broke a rule, and why",
    ),
    # Every build: the report's area and the district outlines (read when present).
    Table(
        "area",
        ("adm3_pcode", "adm3_name", "adm2_pcode", "region", "status", "first_month", "last_month", "source", "note"),
        month=True,
        about="the sub-districts of the report's area, over time",
    ),
    Table(
        "district_outlines",
        ("adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name", "ring", "lon", "lat"),
        month=True,
        about="OCHA's district outlines, for the map",
    ),
    # The team's incident and raid logs (data/raw/incidents/).
    Table(
        "incidents",
        (
            "incident_id",
            "date",
            "date_precision",
            "location",
            "latitude",
            "longitude",
            "attack_type",
            "target",
            *_CASUALTIES,
            "status",
            "source",
            "notes",
            *_LOG_PLACE,
        ),
        counts=_CASUALTIES,
        inputs=_INCIDENT_LOG,
        month=True,
        about="the incident log, cleaned and placed",
    ),
    Table(
        "incidents_monthly",
        (
            "month",
            "attacks",
            "attacks_unverified",
            "attacks_possibly_other_group",
            "military_killed",
            "military_killed_unknown",
            "military_injured",
            "military_injured_unknown",
            "civilian_killed",
            "civilian_killed_unknown",
            "civilian_injured",
            "civilian_injured_unknown",
        ),
        counts=("attacks", "attacks_unverified", *_CASUALTIES),
        inputs=_INCIDENT_LOG,
        about="the incident log's counts per month",
    ),
    Table(
        "incidents_by_type", ("month", "attack_type", "attacks"), counts=("attacks",), inputs=_INCIDENT_LOG, month=True
    ),
    Table("incidents_by_target", ("month", "target", "attacks"), counts=("attacks",), inputs=_INCIDENT_LOG, month=True),
    Table(
        "incidents_by_district",
        ("month", "adm2_pcode", "attacks"),
        counts=("attacks",),
        inputs=_INCIDENT_LOG,
        month=True,
    ),
    Table("incidents_by_subdistrict", ("month", "adm3_pcode", "attacks"), counts=("attacks",), inputs=_INCIDENT_LOG),
    Table(
        "incidents_areas",
        (
            "month",
            "adm2_pcode",
            "adm3_pcode",
            "region",
            "status",
            "incidents",
            *(f"{c}_unknown" for c in _CASUALTIES),
            *_CASUALTIES,
            "area",
        ),
        inputs=_INCIDENT_LOG,
        about="the incident log counted by place and status, with the area each is in",
    ),
    Table(
        "raids",
        (
            "raid_id",
            "date",
            "date_precision",
            "location",
            "latitude",
            "longitude",
            "forces",
            *_RAID_COUNTS,
            "source",
            "notes",
            *_LOG_PLACE,
        ),
        counts=_RAID_COUNTS,
        inputs=_RAID_LOG,
        month=True,
        about="the raid log, cleaned and placed",
    ),
    Table("raids_monthly", ("month", "raids", *_RAID_COUNTS), counts=("raids", *_RAID_COUNTS), inputs=_RAID_LOG),
    Table(
        "raids_areas",
        (
            "month",
            "adm2_pcode",
            "adm3_pcode",
            "region",
            "raids",
            *(f"{c}_unknown" for c in _RAID_COUNTS),
            *_RAID_COUNTS,
            "area",
        ),
        inputs=_RAID_LOG,
    ),
    Table(
        "reconciliation",
        ("month", "metric", "from_log", "published", "difference", "status"),
        counts=("from_log", "published", "difference"),
        inputs=_BOTH_LOGS,
        month=True,
        about="the logs' counts against the published figures",
    ),
    # The month being written: the team's provisional figures, and the rows logged after a month was closed.
    Table(
        "provisional",
        ("month", "metric", "value", "qualifier", "origin", "source", "counted_by", "counted_on", "closed_at", "note"),
        counts=("value",),
        inputs=_TEAM,
        month=True,
        about="the team's provisional figures of unpublished months",
    ),
    Table("late_arrivals", ("month", "log", "id", "date", "status", "closed_at"), inputs=_CLOSED, month=True),
    # ACLED exports (data/raw/acled/).
    Table(
        "acled_events",
        (
            "event_id",
            "date",
            "month",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "inter1",
            "inter2",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "fatalities",
            "admin1_pcode",
            "admin2_pcode",
            "admin3_pcode",
            "place_resolved_by",
            "names_disagree",
            "time_precision",
            "geo_precision",
            "timestamp",
            "area",
        ),
        inputs=_ACLED,
    ),
    Table(
        "acled_isis_monthly",
        ("month", "event_type", "area", "events", "fatalities", "events_date_approximate"),
        counts=("events", "fatalities", "events_date_approximate"),
        inputs=_ACLED,
        month=True,
    ),
    Table(
        "acled_unresolved",
        ("admin1", "admin2", "admin3", "location", "area", "events"),
        counts=("events",),
        inputs=_ACLED,
        month=True,
    ),
    Table(
        "acled_disagreements",
        (
            "admin1",
            "admin2",
            "admin3",
            "location",
            "district_by_names",
            "district_by_coordinates",
            "decided_by",
            "events",
        ),
        counts=("events",),
        inputs=_ACLED,
        month=True,
    ),
    Table(
        "acled_coverage",
        (
            "file",
            "status",
            "first_date",
            "last_date",
            "rows",
            "events",
            "repeats_dropped",
            "reissues_replaced",
            "event_types",
            "isis_events",
        ),
        counts=("rows", "events", "repeats_dropped", "reissues_replaced", "isis_events"),
        inputs=_ACLED,
        month=True,
    ),
    Table("acled_isis_by_district", ("month", "adm2_pcode", "events"), counts=("events",), inputs=_ACLED, month=True),
)
CATALOG = {table.name: table for table in TABLES}
# The other files every build writes beside the tables (data/processed/build.json, the build's record, is
# written by analysis/run/data_build.py).
PANEL_PARQUET = "monthly.parquet"  # the panel (monthly.csv) for tools that read Parquet
MONTHS = "months.txt"  # the months with a published attack count, one a line
PROVISIONAL_MONTHS = "provisional_months.txt"  # the months whose attack count is the team's provisional one
FILES = (*(table.file for table in TABLES if not table.inputs), PANEL_PARQUET, MONTHS, PROVISIONAL_MONTHS)

REQUIRED = tuple(t.name for t in TABLES if t.read == "required")  # the fields of report.data.Processed
OPTIONAL = tuple(t.name for t in TABLES if t.read == "optional")  # read when present (Processed.optional)
MONTH_OPTIONAL = tuple(t.name for t in TABLES if t.month)  # beside REQUIRED, what a month's report reads
CONDITIONAL = tuple(t.name for t in TABLES if t.inputs)  # written only when their optional input exists
