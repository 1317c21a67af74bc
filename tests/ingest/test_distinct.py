"""Functions applied once per distinct value give the same result as applying them row by row."""

import pandas as pd

from analysis.ingest.distinct import apply_distinct_rows, map_distinct


def test_map_distinct_calls_once_per_value_and_keeps_order_and_index():
    calls = []

    def double(v):
        calls.append(v)
        return v * 2

    series = pd.Series(["b", "a", "b", "c", "a"], index=[10, 11, 12, 13, 14], dtype="str")
    out = map_distinct(series, double, "str")
    assert out.tolist() == ["bb", "aa", "bb", "cc", "aa"]
    assert out.index.tolist() == [10, 11, 12, 13, 14]
    assert sorted(calls) == ["a", "b", "c"]


def test_map_distinct_to_nullable_integers():
    series = pd.Series(["1", "", "1", "7"], dtype="str")
    out = map_distinct(series, lambda v: int(v) if v else pd.NA, "Int64")
    assert out.dtype == "Int64" and out.isna().tolist() == [False, True, False, False]
    assert out.dropna().tolist() == [1, 1, 7]


def test_apply_distinct_rows_matches_row_by_row_including_missing_values():
    frame = pd.DataFrame({"place": ["Hajin", "Hajin", "Sur", "Hajin"], "lat": [1.0, None, 1.0, 1.0]})
    seen = []

    def describe(place, lat):
        seen.append((place, lat))
        return place.upper(), "no point" if pd.isna(lat) else "point"

    codes, results = apply_distinct_rows(frame, describe, ["name", "how"])
    rows = results.take(codes).reset_index(drop=True)
    assert rows.values.tolist() == [["HAJIN", "point"], ["HAJIN", "no point"], ["SUR", "point"], ["HAJIN", "point"]]
    assert len(seen) == 3
