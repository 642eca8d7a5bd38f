"""The places stage: find toponyms in a parsed article and resolve them against the gazetteer.

Recognition lives in ``eventwire.toponyms``. Resolution ranks each mention's candidates by
feature class, population, the article's focus country, the regions the article names and
the distance to other places in the same sentence. Context also constrains: "Town, Region"
keeps only the towns inside that region, a loose spelling match must lie in the focus country
and look like the name, and a city district must lie near a town the article names. A name
that fits no candidate is reported unresolved (``name`` None), never pinned to a wrong town.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.gazetteer import (
    Candidate,
    Gazetteer,
    fold_key,
    haversine_km,
    name_key,
    romanisations,
)
from eventwire.records import Place
from eventwire.toponyms import (
    COMMON_WORDS,
    FIRST_NAMES,
    PART_WORDS,
    WEAPON_WORDS,
    Mention,
    alias_only,
    dash_districts,
    doc_text,
    entity_mentions,
    landmark_of,
    mark_regions,
    pair_regions,
    person_words,
    scan_mentions,
    sentence_start,
)

__all__ = [
    "COMMON_WORDS", "FIRST_NAMES", "PlaceFinder", "evaluate_geowebnews", "geowebnews_split",
]  # fmt: skip

_AREA_FEATURES = frozenset(
    {"CONT", "PCLI", "ADM1", "ADM2", "RGN", "OCN", "SEA", "STM", "STRT", "AREA"}
)
_REGION_FEATURES = frozenset({"ADM1", "RGN"})
_CITY_FEATURES = frozenset({"PPL", "PPLA", "PPLC"})
_NAMED_AREAS = frozenset({"PCLI", "ADM1"})
_BIG_CITY = 100_000
_SMALL_TOWN = 10_000
_FEATURE_BONUS = {
    "CONT": 3.0, "PCLI": 3.0, "PPLC": 1.5, "PPLA": 0.8, "ADM1": 0.5, "ADM2": 2.0, "PPL": 0.0,
}  # fmt: skip
_LANDMARK_BONUS = 3.0
# A town found only under a name unlike its own ("Salisbury" is an old name of Harare,
# "Oleksandrivka" one of Donetsk) loses to a town that bears the name.
_ALIAS_PENALTY = 2.5
_FOCUS_BONUS = 1.5
# "New Quay" is the Welsh village, not Newquay in Cornwall: word breaks are part of a name.
_SPLIT_PENALTY = 1.0
_FUZZY_SIMILARITY = 0.75
_NEAR_KM = 150.0
_PART_KM = 40.0
_LIST_BONUS = 2.0  # a candidate of the kind the names listed with it are
_LIST_JOIN = re.compile(r"^\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?$", re.I)
_DEMONYM_VOTE = 0.5
_LOOSE_VOTE = 0.5  # a name found only under another name or spelling votes half
_VOTE_SHARPNESS = 3.0  # a prior ahead by 0.3 takes 71 % of a name's vote for its country
_VOTE_MARGIN = 0.5  # countries whose best place trails by more get none of it
_NEAR_VOTE = 0.5  # a name's place near another name's place of the same country
_NEAR_MARGIN = 1.5  # ... counts when it trails the name's best place by at most this
_NUMBERED = re.compile(r"^(\D+?)[-\s]+\d+$")  # "Zolote-5", "Shakhta 22"
_REGION_BONUS = 2.0  # the candidate lies in a region the article names ("Kharkiv region")
_TOWN_REGION = 1.0  # the candidate lies in the region of another town the article names
_AREA_PAIR = re.compile(r"^([A-Z][a-z]+)(?:-| )([A-Z][a-z]+)$")  # "Greece Italy", "Asia-Pacific"
_CLOSE_KM = 60.0  # a town this close to another the article names is more likely meant
_CLOSE_BONUS = 1.0
_FALL_BACK_CHARS = 250.0
# Scores this close to the best are as good as it: the text does not tell the places apart.
_HOMONYM_MARGIN = 1.0
_HOMONYM_KM = 25.0  # nearer than this, two places are one for a reader of the map
# The theatre: towns earlier articles of the run named unambiguously. Of several villages of
# one name, one with many of those towns within _THEATRE_KM is more likely meant: news of one
# war names the same front again and again. Each candidate town gains _THEATRE_WEIGHT times
# log(1 + that count), the count capped at _THEATRE_CAP (at most 0.91, less than the prior
# gap between a town of 100,000 and a village of 1,000): enough to choose between homonym
# villages the text does not tell apart, not enough to move a name to a village when a city
# bears it, however long the run. Bounded, so a long-running service forgets old articles.
_THEATRE_KM = 40.0
_THEATRE_CAP = 20
_THEATRE_WEIGHT = 0.3
_THEATRE_SIZE = 20_000
_THEATRE_CELL = 0.25  # degrees: grid cells for counting nearby points
# "the Myrne hromada", "Izium district", "Mykhailo-Kotsiubynska community": a raion or hromada
# named in the text picks, among homonym villages, the register's one inside it.
_UNIT_WORDS = re.compile(
    r"\b([A-Z][\w'’]+(?:[- ][A-Z][\w'’]+)?)\s+(?:(?:territorial|united|rural|urban)\s+)?"
    r"(?:hromada|hromadas|community|communities|raion|rayon|district)\b"
)
_UNIT_HINT = re.compile(r"hromada|communit|raion|rayon|district")
_UNIT_BONUS = 2.0
_KATOTTG = re.compile(r"KATOTTG (UA\d{17})")
_UNIT_STEM = 4  # letters a unit's adjective may add to the town it is named after


@cache
def _units() -> dict[str, list[str]]:
    """Return the folded names of the register's raions and hromadas, each with its code prefix.

    Raions carry "UA" and 4 digits of the code, hromadas "UA" and 7 (``ua_settlements.csv``);
    the names are adjectives ("Izium" raion is "Iziumskyi"), romanised as the index does.
    """
    table: dict[str, list[str]] = {}
    raw = resources.files("eventwire.data").joinpath("ua_settlements.csv").read_text("utf-8")
    for row in csv.DictReader(raw.splitlines()):
        size = {"P": 6, "H": 9}.get(row["category"])
        if size is None:
            continue
        for form in romanisations(row["name"]):
            table.setdefault(fold_key(form), []).append(row["katottg"][:size])
    return table


def _unit_match(word: str, unit: str) -> bool:
    """True when ``word`` names the unit ``unit`` (both folded): itself or its adjective."""
    if word == unit:
        return True
    short, long = sorted((word, unit), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= _UNIT_STEM


def _named_units(text: str) -> frozenset[str]:
    """Return the code prefixes of the raions and hromadas ``text`` names ("Izium district")."""
    if _UNIT_HINT.search(text) is None:
        return frozenset()  # most articles name none: skip the slower pattern
    found: set[str] = set()
    for match in _UNIT_WORDS.finditer(text):
        found.update(_unit_codes_of(fold_key(match.group(1))))
    return frozenset(found)


@lru_cache(maxsize=10_000)
def _unit_codes_of(word: str) -> frozenset[str]:
    """Return the code prefixes of the units a folded name may name (none under 4 letters)."""
    if len(word) < 4:
        return frozenset()
    return frozenset(
        code for unit, codes in _units().items() if _unit_match(word, unit) for code in codes
    )


@lru_cache(maxsize=100_000)
def _unit_codes(source: str) -> tuple[str, str] | None:
    """Return a register village's raion and hromada code prefixes (None for other places)."""
    match = _KATOTTG.search(source)
    return (match.group(1)[:6], match.group(1)[:9]) if match else None


