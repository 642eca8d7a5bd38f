"""Several processes, each loading the model and gazetteer once, reading articles in order.

spaCy's own ``n_process`` parallelises only the parse; every later stage would still run in
the parent. Here each worker runs the whole pipeline on a chunk of articles and sends the
records back, so the parent only writes. Output order is input order, and the records are
the same as with one process.

Memory stays bounded on any corpus: the parent reads the input lazily and keeps at most two
chunks per worker in flight (``multiprocessing.Pool.imap`` would read the whole input ahead).
Chunks are small so that the last ones keep both workers busy.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from types import TracebackType
from typing import TYPE_CHECKING

from eventwire.records import Article, Record

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

_worker_pipeline: Pipeline | None = None


def _init(model: str | None, batch_size: int, theatre: bool = False) -> None:
    global _worker_pipeline  # one pipeline per worker process, built once
    from eventwire.pipeline import Pipeline

    _worker_pipeline = Pipeline(model=model, batch_size=batch_size, theatre=theatre)


def _run(chunk: list[Article]) -> tuple[list[Record], dict[str, float]]:
    assert _worker_pipeline is not None
    _worker_pipeline.timings.clear()
    records = list(_worker_pipeline.process(chunk))
    return records, dict(_worker_pipeline.timings)


def _pid(_n: int) -> int:
    time.sleep(0.05)  # long enough for the other workers to take a task too
    return os.getpid()


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Yield lists of up to ``size`` articles, reading ``articles`` lazily."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


class WorkerPool:
    """Worker processes that each hold one pipeline, reusable for several inputs."""

    def __init__(
        self,
        workers: int,
        *,
        model: str | None = None,
        batch_size: int = 16,
        chunk_size: int = 8,
        theatre: bool = False,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be 1 or more")
        # "spawn": a clean interpreter per worker; forking a process that holds spaCy's and
        # SQLite's state is not safe.
        ctx = multiprocessing.get_context("spawn")
        self.workers = workers
        self.chunk_size = chunk_size
        self.timings: dict[str, float] = defaultdict(float)  # summed over the workers
        self._pool = ctx.Pool(workers, initializer=_init, initargs=(model, batch_size, theatre))

    def wait_ready(self) -> None:
        """Return once every worker has loaded its pipeline (for timing the work alone)."""
        seen: set[int] = set()
        while len(seen) < self.workers:
            seen.update(self._pool.map(_pid, range(2 * self.workers), chunksize=1))

    def process(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Yield one record per article, in input order, reading ``articles`` lazily."""
        pending: deque[AsyncResult[tuple[list[Record], dict[str, float]]]] = deque()
        for chunk in chunks(articles, self.chunk_size):
            pending.append(self._pool.apply_async(_run, (chunk,)))
            if len(pending) >= 2 * self.workers:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _collect(self, result: AsyncResult[tuple[list[Record], dict[str, float]]]) -> list[Record]:
        records, timings = result.get()
        for stage, seconds in timings.items():
            self.timings[stage] += seconds
        return records

    def close(self) -> None:
        """Stop the workers once the work given to them is done."""
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self._pool.terminate()
            self._pool.join()


def process_parallel(
    articles: Iterable[Article],
    workers: int,
    *,
    model: str | None = None,
    batch_size: int = 16,
    chunk_size: int = 8,
    theatre: bool = False,
) -> Iterator[Record]:
    """Yield records for ``articles`` computed by ``workers`` processes, in input order.

    With ``theatre`` each worker keeps its own (records then differ from one process's).
    """
    with WorkerPool(
        workers, model=model, batch_size=batch_size, chunk_size=chunk_size, theatre=theatre
    ) as pool:
        yield from pool.process(articles)
