"""Read ACLED exports (the 31-column format) in bounded memory, with places resolved to OCHA p-codes.

ACLED's terms forbid redistribution, so the repository ships no export: users drop theirs into
data/raw/acled/ (git-ignored). Headers are matched case-insensitively, extra or reordered columns are
ignored, and only the needed columns are read, chunk by chunk, so a global export of millions of rows
does not have to fit in memory at once.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import InputFileError, quoted
from .distinct import apply_distinct_rows, map_distinct
from .places import Gazetteer, load_gazetteer
from .readers import stream_csv

REQUIRED = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
            "admin3", "location", "latitude", "longitude", "fatalities"]
OPTIONAL = ["country", "inter1", "inter2", "disorder_type", "time_precision", "geo_precision", "assoc_actor_1",
            "assoc_actor_2"]
INTER_CODES = {"1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
               "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces", "0": ""}
OUTPUT = ["event_id", "date", "month", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
          "admin1", "admin2", "admin3", "location", "latitude", "longitude", "fatalities", "admin1_pcode",
          "admin2_pcode", "admin3_pcode", "place_resolved_by", "time_precision", "geo_precision"]
PLACED = ["admin1_pcode", "admin2_pcode", "admin3_pcode", "place_resolved_by"]
MAX_SNAP_KM = 50.0


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d %b %Y")


def _iso_date(text: str) -> str:
    """ISO (2023-11-05), 'DD Month YYYY' (05 November 2023) or dd-mm-yyyy as YYYY-MM-DD; '' if none fits."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _count_or_na(text: str):
    text = text.strip() or "0"  # ACLED leaves fatalities empty only when none were reported
    return int(text) if text.isdigit() else pd.NA


def normalise_inter(values: pd.Series) -> pd.Series:
    """Numeric inter codes (1-8) become ACLED's text labels; text labels pass through."""
    def label(value: str) -> str:
        value = value.strip().removesuffix(".0")
        return INTER_CODES.get(value, value)
    return map_distinct(values.fillna("").astype("str"), label, "str")


def _columns(path: Path) -> dict[str, str]:
    """Lower-case column name -> the header as written in the file."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    return {str(c).strip().lower(): c for c in header}


def _haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


class PlaceResolver:
    """Admin names -> p-codes through the gazetteer (cached); coordinates decide where names fail."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        places = gazetteer.places
        subs = places[(places["kind"] == "sub-district") & (places["lat"] != "")]
        self.points = [(r.place_id, r.adm1_pcode, float(r.lat), float(r.lon)) for r in subs.itertuples()]
        self._cache: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}

    def resolve(self, admin1: str, admin2: str, admin3: str, lat, lon) -> tuple[str, str, str, str]:
        """(adm1, adm2, adm3 p-codes, how) — how is 'names', 'coordinates' or '' (unresolved).

        Names are resolved once per distinct (admin1, admin2, admin3); coordinates only where names fail.
        """
        found = self._names_cached(admin1, admin2, admin3)
        if found[3]:
            return found
        return self._by_coordinates(found[0], lat, lon) or found

    def place(self, admin1: pd.Series, admin2: pd.Series, admin3: pd.Series, lat: pd.Series, lon: pd.Series,
              geo_precision: pd.Series) -> dict[str, pd.Series]:
        """Vectorised `resolve` over a chunk (each distinct name triple and point once). Coordinates are
        not used for events whose geo_precision is 3: ACLED then gives a region's centre, not the place."""
        names = pd.DataFrame({"admin1": admin1, "admin2": admin2, "admin3": admin3})
        codes, by_names = apply_distinct_rows(names, self._names_cached, PLACED)
        placed = by_names.take(codes).set_axis(names.index) if len(names) else by_names
        retry = ((placed["place_resolved_by"] == "") & lat.notna() & lon.notna()
                 & (geo_precision.str.strip() != "3")).to_numpy()
        if retry.any():
            points = pd.DataFrame({"adm1": placed.loc[retry, "admin1_pcode"], "lat": lat[retry], "lon": lon[retry]})
            codes, by_points = apply_distinct_rows(
                points, lambda a1, la, lo: self._by_coordinates(a1, la, lo) or (a1, "", "", ""), PLACED)
            placed.loc[retry, PLACED] = by_points.take(codes).to_numpy()
        return {c: placed[c] for c in PLACED}

    def _names_cached(self, admin1: str, admin2: str, admin3: str) -> tuple[str, str, str, str]:
        key = (admin1, admin2, admin3)
        if key not in self._cache:
            self._cache[key] = self._by_names(admin1, admin2, admin3)
        return self._cache[key]

    def _codes(self, place_id: str) -> tuple[str, str, str]:
        """The OCHA p-codes of a place, looked up (never derived from the code's digits)."""
        info = self.gazetteer.describe(place_id)
        return info["adm1_pcode"], info["adm2_pcode"], info["adm3_pcode"]

    def _by_names(self, admin1, admin2, admin3) -> tuple[str, str, str, str]:
        g = self.gazetteer
        a1 = g.resolve(admin1, "governorate").place_id if admin1 else ""
        a2 = g.resolve(admin2, "district").place_id if admin2 else ""
        a3 = g.resolve(admin3, "sub-district").place_id if admin3 else ""
        codes3 = self._codes(a3) if a3 else None
        codes2 = self._codes(a2) if a2 else None
        if codes3 and (not a2 or codes3[1] == a2) and (not a1 or codes3[0] == a1):
            return (*codes3, "names")
        if not admin3 and codes2 and (not a1 or codes2[0] == a1):
            return (*codes2, "names")
        if not admin2 and not admin3 and a1:
            return a1, "", "", "names"
        return a1, "", "", ""

    def _by_coordinates(self, adm1: str, lat, lon) -> tuple[str, str, str, str] | None:
        """Nearest sub-district point (within the governorate when known) no further than MAX_SNAP_KM."""
        if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
            return None
        candidates = [p for p in self.points if not adm1 or p[1] == adm1]
        if not candidates:
            return None
        best = min(candidates, key=lambda p: _haversine_km(float(lat), float(lon), p[2], p[3]))
        if _haversine_km(float(lat), float(lon), best[2], best[3]) > MAX_SNAP_KM:
            return None
        return (*self._codes(best[0]), "coordinates")


