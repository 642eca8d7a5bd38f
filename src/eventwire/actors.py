"""Actors: names, titles and descriptions resolved to a canonical name, country and sector.

"the Kremlin's soldiers" -> Military Forces of Russia (MIL); "the Ukrainian leader" -> the head
of state on the publication date; "Sinegubov" -> Oleh Syniehubov (through transliteration
folding). Unknown actors keep their text and the best country the words give.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from eventwire.intervals import Intervals
from eventwire.records import Actor, Entity, Place
from eventwire.textnorm import fold

MILITARY_NOUNS = frozenset(
    [
        "army",
        "armies",
        "forces",
        "force",
        "troops",
        "troop",
        "soldiers",
        "soldier",
        "military",
        "units",
        "unit",
        "servicemen",
        "serviceman",
        "fighters",
        "militants",
        "paratroopers",
        "artillery",
        "marines",
        "navy",
        "fleet",
        "brigade",
        "battalion",
        "regiment",
        "division",
        "counterintelligence",
        "invaders",
        "occupiers",
        "occupants",
        "defenders",
        "sappers",
        "gunners",
        "pilots",
        "aviation",
        "airforce",
        "commandos",
        "special-forces",
        "mercenaries",
    ]
)
GOVERNMENT_NOUNS = frozenset(
    [
        "government",
        "ministry",
        "minister",
        "president",
        "leader",
        "premier",
        "authorities",
        "officials",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "adviser",
        "advisor",
        "governor",
        "mayor",
        "parliament",
        "administration",
        "presidency",
        "cabinet",
        "diplomats",
        "diplomat",
        "ambassador",
        "embassy",
        "chancellor",
        "kremlin",
        "head",
    ]
)
HEAD_NOUNS = frozenset({"leader", "president", "head"})
CIVILIAN_NOUNS = frozenset(
    [
        "civilians",
        "civilian",
        "residents",
        "resident",
        "people",
        "children",
        "child",
        "women",
        "woman",
        "men",
        "man",
        "family",
        "families",
        "villagers",
        "inhabitants",
        "population",
        "citizens",
        "refugees",
        "journalists",
        "journalist",
        "volunteers",
        "patients",
    ]
)
REBEL_NOUNS = frozenset({"separatists", "separatist", "rebels", "rebel", "insurgents"})
_DETERMINERS = re.compile(r"^(?:the|a|an|its|their|his|her|our|some|other)\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the curated actor table."""

    name: str
    country: str | None
    sector: str | None
    collective: bool


@dataclass(frozen=True, slots=True)
class Country:
    """A country as actors name it: ISO alpha-3 and English short name."""

    iso3: str
    name: str


