"""Name keys that survive transliteration: Sinegubov/Syniehubov, Podolyak/Podoliak."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Applied in order to an ASCII, lowercase name: each folds spellings that Ukrainian, Russian
# and English romanisation systems (and machine translation) produce for one Cyrillic letter.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("zh", "z"),
    ("ts", "c"),
    ("tz", "c"),
    ("ye", "e"),
    ("yi", "i"),
    ("ie", "e"),
    ("iy", "i"),
    ("yy", "i"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("y", "i"),
    ("ii", "i"),
    ("j", "i"),
    ("g", "h"),
    ("w", "v"),
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Return a transliteration-folded key for ``name`` (ASCII letters only, no spaces)."""
    s = anyascii(name).lower()
    s = s.replace("'", "").replace("`", "")
    s = _NON_ALNUM.sub("", s)
    for a, b in _FOLDS:
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", s)


def words_key(name: str) -> str:
    """Return ``name`` folded word by word, joined by single spaces (for multi-word matching)."""
    return " ".join(fold(w) for w in re.split(r"[\s\-]+", name) if fold(w))
