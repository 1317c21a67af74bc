"""Syria's districts as polygons (OCHA admin2), and which district a point lies in.

data/raw/gazetteer/districts.geojson is our own file derived from OCHA's COD-AB district boundaries
(`derive`, run once by hand on OCHA's GeoJSON): only p-codes and names are kept, and vertices are rounded to
0.001° (about 100 m) with repeats dropped. Neighbouring districts share their border vertices, and rounding
moves a shared vertex the same way in both, so the districts still tile the country without gaps or overlaps.
Locating a point is the even-odd ray test over a district's rings, vectorised with numpy after a bounding-box
filter: no geometry library is needed for 62 districts.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .errors import InputFileError

DISTRICTS = paths.GAZETTEER / "districts.geojson"
DECIMALS = 3  # about 100 m at Syria's latitude
TOLERANCE = 10**-DECIMALS  # how far a border drawn from rounded vertices may lie from OCHA's (degrees)
PROPERTIES = {"ADM2_PCODE": "adm2_pcode", "ADM2_EN": "adm2_name", "ADM1_PCODE": "adm1_pcode", "ADM1_EN": "adm1_name"}


@dataclass(frozen=True)
class District:
    adm2_pcode: str
    adm2_name: str
    adm1_pcode: str
    adm1_name: str
    rings: tuple[np.ndarray, ...]  # each (n, 2): lon, lat; outer rings and holes alike
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


class Districts:
    """The districts of Syria; `locate` says which one holds each point ('' outside Syria)."""

    def __init__(self, districts: list[District]):
        self.districts = districts
        self._by_code = {d.adm2_pcode: d for d in districts}

    def locate(self, lon, lat) -> np.ndarray:
        """The district p-code of each point (arrays of lon and lat), '' where no district holds it."""
        lon, lat = np.asarray(lon, dtype="float64"), np.asarray(lat, dtype="float64")
        which = np.full(lon.shape, -1, dtype="int64")  # index of the district found, -1: none
        order = np.argsort(lon, kind="stable")
        lons = lon[order]
        for k, district in enumerate(self.districts):
            x0, y0, x1, y1 = district.bounds
            candidates = order[np.searchsorted(lons, x0, side="left") : np.searchsorted(lons, x1, side="right")]
            candidates = candidates[(lat[candidates] >= y0) & (lat[candidates] <= y1) & (which[candidates] < 0)]
            if len(candidates):
                which[candidates[_inside(lon[candidates], lat[candidates], district.rings)]] = k
        codes = np.array([d.adm2_pcode for d in self.districts] + [""], dtype=object)
        return codes[which]  # -1 picks the trailing ''

    def get(self, adm2_pcode: str) -> District | None:
        return self._by_code.get(adm2_pcode)

    def distance(self, adm2_pcode: str, lon, lat) -> np.ndarray:
        """How far each point lies from district `adm2_pcode`'s border, in degrees (inf for an unknown
        district): the distance to the nearest of its edges, wherever the point is."""
        lon, lat = np.asarray(lon, dtype="float64"), np.asarray(lat, dtype="float64")
        district = self.get(adm2_pcode)
        if district is None:
            return np.full(lon.shape, np.inf)
        edges = np.vstack([np.hstack([ring[:-1], ring[1:]]) for ring in district.rings])  # x1, y1, x2, y2
        x1, y1, x2, y2 = (edges[:, k][None, :] for k in range(4))
        px, py = lon[:, None], lat[:, None]
        dx, dy = x2 - x1, y2 - y1
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.nan_to_num(((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)), 0, 1)
        return np.sqrt((px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2).min(axis=1)


def _crossing(x1, y1, x2, y2, y):
    """Whether each edge (x1, y1)-(x2, y2) crosses the latitude `y` (an end exactly on it counts on one side
    only, so a vertex is never counted twice), and the longitude where it does."""
    spans = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        return spans, x1 + (y - y1) * (x2 - x1) / (y2 - y1)


PAIRS = 1_000_000  # edge-point pairs tested at once: bounded memory (about 60 MB) however many points


def _inside(x: np.ndarray, y: np.ndarray, rings) -> np.ndarray:
    """Even-odd rule: a point is inside when a ray to its east crosses the rings' edges an odd number of times.
    Each edge is tested only against the points whose latitude it spans (a run of the points sorted by
    latitude), all edges' pairs at once, PAIRS at a time."""
    order = np.argsort(y, kind="stable")
    ys = y[order]
    edges = np.vstack([np.hstack([ring[:-1], ring[1:]]) for ring in rings])  # x1, y1, x2, y2
    edges = edges[edges[:, 1] != edges[:, 3]]  # a flat edge never spans a point's latitude
    x1, y1, x2, y2 = edges.T
    first = np.searchsorted(ys, np.minimum(y1, y2), side="left")
    counts = np.searchsorted(ys, np.maximum(y1, y2), side="right") - first
    crossings = np.zeros(len(x), dtype="int64")
    totals = np.cumsum(counts)
    start = 0
    while start < len(edges):
        before = totals[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(totals, before + PAIRS, side="right")))
        n = counts[start:stop]
        edge = np.repeat(np.arange(start, stop), n)
        # the k-th pair of an edge takes the k-th point of its run
        runs = np.arange(len(edge)) - np.repeat(np.cumsum(n) - n, n) + np.repeat(first[start:stop], n)
        point = order[runs]
        spans, at = _crossing(x1[edge], y1[edge], x2[edge], y2[edge], y[point])
        crossings += np.bincount(point[spans & (x[point] < at)], minlength=len(x))
        start = stop
    return crossings % 2 == 1


