"""Events: triggers found per clause, typed (PLOVER + ACLED), with actors, place, date and numbers.

Each sentence is read on its dependency parse (helpers in ``syntax``): a trigger word from
the curated lexicon (``data/event_lexicon.csv``) gives the category; its subject and object
give actor1 and actor2; places in the clause the trigger governs give the location (one event
per coordinated place); the clause's own time phrase gives the date. Negated triggers and
hypotheticals ("could strike", "threatens to") are kept and flagged. Words inside quotation
marks are the speaker's: only violent events are read from them, attributed to the speaker.
The same event stated several times in one article is merged into one event with several
evidence spans.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eventwire import acled, syntax
from eventwire.actors import MILITARY_NOUNS, ActorResolver
from eventwire.dates import DateRef, find_dates
from eventwire.intervals import Intervals, ParagraphCounter
from eventwire.quantities import count_near, find_quantities
from eventwire.quotes import quote_spans
from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    Evidence,
    Location,
    Place,
    Quote,
    stable_id,
)
from eventwire.restatements import merge
from eventwire.triggers import (
    ARMED,
    CALL_REQUEST,
    FIRE_HEADS,
    LABOUR_STRIKE,
    LIGHT_VERBS,
    MUST_REQUEST,
    NOT_AN_EVENT,
    RULED_LEMMAS,
    SEIZE_VERBS,
    SMALL_ARMS,
    SPOILS,
    TAKE_VERBS,
    Trigger,
    base,
    calls_on,
    construction,
    covers_object,
    has_target,
    lexicon,
    plover_model,
    sentence_features,
    takes_ground,
    takes_spoils,
)

NEAR_WORDS = frozenset({"near", "outside", "around", "outskirts", "towards", "toward", "area"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "who", "which", "that", "i"})
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
# Nouns that are actors when they are a verb's object (others, like "tanks", are not).
PERSON_LIKE = frozenset(
    {"civilians", "people", "residents", "soldiers", "troops", "forces", "army", "protesters"}
)
VIOLENT = frozenset({"ASSAULT", "COERCE", "RETREAT"})
# Dependencies that keep a word inside the argument of the trigger above it.
CONTENT_DEPS = frozenset({"dobj", "pobj", "prep", "xcomp", "acl", "pcomp", "conj"})
CONTENT_PREPS = frozenset({"for", "to", "of", "about"})
# ACLED types whose place may come from the paragraph or the article when the sentence has none.
CONTEXT_PLACED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# The learned fallback speaks only when its category is this probable; its events carry at
# most this confidence (below any lexicon event's).
LEARNED_MIN = 0.3
LEARNED_MAX_CONFIDENCE = 0.4


class Claim(Protocol):
    """What the attribution stage gives: who a stretch of text is attributed to."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def source(self) -> Attribution: ...


@dataclass(slots=True)
class _Context:
    """What one article's coding needs to know beyond the sentence at hand."""

    article: Article
    places: Sequence[Place]
    focus: str | None
    marks: list[tuple[int, int, Attribution | None]]
    prev_actor: Actor | None = None
    persons: list[tuple[int, Actor]] = field(default_factory=list)
    person_ents: list[Span] | None = None  # the doc's PERSON entities, read once
    person_starts: list[int] = field(default_factory=list)  # their first tokens, for bisection
    paired: frozenset[int] = frozenset()  # starts of towns written "Town, Region"
    armies: list[Actor] = field(default_factory=list)  # the national armies coded so far
    described: dict[tuple[str, ...], Place] = field(default_factory=dict)  # "border crossing"
    # The places' and quote marks' char ranges, asked by position (see ``Intervals``).
    place_spans: Intervals = field(init=False)
    mark_spans: Intervals = field(init=False)

    def __post_init__(self) -> None:
        self.place_spans = Intervals((p.start, p.end) for p in self.places)
        self.mark_spans = Intervals((m[0], m[1]) for m in self.marks)