_MISPLACED_KM = 250.0  # a town credited to the neighbouring region lies this close to its point
_COMPASS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
     "northeastern", "northwestern", "southeastern", "southwestern", "upstate", "rural"}
)  # fmt: skip


def _km(a: Candidate, b: Candidate) -> float:
    """Return the great-circle distance between two candidates in kilometres."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _prior_top(m: Mention) -> Candidate:
    """Return the mention's best candidate before context (the first of equals)."""
    return max(m.candidates, key=lambda c: _prior(c, m.text))


@lru_cache(maxsize=200_000)
def _prior(c: Candidate, text: str = "") -> float:
    """Return a candidate's score before context: feature class, population, match level."""
    bonus = _FEATURE_BONUS.get(c.feature, _LANDMARK_BONUS)
    people = math.log10(c.population + 10)
    # Big cities win over their homonym villages (London, Toronto, Houston): extra weight
    # for every tenfold above 100,000 people.
    big = max(0.0, people - 5.0) if c.feature in _CITY_FEATURES else 0.0
    score = bonus + 0.5 * people + big - (0.3, 0.3, 1.5)[min(c.match, 2)]
    if text and _split_otherwise(text, c.name):
        score -= _SPLIT_PENALTY
    return score - (_ALIAS_PENALTY if text and alias_only(text, c) else 0.0)


def _words(name: str) -> int:
    return len(name.replace("-", " ").split())


def _split_otherwise(text: str, name: str) -> bool:
    """Return True when ``name`` spells ``text`` with other word breaks ("Newquay", "New Quay")."""
    return _words(text) != _words(name) and name_key(text) == name_key(name)


@cache
def _demonyms() -> dict[str, str]:
    """Return nationality words -> ISO3 from the package's demonym table (empty when absent)."""
    try:
        text = resources.files("eventwire.data").joinpath("demonyms.csv").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    rows = csv.DictReader(text.splitlines())
    return {
        name_key(w): row["country"] for row in rows for w in (row.get("words") or "").split("|")
    }


def _inside(c: Candidate, areas: Iterable[Candidate]) -> bool:
    """Return True when ``c`` lies in one of the regions or countries ``areas``."""
    for a in areas:
        if a.feature in _REGION_FEATURES and c.admin1 is not None and c.admin1 == a.name:
            return True
        if a.feature == "PCLI" and c.country == a.country:
            return True
    return False


def _stem(m: Mention) -> str:
    """Return a part-of-town mention without its generic word ("Podilskyi district")."""
    words = m.text.split()
    return " ".join(w for w in words if w.lower() not in PART_WORDS) or m.text


class Theatre:
    """Points of the towns that earlier articles named unambiguously (the last ``size``)."""

    def __init__(self, size: int = _THEATRE_SIZE) -> None:
        self.size = size
        self._points: deque[tuple[float, float]] = deque()
        self._cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        # Counts asked since the last change (an article asks the same points many times:
        # register villages share their hromada's point).
        self._counts: dict[tuple[float, float, float], int] = {}

    def __len__(self) -> int:
        return len(self._points)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / _THEATRE_CELL), math.floor(lon / _THEATRE_CELL)

    def add(self, lat: float, lon: float) -> None:
        """Remember one point (forgetting the oldest beyond ``size``)."""
        point = (lat, lon)
        self._counts.clear()
        self._points.append(point)
        self._cells.setdefault(self._cell(lat, lon), []).append(point)
        if len(self._points) > self.size:
            old = self._points.popleft()
            self._cells[self._cell(*old)].remove(old)

    def count(self, lat: float, lon: float, km: float = _THEATRE_KM) -> int:
        """Return how many remembered points lie within ``km`` of the point."""
        if not self._points:
            return 0
        known = self._counts.get((lat, lon, km))
        if known is not None:
            return known
        # Flat distances: exact enough at tens of kilometres, and cheap.
        ky = 111.2
        kx = ky * max(math.cos(math.radians(lat)), 0.1)
        limit = km * km
        ci, cj = self._cell(lat, lon)
        reach_i = int(km / (ky * _THEATRE_CELL)) + 1
        reach_j = int(km / (kx * _THEATRE_CELL)) + 1
        n = 0
        for i in range(ci - reach_i, ci + reach_i + 1):
            for j in range(cj - reach_j, cj + reach_j + 1):
                for la, lo in self._cells.get((i, j), ()):
                    n += ((la - lat) * ky) ** 2 + ((lo - lon) * kx) ** 2 <= limit
        self._counts[(lat, lon, km)] = n
        return n


