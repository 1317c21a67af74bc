"""District boundaries: the even-odd point-in-polygon test, the derived file's fidelity, and the real districts."""

import json

import numpy as np

from analysis.boundaries import LABEL_DECIMALS, derive, label_point, load_districts, ring_area, write_geojson
from analysis.ingest.places import load_gazetteer


def square(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def collection(*features):
    """SYNTHETIC districts in OCHA's property names."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ADM2_PCODE": code, "ADM2_EN": code, "ADM1_PCODE": code[:4], "ADM1_EN": code[:4]},
                "geometry": {"type": "Polygon", "coordinates": rings},
            }
            for code, rings in features
        ],
    }


def districts_from(tmp_path, ocha):
    path = tmp_path / "districts.geojson"
    path.write_text(write_geojson(derive(ocha, "SYNTHETIC")), encoding="utf-8")
    return load_districts(path)


def test_points_in_a_district_with_a_hole_and_its_neighbour(tmp_path):
    districts = districts_from(
        tmp_path,
        collection(
            ("XX0100", [square(0, 0, 2, 2), square(0.5, 0.5, 1.5, 1.5)]),  # a ring with a hole
            ("XX0101", [square(2, 0, 4, 2)]),  # shares the border x = 2
            ("XX0102", [square(0.6, 0.6, 1.4, 1.4)]),
        ),
    )  # inside the hole
    lon = np.array([0.25, 1.0, 3.0, 5.0, 1.0])
    lat = np.array([0.25, 1.0, 1.0, 1.0, 1.9])
    assert districts.locate(lon, lat).tolist() == ["XX0100", "XX0102", "XX0101", "", "XX0100"]


def test_rounding_keeps_shared_borders_shared(tmp_path):
    """Both neighbours round the border vertex the same way: a point near it lies in exactly one."""
    left = [[0, 0], [1.00049, 0], [1.00049, 1], [0, 1], [0, 0]]
    right = [[1.00049, 0], [2, 0], [2, 1], [1.00049, 1], [1.00049, 0]]
    districts = districts_from(tmp_path, collection(("XX0100", [left]), ("XX0101", [right])))
    lon = np.linspace(0.9, 1.1, 401)
    found = districts.locate(lon, np.full(len(lon), 0.5))
    assert (found != "").all() and (found[lon < 1.0] == "XX0100").all() and (found[lon > 1.001] == "XX0101").all()


def test_the_derived_file_is_stable(tmp_path):
    ocha = collection(("XX0101", [square(2, 0, 4, 2)]), ("XX0100", [square(0, 0, 2, 2)]))
    text = write_geojson(derive(ocha, "SYNTHETIC"))
    assert text == write_geojson(derive(json.loads(json.dumps(ocha)), "SYNTHETIC"))
    assert [f["properties"]["adm2_pcode"] for f in json.loads(text)["features"]] == ["XX0100", "XX0101"]


def test_every_sub_district_point_of_the_gazetteer_lies_in_its_own_district():
    """The repository's districts file against the OCHA label points of the gazetteer's sub-districts."""
    places = load_gazetteer().places
    subs = places[(places["kind"] == "sub-district") & (places["lat"] != "")]
    found = load_districts().locate(subs["lon"].astype(float).to_numpy(), subs["lat"].astype(float).to_numpy())
    assert len(subs) == 47 and (found == subs["adm2_pcode"].to_numpy()).all()  # every NES sub-district
    assert len(load_districts().districts) == 62


def test_every_district_name_is_placed_inside_its_district():
    """The name goes where the district is, even for a bent or narrow one (the mean of its vertices can fall
    on a border or outside it)."""
    districts = load_districts()
    for district in districts.districts:
        x, y = label_point(list(district.rings))
        assert districts.locate([x], [y])[0] == district.adm2_pcode, district.adm2_name


def test_label_points_do_not_depend_on_the_order_of_the_sums_or_the_last_bit_of_the_vertices():
    """What a machine can change: the order in which a sum adds its terms (numpy's SIMD kernels, OpenBLAS's
    dot kernel chosen by CPU) and the last bit of a result. A ring started at another vertex, or run the other
    way, adds the same terms in another order; every vertex moved by one ulp changes the last bits. The map
    draws the same label point for all of them, for each of the 62 real districts."""
    districts = load_districts()
    for district in districts.districts:
        rings = list(district.rings)
        point = label_point(rings)
        assert point == tuple(round(v, LABEL_DECIMALS) for v in point)
        started_elsewhere = [np.vstack([r[len(r) // 3 : -1], r[: len(r) // 3 + 1]]) for r in rings]
        backwards = [r[::-1].copy() for r in rings]
        nudged = [np.nextafter(r, np.inf) for r in rings]
        for variant in (started_elsewhere, backwards, nudged):
            assert label_point(variant) == point, district.adm2_name
        assert ring_area(started_elsewhere[0]) == ring_area(rings[0]) == -ring_area(backwards[0])
