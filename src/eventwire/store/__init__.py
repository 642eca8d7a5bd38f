"""Where records are kept: one interface, chosen by URL or path (SQLite file or PostgreSQL).

``with open_store("events.db") as store: store.write(records)`` stores records; then
``store.events(since="2022-09-01", type="ASSAULT")`` yields flat event rows. A team shares
one PostgreSQL database instead: ``open_store("postgresql://user@host/events")``.
"""

from __future__ import annotations

import os

from eventwire.store._base import DateLike, Store, StoreError, WriteStats
from eventwire.store._schema import EVENT_FIELDS, STORE_VERSION, event_rows
from eventwire.store.sqlite import SQLiteStore

__all__ = [
    "EVENT_FIELDS",
    "STORE_VERSION",
    "DateLike",
    "SQLiteStore",
    "Store",
    "StoreError",
    "WriteStats",
    "event_rows",
    "open_store",
]


def open_store(url_or_path: str | os.PathLike[str]) -> Store:
    """Return the store at ``url_or_path``.

    A file path or ``sqlite:///path`` opens SQLite; ``postgresql://...`` (or ``postgres://``)
    opens PostgreSQL (needs the ``postgres`` extra).
    """
    if isinstance(url_or_path, os.PathLike):
        return SQLiteStore(url_or_path)
    target = url_or_path
    if target.startswith("sqlite:///"):
        return SQLiteStore(target.removeprefix("sqlite:///"))
    if target.startswith(("postgres://", "postgresql://")):
        from eventwire.store.postgres import PostgresStore

        return PostgresStore(target)
    if "://" in target:
        scheme = target.split("://", 1)[0]
        raise StoreError(
            f"store URL scheme {scheme!r} is not supported; give a file path, sqlite:///path "
            "or postgresql://user@host/database"
        )
    return SQLiteStore(target)