LABEL_DECIMALS = DECIMALS + 2  # label points to 0.00001° (about 1 m): what the maps draw, the same everywhere


def _exact_sum(values: np.ndarray) -> float:
    """The correctly rounded sum (math.fsum): one result whatever the order of the terms. numpy's sum and
    np.dot add in an order that depends on the machine (numpy's SIMD kernels; OpenBLAS picks its dot kernel
    by CPU, so an AVX-512 machine and an AVX2 one differ in the last bit), and so did the maps' label points."""
    return math.fsum(values.tolist())


def ring_area(ring: np.ndarray) -> float:
    """The signed area of a closed ring (lon, lat rows), in square degrees. The products are element by element
    (IEEE, the same on every machine) and summed exactly, so the area does not depend on the machine."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * _exact_sum(np.concatenate([x[:-1] * y[1:], -(x[1:] * y[:-1])]))


def label_point(rings: list[np.ndarray]) -> tuple[float, float]:
    """Where a district's name goes: at the height of its largest ring's centroid, in the middle of the widest
    stretch of the district at that height, so the name sits inside even a bent or narrow district (the mean
    of the vertices leans towards a detailed border). Rounded to LABEL_DECIMALS, as the outlines are rounded:
    the drawing takes fixed-precision numbers only, so a last-bit difference cannot reach the SVG."""
    ring = max(rings, key=lambda r: abs(ring_area(r)))
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    height = _exact_sum((y[:-1] + y[1:]) * cross) / (6 * ring_area(ring))
    crossings = []
    for r in rings:  # where the line at that height crosses the district's edges, west to east
        spans, at = _crossing(r[:-1, 0], r[:-1, 1], r[1:, 0], r[1:, 1], height)
        crossings += list(at[spans])
    crossings.sort()
    stretches = list(zip(crossings[::2], crossings[1::2])) or [(x.min(), x.max())]  # inside: between pairs
    west, east = max(stretches, key=lambda s: s[1] - s[0])
    return round(float(west + east) / 2, LABEL_DECIMALS), round(height, LABEL_DECIMALS)


OUTLINE_COLUMNS = ["adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name", "ring", "lon", "lat"]


def outline_rows(districts: Districts) -> pd.DataFrame:
    """The districts as a table of ring vertices (what the maps draw, written with the processed tables)."""
    rows = [
        (d.adm2_pcode, d.adm2_name, d.adm1_pcode, d.adm1_name, k, lon, lat)
        for d in districts.districts
        for k, ring in enumerate(d.rings)
        for lon, lat in ring
    ]
    return pd.DataFrame(rows, columns=OUTLINE_COLUMNS)


def load_districts(path: Path = DISTRICTS) -> Districts:
    """Read our districts file (GeoJSON, polygons in lon/lat)."""
    path = Path(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        districts = []
        for feature in collection["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            rings = tuple(np.asarray(ring, dtype="float64") for polygon in polygons for ring in polygon)
            points = np.vstack(rings)
            districts.append(
                District(
                    props["adm2_pcode"],
                    props["adm2_name"],
                    props["adm1_pcode"],
                    props["adm1_name"],
                    rings,
                    (*points.min(axis=0), *points.max(axis=0)),
                )
            )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputFileError(
            path,
            f"cannot be read as the districts file ({exc})",
            hint="restore data/raw/gazetteer/districts.geojson from the repository.",
        ) from None
    return Districts(districts)


def _rounded(ring: list) -> list:
    out = []
    for lon, lat in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def derive(ocha: dict, source: str) -> dict:
    """Our districts file from OCHA's admin2 GeoJSON: p-codes and names only, vertices rounded (see above)."""
    features = []
    for feature in sorted(ocha["features"], key=lambda f: f["properties"]["ADM2_PCODE"]):
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        kept = [[_rounded(ring) for ring in polygon] for polygon in polygons]
        kept = [[ring for ring in polygon if len(ring) >= 4] for polygon in kept]
        features.append(
            {
                "type": "Feature",
                "properties": {ours: feature["properties"][theirs] for theirs, ours in PROPERTIES.items()},
                "geometry": {"type": "MultiPolygon", "coordinates": [p for p in kept if p]},
            }
        )
    return {"type": "FeatureCollection", "source": source, "features": features}


def write_geojson(collection: dict) -> str:
    """Compact and stable: one feature per line, keys in a fixed order."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in collection["features"]]
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


if __name__ == "__main__":  # python -m analysis.boundaries OCHA_ADM2.json "source text" > districts.geojson
    sys.stdout.write(write_geojson(derive(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), sys.argv[2])))
