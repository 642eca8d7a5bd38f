"""Name keys: normalisation, Cyrillic romanisations and the folded key for spelling variants.

Two keys make lookups robust without a list of examples:

* ``name_key``: lower case, accents stripped (anyascii), apostrophes, soft signs, hyphens,
  dots and spaces removed. "Kup'yans'k" and "Kupyansk" share it.
* ``fold_key``: the name key with the spelling choices of Ukrainian, Russian and Western
  romanisations folded together (kh/h/g, zh/z, ts/c, y/i/j, doubled letters) and every vowel
  run reduced to one placeholder, the final vowel run dropped. Ukrainian "i" for Russian "o"
  or "e" (Kharkiv/Kharkov, Kyiv/Kiev) and the -ove/-ovo/-ov, -iia/-iya/-ya endings
  (Svatove/Svatovo/Svatov, Balakliia/Balakliya) then meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = "'’ʼ`´‘ʹʻ\"“”"
_DROP = re.compile(r"[^a-z0-9]+")

# Ukrainian national romanisation (Cabinet of Ministers 2010); word-initial forms differ.
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "io", "ъ": "",
}  # fmt: skip
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# The older Ukrainian system that English news still writes: the initial forms everywhere
# ("Mykhaylivka", "Andriyivka", "Zaporizhzhya" beside the national "Mykhailivka", ...).
_UK_Y = {**_UK, **_UK_INITIAL}

# Russian BGN/PCGN romanisation; "е" is "ye" word-initially and after vowels and signs.
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_RU_VOWELS = set("аеёиоуыэюяъьіїє")
_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэёъ")

# Folding, applied in order to a name key; digraphs before single letters.
_FOLD_STEPS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"), ("zh", "z"),
    ("kh", "h"), ("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"),
    ("g", "h"), ("w", "v"), ("j", "i"), ("y", "i"), ("q", "k"), ("x", "ks"),
)  # fmt: skip
_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)  # the same names recur in every article
def name_key(name: str) -> str:
    """Return the lookup key of ``name``: lower ASCII letters and digits only."""
    return _DROP.sub("", anyascii(name).lower())


def fold_key(name: str) -> str:
    """Return the folded key of ``name`` under which spelling variants meet."""
    key = name_key(name)
    if not key or key.isdigit():
        return key
    for old, new in _FOLD_STEPS:
        key = key.replace(old, new)
    key = _DOUBLE.sub(r"\1", key)
    key = _VOWEL_RUN.sub("a", key)
    # A final vowel run is an ending (-e/-o/-a/-ia/-iia), not part of the stem.
    if len(key) > 3 and key.endswith("a"):
        key = key[:-1]
    return key


def is_cyrillic(name: str) -> bool:
    """Return True when ``name`` has a Cyrillic letter."""
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def is_latin_or_cyrillic(name: str) -> bool:
    """Return True when every letter of ``name`` is Latin or Cyrillic."""
    for ch in name:
        if ch.isalpha():
            uname = unicodedata.name(ch, "")
            if "LATIN" not in uname and "CYRILLIC" not in uname:
                return False
    return True


def _romanise(word: str, table: dict[str, str], initial: dict[str, str], ru: bool) -> str:
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(word):
        low = ch.lower()
        at_start = i == 0 or not word[i - 1].isalpha()
        if low == "е" and ru and (at_start or prev in _RU_VOWELS):
            rom = "ye"
        elif at_start and low in initial:
            rom = initial[low]
        elif not ru and low == "г" and prev == "з":
            rom = "gh"  # Ukrainian national rule: "зг" is "zgh" (Zghurivka), not "zh"
        else:
            rom = table.get(low, ch)
        if ch.isupper() and rom:
            rom = rom[0].upper() + rom[1:]
        out.append(rom)
        prev = low
    return "".join(out)


def romanisations(name: str) -> list[str]:
    """Return Ukrainian-national (also with y-forms) and Russian-BGN romanisations of ``name``."""
    low = set(name.lower())
    forms: list[str] = []
    if not low & _RU_ONLY:
        forms.append(_romanise(name, _UK, _UK_INITIAL, ru=False))
        if low & _UK_INITIAL.keys():
            forms.append(_romanise(name, _UK_Y, {}, ru=False))
    if not low & _UK_ONLY:
        forms.append(_romanise(name, _RU, {}, ru=True))
    return list(dict.fromkeys(forms))
