"""ACLED sub-event typing: weapons, targets and the two sides of a fight decide the sub-type.

The trigger lexicon gives a first guess ("shell" -> shelling, "attack" -> armed clash). ACLED's
codebook then turns on what was used and against whom: small arms against a car of civilians
is an attack on civilians, not shelling; a shot-down helicopter is anti-aircraft fire while an
intercepted missile is disrupted weapons use; an exchange of fire told over two sentences
("X shelled Y. Z responded with fire.") is one armed clash; a town taken "without a fight" is
a non-violent transfer of territory.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Span, Token

from eventwire.intervals import ParagraphCounter
from eventwire.records import Actor, Event, Location
from eventwire.triggers import base

SHELLING = "Shelling/artillery/missile attack"
CLASH = "Armed clash"
AIR = "Air/drone strike"
DISRUPTED = "Disrupted weapons use"
ATTACK = "Attack"
NON_VIOLENT = "Non-violent transfer of territory"
TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
TERRITORY_ALL = TERRITORY_SUBS | {NON_VIOLENT}

AERIAL_WORDS = frozenset(
    {"aircraft", "jet", "jets", "helicopter", "helicopters", "airstrike", "airstrikes",
     "warplanes", "bomber", "bombers", "aviation", "airforce", "airplanes"}
)  # fmt: skip
AERIAL_BIGRAMS = frozenset(
    {("air", "strike"), ("air", "strikes"), ("air", "force"), ("air", "forces"), ("air", "raid"),
     ("air", "raids"), ("air", "bombs"), ("aerial", "bombs"), ("cluster", "bombs"),
     ("aerial", "bombardment"), ("drop", "bombs"), ("dropped", "bombs")}
)  # fmt: skip
DRONE_WORDS = frozenset({"drone", "drones", "bayraktar", "uav", "uavs", "shahed", "kamikaze"})
MISSILE_WORDS = frozenset({"missile", "missiles", "rocket", "rockets", "artillery", "mlrs", "grad"})
# Weapons whose use is shelling even when the verb is "fire" or "open fire".
HEAVY_WORDS = MISSILE_WORDS | frozenset(
    {"mortar", "mortars", "howitzer", "howitzers", "shells", "shell", "uragan", "smerch",
     "tornado", "iskander", "kalibr", "tank", "tanks", "cannon", "cannons", "launchers",
     "launcher", "bombs", "heavy"}
)  # fmt: skip
# Weapons of close combat: ACLED codes their use as an armed clash, not shelling.
FIREARM_WORDS = frozenset(
    {"rifle", "rifles", "sniper", "snipers", "gunfire", "firefight", "firearms", "machinegun"}
)
FIREARM_BIGRAMS = frozenset(
    {("small", "arms"), ("machine", "guns"), ("machine", "gun"), ("automatic", "weapons"),
     ("light", "weapons")}
)  # fmt: skip
# Targets struck from afar: an attack on them is shelling or a missile strike, not a clash.
INFRASTRUCTURE_TARGETS = frozenset(
    {"infrastructure", "infrastructures", "substation", "substations", "grid", "plant",
     "plants", "refinery", "refineries", "depot", "depots", "waterworks", "pipeline"}
)  # fmt: skip
# Targets that make small-arms fire violence against civilians.
CIVILIAN_TARGETS = frozenset(
    {"civilian", "civilians", "car", "cars", "bus", "buses", "ambulance", "people", "man",
     "woman", "women", "residents", "resident", "journalist", "journalists", "driver",
     "passenger", "passengers", "child", "children", "family", "families", "evacuees",
     "volunteers", "volunteer", "villagers", "pedestrian", "pedestrians", "cyclist", "farmer",
     "farmers", "boy", "girl", "teenager", "locals", "inhabitants", "priest", "doctor"}
)  # fmt: skip
AIRCRAFT_WORDS = frozenset(
    {"helicopter", "helicopters", "plane", "planes", "aircraft", "jet", "jets", "fighter",
     "bomber", "bombers", "airplane", "airplanes", "warplane", "warplanes"}
)  # fmt: skip
MUNITION_WORDS = DRONE_WORDS | frozenset(
    {"missile", "missiles", "rocket", "rockets", "projectile", "projectiles", "orlan",
     "orlans", "shell", "shells"}
)  # fmt: skip
_AIRFRAME = re.compile(r"^(su|mi|ka|il|an|tu|mig|yak)-?\d", re.IGNORECASE)
# Verbs of fighting back: a second side answering fire makes the whole exchange a clash.
EXCHANGE_LEMMAS = frozenset(
    {"respond", "repel", "repulse", "clash", "fight", "fighting", "battle", "combat", "deflect",
     "return", "exchange", "firefight", "counterattack"}
)  # fmt: skip
# Words that say a change of control happened without fighting.
_NO_FIGHT = re.compile(
    r"\bwithout (?:a |any )?(?:fight|fighting|resistance|battle|a shot)\b"
    r"|\bno (?:fighting|resistance|battle|clashes)\b"
    r"|\bwhether (?:any )?(?:fighting|clashes|battles?) took place\b",
    re.IGNORECASE,
)


class _Trigger(Protocol):
    @property
    def plover(self) -> str: ...
    @property
    def mode(self) -> str | None: ...
    @property
    def acled_type(self) -> str | None: ...
    @property
    def acled_sub(self) -> str | None: ...


def sentence_words(sent: Span) -> set[str]:
    """Return the sentence's lower-cased words, with weapon bigrams folded into one word."""
    words = {t.lower_ for t in sent}
    for a, b in itertools.pairwise(sent):
        pair = (a.lower_, b.lower_)
        if pair in AERIAL_BIGRAMS:
            words.add("airstrike")
        elif pair in FIREARM_BIGRAMS:
            words.add("firearms")
    return words


