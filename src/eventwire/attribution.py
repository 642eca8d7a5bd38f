"""Attributed claims: who an event report comes from ("according to X", "X said that ...").

The dependency parse finds a cue (a speech or claim verb, or "according to") and the
source phrase attached to it; the claim covers the cue's complement clause or, for adverbial
cues ("as reported by X", "according to X"), the clause they modify. Speaker resolution
(pronouns, "the Ukrainian leader") lives here too, because quotes and claims share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.records import Attribution, Entity

__all__ = ["Claim", "claim_for", "find_claims"]

_PRONOUNS = {"he", "she", "him", "her"}
_FIRST_PERSON = {"i", "we", "you", "me", "us"}
# Subjects that never name a source ("this was announced by X": the source is X).
_NON_SOURCES = {"this", "that", "it", "which", "what", "there", "who"}
# A person named as the object of these is a place or a target, not a likely speaker.
_LOCATIVE = {"in", "at", "near", "from", "to", "into", "towards", "toward", "around", "outside"}
_DEMONYMS = {
    "ukrainian": "UKR",
    "russian": "RUS",
    "chechen": "RUS",
    "american": "USA",
    "us": "USA",
    "u.s.": "USA",
    "french": "FRA",
    "german": "DEU",
    "british": "GBR",
    "belarusian": "BLR",
    "polish": "POL",
    "chinese": "CHN",
    "turkish": "TUR",
    "israeli": "ISR",
    "iranian": "IRN",
}


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


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """Return the cue lexicon's sections (speech, claim, medium, role, org_role)."""
    text = resources.files("eventwire").joinpath("data/cues.txt").read_text("utf-8")
    sections: dict[str, set[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
        else:
            sections.setdefault(current, set()).add(line.lower())
    return {k: frozenset(v) for k, v in sections.items()}


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
    # "X, who said ...", "X said ... and added", "X left, saying ...": the head's subject.
    if verb.dep_ in {"relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    participle = verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG"
    if (verb.dep_ == "conj" or participle) and verb.head.pos_ in {"VERB", "AUX"}:
        return speech_subject(verb.head)
    return None


def complement(verb: Token) -> Token | None:
    """Return the head of the clause ``verb`` reports (ccomp, or parataxis after a comma)."""
    for child in verb.children:
        if child.dep_ == "ccomp":
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


def _sentence_range(tok: Token) -> tuple[int, int]:
    """Return the char range of ``tok``'s sentence, trailing whitespace dropped."""
    sent = tok.sent
    text = sent.text.rstrip()
    return sent.start_char, sent.start_char + len(text)


def cue_frames(doc: Doc, *, claims: bool = True) -> list[Frame]:
    """Return every cue in ``doc`` with its source phrase and content (claim verbs optional)."""
    lex = lexicon()
    verbs = lex["speech"] | (lex["claim"] if claims else frozenset())
    frames: list[Frame] = [f for sent in doc.sents for f in _headline(sent)] if claims else []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and claims:
            frame = _according(tok)
            if frame is not None:
                frames.append(frame)
            continue
        if tok.pos_ != "VERB" or lemma not in verbs:
            continue
        subj = speech_subject(tok)
        if subj is None:
            continue
        source = source_phrase(subj)
        comp = complement(tok)
        if comp is not None:
            start, end = _clause_range(comp)
            frames.append(Frame(tok, lemma, source, start, end, True))
        elif claims:
            # "as reported by X" modifies the clause it hangs on; "X told CNN" covers the sentence.
            if tok.dep_ == "advcl" and tok.head.pos_ in {"VERB", "AUX"}:
                start, end = _clause_range(tok.head, skip=tok)
            else:
                start, end = _sentence_range(tok)
            rest = [t for t in tok.sent if not t.is_punct and t.i != tok.i and t not in source]
            if len(rest) < 3:
                continue  # "Trump said." after a quote: the quote already carries it
            frames.append(Frame(tok, lemma, source, start, end, False))
    return frames


def _headline(sent: Span) -> list[Frame]:
    """Return the frame of a "Name: what they said" headline or lede, if ``sent`` is one."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i == sent.start or colon.i - sent.start > 8:
        return []
    lead = sent.doc[sent.start : colon.i]
    if any(t.pos_ in {"VERB", "AUX"} for t in lead):
        return []
    # "Zelensky, fury over the UN: ..." is Zelensky's; "The Pentagon: ..." the Pentagon's.
    people = [e for e in sent.doc.ents if e.label_ == "PERSON" and lead.start <= e.start < lead.end]
    last = [e for e in sent.doc.ents if e.label_ == "ORG" and e.end == lead.end]
    if not people and not last:
        return []
    rest = sent.doc[colon.i + 1 : sent.end]
    words = [t for t in rest if not t.is_space and not t.is_punct]
    if len(words) < 2:
        return []
    ent = people[0] if people else last[0]
    start = max(ent.start, lead.start)
    while start > lead.start and sent.doc[start - 1].pos_ == "PROPN":
        start -= 1  # a first name or title NER left out ("Oleksiy" before "Reznikov")
    source = sent.doc[start : ent.end]
    end = words[-1].idx + len(words[-1].text)
    return [Frame(colon, ":", source, words[0].idx, end, False)]


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


def _overlapping(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """Return the best entity inside ``span`` (persons first, then organisations)."""
    hits = [e for e in entities if e.start < span.end_char and span.start_char < e.end]
    rank = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3}
    hits.sort(key=lambda e: (rank.get(e.label, 4), -(e.end - e.start)))
    return hits[0] if hits else None


def _person_context(doc: Doc, ent: Entity) -> set[str]:
    """Return lower-cased words around a person mention (titles, appositions, organisations)."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return set()
    lo = max(span.sent.start, span.start - 4)
    hi = min(span.sent.end, span.end + 8)
    words = {t.lower_ for t in doc[lo : span.start]}
    # Appositions: "Rafael Grossi, director general of the IAEA".
    if span.end < len(doc) and doc[span.end].text == ",":
        words |= {t.lower_ for t in doc[span.end : hi]}
    return words


def _is_place_like(doc: Doc, ent: Entity) -> bool:
    """Return True for a PERSON mention that sits where places go ("in Kiev", "from Sumy")."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN":
        return True  # "the Zaporizhzhia nuclear power plant": a modifier, not a person
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _is_subject(doc: Doc, ent: Entity) -> bool:
    """Return True when the entity is the subject of its clause (a likely antecedent)."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


def resolve(
    doc: Doc, mention: Span, entities: Sequence[Entity], quotes: Sequence[tuple[int, int]] = ()
) -> str | None:
    """Return the canonical name a speaker mention refers to (entity, pronoun, description)."""
    head = mention.root
    # Only an entity holding the phrase's head names it: "the Russian leader" is no NORP.
    hit = _overlapping(mention[head.i - mention.start : head.i - mention.start + 1], entities)
    if hit is None and mention[-1].pos_ == "PROPN":
        hit = _overlapping(mention[-1:], entities)  # "the agency Enerhoatom"
    if hit is not None and hit.label in {"PERSON", "ORG", "NORP"}:
        return hit.name or hit.text
    lex = lexicon()
    words = {t.lower_ for t in mention}
    is_pronoun = len(mention) == 1 and head.lower_ in _PRONOUNS
    # A description is a common noun ("the agency"); "the Kiev General Staff" is a name.
    is_desc = head.pos_ == "NOUN" and not any(t.pos_ == "PROPN" for t in mention)
    is_person_desc = is_desc and head.lemma_.lower() in lex["role"]
    is_org_desc = is_desc and head.lemma_.lower() in lex["org_role"]
    if not (is_pronoun or is_person_desc or is_org_desc) or hit is not None:
        return hit.name or hit.text if hit is not None else None
    labels = {"ORG", "NORP"} if is_org_desc else {"PERSON"}
    country = next((_DEMONYMS[w] for w in words if w in _DEMONYMS), None)
    chosen: Entity | None = None
    chosen_key = (False, -1)
    for ent in entities:
        if ent.label not in labels or ent.end > mention.start_char:
            continue
        if any(qs <= ent.start < qe for qs, qe in quotes) or _is_place_like(doc, ent):
            continue
        if is_person_desc:
            # Descriptions filter out who cannot be meant; among the rest the latest wins.
            context = _person_context(doc, ent)
            known = ent.country or next((_DEMONYMS[w] for w in context if w in _DEMONYMS), None)
            if country and known and known != country:
                continue
            roles = context & lex["role"]
            if roles and head.lower_ not in roles:
                continue  # an "adviser" is not "the leader"
        # A subject pronoun prefers an earlier subject (centering); then the latest mention.
        near = mention.start_char - ent.end < 400
        key = (is_pronoun and near and _is_subject(doc, ent), ent.start)
        if chosen is None or key > chosen_key:
            chosen, chosen_key = ent, key
    if chosen is None:
        return None
    return chosen.name or chosen.text


def find_claims(doc: Doc, entities: Sequence[Entity]) -> list[Claim]:
    """Return the attributed claims in ``doc``: content range, source, cue lemma."""
    # Imported here: quotes builds on this module, and both need the quote marks.
    from eventwire.quotes import quote_spans

    quoted = [(q.start, q.end) for q in quote_spans(doc.text)]
    claims: list[Claim] = []
    seen: set[tuple[int, int, int]] = set()
    for frame in cue_frames(doc):
        key = (frame.start, frame.end, frame.source.start_char)
        # A source named inside quoted words speaks through the quote's speaker, not the text.
        if key in seen or any(s <= frame.source.start_char < e for s, e in quoted):
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
