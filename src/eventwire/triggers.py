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
LEMMA_FIXES = {
    "retook": "retake", "shelled": "shell", "overran": "overrun", "downed": "down",
    "stag": "stage", "rag": "rage", "wag": "wage",  # "staged", "raged", "waged"
}  # fmt: skip
# Forms the small model lemmatises to another verb ("raped" -> "rap").
FORM_FIXES = {"raped": "rape"}
# The lemmas a slip leaves ("rap" for "raped"): only these need a second look.
_SLIPS = frozenset(LEMMA_FIXES) | {"rap"}


def base(tok: Token) -> str:
    """Return the lemma of ``tok``, with the lemmatizer's known verb slips mended."""
    lemma = tok.lemma_.lower()
    if lemma not in _SLIPS or tok.pos_ not in {"VERB", "AUX"}:
        return lemma  # the common case: one set look-up
    return FORM_FIXES.get(tok.lower_) or LEMMA_FIXES.get(lemma, lemma)


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
    ) or any(  # "calling for the government to resign" (parsed: for ... to resign)
        c.dep_ in {"advcl", "ccomp"}
        and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        for c in tok.children
    )  # "On 15 April, X called the attack a crime": a date, not an addressee


def takes_spoils(tok: Token) -> bool:
    """True when what was captured is equipment or people, not a place."""
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    return bool(objs) and all(base(o) in SPOILS for o in objs)


