"""Read ACLED exports (the 31-column format and ACLED's older layout) in bounded memory, places resolved to
OCHA p-codes, and set the exports together: one row per event, what each file covers.

ACLED's terms forbid redistribution, so the repository ships no export: users drop theirs into
data/raw/acled/ (git-ignored). Headers are matched ignoring case, hyphens, spaces and underscores (the older
layout writes `EVENT-ID-CNTY` or `event id cnty`), extra or reordered columns are ignored, and only the needed
columns are read; the events are cleaned chunk by chunk, so a global export of millions of rows stays within
a few times its size in memory. A workbook's real Excel date cells and the older layout's `9-May-20` dates are
read as dates. ACLED re-issues events under the same `event_id_cnty` with a newer `timestamp`: `combine`
keeps the newest issue because it is newer, drops exact repeats, and counts both. Places:
`placing.PlaceResolver`.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..boundaries import Districts
from ..catalog import CATALOG
from ..errors import InputFileError, quoted
from .distinct import map_distinct
from .places import Gazetteer, load_gazetteer
from .placing import AT_A_BORDER, PlaceResolver

REQUIRED = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "fatalities",
]
OPTIONAL = [
    "country",
    "inter1",
    "inter2",
    "disorder_type",
    "time_precision",
    "geo_precision",
    "assoc_actor_1",
    "assoc_actor_2",
    "timestamp",
]
INTER_CODES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
    "0": "",
}
# acled_events.csv as the catalog lists it; `area` is added when the events are placed in the report's area.
OUTPUT = [c for c in CATALOG["acled_events"].columns if c != "area"]


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d %b %Y", "%d-%b-%y", "%d-%B-%Y", "%d-%b-%Y")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00$")  # an Excel date cell, as the workbook reader gives it


def _iso_date(text: str) -> str:
    """ISO (2023-11-05), 'DD Month YYYY' (05 November 2023), dd-mm-yyyy or the older layout's d-Mon-yy (9-May-20)
    as YYYY-MM-DD; '' if none fits."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return ""


_CUT_SHORT = "is cut short: the compressed export stops part-way (an interrupted download or copy)"
_DOWNLOAD_AGAIN = "download the export again from ACLED (or copy it again) and drop it into data/raw/acled/."


def _count_or_na(text: str):
    text = text.strip() or "0"  # ACLED leaves fatalities empty only when none were reported
    if len(text) > 15 or not text.isascii():  # never a count of deaths; int() would refuse past 4,300 digits
        return pd.NA
    return int(text) if text.isdigit() else pd.NA


def normalise_inter(values: pd.Series) -> pd.Series:
    """Numeric inter codes (1-8) become ACLED's text labels; text labels pass through."""

    def label(value: str) -> str:
        value = value.strip().removesuffix(".0")
        return INTER_CODES.get(value, value)

    return map_distinct(values.fillna("").astype("str"), label, "str")


