"""Tests for eventwire.gazetteer: building the index and looking names up by any spelling."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.gazetteer import Gazetteer, fold_key, index_version, name_key, romanisations
from eventwire.gazetteer._index import _version_of


def test_name_key_drops_apostrophes_accents_and_spaces() -> None:
    assert name_key("Kup'yans'k") == name_key("Kupyansk") == "kupyansk"
    assert name_key("Énerhodar") == "enerhodar"
    assert name_key("Ivano-Frankivsk") == "ivanofrankivsk"


@pytest.mark.parametrize(
    "variants",
    [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Svatovo", "Svatove", "Svatov"),
        ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhya"),
        ("Balakliya", "Balakliia", "Balakleya"),
        ("Lugansk", "Luhansk"),
    ],
)
def test_fold_key_joins_romanisation_variants(variants: tuple[str, ...]) -> None:
    assert len({fold_key(v) for v in variants}) == 1


def test_fold_key_keeps_different_names_apart() -> None:
    assert fold_key("Kharkiv") != fold_key("Kherson")
    assert fold_key("Luhansk") != fold_key("Lutsk")


def test_romanisations_give_ukrainian_and_russian_forms() -> None:
    assert romanisations("Гоптівка") == ["Hoptivka"]
    assert set(romanisations("Гоптовка")) == {"Hoptovka", "Goptovka"}
    assert "Zaporizhzhia" in romanisations("Запоріжжя")


def test_romanisations_add_the_older_y_forms_of_ukrainian_letters() -> None:
    # National (2010) first, then the y-forms English news still writes.
    assert romanisations("Андріївка")[:2] == ["Andriivka", "Andriyivka"]
    assert "Zaporizhzhya" in romanisations("Запоріжжя")
    assert romanisations("Гоптівка") == ["Hoptivka"]  # no й, ї, є, ю, я: nothing to add


def test_register_villages_are_found_under_their_y_forms(gazetteer: Gazetteer) -> None:
    national = {c.place_id for c in gazetteer.lookup("Mykhailivka", fuzzy=False)}
    older = {c.place_id for c in gazetteer.lookup("Mykhaylivka", fuzzy=False)}
    assert len(national) > 10
    assert national <= older


def test_index_has_version_and_is_rebuilt_when_stale(tmp_path: Path) -> None:
    path = tmp_path / "stale.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('version', 'old')")
    conn.commit()
    conn.close()
    # Only the version check is exercised here: a stale file must be detected.
    assert _version_of(path) == "old" != index_version()


@pytest.mark.slow
def test_build_writes_a_complete_index_and_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "gazetteer.sqlite"
    built = Gazetteer.open(path)
    assert built.lookup("Hoptivka")
    assert [p.name for p in path.parent.iterdir()] == ["gazetteer.sqlite"]
    assert _version_of(path) == index_version()


@pytest.mark.parametrize(
    ("spellings", "geonames_id"),
    [
        (("Kiev", "Kyiv"), 703448),
        (("Kharkov", "Kharkiv"), 706483),
        (("Lugansk", "Luhansk"), 702658),
        (("Svatovo", "Svatove", "Svatov"), 692118),
        (("Izyum", "Izium"), 707292),
        (("Zaporozhye", "Zaporizhzhia", "Zaporizhzhya"), 687700),
        (("Kupyansk", "Kupiansk", "Kup'yans'k"), 703656),
        (("Artemovsk", "Bakhmut"), 713174),
        (("Hoptivka", "Goptovka"), 807105),
    ],
)
def test_lookup_finds_every_spelling(
    gazetteer: Gazetteer, spellings: tuple[str, ...], geonames_id: int
) -> None:
    for spelling in spellings:
        ids = [c.geonames_id for c in gazetteer.lookup(spelling)]
        assert geonames_id in ids, spelling


def test_lookup_marks_capitals_and_regions(gazetteer: Gazetteer) -> None:
    kyiv = next(c for c in gazetteer.lookup("Kyiv") if c.geonames_id == 703448)
    assert (kyiv.feature, kyiv.country, kyiv.admin1) == ("PPLC", "UKR", "Kyiv City")
    kharkiv = next(c for c in gazetteer.lookup("Kharkiv") if c.geonames_id == 706483)
    assert (kharkiv.feature, kharkiv.admin1) == ("PPLA", "Kharkiv Oblast")


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Kharkiv Oblast", "Kharkiv Oblast"),
        ("Kharkivska oblast", "Kharkiv Oblast"),
        ("Kharkov region", "Kharkiv Oblast"),
        ("Lugansk region", "Luhansk Oblast"),
        ("Luhanska oblast", "Luhansk Oblast"),
        ("Sumska oblast", "Sumy Oblast"),
        ("Zaporizka oblast", "Zaporizhzhia Oblast"),
        ("Belgorodskaya oblast", "Belgorod Oblast"),
        ("Donbass", "Donbas"),
        ("Crimea", "Crimea"),
    ],
)
def test_lookup_admin1_by_any_name(gazetteer: Gazetteer, name: str, region: str) -> None:
    found = gazetteer.lookup_admin1(name)
    assert found
    assert found[0].name == region
    assert found[0].precision == 3


def test_admin1_point_is_its_capital(gazetteer: Gazetteer) -> None:
    oblast = gazetteer.lookup_admin1("Kharkiv region")[0]
    city = gazetteer.by_geonames_id(706483)
    assert city is not None
    assert (oblast.lat, oblast.lon) == (city.lat, city.lon)


def test_lookup_country_by_name_and_alias(gazetteer: Gazetteer) -> None:
    assert [c.country for c in gazetteer.lookup_country("Ukraine")] == ["UKR"]
    assert [c.country for c in gazetteer.lookup_country("Russian Federation")] == ["RUS"]
    assert [c.country for c in gazetteer.lookup_country("U.S.")] == ["USA"]
    ukraine = gazetteer.country("UKR")
    assert ukraine is not None
    assert ukraine.feature == "PCLI"
    assert ukraine.precision == 3


def test_supplement_landmarks_are_found(gazetteer: Gazetteer) -> None:
    plant = gazetteer.lookup("Zaporizhzhia nuclear power plant")
    assert plant
    assert plant[0].feature == "PSN"
    assert abs(plant[0].lat - 47.51) < 0.05
    assert abs(plant[0].lon - 34.59) < 0.05
    assert gazetteer.lookup("the Black Sea")[0].feature == "SEA"
    assert gazetteer.lookup("Snake Island")[0].country == "UKR"


def test_lookup_of_unknown_or_empty_name_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xqzzyville") == []
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("...") == []


def test_lookup_is_cached_and_fast(gazetteer: Gazetteer) -> None:
    import time

    gazetteer.lookup("Kharkov")
    start = time.perf_counter()
    for _ in range(10_000):
        gazetteer.lookup("Kharkov")
    per_call = (time.perf_counter() - start) / 10_000
    assert per_call < 50e-6


def test_countries_carry_their_own_point_not_the_capital(gazetteer: Gazetteer) -> None:
    usa = gazetteer.lookup_country("United States")[0]
    assert usa.source.endswith("(point: GeoNames country point)")
    # The capital (Washington, 77 W) would put the whole country on the east coast.
    assert -105 < usa.lon < -90


def test_continents_and_oceans_are_indexed(gazetteer: Gazetteer) -> None:
    assert any(c.feature == "CONT" for c in gazetteer.lookup("Africa", fuzzy=False))
    assert any(c.feature == "OCN" for c in gazetteer.lookup("Atlantic", fuzzy=False))


def test_constituent_countries_of_the_uk_are_regions(gazetteer: Gazetteer) -> None:
    wales = gazetteer.lookup_admin1("Wales")
    assert wales
    assert wales[0].country == "GBR"


def test_lookup_variants_returns_only_folded_matches(gazetteer: Gazetteer) -> None:
    assert all(c.match == 2 for c in gazetteer.lookup_variants("Zaporizhia"))
    assert gazetteer.lookup_variants("Kyi") == []


def test_curated_region_point_overrides_capital_and_median(gazetteer: Gazetteer) -> None:
    # Texas's capital (Austin) and the median of its towns lie far east of its middle.
    texas = gazetteer.lookup_admin1("Texas")[0]
    assert texas.feature == "ADM1"
    assert -101.0 < texas.lon < -98.0
    ontario = gazetteer.lookup_admin1("Ontario")[0]
    assert ontario.country == "CAN"
    assert ontario.lat > 46.0  # not Toronto (43.7 N)


def test_state_abbreviations_and_regions_of_other_countries(gazetteer: Gazetteer) -> None:
    assert [c.name for c in gazetteer.lookup("Calif.") if c.feature == "ADM1"] == ["California"]
    assert gazetteer.lookup_admin1("Rajasthan")[0].country == "IND"
    assert gazetteer.lookup_admin1("Oaxaca State")[0].country == "MEX"


def test_supplement_rows_cite_a_source_and_have_valid_points() -> None:
    import csv
    from importlib import resources

    text = resources.files("eventwire.data").joinpath("places_supplement.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) > 50
    for row in rows:
        assert row["source"].startswith("curated"), row["name"]
        assert -90 <= float(row["lat"]) <= 90
        assert -180 <= float(row["lon"]) <= 180
        assert row["precision"] in {"1", "2", "3"}


def test_register_villages_stand_at_their_hromada_centre(gazetteer: Gazetteer) -> None:
    # Mahdalynivka of Zaporizhzhia Oblast is in Ukraine's register (KATOTTG), not in
    # cities500: it is indexed near its hromada's centre, citing its register code.
    found = [
        c
        for c in gazetteer.lookup("Mahdalynivka", fuzzy=False)
        if c.admin1 == "Zaporizhzhia Oblast"
    ]
    assert len(found) == 1
    village = found[0]
    assert (village.country, village.feature, village.precision) == ("UKR", "PPL", 2)
    assert village.source.startswith("KATOTTG UA23")
    assert "(point: centre of its hromada" in village.source
    assert 46.0 < village.lat < 48.5
    assert 34.0 < village.lon < 37.5
    # The Cyrillic name and its romanisations are keys too.
    assert any(c.place_id == village.place_id for c in gazetteer.lookup("Магдалинівка"))


def test_renamed_register_villages_answer_to_their_former_names(gazetteer: Gazetteer) -> None:
    # The register renamed Parkhomenkove (Volyn Oblast) Vydranka: a report from before the
    # renaming names the village the index now calls Vydranka.
    old = [c for c in gazetteer.lookup("Parkhomenkove", fuzzy=False) if c.admin1 == "Volyn Oblast"]
    new = [c for c in gazetteer.lookup("Vydranka", fuzzy=False) if c.admin1 == "Volyn Oblast"]
    assert [c.name for c in old] == ["Vydranka"]
    assert [c.place_id for c in old] == [c.place_id for c in new]
    assert old[0].source.startswith("KATOTTG UA07")


def test_every_former_name_of_an_added_village_is_a_key(gazetteer: Gazetteer) -> None:
    from eventwire.gazetteer._build import _read_csv

    renamed = [r for r in _read_csv("ua_settlements.csv") if r["former_names"]]
    assert len(renamed) > 400  # the renamings since the register's 2021 edition
    checked = 0
    for row in renamed[:200]:
        added = [c for c in gazetteer.lookup(row["name"]) if row["katottg"] in c.source]
        for place in added:  # villages the register adds (the others are GeoNames towns)
            for former in row["former_names"].split("|"):
                assert place.place_id in {c.place_id for c in gazetteer.lookup(former)}, former
            checked += 1
    assert checked > 50


def test_register_adds_no_duplicate_of_a_geonames_town(gazetteer: Gazetteer) -> None:
    # Hoptivka (Kharkiv Oblast) is in cities500: the register adds no second Hoptivka there.
    found = [c for c in gazetteer.lookup("Hoptivka", fuzzy=False) if c.admin1 == "Kharkiv Oblast"]
    assert [c.source for c in found] == ["GeoNames cities500"]


def test_register_table_maps_every_oblast() -> None:
    from eventwire.gazetteer._build import _read_csv, _ua_oblasts

    rows = _read_csv("ua_settlements.csv")
    admin1 = {(r["country"], r["admin1"]): r for r in _read_csv("admin1.csv")}
    oblasts = _ua_oblasts(rows, admin1)
    prefixes = {r["katottg"][:4] for r in rows if r["category"] == "O"}
    assert len(prefixes) == 25
    assert prefixes <= set(oblasts)
    assert len(set(oblasts.values())) == len(oblasts)
    assert all(r["katottg"].startswith("UA") and len(r["katottg"]) == 19 for r in rows)


def test_us_counties_are_indexed_with_their_word(gazetteer: Gazetteer) -> None:
    found = {c.admin1: c for c in gazetteer.lookup("Morris County", fuzzy=False)}
    assert {"New Jersey", "Kansas", "Texas"} <= set(found)
    assert found["New Jersey"].feature == "ADM2"
    assert found["New Jersey"].source.startswith("us-atlas")
    assert [c.admin1 for c in gazetteer.lookup("Saint Croix County")] == ["Wisconsin"]
    assert any(c.name == "Orleans Parish" for c in gazetteer.lookup("Orleans Parish"))
    # The bare name stays a town's.
    assert all(c.feature != "ADM2" for c in gazetteer.lookup("Morris", fuzzy=False))


def test_cyrillic_names_are_romanised_only_in_cyrillic_countries(gazetteer: Gazetteer) -> None:
    # GeoNames gives Hawley, Minnesota a Russian name that romanises to "Holy".
    assert not gazetteer.lookup("Holy", fuzzy=False)
    assert any(c.country == "UKR" for c in gazetteer.lookup("Kharkov", fuzzy=False))


def test_register_village_without_a_placed_hromada_takes_its_raion(
    gazetteer: Gazetteer,
) -> None:
    # No member of Velyka Doroha's hromada is in cities500: the raion's hromadas place it.
    found = [c for c in gazetteer.lookup("Velyka Doroha") if c.admin1 == "Chernihiv Oblast"]
    assert len(found) == 1
    assert "its raion" in found[0].source
    assert found[0].precision == 2
