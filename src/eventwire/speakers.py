"""Speakers: the cue lexicon and the resolution of a speaker mention to a canonical name.

Pronouns ("he" after Kadyrov) and descriptions ("the Ukrainian leader", "the agency") are
resolved against the entities seen before the mention; quotes and claims share this.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from eventwire.intervals import Intervals
from eventwire.records import Entity

__all__ = ["lexicon", "resolve"]

_PRONOUNS = {"he", "she", "him", "her", "his"}
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


class _Antecedents:
    """An article's entities (and quoted stretches) indexed for ``resolve``.

    ``resolve`` is asked once per claim and quote, and a long article has thousands of each
    and of entities: the entities overlapping a mention come by bisection, and the backward
    search for an antecedent reads the entities latest first and stops at the first that
    wins (see ``resolve``), not all of them.
    """

    __slots__ = (
        "entities",
        "longest",
        "neg_starts",
        "order",
        "quoted",
        "quotes",
        "reversed",
        "spans",
    )

    def __init__(self, entities: tuple[Entity, ...], quotes: tuple[tuple[int, int], ...]) -> None:
        self.entities, self.quotes = entities, quotes
        self.spans = Intervals((e.start, e.end) for e in entities)
        # Latest start first; among equal starts, the entities' own order.
        self.order = sorted(range(len(entities)), key=lambda i: (-entities[i].start, i))
        self.neg_starts = [-entities[i].start for i in self.order]
        self.longest = max((e.end - e.start for e in entities), default=0)
        self.reversed = any(e.end < e.start for e in entities)
        self.quoted = Intervals(quotes)


# The index of the last article asked: rebuilt when the entities or quotes differ (same
# objects in the same order, else a new index).
_LAST: list[_Antecedents] = []


def _antecedents(entities: Sequence[Entity], quotes: Sequence[tuple[int, int]]) -> _Antecedents:
    ents, spans = tuple(entities), tuple(quotes)
    if _LAST and _LAST[0].entities == ents and _LAST[0].quotes == spans:
        return _LAST[0]
    index = _Antecedents(ents, spans)
    _LAST[:] = [index]
    return index


def _overlapping(span: Span, index: _Antecedents) -> Entity | None:
    """Return the best entity inside ``span`` (persons first, then organisations)."""
    entities = index.entities
    hits = [entities[i] for i in index.spans.overlapping(span.start_char, span.end_char)]
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
    if not root.dep_:
        # A sentence the parser skipped (no cue, quote or trigger in it): read the words.
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and after.ent_type_ == "":
            return True  # "the Zaporizhzhia plant"
        return before is not None and before.lower_ in _LOCATIVE
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN":
        return True  # "the Zaporizhzhia nuclear power plant": a modifier, not a person
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _is_subject(doc: Doc, ent: Entity) -> bool:
    """Return True when the entity is the subject of its clause (a likely antecedent)."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return False
    if not span.root.dep_:
        # Unparsed sentence: a name that opens its sentence or stands right before a verb.
        after = doc[span.end] if span.end < len(doc) else None
        opens = span.start == span.sent.start
        return opens or (after is not None and after.pos_ in {"VERB", "AUX"})
    return span.root.dep_ in {"nsubj", "nsubjpass"}


def resolve(
    doc: Doc, mention: Span, entities: Sequence[Entity], quotes: Sequence[tuple[int, int]] = ()
) -> str | None:
    """Return the canonical name a speaker mention refers to (entity, pronoun, description)."""
    head = mention.root
    index = _antecedents(entities, quotes)
    # Only an entity holding the phrase's head names it: "the Russian leader" is no NORP.
    hit = _overlapping(mention[head.i - mention.start : head.i - mention.start + 1], index)
    if hit is None and mention[-1].pos_ == "PROPN":
        hit = _overlapping(mention[-1:], index)  # "the agency Enerhoatom"
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
    at = mention.start_char
    # The winner has the greatest key (subject pronoun's antecedent near it, then latest
    # start; the first such entity on a tie): read the entities latest start first, the
    # first that qualifies wins unless a later one read could still be a near subject. An
    # entity ends after it starts, so one that starts after the mention cannot end before it.
    ents, order = index.entities, index.order
    first = 0 if index.reversed else bisect_left(index.neg_starts, -at)
    chosen: Entity | None = None
    for k in range(first, len(order)):
        ent = ents[order[k]]
        if chosen is not None and not (is_pronoun and ent.start + index.longest > at - 400):
            break  # no entity from here on can be near: the first that qualified wins
        if ent.label not in labels or ent.end > at:
            continue
        if index.quoted.covers(ent.start) or _is_place_like(doc, ent):
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
        near = at - ent.end < 400
        if is_pronoun and near and _is_subject(doc, ent):
            chosen = ent
            break
        if chosen is None:
            chosen = ent
    if chosen is None:
        return None
    return chosen.name or chosen.text
