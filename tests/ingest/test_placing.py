"""Placing by names and coordinates (PlaceResolver). Boundaries and points SYNTHETIC where made up here; the
ACLED exports' placing end to end is in test_acled.py."""

import json
import shutil

import pandas as pd

from analysis import paths
from analysis.ingest.places import load_gazetteer
from analysis.ingest.placing import PlaceResolver


def test_coordinates_are_placed_with_the_boundaries_beside_the_gazetteer_read(tmp_path):
    """A build of another data/raw uses that folder's districts.geojson, not the repository's."""
    folder = tmp_path / "gazetteer"
    shutil.copytree(paths.GAZETTEER, folder)
    square = [[[40.0, 35.0], [41.0, 35.0], [41.0, 36.0], [40.0, 36.0], [40.0, 35.0]]]
    (folder / "districts.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [  # SYNTHETIC
                    {
                        "type": "Feature",
                        "properties": {
                            "adm2_pcode": "SY0901",
                            "adm2_name": "Deir-ez-Zor",
                            "adm1_pcode": "SY09",
                            "adm1_name": "Deir-ez-Zor",
                        },
                        "geometry": {"type": "Polygon", "coordinates": square},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    located = PlaceResolver(load_gazetteer(folder)).locate(pd.Series([35.5, 36.5]), pd.Series([40.5, 40.5]))
    assert located["admin2_pcode"].tolist() == ["SY0901", ""]  # the repository's file would place the second too
