"""Read ACLED exports (the 31-column format) in bounded memory, with places resolved to OCHA p-codes.

ACLED's terms forbid redistribution, so the repository ships no export: users drop theirs into
data/raw/acled/ (git-ignored). Headers are matched case-insensitively, extra or reordered columns are
ignored, and only the needed columns are read, chunk by chunk, so a global export of millions of rows
does not have to fit in memory at once.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .errors import InputFileError
from .places import Gazetteer, load_gazetteer

REQUIRED = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
            "admin3", "location", "latitude", "longitude", "fatalities"]
OPTIONAL = ["country", "inter1", "inter2", "disorder_type", "time_precision", "geo_precision", "assoc_actor_1",
            "assoc_actor_2"]
INTER_CODES = {"1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
               "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces", "0": ""}
OUTPUT = ["event_id", "date", "month", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
          "admin1", "admin2", "admin3", "location", "latitude", "longitude", "fatalities", "admin1_pcode",
          "admin2_pcode", "admin3_pcode", "place_resolved_by"]
NES_GOVERNORATES = {"SY08", "SY09", "SY11", "SY02"}
MAX_SNAP_KM = 50.0


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO (2023-11-05), 'DD Month YYYY' (05 November 2023) and dd-mm-yyyy, as ACLED has exported them."""
    text = values.astype(str).str.strip()
    out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    for fmt in ("%d %B %Y", "%d-%m-%Y", "%d %b %Y"):
        missing = out.isna()
        if not missing.any():
            break
        out[missing] = pd.to_datetime(text[missing], format=fmt, errors="coerce")
    return out


def normalise_inter(values: pd.Series) -> pd.Series:
    """Numeric inter codes (1-8) become ACLED's text labels; text labels pass through."""
    text = values.fillna("").astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    return text.map(lambda v: INTER_CODES.get(v, v))


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
        key = (admin1, admin2, admin3)
        if key not in self._cache:
            self._cache[key] = self._by_names(admin1, admin2, admin3)
        found = self._cache[key]
        if found[3]:
            return found
        return self._by_coordinates(found[0], lat, lon) or found

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

    Raises InputFileError when a required column is missing. `countries` keeps only those countries
    (e.g. ('Syria',)) while reading, so a global export stays small in memory.
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
    parts = []
    reader = pd.read_csv(path, usecols=[available[c] for c in wanted], dtype=str, keep_default_na=False,
                         chunksize=chunksize, encoding="utf-8-sig")
    for chunk in reader:
        chunk = chunk.rename(columns={available[c]: c for c in wanted})
        if countries and "country" in chunk:
            chunk = chunk[chunk["country"].isin(countries)]
        if chunk.empty:
            continue
        parts.append(_clean_chunk(chunk, resolver, path))
    if not parts:
        return pd.DataFrame(columns=OUTPUT)
    return pd.concat(parts, ignore_index=True)


def _clean_chunk(chunk: pd.DataFrame, resolver: PlaceResolver, path: Path) -> pd.DataFrame:
    dates = parse_dates(chunk["event_date"])
    if dates.isna().any():
        bad = chunk.loc[dates.isna(), "event_date"].iloc[0]
        raise InputFileError(path, f"has an event_date that is not a date: '{bad}'",
                             hint="ACLED dates are YYYY-MM-DD or 'DD Month YYYY'.", column="event_date")
    fatalities = pd.to_numeric(chunk["fatalities"].replace("", "0"), errors="coerce")
    if fatalities.isna().any() or (fatalities < 0).any():
        bad = chunk.loc[fatalities.isna() | (fatalities < 0), "fatalities"].iloc[0]
        raise InputFileError(path, f"has fatalities that are not a count: '{bad}'", column="fatalities")
    lat = pd.to_numeric(chunk["latitude"], errors="coerce")
    lon = pd.to_numeric(chunk["longitude"], errors="coerce")
    places = [resolver.resolve(a1, a2, a3, la, lo) for a1, a2, a3, la, lo in
              zip(chunk["admin1"], chunk["admin2"], chunk["admin3"], lat, lon)]
    return pd.DataFrame({
        "event_id": chunk["event_id_cnty"].to_numpy(),
        "date": dates.dt.strftime("%Y-%m-%d").to_numpy(),
        "month": dates.dt.strftime("%Y-%m").to_numpy(),
        "event_type": chunk["event_type"].str.strip().to_numpy(),
        "sub_event_type": chunk["sub_event_type"].str.strip().to_numpy(),
        "actor1": chunk["actor1"].to_numpy(),
        "actor2": chunk["actor2"].to_numpy(),
        "inter1": normalise_inter(chunk["inter1"]).to_numpy() if "inter1" in chunk else "",
        "inter2": normalise_inter(chunk["inter2"]).to_numpy() if "inter2" in chunk else "",
        "admin1": chunk["admin1"].to_numpy(),
        "admin2": chunk["admin2"].to_numpy(),
        "admin3": chunk["admin3"].to_numpy(),
        "location": chunk["location"].to_numpy(),
        "latitude": lat.to_numpy(),
        "longitude": lon.to_numpy(),
        "fatalities": fatalities.astype("int64").to_numpy(),
        "admin1_pcode": [p[0] for p in places],
        "admin2_pcode": [p[1] for p in places],
        "admin3_pcode": [p[2] for p in places],
        "place_resolved_by": [p[3] for p in places],
    })


def is_isis(events: pd.DataFrame) -> pd.Series:
    """Events with the Islamic State as an actor (ACLED names it 'Islamic State (Syria)')."""
    return events["actor1"].str.startswith("Islamic State") | events["actor2"].str.startswith("Islamic State")


def isis_events_by_month(events: pd.DataFrame) -> pd.DataFrame:
    """ISIS-involved events in the NES governorates per month and event type (counts and fatalities)."""
    nes = events[is_isis(events) & events["admin1_pcode"].isin(["SY08", "SY09", "SY11"])]
    out = nes.groupby(["month", "event_type"], sort=True).agg(events=("event_id", "nunique"),
                                                                fatalities=("fatalities", "sum")).reset_index()
    return out


def unresolved(events: pd.DataFrame) -> pd.DataFrame:
    """Places that neither names nor coordinates could resolve, with how many events each (never guessed)."""
    rows = events[events["place_resolved_by"] == ""]
    return rows.groupby(["admin1", "admin2", "admin3", "location"], sort=True).size().reset_index(name="events")