def takes_ground(tok: Token) -> bool:
    """True for "took the village of X", "gained control over X", "took Kherson"."""
    for c in tok.children:
        if c.dep_ != "dobj":
            continue
        if base(c) in GROUND_NOUNS or (c.pos_ == "PROPN" and c.ent_type_ == "GPE"):
            return True
        if c.pos_ == "PROPN" and any(p.lower_ == "over" for p in tok.children):
            return True  # "took over Starobilsk": a named place taken over
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
    lemma = base(tok)
    out = [f"w:{lemma}"]
    head = tok.head
    if tok.pos_ in {"VERB", "NOUN"} and tok.dep_ in _MODEL_DEPS and not head.ent_type_:
        out.append(f"hd:{base(head)}>{lemma}")
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
        if base(t) not in RULED_LEMMAS
        for f in token_features(t)
        if not (f.startswith("hd:") and base(t.head) in RULED_LEMMAS)
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
_PHRASAL = frozenset(
    {("rule", "out"), ("turn", "down"), ("vote", "down"), ("brush", "aside"), ("brush", "off"),
     ("shrug", "off"), ("wave", "aside"), ("wave", "away"), ("wave", "off")}
)  # fmt: skip
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
     "ship", "reinforcement", "contingent", "peacekeeper", "marine", "paratrooper", "carrier",
     "destroyer", "frigate", "submarine", "warplane", "bomber", "artillery", "tank"}
)  # fmt: skip
_AID = frozenset(
    {"aid", "food", "medicine", "supply", "material", "equipment", "weapon", "arm", "money",
     "tent", "blanket", "clothing", "water", "drug", "wheat", "rice", "flour", "maize",
     "tonne", "ton", "adviser", "advisor", "instructor", "doctor", "medic",
     "fund", "ammunition", "assistance", "help", "relief", "grain", "fuel", "vaccine",
     "shelter", "asylum", "refuge", "sanctuary"}
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
     "prohibit", "withhold", "terminate", "downgrade", "reduce", "discontinue", "slash",
     "curtail"}
)  # fmt: skip
_MISSIONS = frozenset(
    {"peacekeeper", "inspector", "observer", "monitor", "ambassador", "envoy", "diplomat",
     "mission", "staff", "personnel", "worker", "embassy"}
)  # fmt: skip
_BODIES = frozenset(
    {"force", "mission", "team", "troop", "contingent", "operation", "personnel", "unit",
     "delegation", "staff", "presence", "soldier", "battalion"}
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
_RAISE = frozenset({"strengthen", "bolster", "boost", "increase", "double", "beef", "tighten"})
_RAISED = frozenset({"presence", "security", "alert", "readiness", "patrol", "defence", "defense"})
_SIDE_DEPS = frozenset({"nsubj", "amod", "compound", "nmod"})
_PATROL_HEADS = frozenset(
    {"order", "step", "increase", "intensify", "mount", "conduct", "begin", "start", "boost",
     "stage", "deploy", "send", "launch"}
)  # fmt: skip
_STOP_WORK = frozenset({"stop", "down", "shun", "quit", "leave", "boycott", "lay"})
ACCEDED = Trigger("CONCEDE", None, None, None, None)
SIT_IN = Trigger("PROTEST", "demo", "Protests", "Peaceful protest", None)
MARCHED = Trigger("PROTEST", "demo", "Protests", "Peaceful protest", None)
VOICED_SUPPORT = Trigger("SUPPORT", None, None, None, None)
PHONED = Trigger("CONSULT", "phone", None, None, None)
BANNED = Trigger("COERCE", "ban", None, None, None)
_CONCERN = frozenset({"concern", "regret", "dismay", "outrage", "anger", "alarm", "disappointment"})
_INTENT_NOUNS = frozenset({"intention", "plan", "desire", "wish", "interest"})
_BACKING = frozenset(
    {"support", "solidarity", "backing", "sympathy", "approval", "gratitude", "satisfaction"}
)
_VOICE = frozenset({"express", "voice", "reaffirm", "reiterate", "declare", "offer", "extend"})
_PHONE_VERBS = frozenset({"speak", "talk", "confer", "chat"})
_BOW = frozenset({"bow", "yield", "give", "cave", "accede", "submit", "succumb", "heed"})
_DEMANDS = frozenset({"demand", "request", "call", "condition", "appeal"})
_RIOT_ACTS = frozenset(
    {"loot", "burn", "torch", "set", "smash", "storm", "vandalize", "vandalise", "ransack",
     "attack", "clash", "throw", "hurl", "pelt"}
)  # fmt: skip
_CROWDS = frozenset(
    {"rioter", "protester", "protestor", "demonstrator", "mob", "crowd", "striker", "supporter",
     "marcher"}
)  # fmt: skip
_BANNED = frozenset(
    {"party", "organization", "organisation", "group", "movement", "rally", "demonstration",
     "protest", "gathering", "opposition", "union", "association", "newspaper"}
)  # fmt: skip
_MOVE_VERBS = frozenset(
    {"send", "dispatch", "move", "station", "redeploy", "transfer", "rush", "airlift"}
)
EXTRADITED = Trigger("COOPERATE", "legal", None, None, None)
FOUND_GUILTY = Trigger("ACCUSE", "disapprove", None, None, None)
BOYCOTT = Trigger("PROTEST", "boycott", None, None, None)
DETAINED = Trigger("COERCE", "arrest", None, None, None)
_VISITORS = frozenset(
    {"president", "minister", "premier", "king", "delegation", "envoy", "counterpart",
     "ambassador", "leader", "chancellor", "emir", "prince", "secretary"}
)  # fmt: skip
_JUSTICE = frozenset({"authority", "police", "court", "tribunal", "prosecutor", "justice"})
_GIVE_VERBS = frozenset(
    {"give", "fly", "ship", "airlift", "donate", "allocate", "transfer", "pledge", "dispatch",
     "send", "deliver", "provide", "distribute", "hand", "airdrop", "offer", "grant"}
)  # fmt: skip
_MONEY = frozenset({"euro", "dollar", "pound", "yen", "franc", "fund", "money", "cash"})
_RELIEF_KINDS = frozenset({"medical", "humanitarian", "relief", "food", "emergency"})
RALLIED = Trigger("SUPPORT", None, None, None, None)
DISARMED = Trigger("RETREAT", "disarm", None, None, None)
_GATHER = frozenset({"gather", "fill", "converge", "assemble", "flood", "pour", "chant"})
_UNDO = frozenset(
    {"withdraw", "scrap", "drop", "repeal", "rescind", "revoke", "shelve", "abandon", "annul"}
)
_POLICIES = frozenset(
    {"reform", "law", "bill", "plan", "decree", "proposal", "measure", "tax", "charge", "rule",
     "regulation", "policy", "order", "legislation", "amendment", "increase", "hike"}
)  # fmt: skip
CLOSED_BORDER = Trigger("COERCE", "restrict", None, None, None)
_CROSSINGS = frozenset(
    {"border", "frontier", "crossing", "airspace", "port", "checkpoint", "strait", "waterway",
     "canal"}
)  # fmt: skip
_POSTS = frozenset({"position", "base", "post", "outpost", "garrison", "trench", "stronghold"})
SUICIDE_BOMB = Trigger(
    "ASSAULT", "suicide-attack", "Explosions/Remote violence", "Suicide bomb", None
)
_STAGE_VERBS = frozenset({"stage", "hold", "organize", "organise", "lead", "join", "call"})
_MEETINGS = frozenset(
    {"talk", "negotiation", "meeting", "conference", "summit", "dialogue", "consultation",
     "mediation", "discussion", "session"}
)  # fmt: skip
NOT_AN_EVENT = Trigger("OTHER", None, None, None, None)
POLICE_RAID = Trigger("COERCE", "arrest", None, None, None)
# A raid by armed men is a clash on the ground (an air raid is a noun, coded apart).
RAIDED = Trigger("ASSAULT", None, "Battles", "Armed clash", None)
_POSTS_HELD = frozenset(
    {"minister", "official", "general", "commander", "head", "chief", "governor", "director",
     "cabinet", "government", "premier", "mayor", "judge", "prosecutor", "ambassador"}
)  # fmt: skip
_WORKERS = frozenset(
    {"worker", "miner", "docker", "dockworker", "employee", "teacher", "doctor", "nurse",
     "driver", "union", "staff", "pilot", "farmer", "lorry", "trucker", "railworker"}
)  # fmt: skip
HELD_RESPONSIBLE = Trigger("ACCUSE", "allege", None, None, None)
SEIZED = Trigger("COERCE", "seize", None, None, None)
DEPORTED = Trigger("COERCE", "deport", None, None, None)
SHARED = Trigger("COOPERATE", "intelligence", None, None, None)
_SCOURGES = frozenset(
    {"terrorism", "terror", "crime", "corruption", "drug", "trafficking", "poverty", "disease",
     "virus", "epidemic", "inflation", "extremism", "smuggling", "piracy", "fraud", "hunger"}
)  # fmt: skip
_FOREIGNERS = frozenset(
    {"worker", "journalist", "migrant", "immigrant", "foreigner", "national", "alien",
     "missionary", "student", "correspondent", "reporter", "refugee", "activist"}
)  # fmt: skip
_INTELLIGENCE = frozenset({"intelligence", "information", "data", "expertise", "know-how"})
RECEIVED_AID = Trigger("AID", None, None, None, None)
# "rockets rained down on the town", "shells landed near the school": the munition is the doer.
MUNITIONS_FELL = Trigger(
    "ASSAULT",
    "heavy-weapons",
    "Explosions/Remote violence",
    "Shelling/artillery/missile attack",
    None,
)
_MUNITIONS = frozenset(
    {"rocket", "missile", "shell", "mortar", "projectile", "bomb", "artillery", "munition"}
)
_FALL_VERBS = frozenset({"rain", "slam", "crash", "land", "fall", "smash", "plough", "plow"})
# "reinforcements poured into the province", "thousands of fighters gathered outside the city"
_ARRIVE_VERBS = frozenset(
    {"pour", "arrive", "mass", "gather", "converge", "roll", "stream", "assemble", "flow"}
)
_FIGHTERS = frozenset({"fighter", "militiaman", "tank", "militia", "army", "column", "armour"})
# "pressed the junta to release ...", "urged on": pressure on another to act.
_PRESS_VERBS = frozenset({"press", "push", "pressure", "pressurise", "pressurize", "lobby"})
_FOOTINGS = frozenset({"footing", "standby", "alert", "readiness"})
RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "accept", "secure", "win"})
WANTED = Trigger("REQUEST", None, None, None, None)
ULTIMATUM = Trigger("THREATEN", "relations", None, None, None)
_LAUNCHED_PLANS = frozenset(
    {"appeal", "website", "site", "initiative", "program", "programme", "project", "bid",
     "drive", "scheme", "service", "petition", "review", "reform", "fund", "plan", "app",
     "platform", "channel", "newspaper", "book", "report", "tender", "product"}
)  # fmt: skip
UNDER_FIRE = Trigger("ASSAULT", "firearms", None, None, None)
BARRED = Trigger("COERCE", "restrict", None, None, None)
_CROWD_EVENTS = frozenset(
    {"rally", "protest", "demonstration", "march", "gathering", "crowd", "sit-in", "meeting"}
)
_WARS = frozenset({"war", "battle", "combat", "offensive", "attack", "invasion", "conflict"})
_MEMBERSHIPS = _PACTS | {
    "talk", "negotiation", "organisation", "organization", "alliance", "tournament", "union",
    "league", "coalition", "government", "council", "process", "election", "commission",
    "conference", "games", "olympics", "body", "federation", "bloc", "parliament"
}  # fmt: skip
_FORCE_MEANS = frozenset(
    {"force", "violence", "gas", "cannon", "baton", "bullet", "truncheon", "grenade"}
)
_DOCUMENTS = frozenset(
    {"video", "statement", "report", "footage", "image", "photo", "picture", "document",
     "figure", "data", "list", "recording", "tape", "communique", "letter", "book", "film",
     "result", "detail", "map", "audio", "album", "song", "record", "study", "survey"}
)  # fmt: skip
_DEVICES = frozenset({"bomb", "explosive", "device", "charge", "mine", "grenade"})
_BARRIERS = frozenset({"roadblock", "checkpoint", "barricade", "barrier", "blockade"})
SET_OFF = Trigger(
    "ASSAULT",
    "explosives",
    "Explosions/Remote violence",
    "Remote explosive/landmine/IED",
    None,
)
_SHELTERS = frozenset({"camp", "shelter", "hospital", "clinic", "kitchen", "centre", "center"})
USED_FORCE = Trigger("COERCE", "repression", None, None, None)
JOINT_ACT = Trigger("COOPERATE", None, None, None, None)
TOOK_PART = Trigger("CONSULT", None, None, None, None)
HUNGER_STRIKE = Trigger("PROTEST", "hunger", None, None, None)
_SELVES = frozenset({"himself", "herself", "themselves", "itself"})
_COMMITMENT = frozenset({"commitment", "readiness", "willingness", "intention", "determination"})
_JOINT_ACTS = frozenset(
    {"patrol", "operation", "investigation", "inquiry", "probe", "venture", "project",
     "effort", "mission", "force", "program", "programme", "search", "campaign"}
)  # fmt: skip
_GUARD_VERBS = frozenset({"protect", "guard", "escort", "patrol", "secure", "monitor"})
_FREEDOMS = frozenset({"freedom", "right", "liberty", "independence"})
_PROPERTY = frozenset(
    {"home", "house", "building", "village", "shop", "office", "church", "mosque", "school",
     "car", "vehicle", "hut", "crop", "field"}
)  # fmt: skip
SOUGHT = Trigger("REQUEST", None, None, None, None)
PULLED_BACK = Trigger("RETREAT", None, None, None, None)
MEDIA_CURBED = Trigger("COERCE", "restrict", None, None, None)
_CURB_VERBS = frozenset(
    {"ban", "suspend", "close", "shut", "block", "outlaw", "censor", "restrict", "cut"}
)
_MEDIA = frozenset(
    {"newspaper", "paper", "publication", "broadcast", "broadcaster", "broadcasting", "channel",
     "station", "radio", "television", "tv", "website", "outlet", "media", "magazine", "daily",
     "internet", "site", "platform", "medium"}
)  # fmt: skip
_EMERGENCY = frozenset({"emergency", "siege"})
_CHARTERS = frozenset({"constitution", "parliament", "legislature", "assembly"})
_OFFICES = frozenset(
    {"ministry", "government", "embassy", "ambassador", "minister", "spokesman", "spokeswoman",
     "spokesperson", "president", "office", "consulate", "envoy", "mission", "state"}
)  # fmt: skip
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
    lemma = base(obj)
    if lemma in _MISSIONS:
        return True
    if lemma in _BODIES and any(
        c.lower_ in _PEACE for c in obj.children if c.dep_ in {"amod", "compound"}
    ):
        return True  # "the UN force", "a monitoring team"; not "the UN resolution"
    return any(base(g) in _MISSIONS for g in _of_objects(obj))


