"""The team's incident log (one row per attack) and raid log: schemas, cleaning, monthly aggregation,
and reconciliation with the published monthly figures.

Both logs live in data/raw/incidents/ (incident_log.csv or .xlsx, raid_log.csv or .xlsx); templates with
the headers and one commented example are in data/templates/. The repository ships no incidents.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import numpy as np
import pandas as pd

from . import parsing
from .distinct import apply_distinct_rows, map_distinct
from .places import Gazetteer
from .placing import PlaceResolver
from .schemas import Column, Context, Rejection, TableSchema, not_in_future

ATTACK_TYPES = (
    "ied",
    "armed_attack",
    "assassination",
    "grenade",
    "rpg",
    "kidnapping",
    "arson",
    "suicide_or_vehicle_bomb",
    "other",
)
TARGETS = (
    "sdf",
    "asayish",
    "other_security",
    "coalition",
    "civilian",
    "official_or_mukhtar",
    "oil_infrastructure",
    "other",
)
STATUSES = ("confirmed", "unverified_claim", "possibly_other_group")
FORCES = ("SDF", "Asayish", "HAT", "joint_coalition")
PRECISIONS = ("day", "week", "month")
CASUALTIES = ["military_killed", "military_injured", "civilian_killed", "civilian_injured"]


def _place_resolves(frame: pd.DataFrame, ctx: Context) -> list[Rejection]:
    """A location must resolve by name, or by coordinates to a sub-district point; never guessed."""
    if ctx.gazetteer is None:
        return []
    codes, placed = _placements(frame, ctx.gazetteer)
    unplaced = np.flatnonzero((placed["place_resolved_by"] == "").to_numpy())
    return [
        (
            idx,
            "location",
            f"'{frame.at[idx, 'location']}' is not in the gazetteer and no coordinates place it; "
            "add the spelling to data/raw/gazetteer/aliases.csv or give latitude/longitude",
        )
        for idx in frame.index[np.isin(codes, unplaced)]
    ]


_PLACE = (
    Column("location", "text", description="place as written (town, sub-district, district, camp)"),
    Column("latitude", "coordinate", required=False, description="decimal degrees, WGS84"),
    Column("longitude", "coordinate", required=False, description="decimal degrees, WGS84"),
)

INCIDENT_LOG = TableSchema(
    name="incident_log",
    columns=(
        Column("incident_id", "text", description="the team's unique id"),
        Column("date", "date", description="date of the attack (midpoint of the week when only the week is known)"),
        Column("date_precision", "choice", choices=PRECISIONS, description="how precisely the date is known"),
        *_PLACE,
        Column("attack_type", "choice", choices=ATTACK_TYPES, description="kind of attack"),
        Column("target", "choice", choices=TARGETS, description="who or what was attacked"),
        *(Column(c, "count", required=False, description="people; empty = unknown") for c in CASUALTIES),
        Column(
            "status",
            "choice",
            choices=STATUSES,
            description="confirmed ISIS attack, unverified claim, or possibly another group",
        ),
        Column("source", "text", description="where the team learned of it"),
        Column("notes", "note", required=False, description="anything else"),
    ),
    key=("incident_id",),
    checks=(not_in_future("date"), _place_resolves),
)

RAID_LOG = TableSchema(
    name="raid_log",
    columns=(
        Column("raid_id", "text", description="the team's unique id"),
        Column("date", "date", description="date of the raid"),
        Column("date_precision", "choice", choices=PRECISIONS, description="how precisely the date is known"),
        *_PLACE,
        Column("forces", "choice", choices=FORCES, description="who raided"),
        Column("arrests", "count", required=False, description="people arrested"),
        Column("isis_killed", "count", required=False, description="ISIS members killed"),
        Column("officials_captured", "count", required=False, description="ISIS officials captured"),
        Column("officials_killed", "count", required=False, description="ISIS officials killed"),
        Column("source", "text", description="where the team learned of it"),
        Column("notes", "note", required=False, description="names of officials, operation, etc."),
    ),
    key=("raid_id",),
    checks=(not_in_future("date"), _place_resolves),
)


def _counts(series: pd.Series) -> pd.Series:
    return map_distinct(series, lambda v: parsing.parse_count(v).value if v else pd.NA, "Int64")


PLACEMENT = ["adm1_pcode", "adm2_pcode", "adm3_pcode", "region", "place_resolved_by", "coordinates_disagree"]


def resolve_locations(rows: pd.DataFrame, gazetteer: Gazetteer) -> pd.DataFrame:
    """p-codes, region and how each row's location was placed ('names', 'coordinates', or '' when not)."""
    codes, placed = _placements(rows, gazetteer)
    out = placed.take(codes) if len(rows) else placed.iloc[0:0]
    return out.set_axis(rows.index)


