"""Borders (issue 25): within the simplified outlines' tolerance (0.001°) of the border of the district the
names give, the names decide, and the event is listed. SYNTHETIC events at real coordinates on the Hama /
Jebel Saman border, where the issue's two events at Tuffaha lay."""

from analysis.ingest.acled import disagreements, read_acled
from analysis.ingest.placing import AT_A_BORDER

from .test_acled import event, write


def test_on_or_near_a_border_the_names_decide_and_further_in_the_coordinates(tmp_path):
    names = ("Hama", "Hama", "")  # the names say Hama district; the points lie just inside Jebel Saman
    rows = [
        event("ON", "2023-11-01", *names, "35.5420", "37.3220"),  # a vertex both districts share
        event("NEAR", "2023-11-01", *names, "35.5423", "37.3223"),  # 0.0003° from the border
        event("FAR", "2023-11-01", *names, "35.5500", "37.3300"),
    ]  # 0.009° inside Jebel Saman
    events = read_acled(write(tmp_path, rows))
    placed = events.set_index("event_id")[["admin2_pcode", "place_resolved_by", "names_disagree"]]
    assert placed.loc["ON"].tolist() == ["SY0501", AT_A_BORDER, "SY0200"]
    assert placed.loc["NEAR"].tolist() == ["SY0501", AT_A_BORDER, "SY0200"]
    assert placed.loc["FAR"].tolist() == ["SY0200", "coordinates", "SY0501"]
    listed = disagreements(events)
    assert listed[["district_by_names", "district_by_coordinates", "decided_by", "events"]].values.tolist() == [
        ["SY0501", "SY0200", "coordinates", 1],
        ["SY0501", "SY0200", "names (within 0.001° of the border)", 2],
    ]
