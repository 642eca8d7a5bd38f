"""Reading a trigger's dependency parse: its arguments, clause, negation and modality."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from eventwire.triggers import RECEIVE_VERBS, base

MODALS = frozenset({"could", "would", "might", "may", "will", "shall", "should", "can", "must"})
# Heads that make what they govern an intention, not a fact ("threatens to strike"); not "try":
# an attempted assault took place.
INTENT_HEADS = frozenset(
    {"threaten", "plan", "intend", "want", "prepare", "prepared", "ready", "able", "seek",
     "aim", "promise", "vow", "pledge", "propose", "need", "agree"}
)  # fmt: skip
# Heads that make what they govern a request to someone else ("asked Putin to withdraw").
REQUEST_HEADS = frozenset({"ask", "urge", "call", "demand", "order", "appeal", "invite"})
# Verbs whose complement is only asked for ("urged Russia to withdraw"): not "order", whose
# complement is commanded of the speaker's own side and often done.
REQUEST_VERBS = frozenset(
    {
        "ask",
        "urge",
        "call",
        "demand",
        "appeal",
        "request",
        "implore",
        "beg",
        "plead",
        "press",
        "push",
        "pressure",
        "pressurise",
        "pressurize",
        "lobby",
    }
)
# Of those, the verbs whose direct object is the thing asked for ("demanded the withdrawal");
# "called the attack a crime" names an event that happened.
_ASKED_OBJECT = frozenset({"demand", "request"})
# Verbs whose complement is an act refused ("refused to withdraw", "rejected talks"); not
# "deny", whose object is often an act that others report took place.
REFUSE_VERBS = frozenset({"refuse", "reject", "decline", "rule", "turn", "dismiss", "veto"})
REJECT_HEADS = frozenset({"want", "intend", "ready", "plan", "willing"})
# Heads that make their object the doer of what they govern ("forced Russian troops to retreat").
OBJECT_CONTROL = REQUEST_HEADS | {"force", "compel", "make"}
# Heads that say the act was tried and did not happen ("failed to take the town").
FAILURE_HEADS = frozenset({"fail", "unable"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_WHEN = frozenset({"DATE", "TIME"})
_CLAUSE_DEPS = frozenset({"advcl", "conj", "ccomp", "parataxis", "relcl"})


def arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """Return (actor1 head, actor2 head) of a trigger from its dependents and controllers."""
    a1: Token | None = None
    a2: Token | None = None
    for child in tok.children:
        if child.dep_ == "nsubj":
            a1 = child
        elif child.dep_ == "nsubjpass":
            a2 = child
        elif child.dep_ == "agent":
            a1 = next((c for c in child.children if c.dep_ == "pobj"), a1)
        elif child.dep_ == "dobj" and a2 is None:
            a2 = child
        elif child.dep_ == "prep" and child.lower_ in {"against", "with", "on"} and a2 is None:
            a2 = next(
                (c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in _WHEN),
                None,
            )  # "on Friday" is a date, not the other party
    if a1 is None and tok.pos_ == "VERB":
        a1 = _inherited_subject(tok)
    if tok.pos_ != "VERB" and a1 is None and tok.dep_ in {"dobj", "pobj"}:
        # A noun trigger takes the doer of the verb it hangs on: "X launched an attack",
        # "in a telephone conversation, X asked Y" (then Y is the other party).
        verb = governing_verb(tok)
        if verb is not None:
            a1 = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if a1 is None and verb.pos_ == "VERB":
                a1 = _inherited_subject(verb)  # "is prepared to impose martial law"
            if tok.dep_ == "pobj" and a2 is None:
                a2 = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if base(verb) in RECEIVE_VERBS and a1 is not None:
                # "Ukraine received military aid from Poland": Poland gives, Ukraine gets.
                return _giver(tok, verb), a1
    return a1, a2


def _giver(tok: Token, verb: Token) -> Token | None:
    """Return the "from" object on the receiving verb or on the noun phrase received."""
    subjects = {t.i for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree}
    for t in verb.subtree:
        if t.dep_ == "prep" and t.lower_ == "from" and t.i not in subjects:
            return next((c for c in t.children if c.dep_ == "pobj"), None)
    return None


def subject(tok: Token) -> Token | None:
    """Return the active subject of ``tok``, if it has one."""
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def governing_verb(tok: Token) -> Token | None:
    """Return the nearest verb above ``tok`` (for nouns: the clause they belong to)."""
    return next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def _inherited_subject(tok: Token) -> Token | None:
    """Subject shared by coordinated or controlled verbs; object control for requests."""
    head = tok
    while head.dep_ in {"conj", "xcomp", "advcl", "acomp"} and head.head.i != head.i:
        controlled = head.dep_ == "xcomp"
        head = head.head
        if controlled and base(head) in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return None


def phrase(tok: Token) -> Span:
    """Return the noun phrase headed by ``tok`` without relative clauses and appositions."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        keep.extend(child.subtree)
    return tok.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1]