def _of_objects(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]


def _names_peacekeepers(tok: Token) -> bool:
    """True for "peacekeepers", "peacekeeping troops", "a deployment of peacekeeping troops"."""
    if base(tok) == "peacekeeper":
        return True
    if any(c.lower_ in _PEACE - {"u.n.", "un"} for c in tok.children):
        return True
    return any(_names_peacekeepers(g) for g in _of_objects(tok))


def _drill(tok: Token) -> Trigger | None:
    """Military exercises: joint ones are cooperation (062), one side's a show of force (150)."""
    lemma = base(tok)
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
    head = base(tok.head)
    if lemma == "alert":
        if kids & {"air", "raid", "missile", "siren", "rocket"}:
            return False
        return (tok.dep_ == "pobj" and head == "on") or (
            tok.dep_ == "dobj" and head in {"raise", "declare", "heighten", "increase", "put"}
        )
    return lemma == "patrol" and tok.dep_ == "dobj" and base(tok.head) in _PATROL_HEADS


def covers_object(trig: Trigger | None) -> bool:
    """True for a construction whose object noun is no event of its own.

    "lifted the curfew", "signed a treaty", "ended mediation efforts": the verb is the event.
    """
    return any(trig is t for t in _COVERING)


def construction(tok: Token) -> Trigger | None:
    """Return the category a multi-word construction gives ``tok``, if it is one."""
    if tok.pos_ not in {"NOUN", "VERB"}:
        return None  # most tokens are neither: their children need not be read
    lemma = base(tok)
    kids = {c.lower_ for c in tok.children}
    if tok.pos_ == "NOUN":
        head = tok.head
        if (
            lemma == "strike"
            and tok.dep_ == "dobj"
            and not kids & _WEAPON_KINDS
            and (
                base(head) in {"end", "suspend", "cancel", "abandon"}
                or (base(head) == "call" and any(c.lower_ == "off" for c in head.children))
            )
        ):
            return EASED  # "called off a four-day strike": a concession
        if (
            lemma == "strike"
            and not kids & _WEAPON_KINDS
            and (
                kids & _STRIKE_KINDS
                or base(tok.head) in _STRIKE_HEADS
                or (tok.dep_ == "pobj" and tok.head.lower_ == "on")
            )
        ):
            return LABOUR_STRIKE  # "hunger strike", "called off a strike", "went on strike"
        if lemma in {"fire", "attack", "shelling", "bombardment"} and (
            tok.dep_ == "pobj" and tok.head.lower_ == "under" and base(tok.head.head) == "come"
        ):
            # "their patrol came under fire": an attack, its kind (ACLED's) unsaid
            return UNDER_FIRE if lemma == "fire" else None
        if lemma == "fire" and base(tok.head) == "set" and tok.dep_ == "dobj":
            return ARSON  # "set fire to the offices"
        if lemma == "march" and (
            kids & {"protest", "silent", "peaceful", "mass"} or base(head) in _STAGE_VERBS
        ):
            return MARCHED  # "staged a silent march through the city centre"
        if (
            tok.dep_ == "dobj"
            and base(head) in RECEIVE_VERBS
            and ({lemma} | {base(g) for g in _of_objects(tok)}) & (_AID | _MONEY)
        ):
            return RECEIVED_AID  # "received 40 tonnes of relief supplies from China"
        if "joint" in kids and lemma in _JOINT_ACTS:
            return JOINT_ACT  # "joint patrols", "a joint investigation" (06)
        drill = _drill(tok)
        if drill is not None:
            return drill  # "launched ten days of war games", "joint exercises"
        if _raised_guard(tok, lemma, kids):
            return BOLSTERED  # "troops remained on alert", "ordered patrols by police"
        if lemma == "law" and "martial" in kids:
            return MARTIAL_LAW
        if lemma in _TRUCES and tok.dep_ == "dobj" and base(head) in _DECLARE:
            return TRUCE  # "declared a unilateral ceasefire": a truce, not an agreement
        if lemma == "protest" and base(tok.head) in {"lodge", "file", "deliver"}:
            return DIPLOMATIC_PROTEST  # "lodged an official protest with Albania"
        if lemma == "state" and any(base(g) in _EMERGENCY for g in _of_objects(tok)):
            return MARTIAL_LAW  # "declared a state of emergency" (1724)
        if lemma == "in" and "sit" in kids:
            return SIT_IN  # "staged a sit-in" (parsed sit / - / in)
        if lemma in _BACKING and tok.dep_ == "dobj" and base(head) in _VOICE:
            return VOICED_SUPPORT  # "expressed its full support for the plan" (051)
        if lemma in _CONCERN and tok.dep_ == "dobj" and base(head) in _VOICE:
            return DIPLOMATIC_PROTEST  # "expressed concern over the arrests" (110)
        if lemma in _INTENT_NOUNS and "no" in kids and tok.dep_ == "dobj":
            return REJECTED  # "had no intention of lifting the state of emergency"
        if lemma in _COMMITMENT and tok.dep_ == "dobj" and base(head) in _VOICE:
            return COMMITTED  # "expressed their commitment to a settlement" (03)
        return None
    if tok.pos_ != "VERB":
        return None
    objects = _objects(tok)
    particles = {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod"}}
    if any((lemma, p) in _PHRASAL for p in particles) and not any(
        base(o) in _WAYS for o in objects
    ):
        return REJECTED  # "ruled out talks", "turned down the offer" (not "turned down a road")
    if lemma == "blow" and "up" in kids and any(o.lower_ in _SELVES for o in objects):
        return SUICIDE_BOMB  # "a suicide bomber blew himself up in a market" (1831)
    if lemma == "blow" and "up" in kids and any(o.pos_ == "NOUN" for o in objects):
        return BLOWN_UP  # "blew up a bridge": charges set, property destroyed
    if lemma == "drop" and any(base(o) in _DROPPED_MUNITIONS for o in objects):
        return DROPPED  # "dropped cluster bombs on the village" (not "dropped the charges")
    if lemma == "disappear" and any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or base(c) in _PERSONS) for c in tok.children
    ):
        return VANISHED
    if (
        lemma in {"block", "barricade"}
        and any(base(o) in _WAYS for o in objects)
        and not any(
            c.dep_ == "nsubj" and (base(c) in _FORCES | _SECURITY or c.ent_type_ in {"GPE", "ORG"})
            for c in tok.children
        )
    ):
        return BLOCKED  # "Algerians blocked roads"; troops or a named state blocking one: no
    if lemma == "protest" and _verbal_protest(tok):
        return DIPLOMATIC_PROTEST  # "the ministry protested that ...", "protested to Russia"
    lemmas = {base(o) for o in objects}
    if lemma in _CURB_VERBS and _names_media(objects):
        return MEDIA_CURBED  # "banned two television channels", "suspend publication"
    if (
        lemma in {"suspend", "dissolve", "abolish"}
        and (lemmas | {base(g) for o in objects for g in _of_objects(o)}) & _CHARTERS
    ):
        return MEDIA_CURBED  # "suspended the constitution": rule by decree (172)
    if tok.dep_ == "csubj" and _out_of_question(tok.head):
        return REJECTED  # "lifting the embargo is out of the question"
    if lemma in _EASE_VERBS and "state" in lemmas:
        lemmas |= {base(g) for o in objects for g in _of_objects(o)}  # of emergency
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
    if (lemma in {"withdraw", "recall", "pull"} or (lemma == "ship" and "out" in kids)) and any(
        _names_mission(o) for o in objects
    ):
        return RECALLED  # "will withdraw weapons inspectors", "recalled its ambassador"
    if lemma == "deny" and lemmas & {"entry", "visa"}:
        return RECALLED  # "would deny entry to all individuals undermining stability"
    if (
        any(_names_mission(o) and base(o) not in _VISITORS for o in objects) and lemma in _RECEIVE
    ) or (lemma in {"allow", "let", "permit"} and lemmas & _ACCESS):
        return ADMITTED  # "received a mission of observers", "allowed aid deliveries"
    if lemma in {"hand", "send"}:
        lemmas |= {base(g) for o in objects for g in _of_objects(o)}  # "700 kg of X"
    if (
        lemma in {"hand", "turn"}
        and kids & {"over", "in"}
        and lemmas & {"weapon", "arm", "ammunition"}
        and not _state_subject(tok)
    ):
        return DISARMED  # "the militia handed over its weapons to the peacekeepers" (0873)
    if lemma in {"hand", "turn"} and kids & {"over", "back"} and objects:
        if lemmas & (_PEOPLE | {"suspect", "militant", "fugitive"}) and _to_objects(tok) & _JUSTICE:
            return EXTRADITED  # "handed the suspects over to the Iraqi authorities" (063)
        return SENT_AID if lemmas & _AID else HANDED_BACK  # "handed over medicine / prisoners"
    if lemma in _ACCEDE and lemmas & {"demand", "request", "condition"}:
        return ACCEDED  # "accepted demands from the rebels that it initiate reforms"
    if lemma == "return" and objects and not lemmas & {"fire", "favour", "favor", "call"}:
        return HANDED_BACK  # "will return weapons seized last year"
    if (
        lemma == "evacuate"
        and (
            lemmas
            | {o.lower_ for o in objects}
            | {base(g) for o in objects for g in _of_objects(o)}
        )
        & _PEOPLE
    ):
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
    if lemma == "receive" and any(o.ent_type_ == "PERSON" or base(o) in _VISITORS for o in objects):
        return RECEIVED_VISIT  # "Putin received Lukashenko in Sochi" (043 host a visit)
    if lemma == "free" and any(
        base(o) in GROUND_NOUNS or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects
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
    if lemma in _STOP_WORK and lemmas & {"work", "tool"}:
        return LABOUR_STRIKE  # "stopped work", "shunned work"
    if lemma in {"throw", "hurl"} and lemmas & _MISSILES:
        return RIOT  # "threw stones at police"
    if lemma in _PHONE_VERBS and _talked_with(tok):
        return PHONED  # "spoke by telephone with his counterpart" (040, 041)
    bowed_to = _to_objects(tok) | {base(c) for c in tok.children if c.dep_ == "xcomp"}
    if lemma in _BOW and bowed_to & (_DEMANDS | {"pressure"}):
        return ACCEDED  # "bowed to opposition demands" (083)
    if lemma == "march" and not _armed_subject(tok):
        return MARCHED  # "thousands marched through the capital"; not troops marching
    if lemma in _RIOT_ACTS and _crowd_subject(tok):
        return RIOT  # "rioters set fire to cars", "protesters stormed the building" (145)
    if lemma in {"ban", "outlaw"} and lemmas & _BANNED:
        return BANNED  # "banned all political parties" (1722)
    if lemma in _MOVE_VERBS and any(base(o) in _FORCES for o in objects):
        if any(_names_peacekeepers(c) or _names_mission(c) for c in _to_tokens(tok)):
            return PEACEKEEPING  # "sending troops to the peacekeeping force" (074)
        return SENT_FORCES  # "moved two warships into the disputed waters"
    if lemma in _GIVE_VERBS and objects and _aid_objects(objects, lemmas):
        return SENT_AID  # "gave 20 million euros to the agency", "flew medical teams in"
    if lemma == "find" and any(c.lower_ == "guilty" for c in tok.children):
        return FOUND_GUILTY  # "found the former general guilty of war crimes" (116)
    if lemma == "walk" and kids & {"off", "out"} and (not objects or lemmas & {"job", "work"}):
        return LABOUR_STRIKE  # "walked off the job", "walked out"
    if lemma == "boycott" and not _state_subject(tok):
        return BOYCOTT  # "opposition supporters boycotted the elections" (143)
    if lemma in {"place", "put", "keep", "hold"} and _under_arrest(tok):
        return DETAINED  # "placed the former president under house arrest" (173)
    if lemma == "rally" and kids & {"behind", "around", "round"}:
        return RALLIED  # "leaders rallied behind the president" (053)
    if lemma == "lay" and "down" in kids and lemmas & {"arm", "weapon"}:
        return DISARMED  # "rebels laid down their arms" (0873)
    if lemma in _GATHER and _crowd_subject(tok):
        return MARCHED  # "demonstrators filled the square"
    if lemma == "round" and "up" in kids and objects:
        return DETAINED  # "troops rounded up hundreds of suspected sympathisers"
    if lemma in _UNDO and lemmas & _POLICIES:
        return ACCEDED  # "the government withdrew the labour reform" (0832), not a retreat
    if lemma == "step" and "up" in kids and lemmas & (_FORCES | _RAISED):
        return BOLSTERED  # "police stepped up security around government buildings"
    if lemma == "vote" and (
        "down" in kids or any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)
    ):
        return REJECTED  # "parliament voted against the amendment"
    if lemma in {"close", "seal", "shut"} and lemmas & _CROSSINGS:
        return CLOSED_BORDER  # "closed its border with Yemen" (191 restrict movement)
    if lemma == "evacuate" and lemmas & _POSTS:
        return PULLED_BACK  # "rebel fighters evacuated their positions" (0874)
    if lemma == "throw" and "weight" in lemmas and "behind" in kids | _prep_words(objects):
        return RALLIED  # "threw its weight behind the initiative"
    if lemma in {"lend", "loan"} and objects and _aid_objects(objects, lemmas):
        return SENT_AID  # "lent the country 200 million dollars"
    if lemma in _GUARD_VERBS and any(
        _names_peacekeepers(c) for c in tok.children if c.dep_ == "nsubj"
    ):
        return PEACEKEEPING  # "UN peacekeepers are protecting the camps" (074)
    if (
        lemma in {"want", "wish"}
        and any(c.dep_ == "dobj" for c in tok.children)
        and any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children)
    ):
        return WANTED  # "the families want the government to negotiate" (10)
    if lemma == "agree" and _to_objects(tok) & _DEMANDS:
        return ACCEDED  # "agreed to the unions' demand for a pay rise"
    if lemma in {"restore", "grant", "guarantee"} and lemmas & _FREEDOMS:
        return EASED  # "restored freedom of the press" (0811)
    if lemma == "attend" and lemmas & _MEETINGS:
        return TOOK_PART  # "would not attend the conference": a refusal
    if (lemma == "participate" or (lemma == "take" and "part" in lemmas)) and _in_talks(tok):
        return TOOK_PART  # "took part in the talks"; "would not take part": a refusal
    if lemma in {"ignore", "disregard", "defy", "flout"} and lemmas & (_DEMANDS | {"ultimatum"}):
        return REJECTED  # "ignored the parliament's call for his resignation"
    if lemma == "refuse" and lemmas & {"food", "meal", "nourishment"}:
        return HUNGER_STRIKE  # "the prisoners refused food" (142)
    if lemma == "take" and "up" in kids and lemmas & {"position", "post"}:
        return BOLSTERED  # "troops took up positions around the palace"
    if lemma == "burn" and lemmas & {"tyre", "tire"}:
        return RIOT  # "residents burned tyres in the township"
    if lemma == "burn" and (kids & {"down"} or lemmas & _PROPERTY):
        return ARSON  # "soldiers burned down dozens of homes"
    if lemma in {"reduce", "cut", "scale", "thin"} and lemmas & _FORCES - {"ship", "warship"}:
        return PULLED_BACK  # "prepared to reduce its forces in the region" (087)
    if lemma == "pay" and lemmas & {"tribute", "homage"}:
        return RALLIED  # "paid tribute to the soldiers" (051 praise)
    if lemma == "approve" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return RALLIED  # "approved of the reforms"
    if lemma in {"dismiss", "sack", "fire", "oust"} and any(
        base(o) in _POSTS_HELD or o.ent_type_ == "PERSON" for o in objects
    ):
        return NOT_AN_EVENT  # "dismissed the interior minister": no rejection, no shooting
    if lemma == "strike" and any(
        c.dep_ == "nsubj" and (base(c) in _WORKERS or c.lower_.endswith("workers"))
        for c in tok.children
    ):
        return LABOUR_STRIKE  # "dockworkers struck for a second day"
    if lemma == "raid":
        return POLICE_RAID if _police_subject(tok) else RAIDED  # "jets raided bases"
    if (
        lemma == "take"
        and tok.dep_ != "relcl"
        and any(base(o) in {"street", "streets"} for o in _to_tokens(tok))
    ):
        return MARCHED  # "more than 20,000 people took to the streets"
    if lemma == "hold" and any(
        c.lower_ == "responsible" for t in (tok, *objects) for c in t.children
    ):
        return HELD_RESPONSIBLE  # "held the rebels responsible for the bombing" (112)
    if (
        lemma == "take"
        and "over" in kids
        and objects
        and not takes_ground(tok)
        and not any(o.pos_ == "PROPN" or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects)
    ):
        return SEIZED  # "the army took over the state radio station" (171)
    if lemma in {"seal", "cordon"} and "off" in kids:
        return CLOSED_BORDER  # "sealed off the area around the mosque" (191)
    if (
        lemma == "leave"
        and any(c.dep_ == "nsubj" and base(c) in _FORCES for c in tok.children)
        and any(
            o.ent_type_ in {"GPE", "LOC"} or base(o) in GROUND_NOUNS | {"country"} for o in objects
        )
    ):
        if any(c.dep_ == "nsubj" and _names_mission(c) for c in tok.children):
            return RECALLED  # "the last UN peacekeepers left the country" (1661)
        return PULLED_BACK  # "the last Soviet troops left Afghanistan"
    if (
        lemma in {"fight", "combat", "battle", "tackle"}
        and (lemmas | {base(g) for g in _prep_objects(tok, "against")}) & _SCOURGES
    ):
        return NOT_AN_EVENT  # "cooperate on fighting terrorism": no armed clash
    if lemma == "expel" and lemmas & (_PEOPLE | _FOREIGNERS):
        return DEPORTED  # "expelled 200 foreign workers" (174), not diplomats (166)
    if lemma in {"exchange", "share", "swap", "pool"} and lemmas & _INTELLIGENCE:
        return SHARED  # "will exchange intelligence on organised crime" (064)
    if lemma in {"hold", "keep", "detain"} and any(
        {base(g) for g in _prep_objects(t, "for")} & {"questioning", "question", "interrogation"}
        or {base(g) for g in _prep_objects(t, "in")} & {"custody", "detention"}
        for t in (tok, *objects)
    ):
        return DETAINED  # "held the suspect for questioning", "kept him in custody"
    if lemma in {"work", "operate", "act"} and (
        kids & {"together", "jointly"}
        or (
            any(c.lower_ == "closely" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        )
    ):
        return JOINT_ACT  # "engineers are working together on the new jet"
    if lemma == "seek" and objects and not any(c.dep_ == "xcomp" for c in tok.children):
        return SOUGHT  # "sought military aid" (10x), not "sought to capture the town"
    if lemma == "pull" and kids & {"out", "back"} and not objects and not _left(tok) & _MEMBERSHIPS:
        return PULLED_BACK  # "the troops pulled back from the river" (0874)
    if lemma == "step" and "down" in kids:
        return PULLED_BACK  # "the prime minister stepped down" (resigned)
    if lemma == "cancel" and objects:
        return CANCELLED  # "cancelled a planned visit"
    if lemma == "send" and objects:
        if any(base(o) in _FORCES for o in objects):
            return SENT_FORCES
        if lemmas & _AID:
            return SENT_AID
    if lemma == "launch" and lemmas & _LAUNCHED_PLANS:
        return NOT_AN_EVENT  # "launched an appeal / a website / a vaccination campaign"
    if (
        lemma in {"break", "disperse"}
        and ("up" in particles or lemma == "disperse")
        and (lemmas & (_CROWD_EVENTS | _CROWDS))
    ):
        return USED_FORCE  # "broke up a rally", "dispersed the demonstrators" (175)
    if lemma in {"bar", "ban"} and objects and _prep_objects(tok, "from"):
        return BARRED  # "barred foreign journalists from entering the country" (191)
    if lemma in {"allow", "let", "permit"} and any(
        c.dep_ in {"ccomp", "xcomp"}
        and any(g.dep_ == "nsubj" and _names_mission(g) for g in c.children)
        for c in tok.children
    ):
        return ADMITTED  # "allowed UN inspectors to visit the sites" (0862)
    if lemma == "report" and any(base(g) == "duty" for g in _prep_objects(tok, "for")):
        return CALLED_UP  # "reservists reported for duty"
    if lemma == "prepare" and any(base(g) in _WARS for g in _prep_objects(tok, "for")):
        return BOLSTERED  # "ordered the army to prepare for war" (15)
    if (
        lemma in {"order", "tell", "force", "instruct"}
        and any(_names_mission(o) for o in objects)
        and any(c.dep_ == "xcomp" and base(c) in {"leave", "depart", "go"} for c in tok.children)
    ):
        return RECALLED  # "ordered the UN mission to leave the country" (166)
    if lemma in {"withdraw", "pull", "quit", "walk"} and (_left(tok) & _MEMBERSHIPS):
        return HALTED  # "pulled out of the security pact", "withdrew from the talks" (16)
    if (
        lemma in {"turn", "give"}
        and kids & {"in", "up"}
        and any(o.lower_ in _SELVES for o in objects)
    ):
        return DISARMED  # "rebels turned themselves in to the army" (0874 surrender)
    if lemma == "treat" and (lemmas | {base(g) for o in objects for g in _of_objects(o)}) & (
        _PEOPLE | {"casualty", "victim", "survivor"}
    ):
        return SENT_AID  # "doctors treated hundreds of wounded civilians" (073)
    if lemma == "train" and lemmas & (_FORCES | _SECURITY | {"officer", "recruit", "pilot"}):
        return JOINT_ACT  # "Germany trained 500 soldiers of the national army" (062)
    if lemma in {"restore", "reinstate", "reconvene"} and lemmas & _CHARTERS:
        return EASED  # "restored the elected parliament" (08)
    if lemma == "set" and "off" in kids and lemmas & _DEVICES:
        return SET_OFF  # "set off a bomb on a commuter train" (183)
    if (
        lemma == "take"
        and any(
            c.lower_ in {"hostage", "captive", "prisoner"} and c.dep_ in {"oprd", "xcomp", "dobj"}
            for c in tok.children
        )
        and objects
    ):
        return VANISHED  # "took its crew hostage" (181 abduct)
    if lemma == "draft" and ("in" in kids or lemmas & (_FORCES | _SECURITY)):
        return CALLED_UP  # "extra police were drafted in"
    if lemma == "reserve" and "right" in lemmas:
        return ULTIMATUM  # "reserved the right to respond militarily" (13)
    if lemma in {"attack", "slam", "blast", "lash"} and any(
        g.pos_ == "VERB" or base(g) in _DEFENDED for g in _prep_objects(tok, "for")
    ):
        return DIPLOMATIC_PROTEST  # "attacked the media for spreading lies" (111)
    if lemma in {"dismantle", "remove", "lift"} and lemmas & _BARRIERS:
        return RELIEVED  # "dismantled the roadblocks around the city" (0872)
    if lemma == "release" and (lemmas | ({base(tok.head)} if tok.dep_ == "acl" else set())) & (
        _DOCUMENTS
    ):
        return NOT_AN_EVENT  # "released a statement"; not people or property let go
    if lemma in {"withhold", "freeze", "cut", "suspend", "halt"} and _aid_objects(objects, lemmas):
        return HALTED  # "donors withheld 300 million dollars in budget support" (16)
    if lemma == "chain" and any(o.lower_ in _SELVES for o in objects):
        return SIT_IN  # "activists chained themselves to the gates" (14)
    if lemma == "set" and "up" in kids and lemmas & _SHELTERS:
        return SENT_AID  # "set up camps for the refugees" (073)
    if lemma == "raise" and any(
        base(o) == "level" and {base(c) for c in o.children} & {"alert", "threat", "security"}
        for o in objects
    ):
        return BOLSTERED  # "raised the alert level" (15)
    if lemma == "use" and lemmas & _FORCE_MEANS:
        return USED_FORCE  # "police used force to clear the camp"; "would use force" (175)
    if lemma in {"fly", "ship", "airlift", "bring", "truck"} and _aid_objects(
        _prep_objects(tok, "in"), {base(g) for g in _prep_objects(tok, "in")}
    ):
        return SENT_AID  # "flew in medical supplies" (parsed as a preposition)
    if lemma in {"open", "reopen"} and lemmas & _CROSSINGS and _to_objects(tok) & _PEOPLE:
        return SENT_AID  # "opened their borders to the refugees" (075)
    if lemma in {"give", "cave"} and "in" in particles:
        return ACCEDED  # "the government gave in to the strikers" (08)
    if lemma in _FALL_VERBS and any(
        c.dep_ == "nsubj" and c.lower_.rstrip("s") in _MUNITIONS for c in tok.children
    ):
        return MUNITIONS_FELL  # "rockets rained down on the town"
    if lemma in _ARRIVE_VERBS and any(
        c.dep_ == "nsubj"
        and (
            base(c) in _FORCES | _FIGHTERS
            or any(base(g) in _FORCES | _FIGHTERS for g in _of_objects(c))
        )
        for c in tok.children
    ):
        return SENT_FORCES  # "reinforcements poured into the province" (15x)
    if lemma in {"torch", "raze"} and not _crowd_subject(tok):
        return ARSON  # "the village was torched by militiamen"
    if lemma in {"abandon", "vacate", "quit"} and lemmas & _POSTS:
        return PULLED_BACK  # "soldiers abandoned their positions" (0874)
    if lemma == "pull" and kids & {"out", "back"} and any(base(o) in _FORCES for o in objects):
        return PULLED_BACK  # "the army pulled its troops back from the border"
    if lemma in {"place", "put"} and any(base(g) in _FOOTINGS for g in _prep_objects(tok, "on")):
        return BOLSTERED  # "placed the armed forces on a war footing"
    if lemma in _PRESS_VERBS and objects and any(c.dep_ == "xcomp" for c in tok.children):
        return WANTED  # "pressed the junta to release detained politicians" (10)
    if lemma in {"caution", "warn"} and _prep_objects(tok, "against") and objects:
        return ULTIMATUM  # "cautioned Taipei against any move towards independence"
    if lemma == "insist" and _prep_objects(tok, "on"):
        return WANTED  # "insisted on a recount of the votes"
    if lemma in {"want", "wish"} and any(
        c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children) for c in tok.children
    ):
        return WANTED  # "the UN wants both sides to return to the table"
    if lemma in _CURB_VERBS and any(
        base(o) == "access" and _names_media(_prep_objects(o, "to")) for o in objects
    ):
        return MEDIA_CURBED  # "blocked access to social media"
    if (
        lemma in {"give", "issue", "set"}
        and lemmas & {"hour", "day", "deadline"}
        and any(c.dep_ in {"advcl", "xcomp", "relcl"} for c in tok.children)
    ):
        return ULTIMATUM  # "gave foreigners 48 hours to leave the region"
    if (
        tok.dep_ == "ccomp"
        and base(tok.head) in _STATEMENT_HEADS
        and any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in tok.children)
    ):
        return MUST_REQUEST  # "declared that China must drop barriers"
    return None