class PlaceFinder:
    """Finds and resolves the places of a parsed article against a gazetteer.

    With ``theatre`` (off by default), the towns each article names unambiguously are
    remembered and break ties between homonym villages in later articles of the run.
    """

    def __init__(self, gazetteer: Gazetteer, theatre: bool = False) -> None:
        self.gazetteer = gazetteer
        self.theatre: Theatre | None = Theatre() if theatre else None

    def _candidates(self, m: Mention) -> list[Candidate]:
        if m.region:
            regions = self.gazetteer.lookup_admin1(m.text)
            if regions:
                return regions
            countries = self.gazetteer.lookup_country(m.text)
            if countries:
                return countries
        text = _stem(m) if m.part else m.text
        found = self.gazetteer.lookup(text, fuzzy=m.trusted or m.pinned)
        key = name_key(text)
        if any(c.feature in _NAMED_AREAS and name_key(c.name) == key for c in found):
            # "Mexico", "Idaho": the country or state bearing the name beats a town found
            # under a longer name of its own (Mexico City, Idaho Springs); a state does not
            # hide a big city (New York).
            found = [
                c
                for c in found
                if c.feature in _AREA_FEATURES
                or name_key(c.name) == key
                or (c.population >= _BIG_CITY and not any(a.feature == "PCLI" for a in found))
            ]
        if len(key) <= 2:
            # "Va.", "WA", "N.B.": abbreviations of states and countries, not villages.
            found = [c for c in found if c.feature in _AREA_FEATURES]
        return found

    def _split_areas(self, m: Mention) -> list[Mention]:
        """Split an entity that runs two area names together ("Greece Italy", "Asia-Pacific").

        Only when the index knows the whole under no name and each part is a country,
        continent, ocean or first-level region of that exact name.
        """
        if not m.trusted or m.region or m.within is not None:
            return [m]
        cut = _AREA_PAIR.match(m.text)
        if cut is None or self.gazetteer.lookup(m.text, fuzzy=False):
            return [m]
        parts = []
        for group in (1, 2):
            text = cut.group(group)
            if not any(
                c.feature in _AREA_FEATURES and c.match == 0 and not alias_only(text, c)
                for c in self.gazetteer.lookup(text, fuzzy=False)
            ):
                return [m]
            start = m.start + cut.start(group)
            parts.append(Mention(start, start + len(text), text, True, m.label))
        return parts

    @staticmethod
    def _dash_districts(text: str, mentions: list[Mention]) -> None:
        """Read "Odesa - Prymorskyi" as a district of the town before the spaced dash.

        Not when the second name is itself a country, region or capital ("Russia - Ukraine",
        "Kyiv - Kharkiv").
        """
        for prev, m in pairwise(mentions):
            if text[prev.end : m.start] not in {" - ", " – "} or prev.part or m.region:
                continue
            town = max(prev.candidates, key=lambda c: _prior(c, prev.text), default=None)
            if town is None or town.feature not in _CITY_FEATURES:
                continue
            if any(c.feature in _AREA_FEATURES | {"PPLA", "PPLC"} for c in m.candidates):
                continue
            m.part = True

    def _focus(
        self, mentions: Iterable[Mention], demonyms: Counter[str], others: Iterable[Mention] = ()
    ) -> str | None:
        # Nationality words vote weakly: war news names the other side's army all the time.
        votes: dict[str, float] = {k: _DEMONYM_VOTE * v for k, v in demonyms.items() if k}
        weighted = [(m, 1.0) for m in mentions] + [(m, _LOOSE_VOTE) for m in others]
        # Per name, its best place in each country where one comes close to its best overall.
        bests: list[tuple[str, float, dict[str, Candidate]]] = []
        for m, vote in weighted:
            best: dict[str, tuple[float, Candidate]] = {}
            for c in m.candidates:
                p = _prior(c, m.text)
                if c.country and (c.country not in best or p > best[c.country][0]):
                    best[c.country] = (p, c)
            if not best:
                continue
            high, top = max(best.values(), key=lambda pc: pc[0])
            # One found only under another name or spelling votes half (a person's name that
            # is also an alias of a far-off town).
            weight = vote * (_LOOSE_VOTE if top.match or alias_only(m.text, top) else 1.0)
            plausible = {k: c for k, (p, c) in best.items() if p >= high - _NEAR_MARGIN}
            bests.append((name_key(m.text), weight, plausible))
            # A name several countries bear about equally ("Dundalk") splits its vote.
            shares = {
                k: math.exp(_VOTE_SHARPNESS * (p - high))
                for k, (p, _) in best.items()
                if p >= high - _VOTE_MARGIN
            }
            total = sum(shares.values())
            for k, share in shares.items():
                votes[k] = votes.get(k, 0.0) + weight * share / total
        # Names whose places in one country lie close together ("Canterbury", "Kent") vote
        # for it again: homonyms abroad lie scattered.
        names: dict[str, tuple[float, dict[str, Candidate]]] = {}
        for key, weight, plausible in bests:
            names[key] = (names.get(key, (0.0, plausible))[0] + weight, plausible)
        for key, (weight, plausible) in names.items():
            if len(plausible) < 2:
                continue  # only names of several countries need telling apart
            for k, c in plausible.items():
                if any(
                    k in other and key2 != key and _km(c, other[k]) <= _NEAR_KM
                    for key2, (_, other) in names.items()
                ):
                    votes[k] = votes.get(k, 0.0) + _NEAR_VOTE * weight
        return max(votes, key=lambda k: round(votes[k], 6)) if votes else None

    def _is_demonym(self, key: str) -> bool:
        """Return True for an adjective of nationality ("Ukrainian"), which is no place."""
        if key in _demonyms():
            # The table lists country names too ("Ukraine", "UK"): those are places.
            return not self.gazetteer.lookup_country(key)
        return key.endswith(("ian", "ians", "ean", "eans")) and not any(
            c.feature in _AREA_FEATURES or c.population >= 100_000
            for c in self.gazetteer.lookup(key, fuzzy=False)
        )

    def _keep(self, m: Mention, words: set[str], focus: str | None, text: str) -> bool:
        """Return True when a mention is a place, not a first name, surname or common word."""
        key = name_key(m.text)
        city = self._big_city(m, key)
        if " " not in m.text.strip():
            if self._is_demonym(key) or key in WEAPON_WORDS:
                return False
            # "a life in Charlotte": a first name that a big city bears, where a place goes.
            named_there = city and m.label == "GPE" and _after_locative(text, m.start)
            if not m.region and (key in FIRST_NAMES or key in COMMON_WORDS) and not named_there:
                return False
            if key in words and not m.pinned:
                return False
        if m.pinned:
            return True
        if m.trusted or not m.candidates:
            return m.trusted
        if m.label == "NORP" or any(c.feature in _AREA_FEATURES for c in m.candidates[:1]):
            # "a visit to Tunis" tagged as a nationality: a big city of the name is meant.
            return m.label != "NORP" or city
        if len(m.text.split()) > 1:
            return True
        best = max(m.candidates, key=lambda c: c.population)
        if best.feature not in _CITY_FEATURES:
            return True
        # Unlabelled words need a real town; PERSON/ORG labels a town in the focus country.
        home = best.country == focus
        if m.label in {"PERSON", "ORG"}:
            # "returns to Hampshire" tagged a person: a county of the focus country bears it.
            county = any(c.feature == "ADM2" and c.country == focus for c in m.candidates)
            return home or county or best.population >= 100_000
        return best.population >= (10_000 if home else 100_000)

    @staticmethod
    def _big_city(m: Mention, key: str) -> bool:
        """Return True when a city of 100,000 people or a capital bears the name itself."""
        return any(
            c.feature in _CITY_FEATURES
            and c.match == 0
            and name_key(c.name) == key
            and (c.population >= 100_000 or c.feature == "PPLC")
            for c in m.candidates
        )

    def _plausible(self, m: Mention, c: Candidate, focus: str | None) -> bool:
        """Return True unless ``c`` is a loose spelling match that context does not support."""
        if c.match < 2:
            return True
        if c.feature in _AREA_FEATURES and not m.region:
            return False  # "Uragan" is no misspelt "Oregon"
        if focus is not None and c.country != focus and m.within is None:
            return False
        return self._alike(m, c)

    @staticmethod
    def _alike(m: Mention, c: Candidate) -> bool:
        """Return True when a loose spelling match looks like the name ("Irane" is no Iran)."""
        if c.source.startswith("curated"):
            return True  # curated aliases are meant ("Zmiinyi Island" is Snake Island)
        ratio = SequenceMatcher(None, name_key(_stem(m)), name_key(c.name)).ratio()
        return ratio >= _FUZZY_SIMILARITY

    def _constrain(self, m: Mention, focus: str | None) -> None:
        """Narrow ``m``'s candidates to what its region and the focus country allow."""
        if m.within is not None:
            region = m.within
            # "Village, Kyiv" names Kyiv Oblast, not the city's own region (Kyiv City).
            wide = [r for r in region.candidates if not r.name.endswith(" City")]
            if wide and len(wide) < len(region.candidates):
                region.candidates = wide
            pool = m.candidates
            if not any(_inside(c, region.candidates) for c in pool):
                pool = self.gazetteer.lookup_variants(_stem(m))
            fitting = [
                c
                for c in pool
                if _inside(c, region.candidates) and (c.match < 2 or self._alike(m, c))
            ]
            numbered = _NUMBERED.match(m.text)
            if not fitting and numbered is not None:
                # "Zolote-5, Luhansk": a numbered part of a town (a mine settlement, a
                # quarter) the index lacks lies near the town, not anywhere in the region.
                base = self.gazetteer.lookup(numbered.group(1), fuzzy=False)
                fitting = [c for c in base if _inside(c, region.candidates)]
                m.part = bool(fitting)
            if not fitting and m.part is False:
                fitting = self._misplaced(m, region.candidates)
            if fitting:
                region.candidates = [
                    r for r in region.candidates if any(_inside(c, [r]) for c in fitting)
                ] or region.candidates
            m.candidates = fitting
            return
        m.candidates = [c for c in m.candidates if self._plausible(m, c, focus)]

    def _misplaced(self, m: Mention, regions: list[Candidate]) -> list[Candidate]:
        """Return the one town of the name in the region's country when the region has none.

        "Hrushuvakha, Donetsk" for a village across the oblast border: the register lists every
        settlement of Ukraine, so a name the named region lacks but one town of the country
        bears (under its own name, not a loose spelling) within _MISPLACED_KM of the region's
        point is that town; several such towns, or none, leave the name unresolved (placed at
        the region, as before).
        """
        countries = {r.country for r in regions if r.feature in _REGION_FEATURES}
        if len(countries) != 1:
            return []
        exact = [
            c
            for c in m.candidates
            if c.country in countries
            and c.match < 2
            and c.feature in _CITY_FEATURES
            and not alias_only(m.text, c)
        ]
        if len(exact) != 1:
            return []
        # Across the border, not across the country ("Chaika, Kyiv oblast" is no Crimean Chaika).
        points = [r for r in regions if r.feature in _REGION_FEATURES]
        return exact if any(_km(exact[0], r) <= _MISPLACED_KM for r in points) else []

    def _near_parts(self, mentions: list[Mention]) -> None:
        """Keep a district's candidates only near a town the article names."""
        towns = [
            o.best
            for o in mentions
            if o.best and not o.part and o.best.feature in _CITY_FEATURES | {"PSN", "PS"}
        ]
        for m in mentions:
            if not m.part or not m.candidates or m.within is not None:
                continue  # "Zolote-5, Luhansk": already placed by its town and region
            near = [c for c in m.candidates if any(_km(c, t) <= _PART_KM for t in towns)]
            m.candidates = near if towns else m.candidates
            if not near and towns:
                m.best = None

    def _resolve(self, mentions: list[Mention], focus: str | None, text: str = "") -> None:
        for m in mentions:
            m.best = None
        units = _named_units(text) if text else frozenset()
        listed = _coordinated(mentions, text)
        for pass_no in range(2):
            # Read once per pass (not per pair of mentions): each name's key and its best
            # candidate before context. _near_parts narrows candidates between passes.
            keys = [name_key(o.text) for o in mentions]
            tops = [_prior_top(o) if o.candidates else None for o in mentions]
            ctx = _Context(mentions, keys, tops, towns=pass_no > 0)
            for mi, m in enumerate(mentions):
                if not m.candidates:
                    continue
                # A region the article names as such counts more than a town's region.
                regions = ctx.regions(mi)
                near = [o.best for o in ctx.sentence(mi) if pass_no and o.best and o is not m]
                # Names listed with states or countries are of that kind: "California or
                # Washington" are states. (Towns are the default kind: they lend nothing.)
                kinds = Counter(
                    _kind(o.best)
                    for o in listed.get(id(m), [])
                    if pass_no and o.best and _kind(o.best) in {"region", "country"}
                )
                kind = kinds.most_common(1)[0][0] if kinds and not m.region else None
                # Towns the article names anywhere: of several villages of one name, the one
                # closest to them (the front line, the district) is meant; those of the same
                # sentence weigh double.
                close = ctx.towns(mi)

                def score(
                    c: Candidate,
                    near: list[Candidate] = near,
                    regions: Counter[str | None] = regions,
                    text: str = m.text,
                    kind: str | None = kind,
                    close: list[tuple[Candidate, float]] = close,
                ) -> float:
                    s = _prior(c, text)
                    if units:
                        codes = _unit_codes(c.source)
                        if codes is not None and (codes[0] in units or codes[1] in units):
                            s += _UNIT_BONUS
                    s += _LIST_BONUS if kind is not None and _kind(c) == kind else 0.0
                    s += _FOCUS_BONUS if focus and c.country == focus else 0.0
                    s += regions.get(c.admin1, 0) / 10 if c.admin1 else 0.0
                    if any(_km(c, o) < _NEAR_KM for o in near if o.place_id != c.place_id):
                        s += 1.5
                    if close:
                        s += (
                            max(w * max(0.0, 1 - _km(c, o) / _CLOSE_KM) for o, w in close)
                            * _CLOSE_BONUS
                        )
                    return s

                m.best, m.homonyms = _medoid(m.candidates, score, self.theatre)
                ctx.resolved(mi)
            if pass_no == 0:
                self._near_parts(mentions)

    def find(self, doc: Doc) -> list[Place]:
        """Return the places named in ``doc`` with offsets into ``doc.text``, in text order."""
        words = person_words(doc)
        mentions = entity_mentions(doc)
        mentions += scan_mentions(doc, self.gazetteer, [(m.start, m.end) for m in mentions])
        # Longer spans win over the spans they contain.
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for m in mentions:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        mark_regions(doc, kept)
        kept += pair_regions(doc, kept, self.gazetteer)
        kept = [m for m in kept if m.end > m.start]
        kept = [part for m in kept for part in self._split_areas(m)]
        kept.sort(key=lambda m: m.start)
        for m in kept:
            m.candidates = landmark_of(doc, m, self.gazetteer) or self._candidates(m)
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            m.sentence = sentence_start(doc, span.start) if span is not None else 0
        self._dash_districts(doc_text(doc), kept)
        # Nationality words vote for the article's focus country but are no places.
        votes = Counter(_demonyms().get(name_key(m.text), "") for m in kept)
        places = [m for m in kept if not self._is_demonym(name_key(m.text))]
        # spaCy's GPE/LOC first; when it labelled none (war notes where every town is an ORG
        # or PERSON), the names the index knows vote instead.
        voters = [m for m in places if m.trusted] or [
            m for m in places if len(name_key(m.text)) > 3
        ]
        # Names spaCy took for an organisation or a person ("Ashford", "Kent") vote half.
        others = [
            m
            for m in places
            if not m.trusted
            and m.label in {"ORG", "PERSON"}
            and len(name_key(m.text)) > 3
            and name_key(m.text) not in words
        ]
        focus = self._focus(voters, votes, others if voters[:1] and voters[0].trusted else [])
        kept = [m for m in kept if self._keep(m, words, focus, doc_text(doc))]
        towns = [
            m
            for m in kept
            if not m.part
            and m.candidates
            and max(m.candidates, key=lambda c: _prior(c, m.text)).feature in _CITY_FEATURES
        ]
        # "Kyiv - Sviatoshynskyi": a district the index lacks, placed near its town.
        for m in dash_districts(doc, towns, self.gazetteer):
            if not any(o.start < m.end and m.start < o.end for o in kept):
                m.sentence = next(o.sentence for o in towns if o.end <= m.start)
                kept.append(m)
        kept.sort(key=lambda m: m.start)
        focus = focus or self._focus(kept, votes)
        # Regions first: a town tied to a region is narrowed by the region's candidates.
        for m in sorted(kept, key=lambda m: m.within is not None):
            self._constrain(m, focus)
        self._resolve(kept, focus, doc_text(doc))
        self._states_named(kept, doc_text(doc))
        self._outside_named_region(kept)
        self._fall_back(kept, focus)
        if self.theatre is not None:
            self._remember(kept)
        return [self._place(m) for m in kept]

    def _remember(self, mentions: list[Mention]) -> None:
        """Add the towns this article names unambiguously to the theatre."""
        assert self.theatre is not None
        for m in mentions:
            c = m.best
            if c is None or m.part or len(m.candidates) != 1 or c.feature not in _CITY_FEATURES:
                continue
            self.theatre.add(c.lat, c.lon)

    @staticmethod
    def _states_named(mentions: list[Mention], text: str) -> None:
        """Read a name shared by a state and a town elsewhere as the state when context says so.

        "Washington" is the state, not the capital, when the article names the state by a
        form no town bears ("Wash.", "WA") or the name follows a compass word ("central
        Washington") or precedes "state". A town that lies in the state (New York) stays.
        """
        named = {
            m.best.name
            for m in mentions
            if m.best is not None
            and m.best.feature == "ADM1"
            and m.within is None
            and not any(c.feature in _CITY_FEATURES for c in m.candidates)
        }
        for m in mentions:
            c = m.best
            if c is None or c.feature not in _CITY_FEATURES or m.within is not None or m.part:
                continue
            states = [
                s
                for s in m.candidates
                if s.feature == "ADM1" and s.country == c.country and s.name != c.admin1
            ]
            if not states:
                continue
            before = text[max(0, m.start - 12) : m.start].lower().split()
            after = text[m.end : m.end + 7].lower()
            compass = bool(before) and before[-1] in _COMPASS
            if compass or after.startswith((" state", "-state")) or states[0].name in named:
                m.best, m.homonyms = states[0], 0  # the text named the state: no homonym

    @staticmethod
    def _outside_named_region(mentions: list[Mention]) -> None:
        """Tie a village to the region its sentence names when it has no candidate there.

        "Shells hit Mahdalynivka, the head of the Zaporizhzhia region said": a village the
        index knows only in another region is that region's village the index lacks, not the
        homonym 100 km away.
        """
        for m in mentions:
            if m.within is not None or m.region or m.part or m.best is None:
                continue
            if m.best.feature not in _CITY_FEATURES or m.best.population >= _SMALL_TOWN:
                continue
            regions = [
                o
                for o in mentions
                if o.region
                and o.sentence == m.sentence
                and o.best is not None
                and o.best.feature in _REGION_FEATURES
            ]
            if len({o.best.name for o in regions if o.best}) != 1:
                continue
            if not any(_inside(c, [regions[0].best]) for c in m.candidates if regions[0].best):
                m.best = None
                m.within = regions[0]

    def _inner(
        self, m: Mention, focus: str | None, named: Iterable[Candidate] = ()
    ) -> Candidate | None:
        """Return the place a longer name is named after ("Manila Cathedral" -> Manila).

        The longest inner name wins, unless a shorter one lies within _CLOSE_KM of a place
        the article names and the longer does not ("Old Quarter Lviv" in an article on
        western Ukraine: Lviv, not a village called Old Quarter abroad).
        """
        named = list(named)
        first: Candidate | None = None
        for ranked in self._inner_names(m, focus):
            if first is None:
                first = ranked[0]
            if not named:
                break
            near = [c for c in ranked if any(_km(c, o) <= _CLOSE_KM for o in named)]
            if near:
                return near[0]
        return first

    def _inner_names(self, m: Mention, focus: str | None) -> Iterator[list[Candidate]]:
        """Yield the places of each name inside ``m``'s, best first, the longest names first."""
        words = m.text.split()
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                text = " ".join(words[i : i + size])
                if name_key(text) in COMMON_WORDS or len(name_key(text)) <= 2:
                    continue
                if not text[:1].isupper():
                    continue  # "north west London": the name is London, not "north west"
                found = [
                    c
                    for c in self.gazetteer.lookup(text, fuzzy=False)
                    if not alias_only(text, c)
                    and (focus is None or c.country == focus or c.population >= 100_000)
                ]
                if found:
                    bonus = {focus: _FOCUS_BONUS}
                    yield sorted(found, key=lambda c: -_prior(c, text) - bonus.get(c.country, 0))

    def _fall_back(self, mentions: list[Mention], focus: str | None) -> None:
        """Place an unresolved name near the town its name gives, else the closest one named.

        A district or street lies in the town named closest to it ("the Shevchenkivskyi
        district of Kharkiv"), never in a namesake elsewhere; so does a street, building,
        suburb or hamlet the index lacks ("Royal Street", "the Rogers Centre"): local news
        names such places next to the town they lie in.
        """
        towns = [
            (m.start, m.sentence, m.best)
            for m in mentions
            if m.best is not None and not m.part and m.best.feature in _CITY_FEATURES
        ]
        named = [m.best for m in mentions if m.best is not None and not m.part]
        for m in mentions:
            if m.best is not None or m.within is not None or m.pinned:
                continue  # a village tied to a region stays unresolved rather than guessed
            inner = None
            if not m.part and len(m.text.split()) > 1:
                inner = self._inner(m, focus, named)  # "Manila Cathedral" -> Manila
            if inner is None:
                # The town of its own sentence, else a town named nearby, a big city before a
                # small town: a street of a city article is the city's (each tenfold in
                # population outweighs _FALL_BACK_CHARS of text between the names).
                pool = [t for t in towns if t[1] == m.sentence]
                home = [t for t in towns if t[2].country == focus]
                near = min(
                    pool or home or towns,
                    key=lambda t: (
                        abs(t[0] - m.start) / _FALL_BACK_CHARS
                        - (0.0 if pool else math.log10(t[2].population + 10))
                    ),
                    default=None,
                )
                inner = near[2] if near else None
            if inner is not None:
                m.best = inner
                m.part = True  # reported as near that place (precision 2), not at it

    @staticmethod
    def _place(m: Mention) -> Place:
        c = m.best
        region = m.within.best if m.within is not None else None
        if c is None and region is not None and region.feature in _REGION_FEATURES:
            # "Zorbivka, Luhansk" with a village the index lacks: the text places it in the
            # region, so it carries the region's point at precision 3 (as ACLED codes it).
            c = region
        if c is None:
            return Place(text=m.text, start=m.start, end=m.end)
        # A district or street of a town is "near" that town, not the town itself.
        precision = 2 if m.part and c.precision == 1 else c.precision
        return Place(
            text=m.text, start=m.start, end=m.end, name=c.name, lat=c.lat, lon=c.lon,
            country=c.country, admin1=c.admin1, geonames_id=c.geonames_id, feature=c.feature,
            precision=precision, source=c.source,
            homonyms=m.homonyms if c is m.best and not m.part else 0,
        )  # fmt: skip


