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
    ) -> None:
        self.nlp = nlp.load(model)
        self.gazetteer = gazetteer or Gazetteer.open()
        self.places = PlaceFinder(self.gazetteer)
        self.resolver = resolver or default_resolver()
        self.coder = EventCoder(self.resolver)
        self.batch_size = batch_size
        self.timings: dict[str, float] = defaultdict(float)

    def process(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Record]:
        """Yield one record per article, in input order (streaming, batched through spaCy)."""
        pairs = ((a.text, a) for a in articles)
        kwargs: dict[str, Any] = {"batch_size": self.batch_size, "as_tuples": True}
        if n_process > 1:
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
