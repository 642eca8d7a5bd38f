"""Trigger words: the curated lexicon and the parse checks that decide whether a word triggers.

``data/event_lexicon.csv`` maps a lemma and coarse part of speech to PLOVER and ACLED codes.
A few words trigger only in some constructions ("shot down", "opened fire", "took the
village"); those checks live here beside the lexicon.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma (with part of speech) and the codes it gives."""

    plover: str
    mode: str | None
    acled_type: str | None
    acled_sub: str | None
    needs: str | None  # the sector actor1 must have for the word to count ("reach": MIL)


# Armed actors: a rebel militia can "respond" or "advance" as an army does.
ARMED = {"MIL": {"MIL", "REB"}}
SMALL_ARMS = Trigger("ASSAULT", "firearms", "Battles", "Armed clash", None)


@cache
def lexicon() -> dict[tuple[str, str], Trigger]:
    """Return the trigger lexicon keyed by (lemma, coarse POS)."""
    text = resources.files("eventwire.data").joinpath("event_lexicon.csv").read_text("utf-8")
    out: dict[tuple[str, str], Trigger] = {}
    for row in csv.DictReader(text.splitlines()):
        out[(row["trigger"], row["pos"])] = Trigger(
            row["plover"],
            row["mode"] or None,
            row["acled_event_type"] or None,
            row["acled_sub_event_type"] or None,
            row.get("needs") or None,
        )
    return out


# spaCy's small model leaves some irregular past forms unlemmatised.
LEMMA_FIXES = {"retook": "retake", "shelled": "shell", "overran": "overrun", "downed": "down"}
LIGHT_VERBS = frozenset({"launch", "carry", "conduct", "mount", "stage", "begin", "start"})
TAKE_VERBS = frozenset({"take", "gain", "establish", "assume"})
SEIZE_VERBS = frozenset({"capture", "seize"})
SPOILS = frozenset(
    {"tank", "vehicle", "equipment", "piece", "weapon", "ammunition", "trophy", "btr", "bmp",
     "apc", "truck", "drone", "system", "prisoner", "soldier", "serviceman", "document"}
)  # fmt: skip
FIRE_HEADS = frozenset({"open", "return", "exchange"})
GROUND_NOUNS = frozenset(
    {"control", "settlement", "village", "town", "city", "territory", "positions", "outskirts",
     "airport", "airfield", "base", "bridge", "district", "hamlet", "heights"}
)  # fmt: skip


def has_target(tok: Token) -> bool:
    """True when a "shoot" has something shot: an object or an "at"/"on" phrase."""
    return any(
        c.dep_ in {"dobj", "nsubjpass", "acomp"} or (c.dep_ == "prep" and c.lower_ in {"at", "on"})
        for c in tok.children
    )


def takes_spoils(tok: Token) -> bool:
    """True when what was captured is equipment or people, not a place."""
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    return bool(objs) and all(o.lemma_.lower() in SPOILS for o in objs)


def takes_ground(tok: Token) -> bool:
    """True for "took the village of X", "gained control over X", "took Kherson"."""
    for c in tok.children:
        if c.dep_ != "dobj":
            continue
        if c.lemma_.lower() in GROUND_NOUNS or (c.pos_ == "PROPN" and c.ent_type_ == "GPE"):
            return True
    return False