class _Context:
    """What the other mentions of an article say of one mention, kept current as they resolve.

    The regions the article names (each mention's best candidate, else its best before
    context) and the towns it names (resolved mentions) are counted by name and by sentence,
    so that reading them for a mention costs the number of distinct places, not of mentions:
    a long article names the same towns hundreds of times. Mentions of the mention's own name
    do not count.
    """

    def __init__(
        self,
        mentions: list[Mention],
        keys: list[str],
        tops: list[Candidate | None],
        towns: bool,
    ) -> None:
        self.mentions, self.keys, self.tops, self.with_towns = mentions, keys, tops, towns
        self.region_n: Counter[tuple[str | None, int]] = Counter()
        self.region_by_key: dict[str, Counter[tuple[str | None, int]]] = {}
        self.town_n: Counter[int] = Counter()
        self.town_by_key: dict[str, Counter[int]] = {}
        self.town_by_sentence: dict[int, Counter[int]] = {}
        self.town_by_both: dict[tuple[int, str], Counter[int]] = {}
        self.places: dict[int, Candidate] = {}
        self.by_sentence: dict[int, list[Mention]] = {}
        self.added: list[tuple[tuple[str | None, int] | None, int | None]] = []
        for i, m in enumerate(mentions):
            self.by_sentence.setdefault(m.sentence, []).append(m)
            self.added.append((None, None))
            self._add(i)

    def _add(self, i: int) -> None:
        m, key = self.mentions[i], self.keys[i]
        region = town = None
        top = m.best or self.tops[i]
        if m.candidates and top is not None:
            weight = _REGION_BONUS if top.feature in _REGION_FEATURES else _TOWN_REGION
            region = (top.admin1, int(weight * 10))
            self.region_n[region] += 1
            self.region_by_key.setdefault(key, Counter())[region] += 1
        c = m.best
        if self.with_towns and c is not None and not m.part and c.feature in _CITY_FEATURES:
            town = c.place_id
            self.places[town] = c
            self.town_n[town] += 1
            self.town_by_key.setdefault(key, Counter())[town] += 1
            self.town_by_sentence.setdefault(m.sentence, Counter())[town] += 1
            self.town_by_both.setdefault((m.sentence, key), Counter())[town] += 1
        self.added[i] = (region, town)

    def resolved(self, i: int) -> None:
        """Count mention ``i`` by its new best candidate instead of its old one."""
        m, key = self.mentions[i], self.keys[i]
        region, town = self.added[i]
        if region is not None:
            self.region_n[region] -= 1
            self.region_by_key[key][region] -= 1
        if town is not None:
            self.town_n[town] -= 1
            self.town_by_key[key][town] -= 1
            self.town_by_sentence[m.sentence][town] -= 1
            self.town_by_both[(m.sentence, key)][town] -= 1
        self._add(i)

    def regions(self, i: int) -> Counter[str | None]:
        """Return the best weight (x10) of each region the other names of the article lie in."""
        own = self.region_by_key.get(self.keys[i], Counter())
        out: Counter[str | None] = Counter()
        for (admin1, weight), n in self.region_n.items():
            if n > own[(admin1, weight)]:
                out[admin1] = max(out[admin1], weight)
        return out

    def towns(self, i: int) -> list[tuple[Candidate, float]]:
        """Return the towns the other names resolved to: 1.0 in the same sentence, else 0.5."""
        m, key = self.mentions[i], self.keys[i]
        own = self.town_by_key.get(key, Counter())
        here = self.town_by_sentence.get(m.sentence, Counter())
        own_here = self.town_by_both.get((m.sentence, key), Counter())
        return [
            (self.places[town], 1.0 if here[town] > own_here[town] else 0.5)
            for town, n in self.town_n.items()
            if n > own[town]
        ]

    def sentence(self, i: int) -> list[Mention]:
        """Return the mentions of mention ``i``'s sentence (itself included)."""
        return self.by_sentence[self.mentions[i].sentence]