_PLACED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # gazetteer -> {(location, lat, lon): place}


_RESOLVERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # gazetteer -> PlaceResolver (outlines read once)


def _placements(rows: pd.DataFrame, gazetteer: Gazetteer) -> tuple[np.ndarray, pd.DataFrame]:
    """Each distinct (location, latitude, longitude) placed once: codes per row, and the placements. Names
    first; the rows they do not place are located by their coordinates, all in one call."""
    if gazetteer not in _RESOLVERS:
        _RESOLVERS[gazetteer] = PlaceResolver(gazetteer)
    known = _PLACED.setdefault(gazetteer, {})  # validation and cleaning, and every chunk, place a log's rows
    keys = rows[["location", "latitude", "longitude"]]
    by_points, by_name_with_points = [], []
    for key in keys.drop_duplicates().itertuples(index=False, name=None):
        if key in known:
            continue
        found = gazetteer.resolve(key[0])
        if found.place_id:
            info = gazetteer.describe(found.place_id)
            known[key] = info["adm1_pcode"], info["adm2_pcode"], info["adm3_pcode"], info["region"], "names", ""
            if key[1] and key[2]:
                by_name_with_points.append((key, info))
        elif key[1] and key[2]:
            by_points.append(key)
        else:
            known[key] = "", "", "", "", "", ""
    if by_points or by_name_with_points:
        points = by_points + [key for key, _ in by_name_with_points]
        located = _RESOLVERS[gazetteer].locate(
            pd.Series([float(k[1]) for k in points]), pd.Series([float(k[2]) for k in points])
        )
        places = list(located.itertuples(index=False, name=None))
        for key, (a1, a2, a3) in zip(by_points, places):
            known[key] = a1, a2, a3, gazetteer.describe(a3)["region"] if a3 else "", "coordinates" if a2 else "", ""
        for (key, info), (a1, a2, _) in zip(by_name_with_points, places[len(by_points) :]):
            disagree = _disagreement(gazetteer, info, key, a1, a2)
            if disagree:
                known[key] = known[key][:5] + (disagree,)
    return apply_distinct_rows(keys, lambda *key: known[key], PLACEMENT)


def _district_name(gazetteer: Gazetteer, adm2: str) -> str:
    rows = gazetteer.places[gazetteer.places["adm2_pcode"] == adm2]
    return f"{rows['adm2_name'].iloc[0]} district ({adm2})" if len(rows) else f"district {adm2}"


def _disagreement(gazetteer: Gazetteer, info: dict, key: tuple, a1: str, a2: str) -> str:
    """Where a row's coordinates lie when that is outside the place its location names ('' when they agree).
    The row stays placed by its name (a named place is what the team wrote down); this says so."""
    if info["adm2_pcode"]:
        named, found, level = info["adm2_pcode"], a2, "district"
    elif info["adm1_pcode"]:
        named, found, level = info["adm1_pcode"], a1, "governorate"
    else:
        return ""
    if found == named:
        return ""
    where = _district_name(gazetteer, a2) if a2 else "outside every district of the gazetteer (outside Syria?)"
    return (
        f"placed by its name ({info['name']}); its coordinates ({key[1]}, {key[2]}) lie {where}, not in the "
        f"named place's {level}"
    )


