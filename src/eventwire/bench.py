"""Throughput and memory against the unavoidable cost: spaCy's own ``nlp.pipe`` on the same texts.

The baseline is the pinned model with all its components, loaded fresh and run over exactly
the cleaned texts eventwire reads, in the same process and run. The ratio
``eventwire time / spaCy time`` says what eventwire adds on top of parsing; each run's ratio
is kept too, since both sides of one run share the machine's load. With ``workers`` > 1 the
worker processes load before the clock starts, stage times are summed over them and the peak
memory adds theirs to the parent's. With one process the CPU time of each side is kept too
(``cpu_ratio_runs``): on a machine other jobs share, it moves less than the wall time.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy

from eventwire import nlp
from eventwire.pipeline import Pipeline
from eventwire.records import Article
from eventwire.sources import iter_inputs

EXAMPLES = Path("examples")  # the repository's bundled examples, from its top folder
DEFAULT_BYTES = 1_000_000


@dataclass
class BenchResult:
    """Figures of one benchmark run (times in seconds)."""

    articles: int
    words: int
    eventwire_s: list[float]
    spacy_s: list[float]
    stages: dict[str, float]
    peak_rss_mb: float
    cold_start_s: float | None
    workers: int
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as one JSON-ready object (what ``--json`` prints)."""
        ew, sp = statistics.median(self.eventwire_s), statistics.median(self.spacy_s)
        return {
            "articles": self.articles,
            "words": self.words,
            "workers": self.workers,
            "ratio": round(ew / sp, 3) if sp else None,
            # Each run's ratio: both sides timed back to back, under the same machine load.
            "ratio_runs": _spread(
                [e / b for e, b in zip(self.eventwire_s, self.spacy_s, strict=True)]
            ),
            "articles_per_s": round(self.articles / ew, 2),
            "words_per_s": round(self.words / ew, 1),
            "eventwire_s": _spread(self.eventwire_s),
            "spacy_s": _spread(self.spacy_s),
            "peak_rss_mb": round(self.peak_rss_mb, 1),  # with workers: theirs added
            "cold_start_s": None if self.cold_start_s is None else round(self.cold_start_s, 2),
            # With several workers, each stage's time is summed over them.
            "stages_s": {k: round(v, 3) for k, v in sorted(self.stages.items())},
            **self.extra,
        }


def load_corpus(corpus: Path | None, target_bytes: int = DEFAULT_BYTES) -> list[Article]:
    """Return the benchmark's articles: a folder's inputs, or the examples repeated to ~1 MB."""
    source = corpus or EXAMPLES
    if not source.is_dir():
        raise ValueError(f"{source} is not a folder: run from the repository or pass --corpus DIR")
    articles = [a for a in iter_inputs([str(source)]) if isinstance(a, Article)]
    if not articles:
        raise ValueError(f"no readable articles in {source}")
    if corpus is not None:
        return articles
    out: list[Article] = []
    size = 0
    while size < target_bytes:
        for a in articles:
            out.append(Article(id=f"{a.id}-{len(out)}", text=a.text, published=a.published))
            size += len(a.text.encode("utf-8"))
    return out


def run(
    corpus: Path | None = None,
    repeat: int = 3,
    workers: int = 1,
    cold_start: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    """Time eventwire and the spaCy baseline on the same texts ``repeat`` times each.

    Both sides load their model before the clock starts (the workers too); loading is what
    the cold start measures.
    """
    from eventwire.parallel import WorkerPool

    if workers < 1:
        raise ValueError("--workers must be 1 or more")
    say = progress or (lambda _msg: None)
    articles = load_corpus(corpus)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    baseline = spacy.load(nlp.model_name())
    pipeline = Pipeline() if workers == 1 else None
    pool = WorkerPool(workers) if workers > 1 else None
    if pool is not None:
        say(f"starting {workers} workers")
        pool.wait_ready()
    ew_times: list[float] = []
    sp_times: list[float] = []
    cpu_ratios: list[float] = []
    stages: dict[str, float] = {}
    try:
        for i in range(repeat):
            say(f"run {i + 1}/{repeat}: spaCy baseline")
            t0, c0 = time.perf_counter(), time.process_time()
            for _doc in baseline.pipe(texts, batch_size=16):
                pass
            sp_times.append(time.perf_counter() - t0)
            sp_cpu = time.process_time() - c0
            say(f"run {i + 1}/{repeat}: eventwire")
            runner: Pipeline | WorkerPool = pipeline or pool  # type: ignore[assignment]
            runner.timings.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            for _rec in runner.process(articles):
                pass
            ew_times.append(time.perf_counter() - t0)
            if workers == 1 and sp_cpu > 0:
                cpu_ratios.append((time.process_time() - c0) / sp_cpu)
            stages = dict(runner.timings)
    finally:
        if pool is not None:
            pool.close()
    peak = _peak_rss_mb(workers)
    cold = measure_cold_start() if cold_start else None
    extra: dict[str, Any] = {"cpu_ratio_runs": _spread(cpu_ratios)} if cpu_ratios else {}
    if workers > 1 and ew_times:
        # The share of the last run's wall time the workers spent in the pipeline: near 1,
        # the pool keeps them fed and what is left to gain is the cores' own speed.
        extra["worker_busy"] = round(sum(stages.values()) / (workers * ew_times[-1]), 3)
    return BenchResult(len(articles), words, ew_times, sp_times, stages, peak, cold, workers, extra)


def measure_cold_start() -> float:
    """Return the wall time of ``eventwire extract`` on one article in a fresh process."""
    example = next(EXAMPLES.glob("*.txt"))
    t0 = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and module, no outside input
        [sys.executable, "-m", "eventwire", "extract", str(example), "--published", "2022-09-12"],
        check=True,
        capture_output=True,
        env={**os.environ},
    )
    return time.perf_counter() - t0


def _peak_rss_mb(workers: int = 1) -> float:
    """Return the peak memory of this process, plus that of its workers when there are any."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if workers == 1:
        return own / 1024  # Linux reports kilobytes
    # The largest worker's peak times the workers: an upper bound of their sum.
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + workers * child) / 1024


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 3),
        "median": round(statistics.median(values), 3),
        "max": round(max(values), 3),
    }