# Words after which a name is a place ("a life in Charlotte", "a visit to Tunis").
_LOCATIVE = re.compile(r"\b(?:in|to|from|near|at|outside|around|across)\s+$", re.IGNORECASE)


def _after_locative(text: str, start: int) -> bool:
    """Return True when the words before ``start`` end in a preposition of place."""
    return _LOCATIVE.search(text[max(0, start - 12) : start]) is not None


def _medoid(
    candidates: list[Candidate],
    score: Callable[[Candidate], float],
    theatre: Theatre | None = None,
) -> tuple[Candidate, int]:
    """Return the best-scoring candidate (among equals, the one nearest the others) and how
    many other places fit the text about as well.

    Several villages of one name in one region that nothing in the text tells apart: the
    towns earlier articles named weigh in (see ``Theatre``); among those still equal, the one
    in the middle of them errs least (the register names many Novoselivkas per oblast).
    """
    scored = [(score(c), c) for c in candidates]
    if theatre is not None and len(theatre) and len(scored) > 1:
        scored = [(s + _theatre_bonus(c, theatre), c) for s, c in scored]
    top = max(s for s, _ in scored)
    tied = [c for s, c in scored if s >= top - 1e-9]
    best = tied[0] if len(tied) < 3 else min(tied, key=lambda c: sum(_km(c, o) for o in tied))
    # How many others the text does not tell from it: places of its kind in its country
    # within a small margin (a village of 600 people and a register village of unknown size).
    kind = _kind(best)
    homonyms = sum(
        1
        for s, c in scored
        if c is not best
        and s >= top - _HOMONYM_MARGIN
        and c.country == best.country
        and _kind(c) == kind
        and _km(c, best) > _HOMONYM_KM
    )
    return best, homonyms


