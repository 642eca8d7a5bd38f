"""Quotes: direct, indirect and mixed, with speaker, cue and channel.

Quotation marks are found on the raw text, paragraph by paragraph, because machine
translation leaves every style (straight, curly, « », „) and mismatched pairs ('...”); the
parse then supplies the cue verb and its subject around each quote, and reported speech
without marks comes from cue verbs with a complement clause (see ``attribution``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.attribution import (
    Frame,
    complement,
    cue_frames,
    lexicon,
    resolve,
    source_phrase,
    speech_subject,
)
from eventwire.records import Entity, Quote, Speaker

__all__ = ["QuoteSpan", "evaluate_polnear", "find_quotes", "quote_spans"]

_DOUBLE = '"“”«»„'
_SINGLE = "'‘’‹›"
_CLOSE_ONLY = "”»›"
# Characters after which a mark opens a quote ("(‘", "—“", ": '").
_BEFORE_OPEN = "([{—–-/:;,"
_AFTER_CLOSE = ".,;:!?-)]—–…"
# How far after a closing mark a cue may stand (“...,” the governor of the region said).
_TAIL_TOKENS = 8

_CHANNELS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\binterview (?:with|to) ([A-Z][\w.&-]+)"), "{} interview"),
    (re.compile(r"\b([A-Z][\w.&-]+) interview\b"), "{} interview"),
    (re.compile(r"\b(Twitter|Telegram|Facebook|Instagram|YouTube|TikTok|VKontakte)\b"), None),
    (re.compile(r"\b(tweet|video|phone call|telephone call|telephone conversation)s?\b"), None),
    (re.compile(r"\b(phone conversation|press conference|statement|interview|speech)s?\b"), None),
]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A run of quoted words: the marks' positions and the words between them."""

    open: int
    start: int
    end: int
    close: int


def _is_in_word(prev: str, nxt: str) -> bool:
    """Return True when a mark sits between two word characters (an apostrophe)."""
    return prev.isalnum() and nxt.isalnum()


def _can_open(mark: str, prev: str, nxt: str) -> bool:
    """Return True when ``mark`` may open a quote here."""
    if mark in _CLOSE_ONLY or not nxt or nxt.isspace():
        return False
    return not prev or prev.isspace() or prev in _BEFORE_OPEN or prev in _DOUBLE + _SINGLE


def _can_close(mark: str, prev: str, nxt: str, after: str) -> bool:
    """Return True when ``mark`` may close a quote (``after``: the text that follows)."""
    if mark in "'’" and prev == "s" and re.match(r"\s+[a-z]", after):
        return False  # "the Russians' weapons": a plural possessive
    if prev and not prev.isspace():
        return True
    # A mark after a space closes only before a space or punctuation: "battlefield ”."
    return not nxt or nxt.isspace() or nxt in _AFTER_CLOSE


def _paragraph_quotes(text: str, base: int) -> list[QuoteSpan]:
    """Return the quotes of one paragraph (``base``: its offset in the document)."""
    spans: list[QuoteSpan] = []
    opened: tuple[int, str] | None = None
    for i, mark in enumerate(text):
        if mark not in _DOUBLE and mark not in _SINGLE:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if _is_in_word(prev, nxt):
            continue
        if opened is None:
            if _can_open(mark, prev, nxt):
                opened = (i, mark)
            continue
        first = opened[1]
        # A double-quoted passage ends only at a double mark (single ones nest inside it);
        # a single-quoted one ends at any mark, since translation mixes 'x” and ‘x".
        if first in _DOUBLE and mark not in _DOUBLE:
            continue
        if mark == "“" and first != "„" and _can_open(mark, prev, nxt):
            continue
        if _can_close(mark, prev, nxt, text[i + 1 :]):
            spans.append(_span(text, base, opened[0], i, i + 1))
            opened = None
    if opened is not None:
        end = len(text.rstrip())
        spans.append(_span(text, base, opened[0], end, end))
    return [s for s in spans if s.end > s.start]


def _span(text: str, base: int, open_at: int, end: int, close: int) -> QuoteSpan:
    """Return the quote between marks, its words trimmed of surrounding whitespace."""
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    # The comma of “..., ” X said belongs to the sentence around the quote, not the words.
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSpan(base + open_at, base + start, base + end, base + close)


def quote_spans(text: str) -> list[QuoteSpan]:
    """Return every quoted passage in ``text``; none crosses a line break."""
    spans: list[QuoteSpan] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(_paragraph_quotes(line, offset))
        offset += len(line) + 1
    return spans


def _token_at(doc: Doc, char: int) -> int:
    """Return the index of the token that holds (or first follows) char offset ``char``."""
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    if span is not None and len(span):
        return int(span.start)
    for tok in doc:
        if tok.idx >= char:
            return int(tok.i)
    return len(doc)


