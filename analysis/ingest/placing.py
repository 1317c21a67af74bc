"""Names and coordinates -> OCHA p-codes, exact or not at all: shared by the ACLED exports and the incident log.

Names resolve through the gazetteer; coordinates by point-in-polygon in OCHA's district outlines
(`analysis.boundaries`), the sub-district being the nearest sub-district point within the district. Nothing
is snapped to a nearby unit: what neither places stays unresolved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..boundaries import TOLERANCE, Districts, load_districts
from .distinct import apply_distinct_rows
from .places import Gazetteer

PLACED = ["admin1_pcode", "admin2_pcode", "admin3_pcode", "place_resolved_by", "names_disagree"]
AT_A_BORDER = "names, at a border"  # place_resolved_by where the names decided within TOLERANCE of a border


class PlaceResolver:
    """Admin names and coordinates -> OCHA p-codes, exact or not at all.

    Names resolve through the gazetteer (each distinct admin1/admin2/admin3 once). Coordinates resolve by
    point-in-polygon in OCHA's district boundaries (`boundaries`), the sub-district being the nearest
    sub-district point within that district; a point in no district (outside Syria) places nothing. When
    both place an event in different districts, the coordinates win if `geo_precision` is 1 or 2 (or not
    given) and the names' district is kept in `names_disagree`; with geo_precision 3 ACLED gives a region's
    centre, so only the names count. A point within TOLERANCE (0.001°, about 100 m: how far our simplified
    borders may lie from OCHA's) of the border of the district the names give cannot tell the two apart, so
    there the names decide (`AT_A_BORDER`, the coordinates' district kept in `names_disagree`). Nothing is
    snapped to a nearby unit.
    """

    def __init__(self, gazetteer: Gazetteer, districts: Districts | None = None):
        self.gazetteer = gazetteer
        self.districts = districts or load_districts(gazetteer.folder / "districts.geojson")
        places = gazetteer.places
        subs = places[(places["kind"] == "sub-district") & (places["lat"] != "")]
        self.points: dict[str, list[tuple[str, float, float]]] = {}
        for row in subs.itertuples():
            self.points.setdefault(row.adm2_pcode, []).append((row.place_id, float(row.lat), float(row.lon)))
        self._cache: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}

    def place(
        self,
        admin1: pd.Series,
        admin2: pd.Series,
        admin3: pd.Series,
        lat: pd.Series,
        lon: pd.Series,
        geo_precision: pd.Series,
    ) -> dict[str, pd.Series]:
        """The PLACED columns for a chunk of events."""
        names = pd.DataFrame({"admin1": admin1, "admin2": admin2, "admin3": admin3})
        codes, by_names = apply_distinct_rows(names, self._names_cached, PLACED[:4])
        placed = by_names.take(codes).set_axis(names.index) if len(names) else by_names
        placed["names_disagree"] = ""
        usable = (lat.notna() & lon.notna() & (geo_precision.str.strip() != "3")).to_numpy()
        if usable.any():
            located = self.locate(lat[usable], lon[usable])
            named = placed.loc[usable]
            found = located["admin2_pcode"] != ""
            # coordinates decide where names gave no district, or another district (listed), unless the point lies
            # within TOLERANCE of the border of the names' district: there the names decide (listed too)
            other = found & (named["admin2_pcode"] != "") & (named["admin2_pcode"] != located["admin2_pcode"])
            border = self._at_border(named.loc[other, "admin2_pcode"], lat[usable][other], lon[usable][other])
            other[border[border].index] = False
            use = found & ((named["admin2_pcode"] == "") | other)
            rows = border[border].index  # the names' district stands; the coordinates' one is listed
            placed.loc[rows, "names_disagree"] = located.loc[rows, "admin2_pcode"].to_numpy()
            placed.loc[rows, "place_resolved_by"] = AT_A_BORDER
            same = found & (named["admin2_pcode"] == located["admin2_pcode"]) & (named["admin3_pcode"] == "")
            rows = use[use].index
            placed.loc[rows, "names_disagree"] = named.loc[rows, "admin2_pcode"].where(other[use], "")
            placed.loc[rows, PLACED[:3]] = located.loc[rows, PLACED[:3]].to_numpy()
            placed.loc[rows, "place_resolved_by"] = "coordinates"
            rows = same[same].index  # the names' district, the coordinates' sub-district within it
            placed.loc[rows, "admin3_pcode"] = located.loc[rows, "admin3_pcode"].to_numpy()
        return {c: placed[c] for c in PLACED}

    def _at_border(self, district: pd.Series, lat: pd.Series, lon: pd.Series) -> pd.Series:
        """Whether each point lies within TOLERANCE of the border of the `district` its names give."""
        near = pd.Series(False, index=district.index)
        for code, rows in district.groupby(district, sort=True).groups.items():
            near[rows] = self.districts.distance(code, lon[rows].to_numpy(), lat[rows].to_numpy()) <= TOLERANCE
        return near

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
        if codes2 and (not a1 or codes2[0] == a1):  # the district, even where the sub-district is not known
            return (*codes2, "names")
        if not admin2 and not admin3 and a1:
            return a1, "", "", "names"
        return a1, "", "", ""

    def locate(self, lat: pd.Series, lon: pd.Series) -> pd.DataFrame:
        """admin1/2/3 p-codes of points: the district holding each (all distinct points at once), and the
        nearest sub-district point within it ('' where the gazetteer holds none); blanks outside Syria."""
        # each distinct point once: keyed by its coordinates to 0.00001° (about 1 m; ACLED gives 4 decimals)
        key = np.round(lat.to_numpy() * 1e5).astype("int64") * 100_000_000 + np.round(lon.to_numpy() * 1e5).astype(
            "int64"
        )
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        la, lo = lat.to_numpy()[first], lon.to_numpy()[first]
        which, codes = pd.factorize(self.districts.locate(lo, la))  # each distinct point's district, as a number
        adm1 = np.full(len(codes), "", dtype=object)
        adm3 = np.full(len(la), "", dtype=object)
        for k, code in enumerate(codes):
            if code:
                adm1[k] = self.districts.get(code).adm1_pcode
            if code not in self.points:
                continue
            mask = which == k
            ids, sub_lat, sub_lon = zip(*self.points[code])
            # a degree of longitude is shorter than one of latitude; numpy's cos is a SIMD kernel chosen by CPU
            # (its last bit can differ between machines): rounded, so the nearest point is the same everywhere
            scale = np.round(np.cos(np.radians(la[mask])), 9)[:, None]
            north = la[mask][:, None] - np.array(sub_lat)
            east = (lo[mask][:, None] - np.array(sub_lon)) * scale
            squared = north**2 + east**2
            adm3[mask] = np.array(ids, dtype=object)[squared.argmin(axis=1)]
        # text columns made once per distinct value, then repeated for the events (no string per event)
        return pd.DataFrame(
            {
                PLACED[0]: pd.array(adm1, dtype="str").take(which[inverse]),
                PLACED[1]: pd.array(np.asarray(codes, dtype=object), dtype="str").take(which[inverse]),
                PLACED[2]: pd.array(adm3, dtype="str").take(inverse),
            },
            index=lat.index,
        )