class EventCoder:
    """Codes the events of one parsed article."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.lexicon = lexicon()
        self.model = plover_model()
        # trigger() results for the tokens of the last doc seen (asked several times a token).
        self._memo_doc: Doc | None = None
        self._memo: dict[int, Trigger | None] = {}

    def code(
        self,
        doc: Doc,
        article: Article,
        places: Sequence[Place],
        claims: Sequence[Claim] = (),
        quotes: Sequence[Quote] = (),
    ) -> list[Event]:
        """Return the article's events, merged so each real event appears once."""
        ctx = _Context(article, places, _focus_country(places), _quote_marks(doc.text, quotes))
        ctx.paired = _placed_by_region(places, doc.text)
        ctx.described = _described_places(doc, places)
        claim_spans = Intervals((c.start, c.end) for c in claims)
        events: list[Event] = []
        para_dates: dict[int, DateRef] = {}
        last_in_para: dict[int, Event] = {}
        para_place: dict[int, Location] = {}
        para_start: dict[int, int] = {}
        region = _article_region(places, ctx.focus)
        text = doc.text  # built anew from the tokens on every access: read it once
        # The paragraph breaks, found once: counting them before each sentence is quadratic.
        para_of = ParagraphCounter(text)
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            para = para_of(sent.start_char)
            para_start.setdefault(para, sent.start_char)
            dates = find_dates(sent.text, article.published, sent.start_char)
            if dates:
                para_dates[para] = dates[0]
            found = self._sentence_events(sent, ctx)
            killed = count_near(sent.text, "killed")
            injured = count_near(sent.text, "injured")
            if not found and (killed or injured) and para in last_in_para:
                # "Two people were injured." after the event it belongs to.
                ev = last_in_para[para]
                ev.fatalities = ev.fatalities or killed
                ev.injured = ev.injured or injured
                continue
            if not found:
                found = self._learned_events(sent, ctx)
            claim = self._named(
                _claim_for(claims, claim_spans, sent.start_char, sent.end_char), ctx
            )
            date_ref = dates[0] if dates else para_dates.get(para)
            for ev in found:
                ev.fatalities, ev.injured = killed, injured
                ev.attributed_to = ev.attributed_to or claim
                _set_date(ev, date_ref, article.published)
                if ev.location is None and ev.acled_event_type in CONTEXT_PLACED:
                    near = para_place.get(para)
                    if near is not None and "elsewhere" in sent.text.lower():
                        near = None  # "..., while elsewhere ...": not the place just named
                    if near is None and "elsewhere" not in sent.text.lower():
                        near = _only_town(ctx, para_start.get(para, 0), sent.start_char)
                    ev.location = _from_context(near, region)
                elif ev.location is not None and ev.location.basis == "sentence":
                    para_place[para] = ev.location
                events.append(ev)
                last_in_para[para] = ev
                if ev.actor1 is not None and ev.actor1.name:
                    ctx.prev_actor = ev.actor1
                    if ev.actor1.name.startswith(_ARMY):
                        ctx.armies.append(ev.actor1)
            self._note_persons(sent, ctx)
        return merge(acled.reconcile(events, text))

    def _named(self, source: Attribution | None, ctx: _Context) -> Attribution | None:
        """Return ``source`` with its canonical name filled in from the actor tables."""
        if source is None or source.name:
            return source
        actor = self.resolver.resolve(source.text, on=ctx.article.published)
        return Attribution(source.text, actor.name)

    def _sentence_events(self, sent: Span, ctx: _Context) -> list[Event]:
        triggers = [t for t in sent if self.trigger(t) is not None]
        out: list[Event] = []
        ranked: list[tuple[tuple[int, bool, int], list[Event]]] = []
        seen_verbs: set[str] = set()
        for tok in sorted(triggers, key=lambda t: (t.pos_ != "VERB", t.i)):
            trig = self.trigger(tok)
            assert trig is not None
            quoted_by = _mark_at(ctx, tok.idx)
            if quoted_by is not None and trig.acled_type is None:
                continue  # rhetoric inside a quotation is the speaker's words, not an event
            if tok.pos_ != "VERB" and trig.plover in seen_verbs:
                # "opened fire ..., killing two": one attack, ranked where its noun is
                k = next(
                    (k for k, (_, m) in enumerate(ranked) if m and m[-1].type == trig.plover), -1
                )
                if k >= 0:
                    verb = syntax.governing_verb(tok)
                    rank = (_clause_depth(verb or tok), True, tok.i)
                    ranked[k] = (min(ranked[k][0], rank), ranked[k][1])
                continue
            if tok.pos_ != "VERB" and self._describes(tok):
                continue
            if _attributive(tok, trig):
                continue  # "the banned party", "the long-threatened invasion": a description
            if tok.pos_ != "VERB" and tok.ent_type_ in {"ORG", "FAC"}:
                continue  # "the Ceasefire Monitoring Commission": a name, not a truce
            if _modifies_thing(tok):
                continue  # "an air raid alert", "bomb shelters": the thing, not an attack
            if self._light(tok):
                continue  # "launched an offensive": the offensive says what happened
            if tok.pos_ != "VERB" and covers_object(self.trigger(_verb_over(tok))):
                continue  # "lifted the curfew": the lifting is the event, not a curfew
            if trig.acled_type is None and trig.plover != "PROTEST" and self._promised(tok):
                continue  # "threatened to impose sanctions": the threat is the event
            if self._requested(tok) or _wanted_of_others(tok):
                continue  # "asked Putin to withdraw": the request is the event, not a retreat
            if trig.plover == "REQUEST" and self._protest_aim(tok):
                continue  # "went on hunger strike to demand ...": the demand is the protest's aim
            if self._asked_or_refused(tok):
                continue  # "rejected an invitation to attend a meeting": no meeting
            if _conditional(tok) and not all(_conditional(t) for t in triggers):
                continue  # "threatened an offensive unless Baghdad accepted": a condition
            if out and _background(tok):
                continue  # "declared a ceasefire after 12 days of battles": told as the cause
            seen_verbs.add(trig.plover)
            verb = syntax.governing_verb(tok) if tok.pos_ != "VERB" else None
            clause = syntax.clause_tokens(verb or tok, [t for t in triggers if t != tok])
            made = self._events_for(tok, trig, sent, clause, ctx)
            for ev in made:
                if quoted_by is not None:
                    ev.attributed_to = quoted_by[2]
                out.append(ev)
            ranked.append(((_clause_depth(verb or tok), tok.pos_ != "VERB", tok.i), made))
        # The main clause's event first, then the events of clauses under it, each level in
        # text order: "opened fire to disperse the crowd" is a shooting first.
        return [ev for _, made in sorted(ranked, key=lambda r: r[0]) for ev in made]

    def trigger(self, tok: Token) -> Trigger | None:
        """Return the lexicon entry ``tok`` triggers, if any (read once per token of a doc)."""
        doc = tok.doc
        if doc is not self._memo_doc:
            self._memo_doc, self._memo = doc, {}
        if tok.i in self._memo:
            return self._memo[tok.i]
        found = self._memo[tok.i] = self._trigger(tok)
        return found

    def _trigger(self, tok: Token) -> Trigger | None:
        lemma = base(tok)
        built = construction(tok)
        if built is NOT_AN_EVENT:
            return None
        if built is not None and built is not MUST_REQUEST:
            return built
        if tok.pos_ in {"VERB", "AUX"}:
            if lemma == "shoot" and not any(c.lower_ == "down" for c in tok.children):
                # "shot dead", "shot at a car": small-arms fire, typed by its target later.
                return SMALL_ARMS if has_target(tok) else None
            if lemma in TAKE_VERBS and takes_ground(tok):
                return self.lexicon.get(("capture", "VERB"))
            if lemma in SEIZE_VERBS and takes_spoils(tok):
                return None  # "captured two tanks": spoils of a fight, not ground
            if lemma == "call":
                return CALL_REQUEST if calls_on(tok) else None
            # "said Sudan must return the helicopter": the demand, when the act is no trigger.
            return self.lexicon.get((lemma, "VERB"), built)
        if tok.pos_ in {"NOUN", "PROPN"}:
            if lemma == "fire":
                # Only "opened/returned fire": "a fire broke out" is no attack.
                return SMALL_ARMS if base(tok.head) in FIRE_HEADS else None
            return self.lexicon.get((lemma, "NOUN"))
        if tok.pos_ == "ADJ":
            return self.lexicon.get((lemma, "ADJ"))
        return None

    def _light(self, tok: Token) -> bool:
        """True for a verb whose object is itself a trigger noun ("launched an attack")."""
        if tok.pos_ != "VERB" or base(tok) not in LIGHT_VERBS:
            return False
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        objects += [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children]
        objects += [c for o in objects for c in o.children if c.dep_ == "compound"]
        # "launched 10 days of drills"; not "launched rocket launchers" (the launch is the act)
        return any(self.trigger(c) is not None and not _modifies_thing(c) for c in objects)

    def _learned_events(self, sent: Span, ctx: _Context) -> list[Event]:
        """Return the learned model's event for a sentence the lexicon finds none in.

        The model reads the whole sentence; the event's trigger is the verb or noun whose
        features weigh most for the chosen category, and it must weigh for it at all.
        """
        model = self.model
        if model is None:
            return []
        probs = model.probabilities(sentence_features(sent))
        best = max(range(len(probs)), key=probs.__getitem__)
        if probs[best] < LEARNED_MIN:
            return []
        label = model.classes[best]
        weighed = [
            (model.contribution(t, label), t)
            for t in sent
            if t.pos_ in {"VERB", "NOUN"}
            and base(t) not in RULED_LEMMAS
            and _mark_at(ctx, t.idx) is None
        ]
        weight, tok = max(weighed, key=lambda s: s[0], default=(0.0, None))
        if tok is None or weight <= 0:
            return []
        a1_tok, a2_tok = syntax.arguments(tok)
        evidence = Evidence(sent.text.strip(), *_strip_offsets(sent))
        return [
            Event(
                id=stable_id(ctx.article.id, label, None, evidence.start),
                type=label,
                evidence=evidence,
                actor1=self._actor(a1_tok, False, ctx),
                actor2=self._actor(a2_tok, False, ctx),
                negated=syntax.negated(tok),
                hypothetical=syntax.hypothetical(tok),
                confidence=round(min(probs[best], LEARNED_MAX_CONFIDENCE), 2),
            )
        ]

    def _requested(self, tok: Token) -> bool:
        """True for an act only asked for or refused, the asking or refusing being coded."""
        head = syntax.requested_by(tok)
        asked = self.trigger(head) if head is not None else None
        if asked is not None and asked.plover == "REQUEST":
            return True
        head = syntax.refused_by(tok)  # "refused to withdraw": the refusal is the event
        refused = self.trigger(head) if head is not None else None
        return refused is not None and refused.plover == "REJECT"

    def _promised(self, tok: Token) -> bool:
        """True for an act only threatened or promised by a verb that is itself coded.

        "threatened to break off relations", "offered to mediate": the threat or offer is the
        event (as a stated future act is, ``syntax.stance``); acts with an ACLED type stay as
        hypothetical events ("threatened to shell the town"), and so do threatened strikes.
        """
        verb = tok if tok.pos_ == "VERB" else tok.head if tok.dep_ == "dobj" else None
        if verb is None or verb.pos_ != "VERB":
            return False
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # "its readiness to cooperate", "a threat to impose sanctions"
            trig = self.trigger(verb.head)
            if trig is not None and trig.plover in {"THREATEN", "AGREE"}:
                return True
        for head in syntax.control_chain(verb)[1:]:
            trig = self.trigger(head)
            if trig is not None and trig.plover in {"THREATEN", "AGREE"}:
                return True
        return False

    def _asked_or_refused(self, tok: Token) -> bool:
        """True for an act inside what a request or refusal is about.

        "rejected calls for economic aid", "opposed the deployment of peacekeepers", "demanded
        support in regaining control": the act is the content, not an event. Not "denied
        shelling the town": a denial's object is often an act others report took place.
        """
        t = tok
        for _ in range(6):
            if t.dep_ not in CONTENT_DEPS or t.head.i == t.i:
                return False
            if t.dep_ == "prep" and t.lower_ not in CONTENT_PREPS:
                return False  # "in a telephone conversation, X asked Y": the call took place
            t = t.head
            trig = self.trigger(t)
            if trig is not None and trig.plover in {"REQUEST", "REJECT"}:
                return base(t) not in {"deny", "dismiss"}
            if trig is not None and trig.plover == "THREATEN" and t.pos_ == "NOUN":
                return True  # "an ultimatum to halt attacks": what is demanded under threat
        return False

    def _protest_aim(self, tok: Token) -> bool:
        """True for a demand made by a protest it hangs on ("rioted demanding independence")."""
        if tok.dep_ not in {"advcl", "xcomp", "acl", "pcomp", "relcl"}:
            return False
        for anc in list(tok.ancestors)[:3]:
            heads = [anc, *(c for c in anc.children if c.dep_ == "dobj")]
            heads += [g for c in anc.children if c.dep_ == "prep" for g in c.children]
            if any((t := self.trigger(h)) is not None and t.plover == "PROTEST" for h in heads):
                return True
        return False

    def _describes(self, tok: Token) -> bool:
        """True for noun triggers that only describe another ("missile strike")."""
        return tok.dep_ in {"compound", "amod"} and self.trigger(tok.head) is not None

    def _events_for(
        self, tok: Token, trig: Trigger, sent: Span, clause: set[int], ctx: _Context
    ) -> list[Event]:
        on = ctx.article.published
        violent = trig.acled_type is not None and trig.plover in VIOLENT
        a1_tok, a2_tok = syntax.arguments(tok)
        if trig is MUST_REQUEST:
            # "Russia said Sudan must return ...": Russia asks, Sudan is asked.
            a1_tok, a2_tok = syntax.subject(tok.head), syntax.subject(tok)
        if a2_tok is not None and a2_tok.dep_ != "nsubj" and _is_place(a2_tok, ctx):
            a2_tok = None  # "shelled Avdiivka": the target town is the location, not an actor
        actor1 = self._actor(a1_tok, violent, ctx)
        actor2 = self._actor(a2_tok, violent, ctx)
        if actor1 is None and tok.pos_ != "VERB":
            actor1 = self._modifier_actor(tok, violent, on)
        if actor1 is None and a1_tok is None and violent:
            actor1 = self._ancestor_actor(tok, on)
        if actor1 is None and a1_tok is not None and violent:
            actor1 = _army_against(a1_tok, actor2, ctx)
        if trig.needs and (
            actor1 is None or actor1.sector not in ARMED.get(trig.needs, {trig.needs})
        ):
            return []
        locations: list[Location | None] = [*self._locations(tok, trig, sent, clause, ctx)]
        # "due to the attacks": a noun that points back at events told elsewhere ("it called off
        # a strike" has a doer, if an unresolved one: that noun is the clause's event).
        unowned = actor1 is None and a1_tok is None and not locations and not _breaks_out(tok)
        if tok.pos_ != "VERB" and unowned and trig is not LABOUR_STRIKE:
            return []
        plover, negated, hypothetical = trig.plover, syntax.negated(tok), syntax.hypothetical(tok)
        if trig is MUST_REQUEST:
            hypothetical = False  # the act is wanted; the demand was made
        if (
            negated
            and plover in {"CONSULT", "AGREE", "COOPERATE"}
            and syntax.controlled_by(tok, syntax.REJECT_HEADS)
        ) or (negated and syntax.refused_future(tok, plover)):
            plover, negated, hypothetical = "REJECT", False, False
        mode, acled_type, acled_sub = acled.refine(trig, tok, sent, actor2)
        quantities = find_quantities(sent.doc[min(clause) : max(clause) + 1])
        evidence = Evidence(sent.text.strip(), *_strip_offsets(sent))
        out = []
        for loc in locations or [None]:
            sub = acled_sub
            if acled_sub in acled.TERRITORY_SUBS:
                sub = acled.territory_sub(plover, actor1, loc, ctx.focus, sent)
            out.append(
                Event(
                    id=stable_id(ctx.article.id, plover, loc.name if loc else None, evidence.start),
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
        said = syntax.stance(tok, plover) if not syntax.negated(tok) else None
        if said is not None and said != plover and out:
            first = out[0]
            # "said it will withdraw": the promise or threat is what happened; it comes first.
            out.insert(
                0,
                Event(
                    id=stable_id(ctx.article.id, said, None, evidence.start),
                    type=said,
                    evidence=evidence,
                    actor1=actor1,
                    actor2=actor2,
                    confidence=_confidence(tok, actor1, None, False),
                    quantities=first.quantities,
                ),
            )
            if acled_type is None and all(e.hypothetical for e in out[1:]):
                # "would boycott all contact": one THREATEN, not also a boycott that did not happen
                del out[1:]
        return out

    def _actor(self, tok: Token | None, military: bool, ctx: _Context) -> Actor | None:
        if tok is None:
            return None
        if tok.lower_ in PRONOUNS:
            return self._pronoun(tok, ctx)
        actor = self.resolver.resolve(
            syntax.phrase(tok).text, military=military, on=ctx.article.published
        )
        unknown = actor.name is None and actor.country is None
        if unknown and tok.pos_ != "PROPN" and tok.lower_ not in PERSON_LIKE:
            return None
        return actor

    def _pronoun(self, tok: Token, ctx: _Context) -> Actor | None:
        """Resolve "he"/"she" to the speaker governing it, else the last person named."""
        if tok.lower_ in PERSON_PRONOUNS:
            for anc in tok.ancestors:
                subj = next((c for c in anc.children if c.dep_ == "nsubj" and c != tok), None)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    actor = self.resolver.resolve(
                        syntax.phrase(subj).text, on=ctx.article.published
                    )
                    if actor.name:
                        return Actor(tok.text, actor.name, actor.country, actor.sector)
            before = [a for at, a in ctx.persons if at < tok.idx]
            if before:
                last = before[-1]
                return Actor(tok.text, last.name, last.country, last.sector)
            return None
        prev = ctx.prev_actor
        return Actor(tok.text, prev.name, prev.country, prev.sector) if prev else None

    def _note_persons(self, sent: Span, ctx: _Context) -> None:
        # Span.ents rebuilds every entity of the doc on each call: read them once per article.
        if ctx.person_ents is None:
            ctx.person_ents = [e for e in sent.doc.ents if e.label_ == "PERSON"]
            ctx.person_starts = [e.start for e in ctx.person_ents]
        # The doc's entities come in text order: those from the sentence's first token on,
        # until one starts past its end (which cannot end inside it).
        ents = ctx.person_ents
        for k in range(bisect_left(ctx.person_starts, sent.start), len(ents)):
            ent = ents[k]
            if ent.start >= sent.end:
                break
            if ent.end <= sent.end:
                actor = self.resolver.resolve(ent.text, on=ctx.article.published)
                if actor.name:
                    ctx.persons.append((ent.start_char, actor))

    def _ancestor_actor(self, tok: Token, on: str | None) -> Actor | None:
        """Return the nearest armed or state actor above a subjectless trigger.

        "criticism of the defence ministry for withdrawing troops" -> the ministry.
        """
        found: list[Actor] = []
        inside = {t.i for t in tok.subtree}
        for anc in tok.ancestors:
            for child in anc.children:
                of_objects = [
                    g for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                ]  # fmt: skip
                heads = of_objects or ([child] if child.dep_ in {"nsubj", "pobj", "dobj"} else [])
                for head in heads:
                    if head.i in inside:
                        continue
                    actor = self.resolver.resolve(syntax.phrase(head).text, military=True, on=on)
                    if actor.sector in {"MIL", "GOV"} and actor.country:
                        found.append(actor)
        # An armed actor is the likelier doer of a military act than a politician who comments.
        return next((a for a in found if a.sector == "MIL"), found[0] if found else None)

    def _modifier_actor(self, tok: Token, military: bool, on: str | None) -> Actor | None:
        """Return the actor named inside a noun trigger ("Russian missiles", "Kyiv's attacks")."""
        for weapon in _weapons_beside(tok):
            # "explosions and Russian missiles": the weapon's owner fired it.
            for child in weapon.children:
                if child.dep_ in {"amod", "compound", "poss"}:
                    actor = self.resolver.resolve(child.text, military=True, on=on)
                    if actor.country is not None:
                        return actor
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                actor = self.resolver.resolve(child.text, military=military, on=on)
                if actor.country is not None:
                    return actor
            if child.dep_ == "prep" and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolver.resolve(
                            syntax.phrase(obj).text, military=military, on=on
                        )
        return None

    def _locations(
        self, tok: Token, trig: Trigger, sent: Span, clause: set[int], ctx: _Context
    ) -> list[Location]:
        """Return the places of the trigger's clause, else the sentence's unclaimed ones."""
        doc = sent.doc
        own_mark = _mark_at(ctx, tok.idx)
        usable: list[tuple[Place, Span, bool]] = []
        origins: list[tuple[Place, Span, bool]] = []
        for i in ctx.place_spans.within(sent.start_char, sent.end_char):
            p = ctx.places[i]
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or (syntax.actor_like(span.root) and p.start not in ctx.paired):
                continue
            if _mark_at(ctx, p.start) != own_mark:
                continue  # a place inside a quotation belongs to the quoted words
            prep = span.root.head.lower_ if span.root.dep_ == "pobj" else ""
            if prep == "from" and trig.plover == "ASSAULT":
                # "missiles from the Black Sea": where fire came from, not where it hit
                origins.append((p, span, span.root.i in clause))
                continue
            usable.append((p, span, span.root.i in clause))
        if not any(p.precision in {1, 2} for p, _, _ in usable):
            # "abducted the mayor from Bekhtery, Kherson": no other town; a sea or region
            # named as where missiles came from ("from the Black Sea") is still no location.
            usable += [o for o in origins if o[0].precision in {1, 2}]
        chosen = [(p, s) for p, s, inside in usable if inside]
        towns = [(p, s) for p, s, _ in usable if p.precision in {1, 2}]
        if chosen and towns and all(p.feature == "PCLI" for p, _ in chosen):
            # "missiles hit a Panama-flagged ship in Bilyari", "deported people who were in
            # Mariupol to Russia": a country in the clause, a town in the sentence: the town.
            chosen = towns
        elif chosen and all(p.precision == 3 and p.feature != "PCLI" for p, _ in chosen):
            # "fired at the Yavoriv training centre, Lviv": the clause names only a region, the
            # sentence a town inside it (the facility's town): the town is the more exact.
            regions = {p.admin1 for p, _ in chosen}
            inner = [(p, s) for p, s in towns if p.admin1 in regions]
            chosen = inner or chosen
        elsewhere = any(doc[i].lower_ == "elsewhere" for i in clause)
        if not chosen and trig.acled_type is not None and not elsewhere:
            chosen = [(p, s) for p, s, _ in usable]
        if not chosen and trig.acled_type is not None:
            described = _described_in(doc, clause, ctx.described)
            if described is not None:
                return [described]
        return _most_specific([_location(p, s, sent) for p, s in chosen])


_ARMY = "Military Forces of "
# Weapons fired from afar whose owner is the doer of the strike ("Russian missiles").
_FIRED = (
    acled.MISSILE_WORDS
    | acled.DRONE_WORDS
    | frozenset({"shell", "shells", "bomb", "bombs", "mortar", "mortars", "howitzer", "howitzers"})
)
_TARGET_PREPS = frozenset({"of", "on", "against", "at", "upon"})


def _weapons_beside(tok: Token) -> list[Token]:
    """Return the weapon nouns told with a noun trigger, not as its target."""
    near = [tok.head] if tok.dep_ == "conj" else []
    for t in tok.subtree:
        if t is tok:
            continue
        path = [t, *(a for a in t.ancestors if a.is_ancestor(t) and tok.is_ancestor(a))]
        if not any(a.dep_ == "prep" and a.lower_ in _TARGET_PREPS for a in path):
            near.append(t)
    return [t for t in near if t.lower_ in _FIRED]


def _army_against(tok: Token, target: Actor | None, ctx: _Context) -> Actor | None:
    """Return the army a bare armed noun names when it fights the other side of the war.

    "Elsewhere, counterintelligence destroyed 70 Russian tanks" in an article whose fighting
    so far was Ukraine's: the unnamed unit is the last army coded that is not the target's.
    """
    if tok.lower_ not in MILITARY_NOUNS or target is None or target.country is None:
        return None
    if any(c.dep_ in {"amod", "compound", "poss"} and c.pos_ != "ADV" for c in tok.children):
        return None  # "local forces", "their troops": named otherwise, not a bare unit
    army = next((a for a in reversed(ctx.armies) if a.country != target.country), None)
    if army is None:
        return None
    return Actor(tok.text, army.name, army.country, "MIL")


def _description(tok: Token) -> tuple[str, ...]:
    """Return a noun with its compounds as lemmas: "a border crossing" -> (border, crossing)."""
    return (*(c.lemma_.lower() for c in tok.children if c.dep_ == "compound"), tok.lemma_.lower())


def _described_places(doc: Doc, places: Sequence[Place]) -> dict[tuple[str, ...], Place]:
    """Return the towns the article describes in apposition ("Hoptivka, a border crossing").

    Only descriptions of two words or more, and each of one town only: "a village" says
    nothing of which village.
    """
    out: dict[tuple[str, ...], Place] = {}
    shared: set[tuple[str, ...]] = set()
    for p in places:
        if p.precision != 1 or p.name is None:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        for c in span.root.children:
            if c.dep_ != "appos" or c.pos_ != "NOUN":
                continue
            key = _description(c)
            if len(key) < 2:
                continue
            if key in out and out[key].name != p.name:
                shared.add(key)
            out.setdefault(key, p)
    return {k: v for k, v in out.items() if k not in shared}


def _described_in(
    doc: Doc, clause: set[int], described: dict[tuple[str, ...], Place]
) -> Location | None:
    """Return the town a clause names by its description: "reached the border crossing"."""
    if not described:
        return None
    for i in sorted(clause):
        t = doc[i]
        if t.pos_ != "NOUN" or not any(c.lower_ == "the" for c in t.children):
            continue
        p = described.get(_description(t))
        if p is not None:
            return _location_of(p, p.precision, "description", doc[t.left_edge.i : i + 1].text)
    return None


def _placed_by_region(places: Sequence[Place], text: str) -> frozenset[int]:
    """Return the starts of towns written "Town, Region" ("Snihurivka, Mykolaiv region").

    Such a town is where something happened even when the parser makes it a subject.
    """
    ordered = sorted(places, key=lambda p: p.start)
    return frozenset(
        p.start
        for p, q in pairwise(ordered)
        if p.precision in {1, 2}
        and q.precision == 3
        and q.feature != "PCLI"
        and not text[p.end : q.start].strip(", ")
    )


# Nouns a trigger noun can modify without naming an attack: warnings, shelters, equipment.
_NOT_EVENTS = frozenset(
    {"alert", "alarm", "siren", "warning", "shelter", "bunker", "launcher", "system",
     "defence", "defense", "threat", "danger", "signal", "drill", "map", "app", "survivor",
     "victim", "museum", "memorial", "anniversary", "monument", "site", "crater", "debris"}
)  # fmt: skip


_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "prep", "agent", "conj", "npadvmod"})