def targets(tok: Token) -> set[str]:
    """Return the words of what a trigger is aimed at: object, passive subject, "at"/"on" target."""
    heads = [tok]
    if tok.dep_ == "dobj" and base(tok.head) in {"open", "return", "exchange"}:
        heads.append(tok.head)  # "opened fire on X": the target hangs on "opened"
    out: set[str] = set()
    for head in heads:
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass"} or (
                child.dep_ == "prep" and child.lower_ in {"at", "on", "upon", "against"}
            ):
                out.update(t.lower_ for t in child.subtree)
    return out


def _is_firearm_trigger(tok: Token) -> bool:
    lemma = base(tok)
    return lemma == "shoot" or (lemma == "fire" and tok.pos_ in {"NOUN", "VERB"})


def refine(
    trig: _Trigger, tok: Token, sent: Span, actor2: Actor | None
) -> tuple[str | None, str | None, str | None]:
    """Return (mode, ACLED type, ACLED sub-type) refined by weapons and targets in the clause."""
    mode, acled_type, acled_sub = trig.mode, trig.acled_type, trig.acled_sub
    if trig.plover != "ASSAULT" or acled_type is None:
        return mode, acled_type, acled_sub
    words = sentence_words(sent)
    aimed = targets(tok)
    if acled_sub == DISRUPTED:
        downed = aimed or words
        aircraft = downed & AIRCRAFT_WORDS or any(_AIRFRAME.match(w) for w in downed)
        if aircraft and not downed & MUNITION_WORDS:
            # Manned aircraft brought down by air defence: ACLED codes anti-aircraft fire.
            return "heavy-weapons", "Explosions/Remote violence", SHELLING
        return mode, acled_type, acled_sub
    if _answers(tok):
        return "firearms", "Battles", CLASH  # "fired back", "hit back": an exchange of fire
    civilian_target = (not _military_target(aimed) and bool(aimed & CIVILIAN_TARGETS)) or (
        actor2 is not None and actor2.sector == "CVL"
    )
    if _is_firearm_trigger(tok) and not words & HEAVY_WORDS and not words & AERIAL_WORDS:
        if words & DRONE_WORDS:
            return "drone", "Explosions/Remote violence", AIR
        if civilian_target:
            return "firearms", "Violence against civilians", ATTACK
        if base(tok) == "shoot" or tok.pos_ == "NOUN" or _military_target(aimed):
            return "firearms", "Battles", CLASH
    if words & FIREARM_WORDS and acled_sub == SHELLING:
        if civilian_target:
            return "firearms", "Violence against civilians", ATTACK
        return "firearms", "Battles", CLASH
    if words & DRONE_WORDS:
        mode = "drone"
        if acled_sub in {CLASH, SHELLING}:
            return mode, "Explosions/Remote violence", AIR
    elif words & AERIAL_WORDS and acled_sub != DISRUPTED:
        mode = "aerial"
        if acled_sub in {CLASH, SHELLING}:
            return mode, "Explosions/Remote violence", AIR
    elif words & MISSILE_WORDS and acled_sub == CLASH:
        return "heavy-weapons", "Explosions/Remote violence", SHELLING
    elif acled_sub == CLASH and aimed & INFRASTRUCTURE_TARGETS and not words & FIREARM_WORDS:
        # "attacks on power plants": infrastructure is struck from afar, not fought over.
        return mode, "Explosions/Remote violence", SHELLING
    if acled_type == "Violence against civilians" and actor2 is not None and actor2.sector == "MIL":
        return mode, "Battles", CLASH
    if actor2 is not None and actor2.sector == "CVL" and acled_type == "Battles":
        return mode, "Violence against civilians", ATTACK
    return mode, acled_type, acled_sub


def _answers(tok: Token) -> bool:
    return base(tok) in {"fire", "shoot", "hit", "strike"} and any(
        c.lower_ == "back" for c in tok.children
    )


_MILITARY_TARGETS = frozenset(
    {"positions", "position", "forces", "troops", "soldiers", "units", "unit", "checkpoint",
     "checkpoints", "patrol", "column", "convoy", "military", "servicemen", "base", "fighters",
     "militia", "army", "group", "militants", "defenders", "occupiers", "invaders"}
)  # fmt: skip


def _military_target(aimed: set[str]) -> bool:
    return bool(aimed & _MILITARY_TARGETS)


