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
# Forms the small model lemmatises to another verb ("raped" -> "rap").
FORM_FIXES = {"raped": "rape"}
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
# "dropped two bombs on the town": munitions let fall from aircraft or drones.
DROPPED = Trigger("ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike", None)
_DROPPED_MUNITIONS = frozenset({"bomb", "munition", "explosive", "grenade", "mine", "shell"})
# "a journalist in Kakhovka disappeared": a person gone missing (not "the documents").
VANISHED = Trigger(
    "ASSAULT", "abduct", "Violence against civilians", "Abduction/forced disappearance", None
)
_PERSONS = frozenset(
    {"journalist", "activist", "mayor", "head", "official", "volunteer", "resident", "civilian",
     "man", "woman", "priest", "editor", "deputy", "councillor", "councilor", "teacher",
     "doctor", "director", "secretary", "chairman", "chairwoman", "farmer", "driver",
     "blogger", "reporter", "photographer", "student", "boy", "girl", "child", "person"}
)  # fmt: skip
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


# PLOVER's own reading of CAMEO (CAMEO2PLOVER): signing a formal agreement (057) and
# establishing relations (054) are SUPPORT; halting talks, mediation, relations or aid (161-165)
# and withdrawing peacekeepers, observers or envoys (166) are SANCTION; lifting a blockade or
# sanctions (085, 0872), declaring a truce (0871), receiving observers or peacekeepers (0861,
# 0862) and handing over people or property (084) are RETREAT; verbal defence is SUPPORT (052);
# raising forces or alert is MOBILIZE (151-154).
SIGNED = Trigger("SUPPORT", None, "Strategic developments", "Agreement", None)
TIES_MADE = Trigger("SUPPORT", None, None, None, None)
HALTED = Trigger("SANCTION", "withdraw", None, None, None)
RECALLED = Trigger("SANCTION", "expel", None, None, None)
RELIEVED = Trigger("RETREAT", "ease", None, None, None)
TRUCE = Trigger("RETREAT", "ceasefire", "Strategic developments", "Agreement", None)
ADMITTED = Trigger("RETREAT", "access", None, None, None)
HANDED_BACK = Trigger("RETREAT", "return", None, None, None)
DEFENDED = Trigger("SUPPORT", None, None, None, None)
BOLSTERED = Trigger("MOBILIZE", "troops", None, None, None)
RIOT = Trigger("PROTEST", "riot", "Riots", "Violent demonstration", None)
_PACTS = frozenset(
    {"treaty", "agreement", "accord", "pact", "deal", "protocol", "memorandum", "charter",
     "convention", "declaration", "communique", "armistice"}
)  # fmt: skip
_SETTLED = _PACTS | {
    "consensus", "understanding", "compromise", "settlement", "truce", "ceasefire", "agreement"
}  # fmt: skip
_TIES = frozenset({"tie", "relation", "relationship", "link", "contact", "embassy"})
_MAKE_TIES = frozenset({"establish", "restore", "resume", "upgrade", "normalize", "normalise"})
_TALKS = frozenset(
    {"talk", "negotiation", "mediation", "dialogue", "cooperation", "effort", "mission"}
)
_HALT_VERBS = frozenset(
    {"end", "halt", "stop", "suspend", "abandon", "quit", "freeze", "cut", "break", "sever",
     "prohibit", "withhold", "terminate", "downgrade", "reduce", "discontinue"}
)  # fmt: skip
_MISSIONS = frozenset(
    {"peacekeeper", "inspector", "observer", "monitor", "ambassador", "envoy", "diplomat",
     "mission", "staff", "personnel", "worker", "embassy"}
)  # fmt: skip
_PEACE = frozenset({"peacekeeping", "peace-keeping", "monitoring", "observer", "u.n.", "un"})
_RELIEF = frozenset({"blockade", "siege", "embargo", "sanction"})
_TRUCES = frozenset({"ceasefire", "truce", "cease-fire", "armistice"})
_DECLARE = frozenset({"declare", "announce", "proclaim", "observe", "order", "call"})
_RECEIVE = frozenset({"receive", "admit", "accept", "allow", "welcome", "let"})
_ACCESS = frozenset({"access", "delivery", "convoy", "corridor", "aid"})
_CRITICISM = frozenset({"criticism", "charge", "accusation", "allegation", "claim", "critic"})
_DEFENDED = frozenset(
    {"right", "decision", "policy", "action", "move", "record", "stance", "plan", "law",
     "measure", "choice", "statement", "remark", "conduct", "role", "approach"}
)  # fmt: skip
_RAISE = frozenset({"strengthen", "bolster", "boost", "increase", "double", "beef"})
_RAISED = frozenset({"presence", "security", "alert", "readiness", "patrol", "defence", "defense"})
_SIDE_DEPS = frozenset({"nsubj", "amod", "compound", "nmod"})
_PATROL_HEADS = frozenset(
    {"order", "step", "increase", "intensify", "mount", "conduct", "begin", "start", "boost",
     "stage", "deploy", "send", "launch"}
)  # fmt: skip
_STOP_WORK = frozenset({"stop", "down", "shun", "quit", "leave", "boycott", "lay"})
ACCEDED = Trigger("CONCEDE", None, None, None, None)
RELEASED = Trigger("RETREAT", "release", None, None, None)
CALLED_UP = Trigger("MOBILIZE", "troops", None, None, None)
RECEIVED_VISIT = Trigger("CONSULT", "visit", None, None, None)
FREED_GROUND = Trigger("ASSAULT", None, "Battles", "Government regains territory", None)
PUSHED_TO = Trigger("ASSAULT", None, "Battles", "Government regains territory", "MIL")
_PUSH = frozenset({"push", "advance", "press", "drive"})
_REACHED_GROUND = frozenset({"border", "outskirts", "crossing", "bank", "frontier"})