def _key(name) -> str:
    """A header as compared: lower case, only letters and digits ('EVENT-ID-CNTY', 'event id cnty' and
    'event_id_cnty' are one column)."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def _named(header) -> dict[str, str]:
    """Our column name -> the header as written in the file, for the columns we read."""
    keys = {_key(c): c for c in reversed(list(header))}  # the first of two spellings wins
    return {c: keys[_key(c)] for c in REQUIRED + OPTIONAL if _key(c) in keys}


def _columns(path: Path) -> dict[str, str]:
    return _named(pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns)


def read_acled(
    path: Path | str,
    gazetteer: Gazetteer | None = None,
    chunksize: int = 250_000,
    countries: tuple[str, ...] | None = None,
    districts: Districts | None = None,
) -> pd.DataFrame:
    """One row per ACLED event with the columns of OUTPUT, p-codes resolved (blank when unresolved).

    Raises InputFileError when a required column is missing or a value is broken. pyarrow reads only the
    needed columns; the events are cleaned `chunksize` rows at a time, and `countries` keeps only those
    countries (e.g. ('Syria',)) as they are, so a global export stays within a few times its size in memory.
    """
    path = Path(path)
    if path.name.lower().endswith(".xlsx"):
        return _read_workbook(path, PlaceResolver(gazetteer or load_gazetteer(), districts), countries)
    try:
        available = _columns(path)
    except EOFError:  # a compressed export cut short before its header ends
        raise InputFileError(path, _CUT_SHORT, hint=_DOWNLOAD_AGAIN) from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, zlib.error) as exc:
        raise InputFileError(
            path,
            f"cannot be read as an ACLED CSV export ({exc})",
            hint="export from ACLED as CSV (UTF-8) and drop it into data/raw/acled/.",
        ) from None
    _require_columns(path, available)
    wanted = [c for c in REQUIRED + OPTIONAL if c in available]
    resolver = PlaceResolver(gazetteer or load_gazetteer(), districts)
    parts, rows_before = [], 0
    table = _read_columns(path, [available[c] for c in wanted])
    for start in range(0, table.num_rows, chunksize):
        piece = table.slice(start, chunksize)
        chunk = pd.DataFrame({c: pd.Series(piece.column(available[c]).to_pandas(), dtype="str") for c in wanted})
        chunk.index = pd.RangeIndex(rows_before, rows_before + len(chunk))  # data row numbers, from 0
        rows_before += len(chunk)
        if countries and "country" in chunk:
            chunk = chunk[chunk["country"].isin(countries)]
        if not chunk.empty:
            parts.append(_clean_chunk(chunk, resolver, path))
    if not parts:
        return pd.DataFrame(columns=OUTPUT)
    return pd.concat(parts, ignore_index=True)


def _require_columns(path: Path, available: dict[str, str]) -> None:
    """Refuse an export (CSV or workbook) that lacks one of the REQUIRED columns, naming them."""
    missing = [c for c in REQUIRED if c not in available]
    if missing:
        raise InputFileError(
            path,
            f"is not an ACLED export we can read: it lacks {', '.join(missing)}",
            hint="export all columns (the 31-column format); extra columns are fine.",
            column=missing[0],
        )


def _read_workbook(path: Path, resolver: PlaceResolver, countries: tuple[str, ...] | None) -> pd.DataFrame:
    """An export saved as .xlsx: the first sheet, read whole (workbooks are small: Excel holds 1,048,576 rows)."""
    try:
        sheet = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 (openpyxl raises many kinds for a damaged workbook)
        raise InputFileError(
            path,
            f"cannot be read as an ACLED workbook ({type(exc).__name__}: {exc})",
            hint="save it again from Excel, or export from ACLED as CSV.",
        ) from None
    available = _named(sheet.columns)
    _require_columns(path, available)
    chunk = pd.DataFrame({c: sheet[available[c]].astype("str") for c in REQUIRED + OPTIONAL if c in available})
    # a real Excel date cell comes as '2017-01-01 00:00:00' (midnight: ACLED dates have no time)
    chunk["event_date"] = chunk["event_date"].str.replace(_MIDNIGHT, r"\1", regex=True)
    if countries and "country" in chunk:
        chunk = chunk[chunk["country"].isin(countries)]
    if chunk.empty:
        return pd.DataFrame(columns=OUTPUT)
    return _clean_chunk(chunk, resolver, path).reset_index(drop=True)


def _read_columns(path: Path, columns: list[str]) -> pa.Table:
    """The named columns of an export, as text. pyarrow reads the file on all cores, and only these columns
    (about half an export's bytes); the events are then cleaned a slice at a time, so memory stays within a
    few times the file's size."""
    try:
        text = pacsv.ConvertOptions(
            include_columns=columns, strings_can_be_null=False, column_types={c: pa.large_string() for c in columns}
        )
        return pacsv.read_csv(
            pa.input_stream(str(path)), read_options=pacsv.ReadOptions(block_size=1 << 22), convert_options=text
        )
    except EOFError:
        raise InputFileError(path, _CUT_SHORT, hint=_DOWNLOAD_AGAIN) from None
    except (pa.ArrowInvalid, OSError) as exc:
        if "truncated" in str(exc).lower():
            raise InputFileError(path, _CUT_SHORT, hint=_DOWNLOAD_AGAIN) from None
        raise InputFileError(
            path,
            f"cannot be read as an ACLED CSV export ({str(exc).splitlines()[0]})",
            hint="export it again from ACLED as CSV (UTF-8), unchanged.",
        ) from None


def _refuse(path: Path, chunk: pd.DataFrame, bad: pd.Series, column: str, what: str, hint: str) -> None:
    row = bad[bad].index[0]
    value, event_id = chunk.at[row, column], chunk.at[row, "event_id_cnty"]
    raise InputFileError(
        path, f"has {what}: {quoted(value)} (event {event_id}, data row {row + 1})", hint=hint, column=column
    )


def degrees(text: pd.Series) -> pd.Series:
    """Coordinates as numbers; blank or broken: no coordinates (NaN). pyarrow parses a clean column (the
    usual case) several times faster than pandas, which takes over when a value does not parse."""
    try:
        values = pa.array(text.array)
        values = pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)
        return pd.Series(pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False), index=text.index)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")


