"""The district map: which source it draws, zero against no figure, the area outlined, stable bytes (SYNTHETIC
project from test_sections: an ACLED export covering January and February 2001, a breakdown by region for
January 2001)."""

import os
import platform
import subprocess
import sys

import pandas as pd
from matplotlib.patches import PathPatch

from analysis import paths
from analysis.report import maps, style
from analysis.report.data import load_month

from .test_sections import march  # noqa: F401  (fixture)


def month(march, name):  # noqa: F811
    return load_month(march[1].parent / "processed", name)


def test_acled_counts_every_district_it_covers_and_zero_is_not_no_figure(march):  # noqa: F811
    january = month(march, "2001-01")
    found = maps.map_data(january, ["2001-01"])
    assert found.source.startswith("ACLED") and len(found.covered) == 62  # an export covers all of Syria
    assert {g.districts[0]: g.value for g in found.groups} == {"SY0901": 1, "SY0903": 1}
    fig = maps.month_map(january, "2001-01")
    shapes = list(maps._shapes(january.optional["district_outlines"]))
    faces = {code: patch for code, patch in zip(shapes, [p for p in fig.axes[0].patches if isinstance(p, PathPatch)])}
    assert faces["SY0800"].get_hatch() is None and faces["SY0800"].get_facecolor()[:3] == (247 / 255, 251 / 255, 1.0)
    alt, description = style.describe(fig)
    assert alt == "ACLED ISIS events by district, January 2001: 2 in 2 districts"  # a tie: no "most in"
    assert "By district: Deir-ez-Zor 1; Al Mayadin 1." in description and "Counts: ACLED events" in description
    assert "of the event types the exports hold (Battles; the exports run over 2001-01-01 to 2001-02-28)" in description
    footer = fig.texts[-1].get_text().replace("\n", " ")
    assert "Source: ACLED (acleddata.com)" in footer and "Rojava Information Center" not in footer


def test_the_report_breakdown_maps_regions_onto_the_area_districts_and_leaves_the_rest_hatched(march):  # noqa: F811
    january = month(march, "2001-01")
    january.optional.pop("acled_isis_by_district")  # as if no export: the breakdown by region is next
    found = maps.map_data(january, ["2001-01"])
    assert [(g.label, g.districts, g.value) for g in found.groups] == [
        ("Jazira", ("SY0800", "SY0802", "SY0803", "SY0804"), 1),
        ("Deir ez-Zor", ("SY0901", "SY0902", "SY0903"), 4),
    ]
    fig = maps.attacks_map(january, found, "January 2001", "January 2001")
    shapes = list(maps._shapes(january.optional["district_outlines"]))
    faces = dict(zip(shapes, [p for p in fig.axes[0].patches if isinstance(p, PathPatch)]))
    assert faces["SY1101"].get_hatch() == "////"  # Ar-Raqqa: no figure, not zero
    assert style.describe(fig)[0] == "Attacks by district, January 2001: most in Deir ez-Zor (4)"


def test_a_region_given_only_as_a_share_is_not_mapped_and_no_most_is_claimed(march):  # noqa: F811
    january = month(march, "2001-01")
    january.optional.pop("acled_isis_by_district")
    regions = january.regions.copy()
    regions.loc[regions["region"] == "Deir ez-Zor", ["value", "share_pct"]] = [pd.NA, 80]
    found = maps.map_data(january.__class__(**{**january.__dict__, "regions": regions}), ["2001-01"])
    assert found.uncounted == ("Deir ez-Zor",) and [g.label for g in found.groups] == ["Jazira"]


def test_no_source_no_map_and_the_same_bytes_twice(march, tmp_path):  # noqa: F811
    data, _ = march
    assert maps.month_map(data, "2001-03") is None  # ACLED ends in February; no breakdown for March
    january = month(march, "2001-01")
    first = style.save(maps.month_map(january, "2001-01"), tmp_path / "a", "09_map")
    second = style.save(maps.month_map(january, "2001-01"), tmp_path / "b", "09_map")
    assert first["png"].read_bytes() == second["png"].read_bytes()
    assert first["svg"].read_bytes() == second["svg"].read_bytes()


