"""Scale-out on Dask: the same records as one process, computed by a cluster's workers.

Each Dask worker process builds one pipeline (model and gazetteer) the first time it gets work
and keeps it; the client sends chunks of articles and writes records back in input order, so
output is identical to ``eventwire ingest`` on one machine. At most two chunks per worker
thread are in flight: the input is read lazily and memory stays bounded on any corpus.

Workers need eventwire installed at the same version (the client checks). Needs the ``dask``
extra (``dask[distributed]``).
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any

from eventwire import __version__
from eventwire.parallel import chunks
from eventwire.records import Article, Record

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

# One pipeline per worker process and settings; a worker with several threads shares it, one
# chunk at a time (the pipeline's caches are not thread-safe).
_pipelines: dict[tuple[str | None, int, bool], Pipeline] = {}
_lock = threading.Lock()


def _run(
    chunk: list[Article], model: str | None, batch_size: int, theatre: bool = False
) -> tuple[list[Record], dict[str, float]]:
    """Run on a worker: the records of ``chunk`` and the stage timings."""
    with _lock:
        key = (model, batch_size, theatre)
        pipeline = _pipelines.get(key)
        if pipeline is None:
            from eventwire.pipeline import Pipeline

            pipeline = _pipelines[key] = Pipeline(
                model=model, batch_size=batch_size, theatre=theatre
            )
        pipeline.timings.clear()
        records = list(pipeline.process(chunk))
        return records, dict(pipeline.timings)


def _worker_version() -> str:
    return __version__


class ClusterError(RuntimeError):
    """The cluster could not be reached or used; the message says why."""


class DaskPool:
    """Articles in, records out (input order), computed on a Dask cluster.

    ``address`` is a scheduler (``tcp://host:8786``) or ``"local"``: a cluster of ``workers``
    processes on this machine, one thread each, stopped on close.
    """

    def __init__(
        self,
        address: str = "local",
        *,
        workers: int = 2,
        model: str | None = None,
        batch_size: int = 16,
        chunk_size: int = 8,
        timeout: float = 30.0,
        theatre: bool = False,
    ) -> None:
        try:
            import distributed
        except ImportError:
            raise ClusterError(
                "running on Dask needs the 'dask' extra: pip install 'eventwire[dask]'"
            ) from None
        if workers < 1:
            raise ValueError("workers must be 1 or more")
        self.model = model
        self.batch_size = batch_size
        self.chunk_size = chunk_size
        self.theatre = theatre  # each worker process keeps its own
        self.timings: dict[str, float] = defaultdict(float)  # summed over the workers
        self._cluster: Any = None
        dd: Any = distributed  # untyped library: its calls are checked by the tests
        try:
            if address == "local":
                self._cluster = dd.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client: Any = dd.Client(self._cluster, timeout=timeout)
            else:
                self._client = dd.Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        except BaseException:
            self.close()
            raise
        try:
            self._check_versions()
        except BaseException:
            self.close()
            raise
        self.threads = max(1, sum(self._client.nthreads().values()))

    def _check_versions(self) -> None:
        versions = self._client.run(_worker_version)
        wrong = {w: v for w, v in versions.items() if v != __version__}
        if wrong:
            raise ClusterError(
                f"Dask workers run another eventwire ({', '.join(sorted(set(wrong.values())))}) "
                f"than this client ({__version__}): install the same version everywhere"
            )
        if not versions:
            raise ClusterError("the Dask cluster has no workers")

    def process(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Yield one record per article, in input order, reading ``articles`` lazily."""
        pending: deque[Any] = deque()
        for chunk in chunks(articles, self.chunk_size):
            # pure=False: the same chunk sent twice is computed twice, never served stale.
            pending.append(
                self._client.submit(
                    _run, chunk, self.model, self.batch_size, self.theatre, pure=False
                )
            )
            if len(pending) >= 2 * self.threads:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _collect(self, future: Any) -> list[Record]:
        records, timings = future.result()
        future.release()
        for stage, seconds in timings.items():
            self.timings[stage] += seconds
        return list(records)

    def close(self) -> None:
        """Disconnect; a local cluster is stopped."""
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def process_dask(
    articles: Iterable[Article],
    address: str = "local",
    *,
    workers: int = 2,
    model: str | None = None,
    batch_size: int = 16,
    chunk_size: int = 8,
    theatre: bool = False,
) -> Iterator[Record]:
    """Yield records for ``articles`` computed on the Dask cluster at ``address``, in order."""
    with DaskPool(
        address,
        workers=workers,
        model=model,
        batch_size=batch_size,
        chunk_size=chunk_size,
        theatre=theatre,
    ) as pool:
        yield from pool.process(articles)
