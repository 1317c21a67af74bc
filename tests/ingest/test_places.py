"""The gazetteer resolves every spelling the reports, ACLED and domain notes use; it never guesses."""

import pytest

from analysis.ingest.places import load_gazetteer, resolve_names
from analysis.names import normalise

# spelling -> expected place_id (variants from the domain notes, section 3.2, and the reports)
VARIANTS = {
    "SY09": [
        "Deir-ez-Zor",
        "Deir ez-Zor",
        "Deir ez Zor",
        "Deir Ezzor",
        "Deir Ez-Zor",
        "Deir el-Zor",
        "Deir al-Zour",
        "Dair al-Zawr",
        "Dayr az Zawr",
        "Dayr Az Zawr",
        "Deir El Zour",
        "DeZ",
        "دير الزور",
        "Deir ez-Zor region",
    ],
    "SY08": [
        "Al-Hasakeh",
        "Al-Hasakah",
        "Al Hasakah",
        "Hasakah",
        "Hasaka",
        "Hassakeh",
        "Hasakeh",
        "Heseke",
        "Hesekê",
        "AL-Hasakeh",
        "Al Ḩasakah",
        "Al Hasakeh",
        "الحسكة",
        "Heseke region",
    ],
    "SY11": ["Ar Raqqah", "Ar-Raqqah", "Raqqah", "الرقة"],
    "SY1101": ["Raqqa", "Ar-Raqqa", "Rakka", "Reqa"],
    "SY0205": ["Menbij", "Manbij", "Membij", "Minbij", "Munbij"],
    "SY0206": [
        "Ain Al Arab",
        "Kobani",
        "Kobanî",
        "Kobane",
        "Kobanê",
        "Ayn al-Arab",
        "Ain al-Arab",
        "Ayn Al-Arab",
        "ʿAyn al-ʿArab",
        "Ayn al-Islam",
    ],
    "SY0802": ["Quamishli", "Qamishli", "Al-Qamishli", "Al Qāmishlī", "Qamishlo", "Qamişlo", "Kamishli"],
    "SY0803": ["Al-Malikeyyeh", "Al Malikeyyeh", "Al-Malikiyah", "Malikiyah", "Derik", "Dêrik", "Al Mālikīyah"],
    "SY0804": ["Ras Al Ain", "Ras al-Ain", "Ra's al-'Ayn", "Sere Kaniye", "Serêkaniyê"],
    "SY1102": ["Tell Abiad", "Tal Abyad", "Tell Abyad", "Tall Abyaḑ", "Gire Spi", "Girê Spî"],
    "SY1103": ["Ath-Thawrah", "Ath Thawrah", "Tabqa", "al-Tabqa", "Madinat al-Thawra"],
    "SY080006": ["Hole", "al-Hol", "Al-Hol", "Al Hawl", "al-Houl", "Al Hol"],
    "CAMP-HOL": ["al-Hol camp", "Hol camp", "مخيم الهول"],
    "SY080002": ["Shadadah", "Shaddadi", "Al-Shaddadi", "Ash Shaddadah", "Shadadi"],
    "SY090102": ["Basira", "Busayrah", "Al-Busayrah", "Busaira", "Al-Busayra"],
    "SY090301": ["Thiban", "Dhiban", "Diban", "Theban"],
    "SY090201": ["Hajin", "Hajeen"],
    "SY090203": ["Susat", "Susah", "Sousa"],
    "SY090101": ["Kisreh", "Kasra", "Kesra", "Al-Kasra"],
    "SY110202": ["Ein Issa", "Ain Issa", "Ayn Issa"],
    "SY080001": ["Tal Tamer", "Tal Tamr", "Tell Tamer", "Til Temir"],
    "SY080202": ["Amuda", "Amude", "Amûdê"],
    "SY080401": ["Darbasiyah", "Dirbesiye", "Al-Darbasiyah", "Ad Darbāsīyah"],
    "SY0902": ["Abu Kamal", "Al-Bukamal", "Albu Kamal", "Bukamal"],
    "SY0903": ["Al Mayadin", "Mayadeen", "Al-Mayadin"],
    "REGION-JAZIRA": ["Jazira", "Jazeera", "Jazirah", "Cizîrê"],
}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("place_id, name", [(p, n) for p, names in VARIANTS.items() for n in names])
def test_every_known_variant_resolves_to_its_place(gazetteer, place_id, name):
    assert gazetteer.resolve(name).place_id == place_id


def test_resolved_places_carry_ocha_pcodes(gazetteer):
    hol = gazetteer.describe(gazetteer.resolve("al-Hol camp").place_id)
    assert (hol["adm1_pcode"], hol["adm2_pcode"], hol["adm3_pcode"]) == ("SY08", "SY0800", "SY080006")
    kobani = gazetteer.describe(gazetteer.resolve("Kobane").place_id)
    assert (kobani["adm1_pcode"], kobani["name"]) == ("SY02", "Ain Al Arab")


def test_a_kind_restricts_the_match(gazetteer):
    assert gazetteer.resolve("Ar-Raqqa", kind="governorate").place_id == "SY11"
    assert gazetteer.resolve("Al-Hasakeh", kind="sub-district").place_id == "SY080000"
    assert gazetteer.resolve("Al-Hasakeh").place_id == "SY08"  # without a kind: the widest unit


def test_unknown_names_are_reported_not_guessed(gazetteer):
    for name in ["Deir ez-Zorr", "Paris", "Raqqa-ish", ""]:
        result = gazetteer.resolve(name)
        assert result.place_id == ""
        assert result.reason


def test_every_governorate_and_district_of_syria_is_known(gazetteer):
    """OCHA's 14 governorates and 62 districts, so that an event anywhere in Syria is named exactly."""
    kinds = gazetteer.places["kind"].value_counts()
    assert (kinds["governorate"], kinds["district"]) == (14, 62)
    assert gazetteer.resolve("Damascus", "governorate").place_id == "SY01"
    assert gazetteer.resolve("Al Bab", "district").place_id == "SY0202"
    assert gazetteer.resolve("Azaz", "district").place_id == "SY0204"  # OCHA writes A'zaz


def test_resolve_names_lists_unresolved_with_reason(gazetteer):
    import pandas as pd

    table = resolve_names(pd.Series(["Heseke", "Atlantis"]), gazetteer)
    assert table["place_id"].tolist() == ["SY08", ""]
    assert "not in the gazetteer" in table.loc[1, "unresolved_reason"]


def test_normalise_folds_spelling_noise():
    assert normalise("Deir-ez-Zor") == normalise("deir ez zor") == "deir zor"
    assert normalise("Qamişlo") == "qamislo"
    assert normalise("Heseke region") == "heseke"
