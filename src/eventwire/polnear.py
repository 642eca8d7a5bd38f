"""PolNeAR evaluation of quotes and claims: gold attributions read from brat standoff files.

A prediction (a quote, or a claim no quote already carries) matches a gold attribution when
its content overlaps the gold content and its source is the gold source: the same words, or
the same resolved name. Predictions and gold attributions are paired one to one (a maximum
bipartite matching), so two predictions over one gold attribution count one true positive,
and one sentence-wide prediction cannot collect several gold attributions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from eventwire.attribution import find_claims, lexicon, resolve, source_phrase
from eventwire.quotes import quote_cues
from eventwire.records import Entity

__all__ = [
    "Comparison",
    "Gold",
    "Pred",
    "compare",
    "errors",
    "evaluate",
    "gold_attributions",
    "match",
    "matches",
    "predictions",
    "read_brat",
    "read_texts",
    "score",
]

_Range = tuple[int, int]
# Relative pronouns: PolNeAR marks "who" as the source of "X, who said ..."; it is X.
_RELATIVE = {"who", "which", "that", "whom"}


@dataclass(frozen=True, slots=True)
class Pred:
    """A predicted attribution: content range(s), source range and the source's resolved name."""

    content: _Range
    source: _Range
    name: str
    # Further pieces of one quote broken by its cue ("“A,” she said. “B.”"), as PolNeAR and
    # PARC mark them: one attribution with a discontinuous content.
    parts: tuple[_Range, ...] = ()


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold attribution: content, source (and its antecedent), resolved name, speech cue."""

    content: _Range
    source: _Range
    name: str
    speech: bool
    alias: _Range = (-1, -1)


def read_brat(path: Path) -> list[tuple[_Range, _Range, _Range]]:
    """Return (content, source, cue) ranges of each attribution in a brat ``.ann`` file."""
    spans: dict[str, _Range] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = [int(x) for x in re.findall(r"\d+", parts[1].split(" ", 1)[1])]
            # Discontinuous spans ("12 20;25 40") are read as their hull.
            spans[parts[0]] = (min(offsets), max(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(role.split(":", 1) for role in parts[1].split() if ":" in role)
            relations.append({k.rstrip("0123456789"): v for k, v in roles.items()})
    gold = []
    for rel in relations:
        if "Content" in rel and "Source" in rel:
            cue = spans.get(rel.get("Cue", ""), (-1, -1))
            gold.append((spans[rel["Content"]], spans[rel["Source"]], cue))
    return gold


def _overlap(a: _Range, b: _Range) -> bool:
    """Return True when two char ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _entities(doc: Doc) -> list[Entity]:
    """Return spaCy's own person/organisation/group/place entities, without canonical names."""
    labels = {"PERSON", "ORG", "NORP", "GPE"}
    return [
        Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in labels
    ]


def predictions(doc: Doc, entities: Sequence[Entity]) -> list[Pred]:
    """Return the quotes of ``doc`` and the claims that no quote already carries."""
    preds: list[Pred] = []
    last_cue = -1  # the previous quote's cue verb (token index)
    claims = find_claims(doc, entities)
    # "“A,” X said, according to Z" and "In a new poll, 60 percent said “A”": PolNeAR marks
    # one attribution, Z's or the poll's; that claim carries the quote (which stays X's
    # among the quotes).
    passed = [c for c in claims if c.cue in {"according to", "in"}]
    for q, cue in quote_cues(doc, entities):
        sp = q.speaker
        if sp is None or sp.start is None or sp.end is None:
            preds.append(Pred((q.start, q.end), (-1, -1), ""))
            continue
        source = (sp.start, sp.end)
        if any(
            c.start <= sp.start < c.end
            and _overlap((c.start, c.end), (q.start, q.end))
            and not _overlap((c.source_start, c.source_end), source)
            for c in passed
        ):
            continue
        last = preds[-1] if preds else None
        # A quote with a cue verb of its own ("said that A “B”, adding that “C”") is a second
        # attribution; one under the same cue or none ("“A,” she said, “B.”") is a piece.
        own = cue >= 0 and cue != last_cue
        last_cue = cue
        if q.kind != "indirect" and last is not None and last.source == source and not own:
            # The same speaker mention: a piece of the same quote, in its paragraph or in the
            # paragraphs that carry it on without a new cue (PolNeAR marks one attribution).
            preds[-1] = Pred(last.content, source, last.name, (*last.parts, (q.start, q.end)))
        else:
            preds.append(Pred((q.start, q.end), source, sp.name or ""))
    quoted = list(preds)
    for c in claims:
        item = Pred((c.start, c.end), (c.source_start, c.source_end), c.source.name or "")
        # A claim from a quote's speaker mention over the quote's words repeats that quote's
        # cue ("“...,” X said, adding that ..." keeps the added claim), and so does one that
        # says what a quote of the same person says.
        if not any(
            (_overlap(item.source, p.source) and _covers(p, item.content))
            or (_covers(p, item.content) and p.name and p.name == item.name)
            for p in quoted
        ):
            preds.append(item)
    return preds


