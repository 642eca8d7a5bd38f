"""Quotes: direct, indirect and mixed, with speaker, cue and channel.

Quotation marks are found on the raw text, paragraph by paragraph, because machine
translation leaves every style (straight, curly, « », „) and mismatched pairs ('...”); the
parse then supplies the cue verb and its subject around each quote, and reported speech
without marks comes from cue verbs with a complement clause (see ``attribution``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventwire.attribution import (
    Frame,
    can_hold_views,
    complement,
    cue_frames,
    lexicon,
    resolve,
    source_phrase,
    speech_subject,
)
from eventwire.intervals import Intervals
from eventwire.records import Entity, Quote, Speaker

__all__ = ["QuoteSpan", "evaluate_polnear", "find_quotes", "quote_cues", "quote_spans"]

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


def _marks(text: str) -> list[tuple[int, int, str]]:
    """Return the quotation marks of ``text``: (offset, width, the mark as one character).

    Two apostrophes or two backticks, as some newspapers and old typesetting write them
    (''I think so,'' he said; ``like this''), are one double mark.
    """
    marks: list[tuple[int, int, str]] = []
    for m in _MARK_RE.finditer(text):
        mark = m.group()
        if len(mark) == 2:
            marks.append((m.start(), 2, '"' if mark == "''" else "“"))
        else:
            marks.append((m.start(), 1, mark))
    return marks


# Left to right, a doubled apostrophe or backtick before a single mark, as the scan reads them.
_MARK_RE = re.compile("''|``|[" + re.escape(_DOUBLE + _SINGLE) + "]")


def _paragraph_quotes(text: str, base: int) -> list[QuoteSpan]:
    """Return the quotes of one paragraph (``base``: its offset in the document)."""
    spans: list[QuoteSpan] = []
    opened: tuple[int, int, str] | None = None
    for i, width, mark in _marks(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + width] if i + width < len(text) else ""
        if width == 1 and _is_in_word(prev, nxt):
            continue
        if opened is None:
            if _can_open(mark, prev, nxt):
                opened = (i, width, mark)
            continue
        first = opened[2]
        # A double-quoted passage ends only at a double mark (single ones nest inside it);
        # a single-quoted one ends at any mark, since translation mixes 'x” and ‘x".
        if first in _DOUBLE and mark not in _DOUBLE:
            continue
        if mark == "“" and first != "„" and _can_open(mark, prev, nxt):
            continue
        if _can_close(mark, prev, nxt, text[i + width :]):
            spans.append(_span(text, base, opened[0], opened[0] + opened[1], i, i + width))
            opened = None
    if opened is not None:
        end = len(text.rstrip())
        spans.append(_span(text, base, opened[0], opened[0] + opened[1], end, end))
    return [s for s in spans if s.end > s.start]


def _span(text: str, base: int, open_at: int, start: int, end: int, close: int) -> QuoteSpan:
    """Return the quote between marks, its words trimmed of surrounding whitespace."""
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


@dataclass(frozen=True, slots=True)
class _Offsets:
    """The text of a doc and its tokens' char spans, read once (``doc.text`` rebuilds it)."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Offsets:
        """Return the offsets of ``doc``'s tokens."""
        starts = [t.idx for t in doc]
        return cls(doc.text, starts, [i + len(t) for i, t in zip(starts, doc, strict=True)])


def _token_at(offsets: _Offsets, char: int) -> int:
    """Return the index of the token that holds (or first follows) char offset ``char``."""
    i = bisect_right(offsets.starts, char) - 1
    if i >= 0 and char < offsets.ends[i]:
        return i
    return bisect_left(offsets.starts, char)


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


def _tail_cue(doc: Doc, lo: int, hi: int, *, leaning: bool = False) -> _Cue | None:
    """Return the cue after a quote (“...,” X said / said X / he added), if any.

    ``leaning``: the quote ends in a comma, question or exclamation mark, so the clause after
    it is its frame, whatever the verb (“...?” mused the host; “...,” Smith shot back).
    """
    for tok in doc[lo : min(hi, lo + (2 if leaning else 1) * _TAIL_TOKENS)]:
        if tok.is_sent_end and tok.is_punct and tok.i == lo:
            return None
        if tok.i < lo + _TAIL_TOKENS and _speech_verb(tok, tail=True):
            subj = _subject_of(tok, lo, hi)
            if subj is not None:
                return _Cue(tok, source_phrase(subj))
        if not leaning or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.dep_ in {"amod", "acl", "relcl", "advcl"}:
            continue  # "..., the man, who had fled, said": not the frame's own verb
        subj = _subject_of(tok, lo, hi)
        if subj is not None and can_hold_views(subj):
            return _Cue(tok, source_phrase(subj))
        if tok.dep_ == "ROOT":
            break
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


