"""The JSON Schema of ``eventwire/1`` and a validator every output can be checked with."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def schema() -> dict[str, Any]:
    """Return the contract's JSON Schema (shipped as ``data/eventwire-1.schema.json``)."""
    text = resources.files("eventwire.data").joinpath("eventwire-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(record: dict[str, Any]) -> list[str]:
    """Return the schema violations of one record (empty when it conforms), offsets included."""
    validator = jsonschema.Draft202012Validator(schema())
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)
    ]
    text = record.get("article", {}).get("text", "")
    problems.extend(_offset_problems(record, text))
    return problems


def _offset_problems(record: dict[str, Any], text: str) -> list[str]:
    out = []
    spans: list[tuple[str, dict[str, Any], str | None]] = []
    for i, ev in enumerate(record.get("events", [])):
        spans.append((f"events/{i}/evidence", ev["evidence"], ev["evidence"]["text"]))
    for i, q in enumerate(record.get("quotes", [])):
        spans.append((f"quotes/{i}", q, q["text"]))
        if q.get("speaker") and q["speaker"].get("start") is not None:
            spans.append((f"quotes/{i}/speaker", q["speaker"], q["speaker"]["text"]))
    for kind in ("places", "entities"):
        for i, item in enumerate(record.get(kind, [])):
            spans.append((f"{kind}/{i}", item, item["text"]))
    for where, item, expected in spans:
        start, end = item["start"], item["end"]
        if not 0 <= start <= end <= len(text):
            out.append(f"{where}: offsets {start}:{end} outside the text")
        elif expected is not None and text[start:end] != expected:
            out.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {expected!r}")
    return out