def _reaches(tok: Token) -> bool:
    """True when a push ends somewhere: "as far as the border", "into the town"."""
    after = tok.doc[tok.i + 1 : tok.i + 4]
    if " ".join(t.lower_ for t in after) == "as far as":
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"into", "to"}
        and any(
            g.dep_ == "pobj"
            and (g.ent_type_ in {"GPE", "LOC", "FAC"} or g.lemma_.lower() in _REACHED_GROUND)
            for g in c.children
        )
        for c in tok.children
    )


_CAPTIVES = frozenset(
    {"prisoner", "pow", "captive", "hostage", "detainee", "body", "soldier", "serviceman"}
)
SETTLED = Trigger("AGREE", None, "Strategic developments", "Agreement", None)
COMMITTED = Trigger("AGREE", None, None, None, None)
EVACUATED = Trigger("AID", "humanitarian", "Strategic developments", "Other", None)
PEACEKEEPING = Trigger("AID", "peacekeeping", None, None, None)
EXPELLED_PEOPLE = Trigger("ASSAULT", "cleansing", None, None, None)
DRILL = Trigger("MOBILIZE", "troops", None, None, None)
JOINT_DRILL = Trigger("COOPERATE", "military", None, None, None)
_ACCEDE = frozenset({"accept", "meet", "grant", "heed", "satisfy", "fulfil", "fulfill"})
_PEOPLE = frozenset(
    {"civilian", "people", "resident", "refugee", "wounded", "family", "villager", "child",
     "patient", "inhabitant", "population", "citizen", "national", "woman", "injured"}
)  # fmt: skip
_DRILLS = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "manoeuvres", "maneuvers"})
_MISSILES = frozenset(
    {"stone", "rock", "molotov", "bottle", "brick", "petrol", "firebomb", "cocktail", "egg"}
)  # fmt: skip


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]


def _names_mission(obj: Token) -> bool:
    """True for "observers", "the peacekeeping force", "a mission of observers"."""
    lemma = obj.lemma_.lower()
    if lemma in _MISSIONS:
        return True
    if any(c.lower_ in _PEACE for c in obj.children if c.dep_ in {"amod", "compound"}):
        return True
    return any(g.lemma_.lower() in _MISSIONS for g in _of_objects(obj))


def _of_objects(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]


def _names_peacekeepers(tok: Token) -> bool:
    """True for "peacekeepers", "peacekeeping troops", "a deployment of peacekeeping troops"."""
    if tok.lemma_.lower() == "peacekeeper":
        return True
    if any(c.lower_ in _PEACE - {"u.n.", "un"} for c in tok.children):
        return True
    return any(_names_peacekeepers(g) for g in _of_objects(tok))


