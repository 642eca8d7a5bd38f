"""Query the embedded place index: names, spelling variants, regions and countries."""

from __future__ import annotations

import math
import os
import sqlite3
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.gazetteer._build import EXACT, FOLDED, build, index_version
from eventwire.gazetteer._names import fold_key, name_key

HOME_ENV = "EVENTWIRE_HOME"
_CACHE_LIMIT = 200_000
_REGION_WORDS = frozenset(
    {"oblast", "oblasts", "region", "regions", "province", "provinces", "krai", "kray",
     "voivodeship", "governorate", "republic", "district", "area", "state", "the", "of"}
)  # fmt: skip
_REGION_FEATURES = frozenset({"ADM1", "RGN"})
_COUNTRY_FEATURES = frozenset({"PCLI"})
_build_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to (``match``: 0 exact, 1 romanised, 2 folded variant)."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    source: str
    precision: int = 1
    match: int = EXACT
    place_id: int = 0


@lru_cache(maxsize=1 << 16)
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres.

    Cached: place resolution weighs the same candidates against the same towns again and again.
    """
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def cache_dir() -> Path:
    """Return the directory for the index: ``$EVENTWIRE_HOME`` or the platform cache dir."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "eventwire"


def default_path() -> Path:
    """Return where the index of the current version lives by default."""
    return cache_dir() / f"gazetteer-{index_version()}.sqlite"


def _version_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


class Gazetteer:
    """The place index: read-only SQLite, with lookups cached in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Return the gazetteer at ``path`` (default location), building it once if missing."""
        target = path or default_path()
        with _build_lock:
            if not target.exists() or _version_of(target) != index_version():
                build(target)
        return cls(target)

    @staticmethod
    def build(path: Path) -> Path:
        """Build the index at ``path`` and return it."""
        return build(path)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def _rows(self, key: str) -> tuple[Candidate, ...]:
        """Return the places stored under ``key`` with their match levels, best first."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.id, p.geonames_id, p.name, p.lat, p.lon, p.country, p.admin1, "
                "p.feature, p.population, p.source, p.precision, n.level "
                "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
                (key,),
            ).fetchall()
        found = tuple(
            sorted(
                (
                    Candidate(
                        r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[0]
                    )
                    for r in rows
                ),
                key=lambda c: (c.match, -c.population),
            )
        )
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = found
        return found

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Return the places ``name`` may refer to: exact and romanised names, else variants."""
        key = name_key(name.removeprefix("the ").removeprefix("The "))
        if not key:
            return []
        found = [c for c in self._rows(key) if c.match < FOLDED]
        if found or not fuzzy:
            return found
        folded = fold_key(name)
        # Short folded keys collide with too many unrelated places to be evidence.
        if len(folded) < 4:
            return []
        return [c for c in self._rows(folded) if c.match == FOLDED]

    def lookup_variants(self, name: str) -> list[Candidate]:
        """Return the places whose folded spelling variant equals that of ``name``."""
        folded = fold_key(name)
        if len(folded) < 4:
            return []
        return [c for c in self._rows(folded) if c.match == FOLDED]

    def lookup_admin1(self, name: str, country: str | None = None) -> list[Candidate]:
        """Return first-level regions (and named regions like Donbas) called ``name``."""
        words = [w for w in name.replace("-", " - ").split() if w.lower() not in _REGION_WORDS]
        stem = " ".join(words).replace(" - ", "-").strip()
        found = [
            c
            for c in self.lookup(stem or name)
            if c.feature in _REGION_FEATURES and (country is None or c.country == country)
        ]
        if not found and stem != name:
            found = [c for c in self.lookup(name) if c.feature in _REGION_FEATURES]
        return found

    def lookup_country(self, name: str) -> list[Candidate]:
        """Return the countries called ``name`` (English name or a common alias)."""
        return [c for c in self.lookup(name, fuzzy=False) if c.feature in _COUNTRY_FEATURES]

    def country(self, iso3: str) -> Candidate | None:
        """Return the country with ISO 3166-1 alpha-3 code ``iso3``."""
        with self._lock:
            row = self._conn.execute(
                "SELECT name FROM places WHERE feature = 'PCLI' AND country = ?", (iso3,)
            ).fetchone()
        if row is None:
            return None
        found = self.lookup_country(str(row[0]))
        return next((c for c in found if c.country == iso3), None)

    def by_geonames_id(self, geonames_id: int) -> Candidate | None:
        """Return the place with GeoNames id ``geonames_id``."""
        with self._lock:
            row = self._conn.execute(
                "SELECT name FROM places WHERE geonames_id = ?", (geonames_id,)
            ).fetchone()
        if row is None:
            return None
        return next(
            (c for c in self.lookup(str(row[0]), fuzzy=False) if c.geonames_id == geonames_id),
            None,
        )
