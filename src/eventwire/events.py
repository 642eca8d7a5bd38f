"""Events: triggers found per clause, typed (PLOVER + ACLED), with actors, place, date and numbers.

Each sentence is read on its dependency parse: a trigger word from the curated lexicon
(``data/event_lexicon.csv``) gives the category; its subject and object give actor1 and
actor2; places in the clause give the location (one event per coordinated place); the
clause's own time phrase gives the date. Negated triggers and hypotheticals ("could
strike", "threatens to") are kept and flagged. The same event stated several times in one
article (headline, lede, body) is merged into one event with several evidence spans.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eventwire.actors import ActorResolver
from eventwire.dates import DateRef, find_dates
from eventwire.quantities import count_near, find_quantities
from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    Evidence,
    Location,
    Place,
    stable_id,
)

MODALS = frozenset({"could", "would", "might", "may", "will", "shall", "should", "can", "must"})
INTENT_HEADS = frozenset(
    {
        "threaten",
        "plan",
        "intend",
        "want",
        "prepare",
        "ready",
        "able",
        "try",
        "seek",
        "aim",
        "ask",
        "urge",
        "call",
        "demand",
        "order",
        "promise",
        "vow",
        "pledge",
        "propose",
        "need",
    }
)
REJECT_HEADS = frozenset({"want", "intend", "ready", "plan", "willing"})
NEAR_WORDS = frozenset({"near", "outside", "around", "outskirts", "towards", "toward", "area"})
AERIAL_WORDS = frozenset(
    {
        "aircraft",
        "jet",
        "jets",
        "helicopter",
        "helicopters",
        "airstrike",
        "airstrikes",
        "warplanes",
        "bomber",
        "bombers",
        "su-25",
        "su-34",
        "aviation",
    }
)
AERIAL_BIGRAMS = frozenset(
    {("air", "strike"), ("air", "strikes"), ("air", "force"), ("air", "raid"), ("air", "raids")}
)
DRONE_WORDS = frozenset({"drone", "drones", "bayraktar", "uav", "uavs", "shahed", "kamikaze"})
MISSILE_WORDS = frozenset({"missile", "missiles", "rocket", "rockets", "artillery", "mlrs", "grad"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "who", "which", "that"})
# Nouns that are actors when they are a verb's object (others, like "tanks", are not).
PERSON_LIKE = frozenset(
    {"civilians", "people", "residents", "soldiers", "troops", "forces", "army", "protesters"}
)


class Claim(Protocol):
    """What the attribution stage gives: who a stretch of text is attributed to."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def source(self) -> Attribution: ...


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma (with part of speech) and the codes it gives."""

    plover: str
    mode: str | None
    acled_type: str | None
    acled_sub: str | None


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
        )
    return out


class EventCoder:
    """Codes the events of one parsed article."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.lexicon = lexicon()

    def code(
        self,
        doc: Doc,
        article: Article,
        places: Sequence[Place],
        claims: Sequence[Claim] = (),
        quoted: Sequence[tuple[int, int]] = (),
    ) -> list[Event]:
        """Return the article's events, merged so each real event appears once."""
        focus = _focus_country(places)
        events: list[Event] = []
        para_dates: dict[int, DateRef] = {}
        prev_actor: Actor | None = None
        last_in_para: dict[int, Event] = {}
        for sent in doc.sents:
            if not sent.text.strip() or _inside(sent.start_char, sent.end_char, quoted):
                continue
            para = _paragraph_of(doc.text, sent.start_char)
            dates = list(find_dates(sent.text, article.published, sent.start_char))
            if dates:
                para_dates[para] = dates[0]
            found = self._sentence_events(sent, article, places, focus, prev_actor)
            date_ref = dates[0] if dates else para_dates.get(para)
            killed = count_near(sent.text, "killed")
            injured = count_near(sent.text, "injured")
            if not found and (killed or injured) and para in last_in_para:
                # "Two people were injured." after the event it belongs to.
                ev = last_in_para[para]
                ev.fatalities = ev.fatalities or killed
                ev.injured = ev.injured or injured
                continue
            claim = _claim_for(claims, sent.start_char, sent.end_char)
            for ev in found:
                ev.fatalities, ev.injured = killed, injured
                ev.attributed_to = claim
                _set_date(ev, date_ref, article.published)
                events.append(ev)
                last_in_para[para] = ev
                if ev.actor1 is not None and ev.actor1.name:
                    prev_actor = ev.actor1
        return _merge(events)

    def _sentence_events(
        self,
        sent: Span,
        article: Article,
        places: Sequence[Place],
        focus: str | None,
        prev_actor: Actor | None,
    ) -> list[Event]:
        in_sent = [p for p in places if sent.start_char <= p.start and p.end <= sent.end_char]
        out: list[Event] = []
        verb_types: set[str] = set()
        triggers = sorted(
            (t for t in sent if self._trigger(t)), key=lambda t: (t.pos_ != "VERB", t.i)
        )
        for tok in triggers:
            trig = self._trigger(tok)
            assert trig is not None
            if tok.pos_ != "VERB" and trig.plover in verb_types:
                continue
            if _is_modifier_of_trigger(tok, self):
                continue
            verb_types.add(trig.plover)
            out.extend(self._events_for(tok, trig, sent, article, in_sent, focus, prev_actor))
        return out

    def _trigger(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"}:
            if lemma == "shoot" and not any(c.text.lower() == "down" for c in tok.children):
                return None
            return self.lexicon.get((lemma, "VERB"))
        if tok.pos_ in {"NOUN", "PROPN"}:
            return self.lexicon.get((lemma, "NOUN"))
        if tok.pos_ == "ADJ":
            return self.lexicon.get((lemma, "ADJ"))
        return None

    def _events_for(
        self,
        tok: Token,
        trig: Trigger,
        sent: Span,
        article: Article,
        places: Sequence[Place],
        focus: str | None,
        prev_actor: Actor | None,
    ) -> list[Event]:
        violent = trig.acled_type is not None and trig.plover in {"ASSAULT", "COERCE", "RETREAT"}
        a1_tok, a2_tok = _arguments(tok)
        if a2_tok is not None and _is_place(a2_tok, places):
            a2_tok = None  # "shelled Avdiivka": the target town is the location, not an actor
        actor1 = self._actor(a1_tok, violent, article.published, prev_actor)
        actor2 = self._actor(a2_tok, violent, article.published, None)
        if actor1 is None and tok.pos_ != "VERB":
            actor1 = self._modifier_actor(tok, violent, article.published)
        if actor1 is None and a1_tok is None and violent:
            actor1 = self._ancestor_actor(tok, article.published)
        plover, negated = trig.plover, _negated(tok)
        hypothetical = _hypothetical(tok)
        if (
            negated
            and plover in {"CONSULT", "AGREE", "COOPERATE"}
            and _controlled_by(tok, REJECT_HEADS)
        ):
            plover, negated, hypothetical = "REJECT", False, False
        mode, acled_type, acled_sub = _refine(trig, sent, actor1, actor2)
        locations: list[Location | None] = [*_locations(sent, places)] or [None]
        quantities = find_quantities(_clause(tok, sent))
        out = []
        for loc in locations:
            sub = acled_sub
            if acled_sub in {"Government regains territory", "Non-state actor overtakes territory"}:
                sub = _territory_sub(plover, actor1, loc, focus)
            evidence = Evidence(sent.text.strip(), *_strip_offsets(sent))
            out.append(
                Event(
                    id=stable_id(article.id, plover, loc.name if loc else None, evidence.start),
                    type=plover,
                    evidence=evidence,
                    mode=mode,
                    acled_event_type=acled_type,
                    acled_sub_event_type=sub if acled_type else None,
                    actor1=actor1,
                    actor2=actor2,
                    location=loc,
                    negated=negated,
                    hypothetical=hypothetical,
                    confidence=_confidence(tok, actor1, loc, hypothetical),
                    quantities=quantities,
                )
            )
        return out

    def _actor(
        self, tok: Token | None, military: bool, on: str | None, prev: Actor | None
    ) -> Actor | None:
        if tok is None:
            return None
        if tok.lower_ in PRONOUNS:
            return Actor(tok.text, prev.name, prev.country, prev.sector) if prev else None
        text = _phrase(tok)
        actor = self.resolver.resolve(text, military=military, on=on)
        unknown = actor.name is None and actor.country is None
        if unknown and tok.pos_ != "PROPN" and tok.lower_ not in PERSON_LIKE:
            return None
        return actor

    def _ancestor_actor(self, tok: Token, on: str | None) -> Actor | None:
        """Return the nearest armed or state actor above a subjectless trigger.

        "criticism of the defence ministry for withdrawing troops" -> the ministry.
        """
        found: list[Actor] = []
        inside = {t.i for t in tok.subtree}
        for anc in tok.ancestors:
            for child in anc.children:
                has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)
                heads = [child] if child.dep_ in {"nsubj", "pobj", "dobj"} and not has_of else []
                if has_of:
                    heads = [g for c in child.children if c.lower_ == "of" for g in c.children]
                for head in heads:
                    if head.i in inside:
                        continue
                    actor = self.resolver.resolve(_phrase(head), military=True, on=on)
                    if actor.sector in {"MIL", "GOV"} and actor.country:
                        found.append(actor)
        # An armed actor is the likelier doer of a military act than a politician who comments.
        return next((a for a in found if a.sector == "MIL"), found[0] if found else None)

    def _modifier_actor(self, tok: Token, military: bool, on: str | None) -> Actor | None:
        """Return the actor named inside a noun trigger ("Russian missiles", "Kyiv's attacks")."""
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                actor = self.resolver.resolve(child.text, military=military, on=on)
                if actor.country is not None:
                    return actor
            if child.dep_ == "prep" and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolver.resolve(_phrase(obj), military=military, on=on)
        return None


