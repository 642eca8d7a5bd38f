"""Trigger words: the curated lexicon and the parse checks that decide whether a word triggers.

``data/event_lexicon.csv`` maps a lemma and coarse part of speech to PLOVER and ACLED codes.
A few words trigger only in some constructions ("shot down", "opened fire", "took the
village"); those checks live here beside the lexicon.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
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


CALL_REQUEST = Trigger("REQUEST", None, None, None, None)


def calls_on(tok: Token) -> bool:
    """True for "called on X to ...", "called for a ceasefire" (not "called it a crime")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"on", "upon", "for"}
        and c.i > tok.i
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
        for c in tok.children
    )  # "On 15 April, X called the attack a crime": a date, not an addressee


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


# A small learned fallback for sentences the lexicon finds no event in: a multinomial logistic
# regression over the sentence's lemmas and head>dependent lemma pairs, trained by
# scripts/train_plover.py. It stores feature weights only (no sentences).
MODEL_FILE = "plover_model.json"
_MODEL_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "AUX", "PART"})
_MODEL_DEPS = frozenset({"dobj", "xcomp", "pobj", "ccomp"})
_MODEL_MARKERS = frozenset({"must", "should", "will", "would", "not", "n't", "never", "no"})


def token_features(tok: Token) -> list[str]:
    """Return the model features ``tok`` contributes (none for names and numbers)."""
    if tok.ent_type_ or tok.pos_ not in _MODEL_POS:
        return []
    lemma = tok.lemma_.lower()
    out = [f"w:{lemma}"]
    head = tok.head
    if tok.pos_ in {"VERB", "NOUN"} and tok.dep_ in _MODEL_DEPS and not head.ent_type_:
        out.append(f"hd:{head.lemma_.lower()}>{lemma}")
    if tok.lower_ in _MODEL_MARKERS:
        out.append(f"m:{tok.lower_}")
    return out


def sentence_features(tokens: Iterable[Token]) -> set[str]:
    """Return a sentence's model features, less the words the constructions decide.

    "block", "strike", "call" and the like trigger by construction only: the model does not
    see them, so it cannot make a protest of troops blocking a road.
    """
    return {
        f
        for t in tokens
        if t.lemma_.lower() not in RULED_LEMMAS
        for f in token_features(t)
        if not (f.startswith("hd:") and t.head.lemma_.lower() in RULED_LEMMAS)
    }


@dataclass(frozen=True, slots=True)
class PloverModel:
    """Weights of the learned PLOVER sentence classifier."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, features: set[str]) -> list[float]:
        """Return one probability per class for a sentence's feature set."""
        z = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def contribution(self, tok: Token, label: str) -> float:
        """Return how much ``tok``'s features push the sentence towards ``label``."""
        k = self.classes.index(label)
        return sum(self.weights[f][k] for f in token_features(tok) if f in self.weights)


@cache
def plover_model() -> PloverModel | None:
    """Return the learned model, or None when the package has none."""
    path = resources.files("eventwire.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    classes = tuple(data["classes"])
    weights = {f: tuple(float(v) for v in w) for f, w in data["weights"].items()}
    return PloverModel(classes, tuple(float(v) for v in data["bias"]), weights)


# Constructions whose category is not the head word's own: what is struck, sent or lifted.
LABOUR_STRIKE = Trigger("PROTEST", "strike", None, None, None)
ARSON = Trigger("COERCE", "seize", None, None, None)
DIPLOMATIC_PROTEST = Trigger("ACCUSE", "disapprove", None, None, None)
MUST_REQUEST = Trigger("REQUEST", None, None, None, None)
EASED = Trigger("CONCEDE", None, None, None, None)
CANCELLED = Trigger("SANCTION", None, None, None, None)
SENT_FORCES = Trigger("MOBILIZE", "troops", None, None, None)
SENT_AID = Trigger("AID", None, None, None, None)
REJECTED = Trigger("REJECT", None, None, None, None)
_PHRASAL = frozenset({("rule", "out"), ("turn", "down")})
# Words whose triggering the constructions above decide; the learned fallback never takes one
# of them as its trigger ("troops blocked the road" is no protest, whatever the model says).
RULED_LEMMAS = frozenset(
    {"block", "blow", "strike", "fire", "call", "shoot", "send", "cancel", "turn", "rule"}
)
MARTIAL_LAW = Trigger("COERCE", "martial-law", None, None, None)
BLOCKED = Trigger("PROTEST", "block", "Protests", "Peaceful protest", None)
BLOWN_UP = Trigger(
    "COERCE", "explosives", "Explosions/Remote violence", "Remote explosive/landmine/IED", None
)
_WAYS = frozenset(
    {"road", "roadway", "street", "highway", "motorway", "bridge", "traffic", "transport",
     "railway", "route", "entrance", "crossing", "checkpoint", "intersection", "square"}
)  # fmt: skip
_SECURITY = frozenset({"army", "military", "police", "militia", "guard", "authority", "government"})
_STRIKE_KINDS = frozenset(
    {"hunger", "general", "labour", "labor", "nationwide", "national", "warning", "sympathy"}
)
_WEAPON_KINDS = frozenset(
    {"air", "missile", "drone", "rocket", "artillery", "airstrike", "precision", "retaliatory",
     "military", "aerial", "nuclear", "preemptive", "massive", "russian", "ukrainian"}
)  # fmt: skip
_STRIKE_HEADS = frozenset({"call", "end", "stage", "begin", "hold", "continue", "go", "join"})
_STATEMENT_HEADS = frozenset(
    {"say", "declare", "reiterate", "conclude", "insist", "state", "tell", "stress", "warn",
     "add", "argue", "maintain", "demand", "write", "announce"}
)  # fmt: skip
RESTRICTIONS = frozenset(
    {"restriction", "curfew", "ban", "blockade", "embargo", "sanction", "siege", "closure",
     "limit", "control", "emergency", "law", "travel"}
)  # fmt: skip
_EASE_VERBS = frozenset({"lift", "ease", "cancel", "end", "relax", "shorten", "remove", "suspend"})
_FORCES = frozenset(
    {"troop", "soldier", "force", "unit", "battalion", "brigade", "division", "warship",
     "ship", "reinforcement", "contingent", "peacekeeper", "marine", "paratrooper"}
)  # fmt: skip
_AID = frozenset(
    {"aid", "food", "medicine", "supply", "material", "equipment", "weapon", "arm", "money",
     "fund", "ammunition", "assistance", "help", "relief", "grain", "fuel", "vaccine"}
)  # fmt: skip


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]


