"""Attributed claims: who an event report comes from ("according to X", "X said that ...").

The dependency parse finds a cue (a speech or claim verb, or "according to") and the
source phrase attached to it; the claim covers the cue's complement clause or, for adverbial
cues ("as reported by X", "according to X"), the clause they modify. Speaker resolution
(pronouns, "the Ukrainian leader") lives in ``speakers``, shared with quotes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.intervals import Intervals
from eventwire.records import Attribution, Entity
from eventwire.speakers import lexicon, resolve

__all__ = ["Claim", "can_hold_views", "claim_for", "find_claims", "lexicon", "resolve"]

_FIRST_PERSON = {"you", "me", "us"}
# Subjects that never name a source ("this was announced by X": the source is X).
_NON_SOURCES = {"this", "that", "it", "which", "what", "there", "who"}
# Dependents that carry what a stance verb is about ("wants X", "hopes for X", "plans to X").
# Shares of people ("half of voters", "56 percent") hold views in polls.
_HOLDER_ENTS = {"PERSON", "ORG", "NORP", "GPE", "CARDINAL", "PERCENT"}
# Shares of a group: "a number of senators", "a third of voters", "the bulk of donors".
_SHARES = {
    "number",
    "share",
    "half",
    "third",
    "quarter",
    "fifth",
    "minority",
    "plurality",
    "bulk",
    "portion",
    "proportion",
    "percentage",
    "handful",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "group",
    "segment",
    "fraction",
}
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "ive", "ic")
# Prepositions that carry what a noun cue is about ("call for", "criticism of", "views on").
_NOUN_PREPS = {"for", "of", "on", "about", "against", "to", "over", "that"}
_ADDRESSEE = {"tell", "ask", "inform", "assure", "reassure", "remind", "urge", "warn"}
_LIGHT_PREPS = _NOUN_PREPS | {"at", "with"}
# Verbs that take a cue noun as object: "made the case", "took aim", "leveled criticism".
# Never verbs of war ("launched an attack", "fired shots"): those are events.
_LIGHT_VERBS = {
    "make",
    "take",
    "have",
    "give",
    "raise",
    "issue",
    "release",
    "deliver",
    "put",
    "level",
    "share",
    "lay",
    "pose",
    "lob",
    "hurl",
    "heap",
    "spare",
    "voice",
    "unveil",
    "adopt",
    "unleash",
    "circulate",
    "renew",
    "escalate",
    "soften",
    "harden",
    "step",
    "ramp",
    "revise",
    "include",
}
# Forms the small English model lemmatises wrongly ("hopes" -> "hop").
_MISLEMMAS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
_OBJECTS = {"dobj", "xcomp", "prep", "attr", "acomp", "oprd", "dative"}
# Verbs an infinitive cue completes without a view of their own ("went on to say").
_CARRIERS = {"go", "continue", "try", "begin", "start", "attempt", "seem", "appear", "decide"}


@dataclass(frozen=True, slots=True)
class Claim:
    """Content (a char range) that the text attributes to a source, with the cue word."""

    start: int
    end: int
    source: Attribution
    cue: str
    # Char range of the source's words in the text (for evaluation and highlighting).
    source_start: int = -1
    source_end: int = -1


@dataclass(frozen=True, slots=True)
class Frame:
    """One cue found in the parse: cue token, source phrase, content char range."""

    cue: Token
    lemma: str
    source: Span
    start: int
    end: int
    # True when the content is the cue's complement clause (reported speech proper).
    complement: bool


def source_phrase(head: Token) -> Span:
    """Return the noun phrase headed by ``head``, following "a tweet from X" to X."""
    medium = lexicon()["medium"]
    if head.lemma_.lower() in medium or head.lower_ in {"reports", "sources"}:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "of", "by"}:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return source_phrase(objs[0])
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    # Keep "of the IAEA" in "the director general of the IAEA"; drop relative clauses.
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "flat"} and child.lower_ in {"of", "for"}:
            end = child.right_edge.i + 1
        elif child.dep_ in {"compound", "flat"} or (child.dep_ == "appos" and child.i == end):
            # "the Ukrainian nuclear agency Enerhoatom": a name right after its description.
            end = child.right_edge.i + 1 if child.dep_ == "appos" else child.i + 1
        else:
            break
    span = doc[start:end]
    # Appositions and commas in the left edge ("X, 45, said") are not part of the name.
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def speech_subject(verb: Token) -> Token | None:
    """Return the token that names who speaks through ``verb`` (subject or passive agent)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    # The subject nearest the verb: a heading glued to the sentence parses as a second one.
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subjects.sort(key=lambda c: abs(verb.i - c.i))
    for child in subjects:
        if child.dep_ == "nsubjpass" or child.lower_ in _FIRST_PERSON:
            return None  # "it was said that" is unattributed; "I said" sits inside a quote
        if child.lower_ not in _NON_SOURCES:
            return child
        if child.lower_ == "it" and verb.lemma_.lower() in lexicon()["speech"]:
            return child  # "it said": an organisation, a report or a letter speaks
    # "Roughly 3 in 5 say ...": a share before the verb that the parse left without a subject.
    if not subjects:
        shares = [
            c
            for c in verb.lefts
            if c.dep_ in {"nummod", "npadvmod", "nmod"} and c.ent_type_ in {"CARDINAL", "PERCENT"}
        ]
        if shares:
            return shares[-1]
    # "Farmers tend more to say ...", "X was quick to deny ...": the copula's subject.
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ == "AUX":
        return speech_subject(verb.head.head)
    # "X, who said ...", "X said ... and added", "X left, saying ...": the head's subject.
    if verb.dep_ in {"relcl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return verb.head
    # "a group backing Rubio", "a new poll showing Trump ahead": the noun the participle modifies.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return _medium_owner(verb.head) or verb.head
    # "by calling X a liar", "after saying ...", "was criticized for calling ...": the one who
    # does what the preposition's verb says (its subject, or its passive subject).
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        gov = verb.head.head
        doers = [c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}]
        doers = [c for c in doers if c.lower_ not in _NON_SOURCES | _FIRST_PERSON]
        return doers[0] if doers else speech_subject(gov)
    participle = verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG"
    # "went on to criticize", "continued to defend", "tried to make the case": the subject
    # of the verb the infinitive completes, unless that verb is a cue itself ("wants to").
    if verb.dep_ in {"xcomp", "advcl"} and verb.head.lemma_.lower() in _CARRIERS:
        participle = True
    # "X said A was wrong and said B": the parse may join the second "said" to A's verb; it
    # is X's, as the first one is.
    if verb.dep_ == "conj" and _second_report(verb):
        return speech_subject(verb.head.head)
    if (verb.dep_ == "conj" or participle) and verb.head.pos_ in {"VERB", "AUX"}:
        found = speech_subject(verb.head)
        # "She said this was unfair, calling ...": the reporter of the clause.
        if found is None and participle and verb.head.dep_ == "ccomp":
            found = speech_subject(verb.head.head)
        return found
    # "Kovalenko, a mayor's aide, called ...": a finite verb the parse hung on the apposition.
    if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.head.dep_ == "appos":
        return verb.head.head if verb.head.head.pos_ in {"NOUN", "PROPN"} else None
    return None