def _arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """Return (actor1 head token, actor2 head token) of a trigger from its dependents."""
    a1: Token | None = None
    a2: Token | None = None
    for child in tok.children:
        if child.dep_ in {"nsubj"}:
            a1 = child
        elif child.dep_ == "nsubjpass":
            a2 = child
        elif child.dep_ == "agent":
            a1 = next((c for c in child.children if c.dep_ == "pobj"), a1)
        elif child.dep_ == "dobj" and a2 is None:
            a2 = child
        elif child.dep_ == "prep" and child.lower_ in {"against", "with"} and a2 is None:
            a2 = next((c for c in child.children if c.dep_ == "pobj"), None)
    if a1 is None:
        # Shared subject of coordinated or controlled verbs: "X withdrew and lost", "X began to
        # attack"; object control: "asked Putin to withdraw" -> Putin.
        head = tok
        while head.dep_ in {"conj", "xcomp", "advcl"} and head.head is not head and a1 is None:
            controlled = head.dep_ == "xcomp"
            head = head.head
            if controlled:
                a1 = next((c for c in head.children if c.dep_ == "dobj"), None)
            a1 = a1 or next((c for c in head.children if c.dep_ == "nsubj"), None)
    if tok.pos_ != "VERB" and tok.dep_ in {"dobj", "pobj"} and tok.head.pos_ == "VERB":
        # Noun triggers: the verb they are the object of may hold the actor.
        a1 = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return a1, a2