def _speech_verb(tok: Token, *, tail: bool = False) -> bool:
    """Return True for a verb that introduces speech (say, write, announce, ...)."""
    lex = lexicon()
    verbs = lex["speech"] | lex["tail"] if tail else lex["speech"]
    return tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}


@dataclass(slots=True)
class _Cue:
    """What was found around one quote: cue verb, speaker phrase and kind."""

    verb: Token | None
    mention: Span | None
    kind: str = "direct"
    start: int | None = None


def _in(tok: Token, lo: int, hi: int) -> bool:
    return lo <= tok.i < hi


def _tail_cue(doc: Doc, lo: int, hi: int) -> _Cue | None:
    """Return the cue after a quote (“...,” X said / said X / he added), if any."""
    for tok in doc[lo : min(hi, lo + _TAIL_TOKENS)]:
        if tok.is_sent_end and tok.is_punct and tok.i == lo:
            return None
        if _speech_verb(tok, tail=True):
            subj = _subject_of(tok, lo, hi)
            if subj is not None:
                return _Cue(tok, source_phrase(subj))
    return None


def _subject_of(verb: Token, lo: int, hi: int) -> Token | None:
    """Return the subject (or passive agent) of ``verb`` when it lies in tokens lo..hi."""
    subj = speech_subject(verb)
    if subj is not None and _in(subj, lo, hi):
        return subj
    # The parse may hang the subject inside the quote: "said Smith", "Smith said".
    doc = verb.doc
    for i in (verb.i + 1, verb.i - 1):
        if not lo <= i < hi or doc[i].dep_ in {"dobj", "dative", "pobj", "npadvmod"}:
            continue  # "told Reuters", "asked Smith": the one spoken to
        if doc[i].pos_ == "PROPN" or doc[i].lower_ in {"he", "she"}:
            return doc[i]
    return None


def _lead_cue(doc: Doc, lo: int, hi: int, entities: Sequence[Entity]) -> _Cue | None:
    """Return the cue before a quote (X said: “...”, X: '...', according to X), if any."""
    lead = doc[lo:hi]
    if not len(lead):
        return None
    for tok in reversed(lead):
        if tok.lower_ == "according" and tok.i + 2 <= hi and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj" and _in(c, lo, hi)]
            if objs:
                return _Cue(None, source_phrase(objs[0]))
        if _speech_verb(tok):
            subj = _subject_of(tok, lo, hi)
            if subj is None:
                continue
            between = doc[tok.i + 1 : hi]
            colon = any(t.text in {":", ","} for t in between[-2:])
            inner = doc[min(hi + 1, len(doc) - 1)]
            if not colon and not tok.is_ancestor(inner):
                break  # the quote is not what this verb reports
            cue = _Cue(tok, source_phrase(subj))
            if not colon and any(t.pos_ in {"VERB", "AUX"} for t in between):
                cue.kind = "mixed"
                comp = complement(tok)
                first = comp.left_edge if comp is not None and comp.i > tok.i else doc[tok.i + 1]
                while first.i < hi and (first.is_punct or first.lower_ == "that"):
                    first = doc[first.i + 1]
                cue.start = first.idx
            return cue
    # A partial quote inside a clause ("Frank cites the union's “...”", "hitting “...”")
    # belongs to the subject of the clause that carries it, when that names someone.
    inner = doc[min(hi + 1, len(doc) - 1)]
    for verb in (t for t in inner.ancestors if _in(t, lo, hi) and t.pos_ in {"VERB", "AUX"}):
        subj = speech_subject(verb)
        if subj is not None and (
            subj.ent_type_ in {"PERSON", "ORG"} or subj.lower_ in {"he", "she"}
        ):
            return _Cue(verb, source_phrase(subj))
    # Headline style "Zelensky: 'Now I don't want to negotiate'".
    if lead[-1].text == ":" or (len(lead) > 1 and lead[-2].text == ":"):
        names = [e for e in entities if e.label == "PERSON" and lead.start_char <= e.start]
        names = [e for e in names if e.end <= lead.end_char]
        if names:
            span = doc.char_span(names[0].start, names[0].end, alignment_mode="expand")
            return _Cue(None, span)
    return None


def _channel(text: str) -> str | None:
    """Return the medium a sentence names (Twitter, "CNN interview", "phone call"), if any."""
    for pattern, template in _CHANNELS:
        match = pattern.search(text)
        if match:
            return template.format(match.group(1)) if template else match.group(1)
    return None


