"""The server store: PostgreSQL, the same tables and interface as SQLite, for teams.

Several people ingest and read at once: writers take turns (one transaction per batch, under a
transaction-scoped advisory lock, so two ingests of the same article never interleave), readers
never wait. Needs the ``postgres`` extra (psycopg 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import count
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote

from eventwire.records import SCHEMA, Record
from eventwire.store._base import DateLike, Store, StoreError, as_list, iso_date
from eventwire.store._schema import (
    ARTICLE_FIELDS,
    BOOL_FIELDS,
    EVENT_COLUMNS,
    EVENT_FIELDS,
    STORE_VERSION,
    TABLES,
    article_row,
    entity_row,
    flat_event,
    insert_sql,
    place_row,
    quote_row,
    record_from_row,
    schema_statements,
)

if TYPE_CHECKING:
    import psycopg

# Statements that bring a store from version N to N+1; none yet (version 1 is the first).
MIGRATIONS: dict[int, tuple[str, ...]] = {}

# Advisory lock keys (any 64-bit numbers, fixed): one for creating or migrating the schema, one
# that writers hold for the length of a batch's transaction.
_SCHEMA_LOCK = 0x6576_7477_0001
_WRITE_LOCK = 0x6576_7477_0002

_INSERT = {table: insert_sql(table, "postgres") for table in TABLES}
_COUNT = {table: f'SELECT count(*) FROM "{table}"' for table in TABLES}  # noqa: S608 - fixed names
_EVENT_SELECT = (
    "SELECT "  # noqa: S608 - names from EVENT_COLUMNS and ARTICLE_FIELDS
    + ", ".join([f'e."{c}"' for c, _ in EVENT_COLUMNS] + [f'a."{f}"' for f in ARTICLE_FIELDS])
    + ' FROM "events" e JOIN "articles" a ON a."id" = e."article_id"'
)
# Rows fetched per round trip when streaming results through a server-side cursor.
_FETCH = 500
_cursor_names = count()


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "the PostgreSQL store needs psycopg: install eventwire with the 'postgres' extra "
            "(pip install 'eventwire[postgres]')"
        ) from None
    return psycopg


def _split_url(url: str) -> tuple[str, str, str, list[str]]:
    """Return scheme, user, the rest after the userinfo (without query), and the secrets.

    Parsed by hand, not by libpq: a password with an unencoded "/" or "@" or a bad %-escape
    must neither break the parse nor end up in a message.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "postgresql", "", "", []
    user, secrets = "", []
    before_query, q, after = rest.partition("?")
    if "@" in before_query:  # the last "@" before the query ends the userinfo
        userinfo, _, hostpart = before_query.rpartition("@")
        rest = hostpart + q + after
    elif "@" in rest:  # a "?" inside the password
        userinfo, _, rest = rest.rpartition("@")
    else:
        userinfo = ""
    if userinfo:
        user, colon, password = userinfo.partition(":")
        if colon and password:
            secrets += [password, unquote(password)]
    hostpart, _, query = rest.partition("?")
    for key, values in parse_qs(query, keep_blank_values=True).items():
        if key.lower() in {"password", "passfile", "sslpassword"}:
            secrets += [v for v in values if v]
    secrets += [quote(s, safe="") for s in list(secrets)]
    return scheme, unquote(user), hostpart, sorted({s for s in secrets if s}, key=len, reverse=True)


def display_url(url: str) -> str:
    """Return ``url`` without its password or query, for messages and logs."""
    scheme, user, hostpart, _ = _split_url(url)
    return f"{scheme}://{user + '@' if user else ''}{hostpart}"


def redact(text: str, url: str) -> str:
    """Return ``text`` with every form of ``url``'s password replaced by ``***``."""
    for secret in _split_url(url)[3]:
        text = text.replace(secret, "***")
    return text


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL: replace it by U+FFFD (same length, offsets stay right)."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: _no_nul(v) for k, v in row.items()}
    for key in BOOL_FIELDS:
        if key in out:
            out[key] = int(out[key])
    return out