def read_acled(path: Path | str, gazetteer: Gazetteer | None = None, chunksize: int = 250_000,
               countries: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per ACLED event with the columns of OUTPUT, p-codes resolved (blank when unresolved).

    Raises InputFileError when a required column is missing or a value is broken. The file is streamed
    (pyarrow, only the needed columns, at most `chunksize` rows at a time); `countries` keeps only those
    countries (e.g. ('Syria',)) while reading, so a global export stays small in memory.
    """
    path = Path(path)
    try:
        available = _columns(path)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputFileError(path, f"cannot be read as an ACLED CSV export ({exc})",
                             hint="export from ACLED as CSV (UTF-8) and drop it into data/raw/acled/.") from None
    missing = [c for c in REQUIRED if c not in available]
    if missing:
        raise InputFileError(path, f"is not an ACLED export we can read: it lacks {', '.join(missing)}",
                             hint="export all columns (the 31-column format); extra columns are fine.",
                             column=missing[0])
    wanted = [c for c in REQUIRED + OPTIONAL if c in available]
    resolver = PlaceResolver(gazetteer or load_gazetteer())
    parts, rows_before = [], 0
    for batch in _batches(path, [available[c] for c in wanted]):
        for start in range(0, batch.num_rows, chunksize):
            piece = batch.slice(start, chunksize)
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


def _batches(path: Path, columns: list[str]):
    """Record batches of the named columns, as text, streamed so memory stays bounded."""
    try:
        reader = stream_csv(
            path, read_options=pacsv.ReadOptions(block_size=1 << 25),
            convert_options=pacsv.ConvertOptions(include_columns=columns, strings_can_be_null=False,
                                                 column_types={c: pa.large_string() for c in columns}))
        yield from reader
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputFileError(path, f"cannot be read as an ACLED CSV export ({str(exc).splitlines()[0]})",
                             hint="export it again from ACLED as CSV (UTF-8), unchanged.") from None


def _refuse(path: Path, chunk: pd.DataFrame, bad: pd.Series, column: str, what: str, hint: str) -> None:
    row = bad[bad].index[0]
    value, event_id = chunk.at[row, column], chunk.at[row, "event_id_cnty"]
    raise InputFileError(path, f"has {what}: {quoted(value)} (event {event_id}, data row {row + 1})", hint=hint,
                         column=column)


def _clean_chunk(chunk: pd.DataFrame, resolver: PlaceResolver, path: Path) -> pd.DataFrame:
    dates = map_distinct(chunk["event_date"], _iso_date, "str")
    if (dates == "").any():
        _refuse(path, chunk, dates == "", "event_date", "an event_date that is not a date",
                "ACLED dates are YYYY-MM-DD, 'DD Month YYYY' or DD-MM-YYYY.")
    fatalities = map_distinct(chunk["fatalities"], _count_or_na, "Int64")
    if fatalities.isna().any():
        _refuse(path, chunk, fatalities.isna(), "fatalities", "fatalities that are not a count",
                "fatalities must be a whole number, 0 or more.")
    lat = pd.to_numeric(chunk["latitude"], errors="coerce").astype("float64")  # blank or broken: no coordinates
    lon = pd.to_numeric(chunk["longitude"], errors="coerce").astype("float64")
    geo_precision = chunk["geo_precision"] if "geo_precision" in chunk else pd.Series("", index=chunk.index)
    placed = resolver.place(chunk["admin1"], chunk["admin2"], chunk["admin3"], lat, lon, geo_precision)
    optional = {c: chunk[c].str.strip() if c in chunk else "" for c in ("time_precision", "geo_precision")}
    return pd.DataFrame({
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
    }, index=chunk.index)


def is_isis(events: pd.DataFrame) -> pd.Series:
    """Events with the Islamic State as an actor (ACLED names it 'Islamic State (Syria)')."""
    return events["actor1"].str.startswith("Islamic State") | events["actor2"].str.startswith("Islamic State")


def isis_events_by_month(events: pd.DataFrame) -> pd.DataFrame:
    """ISIS-involved events in the NES governorates per month and event type (counts and fatalities)."""
    columns = ["month", "event_type", "event_id", "fatalities", "time_precision"]
    nes = events.loc[is_isis(events) & events["admin1_pcode"].isin(["SY08", "SY09", "SY11"]), columns]
    # ACLED time_precision 2 or 3: only the week or the month is known, so the event may belong to the month next door
    nes = nes.assign(date_approximate=nes["time_precision"].isin(["2", "3"]))
    out = nes.groupby(["month", "event_type"], sort=True).agg(
        events=("event_id", "nunique"), fatalities=("fatalities", "sum"),
        events_date_approximate=("date_approximate", "sum")).reset_index()
    return out.astype({"events_date_approximate": "int64"})


def unresolved(events: pd.DataFrame) -> pd.DataFrame:
    """Places that neither names nor coordinates could resolve, with how many events each (never guessed)."""
    rows = events[events["place_resolved_by"] == ""]
    return rows.groupby(["admin1", "admin2", "admin3", "location"], sort=True).size().reset_index(name="events")
