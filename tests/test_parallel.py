"""parallel: worker processes give the records one process gives, reading the input lazily."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.parallel import WorkerPool
from eventwire.pipeline import Pipeline
from eventwire.records import Article

TOWNS = ("Izium", "Balakliia", "Kupiansk", "Lyman", "Sviatohirsk", "Kreminna")


def _articles(read: list[int]) -> Iterator[Article]:
    for i, town in enumerate(TOWNS):
        read.append(i)
        text = f"Russian forces shelled {town} on Monday, killing {i + 2} civilians."
        yield Article(id=f"a{i}", text=text, published="2022-09-12")


def test_workers_give_the_records_of_one_process_in_input_order(pipeline: Pipeline) -> None:
    read: list[int] = []
    with WorkerPool(2, chunk_size=1) as pool:
        records = pool.process(_articles(read))
        first = next(records)
        # Two chunks per worker in flight, then the first result: the rest is not read yet.
        assert len(read) <= 2 * 2 + 1 < len(TOWNS)
        got = [first.as_dict(), *(r.as_dict() for r in records)]
    want = [r.as_dict() for r in pipeline.process(_articles([]))]
    assert [r["article"]["id"] for r in got] == [f"a{i}" for i in range(len(TOWNS))]
    assert got == want
    assert pool.timings["nlp"] > 0
