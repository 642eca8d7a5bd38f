"""What the SQL stores share: the queries behind records(), events() and counts().

A store says only how its SQL spells a parameter, a list parameter and bytewise order, and how
it runs a query (``_rows``). Query text is built from fixed fragments; every value is a
parameter.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.records import Record
from eventwire.store._base import DateLike, Store, as_list, iso_date
from eventwire.store._schema import (
    ARTICLE_FIELDS,
    BOOL_FIELDS,
    EVENT_COLUMNS,
    EVENT_FIELDS,
    TABLES,
    entity_row,
    flat_event,
    place_row,
    quote_row,
    record_from_row,
)

# Selects exactly EVENT_FIELDS, in order: the event's columns, then its article's.
_EVENT_SELECT = (
    "SELECT "  # noqa: S608 - names from EVENT_COLUMNS and ARTICLE_FIELDS
    + ", ".join([f'e."{c}"' for c, _ in EVENT_COLUMNS] + [f'a."{f}"' for f in ARTICLE_FIELDS])
    + ' FROM "events" e JOIN "articles" a ON a."id" = e."article_id"'
)
_COUNT = {table: f'SELECT count(*) FROM "{table}"' for table in TABLES}  # noqa: S608 - fixed names


def child_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """Return the rows of ``record``'s events, quotes, places and entities, by table."""
    aid = record.article.id
    return {
        "events": [
            {**flat_event(record.article, e), "ordinal": i} for i, e in enumerate(record.events)
        ],
        "quotes": [quote_row(aid, i, q) for i, q in enumerate(record.quotes)],
        "places": [place_row(aid, i, p) for i, p in enumerate(record.places)],
        "entities": [entity_row(aid, i, e) for i, e in enumerate(record.entities)],
    }


class SQLStore(Store):
    """A store over a SQL database; subclasses give the dialect and run the queries."""

    # The placeholder of one positional parameter.
    MARK = "?"
    # What makes ORDER BY compare text bytewise (SQLite's default; a server's collation is not).
    BYTEWISE = ""

    @abstractmethod
    def _in_list(self, column: str, values: list[str]) -> tuple[str, Any]:
        """Return the condition "``column`` is one of ``values``" and its one parameter."""

    @abstractmethod
    def _rows(self, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Yield the result rows of ``sql``, closing the cursor even if the caller stops early."""

    @abstractmethod
    def _scalar(self, sql: str) -> Any:
        """Return the first column of the first row of ``sql``."""

    def records(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: str | Iterable[str] | None = None,  # the contract's field name
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[Record]:
        """Yield stored records, whole, of articles with at least one event matching the filters.

        Without since/until/type every article matches, including those without events.
        """
        conds, params = self._event_conditions(since, until, type, None)
        where: list[str] = []
        if conds:
            where.append(
                'EXISTS (SELECT 1 FROM "events" e WHERE e."article_id" = a."id" AND '  # noqa: S608 - fixed fragments
                + " AND ".join(conds)
                + ")"
            )
        ids = as_list(article_ids)
        if ids is not None:
            cond, param = self._in_list('a."id"', ids)
            where.append(cond)
            params.append(param)
        sql = 'SELECT a."text", a."record" FROM "articles" a'
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f' ORDER BY a."id"{self.BYTEWISE}'
        for text, stored in self._rows(sql, params):
            yield record_from_row(text, stored)

    def events(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: str | Iterable[str] | None = None,  # the contract's field name
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield flat event rows (keys ``EVENT_FIELDS``) matching the filters, article order."""
        conds, params = self._event_conditions(since, until, type, article_ids)
        sql = _EVENT_SELECT
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += f' ORDER BY e."article_id"{self.BYTEWISE}, e."ordinal"'
        for values in self._rows(sql, params):
            row = dict(zip(EVENT_FIELDS, values, strict=True))
            for key in BOOL_FIELDS:
                row[key] = bool(row[key])
            yield row

    def counts(self) -> dict[str, int]:
        """Return the number of rows per table (articles, events, quotes, places, entities)."""
        return {table: int(self._scalar(sql)) for table, sql in _COUNT.items()}

    def _event_conditions(
        self,
        since: DateLike | None,
        until: DateLike | None,
        types: str | Iterable[str] | None,
        article_ids: Iterable[str] | None,
    ) -> tuple[list[str], list[Any]]:
        """Return WHERE fragments over ``events e`` (fixed text) and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if since is not None:
            conds.append(f'e."event_date" >= {self.MARK}')
            params.append(iso_date(since, "since"))
        if until is not None:
            conds.append(f'e."event_date" <= {self.MARK}')
            params.append(iso_date(until, "until"))
        # One list parameter instead of one placeholder per item: no parameter limit.
        for column, values in (
            ('e."type"', as_list(types, upper=True)),
            ('e."article_id"', as_list(article_ids)),
        ):
            if values is not None:
                cond, param = self._in_list(column, values)
                conds.append(cond)
                params.append(param)
        return conds, params