class PostgresStore(Store):
    """A store in a PostgreSQL database, given by a libpq URL (``postgresql://user@host/db``).

    The tables live in the connection's current schema: choose another with the URL's
    ``options=-csearch_path=...``.
    """

    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        pg = _psycopg()
        self.url = display_url(url)
        try:
            # autocommit: we open transactions ourselves, one per batch.
            self._conn: psycopg.Connection[Any] | None = pg.connect(
                url, autocommit=True, connect_timeout=max(1, round(timeout))
            )
        except pg.Error as exc:
            reason = redact(_first_line(exc), url)
            raise StoreError(
                f"{self.url}: cannot connect to PostgreSQL ({reason}); "
                "check the URL, that the server runs and accepts this user"
            ) from None
        try:
            self._setup()
        except pg.Error as exc:
            self.close()
            raise StoreError(
                f"{self.url}: cannot open as an eventwire store ({redact(_first_line(exc), url)})"
            ) from None
        except BaseException:
            self.close()
            raise

    @property
    def _db(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            raise StoreError(f"{self.url}: store is closed")
        return self._conn

    def _tables(self) -> set[str]:
        rows = self._db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {r[0] for r in rows}

    def _setup(self) -> None:
        db = self._db
        if "meta" in self._tables():
            # The usual case (every web request opens the store): no lock, only the check.
            self._check_version(migrate=False)
            return
        with db.transaction():
            # Two processes opening a new database at once: the second waits, then finds it made.
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            tables = self._tables()
            if "meta" not in tables:
                ours = tables & {"meta", *TABLES}
                if ours:
                    raise StoreError(
                        f"{self.url}: not an eventwire store (it has tables "
                        f"{', '.join(sorted(ours))} but no meta table); use another database "
                        "or schema"
                    )
                for statement in schema_statements("postgres"):
                    db.execute(statement)
                with db.cursor() as cur:
                    cur.executemany(
                        'INSERT INTO "meta" ("key", "value") VALUES (%s, %s)',
                        [("schema", SCHEMA), ("store_version", str(STORE_VERSION))],
                    )
            self._check_version()

    def _check_version(self, *, migrate: bool = True) -> None:
        meta = dict(self._db.execute('SELECT "key", "value" FROM "meta"').fetchall())
        if meta.get("schema") != SCHEMA:
            raise StoreError(
                f"{self.url}: store holds schema {meta.get('schema')!r}, this eventwire "
                f"reads {SCHEMA!r}; export it with the eventwire that wrote it"
            )
        version = int(meta.get("store_version", "0"))
        if version > STORE_VERSION:
            raise StoreError(
                f"{self.url}: store version {version} was written by a newer eventwire "
                f"(this one reads up to {STORE_VERSION}); upgrade eventwire"
            )
        if version < STORE_VERSION and not migrate:
            # An older store: migrate under the schema lock (another process may be at it).
            with self._db.transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self._check_version()
            return
        while version < STORE_VERSION:
            for statement in MIGRATIONS[version]:
                self._db.execute(statement)
            version += 1
            self._db.execute(
                'UPDATE "meta" SET "value" = %s WHERE "key" = \'store_version\'',
                (str(version),),
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Run the block as one writer's transaction: all of it is committed or none of it."""
        db = self._db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield

    def _write_batch(self, batch: list[Record], totals: dict[str, int]) -> None:
        n = dict.fromkeys(totals, 0)
        with self._transaction(), self._db.cursor() as cur:
            for record in batch:
                aid = _no_nul(record.article.id)
                # ON DELETE CASCADE removes the article's events, quotes, places and entities.
                cur.execute('DELETE FROM "articles" WHERE "id" = %s', (aid,))
                n["replaced"] += max(cur.rowcount, 0)
                cur.execute(_INSERT["articles"], _clean(article_row(record)))
                rows: dict[str, list[dict[str, Any]]] = {
                    "events": [
                        {**flat_event(record.article, e), "ordinal": i}
                        for i, e in enumerate(record.events)
                    ],
                    "quotes": [quote_row(aid, i, q) for i, q in enumerate(record.quotes)],
                    "places": [place_row(aid, i, p) for i, p in enumerate(record.places)],
                    "entities": [entity_row(aid, i, e) for i, e in enumerate(record.entities)],
                }
                for table, table_rows in rows.items():
                    if table_rows:
                        columns = [name for name, _ in TABLES[table]]
                        cur.executemany(
                            _INSERT[table],
                            [_clean({c: r[c] for c in columns}) for r in table_rows],
                        )
                    n[table] += len(table_rows)
                n["articles"] += 1
        n["batches"] = 1
        for key, value in n.items():
            totals[key] += value

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
        conds, params = _event_conditions(since, until, type, None)
        where: list[str] = []
        if conds:
            where.append(
                'EXISTS (SELECT 1 FROM "events" e WHERE e."article_id" = a."id" AND '  # noqa: S608 - fixed fragments
                + " AND ".join(conds)
                + ")"
            )
        ids = as_list(article_ids)
        if ids is not None:
            where.append('a."id" = ANY(%s)')
            params.append([_no_nul(i) for i in ids])
        sql = 'SELECT a."text", a."record" FROM "articles" a'
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY a."id" COLLATE "C"'
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
        conds, params = _event_conditions(since, until, type, article_ids)
        sql = _EVENT_SELECT
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += ' ORDER BY e."article_id" COLLATE "C", e."ordinal"'
        for values in self._rows(sql, params):
            row = dict(zip(EVENT_FIELDS, values, strict=True))
            for key in BOOL_FIELDS:
                row[key] = bool(row[key])
            yield row

    def _rows(self, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Yield result rows through a server-side cursor, a few hundred per round trip.

        WITH HOLD: the cursor outlives the implicit transaction of autocommit, so a caller can
        stream while the same store writes; it is closed even if the caller stops early.
        """
        cursor = self._db.cursor(name=f"eventwire_{next(_cursor_names)}", withhold=True)
        try:
            cursor.itersize = _FETCH
            cursor.execute(sql, params)
            for row in cursor:  # noqa: UP028 - see SQLiteStore._rows
                yield row
        finally:
            # If the store was closed first, the cursor went with the connection.
            with suppress(Exception):
                cursor.close()

    def counts(self) -> dict[str, int]:
        """Return the number of rows per table (articles, events, quotes, places, entities)."""
        out = {}
        for table, sql in _COUNT.items():
            row = self._db.execute(sql).fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def close(self) -> None:
        """Close the connection; further calls raise StoreError."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _event_conditions(
    since: DateLike | None,
    until: DateLike | None,
    types: str | Iterable[str] | None,
    article_ids: Iterable[str] | None,
) -> tuple[list[str], list[Any]]:
    """Return WHERE fragments over ``events e`` (fixed text) and their parameters."""
    conds: list[str] = []
    params: list[Any] = []
    if since is not None:
        conds.append('e."event_date" >= %s')
        params.append(iso_date(since, "since"))
    if until is not None:
        conds.append('e."event_date" <= %s')
        params.append(iso_date(until, "until"))
    # One array parameter instead of one placeholder per item: no parameter limit.
    type_list = as_list(types, upper=True)
    if type_list is not None:
        conds.append('e."type" = ANY(%s)')
        params.append(type_list)
    ids = as_list(article_ids)
    if ids is not None:
        conds.append('e."article_id" = ANY(%s)')
        params.append([_no_nul(i) for i in ids])
    return conds, params
