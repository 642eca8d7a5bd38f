"""Tests of eventwire.export: JSONL, CSV (eventwire and ACLED profiles) and GeoJSON writers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.export import (
    ACLED_FIELDS,
    EVENT_FIELDS,
    GeoJSONStats,
    event_rows,
    write_csv,
    write_geojson,
    write_jsonl,
)
from eventwire.records import Actor, Record
from eventwire.store import SQLiteStore
from test_store import make_record

HOSTILE = (
    'He said "we will, hold", then\nleft;\r\n<script>alert("x")</script> '
    "Харків – Kup'yans'k 🇺🇦 tab\there, NUL\x00here, line\u2028sep, =SUM(A1), \\ backslash"
)


def hostile_record() -> Record:
    """Return a record whose text fields carry quotes, commas, newlines, markup and unicode."""
    rec = make_record(7, text=HOSTILE)
    rec.article.title = HOSTILE
    ev = rec.events[0]
    ev.evidence.text = HOSTILE
    ev.actor1 = Actor(text=HOSTILE, name=HOSTILE)
    assert ev.location is not None
    ev.location.text = HOSTILE
    ev.location.name = HOSTILE
    return rec


def test_export_jsonl_parses_back_to_the_records() -> None:
    records = [make_record(i) for i in range(3)] + [hostile_record()]
    out = io.StringIO()
    assert write_jsonl(records, out) == 4
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert [Record.from_dict(json.loads(line)) for line in lines] == records
    assert "\\u2028" in lines[3]
    assert "Харків" in lines[3]  # unicode written as itself, not escaped


def test_export_csv_default_profile_has_flat_event_columns() -> None:
    records = [make_record(i, n_events=3) for i in range(4)]
    out = io.StringIO(newline="")
    assert write_csv(event_rows(records), out) == 12
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == EVENT_FIELDS
    assert len(rows) == 12
    assert rows[0]["latitude"] == "49.5"
    assert rows[0]["negated"] == "false"
    assert rows[1]["hypothetical"] == "true"
    assert rows[0]["actor2_name"] == ""  # null is empty
    assert json.loads(rows[0]["quantities"]) == [{"value": 40, "unit": "settlements", "text": "40"}]


def test_export_csv_acled_profile_renames_and_derives_columns() -> None:
    rec = make_record(3, n_events=2)
    rec.events[1].actor1 = Actor(text="the occupiers")  # unresolved: raw text stands in
    out = io.StringIO(newline="")
    write_csv(event_rows([rec]), out, profile="acled")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == ACLED_FIELDS
    first, second = rows
    ev = rec.events[0]
    assert first["event_id_cnty"] == ev.id
    assert first["event_date"] == ev.date
    assert first["year"] == "2022"
    assert first["time_precision"] == "1"
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["sub_event_type"] == "Shelling/artillery/missile attack"
    assert first["actor1"] == "Military Forces of Russia"
    assert second["actor1"] == "the occupiers"
    assert first["actor2"] == "civilians"
    assert first["country"] == "Ukraine"
    assert first["admin1"] == "Kharkiv Oblast"
    assert first["location"] == "Townsk-3"
    assert (first["latitude"], first["longitude"]) == ("49.53", "36.25")
    assert first["geo_precision"] == "1"
    assert first["source"] == "Example News"
    assert first["notes"] == ev.evidence.text
    assert first["fatalities"] == ""  # not stated is not zero
    assert second["fatalities"] == "1"
    assert first["eventwire_type"] == "ASSAULT"
    assert first["article_id"] == rec.article.id
    assert first["url"] == rec.article.url
    assert first["attributed_to"] == "the regional governor"


def test_export_csv_rejects_unknown_profile() -> None:
    with pytest.raises(ValueError, match="acled"):
        write_csv([], io.StringIO(), profile="gdelt")


def test_export_geojson_points_are_lon_lat_and_unlocated_are_counted() -> None:
    records = [make_record(i, n_events=2) for i in range(3)]
    records.append(make_record(9, n_events=3, located=False))
    out = io.StringIO()
    stats = write_geojson(event_rows(records), out)
    assert stats == GeoJSONStats(located=6, unlocated=3)
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 6
    assert doc["unlocated"] == 3
    assert [u["id"] for u in doc["unlocated_events"]] == ["ev-009-0", "ev-009-1", "ev-009-2"]
    feature = doc["features"][1]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.26, 49.5]}
    assert feature["id"] == "ev-000-1"
    assert tuple(feature["properties"]) == EVENT_FIELDS
    assert feature["properties"]["hypothetical"] is True


def test_export_geojson_with_no_events_is_valid() -> None:
    out = io.StringIO()
    assert write_geojson([], out) == GeoJSONStats(0, 0)
    assert json.loads(out.getvalue()) == {
        "type": "FeatureCollection",
        "features": [],
        "unlocated": 0,
        "unlocated_events": [],
    }


def test_export_hostile_text_survives_csv_and_json_unchanged() -> None:
    rec = hostile_record()
    rows = list(event_rows([rec]))
    for profile, column in (("eventwire", "evidence_text"), ("acled", "notes")):
        out = io.StringIO(newline="")
        write_csv(rows, out, profile=profile)
        parsed = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
        assert len(parsed) == len(rows)
        assert parsed[0][column] == HOSTILE
        assert parsed[0]["actor1_name" if profile == "eventwire" else "actor1"] == HOSTILE
    out = io.StringIO()
    write_geojson(rows, out)
    props = json.loads(out.getvalue())["features"][0]["properties"]
    assert props["title"] == HOSTILE
    assert props["location_text"] == HOSTILE
    assert props["evidence_text"] == HOSTILE


def test_export_hostile_text_survives_store_then_csv(tmp_path: Path) -> None:
    rec = hostile_record()
    with SQLiteStore(tmp_path / "e.db") as store:
        store.write([rec])
        assert next(store.records()) == rec
        out = io.StringIO(newline="")
        write_csv(store.events(), out)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert parsed[0]["title"] == HOSTILE


def _watching(rows: list[dict[str, Any]], out: io.StringIO) -> Iterator[dict[str, Any]]:
    """Yield rows, checking that each earlier row was already written when the next is asked."""
    for i, row in enumerate(rows):
        if i:
            assert rows[i - 1]["id"] in out.getvalue(), "writer held rows back"
        yield row


@pytest.mark.parametrize("writer", ["csv", "geojson"])
def test_export_writers_stream_row_by_row(writer: str) -> None:
    rows = list(event_rows([make_record(i) for i in range(3)]))
    out = io.StringIO()
    if writer == "csv":
        assert write_csv(_watching(rows, out), out) == 6
    else:
        assert write_geojson(_watching(rows, out), out).located == 6
