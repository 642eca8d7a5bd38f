"""The embedded store: one SQLite file in WAL mode, so readers run while one writer ingests."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from eventwire.records import SCHEMA, Record
from eventwire.store._base import StoreError
from eventwire.store._schema import (
    STORE_VERSION,
    TABLES,
    article_row,
    insert_sql,
    schema_statements,
)
from eventwire.store._sql import SQLStore, child_rows

# Statements that bring a store from version N to N+1; none yet (version 1 is the first).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1 -> 2: events.location_homonyms (events stored before it keep NULL: not measured).
    1: ('ALTER TABLE "events" ADD COLUMN "location_homonyms" INTEGER',),
}

_INSERT = {table: insert_sql(table) for table in TABLES}


class SQLiteStore(SQLStore):
    """A store in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not Path(self.path).parent.is_dir():
            raise StoreError(
                f"{self.path}: directory {Path(self.path).parent} does not exist; create it first"
            )
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per batch.
        # timeout: a second writer waits for the first instead of failing at once.
        self._conn: sqlite3.Connection | None = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None
        )
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(
                f"{self.path}: cannot open as an eventwire store ({exc}); "
                "give an eventwire store or a path for a new one"
            ) from exc
        except BaseException:
            self.close()
            raise

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._conn

    @property
    def journal_mode(self) -> str:
        """Return SQLite's journal mode for this file (``wal`` for a file store)."""
        return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    def _setup(self) -> None:
        db = self._db
        db.execute("PRAGMA foreign_keys = ON")  # child rows go with their article
        db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL never corrupts; a power cut may lose only the last commits.
        db.execute("PRAGMA synchronous = NORMAL")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if tables:
                raise StoreError(
                    f"{self.path}: not an eventwire store (it has tables "
                    f"{', '.join(sorted(tables))} but no meta table); give a new path"
                )
            with self._transaction():
                # Another process may have created the schema while we waited for the lock.
                if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                    for statement in schema_statements():
                        db.execute(statement)
                    db.executemany(
                        'INSERT INTO "meta" ("key", "value") VALUES (?, ?)',
                        [("schema", SCHEMA), ("store_version", str(STORE_VERSION))],
                    )
        self._check_version()

    def _check_version(self) -> None:
        meta = dict(self._db.execute('SELECT "key", "value" FROM "meta"').fetchall())
        if meta.get("schema") != SCHEMA:
            raise StoreError(
                f"{self.path}: store holds schema {meta.get('schema')!r}, this eventwire "
                f"reads {SCHEMA!r}; export it with the eventwire that wrote it"
            )
        version = int(meta.get("store_version", "0"))
        if version > STORE_VERSION:
            raise StoreError(
                f"{self.path}: store version {version} was written by a newer eventwire "
                f"(this one reads up to {STORE_VERSION}); upgrade eventwire"
            )
        while version < STORE_VERSION:
            with self._transaction():
                for statement in MIGRATIONS[version]:
                    self._db.execute(statement)
                version += 1
                self._db.execute(
                    'UPDATE "meta" SET "value" = ? WHERE "key" = \'store_version\'',
                    (str(version),),
                )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: all of it is committed or none of it."""
        db = self._db
        # IMMEDIATE takes the write lock up front, so a busy store waits here, not mid-batch.
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # KeyboardInterrupt too: the batch is undone and the file stays consistent.
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _write_batch(self, batch: list[Record], totals: dict[str, int]) -> None:
        db = self._db
        n = dict.fromkeys(totals, 0)
        with self._transaction():
            for record in batch:
                aid = record.article.id
                # ON DELETE CASCADE removes the article's events, quotes, places and entities.
                n["replaced"] += db.execute(
                    'DELETE FROM "articles" WHERE "id" = ?', (aid,)
                ).rowcount
                db.execute(_INSERT["articles"], article_row(record))
                for table, table_rows in child_rows(record).items():
                    db.executemany(_INSERT[table], table_rows)
                    n[table] += len(table_rows)
                n["articles"] += 1
        n["batches"] = 1
        for key, value in n.items():
            totals[key] += value

    def _rows(self, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Yield result rows one at a time; the cursor is closed even if the caller stops early."""
        cursor = self._db.execute(sql, params)
        try:
            # Not ``yield from``: it calls cursor.close() on GeneratorExit, unguarded.
            for row in cursor:  # noqa: UP028
                yield row
        finally:
            # An open cursor holds a read snapshot that keeps WAL checkpoints from finishing.
            # If the store was closed first, the cursor is already gone with it.
            with suppress(sqlite3.ProgrammingError):
                cursor.close()

    def _scalar(self, sql: str) -> Any:
        return self._db.execute(sql).fetchone()[0]

    def _in_list(self, column: str, values: list[str]) -> tuple[str, Any]:
        # ``column`` is one of SQLStore's fixed names; one JSON array parameter, so no limit
        # on the number of SQLite variables.
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(values)  # noqa: S608

    def close(self) -> None:
        """Close the connection; further calls raise StoreError."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