def _clean_chunk(chunk: pd.DataFrame, resolver: PlaceResolver, path: Path) -> pd.DataFrame:
    dates = map_distinct(chunk["event_date"], _iso_date, "str")
    if (dates == "").any():
        _refuse(
            path,
            chunk,
            dates == "",
            "event_date",
            "an event_date that is not a date",
            "ACLED dates are YYYY-MM-DD, 'DD Month YYYY' or DD-MM-YYYY.",
        )
    fatalities = map_distinct(chunk["fatalities"], _count_or_na, "Int64")
    if fatalities.isna().any():
        _refuse(
            path,
            chunk,
            fatalities.isna(),
            "fatalities",
            "fatalities that are not a count",
            "fatalities must be a whole number, 0 or more.",
        )
    lat, lon = degrees(chunk["latitude"]), degrees(chunk["longitude"])
    geo_precision = chunk["geo_precision"] if "geo_precision" in chunk else pd.Series("", index=chunk.index)
    placed = resolver.place(chunk["admin1"], chunk["admin2"], chunk["admin3"], lat, lon, geo_precision)
    optional = {
        c: chunk[c].str.strip().str.replace(r"\.0$", "", regex=True) if c in chunk else ""
        for c in ("time_precision", "geo_precision", "timestamp")
    }
    return pd.DataFrame(
        {
            "event_id": chunk["event_id_cnty"],
            "date": dates,
            "month": dates.str.slice(0, 7),
            "event_type": chunk["event_type"].str.strip(),
            "sub_event_type": chunk["sub_event_type"].str.strip(),
            "actor1": chunk["actor1"],
            "actor2": chunk["actor2"],
            "inter1": normalise_inter(chunk["inter1"]) if "inter1" in chunk else "",
            "inter2": normalise_inter(chunk["inter2"]) if "inter2" in chunk else "",
            "admin1": chunk["admin1"],
            "admin2": chunk["admin2"],
            "admin3": chunk["admin3"],
            "location": chunk["location"],
            "latitude": lat,
            "longitude": lon,
            "fatalities": fatalities.astype("int64"),
            **placed,
            **optional,
        },
        index=chunk.index,
    )


def is_isis(events: pd.DataFrame) -> pd.Series:
    """Events with the Islamic State as an actor (ACLED names it 'Islamic State (Syria)')."""
    return events["actor1"].str.startswith("Islamic State") | events["actor2"].str.startswith("Islamic State")


def isis_events_by_month(events: pd.DataFrame) -> pd.DataFrame:
    """ISIS-involved events per month, event type and place in the report's area (`area`: in, split, district
    only, outside, unresolved): counts and fatalities, as integers."""
    columns = ["month", "event_type", "area", "event_id", "fatalities", "time_precision"]
    isis = events.loc[is_isis(events), columns]
    # ACLED time_precision 2 or 3: only the week or the month is known, so the event may belong to the month next door
    isis = isis.assign(date_approximate=isis["time_precision"].isin(["2", "3"]))
    out = (
        isis.groupby(["month", "event_type", "area"], sort=True)
        .agg(
            events=("event_id", "nunique"),
            fatalities=("fatalities", "sum"),
            events_date_approximate=("date_approximate", "sum"),
        )
        .reset_index()
    )
    return out.astype({"events": "int64", "fatalities": "int64", "events_date_approximate": "int64"})


def isis_by_district(events: pd.DataFrame) -> pd.DataFrame:
    """ISIS events per month and district (p-code), for the district map."""
    placed = events.loc[is_isis(events) & (events["admin2_pcode"] != ""), ["month", "admin2_pcode", "event_id"]]
    out = placed.groupby(["month", "admin2_pcode"], sort=True)["event_id"].nunique().reset_index(name="events")
    return out.rename(columns={"admin2_pcode": "adm2_pcode"}).astype({"events": "int64"})