def _attributive(tok: Token, trig: Trigger) -> bool:
    """True for a participle describing a noun ("the banned party", "occupied territories").

    Such a participle names a state of things, not this sentence's event; acts with an ACLED
    type are kept ("the shelled village" still reports shelling).
    """
    if tok.pos_ != "VERB":
        return False
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and trig.acled_type is None:
        return any(c.dep_ == "agent" for c in tok.children)  # "separatists backed by Moscow"
    if tok.dep_ != "amod":
        return False
    if 1 < tok.i < tok.head.i and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].is_alpha:
        return True  # "the flood-hit country", "a Russian-occupied town": a description
    if trig.acled_type is None or (
        base(tok) in SEIZE_VERBS and tok.i < tok.head.i and base(tok.head) in SPOILS
    ):
        return True  # "the banned party", "return captured weapons"
    # An armed act only when the parse is surely a modifier: after a determiner, number or
    # adjective, before its noun, with no arguments ("the captured villages", "20 sacked
    # officials"; not a misparsed "soldiers robbed and tortured residents").
    if tok.i == 0 or tok.i > tok.head.i:
        return False
    before, after = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    modifier = (before.pos_ in {"DET", "NUM", "ADJ"} or before.text == "-") and after.pos_ != "VERB"
    return modifier and not any(c.dep_ in _ARGUMENT_DEPS for c in tok.children)


