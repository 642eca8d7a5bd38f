"""Tests of eventwire.store: SQLite round trip, idempotent re-ingest, atomic batches, WAL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import (
    SCHEMA,
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Location,
    Place,
    Quantity,
    Quote,
    Record,
    Speaker,
)
from eventwire.store import (
    EVENT_FIELDS,
    STORE_VERSION,
    SQLiteStore,
    Store,
    StoreError,
    WriteStats,
    event_rows,
    open_store,
)

SENTENCE = "Russian forces shelled {town} overnight, the regional governor said."


def make_record(
    i: int, *, n_events: int = 2, text: str | None = None, located: bool = True
) -> Record:
    """Return an invented record with every field filled, numbered ``i``."""
    town = f"Townsk-{i}"
    body = text if text is not None else SENTENCE.format(town=town) + "\nSecond paragraph."
    article = Article(
        id=f"art-{i:03d}",
        text=body,
        title=f"Shelling of {town}",
        url=f"https://news.example/{i}",
        source="Example News",
        published="2022-09-12",
    )
    events = []
    for k in range(n_events):
        day = 10 + (i + k) % 5
        events.append(
            Event(
                id=f"ev-{i:03d}-{k}",
                type="ASSAULT" if k % 2 == 0 else "RETREAT",
                evidence=Evidence(text=body[:40], start=0, end=min(40, len(body))),
                mode="heavy-weapons" if k % 2 == 0 else None,
                acled_event_type="Explosions/Remote violence" if k % 2 == 0 else "Battles",
                acled_sub_event_type="Shelling/artillery/missile attack" if k % 2 == 0 else None,
                actor1=Actor(
                    text="Russian forces", name="Military Forces of Russia", country="RUS"
                ),
                actor2=Actor(text="civilians", sector="CVL") if k == 0 else None,
                location=Location(
                    text=town,
                    name=town,
                    lat=49.5 + i / 100 if located else None,
                    lon=36.25 + k / 100 if located else None,
                    country="UKR",
                    admin1="Kharkiv Oblast",
                    geonames_id=700000 + i,
                    precision=1,
                    homonyms=i % 3,
                ),
                date=f"2022-09-{day:02d}",
                date_text="overnight",
                date_precision=1,
                fatalities=k if k else None,
                injured=3,
                quantities=[Quantity(value=40, unit="settlements", text="40")],
                attributed_to=Attribution(text="the regional governor", name=None),
                negated=False,
                hypothetical=k == 1,
                confidence=0.75,
                also_evidence=[Evidence(text="Second paragraph.", start=0, end=17)],
            )
        )
    return Record(
        article=article,
        events=events,
        quotes=[
            Quote(
                text="The shelling went on all night.",
                kind="direct",
                start=3,
                end=34,
                speaker=Speaker(text="the governor", name="Oleh Syniehubov", start=40, end=52),
                cue="said",
            )
        ],
        places=[
            Place(
                text=town,
                start=22,
                end=22 + len(town),
                name=town,
                lat=49.5,
                lon=36.25,
                country="UKR",
                admin1="Kharkiv Oblast",
                geonames_id=700000 + i,
                feature="PPL",
                precision=1,
                source="geonames",
            )
        ],
        entities=[Entity(text="Russian", label="NORP", start=0, end=7, name="Russia")],
    )


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, sorted, for comparing stores by content."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)  # noqa: S608
            for t in tables
        }
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


def test_store_round_trip_gives_records_back_exactly(db: Path) -> None:
    records = [make_record(i, n_events=i % 3) for i in range(7)]
    with SQLiteStore(db) as store:
        stats = store.write(records, batch_size=3)
        got = list(store.records())
    assert got == sorted(records, key=lambda r: r.article.id)
    assert stats == WriteStats(
        articles=7, events=sum(i % 3 for i in range(7)), quotes=7, places=7, entities=7, batches=3
    )
    # A fresh connection reads the same records from the file.
    with open_store(db) as again:
        assert [r.as_dict() for r in again.records()] == [r.as_dict() for r in got]


def test_store_reingest_same_records_changes_nothing(db: Path) -> None:
    records = [make_record(i) for i in range(5)]
    with SQLiteStore(db) as store:
        store.write(records, batch_size=2)
        counts, content = store.counts(), dump(db)
        stats = store.write(records, batch_size=2)
        assert store.counts() == counts
        assert counts == {"articles": 5, "events": 10, "quotes": 5, "places": 5, "entities": 5}
    assert stats.replaced == 5
    assert dump(db) == content


def test_store_reingest_replaces_changed_article_rows(db: Path) -> None:
    with SQLiteStore(db) as store:
        store.write([make_record(1, n_events=3), make_record(2)])
        store.write([make_record(1, n_events=1)])
        assert store.counts()["events"] == 3
        assert [r["id"] for r in store.events(article_ids=["art-001"])] == ["ev-001-0"]
        assert next(store.records(article_ids="art-001")) == make_record(1, n_events=1)


def _failing(records: list[Record], fail_at: int, exc: BaseException) -> Iterator[Record]:
    for i, record in enumerate(records):
        if i == fail_at:
            raise exc
        yield record


def test_store_error_mid_second_batch_keeps_first_batch_only(db: Path) -> None:
    records = [make_record(i) for i in range(6)]
    with SQLiteStore(db) as store:
        with pytest.raises(RuntimeError, match="upstream stage failed"):
            store.write(_failing(records, 4, RuntimeError("upstream stage failed")), batch_size=3)
        assert [r.article.id for r in store.records()] == ["art-000", "art-001", "art-002"]
        assert store.counts() == {
            "articles": 3,
            "events": 6,
            "quotes": 3,
            "places": 3,
            "entities": 3,
        }
        assert not store._db.in_transaction
        # The store stays usable after the failure.
        assert store.write(records[3:]).articles == 3


def test_store_interrupt_while_writing_rolls_batch_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A KeyboardInterrupt raised after some rows of a batch were inserted undoes the batch."""
    as_dict = Record.as_dict

    def interrupting(self: Record) -> dict[str, Any]:
        if self.article.id == "art-004":
            raise KeyboardInterrupt
        return as_dict(self)

    records = [make_record(i) for i in range(6)]
    with SQLiteStore(db) as store:
        store.write(records[:3])
        monkeypatch.setattr(Record, "as_dict", interrupting)
        with pytest.raises(KeyboardInterrupt):
            store.write(records[3:], batch_size=3)
        monkeypatch.undo()
        assert store.counts()["articles"] == 3
        assert store.counts()["events"] == 6
    with SQLiteStore(db) as reopened:
        assert reopened._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reopened._db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_store_file_is_in_wal_mode(db: Path) -> None:
    with SQLiteStore(db) as store:
        assert store.journal_mode == "wal"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_store_meta_holds_schema_and_store_version(db: Path) -> None:
    SQLiteStore(db).close()
    con = sqlite3.connect(db)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    con.close()
    assert meta == {"schema": SCHEMA, "store_version": str(STORE_VERSION)}