def control_chain(tok: Token) -> list[Token]:
    """Return ``tok`` and the words controlling it ("not ready to negotiate": negotiate, ready)."""
    chain = [tok]
    while chain[-1].dep_ in {"xcomp", "acomp", "pcomp"} and len(chain) < 4:
        head = chain[-1].head
        if head.dep_ == "prep":
            head = head.head
        chain.append(head)
    return chain


def negated(tok: Token) -> bool:
    """True when the trigger or a word controlling it is negated ("did not", "no longer")."""
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        tok = tok.head  # "did not launch an attack", "has not held talks"
    chain = control_chain(tok)
    if any(base(t) in FAILURE_HEADS for t in chain[1:]):
        return True
    if tok.dep_ == "pcomp" and base(tok.head.head) == "fail":
        return True  # "Failing to capture the city, ..."
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg":
                return True
            if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                return True
    return False


def controlled_by(tok: Token, lemmas: Collection[str]) -> bool:
    """True when a word controlling ``tok`` has one of ``lemmas``."""
    return any(base(t) in lemmas for t in control_chain(tok)[1:])


def hypothetical(tok: Token) -> bool:
    """True for threats, plans, requests, conditionals and modal statements."""
    for t in (tok, tok.head) if tok.dep_ in {"xcomp", "conj"} else (tok,):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in t.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True
    if controlled_by(tok, INTENT_HEADS | REQUEST_HEADS):
        return True
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.dep_ == "xcomp":
        return hypothetical(tok.head)  # "threatened to hold a general strike"
    return tok.dep_ == "pobj" and base(tok.head.head) in INTENT_HEADS


def requested_by(tok: Token) -> Token | None:
    """Return the request verb whose requested act ``tok`` is, if any.

    "asked Putin to withdraw", "called on the West to impose sanctions", "demanded that Russia
    withdraw", "called for the withdrawal", "demanded the release": what is asked for is the
    content of the request, not an event that happened.
    """
    return _complement_of(tok, REQUEST_VERBS, _ASKED_OBJECT)


def refused_by(tok: Token) -> Token | None:
    """Return the refusing verb whose refused act ``tok`` is ("refused to withdraw")."""
    return _complement_of(tok, REFUSE_VERBS, REFUSE_VERBS)


def _complement_of(
    tok: Token, verbs: Collection[str], object_verbs: Collection[str]
) -> Token | None:
    t = tok
    for _ in range(4):
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "to withdraw and stop shelling": both are asked for
        head, dep = t.head, t.dep_
        if head.i == t.i:
            return None
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "for":
            head, dep = head.head, "for"  # "called for a ceasefire", "asked for the release"
        elif dep not in {"xcomp", "ccomp", "advcl", "dobj"}:
            return None
        if head.pos_ == "VERB" and base(head) in verbs:
            if dep == "dobj" and base(head) not in object_verbs:
                return None
            if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                return None  # "urged calm after the attack": not what was asked
            return head
        if head.pos_ != "VERB" or dep not in {"xcomp", "dobj"}:
            return None
        t = head  # "to stop shelling", "to impose sanctions": asked for when the verb is
    return None


def clause_tokens(tok: Token, others: Collection[Token]) -> set[int]:
    """Return the token indices a trigger governs, less what other triggers below it govern."""
    below = {o.i for o in others if o.i != tok.i and tok.is_ancestor(o)}
    keep: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for child in t.children:
            if child.i in below:
                continue
            if child.dep_ in _CLAUSE_DEPS and any(c.dep_ in SUBJECTS for c in child.children):
                continue  # a clause with its own subject is its own event's business
            stack.append(child)
    return keep