def _modifies_thing(tok: Token) -> bool:
    """True for a trigger noun that only qualifies a non-event noun ("air raid alert")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    t = tok
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
    return t.i != tok.i and base(t) in _NOT_EVENTS


def _verb_over(tok: Token) -> Token:
    """Return the word a noun hangs on, through a preposition ("agreed to the demand")."""
    head = tok.head
    return head.head if tok.dep_ == "pobj" and head.dep_ == "prep" else head


_SUBCLAUSE_DEPS = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "csubj", "parataxis"})


def _clause_depth(tok: Token) -> int:
    """Return how many clauses ``tok`` sits under (coordinated clauses share a level)."""
    depth = 0
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            break
        if t.dep_ in _SUBCLAUSE_DEPS:
            depth += 1
        t = t.head
    return depth


def _wanted_of_others(tok: Token) -> bool:
    """True for the act in "want the government to negotiate": what is wanted of others."""
    return (
        tok.dep_ in {"xcomp", "ccomp"}
        and base(tok.head) in {"want", "wish", "expect", "need"}
        and (
            any(c.dep_ == "dobj" for c in tok.head.children)
            or (tok.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in tok.children))
        )
    )


def _conditional(tok: Token) -> bool:
    """True for a trigger inside an "if"/"unless" clause: a condition, not a stated event."""
    t = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True
        if t.dep_ in {"advcl", "ROOT", "ccomp", "relcl"} or t.head.i == t.i:
            return False
        t = t.head
    return False


# Verbs whose subject noun is an event taking place ("fighting broke out", "clashes raged").
_HAPPEN = frozenset(
    {"break", "erupt", "rage", "continue", "intensify", "resume", "flare", "escalate",
     "occur", "spread", "begin", "start"}
)  # fmt: skip


def _breaks_out(tok: Token) -> bool:
    """True for a noun event that takes place or is done by someone unnamed.

    "fighting broke out", "a curfew was imposed", "troops were put on alert".
    """
    if tok.dep_ == "nsubj" and base(tok.head) in _HAPPEN:
        return True
    verb = tok.head if tok.dep_ in {"nsubjpass", "dobj"} else tok.head.head
    if verb.dep_ not in {"ROOT", "conj"}:
        return False  # "after a state of siege was declared": a cause told in passing
    return tok.dep_ in {"nsubjpass", "pobj"} and any(c.dep_ == "auxpass" for c in verb.children)


# Prepositions whose noun event is the circumstance or cause of another one in the sentence.
_CIRCUMSTANCE = frozenset({"after", "following", "since", "amid", "amidst", "during", "over"})


def _background(tok: Token) -> bool:
    """True for a noun trigger told as the cause or setting of another event.

    "after twelve days of battles", "amid heavy fighting", "because of the fighting", "in
    response to the attacks", "complained over two air raids".
    """
    if tok.pos_ == "VERB":
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "because":
        return True  # "because of fighting between the two sides"
    t = tok
    while t.dep_ in {"pobj", "prep"} and t.head.i != t.i and t.head.lower_ == "of":
        t = t.head.head  # "after 12 days of battles"
    if t.dep_ != "pobj":
        return False
    prep = t.head
    if prep.lower_ in _CIRCUMSTANCE:
        return True
    over = prep.head  # "in response to the attacks", "in protest at the arrests"
    return (
        prep.lower_ in {"to", "for", "at", "of", "against"}
        and over.lower_ in {"response", "retaliation", "reply", "protest", "reaction"}
        and over.dep_ == "pobj"
        and over.head.lower_ == "in"
    )


def _location_of(
    p: Place, precision: int | None, basis: str = "sentence", text: str | None = None
) -> Location:
    """Return the event location a place mention gives, at ``precision``, said how."""
    return Location(
        text=p.text if text is None else text,
        name=p.name,
        lat=p.lat,
        lon=p.lon,
        country=p.country,
        admin1=p.admin1,
        geonames_id=p.geonames_id,
        precision=precision,
        basis=basis,
        homonyms=p.homonyms,
    )


def _location(p: Place, span: Span, sent: Span) -> Location:
    precision = p.precision
    doc = sent.doc
    before = {t.lower_ for t in doc[max(span.start - 3, sent.start) : span.start]}
    after = {t.lower_ for t in doc[span.end : min(span.end + 2, sent.end)]}
    if precision == 1 and (before | after) & NEAR_WORDS:
        precision = 2
    return _location_of(p, precision)


def _only_town(ctx: _Context, start: int, end: int) -> Location | None:
    """Return the one town the text between ``start`` and ``end`` names, if it names one.

    "Drones dropped a substance on Mariupol, Donetsk. It was used against civilians.": the
    second event lies in the paragraph's town (precision 2), not at its region's point, when
    the sentences before name that town and no other.
    """
    within = (ctx.places[i] for i in ctx.place_spans.within(start, end))
    towns = [p for p in within if p.precision in {1, 2} and p.name is not None]
    if len({(p.name, p.lat, p.lon) for p in towns}) != 1:
        return None
    p = towns[0]
    return _location_of(p, 2, "paragraph")


def _article_region(places: Sequence[Place], focus: str | None) -> Location | None:
    """Return the first-level region the article names most often in its focus country."""
    counts: dict[str, int] = {}
    first: dict[str, Place] = {}
    for p in places:
        if p.precision != 3 or p.admin1 is None or p.name is None or p.country != focus:
            continue
        if p.name == p.country or p.lat is None:
            continue  # the country itself: a country's centre says nothing
        counts[p.name] = counts.get(p.name, 0) + 1
        first.setdefault(p.name, p)
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], -first[n].start))
    p = first[best]
    return _location_of(p, 3, "article")


def _from_context(para: Location | None, region: Location | None) -> Location | None:
    """Locate an event its sentence does not place, the way ACLED's coders do.

    An earlier event of the same paragraph lends its place at precision 2 ("part of or near");
    else the region the article is about lends its point at precision 3. Never a country.
    """
    if para is not None:
        return replace(para, precision=max(para.precision or 2, 2), basis="paragraph")
    return region


def _quote_marks(text: str, quotes: Sequence[Quote]) -> list[tuple[int, int, Attribution | None]]:
    """Return the stretches inside quotation marks, each with who said it (when known)."""
    out: list[tuple[int, int, Attribution | None]] = []
    for span in quote_spans(text):
        source = None
        for q in quotes:
            if q.start <= span.end and span.start <= q.end and q.speaker is not None:
                source = Attribution(q.speaker.text, q.speaker.name)
                break
        out.append((span.open, span.close, source))
    return out


def _mark_at(ctx: _Context, at: int) -> tuple[int, int, Attribution | None] | None:
    """Return the first quote mark stretch (in ``ctx.marks`` order) that holds ``at``."""
    found = ctx.mark_spans.covering(at)
    return ctx.marks[found[0]] if found else None


def _is_place(tok: Token, ctx: _Context) -> bool:
    return ctx.place_spans.covers(tok.idx)


def _most_specific(locs: list[Location]) -> list[Location]:
    """Drop a region or country when a town is also named; drop repeats of one place."""
    if any(loc.precision in {1, 2} for loc in locs):
        locs = [loc for loc in locs if loc.precision in {1, 2}]
    out: list[Location] = []
    for loc in locs:
        if all((o.name, o.text) != (loc.name, loc.text) for o in out):
            out.append(loc)
    return out


def _set_date(ev: Event, ref: DateRef | None, published: str | None) -> None:
    if ref is not None and ref.date is not None:
        ev.date, ev.date_text, ev.date_precision = ref.date, ref.text, ref.precision
    elif ref is not None:
        ev.date_text = ref.text
    elif published:
        # No time phrase: the publication date, stated as a fallback by precision 2.
        ev.date, ev.date_precision = published, 2


def _claim_for(
    claims: Sequence[Claim], spans: Intervals, start: int, end: int
) -> Attribution | None:
    """Return the source of the first claim that covers ``start:end`` or lies within it.

    Covering allows two chars of slack at each end; ``spans`` holds the claims' ranges, so
    the claims that qualify are found by bisection: ``c.start < start + 3`` and
    ``c.end > end - 3``, or ``start <= c.start`` and ``c.end <= end``.
    """
    found = spans.overlapping(end - 3, start + 3) + spans.within(start, end)
    return claims[min(found)].source if found else None


def _confidence(tok: Token, actor1: Actor | None, loc: Location | None, hyp: bool) -> float:
    score = 0.45 + (0.1 if tok.pos_ == "VERB" else 0.0)
    score += 0.2 if actor1 is not None and actor1.name else 0.0
    if loc is not None and loc.lat is not None:
        # A place the text shares with equal homonyms is right about a third of the time.
        score += 0.05 if loc.homonyms else 0.2
    score -= 0.25 if hyp else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


def _focus_country(places: Sequence[Place]) -> str | None:
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _strip_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(text.rstrip())