def _to_tokens(tok: Token) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _to_objects(tok: Token) -> set[str]:
    """Lemmas of the "to" objects of ``tok`` ("bowed to demands", "gave in to pressure")."""
    return {
        base(g)
        for c in tok.children
        if c.dep_ in {"prep", "prt"} and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
    }


def _aid_objects(objects: list[Token], lemmas: set[str]) -> bool:
    """True for aid, money, or a medical / humanitarian team as what is given."""
    if lemmas & (_AID | _MONEY):
        return True
    for o in objects:
        kids = {base(c) for c in o.children if c.dep_ in {"amod", "compound"}}
        of = {base(g) for g in _of_objects(o)}
        if kids & _RELIEF_KINDS or of & (_AID | _MONEY):
            return True
        if o.ent_type_ == "MONEY" or any(c.ent_type_ == "MONEY" for c in o.children):
            return True
    return False


def _in_talks(tok: Token) -> bool:
    """True for "took part in the talks", "participated in the conference"."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    return any(
        base(g) in _MEETINGS
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
    )


def _police_subject(tok: Token) -> bool:
    return any(
        c.dep_ == "nsubj"
        and base(c) in {"police", "policeman", "agent", "officer", "authority", "security"}
        for c in tok.children
    )


def _left(tok: Token) -> set[str]:
    """Lemmas of what ``tok`` leaves: "withdrew from the talks", "pulled out of the pact"."""
    outs = [c for c in tok.children if c.lower_ == "out"]
    return {base(g) for t in (tok, *outs) for w in ("from", "of") for g in _prep_objects(t, w)}


def _prep_objects(tok: Token, word: str) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == word
        for g in c.children
        if g.dep_ in {"pobj", "pcomp"}
    ]


def _prep_words(objects: list[Token]) -> set[str]:
    return {c.lower_ for o in objects for c in o.children if c.dep_ == "prep"}


def _crowd_subject(tok: Token) -> bool:
    """True for "rioters ...", "thousands of demonstrators ..." as the subject of ``tok``."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            heads = [c, *_of_objects(c)]
            return any(
                base(h) in _CROWDS
                or h.lower_.rstrip("s") in _CROWDS
                or any(m.lower_ in {"striking", "protesting"} for m in h.children)
                for h in heads
            )
    return False