def _clause(tok: Token, sent: Span) -> Span:
    """Return the part of ``sent`` a verb trigger governs (the whole sentence for nouns)."""
    if tok.pos_ != "VERB":
        return sent
    keep = {tok.i}
    for child in tok.children:
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        if child.dep_ in {"advcl", "conj", "ccomp", "parataxis"} and own_subject:
            continue
        keep.update(t.i for t in child.subtree)
    return sent.doc[min(keep) : max(keep) + 1]


def _phrase(tok: Token) -> str:
    """Return the noun phrase headed by ``tok`` without relative clauses and appositions."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}:
            continue
        if child.dep_ == "prep" and child.lower_ not in {"of"}:
            continue
        keep.extend(child.subtree)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    return tok.doc[start:end].text


def _control_chain(tok: Token) -> list[Token]:
    """Return ``tok`` and the words controlling it ("not ready to negotiate": negotiate, ready)."""
    chain = [tok]
    while chain[-1].dep_ in {"xcomp", "acomp", "pcomp"} and len(chain) < 4:
        head = chain[-1].head
        if head.dep_ == "prep":
            head = head.head
        chain.append(head)
    return chain


def _negated(tok: Token) -> bool:
    for t in _control_chain(tok):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(
            c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in t.children
        ):
            return True
    return False


def _hypothetical(tok: Token) -> bool:
    for t in (tok, tok.head) if tok.dep_ in {"xcomp", "conj"} else (tok,):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in t.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True
    if _controlled_by(tok, INTENT_HEADS):
        return True
    return tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in INTENT_HEADS


def _controlled_by(tok: Token, lemmas: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in lemmas for t in _control_chain(tok)[1:])


def _is_modifier_of_trigger(tok: Token, coder: EventCoder) -> bool:
    """True for noun triggers that only describe another one ("missile strike", "drone attack")."""
    return (
        tok.pos_ != "VERB"
        and tok.dep_ in {"compound", "amod"}
        and coder._trigger(tok.head) is not None
    )


def _refine(
    trig: Trigger, sent: Span, actor1: Actor | None, actor2: Actor | None
) -> tuple[str | None, str | None, str | None]:
    """Return (mode, ACLED type, ACLED sub-type) refined by weapons and victims in the clause."""
    words = {t.lower_ for t in sent}
    words |= {
        "airstrike" for a, b in itertools.pairwise(sent) if (a.lower_, b.lower_) in AERIAL_BIGRAMS
    }
    mode, acled_type, acled_sub = trig.mode, trig.acled_type, trig.acled_sub
    if trig.plover != "ASSAULT" or acled_type is None:
        return mode, acled_type, acled_sub
    if words & DRONE_WORDS:
        mode = "drone"
        if acled_sub in {"Armed clash", "Shelling/artillery/missile attack"}:
            return mode, "Explosions/Remote violence", "Air/drone strike"
    elif words & AERIAL_WORDS and acled_sub != "Disrupted weapons use":
        mode = "aerial"
        if acled_sub in {"Armed clash", "Shelling/artillery/missile attack"}:
            return mode, "Explosions/Remote violence", "Air/drone strike"
    elif words & MISSILE_WORDS and acled_sub == "Armed clash":
        return "heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if acled_type == "Violence against civilians" and actor2 is not None and actor2.sector == "MIL":
        return mode, "Battles", "Armed clash"
    if actor2 is not None and actor2.sector == "CVL" and acled_type == "Battles":
        return mode, "Violence against civilians", "Attack"
    return mode, acled_type, acled_sub


def _territory_sub(
    plover: str, actor1: Actor | None, loc: Location | None, focus: str | None
) -> str:
    """ACLED: only the territory's own government "regains"; others "overtake"."""
    home = (loc.country if loc else None) or focus
    actor_country = actor1.country if actor1 else None
    if plover == "RETREAT":
        # The withdrawing side loses it: the government regains when outsiders withdraw.
        if actor_country is not None and home is not None and actor_country == home:
            return "Non-state actor overtakes territory"
        return "Government regains territory"
    if actor_country is not None and home is not None and actor_country != home:
        return "Non-state actor overtakes territory"
    return "Government regains territory"