def _theatre_bonus(c: Candidate, theatre: Theatre) -> float:
    """Return a town's bonus for the theatre towns near it (log-damped: ten is not ten-fold)."""
    if not c.feature.startswith("PPL"):
        return 0.0
    return _THEATRE_WEIGHT * math.log1p(min(theatre.count(c.lat, c.lon), _THEATRE_CAP))


def _kind(c: Candidate) -> str:
    """Return the kind of place a candidate is: country, region, town or its feature."""
    if c.feature == "PCLI":
        return "country"
    if c.feature in {"ADM1", "ADM2", "RGN"}:
        return "region"
    return "town" if c.feature in _CITY_FEATURES else c.feature


def _coordinated(mentions: list[Mention], text: str) -> dict[int, list[Mention]]:
    """Return, by mention id, the names listed with it ("Utah, Colorado and Idaho")."""
    out: dict[int, list[Mention]] = {}
    for a, b in pairwise(mentions):
        if text and _LIST_JOIN.match(text[a.end : b.start]):
            out.setdefault(id(a), []).append(b)
            out.setdefault(id(b), []).append(a)
    return out


def geowebnews_split(index: int) -> str:
    """Return the split of the ``index``-th GeoWebNews article: every fifth is held out."""
    return "heldout" if index % 5 == 4 else "tune"


