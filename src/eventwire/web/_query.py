"""Event filters of the web API: parsed and checked once, applied to flat event rows.

The store filters by date and type in SQL; bounding box, actor, text and region are checked
here on the rows it streams, so no SQL is ever built from a request's strings.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from eventwire.report import in_regions
from eventwire.store import Store

MAX_LIMIT = 1000


class QueryError(ValueError):
    """A request parameter is malformed; the message says which and what is expected."""


def parse_date(value: str | None, name: str) -> str | None:
    """Return ``value`` as an ISO date, or raise QueryError naming the parameter."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name} must be a date like 2022-09-12, got {value!r}") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Return ``min_lon,min_lat,max_lon,max_lat`` as floats, or raise QueryError."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or not all(math.isfinite(n) for n in nums):
        raise QueryError(
            f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {value!r}"
        )
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-90 <= min_lat <= max_lat <= 90):
        raise QueryError("bbox latitudes must satisfy -90 <= min_lat <= max_lat <= 90")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise QueryError("bbox longitudes must lie within -180..180")
    return min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True, slots=True)
class EventQuery:
    """One request's event filters, already checked."""

    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    text: str | None = None
    regions: tuple[str, ...] = ()
    article_id: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        types: Iterable[str] | None = None,
        bbox: str | None = None,
        actor: str | None = None,
        q: str | None = None,
        regions: Iterable[str] | None = None,
        article_id: str | None = None,
    ) -> EventQuery:
        """Return the checked query, or raise QueryError saying what is wrong."""
        start, end = parse_date(since, "since"), parse_date(until, "until")
        if start and end and start > end:
            raise QueryError(f"since ({start}) is after until ({end})")
        type_list = tuple(t.strip().upper() for t in types or () if t.strip())
        for t in type_list:
            if not t.isalpha() or len(t) > 20:
                raise QueryError(f"type must be a PLOVER category such as ASSAULT, got {t!r}")
        return cls(
            since=start,
            until=end,
            types=type_list,
            bbox=parse_bbox(bbox),
            actor=(actor or "").strip().casefold() or None,
            text=(q or "").strip().casefold() or None,
            regions=tuple(r for r in regions or () if r.strip()),
            article_id=article_id or None,
        )

    def matches(self, row: Mapping[str, Any]) -> bool:
        """Return True when the row passes the filters the store cannot apply."""
        if self.bbox is not None:
            lat, lon = row.get("latitude"), row.get("longitude")
            if lat is None or lon is None:
                return False
            min_lon, min_lat, max_lon, max_lat = self.bbox
            in_lon = (
                min_lon <= lon <= max_lon
                if min_lon <= max_lon
                else lon >= min_lon or lon <= max_lon  # a box across the antimeridian
            )
            if not (in_lon and min_lat <= lat <= max_lat):
                return False
        if self.actor is not None and not _contains(row, _ACTOR_FIELDS, self.actor):
            return False
        if self.text is not None and not _contains(row, _TEXT_FIELDS, self.text):
            return False
        return in_regions(row, self.regions)

    def rows(self, store: Store) -> Iterator[dict[str, Any]]:
        """Yield the flat event rows of ``store`` that match, store order."""
        rows = store.events(
            since=self.since,
            until=self.until,
            type=list(self.types) or None,
            article_ids=[self.article_id] if self.article_id else None,
        )
        for row in rows:
            if self.matches(row):
                yield row


_ACTOR_FIELDS = ("actor1_text", "actor1_name", "actor2_text", "actor2_name")
_TEXT_FIELDS = (
    "evidence_text",
    "title",
    "location_text",
    "location_name",
    "admin1",
    "attributed_to_text",
    "attributed_to_name",
    *_ACTOR_FIELDS,
)


def _contains(row: Mapping[str, Any], fields: tuple[str, ...], needle: str) -> bool:
    return any(needle in str(row.get(f) or "").casefold() for f in fields)


def api_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a flat event row for JSON answers: quantities as a list, not a JSON string."""
    out = dict(row)
    raw = out.get("quantities")
    if isinstance(raw, str):
        try:
            out["quantities"] = json.loads(raw)
        except ValueError:
            out["quantities"] = []
    return out