class ActorResolver:
    """Resolves actor mentions through the curated tables; loads them once."""

    def __init__(self) -> None:
        self.aliases: dict[str, ActorEntry] = {}
        self.max_alias_words = 1
        for row in _read_csv("actors.csv"):
            collective = row["name"].startswith("Government of")
            entry = ActorEntry(
                row["name"], row["country"] or None, row["sector"] or None, collective
            )
            for alias in row["aliases"].split("|"):
                self.aliases.setdefault(_key(alias), entry)
                self.max_alias_words = max(self.max_alias_words, len(alias.split()))
        self.countries: dict[str, Country] = {}
        self.capitals: dict[str, Country] = {}
        for row in _read_csv("demonyms.csv"):
            c = Country(row["country"], row["name"])
            for w in row["words"].split("|"):
                self.countries[w.lower()] = c
            for w in row["capitals"].split("|"):
                self.capitals[w.lower()] = c
        self.heads = [
            (r["country"], r["name"], r["from"], r["to"] or "9999")
            for r in _read_csv("heads_of_state.csv")
        ]

    def head_of_state(self, iso3: str, on: str | None) -> str | None:
        """Return the head of state of ``iso3`` on date ``on`` (ISO), or the current one."""
        for country, name, start, end in self.heads:
            if country == iso3 and ((on is None and end == "9999") or (on and start <= on < end)):
                return name
        return None

    def lookup(self, text: str) -> ActorEntry | None:
        """Return the table entry whose alias is exactly ``text`` (transliteration-folded)."""
        return self.aliases.get(_key(_DETERMINERS.sub("", text.strip())))

    def resolve(self, text: str, *, military: bool = False, on: str | None = None) -> Actor:
        """Return the actor that ``text`` names; ``military`` says the context is fighting."""
        clean = _DETERMINERS.sub("", text.strip())
        words = [w.strip(".'’") for w in _WORD.findall(clean)]
        lower = [w.lower().removesuffix("'s").removesuffix("’s") for w in words]
        country = self._country(lower)
        roles = set(lower)
        exact = self.aliases.get(_key(clean))
        if exact and not (exact.collective and roles & MILITARY_NOUNS):
            return Actor(text, exact.name, exact.country, exact.sector)
        named = self._named_within(words)
        if named is not None:
            return Actor(text, named.name, named.country, named.sector)
        if country is None:
            return Actor(text, None, None, None)
        if roles & MILITARY_NOUNS:
            return Actor(text, f"Military Forces of {country.name}", country.iso3, "MIL")
        if roles & REBEL_NOUNS:
            return Actor(text, f"Rebel forces ({country.name})", country.iso3, "REB")
        if roles & HEAD_NOUNS and not roles & {"government", "ministry", "minister"}:
            head = self.head_of_state(country.iso3, on)
            if head:
                return Actor(text, head, country.iso3, "GOV")
        if roles & GOVERNMENT_NOUNS:
            return Actor(text, f"Government of {country.name}", country.iso3, "GOV")
        if roles & CIVILIAN_NOUNS:
            return Actor(text, f"Civilians ({country.name})", country.iso3, "CVL")
        if len(words) <= 2:
            # A bare country or capital as the doer: its army when fighting, else its government.
            if military:
                return Actor(text, f"Military Forces of {country.name}", country.iso3, "MIL")
            return Actor(text, f"Government of {country.name}", country.iso3, "GOV")
        return Actor(text, None, country.iso3, None)

    def _country(self, lower: list[str]) -> Country | None:
        for i, w in enumerate(lower):
            two = f"{w} {lower[i + 1]}" if i + 1 < len(lower) else ""
            for cand in (two, w):
                if cand and (cand in self.countries or cand in self.capitals):
                    return self.countries.get(cand) or self.capitals[cand]
        return None

    def _named_within(self, words: list[str]) -> ActorEntry | None:
        n = len(words)
        for size in range(min(self.max_alias_words, n), 0, -1):
            for i in range(n - size + 1):
                gram = " ".join(words[i : i + size])
                entry = self.aliases.get(_key(gram))
                if entry and not entry.collective and (size > 1 or len(gram) > 2):
                    return entry
        return None

    def entities(self, doc: Doc, places: Sequence[Place], on: str | None = None) -> list[Entity]:
        """Return the people, organisations and groups the doc names, with canonical names."""
        # The places' ranges, asked by bisection (a long article names thousands).
        place_spans = Intervals({(p.start, p.end) for p in places})
        out: list[Entity] = []
        seen: set[tuple[int, int]] = set()
        full_names: dict[str, str] = {}
        doc_text = doc.text  # built anew from the tokens on every access: read it once
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "ORG", "NORP"} or _overlaps(ent, place_spans):
                continue
            start, end = _trim(ent)
            if end <= start:
                continue
            text = doc_text[start:end]
            actor = self.resolve(text, on=on)
            name = actor.name
            if ent.label_ == "PERSON":
                words = text.split()
                if len(words) > 1:
                    full_names.setdefault(fold(words[-1]), name or text)
                elif name is None:
                    name = full_names.get(fold(text))
            out.append(Entity(text, ent.label_, start, end, name, actor.country, actor.sector))
            seen.add((start, end))
        return out


def _key(text: str) -> str:
    return " ".join(fold(w) for w in text.split() if fold(w))


def _trim(span: Span) -> tuple[int, int]:
    """Return span offsets without trailing whitespace or quote marks spaCy sometimes keeps."""
    text = span.text
    stripped = text.rstrip(" \n\t'\"”’")
    lead = len(stripped) - len(stripped.lstrip(" \n\t'\"“‘"))
    return span.start_char + lead, span.start_char + len(stripped)


def _overlaps(span: Span, spans: Intervals) -> bool:
    return bool(spans.overlapping(span.start_char, span.end_char))


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def default_resolver() -> ActorResolver:
    """Return the process-wide resolver (tables read once)."""
    return ActorResolver()