def _outer_report(verb: Token, subj: Token, lo: int, hi: int) -> tuple[Token, Token]:
    """Return the outermost speech verb (and its subject) whose report holds ``verb``."""
    for head in verb.ancestors:
        if not _in(head, lo, hi) or not _speech_verb(head):
            continue
        comp = complement(head)
        outer = _subject_of(head, lo, hi)
        if comp is not None and outer is not None and (comp == verb or comp.is_ancestor(verb)):
            verb, subj = head, outer
    return verb, subj


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
            # "Ivanova said the envoy assured them “...”": the outer report carries the quote
            # (PolNeAR marks the outer speaker as its source).
            tok, subj = _outer_report(tok, subj, lo, hi)
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
    # A cue verb above the quote wins over the clause's own subject: in "Cruz says Rubio ran
    # “an optimistic campaign”" the words are Cruz's.
    inner = doc[min(hi + 1, len(doc) - 1)]
    verbs = [t for t in inner.ancestors if _in(t, lo, hi) and t.pos_ in {"VERB", "AUX"}]
    lex = lexicon()
    # The cue may stand before an earlier quote of the same sentence ("X noted that while
    # “A”, Rubio “B”"): the subject of the cue, not of the clause, speaks.
    sent_start = lead[-1].sent.start
    cues = [
        v
        for v in inner.ancestors
        if _in(v, sent_start, hi) and v.pos_ == "VERB" and v.lemma_.lower() in lex["speech"]
    ]
    cues += [v for v in verbs if v.lemma_.lower() in lex["claim"]]
    # "Haley is an “articulate conservative”": a copula says what the writer calls her.
    verbs = [v for v in verbs if v.lemma_ != "be"]
    for verb in cues + verbs:
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


def _colon_cue(
    doc: Doc, offsets: _Offsets, para_start: int, entities: Sequence[Entity]
) -> _Cue | None:
    """Return the cue of a paragraph that ends in a colon before a block quote ("X said:")."""
    text = offsets.text
    end = min(para_start, len(text))
    while end and text[end - 1].isspace():
        end -= 1  # as len(text[:para_start].rstrip()), without copying the text before
    if not end or text[end - 1] != ":":
        return None
    colon = _token_at(offsets, end - 1)
    if colon >= len(doc):
        return None
    return _lead_cue(doc, doc[colon].sent.start, colon + 1, entities)


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
    return [quote for quote, _ in quote_cues(doc, entities)]


def quote_cues(doc: Doc, entities: Sequence[Entity]) -> list[tuple[Quote, int]]:
    """Return the quotes of ``doc``, each with its cue verb's token index (-1: none).

    Two pieces of one quote share the cue ("“A,” she said, “B.”"); a quote with a cue of its
    own ("she said “A” and added that “B”") is a second statement.
    """
    offsets = _Offsets.of(doc)
    spans = quote_spans(offsets.text)
    ranges = [(s.start, s.end) for s in spans]
    frames = cue_frames(doc)
    marks = Intervals((s.open, s.close) for s in spans)
    outside = _Frames([f for f in frames if not marks.covers(f.source.start_char)])
    quotes = _indirect(doc, offsets.text, entities, ranges, frames)
    cues = {q.quote.start: q.cue_at for q in quotes}
    found = [q.quote for q in quotes]
    for n in range(len(spans)):
        cued = _direct(doc, offsets, entities, spans, n, found, outside, cues)
        if cued is not None:
            found.append(cued.quote)
            cues[cued.quote.start] = cued.cue_at
    found.sort(key=lambda q: q.start)
    return [(q, cues.get(q.start, -1)) for q in found]


@dataclass(frozen=True, slots=True)
class _Cued:
    """A quote and the token index of its cue verb (-1 when none)."""

    quote: Quote
    cue_at: int


class _Frames:
    """Cue frames with their contents' and cues' char ranges, asked by bisection.

    A long article has thousands of frames and of quotes: each quote reads only the frames
    whose content holds it or whose cue stands in the paragraph before it, not all of them.
    """

    __slots__ = ("cues", "frames", "spans")

    def __init__(self, frames: list[Frame]) -> None:
        self.frames = frames
        self.spans = Intervals((f.start, f.end) for f in frames)
        self.cues = Intervals((f.cue.idx, f.cue.idx + 1) for f in frames)


def _enclosing(frames: _Frames, qs: QuoteSpan) -> Frame | None:
    """Return the tightest cue frame whose content holds the quote and whose source is outside."""
    best: Frame | None = None
    for frame in (frames.frames[i] for i in frames.spans.covering(qs.start)):
        src = frame.source
        if qs.open <= src.start_char < qs.close:
            continue
        if best is None or frame.end - frame.start < best.end - best.start:
            best = frame
    return best


