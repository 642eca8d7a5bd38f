"""The store's tables and the flat rows they hold, built from records.

One list of columns per table is the single source for the DDL, the INSERT statements and
the flat event rows that exports and the web API read. Column names never come from data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.records import Article, Entity, Event, Place, Quote, Record

# Bump STORE_VERSION with every schema change and add its migration in sqlite.py and
# postgres.py.
STORE_VERSION = 2

# Flat event fields, in the order CSV and Datasette show them. Datasette finds maps by the
# column names ``latitude`` / ``longitude``.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT NOT NULL"),
    ("article_id", "TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE"),
    ("type", "TEXT NOT NULL"),
    ("mode", "TEXT"),
    ("acled_event_type", "TEXT"),
    ("acled_sub_event_type", "TEXT"),
    ("actor1_text", "TEXT"),
    ("actor1_name", "TEXT"),
    ("actor1_country", "TEXT"),
    ("actor1_sector", "TEXT"),
    ("actor2_text", "TEXT"),
    ("actor2_name", "TEXT"),
    ("actor2_country", "TEXT"),
    ("actor2_sector", "TEXT"),
    ("location_text", "TEXT"),
    ("location_name", "TEXT"),
    ("latitude", "REAL"),
    ("longitude", "REAL"),
    ("country", "TEXT"),
    ("admin1", "TEXT"),
    ("geonames_id", "INTEGER"),
    ("geo_precision", "INTEGER"),
    # Other places of the location's name the text fits as well (0: the text chose).
    ("location_homonyms", "INTEGER"),
    ("event_date", "TEXT"),
    ("date_text", "TEXT"),
    ("time_precision", "INTEGER"),
    ("fatalities", "INTEGER"),
    ("injured", "INTEGER"),
    ("quantities", "TEXT NOT NULL"),
    ("attributed_to_text", "TEXT"),
    ("attributed_to_name", "TEXT"),
    ("negated", "INTEGER NOT NULL"),
    ("hypothetical", "INTEGER NOT NULL"),
    ("evidence_text", "TEXT NOT NULL"),
    ("evidence_start", "INTEGER NOT NULL"),
    ("evidence_end", "INTEGER NOT NULL"),
    ("confidence", "REAL NOT NULL"),
)

# Article fields joined onto every flat event row.
ARTICLE_FIELDS: tuple[str, ...] = ("title", "url", "source", "published")

# The keys of a flat event row, in order: the event's fields, then its article's.
EVENT_FIELDS: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMNS) + ARTICLE_FIELDS

BOOL_FIELDS = ("negated", "hypothetical")

_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "TEXT PRIMARY KEY"),
    ("title", "TEXT"),
    ("url", "TEXT"),
    ("source", "TEXT"),
    ("published", "TEXT"),
    ("language", "TEXT NOT NULL"),
    ("text", "TEXT NOT NULL"),
    # The whole contract record minus article.text (kept once, in ``text``): the source of
    # truth that records() reads back; the other tables are views for querying.
    ("record", "TEXT NOT NULL"),
)

_FK = "TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE"

_QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", _FK),
    ("ordinal", "INTEGER NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("kind", "TEXT NOT NULL"),
    ("start", "INTEGER NOT NULL"),
    ("end", "INTEGER NOT NULL"),
    ("speaker_text", "TEXT"),
    ("speaker_name", "TEXT"),
    ("speaker_start", "INTEGER"),
    ("speaker_end", "INTEGER"),
    ("cue", "TEXT"),
    ("channel", "TEXT"),
)

_PLACE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", _FK),
    ("ordinal", "INTEGER NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("start", "INTEGER NOT NULL"),
    ("end", "INTEGER NOT NULL"),
    ("name", "TEXT"),
    ("latitude", "REAL"),
    ("longitude", "REAL"),
    ("country", "TEXT"),
    ("admin1", "TEXT"),
    ("geonames_id", "INTEGER"),
    ("feature", "TEXT"),
    ("precision", "INTEGER"),
    ("source", "TEXT"),
)

_ENTITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", _FK),
    ("ordinal", "INTEGER NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("label", "TEXT NOT NULL"),
    ("start", "INTEGER NOT NULL"),
    ("end", "INTEGER NOT NULL"),
    ("name", "TEXT"),
    ("country", "TEXT"),
    ("sector", "TEXT"),
)

# Events are keyed by (article_id, ordinal), not by their id: a duplicate id from an upstream
# bug must not abort an ingest. ``id`` is indexed for lookups.
_EVENT_TABLE_COLUMNS = (*EVENT_COLUMNS, ("ordinal", "INTEGER NOT NULL"))

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": _ARTICLE_COLUMNS,
    "events": _EVENT_TABLE_COLUMNS,
    "quotes": _QUOTE_COLUMNS,
    "places": _PLACE_COLUMNS,
    "entities": _ENTITY_COLUMNS,
}

_INDEXES = (
    'CREATE INDEX "events_by_id" ON "events" ("id")',
    'CREATE INDEX "events_by_date" ON "events" ("event_date")',
    'CREATE INDEX "events_by_type" ON "events" ("type")',
)


# Column types as SQLite spells them, and what PostgreSQL needs instead: REAL is a 4-byte float
# there (coordinates would lose their fifth decimal).
_PG_TYPES = {"REAL": "DOUBLE PRECISION", "INTEGER": "BIGINT"}


def _decl(decl: str, dialect: str) -> str:
    if dialect == "postgres":
        first, _, rest = decl.partition(" ")
        return " ".join(filter(None, (_PG_TYPES.get(first, first), rest)))
    return decl


def _ddl(table: str, columns: tuple[tuple[str, str], ...], dialect: str) -> str:
    cols = [f'"{name}" {_decl(decl, dialect)}' for name, decl in columns]
    if table != "articles":
        cols.append('PRIMARY KEY ("article_id", "ordinal")')
    return f'CREATE TABLE "{table}" (\n  ' + ",\n  ".join(cols) + "\n)"


def schema_statements(dialect: str = "sqlite") -> list[str]:
    """Return the CREATE statements of a fresh store, meta table first.

    ``dialect`` is ``"sqlite"`` or ``"postgres"``: the same tables, columns and indexes, with
    PostgreSQL's names for 8-byte integers and floats.
    """
    if dialect not in ("sqlite", "postgres"):
        raise ValueError(f"dialect must be 'sqlite' or 'postgres', got {dialect!r}")
    meta = 'CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)'
    return [meta, *(_ddl(t, cols, dialect) for t, cols in TABLES.items()), *_INDEXES]


def insert_sql(table: str, dialect: str = "sqlite") -> str:
    """Return the parameterised INSERT statement for ``table`` (named placeholders).

    SQLite's placeholders are ``:name``; psycopg's (PostgreSQL) are ``%(name)s``.
    """
    names = [name for name, _ in TABLES[table]]
    cols = ", ".join(f'"{n}"' for n in names)
    if dialect == "postgres":
        marks = ", ".join(f"%({n})s" for n in names)
    else:
        marks = ", ".join(f":{n}" for n in names)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'  # noqa: S608 - names from TABLES


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_json(record: Record) -> str:
    """Return the record's contract JSON without ``article.text`` (stored in its own column)."""
    data = record.as_dict()
    data["article"] = {k: v for k, v in data["article"].items() if k != "text"}
    return _dumps(data)