# Nouns a place name modifies as a place, not as an actor ("Kharkiv region", "Hoptivka village").
_PLACE_HEADS = frozenset(
    {"region", "regions", "oblast", "province", "area", "city", "district", "border", "village",
     "town", "settlement", "township", "hamlet", "suburb", "suburbs", "outskirts", "vicinity",
     "airport", "airfield", "port", "villages", "towns", "districts",
     # facilities named after their town ("the Yavoriv training center"); not power plants
     # and stations, named after a region as often as after the town they stand in
     "center", "centre", "base", "range", "depot", "hospital", "school",
     "bridge", "factory", "refinery", "warehouse", "prison", "market"}
)  # fmt: skip


# Nouns whose "of" names the actor's country ("the forces of Russia"), not a place of the event.
_FORCE_NOUNS = frozenset(
    {"forces", "force", "army", "troops", "military", "navy", "government", "ministry"}
)


def actor_like(tok: Token) -> bool:
    """True when a place name is used as an actor: a subject, or a modifier of a person noun."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "Moscow and Kiev are blaming each other": Kiev is a subject too
    # A passive subject is what was acted on ("Buhas was shelled"): the place, no actor.
    if head.dep_ == "nsubj":
        verb = head.head
        # "continued to block and shell Chernihiv trying to ...": a name right after a verb
        # that lacks its object, parsed as the subject of a participle, is that verb's object.
        before = head.doc[head.i - 1] if head.i > 0 else None
        if (
            verb.tag_ == "VBG"
            and verb.i > head.i
            and before is not None
            and before.pos_ == "VERB"
            and not any(c.dep_ in {"dobj", "obj"} for c in before.children)
        ):
            return False
        # "forces retook Mala Shestirnya": a second subject after the verb is its object.
        return not (
            head.i > verb.i and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
        )
    if head.dep_ == "poss":
        return True
    # "the military forces of Russia launched ...": part of the acting subject ("the mayor of
    # Izyum fled" is still where it happened).
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.dep_ == "nsubj":
        return of.head.lower_ in _FORCE_NOUNS
    if head.dep_ == "nmod" and head.i < head.head.i and head.head.lower_ in _FORCE_NOUNS:
        return True  # "Russia Military forces fired": the country of the acting forces
    return (
        head.dep_ in {"compound", "amod"}
        and head.head.pos_ in {"NOUN", "PROPN"}
        and head.head.lower_ not in _PLACE_HEADS
    )


# PLOVER codes a stated future act by its stance: a promised cooperative act is AGREE, a
# promised hostile act is THREATEN, an act someone "must" do is REQUEST.
COOPERATIVE = frozenset({"AID", "CONSULT", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})
PROMISE_HEADS = frozenset(
    {"offer", "promise", "pledge", "vow", "willing", "ready", "prepared", "prepare", "plan",
     "intend", "decide", "agree", "announce", "commit", "committed", "consider"}
)  # fmt: skip
_FUTURE = frozenset({"will", "would", "shall", "may", "might", "could", "'ll"})


_INSIST = frozenset({"insist", "demand", "urge", "ask", "request", "propose", "recommend"})


def _subjunctive(tok: Token) -> bool:
    """True for "insisted that the government reopen talks": the act is demanded."""
    return (
        tok.dep_ == "ccomp"
        and tok.tag_ == "VB"
        and base(tok.head) in _INSIST
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ == "aux" for c in tok.children)
    )


def refused_future(tok: Token, plover: str) -> bool:
    """True for a cooperative act stated as one that will not be done ("will not accept")."""
    if plover not in COOPERATIVE | {"AGREE"} or tok.pos_ != "VERB":
        return False
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in tok.children)


def stance(tok: Token, plover: str) -> str | None:
    """Return the PLOVER category a statement about a future act makes (AGREE/THREATEN/REQUEST)."""
    if tok.pos_ != "VERB" and tok.dep_ == "dobj":
        tok = tok.head  # "would impose a blockade": the verb carries the modality
    elif tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        tok = tok.head.head  # "will send a delegation to the talks"
    if controlled_by(tok, REQUEST_HEADS):
        return None  # "asked X to withdraw": the asking verb is the request already
    chain = control_chain(tok)
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"must", "should"} or _subjunctive(tok):
        return "REQUEST"
    future = bool(auxes & _FUTURE) or controlled_by(tok, PROMISE_HEADS)
    if not future:
        return None
    if plover in COOPERATIVE:
        return "AGREE"
    if plover in HOSTILE:
        return "THREATEN"
    return None