def _speaker(
    doc: Doc, mention: Span, entities: Sequence[Entity], spans: list[tuple[int, int]]
) -> Speaker:
    """Return the Speaker for a mention, resolved to a canonical name where possible."""
    name = resolve(doc, mention, entities, spans)
    return Speaker(text=mention.text, name=name, start=mention.start_char, end=mention.end_char)


def find_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """Return the direct, mixed and indirect quotes of ``doc`` with speakers and cues."""
    spans = quote_spans(doc.text)
    ranges = [(s.start, s.end) for s in spans]
    quotes = _indirect(doc, entities, ranges)
    for n in range(len(spans)):
        quote = _direct(doc, entities, spans, n, quotes)
        if quote is not None:
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _previous_speaker(text: str, quotes: Sequence[Quote], at: int) -> Quote | None:
    """Return the latest quote with a speaker in this or the previous paragraph before ``at``."""
    para = text.rfind("\n", 0, at)
    while para > 0 and text[para - 1] == "\n":
        para -= 1  # skip blank lines between paragraphs
    prev_para = text.rfind("\n", 0, para) + 1 if para > 0 else 0
    earlier = [q for q in quotes if q.speaker is not None and prev_para <= q.start and q.end <= at]
    return max(earlier, key=lambda q: q.end, default=None)


def _direct(
    doc: Doc, entities: Sequence[Entity], spans: list[QuoteSpan], n: int, found: list[Quote]
) -> Quote | None:
    """Return the quote for quoted passage ``spans[n]``, or None for a speakerless scrap."""
    text = doc.text
    qs = spans[n]
    para_start = text.rfind("\n", 0, qs.open) + 1
    prev_close = spans[n - 1].close if n and spans[n - 1].close > para_start else para_start
    next_open = spans[n + 1].open if n + 1 < len(spans) else len(text)
    para_end = text.find("\n", qs.close)
    para_end = len(text) if para_end < 0 else para_end
    open_tok = _token_at(doc, qs.open)
    close_tok = _token_at(doc, qs.close - 1) if qs.close > qs.end else _token_at(doc, qs.end)
    before = doc[open_tok - 1] if open_tok else None
    lo = max(before.sent.start if before is not None else 0, _token_at(doc, prev_close))
    if before is None or before.idx < para_start:
        lo = open_tok
    tail_hi = min(_token_at(doc, min(next_open, para_end)), len(doc))
    tail_lo = close_tok + (1 if qs.close > qs.end else 0)
    tail_hi = min(tail_hi, doc[tail_lo].sent.end if tail_lo < len(doc) else tail_hi)
    cue = _tail_cue(doc, tail_lo, tail_hi) or _lead_cue(doc, lo, open_tok, entities)
    start = qs.start
    speaker: Speaker | None = None
    verb: str | None = None
    kind = "direct"
    if cue is not None and cue.mention is not None:
        speaker = _speaker(doc, cue.mention, entities, [(s.start, s.end) for s in spans])
        # The cue as the text says it ("said", "writes"), as the contract shows it.
        verb = cue.verb.text.lower() if cue.verb is not None else None
        kind = cue.kind
        start = cue.start if cue.start is not None else start
    else:
        # Quotes run on over sentences and paragraphs after the one that named the speaker.
        prev = _previous_speaker(text, found, qs.open)
        if prev is not None:
            speaker, verb = prev.speaker, prev.cue
    words = text[qs.start : qs.end].split()
    if speaker is None and (len(words) < 4 or sum(w[0].isupper() for w in words) > len(words) / 2):
        return None  # scare quotes and titles, not speech
    context = text[doc[lo].idx if lo < len(doc) else qs.open : qs.open]
    context += " " + (doc[tail_lo:tail_hi].text if tail_lo < tail_hi else "")
    return Quote(
        text=text[start : qs.end],
        kind=kind,
        start=start,
        end=qs.end,
        speaker=speaker,
        cue=verb,
        channel=_channel(context),
    )


def _indirect(doc: Doc, entities: Sequence[Entity], ranges: list[tuple[int, int]]) -> list[Quote]:
    """Return reported speech without quotation marks ("X said that ...")."""
    out: list[Quote] = []
    for frame in cue_frames(doc, claims=False):
        if not frame.complement or _touches(frame, ranges):
            continue
        sent = frame.cue.sent
        out.append(
            Quote(
                text=doc.text[frame.start : frame.end],
                kind="indirect",
                start=frame.start,
                end=frame.end,
                speaker=_speaker(doc, frame.source, entities, ranges),
                cue=frame.cue.text.lower(),
                channel=_channel(sent.text),
            )
        )
    return out