def record_from_row(text: str, stored: str) -> Record:
    """Return the record rebuilt from its stored JSON and article text."""
    data = json.loads(stored)
    data["article"]["text"] = text
    return Record.from_dict(data)


def article_row(record: Record) -> dict[str, Any]:
    """Return the ``articles`` row of ``record``."""
    a = record.article
    return {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "published": a.published,
        "language": a.language,
        "text": a.text,
        "record": record_json(record),
    }


def flat_event(article: Article, event: Event) -> dict[str, Any]:
    """Return the flat row of one event: every contract field as a scalar, keys EVENT_FIELDS."""
    a1, a2, loc, att, ev = (
        event.actor1,
        event.actor2,
        event.location,
        event.attributed_to,
        event.evidence,
    )
    return {
        "id": event.id,
        "article_id": article.id,
        "type": event.type,
        "mode": event.mode,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "actor1_text": a1.text if a1 else None,
        "actor1_name": a1.name if a1 else None,
        "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2_text": a2.text if a2 else None,
        "actor2_name": a2.name if a2 else None,
        "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "location_text": loc.text if loc else None,
        "location_name": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "geo_precision": loc.precision if loc else None,
        "location_homonyms": loc.homonyms if loc else None,
        "event_date": event.date,
        "date_text": event.date_text,
        "time_precision": event.date_precision,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "quantities": _dumps(
            [{"value": q.value, "unit": q.unit, "text": q.text} for q in event.quantities]
        ),
        "attributed_to_text": att.text if att else None,
        "attributed_to_name": att.name if att else None,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "evidence_text": ev.text,
        "evidence_start": ev.start,
        "evidence_end": ev.end,
        "confidence": event.confidence,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
    }


def event_rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """Yield the flat event rows of ``records``, the same rows ``Store.events()`` gives."""
    for record in records:
        for event in record.events:
            yield flat_event(record.article, event)


def quote_row(article_id: str, ordinal: int, q: Quote) -> dict[str, Any]:
    """Return the ``quotes`` row of one quote."""
    sp = q.speaker
    return {
        "article_id": article_id,
        "ordinal": ordinal,
        "text": q.text,
        "kind": q.kind,
        "start": q.start,
        "end": q.end,
        "speaker_text": sp.text if sp else None,
        "speaker_name": sp.name if sp else None,
        "speaker_start": sp.start if sp else None,
        "speaker_end": sp.end if sp else None,
        "cue": q.cue,
        "channel": q.channel,
    }


def place_row(article_id: str, ordinal: int, p: Place) -> dict[str, Any]:
    """Return the ``places`` row of one place mention."""
    return {
        "article_id": article_id,
        "ordinal": ordinal,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "name": p.name,
        "latitude": p.lat,
        "longitude": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "geonames_id": p.geonames_id,
        "feature": p.feature,
        "precision": p.precision,
        "source": p.source,
    }


def entity_row(article_id: str, ordinal: int, e: Entity) -> dict[str, Any]:
    """Return the ``entities`` row of one entity mention."""
    return {
        "article_id": article_id,
        "ordinal": ordinal,
        "text": e.text,
        "label": e.label,
        "start": e.start,
        "end": e.end,
        "name": e.name,
        "country": e.country,
        "sector": e.sector,
    }