def _drill(tok: Token) -> Trigger | None:
    """Military exercises: joint ones are cooperation (062), one side's a show of force (150)."""
    lemma = tok.lemma_.lower()
    kids = {c.lower_ for c in tok.children}
    if not (
        (lemma in _DRILLS and kids & {"military", "joint", "naval"})
        or (lemma == "game" and "war" in kids)
    ):
        return None
    if "joint" in kids:
        return JOINT_DRILL
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    # "Russia and Belarus held ...", "French and Egyptian warships launched ...": two sides.
    sides = [t for t in (subj, *subj.children) if t.dep_ in _SIDE_DEPS] if subj else []
    two = any(c.dep_ == "conj" for t in sides for c in t.children)
    return JOINT_DRILL if two else DRILL


def _raised_guard(tok: Token, lemma: str, kids: set[str]) -> bool:
    """True for a raised alert or ordered patrols; not an air-raid alert or a patrol attacked."""
    head = tok.head.lemma_.lower()
    if lemma == "alert":
        if kids & {"air", "raid", "missile", "siren", "rocket"}:
            return False
        return (tok.dep_ == "pobj" and head == "on") or (
            tok.dep_ == "dobj" and head in {"raise", "declare", "heighten", "increase", "put"}
        )
    return lemma == "patrol" and tok.dep_ == "dobj" and head in _PATROL_HEADS