def _touches(frame: Frame, ranges: list[tuple[int, int]]) -> bool:
    """Return True when a frame's cue or content overlaps quoted words."""
    cue = frame.cue.idx
    return any((s <= cue < e) or (frame.start < e and s < frame.end) for s, e in ranges)


_Range = tuple[int, int]
_Pred = tuple[_Range, _Range, str]
# Gold: content, source, the source's resolved name, and whether the cue is a speech cue.
_Gold = tuple[_Range, _Range, str, bool]


def _read_brat(path: Path) -> list[tuple[_Range, _Range, _Range]]:
    """Return (content, source, cue) ranges of each attribution in a brat ``.ann`` file."""
    spans: dict[str, tuple[int, int]] = {}
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


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _entities(doc: Doc) -> list[Entity]:
    """Return spaCy's own person/organisation/group/place entities, without canonical names."""
    labels = {"PERSON", "ORG", "NORP", "GPE"}
    return [
        Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in labels
    ]


def _predictions(doc: Doc, entities: Sequence[Entity]) -> list[_Pred]:
    """Return (content, speaker span, speaker name) for quotes and claims a quote lacks."""
    from eventwire.attribution import find_claims

    preds: list[_Pred] = []
    for q in find_quotes(doc, entities):
        sp = q.speaker
        if sp is not None and sp.start is not None and sp.end is not None:
            preds.append(((q.start, q.end), (sp.start, sp.end), sp.name or ""))
        else:
            preds.append(((q.start, q.end), (-1, -1), ""))
    for c in find_claims(doc, entities):
        item = ((c.start, c.end), (c.source_start, c.source_end), c.source.name or "")
        # A claim whose source is a quote's speaker mention repeats that quote's cue.
        if not any(_overlap(item[1], p[1]) for p in preds):
            preds.append(item)
    return preds


def _gold_names(
    doc: Doc, entities: Sequence[Entity], gold: list[tuple[_Range, _Range, _Range]]
) -> list[_Gold]:
    """Return the gold attributions with sources resolved the way speakers are."""
    out: list[_Gold] = []
    for content, source, cue in gold:
        span = doc.char_span(source[0], source[1], alignment_mode="expand")
        name = resolve(doc, span, entities) if span is not None and len(span) else None
        cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue[0] >= 0 else None
        speech = cue_span is not None and any(
            _speech_verb(t) or t.lower_ == "according" for t in cue_span
        )
        out.append((content, source, name or "", speech))
    return out


def _matches(pred: _Pred, gold: _Gold) -> bool:
    """Return True when contents overlap and the speaker is the gold source (span or person)."""
    if not _overlap(pred[0], gold[0]):
        return False
    if _overlap(pred[1], gold[1]):
        return True
    # The same person named differently ("Bernie Sanders" and "Sanders"): compare surnames.
    return bool(pred[2] and gold[2]) and pred[2].split()[-1] == gold[2].split()[-1]


def evaluate_polnear(dev_dir: str | Path, limit: int | None = None) -> dict[str, float]:
    """Return precision, recall and F1 of quotes and claims against PolNeAR brat files."""
    from eventwire.nlp import parse_many

    root = Path(dev_dir)
    texts = sorted((root / "text").glob("*.txt"))[:limit]
    anns = sorted((root / "attributions").glob("*.ann"))
    golds: list[list[tuple[_Range, _Range, _Range]]] = []
    bodies: list[str] = []
    for path in texts:
        # Some texts have several annotators' files; the first one (by name) is the gold.
        ann = next((a for a in anns if a.name.rsplit("_", 1)[0] == path.stem), None)
        if ann is None:
            continue
        golds.append(_read_brat(ann))
        bodies.append(path.read_text("utf-8"))
    tp_pred = n_pred = tp_gold = n_gold = tp_speech = n_speech = 0
    for doc, gold in zip(parse_many(bodies, batch_size=8), golds, strict=True):
        entities = _entities(doc)
        preds = _predictions(doc, entities)
        named = _gold_names(doc, entities, gold)
        n_pred += len(preds)
        n_gold += len(named)
        tp_pred += sum(any(_matches(p, g) for g in named) for p in preds)
        found = [any(_matches(p, g) for p in preds) for g in named]
        tp_gold += sum(found)
        # Recall on speech cues alone (say, tell, according to): PolNeAR also marks beliefs,
        # wishes and criticism ("wants", "talking about") that quotes do not aim at.
        n_speech += sum(g[3] for g in named)
        tp_speech += sum(hit and g[3] for hit, g in zip(found, named, strict=True))
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "recall_speech_cues": round(tp_speech / n_speech, 4) if n_speech else 0.0,
        "texts": float(len(bodies)),
        "predicted": float(n_pred),
        "gold": float(n_gold),
        "gold_speech_cues": float(n_speech),
    }