def _context_mention(sent: Span, para_start: int) -> Span | None:
    """Return the subject of ``sent`` when it names a person or group in this paragraph."""
    if sent.start_char < para_start:
        return None
    subj = speech_subject(sent.root) if sent.root.pos_ in {"VERB", "AUX"} else None
    if subj is None or not (
        subj.ent_type_ in {"PERSON", "ORG", "NORP"}
        or (subj.pos_ == "PROPN" and subj.ent_type_ in {"", "PERSON", "ORG", "NORP"})
        or subj.lower_ in {"he", "she", "they"}
        or (subj.pos_ == "NOUN" and can_hold_views(subj))
    ):
        return None
    return source_phrase(subj)


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Return True when token ``i`` (an opening mark) starts its sentence or paragraph."""
    if i >= len(doc):
        return False
    tok = doc[i]
    if tok.is_sent_start or i == 0:
        return True
    before = doc[i - 1]
    return before.text in {".", "?", "!", ":", "—"} or "\n" in before.whitespace_ + before.text


def _title_like(words: str) -> bool:
    """Return True for a title or a short scare quote ("Today", "The Art of the Deal")."""
    tokens = words.split()
    caps = sum(w[0].isupper() for w in tokens)
    return len(tokens) < 4 or caps > len(tokens) / 2


def _previous_speaker(text: str, quotes: Sequence[Quote], at: int) -> Quote | None:
    """Return the latest quote with a speaker in this or the previous paragraph before ``at``."""
    para = text.rfind("\n", 0, at)
    while para > 0 and text[para - 1] == "\n":
        para -= 1  # skip blank lines between paragraphs
    prev_para = text.rfind("\n", 0, para) + 1 if para > 0 else 0
    earlier = [q for q in quotes if q.speaker is not None and prev_para <= q.start and q.end <= at]
    return max(earlier, key=lambda q: q.end, default=None)


def _last_frame(text: str, frames: _Frames, para_start: int) -> Frame | None:
    """Return the last cue frame of the paragraph before the one at ``para_start``."""
    end = para_start
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    start = text.rfind("\n", 0, end) + 1
    near = (frames.frames[i] for i in frames.cues.within(start, end))  # start <= cue < end
    inside = [f for f in near if f.lemma != ":"]
    return max(inside, key=lambda f: f.cue.idx, default=None)


def _direct(
    doc: Doc,
    offsets: _Offsets,
    entities: Sequence[Entity],
    spans: list[QuoteSpan],
    n: int,
    found: list[Quote],
    frames: _Frames,
    cues: dict[int, int],
) -> _Cued | None:
    """Return the quote for quoted passage ``spans[n]``, or None for a speakerless scrap."""
    text = offsets.text
    qs = spans[n]
    para_start = text.rfind("\n", 0, qs.open) + 1
    prev_close = spans[n - 1].close if n and spans[n - 1].close > para_start else para_start
    next_open = spans[n + 1].open if n + 1 < len(spans) else len(text)
    para_end = text.find("\n", qs.close)
    para_end = len(text) if para_end < 0 else para_end
    open_tok = _token_at(offsets, qs.open)
    close_tok = (
        _token_at(offsets, qs.close - 1) if qs.close > qs.end else _token_at(offsets, qs.end)
    )
    before = doc[open_tok - 1] if open_tok else None
    lo = max(before.sent.start if before is not None else 0, _token_at(offsets, prev_close))
    if before is None or before.idx < para_start:
        lo = open_tok
    tail_hi = min(_token_at(offsets, min(next_open, para_end)), len(doc))
    tail_lo = close_tok + (1 if qs.close > qs.end else 0)
    tail_hi = min(tail_hi, doc[tail_lo].sent.end if tail_lo < len(doc) else tail_hi)
    # Words that end in a comma, question or exclamation mark lean on the clause after them,
    # when they open a sentence or follow a colon; a title ("In “Hail, Caesar!,” ...") does not.
    ends = text[qs.end - 1 : qs.end] in {"?", "!", "—", "-"} or "," in text[qs.end : qs.close + 1]
    words_only = text[qs.start : qs.end]
    leaning = ends and _opens_sentence(doc, open_tok) and not _title_like(words_only)
    cue = _tail_cue(doc, tail_lo, tail_hi, leaning=leaning) or _lead_cue(
        doc, lo, open_tok, entities
    )
    if cue is None and not text[para_start : qs.open].strip():
        cue = _colon_cue(doc, offsets, para_start, entities)
    words = words_only.split()
    title = sum(w[0].isupper() for w in words) > len(words) / 2
    if title and cue is not None and cue.verb is not None and not _speech_verb(cue.verb, tail=True):
        cue = None  # a title under a clause's verb ("hosts “Last Week Tonight”")
    start = qs.start
    speaker: Speaker | None = None
    verb: str | None = None
    cue_at = -1
    kind = "direct"
    if cue is not None and cue.mention is not None:
        speaker = _speaker(doc, cue.mention, entities, [(s.start, s.end) for s in spans])
        # The cue as the text says it ("said", "writes"), as the contract shows it.
        verb = cue.verb.text.lower() if cue.verb is not None else None
        cue_at = cue.verb.i if cue.verb is not None else -1
        kind = cue.kind
        start = cue.start if cue.start is not None else start
    elif _opens_sentence(doc, open_tok) and not _title_like(words_only):
        # Quotes run on over sentences and paragraphs after the one that named the speaker;
        # a quote inside a sentence that names no one is a title or scare quote instead.
        prev = _previous_speaker(text, found, qs.open)
        if prev is not None:
            speaker, verb, cue_at = prev.speaker, prev.cue, cues.get(prev.start, -1)
    if speaker is None and not _title_like(words_only):
        # Quoted words inside a reported clause or claim (“Clinton said that we should “set
        # the same standard”") belong to that clause's source; a scare-quoted term stays none.
        frame = _enclosing(frames, qs)
        if frame is not None:
            speaker = _speaker(doc, frame.source, entities, [(s.start, s.end) for s in spans])
            verb = frame.cue.text.lower() if frame.lemma != ":" else None
            cue_at = frame.cue.i
    if speaker is None and open_tok > 0 and not _title_like(words_only):
        # “...” after "Hoff's letter makes the case:" or "Trump tweeted on Sunday.": the
        # subject of the sentence the quote follows, when it names someone.
        mention = _context_mention(doc[open_tok - 1].sent, para_start)
        if mention is not None:
            speaker = _speaker(doc, mention, entities, [(s.start, s.end) for s in spans])
    if speaker is None and not _title_like(words_only):
        # Whole sentences in quotation marks inside a paragraph that quotes someone.
        prev = _previous_speaker(text, found, qs.open)
        if prev is not None:
            speaker, verb, cue_at = prev.speaker, prev.cue, cues.get(prev.start, -1)
    if speaker is None and not text[para_start : qs.open].strip() and not _title_like(words_only):
        # A paragraph that is a quote, after one that reports what someone argued or wrote
        # ("Horak wrote in a memo that ...", then “...”): the last source named there.
        frame = _last_frame(text, frames, para_start)
        if frame is not None:
            speaker = _speaker(doc, frame.source, entities, [(s.start, s.end) for s in spans])
            verb = frame.cue.text.lower() if frame.lemma != ":" else None
            cue_at = frame.cue.i
    if speaker is None and (len(words) < 4 or title):
        return None  # scare quotes and titles, not speech
    context = text[doc[lo].idx if lo < len(doc) else qs.open : qs.open]
    context += " " + (doc[tail_lo:tail_hi].text if tail_lo < tail_hi else "")
    quote = Quote(
        text=text[start : qs.end],
        kind=kind,
        start=start,
        end=qs.end,
        speaker=speaker,
        cue=verb,
        channel=_channel(context),
    )
    return _Cued(quote, cue_at)


def _indirect(
    doc: Doc,
    text: str,
    entities: Sequence[Entity],
    ranges: list[tuple[int, int]],
    frames: Sequence[Frame],
) -> list[_Cued]:
    """Return reported speech without quotation marks ("X said that ...")."""
    out: list[_Cued] = []
    speech = lexicon()["speech"]
    quoted = Intervals(ranges)
    for frame in frames:
        if not frame.complement or frame.lemma not in speech or _touches(frame, quoted):
            continue
        sent = frame.cue.sent
        quote = Quote(
            text=text[frame.start : frame.end],
            kind="indirect",
            start=frame.start,
            end=frame.end,
            speaker=_speaker(doc, frame.source, entities, ranges),
            cue=frame.cue.text.lower(),
            channel=_channel(sent.text),
        )
        out.append(_Cued(quote, frame.cue.i))
    return out


def _touches(frame: Frame, quoted: Intervals) -> bool:
    """Return True when a frame's cue or content overlaps quoted words."""
    return quoted.covers(frame.cue.idx) or bool(quoted.overlapping(frame.start, frame.end))


def evaluate_polnear(dev_dir: str | Path, limit: int | None = None) -> dict[str, float]:
    """Return precision, recall and F1 of quotes and claims against PolNeAR brat files."""
    # Imported here: the evaluation builds on this module.
    from eventwire.polnear import evaluate

    return evaluate(dev_dir, limit)