def _state_subject(tok: Token) -> bool:
    """True when a state or its government is the subject ("Britain boycotted the games")."""
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ in {"GPE", "NORP"} or base(c) in _OFFICES | {"country"})
        for c in tok.children
    )


def _under_arrest(tok: Token) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        and any(base(g) in {"arrest", "detention", "guard"} for g in c.children)
        for c in tok.children
    )


def _talked_with(tok: Token) -> bool:
    """True for "spoke by phone", "talked with his counterpart / with Putin"."""
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ == "by" and any(base(g) in {"phone", "telephone"} for g in objs):
            return True
        if c.lower_ == "with" and any(
            base(g) in {"counterpart", "leader", "president", "minister"}
            or g.ent_type_ in {"PERSON", "GPE", "NORP"}
            for g in objs
        ):
            return True
    return False


def _armed_subject(tok: Token) -> bool:
    return any(
        c.dep_ == "nsubj" and base(c) in _FORCES | _SECURITY | {"army", "column"}
        for c in tok.children
    )


def _verbal_protest(tok: Token) -> bool:
    """True for a protest in words (114 complain officially), not in the street.

    "The ministry protested that ...", "Lithuania protested to Russia", "the embassy protested
    the arrest": said, or addressed to a state, or made by a state or its office.
    """
    kids = list(tok.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return False  # "went on hunger strike to protest the ban": the strike's aim
    if any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in kids):
        return True
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ in {"GPE", "NORP"} or base(c) in _OFFICES) for c in kids
    )