def clean_log(rows: pd.DataFrame, gazetteer: Gazetteer, counts: list[str]) -> pd.DataFrame:
    """Typed log: month from the date, counts as nullable integers, places resolved to p-codes."""
    out = rows.drop(columns=[c for c in rows.columns if c.startswith("_")])  # a new frame; rows stay as they are
    day = map_distinct(rows["date"], lambda v: parsing.parse_date(v)[0].isoformat(), "str")
    out["date"] = day
    out["month"] = day.str.slice(0, 7)  # YYYY-MM of the ISO date
    for column in counts:
        out[column] = _counts(rows[column])
    return pd.concat([out, resolve_locations(rows, gazetteer)], axis=1)


def incidents_monthly(incidents: pd.DataFrame) -> pd.DataFrame:
    """Per month, in the panel's columns: confirmed attacks, unverified claims, casualties of confirmed
    attacks (sum of the known values; empty when none is known)."""
    status = incidents["status"]
    confirmed = status == "confirmed"
    flags = pd.DataFrame(
        {
            "month": incidents["month"],
            "attacks": confirmed,
            "attacks_unverified": status == "unverified_claim",
            "attacks_possibly_other_group": status == "possibly_other_group",
        }
    )
    for column in CASUALTIES:
        flags[column] = incidents[column].where(confirmed)
        flags[f"{column}_unknown"] = confirmed & incidents[column].isna()
    grouped = flags.groupby("month", sort=True)
    counted = [c for c in flags.columns if c != "month" and c not in CASUALTIES]
    out = grouped[counted].sum().astype("int64")
    for column in CASUALTIES:
        out[column] = grouped[column].sum(min_count=1).astype("Int64")  # empty when no confirmed attack has it
    return out[[c for c in flags.columns if c != "month"]].reset_index()


def raids_monthly(raids: pd.DataFrame) -> pd.DataFrame:
    """Per month: raids (one row = one raid), arrests, ISIS killed, officials captured and killed."""
    columns = ["arrests", "isis_killed", "officials_captured", "officials_killed"]
    out = raids.groupby("month", sort=True).agg(
        raids=("raid_id", "size"), **{c: (c, lambda s: s.sum(min_count=1)) for c in columns}
    )
    return out.reset_index().astype({c: "Int64" for c in columns})


def incidents_by(incidents: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Confirmed attacks per month by attack_type, target, adm2_pcode (district) or adm3_pcode (sub-district)."""
    confirmed = incidents.loc[incidents["status"] == "confirmed", ["month", dimension]]  # only the columns needed
    return confirmed.groupby(["month", dimension], sort=True).size().reset_index(name="attacks")


def reconcile(computed: pd.DataFrame, published: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """Per month and metric: value from the log, value published, difference, and a plain status."""
    published = published.set_index("month")
    rows = []
    for row in computed.itertuples():
        for metric in metrics:
            mine = getattr(row, metric)
            theirs = published.at[row.month, metric] if row.month in published.index else pd.NA
            if pd.isna(theirs):
                status, diff = "not published", pd.NA
            elif pd.isna(mine):
                status, diff = "not in the log", pd.NA
            else:
                diff = int(mine) - int(theirs)
                status = "match" if diff == 0 else "differs"
            rows.append(
                {
                    "month": row.month,
                    "metric": metric,
                    "from_log": mine,
                    "published": theirs,
                    "difference": diff,
                    "status": status,
                }
            )
    out = pd.DataFrame(rows, columns=["month", "metric", "from_log", "published", "difference", "status"])
    return out.astype({"from_log": "Int64", "published": "Int64", "difference": "Int64"})


def find_log(folder: Path, stem: str) -> Path | None:
    """data/raw/incidents/<stem>.csv or .xlsx, if the team has one."""
    for suffix in (".csv", ".xlsx"):
        if (Path(folder) / f"{stem}{suffix}").exists():
            return Path(folder) / f"{stem}{suffix}"
    return None