def unresolved(events: pd.DataFrame, area_governorates: set[str]) -> pd.DataFrame:
    """Places neither names nor coordinates could place in a district, with how many events each (never
    guessed): those in a governorate holding part of the report's area may be in it (a data problem to fix),
    the others are outside it (no governorate at all counts as outside)."""
    rows = events[events["admin2_pcode"] == ""]
    out = rows.groupby(["admin1", "admin2", "admin3", "location", "admin1_pcode"], sort=True).size()
    out = out.reset_index(name="events").astype({"events": "int64"})
    out.insert(
        4,
        "area",
        out["admin1_pcode"].map(lambda code: "may be in the area" if code in area_governorates else "outside the area"),
    )
    return out.drop(columns="admin1_pcode")


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Places whose names and coordinates give different districts, and which decided: the coordinates, or,
    within the simplified borders' tolerance of the names' district, the names."""
    rows = events[events["names_disagree"] != ""]
    border = rows["place_resolved_by"] == AT_A_BORDER
    rows = rows.assign(
        district_by_names=rows["names_disagree"].where(~border, rows["admin2_pcode"]),
        district_by_coordinates=rows["admin2_pcode"].where(~border, rows["names_disagree"]),
        decided_by=border.map({True: "names (within 0.001° of the border)", False: "coordinates"}),
    )
    return (
        rows.groupby(
            ["admin1", "admin2", "admin3", "location", "district_by_names", "district_by_coordinates", "decided_by"],
            sort=True,
        )
        .size()
        .reset_index(name="events")
    )


COVERAGE = list(CATALOG["acled_coverage"].columns)


def _stamp(text: str) -> int | None:
    """ACLED's `timestamp` (seconds since 1970, when the row was last changed) as a number; a date-time
    written out (a workbook's cell) is read too; None when blank or not a time."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return int(when.replace(tzinfo=when.tzinfo or UTC).timestamp())


def combine(exports: list[tuple[Path, pd.DataFrame | None, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events of all exports (file, events read or None, status) with one row per `event_id`, and what
    each file covers (COVERAGE, one row a file).

    Rows of one id that agree in every column read (the same event in two overlapping exports, or a row
    written twice) are one event: the repeats are dropped. Rows of one id that differ are ACLED's issues of
    the event: the one with the newest `timestamp` is kept because it is newer, the older are replaced. Rows
    read = events kept + repeats dropped + older issues replaced, per file (a dropped row counts against the
    file it came from). Two differing rows whose timestamps cannot tell which is newer (equal or blank) are
    refused: which one ACLED stands by is not in the files."""
    read = [(path, events.assign(_file=k)) for k, (path, events, _) in enumerate(exports) if events is not None]
    events = pd.concat([e for _, e in read], ignore_index=True) if read else pd.DataFrame(columns=OUTPUT + ["_file"])
    repeat = events.duplicated(subset=OUTPUT, keep="first")
    kept = events[~repeat]
    stamps = kept["timestamp"].map(_stamp)
    issues = kept["event_id"].duplicated(keep=False)
    older = pd.Series(False, index=kept.index)
    if issues.any():
        several = kept[issues].assign(_stamp=stamps[issues])
        for event_id, rows in several.groupby("event_id", sort=True):
            newest = rows["_stamp"].max()
            if rows["_stamp"].isna().any() or (rows["_stamp"] == newest).sum() > 1:
                path = read[int(rows["_file"].iloc[-1])][0]
                raise InputFileError(
                    path,
                    f"holds event {quoted(event_id)} in {len(rows)} rows that differ, and their timestamps "
                    f"({', '.join(quoted(t) for t in rows['timestamp'])}) do not say which is ACLED's newer issue",
                    hint="keep the row of the newer export and remove the other (or export the event again from "
                    "ACLED).",
                    column="timestamp",
                )
            older[rows.index[rows["_stamp"] != newest]] = True
    out = kept[~older]
    rows = []
    for k, (path, frame, status) in enumerate(exports):
        mine = out[out["_file"] == k]
        if frame is None or frame.empty:
            rows.append(
                {
                    "file": path.name,
                    "status": status,
                    "first_date": "",
                    "last_date": "",
                    "rows": 0,
                    "events": 0,
                    "repeats_dropped": 0,
                    "reissues_replaced": 0,
                    "event_types": "",
                    "isis_events": 0,
                }
            )
            continue
        types = mine["event_type"].value_counts().sort_index()
        rows.append(
            {
                "file": path.name,
                "status": status,
                "first_date": frame["date"].min(),
                "last_date": frame["date"].max(),
                "rows": int(len(frame)),
                "events": int(len(mine)),
                "repeats_dropped": int((repeat & (events["_file"] == k)).sum()),
                "reissues_replaced": int((older & (kept["_file"] == k)).sum()),
                "event_types": "; ".join(f"{t}: {n}" for t, n in types.items()),
                "isis_events": int(is_isis(mine).sum()),
            }
        )
    out = out.drop(columns="_file").sort_values(["date", "event_id"], kind="mergesort").reset_index(drop=True)
    return out, pd.DataFrame(rows, columns=COVERAGE)