def _names_media(objects: list[Token]) -> bool:
    for o in objects:
        words = {base(o), *(base(c) for c in o.children if c.dep_ == "compound")}
        if words & _MEDIA:
            return True
    return False


def _out_of_question(tok: Token) -> bool:
    """True for "is out of the question" on ``tok`` (a copula)."""
    for prep in tok.children:
        if prep.lower_ == "out":
            for of in prep.children:
                if of.lower_ == "of" and any(g.lower_ == "question" for g in of.children):
                    return True
    return False


def _verbal_defence(tok: Token, objects: list[Token]) -> bool:
    """True for a defence in words: of a decision or a person, or against criticism."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and base(subj) in _FORCES | _SECURITY:
        return False  # "troops defended the town"
    against = {
        base(g)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "against"
        for g in c.children
    }
    if against & _CRITICISM:
        return True
    if subj is not None and (base(subj) in _OFFICES or subj.ent_type_ == "PERSON"):
        # "the ministry defended the arrests": a state's office defends in words, unless
        # what it defends is ground ("the president defended the capital" is rare in news).
        return not any(
            o.ent_type_ in {"GPE", "LOC", "FAC"} or base(o) in GROUND_NOUNS for o in objects
        )
    return any(base(o) in _DEFENDED or o.ent_type_ == "PERSON" for o in objects)


_COVERING = (
    EASED, RELIEVED, SIGNED, TIES_MADE, HALTED, RECALLED, ADMITTED, HANDED_BACK, SENT_AID,
    ACCEDED, EVACUATED, EXPELLED_PEOPLE,
)  # fmt: skip
