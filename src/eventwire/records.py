"""The records of the output contract ``eventwire/1``.

Every output (JSONL, database rows, CSV, GeoJSON, the report, the web API) is a view of
these records. ``as_dict()`` gives the contract's JSON shape; ``from_dict()`` reads it back.
Fields may be added; none may be renamed or change meaning without a new schema version.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeVar

SCHEMA = "eventwire/1"

T = TypeVar("T")


def stable_id(*parts: object, prefix: str = "") -> str:
    """Return a short id that depends only on ``parts`` (the same on every run and machine)."""
    digest = hashlib.sha1(  # noqa: S324 - an id, not a security measure
        "\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")
    )
    return prefix + digest.hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One input document: its cleaned text and metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str = "en"
    # Where the article came from ("path:line"); used in messages, not part of the contract.
    origin: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, Any]:
        """Return the contract's ``article`` object."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


@dataclass(slots=True)
class Actor:
    """Who did something: the words in the text and what they resolve to."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Location:
    """Where an event happened, with ACLED's geo precision (1 town, 2 near/part, 3 region)."""

    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    precision: int | None = None
    # Where the place was read: "sentence" (the event's own clause or sentence), "paragraph"
    # (an earlier event of the same paragraph), "article" (the region the article is about).
    basis: str = "sentence"
    # Other places of the name that fit the text as well (see ``Place.homonyms``).
    homonyms: int | None = None


@dataclass(slots=True)
class Quantity:
    """A number the text states, with what it counts."""

    value: float | int
    unit: str | None
    text: str


@dataclass(slots=True)
class Attribution:
    """Who a claim comes from."""

    text: str
    name: str | None = None


@dataclass(slots=True)
class Evidence:
    """The sentence an event was read from, with offsets into ``article.text``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One coded event (PLOVER category and ACLED type) with its evidence."""

    id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    date: str | None = None
    date_text: str | None = None
    date_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attributed_to: Attribution | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    # Further statements of the same event in the article (headline, lede, body).
    also_evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    """Who a quote belongs to, with offsets of the mention that names them."""

    text: str
    name: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: direct, indirect or mixed."""

    text: str
    kind: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: str | None = None
    channel: str | None = None


@dataclass(slots=True)
class Place:
    """A toponym in the text and what it resolves to (``name`` is None when unresolved)."""

    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None
    precision: int | None = None
    source: str | None = None
    # Other places of the name, in the chosen one's country and of its kind, that the text
    # fits as well (0: the text chose; 6: one of seven Novoselivkas, the middle one taken).
    homonyms: int | None = None


@dataclass(slots=True)
class Entity:
    """A named entity (person, organisation, group, demonym) with its canonical name."""

    text: str
    label: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Record:
    """One article and everything read from it: the unit of every output."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object for this record."""
        return {
            "schema": SCHEMA,
            "article": self.article.as_dict(),
            "events": [_plain(e) for e in self.events],
            "quotes": [_plain(q) for q in self.quotes],
            "places": [_plain(p) for p in self.places],
            "entities": [_plain(e) for e in self.entities],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Read a record back from its contract JSON object."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} record: schema={data.get('schema')!r}")
        art = data["article"]
        article = Article(
            id=art["id"],
            text=art["text"],
            title=art.get("title"),
            url=art.get("url"),
            source=art.get("source"),
            published=art.get("published"),
            language=art.get("language") or "en",
        )
        return cls(
            article=article,
            events=[_event_from(e) for e in data.get("events", [])],
            quotes=[_quote_from(q) for q in data.get("quotes", [])],
            places=[p for p in (_build(Place, x) for x in data.get("places", [])) if p],
            entities=[e for e in (_build(Entity, x) for x in data.get("entities", [])) if e],
        )


def _plain(obj: Any) -> Any:
    """Return ``obj`` as JSON-ready dicts and lists (dataclasses become dicts)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    return obj


def _build(cls: type[T], data: dict[str, Any] | None) -> T | None:
    if data is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def _event_from(data: dict[str, Any]) -> Event:
    ev = _build(Event, data)
    assert ev is not None
    ev.evidence = _build(Evidence, data["evidence"])  # type: ignore[assignment]
    ev.actor1 = _build(Actor, data.get("actor1"))
    ev.actor2 = _build(Actor, data.get("actor2"))
    ev.location = _build(Location, data.get("location"))
    ev.attributed_to = _build(Attribution, data.get("attributed_to"))
    ev.quantities = [q for q in (_build(Quantity, x) for x in data.get("quantities", [])) if q]
    ev.also_evidence = [
        e for e in (_build(Evidence, x) for x in data.get("also_evidence", [])) if e
    ]
    return ev


def _quote_from(data: dict[str, Any]) -> Quote:
    q = _build(Quote, data)
    assert q is not None
    q.speaker = _build(Speaker, data.get("speaker"))
    return q