def _is_place(tok: Token, places: Sequence[Place]) -> bool:
    return any(p.start <= tok.idx < p.end for p in places)


def _locations(sent: Span, places: Sequence[Place]) -> list[Location]:
    """Return the event's locations: places in the clause not used as actors ("Kiev recaptures")."""
    doc = sent.doc
    chosen: list[Location] = []
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        if _is_actor_like(span.root):
            continue
        precision = p.precision
        before = {t.lower_ for t in doc[max(span.start - 3, sent.start) : span.start]}
        after = {t.lower_ for t in doc[span.end : min(span.end + 2, sent.end)]}
        if precision == 1 and (before | after) & NEAR_WORDS:
            precision = 2
        chosen.append(
            Location(
                text=p.text,
                name=p.name,
                lat=p.lat,
                lon=p.lon,
                country=p.country,
                admin1=p.admin1,
                geonames_id=p.geonames_id,
                precision=precision,
            )
        )
    return _most_specific(chosen)


def _is_actor_like(tok: Token) -> bool:
    """True when a place name is used as an actor: a subject, or a modifier of a person noun."""
    if tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    return (
        tok.dep_ in {"compound", "amod"}
        and tok.head.pos_ in {"NOUN", "PROPN"}
        and (tok.head.lower_ not in {"region", "oblast", "province", "area", "city", "district"})
    )


