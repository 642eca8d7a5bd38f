"""cluster: a Dask cluster gives the records one process gives, in input order, reading lazily."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Article

pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")

from eventwire.cluster import ClusterError, DaskPool

TOWNS = ("Vuhledar", "Marinka", "Avdiivka", "Siversk", "Soledar", "Bilohorivka", "Lysychansk")

pytestmark = pytest.mark.slow


def _articles(read: list[int]) -> Iterator[Article]:
    for i, town in enumerate(TOWNS):
        read.append(i)
        text = (
            f"Ukrainian artillery struck a Russian depot near {town} late on Sunday, "
            f"the General Staff said, adding that {i + 3} soldiers were wounded."
        )
        yield Article(id=f"d{i}", text=text, published="2022-10-03")


@pytest.fixture(scope="module")
def local_pool() -> Iterator[DaskPool]:
    with warnings.catch_warnings():
        # distributed's own start-up notices (ports, resources) are not eventwire's to fix.
        warnings.simplefilter("ignore")
        pool = DaskPool("local", workers=2, chunk_size=1)
    try:
        yield pool
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pool.close()


def test_dask_gives_the_records_of_one_process_in_input_order(
    local_pool: DaskPool, pipeline: Pipeline
) -> None:
    read: list[int] = []
    records = local_pool.process(_articles(read))
    first = next(records)
    # Two chunks per worker thread in flight, then the first result: the rest is not read yet.
    assert len(read) <= 2 * local_pool.threads + 1 < len(TOWNS)
    got = [first.as_dict(), *(r.as_dict() for r in records)]
    want = [r.as_dict() for r in pipeline.process(_articles([]))]
    assert [r["article"]["id"] for r in got] == [f"d{i}" for i in range(len(TOWNS))]
    assert got == want
    assert local_pool.timings["nlp"] > 0


def test_dask_pool_is_reusable_and_each_worker_loads_once(local_pool: DaskPool) -> None:
    from eventwire import cluster

    first = [r.article.id for r in local_pool.process(_articles([]))]
    again = [r.article.id for r in local_pool.process(_articles([]))]
    assert first == again
    loaded = local_pool._client.run(lambda: len(cluster._pipelines))
    assert set(loaded.values()) <= {0, 1}
    assert sum(loaded.values()) >= 1


def test_dask_unreachable_scheduler_is_a_clear_error() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
            DaskPool("tcp://127.0.0.1:9", timeout=2)
        with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
            DaskPool("not a scheduler address", timeout=2)


def test_cli_ingest_on_dask_matches_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # More files than one chunk holds (8): the chunks go to both workers and come back in order.
    for i in range(11):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"{i:02d}.txt").write_text(
            f"Russian forces shelled {town} on Tuesday, {i + 2} days after the last attack.",
            encoding="utf-8",
        )
    outs = []
    for extra in ([], ["--dask", "local", "--workers", "2"]):
        out = tmp_path / f"out{len(outs)}.jsonl"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "eventwire",
                "extract",
                str(folder),
                "--published",
                "2022-10-04",
                "-o",
                str(out),
                *extra,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert outs[0].count("\n") == 11
