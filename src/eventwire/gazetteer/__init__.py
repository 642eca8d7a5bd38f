"""The embedded place index: GeoNames cities500, admin1 regions, countries and a curated
supplement, with transliteration variants (Kiev/Kyiv, Kharkov/Kharkiv, Svatovo/Svatove).
"""

from eventwire.gazetteer._build import build, index_version
from eventwire.gazetteer._index import (
    Candidate,
    Gazetteer,
    cache_dir,
    default_path,
    haversine_km,
)
from eventwire.gazetteer._names import fold_key, name_key, romanisations

__all__ = [
    "Candidate",
    "Gazetteer",
    "build",
    "cache_dir",
    "default_path",
    "fold_key",
    "haversine_km",
    "index_version",
    "name_key",
    "romanisations",
]