def _covers(pred: Pred, content: _Range) -> bool:
    """Return True when any piece of ``pred``'s content overlaps ``content``."""
    return any(_overlap(piece, content) for piece in (pred.content, *pred.parts))


def _speech_cue(doc: Doc, cue: _Range) -> bool:
    """Return True when the gold cue holds a speech verb or "according to"."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue[0] >= 0 else None
    speech = lexicon()["speech"]
    return span is not None and any(
        (t.lemma_.lower() in speech and t.pos_ in {"VERB", "AUX"}) or t.lower_ == "according"
        for t in span
    )


def gold_attributions(
    doc: Doc, entities: Sequence[Entity], gold: list[tuple[_Range, _Range, _Range]]
) -> list[Gold]:
    """Return the gold attributions with sources resolved the way speakers are."""
    out: list[Gold] = []
    for content, source, cue in gold:
        span = doc.char_span(source[0], source[1], alignment_mode="expand")
        name = resolve(doc, span, entities) if span is not None and len(span) else None
        alias = (-1, -1)
        if span is not None and len(span) == 1 and span[0].lower_ in _RELATIVE:
            verb = span[0].head
            if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
                antecedent = source_phrase(verb.head)
                alias = (antecedent.start_char, antecedent.end_char)
                name = name or resolve(doc, antecedent, entities)
        out.append(Gold(content, source, name or "", _speech_cue(doc, cue), alias))
    return out


def matches(pred: Pred, gold: Gold, *, by_name: bool = True) -> bool:
    """Return True when contents overlap and the source is the gold one (span or name).

    ``by_name=False`` accepts only a source whose words overlap the gold source's (or its
    antecedent's): the stricter count, which no speaker resolution can help.
    """
    if not _covers(pred, gold.content):
        return False
    if _overlap(pred.source, gold.source) or _overlap(pred.source, gold.alias):
        return True
    # The same person named differently ("Bernie Sanders" and "Sanders"): compare surnames.
    return (
        by_name and bool(pred.name and gold.name) and pred.name.split()[-1] == gold.name.split()[-1]
    )


def match(preds: Sequence[Pred], golds: Sequence[Gold], *, by_name: bool = True) -> list[int]:
    """Return, for each gold attribution, the index of its paired prediction or -1."""
    edges = [
        [p for p, pred in enumerate(preds) if matches(pred, g, by_name=by_name)] for g in golds
    ]
    owner = [-1] * len(preds)  # owner[p]: the gold attribution prediction p is paired with

    def augment(g: int, seen: set[int]) -> bool:
        # Kuhn's augmenting path: take a free prediction, or move its owner to another one.
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if owner[p] < 0 or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    paired = [-1] * len(golds)
    for p, g in enumerate(owner):
        if g >= 0:
            paired[g] = p
    return paired


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def read_texts(
    dev_dir: str | Path, limit: int | None = None
) -> list[tuple[str, str, list[tuple[_Range, _Range, _Range]]]]:
    """Return (name, text, gold ranges) of each annotated PolNeAR text, sorted by name."""
    root = Path(dev_dir)
    texts = sorted((root / "text").glob("*.txt"))[:limit]
    anns = sorted((root / "attributions").glob("*.ann"))
    out = []
    for path in texts:
        # Some texts have several annotators' files; the first one (by name) is the gold.
        ann = next((a for a in anns if a.name.rsplit("_", 1)[0] == path.stem), None)
        if ann is not None:
            out.append((path.stem, path.read_text("utf-8"), read_brat(ann)))
    return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """One text's predictions and gold attributions, with the one-to-one pairings."""

    preds: list[Pred]
    golds: list[Gold]
    paired: list[int]  # for each gold attribution, its prediction's index or -1
    paired_span: list[int]  # the same, sources matched by their words only