def _second_report(verb: Token) -> bool:
    """Return True for a speech verb joined to the clause another speech verb reports."""
    speech = lexicon()["speech"]
    head = verb.head
    return (
        verb.lemma_.lower() in speech
        and head.dep_ == "ccomp"
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in speech
        and head.head.i < head.i
    )


def _medium_owner(noun: Token) -> Token | None:
    """Return who put out a statement ("His office issued a statement saying ..."), if named."""
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in lexicon()["medium"]:
        return None
    verb = noun.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.pos_ != "VERB" or subj is None or subj.lower_ in _NON_SOURCES | _FIRST_PERSON:
        return None
    return subj if can_hold_views(subj) else None


def complement(verb: Token) -> Token | None:
    """Return the head of the clause ``verb`` reports (ccomp, or parataxis after a comma)."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    # "A say B; C say D": the parse may hang the first report on the second verb as well.
    # The clause after the verb is what it reports; one before it ("B, C said") only when no
    # semicolon parts them.
    after = [c for c in comps if c.i > verb.i]
    if after:
        return after[0]
    for child in comps:
        if not any(t.text == ";" for t in verb.doc[child.right_edge.i + 1 : verb.i]):
            return child
    for child in verb.children:
        if child.dep_ == "parataxis" and child.i < verb.i:
            return child
    return None


def _clause_range(head: Token, skip: Token | None = None) -> tuple[int, int]:
    """Return the char range of ``head``'s subtree without a leading "that" and edge marks."""
    tokens = [t for t in head.subtree if skip is None or not (t == skip or skip.is_ancestor(t))]
    while tokens and (
        tokens[0].is_punct or (tokens[0].lower_ == "that" and tokens[0].dep_ == "mark")
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {")", "]"}:
        tokens = tokens[:-1]
    if not tokens:
        return head.idx, head.idx + len(head.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim_before(verb: Token) -> int:
    """Return the char offset where the words before ``verb``'s own subtree end ("A and")."""
    tok = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else verb
    while tok.i > 0 and (tok.is_punct or tok.dep_ == "cc"):
        tok = tok.doc[tok.i - 1]
    return tok.idx + len(tok.text)


def _object_range(verb: Token) -> tuple[int, int] | None:
    """Return the char range of what a belief or stance verb is about (its objects), if any."""
    # "wants a ban on guns", "criticized Clinton over her emails", "talked about the economy":
    # the content is a noun phrase or an infinitive, not a clause.
    parts = [c for c in verb.rights if c.dep_ in _OBJECTS]
    if not parts:
        return None
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge for p in parts)
    while last.is_punct and last.i > first:
        last = verb.doc[last.i - 1]
    return verb.doc[first].idx, last.idx + len(last.text)


def _sentence_range(tok: Token) -> tuple[int, int]:
    """Return the char range of ``tok``'s sentence, trailing whitespace dropped."""
    sent = tok.sent
    text = sent.text.rstrip()
    return sent.start_char, sent.start_char + len(text)


def can_hold_views(subj: Token) -> bool:
    """Return True when a subject can believe, want or criticise: a person, group or body."""
    # "the attacks highlight the threat" is no attribution; "officials highlight it" is.
    if subj.pos_ in {"PROPN", "PRON"} or subj.ent_type_ in _HOLDER_ENTS:
        return True
    lex = lexicon()
    lemma = subj.lemma_.lower()
    # Agent nouns name people: "pollster", "organizer", "strategist", "participant".
    if subj.pos_ == "NOUN" and lemma.endswith(_AGENT_SUFFIXES) and lemma not in lex["things"]:
        return True
    if any(lemma in lex[k] for k in ("role", "org_role", "medium", "people")):
        return True
    # "a growing number of senators", "half of the delegates", "two-thirds of voters": the
    # share holds the view its members hold.
    if lemma in _SHARES or subj.ent_type_ in {"CARDINAL", "PERCENT"}:
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                members = [c for c in prep.children if c.dep_ == "pobj"]
                return bool(members) and can_hold_views(members[0])
    return False


# The last document's frames: quotes and claims both read them, one after the other.
_LAST_FRAMES: dict[str, tuple[Doc, bool, tuple[Frame, ...]]] = {}


def cue_frames(doc: Doc, *, claims: bool = True) -> list[Frame]:
    """Return every cue in ``doc`` with its source phrase and content (claim verbs optional)."""
    last = _LAST_FRAMES.get("doc")
    if last is not None and last[0] is doc and last[1] == claims:
        return list(last[2])
    frames = _cue_frames(doc, claims=claims)
    _LAST_FRAMES["doc"] = (doc, claims, tuple(frames))
    return frames


def _cue_frames(doc: Doc, *, claims: bool) -> list[Frame]:
    """Return the cue frames of ``doc``, computed."""
    lex = lexicon()
    pursue = lex["pursue"] if claims else frozenset()
    judge = lex["judge"] if claims else frozenset()
    verbs = lex["speech"] | (lex["claim"] | pursue | judge if claims else frozenset())
    ents = _DocEnts(doc)
    frames: list[Frame] = [f for s in doc.sents for f in _headline(s, ents)] if claims else []
    nouns, stances = lex["noun"], lex["stance"]
    for tok in doc:
        lower = tok.lower_
        lemma = _MISLEMMAS.get(lower) or tok.lemma_.lower()
        if lower == "according" and claims:
            frame = _according(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if claims and lower == "in" and tok.dep_ == "prep":
            frame = _in_source(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if claims and lower == "to" and tok.dep_ == "prep":
            frame = _viewpoint(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if claims and lemma in nouns and tok.pos_ == "NOUN":
            frame = _noun_cue(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if claims and lemma in stances and tok.dep_ == "acomp":
            frame = _stance(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if tok.pos_ != "VERB":
            continue
        if lemma not in verbs:
            # "faced criticism", "drew questions", "won the support" are no light verbs: the
            # subject is the target.
            if claims and lemma in _LIGHT_VERBS:
                frame = _light_verb(tok, lemma)
                if frame is not None:
                    frames.append(frame)
            continue
        if lemma in pursue and not _pursues(tok):
            continue  # "the army pushed to the border" moves; "pushed for a vote" asks
        if lemma in judge and complement(tok) is None and not _judges_as(tok):
            continue  # "police identified the victims" reports an act, not a finding
        subj = speech_subject(tok)
        if subj is None or (lemma not in lex["speech"] and not can_hold_views(subj)):
            continue
        source = source_phrase(subj)
        comp = complement(tok)
        if comp is not None:
            # "... said A and said B": B is the second verb's, not part of A.
            second = next(
                (c for c in comp.children if c.dep_ == "conj" and _second_report(c)), None
            )
            start, end = _clause_range(comp, skip=second)
            if second is not None:
                end = min(end, _trim_before(second))
            frames.append(Frame(tok, lemma, source, start, end, True))
        elif claims:
            # "as reported by X" modifies the clause it hangs on; "X told CNN" covers the sentence.
            # "vowed to fight", "promised to stay out": the infinitive is what was said.
            infinitive = any(c.dep_ == "xcomp" for c in tok.children)
            # "denounced the tests", "complained about her": a speech verb's object too, but
            # not the one spoken to ("told reporters", "asked him").
            direct = lemma not in _ADDRESSEE and any(
                c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"about", "of", "against"})
                for c in tok.children
            )
            wants = lemma in lex["claim"] or lemma in pursue or lemma in judge
            obj = _object_range(tok) if wants or infinitive or direct else None
            if obj is not None:
                start, end = obj
            elif tok.dep_ == "advcl" and tok.head.pos_ in {"VERB", "AUX"}:
                start, end = _clause_range(tok.head, skip=tok)
            else:
                start, end = _sentence_range(tok)
            rest = [t for t in tok.sent if not t.is_punct and t.i != tok.i and t not in source]
            if len(rest) < 3:
                continue  # "Trump said." after a quote: the quote already carries it
            frames.append(Frame(tok, lemma, source, start, end, False))
    return frames


def _pursues(verb: Token) -> bool:
    """Return True when a verb of pressure asks for something: "for X", or "them to do X"."""
    kids = list(verb.children)
    if any(c.dep_ == "prep" and c.lower_ == "for" and list(c.children) for c in kids):
        return not _may(verb)
    if verb.lemma_.lower() == "vote":
        # "voted against the bill", "voted in favour", "voted to lift the curfew".
        return not _may(verb) and any(
            (c.dep_ == "prep" and c.lower_ in {"against", "in"} and _favour(c))
            or (c.dep_ == "xcomp" and c.pos_ == "VERB")
            for c in kids
        )
    if not any(c.dep_ == "dobj" for c in kids):
        return False
    # "pressed the governors to release the funds": the infinitive parses as xcomp, advcl
    # or ccomp; "pushed the enemy back to the river" has none.
    return any(
        c.dep_ in {"xcomp", "advcl", "ccomp"}
        and c.pos_ in {"VERB", "AUX"}
        and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
        for c in kids
    )


def _judges_as(verb: Token) -> bool:
    """Return True for "identified the drones as Iranian", "viewed it as a provocation"."""
    for t in (verb, *(c for c in verb.children if c.dep_ in {"dobj", "oprd"})):
        if any(c.dep_ == "prep" and c.lower_ == "as" and list(c.children) for c in t.children):
            return True
    return False


def _may(verb: Token) -> bool:
    """Return True for a right or a duty, not a choice: "can vote for", "must vote for"."""
    modals = {"can", "could", "must", "may", "might", "should"}
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def _favour(prep: Token) -> bool:
    """Return True for "against X" and "in favor (of X)"."""
    if prep.lower_ == "against":
        return any(c.dep_ == "pobj" for c in prep.children)
    return any(c.lower_ in {"favor", "favour", "support"} for c in prep.children)


class _DocEnts:
    """A doc's entities, read once when first asked (``doc.ents`` builds them all anew).

    They come in text order and never overlap, so their starts and their ends both ascend:
    those starting in a token range, or ending at a token, are found by bisection.
    """

    __slots__ = ("_doc", "_ends", "_ents", "_starts")

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._ents: list[Span] | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []

    def _read(self) -> list[Span]:
        if self._ents is None:
            self._ents = list(self._doc.ents)
            self._starts = [e.start for e in self._ents]
            self._ends = [e.end for e in self._ents]
        return self._ents

    def starting_in(self, start: int, end: int) -> list[Span]:
        """Return the entities whose first token is in ``start:end``, in text order."""
        ents = self._read()
        return ents[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def ending_at(self, end: int) -> list[Span]:
        """Return the entities that end at token ``end``, in text order."""
        ents = self._read()
        return ents[bisect_left(self._ends, end) : bisect_right(self._ends, end)]


def _headline(sent: Span, ents: _DocEnts) -> list[Frame]:
    """Return the frame of a "Name: what they said" headline or lede, if ``sent`` is one."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i == sent.start or colon.i - sent.start > 8:
        return []
    lead = sent.doc[sent.start : colon.i]
    if any(t.pos_ in {"VERB", "AUX"} for t in lead):
        return []
    # "Zelensky, fury over the UN: ..." is Zelensky's; "The Pentagon: ..." the Pentagon's.
    people = [e for e in ents.starting_in(lead.start, lead.end) if e.label_ == "PERSON"]
    last = [e for e in ents.ending_at(lead.end) if e.label_ == "ORG"]
    rest = sent.doc[colon.i + 1 : sent.end]
    words = [t for t in rest if not t.is_space and not t.is_punct]
    if len(words) < 2:
        return []
    if people or last:
        ent = people[0] if people else last[0]
    else:
        # A title-case headline lead the tagger did not take as a name ("Trump: ...", "Poll: ...").
        named = _title_lead(lead)
        if named is None:
            return []
        return [Frame(colon, ":", named, words[0].idx, words[-1].idx + len(words[-1].text), False)]
    start = max(ent.start, lead.start)
    while start > lead.start and sent.doc[start - 1].pos_ == "PROPN":
        start -= 1  # a first name or title NER left out ("Oleksiy" before "Reznikov")
    source = sent.doc[start : ent.end]
    end = words[-1].idx + len(words[-1].text)
    return [Frame(colon, ":", source, words[0].idx, end, False)]


def _title_lead(lead: Span) -> Span | None:
    """Return a short title-case name that opens a paragraph before a colon, if ``lead`` is one."""
    doc = lead.doc
    at_paragraph = (
        lead.start == 0 or "\n" in doc[lead.start - 1].whitespace_ + doc[lead.start - 1].text
    )
    words = [t for t in lead if not t.is_space]
    if not at_paragraph or not words or len(words) > 4:
        return None
    if not all(t.text[:1].isupper() or t.is_punct for t in words) or words[-1].is_punct:
        return None
    return doc[words[0].i : words[-1].i + 1]


def _light_verb(tok: Token, lemma: str) -> Frame | None:
    """Return the frame of a light verb with a cue noun ("made the case for X", "took aim at X")."""
    noun = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if noun is None or noun.lemma_.lower() not in lexicon()["light"]:
        return None
    subj = speech_subject(tok)
    if subj is None or not can_hold_views(subj):
        return None
    # "issued a statement saying ...": the participle is the cue and carries the content.
    lex = lexicon()
    cues = lex["speech"] | lex["claim"]
    if any(c.dep_ == "acl" and c.lemma_.lower() in cues for c in noun.children):
        return None
    # What the noun is about ("the case that ...", "criticism of X"), else the verb's own
    # prepositional object ("took aim at X", "took issue with X").
    parts = [c for c in noun.rights if c.dep_ in {"acl", "ccomp", "prep"}]
    parts = [c for c in parts if c.dep_ != "prep" or c.lower_ in _LIGHT_PREPS]
    if not parts:
        parts = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _LIGHT_PREPS]
    if not parts:
        return None
    start, end = _clause_range(parts[0])
    if parts[0].dep_ == "prep":
        objs = [c for c in parts[0].children if c.dep_ in {"pobj", "pcomp"}]
        if not objs:
            return None
        start, end = _clause_range(objs[0])
    return Frame(tok, lemma, source_phrase(subj), start, end, False)


def _stance(adj: Token) -> Frame | None:
    """Return the frame of "X is critical of Y", "X is confident that ...", "eager to ..."."""
    subj = speech_subject(adj.head)
    if subj is None or not can_hold_views(subj):
        return None
    part = next((c for c in adj.rights if c.dep_ in {"prep", "ccomp", "xcomp"}), None)
    if part is None:
        return None
    start, end = _clause_range(part)
    if part.dep_ == "prep":
        obj = next((c for c in part.children if c.dep_ in {"pobj", "pcomp"}), None)
        if obj is None:
            return None
        start, end = _clause_range(obj)
    return Frame(adj, adj.lemma_.lower(), source_phrase(subj), start, end, False)


def _noun_cue(tok: Token) -> Frame | None:
    """Return the frame of a noun cue with a possessive source ("Kyiv's claim that ...")."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    # "its" and "my" rarely name a speaker in news ("its position", "my view").
    if owner is None or owner.lower_ in {"its", "my", "our", "your"}:
        return None
    parts = [c for c in tok.rights if c.dep_ in {"acl", "ccomp", "prep", "relcl"}]
    parts = [c for c in parts if c.dep_ != "prep" or c.lower_ in _NOUN_PREPS]
    if parts:
        start, end = _clause_range(parts[0])
    elif tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.lower_ == "view":
        prep = tok.head  # "in X's view, ...": the clause the phrase modifies
        if prep.head.pos_ not in {"VERB", "AUX"}:
            return None
        start, end = _clause_range(prep.head, skip=prep)
    else:
        return None
    return Frame(tok, tok.lemma_.lower(), source_phrase(owner), start, end, False)


def _viewpoint(prep: Token) -> Frame | None:
    """Return the frame of "To Petrenko, the deal is a trap" (a view; "For X," is a stake)."""
    doc = prep.doc
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or not _opens_sentence(prep) or obj.ent_type_ in {"DATE", "TIME"}:
        return None
    comma = doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(doc) else None
    if comma is None or comma.text != "," or not can_hold_views(obj):
        return None
    head = prep.head
    if head.pos_ not in {"VERB", "AUX"} or head.i < comma.i:
        return None
    start, end = _clause_range(head, skip=prep)
    return Frame(prep, prep.lower_, source_phrase(obj), start, end, False)


def _opens_sentence(tok: Token) -> bool:
    """Return True when ``tok`` is the first word of its sentence (after any quote mark)."""
    first = next((t for t in tok.sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.i == tok.i


def _in_source(prep: Token) -> Frame | None:
    """Return the frame of "in a new poll, ...", "leads in the CNN poll" (the poll says it)."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in lexicon()["finding"]:
        return None
    # One poll says something; "leads in the polls" is a standing, not a source.
    if obj.tag_ in {"NNS", "NNPS"}:
        return None
    head = next((t for t in prep.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if head is None:
        return None
    start, end = _clause_range(head, skip=prep)
    return Frame(prep, "in", source_phrase(obj), start, end, False)


def _according(tok: Token) -> Frame | None:
    """Return the frame of "according to X" hung on ``tok``, or None when it has no object."""
    preps = [c for c in tok.children if c.lower_ == "to"]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if not preps and nxt is not None and nxt.lower_ == "to":
        preps = [nxt]
    objs = [c for p in preps for c in p.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source = source_phrase(objs[0])
    head = tok.head if tok.head != tok and tok.head.pos_ in {"VERB", "AUX"} else None
    if head is None:
        start, end = _sentence_range(tok)
    else:
        start, end = _clause_range(head, skip=tok)
    return Frame(tok, "according to", source, start, end, False)


def _restated(frame: Frame, frames: Sequence[Frame], spans: Intervals, quoted: Intervals) -> bool:
    """Return True for a view reported inside another claim ("X said he wants Y").

    The outer claim already carries it: "he wants Y" and "Trump wants Y" in "X said Trump
    wants Y" are what X said, not a second source; so is "residents reported Z" in "X said
    residents reported Z", and "Smith told him ..." in "X said that Smith told him ..." (the
    text has it from X; PolNeAR marks X, in two of three such reports on its train split).
    "According to" and a named owner's statement noun ("rejected Moscow's claim that ...")
    stay: they name a source of their own.
    """
    src = frame.source
    named = src.root.pos_ == "PROPN" or bool(src.root.ent_type_)
    speech = frame.lemma in lexicon()["speech"]
    if frame.lemma == "according to" or (named and speech and frame.cue.pos_ == "NOUN"):
        return False
    if quoted.covers(frame.start):
        return False
    at = src.start_char
    return any(
        other is not frame
        and not (frame.start <= other.start and other.end <= frame.end)
        # A cue inside quoted words is no claim of its own (see ``find_claims``).
        and not quoted.covers(other.source.start_char)
        for other in (frames[i] for i in spans.covering(at))
    )


def _passed_on(frame: Frame, frames: Sequence[Frame], spans: Intervals) -> bool:
    """Return True for a report that "according to" passes on ("X said A, according to Z").

    The text has it from Z: Z is the source of what X said (as PolNeAR marks it), and X's
    words stay X's in the quotes. So is a poll for its shares ("In a new poll, 60 percent
    said ...").
    """
    if frame.lemma == "according to":
        return False
    at, cue = frame.source.start_char, frame.cue.idx
    return any(
        other.lemma in {"according to", "in"}
        and other.start <= cue < other.end
        and not other.source.start_char <= at < other.source.end_char
        for other in (frames[i] for i in spans.covering(at))
    )


def find_claims(doc: Doc, entities: Sequence[Entity]) -> list[Claim]:
    """Return the attributed claims in ``doc``: content range, source, cue lemma."""
    # Imported here: quotes builds on this module, and both need the quote marks.
    from eventwire.quotes import quote_spans

    quoted = Intervals((q.start, q.end) for q in quote_spans(doc.text))
    claims: list[Claim] = []
    seen: set[tuple[int, int, int]] = set()
    frames = cue_frames(doc)
    # Which frames contain a position, by bisection: a long article has thousands.
    spans = Intervals((f.start, f.end) for f in frames)
    for frame in frames:
        key = (frame.start, frame.end, frame.source.start_char)
        # A source named inside quoted words speaks through the quote's speaker, not the text.
        if key in seen or quoted.covers(frame.source.start_char):
            continue
        if _restated(frame, frames, spans, quoted) or _passed_on(frame, frames, spans):
            continue
        seen.add(key)
        name = resolve(doc, frame.source, entities)
        source = Attribution(text=frame.source.text, name=name)
        claims.append(
            Claim(
                frame.start,
                frame.end,
                source,
                frame.lemma,
                frame.source.start_char,
                frame.source.end_char,
            )
        )
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def claim_for(claims: Sequence[Claim], start: int, end: int) -> Claim | None:
    """Return the claim whose content covers most of the char range ``start:end``, or None."""
    best: Claim | None = None
    best_key = (0, 0)
    for claim in claims:
        overlap = min(end, claim.end) - max(start, claim.start)
        # A claim about one clause does not cover a sentence it only brushes.
        if overlap <= 0 or 2 * overlap < min(end - start, claim.end - claim.start):
            continue
        key = (overlap, -(claim.end - claim.start))  # then the tightest claim
        if key > best_key:
            best, best_key = claim, key
    return best