def test_a_camp_count_is_not_spread_over_its_district_and_can_withhold_the_most_claim(march):  # noqa: F811
    january = month(march, "2001-01")
    january.optional.pop("acled_isis_by_district")
    camp = january.regions.iloc[[0]].assign(
        region="al-Hol camp", place_kind="camp", place_id="CAMP-HOL", value=pd.array([5], dtype="Int64")
    )
    regions = pd.concat([january.regions, camp], ignore_index=True)
    found = maps.map_data(january.__class__(**{**january.__dict__, "regions": regions}), ["2001-01"])
    assert found.parts == (("al-Hol camp", 5),) and "al-Hol camp" not in [g.label for g in found.groups]
    alt, description = style.describe(maps.attacks_map(january, found, "January 2001", "January 2001"))
    assert alt == "Attacks by district, January 2001, where the report gave counts"  # 1 + 5 could exceed 4
    assert "Not mapped, being part of a district: al-Hol camp 5." in description


def test_the_incident_log_comes_first_when_it_covers_the_month(march):  # noqa: F811
    january = month(march, "2001-01")
    january.optional["incidents_by_district"] = pd.DataFrame(
        {"month": ["2001-01"], "adm2_pcode": ["SY0902"], "attacks": pd.array([3], dtype="Int64")}
    )
    january.optional["incidents_dates"] = pd.DataFrame({"first_date": ["2001-01-02"], "last_date": ["2001-01-30"]})
    found = maps.map_data(january, ["2001-01"])
    assert found.source.startswith("the team's incident log") and [(g.districts, g.value) for g in found.groups] == [
        (("SY0902",), 3)
    ]
    assert set(found.covered) == set(january.optional["area"]["adm2_pcode"])  # the log speaks for the area: 0 there
    january.optional["incidents_dates"] = pd.DataFrame({"first_date": ["2001-02-01"], "last_date": ["2001-02-27"]})
    assert maps.map_data(january, ["2001-01"]).source.startswith("ACLED")  # the log does not cover January


def test_the_overview_map_sums_an_event_level_source_over_its_months_and_never_the_breakdowns(march):  # noqa: F811
    from analysis.report.data import load_processed

    whole = load_processed(march[1].parent / "processed")
    fig = maps.period_map(whole)
    assert style.describe(fig)[0] == "ACLED ISIS events by district, January 2001 to February 2001: 2 in 2 districts"
    assert "summed over the 2 months from January 2001 to February 2001" in style.describe(fig)[1]
    without = whole.__class__(
        **{**whole.__dict__, "optional": {k: v for k, v in whole.optional.items() if not k.startswith("acled")}}
    )
    assert maps.period_map(without) is None  # breakdowns by region alone: not summed


RENDER = """
import sys
from analysis.report import maps, style
from analysis.report.data import load_month
style.save(maps.month_map(load_month(sys.argv[1], "2001-01"), "2001-01"), sys.argv[2], "09_map")
"""


def machines() -> dict[str, dict[str, str]]:
    """Environments that change what the map's numbers could depend on, on this machine: numpy's SIMD kernels
    (all those chosen at run time switched off) and OpenBLAS's kernels (the oldest x86-64 one forced)."""
    import numpy._core._multiarray_umath as umath

    dispatched = [f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)]
    found = {"as it is": {}}
    if dispatched:
        found["numpy baseline kernels only"] = {"NPY_DISABLE_CPU_FEATURES": " ".join(dispatched)}
    if platform.machine() in ("x86_64", "AMD64"):
        found["OpenBLAS Prescott kernels"] = {"OPENBLAS_CORETYPE": "Prescott"}
    return found


def test_the_map_has_the_same_bytes_whatever_kernels_numpy_and_openblas_choose(march, tmp_path):  # noqa: F811
    """The SVG's numbers are the same with other SIMD and BLAS kernels: an AVX-512 machine and an AVX2 one drew
    the district names of 09_map.svg 1e-6 apart (the label points were summed by np.dot and numpy's sum)."""
    processed = march[1].parent / "processed"
    svgs = {}
    for name, env in machines().items():
        out = tmp_path / name.replace(" ", "_")
        clean = {k: v for k, v in os.environ.items() if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")}
        done = subprocess.run(
            [sys.executable, "-c", RENDER, str(processed), str(out)],
            env={**clean, **env},
            capture_output=True,
            text=True,
            cwd=paths.ROOT,
        )
        assert done.returncode == 0, done.stderr
        svgs[name] = (out / "09_map.svg").read_bytes()
    assert len(svgs) >= 2 or platform.machine() not in ("x86_64", "AMD64")
    assert len(set(svgs.values())) == 1, [name for name in svgs if svgs[name] != svgs["as it is"]]
