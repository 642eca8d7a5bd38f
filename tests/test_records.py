"""records: the contract's dataclasses, their JSON shape, and the small public API."""

from __future__ import annotations

import json

import pytest

import eventwire
from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    Evidence,
    Location,
    Place,
    Quantity,
    Quote,
    Record,
    Speaker,
    stable_id,
)
from eventwire.schema import validate


def _record() -> Record:
    text = "Kiev said Russian troops withdrew from Svatove yesterday."
    ev = Event(
        id="e1",
        type="RETREAT",
        evidence=Evidence(text, 0, len(text)),
        acled_event_type="Battles",
        acled_sub_event_type="Government regains territory",
        actor1=Actor("Russian troops", "Military Forces of Russia", "RUS", "MIL"),
        location=Location(
            "Svatove", "Svatove", 49.4093, 38.1553, "UKR", "Luhansk Oblast", 692118, 1
        ),
        date="2022-09-11", date_text="yesterday", date_precision=1,
        quantities=[Quantity(40, "settlements", "40")],
        attributed_to=Attribution("Kiev", "Government of Ukraine"),
    )  # fmt: skip
    quote = Quote("Russian troops withdrew", "indirect", 10, 33, Speaker("Kiev", None, 0, 4), "say")
    place = Place("Svatove", 39, 46, "Svatove", 49.4093, 38.1553, "UKR", "Luhansk Oblast", 692118)
    article = Article(id="a1", text=text, published="2022-09-12")
    return Record(article, [ev], [quote], [place], [])


def test_round_trip_through_json_is_exact() -> None:
    rec = _record()
    again = Record.from_dict(json.loads(json.dumps(rec.as_dict())))
    assert again == rec
    assert again.as_dict() == rec.as_dict()


def test_record_validates_against_the_schema() -> None:
    assert validate(_record().as_dict()) == []


def test_schema_catches_a_wrong_offset_and_a_bad_code() -> None:
    data = _record().as_dict()
    data["places"][0]["start"] += 1
    data["events"][0]["type"] = "FIGHT"
    problems = validate(data)
    assert any("places/0" in p for p in problems)
    assert any("events/0/type" in p for p in problems)


def test_from_dict_refuses_another_schema() -> None:
    data = _record().as_dict() | {"schema": "eventwire/0"}
    with pytest.raises(ValueError, match="eventwire/1"):
        Record.from_dict(data)


def test_stable_id_depends_only_on_its_parts() -> None:
    assert stable_id("a", 1, None) == stable_id("a", 1, None)
    assert stable_id("a", 1) != stable_id("a", 2)
    assert stable_id("x", prefix="a").startswith("a")


def test_public_api_is_small_and_exact() -> None:
    assert sorted(eventwire.__all__) == sorted(
        ["SCHEMA", "Actor", "Article", "Entity", "Event", "Evidence", "Location", "Pipeline",
         "Place", "Quote", "Record", "__version__", "extract"]
    )  # fmt: skip
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None