def compare(doc: Doc, gold: list[tuple[_Range, _Range, _Range]]) -> Comparison:
    """Return the predictions for ``doc`` paired with its gold attributions."""
    entities = _entities(doc)
    preds = predictions(doc, entities)
    named = gold_attributions(doc, entities, gold)
    return Comparison(preds, named, match(preds, named), match(preds, named, by_name=False))


def errors(text: str, result: Comparison) -> dict[str, list[dict[str, str]]]:
    """Return the unpaired predictions and gold attributions of one text, as words.

    For error analysis: each item gives the source, its resolved name and the content.
    """

    def words(r: _Range) -> str:
        return text[r[0] : r[1]] if r[0] >= 0 else ""

    used = {p for p in result.paired if p >= 0}
    wrong = [
        {"source": words(p.source), "name": p.name, "content": words(p.content)}
        for i, p in enumerate(result.preds)
        if i not in used
    ]
    missed = [
        {
            "source": words(g.source),
            "name": g.name,
            "content": words(g.content),
            "speech": str(g.speech),
        }
        for g, p in zip(result.golds, result.paired, strict=True)
        if p < 0
    ]
    return {"wrong": wrong, "missed": missed}


def evaluate(
    dev_dir: str | Path, limit: int | None = None, docs: Sequence[Doc] | None = None
) -> dict[str, float]:
    """Return precision, recall and F1 of quotes and claims against PolNeAR brat files.

    ``docs``: the texts already parsed, in ``read_texts`` order (to score a subset or reuse
    a parse); parsed here when None.
    """
    from eventwire.nlp import parse_many

    items = read_texts(dev_dir, limit)
    if docs is None:
        docs = list(parse_many((body for _, body, _ in items), batch_size=8))
    return score([compare(doc, gold) for doc, (_, _, gold) in zip(docs, items, strict=True)])


def score(results: Sequence[Comparison]) -> dict[str, float]:
    """Return the figures over the compared texts ``results``."""
    keys = ("tp", "tp_span", "pred", "gold", "speech", "tp_speech", "any_pred", "any_gold")
    counts = dict.fromkeys(keys, 0)
    for r in results:
        preds, named, paired = r.preds, r.golds, r.paired
        counts["pred"] += len(preds)
        counts["gold"] += len(named)
        counts["tp"] += sum(p >= 0 for p in paired)
        counts["tp_span"] += sum(p >= 0 for p in r.paired_span)
        # Recall on speech cues alone (say, tell, according to): PolNeAR also marks beliefs,
        # wishes, support and criticism, which reported speech proper does not cover.
        counts["speech"] += sum(g.speech for g in named)
        counts["tp_speech"] += sum(g.speech and p >= 0 for p, g in zip(paired, named, strict=True))
        # The lenient count (any overlap, many to many), for comparison with older figures.
        counts["any_pred"] += sum(any(matches(p, g) for g in named) for p in preds)
        counts["any_gold"] += sum(any(matches(p, g) for p in preds) for g in named)
    precision = _ratio(counts["tp"], counts["pred"])
    recall = _ratio(counts["tp"], counts["gold"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": round(f1, 4),
        "recall_speech_cues": _ratio(counts["tp_speech"], counts["speech"]),
        # Sources matched by their words only, never through a resolved name.
        "f1_span_source": round(2 * counts["tp_span"] / (counts["pred"] + counts["gold"]), 4)
        if counts["pred"] + counts["gold"]
        else 0.0,
        "precision_lenient": _ratio(counts["any_pred"], counts["pred"]),
        "recall_lenient": _ratio(counts["any_gold"], counts["gold"]),
        "texts": float(len(results)),
        "predicted": float(counts["pred"]),
        "gold": float(counts["gold"]),
        "gold_speech_cues": float(counts["speech"]),
    }
