"""Several processes, each loading the model and gazetteer once, reading articles in order.

spaCy's own ``n_process`` parallelises only the parse; every later stage would still run in
the parent. Here each worker runs the whole pipeline on a chunk of articles and sends the
records back, so the parent only writes. Output order is input order, and the records are
the same as with one process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from eventwire.records import Article, Record

_worker_pipeline = None


def _init(model: str | None, batch_size: int) -> None:
    global _worker_pipeline  # one pipeline per worker process, built once
    from eventwire.pipeline import Pipeline

    _worker_pipeline = Pipeline(model=model, batch_size=batch_size)


def _run(chunk: list[Article]) -> list[Record]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline.process(chunk))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def process_parallel(
    articles: Iterable[Article],
    workers: int,
    *,
    model: str | None = None,
    batch_size: int = 16,
    chunk_size: int = 32,
) -> Iterator[Record]:
    """Yield records for ``articles`` computed by ``workers`` processes, in input order."""
    # "spawn": a clean interpreter per worker; forking a process that holds spaCy's and
    # SQLite's state is not safe.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(model, batch_size)) as pool:
        # imap keeps at most a few chunks in flight, so memory stays bounded on any corpus.
        for records in pool.imap(_run, _chunks(articles, chunk_size)):
            yield from records