def _most_specific(locs: list[Location]) -> list[Location]:
    """Drop a region or country when a town inside it is also named in the clause."""
    towns = [loc for loc in locs if loc.precision in {1, 2}]
    if not towns:
        # Several regions: keep them all; otherwise the single broadest place.
        return locs
    return [loc for loc in locs if loc.precision in {1, 2}]


def _set_date(ev: Event, ref: DateRef | None, published: str | None) -> None:
    if ref is not None and ref.date is not None:
        ev.date, ev.date_text, ev.date_precision = ref.date, ref.text, ref.precision
    elif ref is not None:
        ev.date_text = ref.text
    elif published:
        # No time phrase: the publication date, stated as a fallback by precision 2.
        ev.date, ev.date_precision = published, 2


def _claim_for(claims: Sequence[Claim], start: int, end: int) -> Attribution | None:
    for c in claims:
        if (c.start <= start + 2 and end - 2 <= c.end) or (start <= c.start and c.end <= end):
            return c.source
    return None


def _confidence(tok: Token, actor1: Actor | None, loc: Location | None, hyp: bool) -> float:
    score = 0.45 + (0.1 if tok.pos_ == "VERB" else 0.0)
    score += 0.2 if actor1 is not None and actor1.name else 0.0
    score += 0.2 if loc is not None and loc.lat is not None else 0.0
    score -= 0.25 if hyp else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


def _merge(events: list[Event]) -> list[Event]:
    """Merge restatements: same type, place and date, and actors that do not disagree."""
    out: list[Event] = []
    for ev in events:
        twin = next((o for o in out if _same_event(o, ev)), None)
        if twin is None:
            out.append(ev)
            continue
        twin.also_evidence.append(ev.evidence)
        if twin.actor1 is None or twin.actor1.name is None:
            twin.actor1 = ev.actor1 or twin.actor1
        if twin.actor2 is None:
            twin.actor2 = ev.actor2
        twin.fatalities = twin.fatalities or ev.fatalities
        twin.injured = twin.injured or ev.injured
        twin.attributed_to = twin.attributed_to or ev.attributed_to
        twin.quantities = twin.quantities or ev.quantities
        twin.confidence = max(twin.confidence, ev.confidence)
    return out


def _same_event(a: Event, b: Event) -> bool:
    if (a.type, a.negated, a.hypothetical) != (b.type, b.negated, b.hypothetical):
        return False
    if a.acled_sub_event_type != b.acled_sub_event_type:
        return False
    la = a.location.name if a.location else None
    lb = b.location.name if b.location else None
    if la != lb or (la is None and a.evidence.start != b.evidence.start):
        return False
    if a.date and b.date and a.date != b.date and a.date_precision == b.date_precision == 1:
        return False
    n1 = a.actor1.name if a.actor1 else None
    n2 = b.actor1.name if b.actor1 else None
    return n1 is None or n2 is None or n1 == n2


def _focus_country(places: Sequence[Place]) -> str | None:
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _strip_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(text.rstrip())
