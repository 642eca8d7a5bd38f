"""The flow in one place: article -> spaCy -> places -> actors -> quotes/claims -> events -> record.

Stages are built once (the model and the gazetteer load once per process) and run over
batches through ``nlp.pipe``. Each stage's time is kept in ``Pipeline.timings`` for the
benchmark.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from eventwire import nlp
from eventwire.actors import ActorResolver, default_resolver
from eventwire.attribution import find_claims
from eventwire.events import EventCoder
from eventwire.gazetteer import Gazetteer
from eventwire.places import PlaceFinder
from eventwire.quotes import find_quotes
from eventwire.records import Article, Record, stable_id


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step of the flow, with what it needs and what it adds to the record."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# Checked when the module loads: a stage may only need what an earlier stage assigned.
STAGES = (
    Stage("nlp", ("article.text",), ("doc",)),
    Stage("places", ("doc",), ("places",)),
    Stage("actors", ("doc", "places"), ("entities",)),
    Stage("quotes", ("doc", "entities"), ("quotes", "claims")),
    Stage("events", ("doc", "places", "claims", "quotes"), ("events",)),
)


def _check_order(stages: tuple[Stage, ...]) -> None:
    have = {"article.text"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {stage.name!r} needs {missing} before it runs")
        have.update(stage.assigns)


_check_order(STAGES)


class Pipeline:
    """Reads articles into records; holds the model, gazetteer and tables (loaded once)."""

    def __init__(
        self,
        model: str | None = None,
        gazetteer: Gazetteer | None = None,
        resolver: ActorResolver | None = None,
        batch_size: int = 16,
        theatre: bool = False,
    ) -> None:
        self.nlp = nlp.load(model)
        self.gazetteer = gazetteer or Gazetteer.open()
        # theatre: earlier articles' towns break ties between homonym villages (see places).
        # Off by default: each article's record then depends on that article alone, and
        # --workers / --dask give the records one process gives.
        self.places = PlaceFinder(self.gazetteer, theatre=theatre)
        self.resolver = resolver or default_resolver()
        self.coder = EventCoder(self.resolver)
        self.batch_size = batch_size
        self.timings: dict[str, float] = defaultdict(float)

    def process(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Record]:
        """Yield one record per article, in input order (streaming, batched through spaCy).

        A batch holds at most ``batch_size`` articles and about ``BATCH_CHARS`` characters:
        spaCy's parser and entity recogniser need about 3 kB of memory per character of a
        batch, so sixteen 1 MB parts of a big file would take tens of gigabytes. A text longer
        than ``PIECE_CHARS`` is parsed in paragraph-bounded pieces joined into one doc.
        """
        if n_process > 1:
            yield from self._process_spacy_parallel(articles, n_process)
            return
        for batch in _batches(articles, self.batch_size, BATCH_CHARS):
            t0 = time.perf_counter()
            docs = self._parse([a.text for a in batch])
            self.timings["nlp"] += time.perf_counter() - t0
            for doc, article in zip(docs, batch, strict=True):
                yield self.record(doc, article)

    def _parse(self, texts: list[str]) -> list[Doc]:
        if all(len(t) <= PIECE_CHARS for t in texts):
            return list(self.nlp.pipe(texts, batch_size=max(1, len(texts))))
        docs = []
        for text in texts:
            pieces = _pieces(text, PIECE_CHARS)
            if len(pieces) == 1:
                docs.append(self.nlp(text))
            else:
                parts = list(self.nlp.pipe(pieces, batch_size=1))
                docs.append(Doc.from_docs(parts, ensure_whitespace=False))
        return docs

    def _process_spacy_parallel(
        self, articles: Iterable[Article], n_process: int
    ) -> Iterator[Record]:
        pairs = ((a.text, a) for a in articles)
        kwargs: dict[str, Any] = {"batch_size": self.batch_size, "as_tuples": True}
        kwargs["n_process"] = n_process
        t0 = time.perf_counter()
        for doc, article in self.nlp.pipe(pairs, **kwargs):
            self.timings["nlp"] += time.perf_counter() - t0
            yield self.record(doc, article)
            t0 = time.perf_counter()

    def record(self, doc: Doc, article: Article) -> Record:
        """Return the record of one parsed article."""
        clock = _Clock(self.timings)
        places = self.places.find(doc)
        clock.lap("places")
        entities = self.resolver.entities(doc, places, on=article.published)
        clock.lap("actors")
        quotes = find_quotes(doc, entities)
        claims = find_claims(doc, entities)
        clock.lap("quotes")
        events = self.coder.code(doc, article, places, claims, quotes)
        clock.lap("events")
        return Record(
            article=article, events=events, quotes=quotes, places=places, entities=entities
        )


# At most about this much text goes through spaCy at once (a longer article goes alone).
BATCH_CHARS = 200_000
# A longer text is parsed in pieces of at most about this size, cut at paragraph breaks.
PIECE_CHARS = 100_000


def _batches(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Yield lists of at most ``size`` articles and, past the first, ``chars`` characters."""
    batch: list[Article] = []
    total = 0
    for article in articles:
        n = len(article.text)
        if batch and (len(batch) >= size or total + n > chars):
            yield batch
            batch, total = [], 0
        batch.append(article)
        total += n
    if batch:
        yield batch


def _pieces(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of about ``limit`` characters at paragraph (else line, else
    space) breaks; the pieces join back into ``text`` exactly."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = text.rfind(sep, start + limit // 2, end)
            if cut >= 0:
                cut += len(sep)
                break
        if cut < 0:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


class _Clock:
    def __init__(self, sink: dict[str, float]) -> None:
        self.sink = sink
        self.t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.sink[name] += now - self.t
        self.t = now


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    pipeline: Pipeline | None = None,
) -> Record:
    """Return the record of one article given as cleaned text."""
    pipe = pipeline or Pipeline()
    article = Article(
        id=stable_id(url, text, prefix="a"), text=text, title=title, url=url, published=published
    )
    return next(pipe.process([article]))