def evaluate_geowebnews(
    path: Path | str, gazetteer: Gazetteer | None = None, split: str = "all"
) -> dict[str, Any]:
    """Return recall of gold Literal toponyms and accuracy@161 km on GeoWebNews (GWN.xml).

    ``split`` is ``all``, ``tune`` or ``heldout``: the corpus has no split of its own, so
    articles are split by their position in the file (``geowebnews_split``).
    """
    from lxml import etree

    from eventwire import nlp

    if split not in {"all", "tune", "heldout"}:
        raise ValueError(f"unknown split {split!r}: use all, tune or heldout")
    tree = etree.parse(str(path))  # a local research corpus, not untrusted input
    articles = [
        a
        for i, a in enumerate(tree.getroot().findall("article"))
        if split == "all" or geowebnews_split(i) == split
    ]
    texts = [a.findtext("text") or "" for a in articles]
    finder = PlaceFinder(gazetteer or Gazetteer.open())
    gold = recognised = within = predicted = 0
    for art, doc in zip(articles, nlp.parse_many(texts), strict=True):
        places = finder.find(doc)
        predicted += len(places)
        for top in art.iter("toponym"):
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            if top.findtext("type") != "Literal" or not lat or not lon:
                continue
            gold += 1
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            hits = [p for p in places if p.start < end and start < p.end]
            if not hits:
                continue
            recognised += 1
            if any(
                p.lat is not None
                and p.lon is not None
                and haversine_km(p.lat, p.lon, float(lat), float(lon)) <= 161.0
                for p in hits
            ):
                within += 1
    return {
        "gold_literal_with_coordinates": gold,
        "recognised": recognised,
        "recall": recognised / gold if gold else 0.0,
        "resolved_within_161km": within,
        "accuracy_at_161km": within / recognised if recognised else 0.0,
        "predicted_places": predicted,
        "articles": len(articles),
        "split": split,
    }
