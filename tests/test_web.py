"""Tests of eventwire.web: every endpoint of the API over a store of invented records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web app needs the [web] extra")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx ([web] extra)")

from fastapi.testclient import TestClient

from eventwire.pipeline import Pipeline
from eventwire.records import Article, Record
from eventwire.web import TOKEN_ENV, create_app, parse_bbox
from test_report import make_db, make_event, sample_records

TOKEN = "s3cret-token"  # noqa: S105 - a test token, not a secret
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class FakePipeline:
    """Stands in for the real pipeline: one ASSAULT event per article, read from its text."""

    def __init__(self) -> None:
        self.seen: list[Article] = []

    def process(self, articles: Iterable[Article]) -> Iterator[Record]:
        for article in articles:
            self.seen.append(article)
            event = make_event(len(self.seen) + 100, evidence=article.text[:80])
            yield Record(article=article, events=[event])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "events.db", sample_records())


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db)))


@pytest.fixture
def fake() -> FakePipeline:
    return FakePipeline()


@pytest.fixture
def ingest_client(db: Path, fake: FakePipeline) -> TestClient:
    return TestClient(
        create_app(str(db), ingest_token=TOKEN, max_body=4096, pipeline_factory=lambda: fake)
    )


def ids(client: TestClient, **params: object) -> list[str]:
    answer = client.get("/api/events", params=params)  # type: ignore[arg-type]
    assert answer.status_code == 200, answer.text
    return [e["id"] for e in answer.json()["events"]]


def test_web_events_lists_all_with_parsed_quantities(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 5
    assert body["next_offset"] is None
    assert [e["id"] for e in body["events"]] == ["e1", "e2", "e3", "e4", "e5"]
    assert body["events"][0]["quantities"][0]["unit"] == "tanks"
    assert body["events"][0]["evidence_text"].startswith("Invented sentence number 1")


def test_web_events_pages_with_limit_and_offset(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    assert [e["id"] for e in first["events"]] == ["e1", "e2"]
    assert (first["total"], first["next_offset"]) == (5, 2)
    last = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert [e["id"] for e in last["events"]] == ["e5"]
    assert last["next_offset"] is None
    assert client.get("/api/events", params={"offset": 50}).json()["events"] == []


def test_web_events_filters(client: TestClient) -> None:
    assert ids(client, since="2022-09-12") == ["e5"]
    assert ids(client, until="2022-09-11", type="retreat") == ["e2"]
    assert ids(client, type=["RETREAT", "MOBILIZE"]) == ["e2", "e4"]
    # A box around Kharkiv oblast only: Kherson and the unplaced event stay out.
    assert ids(client, bbox="35.5,49,38.5,50.5") == ["e1", "e2", "e5"]
    assert ids(client, actor="russia") == ["e1", "e2", "e3", "e4", "e5"]
    assert ids(client, actor="nobody here") == []
    assert ids(client, q="HLYBOKE") == ["e4"]
    assert ids(client, q="general staff") == ["e1"]
    assert ids(client, region="Kherson Oblast") == ["e3"]
    assert ids(client, region="kharkiv", since="2022-09-12") == ["e5"]


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"since": "yesterday"}, 400, "since must be a date"),
        ({"until": "2022-02-30"}, 400, "until must be a date"),
        ({"since": "2022-09-12", "until": "2022-09-01"}, 400, "is after"),
        ({"bbox": "1,2,3"}, 400, "four numbers"),
        ({"bbox": "a,b,c,d"}, 400, "four numbers"),
        ({"bbox": "0,80,10,10"}, 400, "latitudes"),
        ({"bbox": "0,0,nan,1"}, 400, "four numbers"),
        ({"type": "ASSAULT; DROP TABLE events"}, 400, "PLOVER category"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": 100000}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
        ({"limit": "many"}, 422, "limit"),
    ],
)
def test_web_events_bad_parameters_are_clear_4xx(
    client: TestClient, params: dict[str, object], status: int, words: str
) -> None:
    for path in ("/api/events", "/api/events.geojson", "/api/events.csv"):
        answer = client.get(path, params=params)  # type: ignore[arg-type]
        assert answer.status_code == status, (path, answer.text)
        assert words in answer.text


def test_web_geojson_has_located_features_and_counts_the_rest(client: TestClient) -> None:
    answer = client.get("/api/events.geojson")
    assert answer.headers["content-type"].startswith("application/geo+json")
    body = answer.json()
    assert [f["id"] for f in body["features"]] == ["e1", "e2", "e3", "e5"]
    assert body["features"][0]["geometry"]["coordinates"] == [37.2569, 49.2128]
    assert body["unlocated"] == 1
    assert body["unlocated_events"][0]["id"] == "e4"
    kharkiv = client.get("/api/events.geojson", params={"region": "kharkiv", "limit": 1}).json()
    assert [f["id"] for f in kharkiv["features"]] == ["e1"]


def test_web_csv_rows_and_acled_profile(client: TestClient) -> None:
    answer = client.get("/api/events.csv", params={"type": "ASSAULT"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in rows] == ["e1", "e3", "e5"]
    acled = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?profile=acled").text)))
    assert len(acled) == 5
    assert "event_id_cnty" in acled[0]
    assert client.get("/api/events.csv?profile=excel").status_code == 422


def test_web_article_gives_record_with_events_and_quotes(client: TestClient) -> None:
    body = client.get("/api/articles/a1").json()
    assert body["article"]["title"] == "Front line report"
    assert [e["id"] for e in body["events"]] == ["e1", "e2", "e3", "e4"]
    assert body["quotes"][0]["speaker"]["name"] == "Volodymyr Zelensky"
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404
    assert "nope" in missing.json()["detail"]


def test_web_stats_counts_tables_types_days_regions(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["counts"]["events"] == 5
    assert body["counts"]["articles"] == 2
    assert body["by_type"] == {"ASSAULT": 3, "RETREAT": 1, "MOBILIZE": 1}
    assert body["by_day"] == {"2022-09-11": 4, "2022-09-12": 1}
    assert body["by_region"] == {"Kharkiv Oblast": 3, "Kherson Oblast": 1}
    assert (body["located"], body["unlocated"]) == (4, 1)


def test_web_report_endpoint_matches_static_report_data(client: TestClient) -> None:
    body = client.get("/api/report", params={"region": "Kherson"}).json()
    assert body["meta"]["events"] == 1
    assert body["events"][0]["id"] == "e3"
    assert client.get("/api/report", params={"since": "x"}).status_code == 400


def test_web_index_page_is_live_and_locked_down(client: TestClient) -> None:
    answer = client.get("/")
    assert answer.status_code == 200
    assert '"mode":"live"' in answer.text
    csp = answer.headers["content-security-policy"]
    assert "connect-src 'self'" in csp
    assert "script-src 'sha256-" in csp


def test_web_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events.geojson",
        "/api/events.csv",
        "/api/articles/{article_id}",
        "/api/stats",
        "/api/report",
        "/api/ingest",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_web_ingest_is_off_without_a_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    client = TestClient(create_app(str(db), pipeline_factory=FakePipeline))
    answer = client.post("/api/ingest", content=b"text", headers=AUTH)
    assert answer.status_code == 403
    assert TOKEN_ENV in answer.json()["detail"]


def test_web_ingest_takes_token_from_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch, fake: FakePipeline
) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    client = TestClient(create_app(str(db), pipeline_factory=lambda: fake))
    headers = {**AUTH, "Content-Type": "text/plain"}
    answer = client.post("/api/ingest", content=b"Shelling hit Izium at night.", headers=headers)
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
def test_web_ingest_refuses_missing_or_wrong_token(
    ingest_client: TestClient, fake: FakePipeline, headers: dict[str, str]
) -> None:
    answer = ingest_client.post(
        "/api/ingest", content=b"text", headers={**headers, "Content-Type": "text/plain"}
    )
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert fake.seen == []


def test_web_ingest_stores_text_and_serves_it(
    ingest_client: TestClient, fake: FakePipeline
) -> None:
    text = "Russian forces shelled Izium overnight, the governor said."
    answer = ingest_client.post(
        "/api/ingest?published=2022-09-13",
        content=text.encode(),
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["articles"], body["events"], body["errors"]) == (1, 1, [])
    assert fake.seen[0].published == "2022-09-13"
    stored = ingest_client.get(f"/api/articles/{body['article_ids'][0]}").json()
    assert stored["article"]["text"] == text
    assert ingest_client.get("/api/stats").json()["counts"]["articles"] == 3


def test_web_ingest_reads_jsonl_and_reports_bad_lines(
    ingest_client: TestClient, fake: FakePipeline
) -> None:
    lines = [
        json.dumps({"id": "j1", "text": "First invented report of shelling."}),
        "{not json",
        json.dumps(
            {"id": "j2", "html": "<html><body><p>Second invented report.</p></body></html>"}
        ),
    ]
    answer = ingest_client.post(
        "/api/ingest",
        content="\n".join(lines).encode(),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["article_ids"] == ["j1", "j2"]
    assert len(body["errors"]) == 1
    assert body["errors"][0].startswith("body:2:")
    assert "/tmp" not in body["errors"][0]  # the server's temporary path stays private


def test_web_ingest_refuses_oversized_bodies(ingest_client: TestClient, fake: FakePipeline) -> None:
    headers = {**AUTH, "Content-Type": "text/plain"}
    big = ingest_client.post("/api/ingest", content=b"x" * 5000, headers=headers)
    assert big.status_code == 413
    assert "4096" in big.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(10):
            yield b"y" * 1000

    streamed = ingest_client.post("/api/ingest", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    assert fake.seen == []


@pytest.mark.parametrize(
    ("content_type", "body", "query", "status"),
    [
        ("application/pdf", b"%PDF", "", 415),
        ("text/plain", b"   \n", "", 400),
        ("text/plain", b"Some text.", "?published=soon", 400),
        ("text/html", b"<html><body></body></html>", "", 422),
    ],
)
def test_web_ingest_bad_requests_are_clear_4xx(
    ingest_client: TestClient, content_type: str, body: bytes, query: str, status: int
) -> None:
    answer = ingest_client.post(
        "/api/ingest" + query, content=body, headers={**AUTH, "Content-Type": content_type}
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]


def test_web_ingest_with_the_real_pipeline(db: Path, pipeline: Pipeline) -> None:
    client = TestClient(create_app(str(db), ingest_token=TOKEN, pipeline_factory=lambda: pipeline))
    text = (
        "Ukrainian forces recaptured the village of Hrakove on Sunday, the General Staff said.\n\n"
        "Russian troops shelled Kharkiv overnight, killing two civilians."
    )
    answer = client.post(
        "/api/ingest?published=2022-09-12",
        content=text.encode(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    stored = client.get(f"/api/articles/{body['article_ids'][0]}").json()
    assert len(stored["events"]) == body["events"] >= 1
    assert client.get("/api/stats").json()["counts"]["events"] == 5 + body["events"]


def test_web_parse_bbox_accepts_antimeridian_boxes() -> None:
    assert parse_bbox("170,-10,-170,10") == (170.0, -10.0, -170.0, 10.0)
    assert parse_bbox(None) is None
