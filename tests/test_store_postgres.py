"""The PostgreSQL store keeps the SQLite store's promises, on a real server.

The server is PostgreSQL from the ``pgserver`` wheel (a [dev] dependency), started once in a
temporary directory; every test gets a schema of its own.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from urllib.parse import quote

import pytest

from eventwire.records import Record
from eventwire.store import EVENT_FIELDS, Store, StoreError, event_rows, open_store
from test_store import check_injection_strings_kept_verbatim, make_record

psycopg = pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
pgserver = pytest.importorskip("pgserver", reason="pgserver (a [dev] dependency) is not installed")

from eventwire.store.postgres import PostgresStore, display_url  # noqa: E402

_schemas = count()


@pytest.fixture(scope="module")
def server_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI): not ours.
        warnings.simplefilter("ignore")
        try:
            server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
        except Exception as exc:
            pytest.skip(f"cannot start a PostgreSQL server here: {exc}")
    try:
        yield str(server.get_uri())
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()


@pytest.fixture
def url(server_uri: str) -> str:
    """A URL whose tables go to a fresh, empty schema."""
    name = f"t{next(_schemas)}"
    with psycopg.connect(server_uri, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    sep = "&" if "?" in server_uri else "?"
    return f"{server_uri}{sep}options={quote(f'-csearch_path={name}')}"


def test_postgres_round_trip_gives_records_back_exactly(url: str) -> None:
    records = [make_record(i) for i in range(5)]
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        assert isinstance(store, Store)
        stats = store.write(records, batch_size=2)
        assert (stats.articles, stats.events, stats.batches) == (5, 10, 3)
        assert list(store.records()) == records
    with PostgresStore(url) as again:
        assert list(again.records()) == records
        assert again.counts() == {
            "articles": 5,
            "events": 10,
            "quotes": 5,
            "places": 5,
            "entities": 5,
        }


def test_postgres_event_rows_equal_sqlite_rows(url: str, tmp_path: Path) -> None:
    records = [make_record(i) for i in range(4)]
    for record, aid in zip(records, ("B", "a-c", "ab", "A"), strict=True):
        record.article.id = aid  # sorted bytewise by both stores, whatever the server's locale
    with open_store(url) as pg, open_store(tmp_path / "events.db") as lite:
        pg.write(records)
        lite.write(records)
        pg_rows = list(pg.events())
        assert pg_rows == list(lite.events())
        assert pg_rows == list(event_rows(sorted(records, key=lambda r: r.article.id)))
        assert [r.article.id for r in pg.records()] == ["A", "B", "a-c", "ab"]
        assert set(pg_rows[0]) == set(EVENT_FIELDS)
        # Coordinates keep every decimal (PostgreSQL's REAL would round them).
        assert all(isinstance(r["latitude"], float) for r in pg_rows if r["latitude"] is not None)


def test_postgres_reingest_replaces_and_same_input_changes_nothing(url: str) -> None:
    with PostgresStore(url) as store:
        store.write([make_record(1), make_record(2)])
        before = store.counts()
        stats = store.write([make_record(1), make_record(2)])
        assert stats.replaced == 2
        assert store.counts() == before
        changed = make_record(1)
        changed.events = changed.events[:1]
        store.write([changed])
        assert [r["article_id"] for r in store.events(article_ids=["art-001"])] == ["art-001"]
        assert next(store.records(article_ids=["art-001"])) == changed


def test_postgres_error_mid_second_batch_keeps_first_batch_only(url: str) -> None:
    def produce() -> Iterator[Record]:
        yield make_record(1)
        yield make_record(2)
        yield make_record(3)
        raise RuntimeError("upstream failed")

    with PostgresStore(url) as store:
        with pytest.raises(RuntimeError, match="upstream"):
            store.write(produce(), batch_size=2)
        assert store.counts()["articles"] == 2
        assert [r.article.id for r in store.records()] == ["art-001", "art-002"]


def test_postgres_bad_row_rolls_whole_batch_back(url: str) -> None:
    bad = make_record(2)
    bad.events[0].evidence.start = 2**70  # out of BIGINT range: the server refuses the row
    with PostgresStore(url) as store:
        store.write([make_record(0)])
        with pytest.raises(psycopg.Error):
            store.write([make_record(1), bad])
        assert [r.article.id for r in store.records()] == ["art-000"]
        store.write([make_record(1)])  # the connection is usable again
        assert store.counts()["articles"] == 2


def test_postgres_filters_by_date_type_and_article(url: str) -> None:
    records = [make_record(i) for i in range(6)]
    with PostgresStore(url) as store:
        store.write(records)
        all_rows = list(store.events())
        since = [r for r in all_rows if r["event_date"] >= "2022-09-12"]
        assert since
        assert list(store.events(since="2022-09-12")) == since
        assert list(store.events(type="assault")) == [r for r in all_rows if r["type"] == "ASSAULT"]
        assert list(store.events(type=["PROTEST"])) == []
        ids = {r.article.id for r in store.records(until="2022-09-10")}
        assert ids == {r["article_id"] for r in all_rows if r["event_date"] <= "2022-09-10"}
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            list(store.events(since="last week"))


def test_postgres_keeps_sql_injection_strings_verbatim(url: str) -> None:
    with PostgresStore(url) as store:
        check_injection_strings_kept_verbatim(store)


def test_postgres_text_with_nul_is_stored_with_offsets_intact(url: str) -> None:
    record = make_record(1)
    record.article.text = "\x00" + record.article.text[1:]
    with PostgresStore(url) as store:
        store.write([record])
        back = next(store.records())
    assert back.article.text == "\ufffd" + record.article.text[1:]
    assert len(back.article.text) == len(record.article.text)


def test_postgres_reader_streams_while_writer_commits(url: str) -> None:
    with PostgresStore(url) as setup:
        setup.write([make_record(i) for i in range(3)])
    with PostgresStore(url) as writer, PostgresStore(url) as reader:
        stream = reader.records()
        first = next(stream)
        stats = writer.write([make_record(i) for i in range(3, 6)])
        rest = list(stream)
        assert stats.articles == 3
        assert [r.article.id for r in [first, *rest]] == ["art-000", "art-001", "art-002"]
        assert reader.counts()["articles"] == 6
        # The same store can write while one of its own streams is open.
        own = writer.events()
        next(own)
        writer.write([make_record(9)])
        own.close()
        assert writer.counts()["articles"] == 7


def test_postgres_two_writers_of_the_same_articles_never_interleave(url: str) -> None:
    PostgresStore(url).close()  # schema made before the threads race
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            with PostgresStore(url) as store:
                for _ in range(5):
                    store.write([make_record(i) for i in range(4)], batch_size=2)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with PostgresStore(url) as store:
        assert store.counts()["articles"] == 4
        assert store.counts()["events"] == 8


def test_postgres_refuses_foreign_tables_and_newer_versions(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute('CREATE TABLE "events" ("x" int)')
    with pytest.raises(StoreError, match="not an eventwire store"):
        PostgresStore(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute('DROP TABLE "events"')
    PostgresStore(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute('UPDATE "meta" SET "value" = \'99\' WHERE "key" = \'store_version\'')
    with pytest.raises(StoreError, match="newer eventwire"):
        PostgresStore(url)


def test_postgres_store_of_version_1_is_migrated(url: str) -> None:
    with PostgresStore(url) as store:
        store.write([make_record(1)])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute('ALTER TABLE "events" DROP COLUMN "location_homonyms"')
        conn.execute('UPDATE "meta" SET "value" = \'1\' WHERE "key" = \'store_version\'')
    with PostgresStore(url) as store:
        assert {r["location_homonyms"] for r in store.events()} == {None}
        store.write([make_record(2)])
        assert {r["id"]: r["location_homonyms"] for r in store.events()}["ev-002-0"] == 2
    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute('SELECT "value" FROM "meta" WHERE "key" = \'store_version\'')
        assert version.fetchone() == ("2",)


def test_postgres_unreachable_server_is_a_clear_error_without_password() -> None:
    dead = "postgresql://analyst:hunter2@127.0.0.1:9/events"
    with pytest.raises(StoreError, match="cannot connect") as refused:
        open_store(dead)
    assert "hunter2" not in str(refused.value)
    assert display_url(dead) == "postgresql://analyst@127.0.0.1:9/events"
    # Passwords that break URL parsing: an unencoded "/" or "?", a bad %-escape, a query key.
    for url, secret in (
        ("postgresql://analyst:s3cr/et@127.0.0.1:9/events", "s3cr/et"),
        ("postgresql://analyst:s3cr%zzet@127.0.0.1:9/events", "s3cr%zzet"),
        ("postgresql://analyst:pa?ss@127.0.0.1:9/events", "pa?ss"),
        ("postgresql://127.0.0.1:9/events?user=analyst&password=hunter3", "hunter3"),
    ):
        assert secret not in display_url(url)
        with pytest.raises(StoreError) as refused:
            open_store(url)
        assert secret not in str(refused.value), url


def test_postgres_closed_store_raises_store_error(url: str) -> None:
    store = PostgresStore(url)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_cli_ingests_into_postgres_and_exports(url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    article = tmp_path / "in" / "report.txt"
    article.parent.mkdir()
    article.write_text(
        "Russian forces shelled Kupiansk in Kharkiv Oblast on Tuesday, the regional governor said.",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(
        main, ["ingest", str(article.parent), "--published", "2022-09-14", "--db", url]
    )
    assert done.exit_code == 0, done.output
    out = tmp_path / "events.csv"
    done = runner.invoke(main, ["export", "--db", url, "--format", "csv", "-o", str(out)])
    assert done.exit_code == 0, done.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 2
    assert "Kupiansk" in lines[1] or "Kupyansk" in lines[1]


def test_web_api_serves_a_postgres_store(url: str) -> None:
    pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx ([web] extra)")
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    records = [make_record(i) for i in range(3)]
    with PostgresStore(url) as store:
        store.write(records)
    client = TestClient(create_app(url))
    got = client.get("/api/events", params={"limit": 2})
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["total"] == 6
    assert len(body["events"]) == 2
    assert client.get("/api/stats").status_code == 200
