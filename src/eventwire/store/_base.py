"""The interface every store implements (SQLite and PostgreSQL), and what it returns."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from eventwire.records import Record

# A date filter: an ISO date string ("2022-09-11") or a date.
DateLike = str | dt.date


class StoreError(Exception):
    """A store could not be opened or used; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What one ``Store.write`` call committed."""

    articles: int = 0
    events: int = 0
    quotes: int = 0
    places: int = 0
    entities: int = 0
    # Articles that were already stored and whose rows were replaced.
    replaced: int = 0
    batches: int = 0


class Store(ABC):
    """Records in, records and flat event rows out; one writer, many readers."""

    def write(self, records: Iterable[Record], batch_size: int = 100) -> WriteStats:
        """Store ``records``, one transaction per batch, replacing articles already stored.

        Each batch is gathered before its transaction opens, so the write lock is held only
        while rows are written, not while upstream stages compute the next records.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        totals = dict.fromkeys(WriteStats.__dataclass_fields__, 0)
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                self._write_batch(batch, totals)
                batch = []
        if batch:
            self._write_batch(batch, totals)
        return WriteStats(**totals)

    @abstractmethod
    def _write_batch(self, batch: list[Record], totals: dict[str, int]) -> None:
        """Write ``batch`` in one transaction (all or nothing) and add its counts to ``totals``."""

    @abstractmethod
    def records(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: str | Iterable[str] | None = None,  # the contract's field name
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[Record]:
        """Yield stored records, whole, of articles with at least one event matching the filters."""

    @abstractmethod
    def events(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: str | Iterable[str] | None = None,  # the contract's field name
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield flat event rows (keys ``EVENT_FIELDS``) matching the filters."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Return the number of rows per table (articles, events, quotes, places, entities)."""

    @abstractmethod
    def close(self) -> None:
        """Close the store; further calls fail."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def iso_date(value: DateLike, what: str) -> str:
    """Return ``value`` as an ISO date string, or raise ValueError saying what was expected."""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a date as YYYY-MM-DD, got {value!r}") from None


def as_list(value: str | Iterable[str] | None, *, upper: bool = False) -> list[str] | None:
    """Return a filter value as a list of strings (one string counts as one item)."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return [s.upper() for s in items] if upper else [str(s) for s in items]