def territory_sub(
    plover: str, actor1: Actor | None, loc: Location | None, focus: str | None, sent: Span
) -> str:
    """Return the ACLED territory sub-type: the owner "regains", others "overtake"."""
    if _NO_FIGHT.search(sent.text):
        return NON_VIOLENT
    home = (loc.country if loc else None) or focus
    actor_country = actor1.country if actor1 else None
    same = actor_country is not None and home is not None and actor_country == home
    if plover == "RETREAT":
        # The withdrawing side loses it: the government regains when outsiders withdraw.
        return "Non-state actor overtakes territory" if same else "Government regains territory"
    differs = actor_country is not None and home is not None and actor_country != home
    return "Non-state actor overtakes territory" if differs else "Government regains territory"


def no_fight_said(text: str) -> bool:
    """True when ``text`` says a change of control came without fighting."""
    return _NO_FIGHT.search(text) is not None


def reconcile(events: Sequence[Event], text: str) -> list[Event]:
    """Return the events with two-sided fighting in one paragraph coded as one armed clash.

    "Russian forces shelled X. Ukrainian forces responded with fire." is one exchange of fire;
    "clashed ... and the city was liberated" is one battle that changed who holds the town;
    a paragraph that says no fighting took place makes its changes of control non-violent.
    """
    para_of = ParagraphCounter(text)
    paras = [para_of(ev.evidence.start) for ev in events]
    parts: list[str] | None = None  # the paragraphs' texts, split once when first asked
    for ev, para in zip(events, paras, strict=True):
        if ev.acled_sub_event_type in TERRITORY_SUBS:
            if parts is None:
                parts = text.split("\n\n")
            if no_fight_said(parts[para] if para < len(parts) else ""):
                ev.acled_sub_event_type = NON_VIOLENT
                ev.acled_event_type = "Strategic developments"
    out = list(events)
    drop: set[int] = set()
    # Only two events of one paragraph combine: each event is paired with the later events of
    # its paragraph, in the order of all pairs (i, j), i < j, of the article.
    members: dict[int, list[int]] = {}
    for k, para in enumerate(paras):
        members.setdefault(para, []).append(k)
    after = [0] * len(out)  # each event's position among its paragraph's events, plus one
    for group in members.values():
        for pos, k in enumerate(group):
            after[k] = pos + 1
    pairs = ((i, j) for i in range(len(out)) for j in members[paras[i]][after[i] :])
    for i, j in pairs:
        if i in drop or j in drop:
            continue
        a, b = out[i], out[j]
        if not _combinable(a, b):
            continue
        if not _same_fight(a, b):
            pass
        elif a.acled_sub_event_type in TERRITORY_ALL and b.acled_sub_event_type == CLASH:
            _absorb(a, b)
            drop.add(j)
        elif b.acled_sub_event_type in TERRITORY_ALL and a.acled_sub_event_type == CLASH:
            _absorb(b, a)
            out[i] = b  # the battle is told first; its outcome names the event
            drop.add(j)
        elif _exchange(a, b) or _exchange(b, a):
            a.acled_event_type, a.acled_sub_event_type = "Battles", CLASH
            _absorb(a, b)
            drop.add(j)
    return [ev for k, ev in enumerate(out) if k not in drop]


def _combinable(a: Event, b: Event) -> bool:
    if a.type not in {"ASSAULT", "COERCE", "RETREAT"} or b.type not in {
        "ASSAULT",
        "COERCE",
        "RETREAT",
    }:
        return False
    if a.negated or b.negated or a.hypothetical or b.hypothetical:
        return False
    if a.acled_event_type is None or b.acled_event_type is None:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    la, lb = a.location, b.location
    return la is None or lb is None or la.name == lb.name


def _same_fight(a: Event, b: Event) -> bool:
    """True when a battle and a change of control are told of one place (or in one sentence)."""
    if a.evidence.start == b.evidence.start:
        return True
    la, lb = a.location, b.location
    if la is None or lb is None:
        return (a.acled_sub_event_type, b.acled_sub_event_type).count(SHELLING) == 1
    return la.name == lb.name


def _exchange(shelling: Event, answer: Event) -> bool:
    """True when ``answer`` is the other side fighting back against ``shelling``."""
    if shelling.acled_sub_event_type != SHELLING or answer.acled_sub_event_type != CLASH:
        return False
    if answer.mode != "firearms":
        return False  # "destroyed a column" is not an answer in an exchange of fire
    c1 = shelling.actor1.country if shelling.actor1 else None
    c2 = answer.actor1.country if answer.actor1 else None
    return c1 is None or c2 is None or c1 != c2


def _absorb(keep: Event, other: Event) -> None:
    keep.also_evidence.append(other.evidence)
    keep.also_evidence.extend(other.also_evidence)
    keep.location = keep.location or other.location
    keep.actor1 = keep.actor1 or other.actor1
    a, b = keep.actor1, other.actor1
    if keep.actor2 is None and a is not None and b is not None and a.country != b.country:
        keep.actor2 = b  # the side that fought back is the other party
    keep.fatalities = keep.fatalities or other.fatalities
    keep.injured = keep.injured or other.injured
