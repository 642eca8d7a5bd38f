"""The server store: PostgreSQL, the same tables and interface as SQLite, for teams.

Several people ingest and read at once: writers take turns (one transaction per batch, under a
transaction-scoped advisory lock, so two ingests of the same article never interleave), readers
never wait. Needs the ``postgres`` extra (psycopg 3).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from itertools import count
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote

from eventwire.records import SCHEMA, Record
from eventwire.store._base import StoreError
from eventwire.store._schema import (
    BOOL_FIELDS,
    STORE_VERSION,
    TABLES,
    article_row,
    insert_sql,
    schema_statements,
)
from eventwire.store._sql import SQLStore, child_rows

if TYPE_CHECKING:
    import psycopg

# Statements that bring a store from version N to N+1; none yet (version 1 is the first).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: events.location_homonyms (events stored before it keep NULL: not measured).
    1: ('ALTER TABLE "events" ADD COLUMN "location_homonyms" INTEGER',),
}

# Advisory lock keys (any 64-bit numbers, fixed): one for creating or migrating the schema, one
# that writers hold for the length of a batch's transaction.
_SCHEMA_LOCK = 0x6576_7477_0001
_WRITE_LOCK = 0x6576_7477_0002

_INSERT = {table: insert_sql(table, "postgres") for table in TABLES}
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


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database, given by a libpq URL (``postgresql://user@host/db``).

    The tables live in the connection's current schema: choose another with the URL's
    ``options=-csearch_path=...``.
    """

    MARK = "%s"
    BYTEWISE = ' COLLATE "C"'  # the same order as SQLite's, whatever the server's locale

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
                for table, table_rows in child_rows(record).items():
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

    def _scalar(self, sql: str) -> Any:
        row = self._db.execute(sql).fetchone()
        return row[0] if row else 0

    def _in_list(self, column: str, values: list[str]) -> tuple[str, Any]:
        # ``column`` is one of SQLStore's fixed names; one array parameter for any length.
        return f"{column} = ANY(%s)", [_no_nul(v) for v in values]

    def close(self) -> None:
        """Close the connection; further calls raise StoreError."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
