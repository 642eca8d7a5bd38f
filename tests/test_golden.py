"""Golden files: reviewed expectations for bundled articles, compared field by field.

An intended change of output updates the golden file in the same commit; a person reads the
article again when an expectation changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from eventwire.pipeline import Pipeline
from eventwire.schema import validate
from eventwire.sources import iter_inputs

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def _load(path: Path, pipeline: Pipeline) -> tuple[dict[str, Any], dict[str, Any]]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    items = list(iter_inputs([str(ROOT / spec["input"])], published=spec["published"]))
    (article,) = items
    record = next(pipeline.process([article]))  # type: ignore[list-item]
    return spec, record.as_dict()


@pytest.fixture(scope="module", params=GOLDEN, ids=[p.stem for p in GOLDEN])
def golden(
    request: pytest.FixtureRequest, pipeline: Pipeline
) -> tuple[dict[str, Any], dict[str, Any]]:
    return _load(request.param, pipeline)


def _name(obj: dict[str, Any] | None) -> str | None:
    return None if obj is None else obj.get("name")


def _event_matches(ev: dict[str, Any], want: dict[str, Any]) -> bool:
    evidence = [ev["evidence"]["text"], *(e["text"] for e in ev.get("also_evidence", []))]
    if "evidence" in want and not any(want["evidence"] in t for t in evidence):
        return False
    for key in (
        "type",
        "mode",
        "acled_event_type",
        "acled_sub_event_type",
        "date",
        "date_precision",
        "negated",
        "hypothetical",
    ):
        if key in want and ev[key] != want[key]:
            return False
    checks = {
        "actor1": _name(ev["actor1"]),
        "actor2": _name(ev["actor2"]),
        "actor1_country": (ev["actor1"] or {}).get("country"),
        "location": _name(ev["location"]),
        "attributed_to": _name(ev["attributed_to"]),
    }
    if any(key in want and checks[key] != want[key] for key in checks):
        return False
    if "quantity" in want:
        value, unit = want["quantity"]
        return any(q["value"] == value and q["unit"] == unit for q in ev["quantities"])
    return True


def test_record_is_valid(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, record = golden
    assert validate(record) == []


def test_article_text_is_clean(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    spec, record = golden
    assert record["article"]["title"].startswith(spec["article"]["title_startswith"])
    leftovers = [s for s in spec["absent_from_text"] if s in record["article"]["text"]]
    assert leftovers == []


def test_places(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    spec, record = golden
    for want in spec["places"]:
        found = [p for p in record["places"] if p["text"] == want["text"]]
        assert found, f"place {want['text']!r} not found"
        for p in found:
            wrong = {k: (p[k], v) for k, v in want.items() if p.get(k) != v}
            assert not wrong, f"{want['text']}: {wrong}"
    texts = {p["text"] for p in record["places"]}
    assert texts.isdisjoint(spec["not_places"])


# One test per expected event, as many as the largest golden file lists.
_MOST_EVENTS = max(len(json.loads(p.read_text(encoding="utf-8"))["events"]) for p in GOLDEN)


@pytest.mark.parametrize("index", range(_MOST_EVENTS))
def test_events(golden: tuple[dict[str, Any], dict[str, Any]], index: int) -> None:
    spec, record = golden
    if index >= len(spec["events"]):
        pytest.skip("this golden file lists fewer events")
    want = spec["events"][index]
    assert any(_event_matches(ev, want) for ev in record["events"]), want


def test_each_real_event_appears_once(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    spec, record = golden
    for want in spec["one_event_each"]:
        found = [ev for ev in record["events"] if _event_matches(ev, want)]
        assert len(found) == 1, (want, len(found))
    assert len(record["events"]) <= spec["max_events"]


def test_nothing_comes_from_removed_text(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    spec, record = golden
    text = record["article"]["text"]
    for ev in record["events"]:
        assert text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    for bad in spec["absent_from_text"]:
        assert all(bad not in q["text"] for q in record["quotes"])


def test_quotes(golden: tuple[dict[str, Any], dict[str, Any]]) -> None:
    spec, record = golden
    for want in spec["quotes"]:
        found = [
            q
            for q in record["quotes"]
            if q["text"].startswith(want.get("startswith", ""))
            and want.get("contains", "") in q["text"]
        ]
        assert found, f"quote {want} not found"
        q = found[0]
        assert _name(q["speaker"]) == want["speaker"], q
        for key in ("kind", "channel"):
            if key in want:
                assert q[key] == want[key], q