def covers_object(trig: Trigger | None) -> bool:
    """True for a construction whose object noun is no event of its own.

    "lifted the curfew", "signed a treaty", "ended mediation efforts": the verb is the event.
    """
    return any(trig is t for t in _COVERING)


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
        drill = _drill(tok)
        if drill is not None:
            return drill  # "launched ten days of war games", "joint exercises"
        if _raised_guard(tok, lemma, kids):
            return BOLSTERED  # "troops remained on alert", "ordered patrols by police"
        if lemma == "law" and "martial" in kids:
            return MARTIAL_LAW
        if lemma in _TRUCES and tok.dep_ == "dobj" and head.lemma_.lower() in _DECLARE:
            return TRUCE  # "declared a unilateral ceasefire": a truce, not an agreement
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
    if lemma == "drop" and any(o.lemma_.lower() in _DROPPED_MUNITIONS for o in objects):
        return DROPPED  # "dropped cluster bombs on the village" (not "dropped the charges")
    if lemma == "disappear" and any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _PERSONS)
        for c in tok.children
    ):
        return VANISHED
    if (
        lemma == "block"
        and any(o.lemma_.lower() in _WAYS for o in objects)
        and not any(
            c.dep_ == "nsubj"
            and (c.lemma_.lower() in _FORCES | _SECURITY or c.ent_type_ in {"GPE", "ORG"})
            for c in tok.children
        )
    ):
        return BLOCKED  # "Algerians blocked roads"; troops or a named state blocking one: no
    lemmas = {o.lemma_.lower() for o in objects}
    if lemma in _EASE_VERBS and lemmas & _RELIEF:
        return RELIEVED  # "lifted the blockade", "eased sanctions": a military/economic retreat
    if lemma in _EASE_VERBS and lemmas & RESTRICTIONS:
        return EASED  # "lifted the curfew", "cancelled restrictions"
    if lemma in {"reach", "strike", "conclude", "clinch", "broker"} and lemmas & _SETTLED:
        return SETTLED  # "reached a consensus", "struck a deal": not an advance
    if lemma == "sign" and lemmas & _PACTS:
        return SIGNED  # "signed a treaty of friendship"
    if lemma in _MAKE_TIES and lemmas & _TIES:
        return TIES_MADE  # "established diplomatic ties"
    if lemma in _HALT_VERBS and lemmas & (_TALKS | _TIES | _AID):
        return HALTED  # "ended mediation efforts", "halted economic aid", "cut ties"
    if lemma in {"withdraw", "recall", "pull"} and any(_names_mission(o) for o in objects):
        return RECALLED  # "will withdraw weapons inspectors", "recalled its ambassador"
    if lemma == "deny" and lemmas & {"entry", "visa"}:
        return RECALLED  # "would deny entry to all individuals undermining stability"
    if (any(_names_mission(o) for o in objects) and lemma in _RECEIVE) or (
        lemma in {"allow", "let", "permit"} and lemmas & _ACCESS
    ):
        return ADMITTED  # "received a mission of observers", "allowed aid deliveries"
    if lemma in {"hand", "send"}:
        lemmas |= {g.lemma_.lower() for o in objects for g in _of_objects(o)}  # "700 kg of X"
    if lemma == "hand" and "over" in kids and objects:
        return SENT_AID if lemmas & _AID else HANDED_BACK  # "handed over medicine / prisoners"
    if lemma in _ACCEDE and lemmas & {"demand", "request", "condition"}:
        return ACCEDED  # "accepted demands from the rebels that it initiate reforms"
    if lemma == "return" and objects and not lemmas & {"fire", "favour", "favor", "call"}:
        return HANDED_BACK  # "will return weapons seized last year"
    if lemma == "evacuate" and lemmas & _PEOPLE:
        return EVACUATED  # "helicopters evacuated the wounded"
    if lemma == "arrive" and any(
        _names_peacekeepers(c) for c in tok.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"}
    ):
        return PEACEKEEPING  # "peacekeeping troops arrived in Bosnia"
    if lemma == "force" and "out" in kids and objects and not lemmas & _FORCES:
        # "forced 1,000 refugees out of their homes"; "forced the UN agency out of the country"
        return EXPELLED_PEOPLE if lemmas & _PEOPLE else RECALLED
    if lemma in {"exchange", "swap", "trade"} and lemmas & _CAPTIVES:
        return RELEASED  # "exchanged 50 prisoners of war" (0841 return, release persons)
    if lemma == "call" and "up" in particles and objects:
        return CALLED_UP  # "called up 300,000 reservists"
    if lemma == "close" and lemmas & {"embassy", "consulate", "mission"}:
        return RECALLED  # "closed its embassy in Kyiv" (161 reduce diplomatic relations)
    if lemma == "receive" and any(o.ent_type_ == "PERSON" for o in objects):
        return RECEIVED_VISIT  # "Putin received Lukashenko in Sochi" (043 host a visit)
    if lemma == "free" and any(
        o.lemma_.lower() in GROUND_NOUNS or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects
    ):
        return FREED_GROUND  # "freed the town": liberated, not a release
    if lemma in _PUSH and _reaches(tok):
        return PUSHED_TO  # "pushed as far as the border", "advanced into Kupiansk": ground taken
    if (
        lemma == "commit"
        and not objects
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    ):
        return COMMITTED  # "is committed to opening up the economy"
    if lemma == "defend" and _verbal_defence(tok, objects):
        return DEFENDED  # "defended the decision", "defended Iraq against criticism"
    if lemma in _RAISE and (lemmas & (_FORCES | _RAISED)):
        return BOLSTERED  # "strengthened its forces in Lebanon"
    if lemma in _STOP_WORK and "work" in lemmas:
        return LABOUR_STRIKE  # "stopped work", "shunned work"
    if lemma in {"throw", "hurl"} and lemmas & _MISSILES:
        return RIOT  # "threw stones at police"
    if lemma == "cancel" and objects:
        return CANCELLED  # "cancelled a planned visit"
    if lemma == "send" and objects:
        if any(o.lemma_.lower() in _FORCES for o in objects):
            return SENT_FORCES
        if lemmas & _AID:
            return SENT_AID
    if (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in _STATEMENT_HEADS
        and any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in tok.children)
    ):
        return MUST_REQUEST  # "declared that China must drop barriers"
    return None


def _verbal_defence(tok: Token, objects: list[Token]) -> bool:
    """True for a defence in words: of a decision or a person, or against criticism."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lemma_.lower() in _FORCES | _SECURITY:
        return False  # "troops defended the town"
    against = {
        g.lemma_.lower()
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "against"
        for g in c.children
    }
    if against & _CRITICISM:
        return True
    return any(o.lemma_.lower() in _DEFENDED or o.ent_type_ == "PERSON" for o in objects)


_COVERING = (
    EASED, RELIEVED, SIGNED, TIES_MADE, HALTED, RECALLED, ADMITTED, HANDED_BACK, SENT_AID,
    ACCEDED, EVACUATED, EXPELLED_PEOPLE,
)  # fmt: skip