def test_store_refuses_newer_store_version(db: Path) -> None:
    SQLiteStore(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'store_version'", (str(STORE_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer eventwire"):
        SQLiteStore(db)


def test_store_of_version_1_is_migrated_and_keeps_its_rows(db: Path) -> None:
    with SQLiteStore(db) as store:
        store.write([make_record(1), make_record(2)])
    # Make it a store of version 1: no events.location_homonyms column.
    con = sqlite3.connect(db)
    con.execute('ALTER TABLE "events" DROP COLUMN "location_homonyms"')
    con.execute("UPDATE meta SET value = '1' WHERE key = 'store_version'")
    con.commit()
    con.close()
    with SQLiteStore(db) as store:
        old = {r["id"]: r["location_homonyms"] for r in store.events()}
        assert len(old) == 4
        assert set(old.values()) == {None}  # not measured then
        store.write([make_record(3)])
        new = {r["id"]: r["location_homonyms"] for r in store.events()}
        assert new["ev-003-0"] == new["ev-003-1"] == 3 % 3  # make_record: i % 3
        assert len(new) == 6
    con = sqlite3.connect(db)
    assert dict(con.execute("SELECT key, value FROM meta").fetchall())["store_version"] == str(
        STORE_VERSION
    )
    con.close()


def test_store_refuses_foreign_database_and_non_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE things (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        SQLiteStore(other)
    text = tmp_path / "notes.db"
    text.write_text("this is not a database, " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(text)
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "events.db")


def test_store_event_rows_match_flat_rows_of_records(db: Path) -> None:
    records = [make_record(i, n_events=2) for i in range(3)]
    with SQLiteStore(db) as store:
        store.write(records)
        rows = list(store.events())
    assert rows == list(event_rows(records))
    assert all(tuple(r) == EVENT_FIELDS for r in rows)
    first = rows[0]
    assert first["title"] == "Shelling of Townsk-0"
    assert first["latitude"] == 49.5
    assert first["longitude"] == 36.25
    assert first["negated"] is False
    assert rows[1]["hypothetical"] is True
    assert first["quantities"] == '[{"value":40,"unit":"settlements","text":"40"}]'


def test_store_filters_by_date_type_and_article(db: Path) -> None:
    records = [make_record(i, n_events=2) for i in range(6)]
    with SQLiteStore(db) as store:
        store.write(records)
        all_rows = list(store.events())
        since = [r["id"] for r in store.events(since="2022-09-13")]
        assert since == [r["id"] for r in all_rows if r["event_date"] >= "2022-09-13"]
        assert 0 < len(since) < len(all_rows)
        window = list(store.events(since="2022-09-11", until="2022-09-12"))
        assert {r["event_date"] for r in window} == {"2022-09-11", "2022-09-12"}
        assert {r["type"] for r in store.events(type="retreat")} == {"RETREAT"}
        assert len(list(store.events(type=["ASSAULT", "RETREAT"]))) == len(all_rows)
        assert [r["article_id"] for r in store.events(article_ids=["art-002"])] == [
            "art-002",
            "art-002",
        ]
        # records(): whole records of articles with a matching event.
        by_date = {r.article.id for r in store.records(until="2022-09-10")}
        assert by_date == {r["article_id"] for r in all_rows if r["event_date"] <= "2022-09-10"}
        assert by_date
        assert list(store.records(type="PROTEST")) == []
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            list(store.events(since="last week"))


def test_store_reader_sees_committed_batches_during_write(db: Path) -> None:
    records = [make_record(i) for i in range(4)]
    seen: list[int] = []
    thread_seen: list[int] = []
    with SQLiteStore(db) as writer, SQLiteStore(db, timeout=0.5) as reader:

        def produce() -> Iterator[Record]:
            for i, record in enumerate(records):
                if i == 3:
                    # Batch 1 committed, batch 2 gathered: a reader neither blocks nor sees it.
                    seen.append(reader.counts()["articles"])
                    t = threading.Thread(
                        target=lambda: thread_seen.append(_count_in_thread(db)),
                    )
                    t.start()
                    t.join()
                yield record

        writer.write(produce(), batch_size=2)
        assert reader.counts()["articles"] == 4
    assert seen == [2]
    assert thread_seen == [2]


def _count_in_thread(db: Path) -> int:
    with SQLiteStore(db, timeout=0.5) as store:
        return store.counts()["articles"]


def test_store_reader_not_blocked_by_open_write_transaction(db: Path) -> None:
    with SQLiteStore(db) as writer:
        writer.write([make_record(1)])
        with writer._transaction():
            writer._db.execute('DELETE FROM "articles"')
            with SQLiteStore(db, timeout=0.2) as reader:
                assert reader.counts()["articles"] == 1
        assert writer.counts()["articles"] == 0


INJECTIONS = [
    "'; DROP TABLE events; --",
    'Robert"); DELETE FROM articles WHERE ("1"="1',
    "1 OR 1=1",
    "x' UNION SELECT sql FROM sqlite_master --",
]


def check_injection_strings_kept_verbatim(store: Store) -> None:
    """Write and read back strings shaped like SQL injections; every store keeps them as text."""
    record = make_record(1, text=" ".join(INJECTIONS))
    record.article.id = INJECTIONS[0]
    record.article.title = INJECTIONS[1]
    record.events[0].actor1 = Actor(text=INJECTIONS[2], name=INJECTIONS[3])
    store.write([record, make_record(2)])
    assert store.counts()["articles"] == 2
    assert next(store.records(article_ids=[INJECTIONS[0]])) == record
    rows = list(store.events(article_ids=[INJECTIONS[0]], type=INJECTIONS[2]))
    assert rows == []
    row = next(store.events(article_ids=[INJECTIONS[0]]))
    assert (row["article_id"], row["title"], row["actor1_text"], row["actor1_name"]) == (
        INJECTIONS[0],
        INJECTIONS[1],
        INJECTIONS[2],
        INJECTIONS[3],
    )


def test_store_keeps_sql_injection_strings_verbatim(db: Path) -> None:
    with SQLiteStore(db) as store:
        check_injection_strings_kept_verbatim(store)


def test_open_store_reads_paths_and_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as a:
        assert isinstance(a, SQLiteStore)
        assert isinstance(a, Store)
    assert (tmp_path / "a.db").exists()
    with open_store(str(tmp_path / "b.db")) as b:
        b.write([make_record(1)])
        assert b.counts()["events"] == 2
    with open_store(":memory:") as m:
        m.write([make_record(1)])
        assert list(m.records()) == [make_record(1)]
    # A server URL opens PostgreSQL; with no server there, a clear error without the password.
    with pytest.raises(StoreError, match="PostgreSQL") as refused:
        open_store("postgresql://user:secret@127.0.0.1:9/events")
    assert "secret" not in str(refused.value)
    with pytest.raises(StoreError, match="not supported"):
        open_store("mysql://db.example/events")


def test_store_closed_store_raises_store_error(db: Path) -> None:
    store = SQLiteStore(db)
    with store:
        pass
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_store_write_rejects_bad_batch_size(db: Path) -> None:
    with SQLiteStore(db) as store, pytest.raises(ValueError, match="batch_size"):
        store.write([make_record(1)], batch_size=0)


def test_store_writer_commits_while_reader_streams(db: Path) -> None:
    """A reader part-way through a result keeps its snapshot; the writer still commits."""
    with SQLiteStore(db) as setup:
        setup.write([make_record(i) for i in range(3)])
    with SQLiteStore(db, timeout=0.5) as writer, SQLiteStore(db) as reader:
        stream = reader.records()
        first = next(stream)
        stats = writer.write([make_record(i) for i in range(3, 6)])
        rest = list(stream)
        assert stats.articles == 3
        assert [r.article.id for r in [first, *rest]] == ["art-000", "art-001", "art-002"]
        assert reader.counts()["articles"] == 6


def test_store_close_with_unfinished_stream_is_quiet(db: Path) -> None:
    store = SQLiteStore(db)
    store.write([make_record(1), make_record(2)])
    stream = store.events()
    assert isinstance(stream, Generator)
    next(stream)
    store.close()
    stream.close()  # must not raise (pytest turns unraisable exceptions into errors)
