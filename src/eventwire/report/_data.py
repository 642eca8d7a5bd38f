"""What a situation report shows, gathered from a store: events, quotes, articles, gaps.

The result is plain JSON-ready data; the page's own JavaScript draws the map, timeline and
tables from it, so the static report and the live web page share one renderer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eventwire.records import Record
from eventwire.store import Store

# The flat event fields a report needs; article text and offsets stay in the store.
REPORT_EVENT_FIELDS: tuple[str, ...] = (
    "id",
    "article_id",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1_text",
    "actor1_name",
    "actor2_text",
    "actor2_name",
    "location_text",
    "location_name",
    "latitude",
    "longitude",
    "country",
    "admin1",
    "geo_precision",
    "location_homonyms",
    "event_date",
    "date_text",
    "time_precision",
    "fatalities",
    "injured",
    "quantities",
    "attributed_to_text",
    "attributed_to_name",
    "negated",
    "hypothetical",
    "evidence_text",
    "confidence",
    "title",
    "url",
    "source",
    "published",
)


@dataclass(frozen=True, slots=True)
class ReportFilters:
    """Which events a report covers; empty fields mean no restriction."""

    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    regions: tuple[str, ...] = field(default=())

    @property
    def active(self) -> bool:
        """Return True when any filter restricts the events."""
        return bool(self.since or self.until or self.types or self.regions)

    def as_dict(self) -> dict[str, Any]:
        """Return the filters as JSON-ready data (for the report header)."""
        return {
            "since": self.since,
            "until": self.until,
            "types": list(self.types),
            "regions": list(self.regions),
        }


def in_regions(row: Mapping[str, Any], regions: Sequence[str]) -> bool:
    """Return True when the row's admin1 or country matches one of ``regions``.

    A region matches its admin1 name exactly or by its first word(s) ("Kharkiv" matches
    "Kharkiv Oblast"), or the ISO3 country code; case does not matter.
    """
    if not regions:
        return True
    admin1 = str(row.get("admin1") or "").casefold()
    country = str(row.get("country") or "").casefold()
    for region in regions:
        want = region.strip().casefold()
        if not want:
            continue
        if want in (admin1, country) or admin1.startswith(want + " "):
            return True
    return False


def slim_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return the report's view of a flat event row, with quantities as a list."""
    out = {k: row.get(k) for k in REPORT_EVENT_FIELDS}
    raw = out.get("quantities")
    if isinstance(raw, str):
        try:
            out["quantities"] = json.loads(raw)
        except ValueError:
            out["quantities"] = []
    elif raw is None:
        out["quantities"] = []
    return out


def filtered_events(store: Store, filters: ReportFilters) -> list[dict[str, Any]]:
    """Return the flat event rows that match ``filters``, store order."""
    rows = store.events(
        since=filters.since,
        until=filters.until,
        type=list(filters.types) or None,
    )
    return [dict(r) for r in rows if in_regions(r, filters.regions)]


def _quotes(records: Iterable[Record]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rec in records:
        for q in rec.quotes:
            sp = q.speaker
            out.append(
                {
                    "article_id": rec.article.id,
                    "speaker_name": sp.name if sp else None,
                    "speaker_text": sp.text if sp else None,
                    "text": q.text,
                    "kind": q.kind,
                    "cue": q.cue,
                    "channel": q.channel,
                }
            )
    return out


def _unresolved_places(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Return toponyms no place was found for, with how often and in how many articles."""
    seen: Counter[str] = Counter()
    articles: dict[str, set[str]] = {}
    for rec in records:
        for p in rec.places:
            if p.name is None or p.lat is None or p.lon is None:
                seen[p.text] += 1
                articles.setdefault(p.text, set()).add(rec.article.id)
    return [
        {"text": text, "mentions": n, "articles": len(articles[text])}
        for text, n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def report_data(
    store: Store, filters: ReportFilters | None = None, *, title: str | None = None
) -> dict[str, Any]:
    """Return everything a situation report shows, as JSON-ready data."""
    filters = filters or ReportFilters()
    rows = filtered_events(store, filters)
    if filters.active:
        ids = sorted({r["article_id"] for r in rows})
        records = list(store.records(article_ids=ids)) if ids else []
    else:
        records = list(store.records())
    events = [slim_event(r) for r in rows]
    dates = sorted(e["event_date"] for e in events if e["event_date"])
    located = sum(1 for e in events if e["latitude"] is not None and e["longitude"] is not None)
    meta = {
        "title": title or "eventwire situation report",
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": filters.as_dict(),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "articles": len(records),
        "events": len(events),
        "located": located,
        "unlocated": len(events) - located,
        "undated": len(events) - len(dates),
    }
    articles = {
        r.article.id: {
            "title": r.article.title,
            "url": r.article.url,
            "source": r.article.source,
            "published": r.article.published,
        }
        for r in records
    }
    return {
        "schema": "eventwire-report/1",
        "meta": meta,
        "events": events,
        "quotes": _quotes(records),
        "articles": articles,
        "unresolved_places": _unresolved_places(records),
    }