def construction(tok: Token) -> Trigger | None:
    """Return the category a multi-word construction gives ``tok``, if it is one."""
    if tok.pos_ not in {"NOUN", "VERB"}:
        return None  # most tokens are neither: their children need not be read
    lemma = tok.lemma_.lower()
    kids = {c.lower_ for c in tok.children}
    if tok.pos_ == "NOUN":
        head = tok.head
        if (
            lemma == "strike"
            and tok.dep_ == "dobj"
            and not kids & _WEAPON_KINDS
            and (
                head.lemma_.lower() in {"end", "suspend", "cancel", "abandon"}
                or (head.lemma_.lower() == "call" and any(c.lower_ == "off" for c in head.children))
            )
        ):
            return EASED  # "called off a four-day strike": a concession
        if (
            lemma == "strike"
            and not kids & _WEAPON_KINDS
            and (
                kids & _STRIKE_KINDS
                or tok.head.lemma_.lower() in _STRIKE_HEADS
                or (tok.dep_ == "pobj" and tok.head.lower_ == "on")
            )
        ):
            return LABOUR_STRIKE  # "hunger strike", "called off a strike", "went on strike"
        if lemma == "fire" and tok.head.lemma_.lower() == "set" and tok.dep_ == "dobj":
            return ARSON  # "set fire to the offices"
        if lemma == "law" and "martial" in kids:
            return MARTIAL_LAW
        if lemma == "protest" and tok.head.lemma_.lower() in {"lodge", "file", "deliver"}:
            return DIPLOMATIC_PROTEST  # "lodged an official protest with Albania"
        return None
    if tok.pos_ != "VERB":
        return None
    objects = _objects(tok)
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if any((lemma, p) in _PHRASAL for p in particles) and not any(
        o.lemma_.lower() in _WAYS for o in objects
    ):
        return REJECTED  # "ruled out talks", "turned down the offer" (not "turned down a road")
    if lemma == "blow" and "up" in kids and any(o.pos_ == "NOUN" for o in objects):
        return BLOWN_UP  # "blew up a bridge": charges set, property destroyed
    if (
        lemma == "block"
        and any(o.lemma_.lower() in _WAYS for o in objects)
        and not any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in _FORCES | _SECURITY or c.ent_type_)
            for c in tok.children
        )
    ):
        return BLOCKED  # "workers blocked the bridge"; troops or a state blocking a road: no
    if lemma in _EASE_VERBS and any(o.lemma_.lower() in RESTRICTIONS for o in objects):
        return EASED  # "lifted the curfew", "cancelled restrictions"
    if lemma == "cancel" and objects:
        return CANCELLED  # "cancelled a planned visit"
    if lemma == "send" and objects:
        if any(o.lemma_.lower() in _FORCES for o in objects):
            return SENT_FORCES
        if any(o.lemma_.lower() in _AID for o in objects):
            return SENT_AID
    if (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in _STATEMENT_HEADS
        and any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in tok.children)
    ):
        return MUST_REQUEST  # "declared that China must drop barriers"
    return None
