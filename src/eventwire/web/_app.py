"""The FastAPI app over one store: events with filters and paging, articles, stats, ingest, page."""

from __future__ import annotations

import hmac
import io
import os
from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from eventwire import __version__
from eventwire.report import ReportFilters, content_security_policy, live_page, report_data
from eventwire.store import Store, StoreError, open_store
from eventwire.web._ingest import DEFAULT_MAX_BODY, Ingester, suffix_for
from eventwire.web._query import MAX_LIMIT, EventQuery, QueryError, api_row

TOKEN_ENV = "EVENTWIRE_INGEST_TOKEN"  # noqa: S105 - the name of a variable, not a secret

Since = Annotated[str | None, Query(description="Events on or after this date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Events on or before this date (YYYY-MM-DD).")]
Types = Annotated[list[str] | None, Query(alias="type", description="PLOVER types, repeatable.")]
Bbox = Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat (WGS84 degrees).")]
ActorQ = Annotated[str | None, Query(description="Words in an actor's text or name.")]
TextQ = Annotated[str | None, Query(description="Words in the evidence, title, place or actors.")]
Regions = Annotated[
    list[str] | None, Query(alias="region", description="admin1 name or ISO3 country; repeatable.")
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")]
Offset = Annotated[int, Query(ge=0, description="Events to skip.")]


def create_app(
    db: str,
    *,
    ingest_token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline_factory: Callable[[], Any] | None = None,
) -> FastAPI:
    """Return the web app over the store at ``db``; ingest is on only with a token."""
    token = ingest_token if ingest_token is not None else os.environ.get(TOKEN_ENV) or None
    ingester = Ingester(db, pipeline_factory)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Sourced, geocoded events from war and crisis reporting (eventwire/1).",
    )

    def store() -> Store:
        try:
            return open_store(db)
        except StoreError as exc:
            raise HTTPException(503, detail=str(exc)) from exc

    def query(**kwargs: Any) -> EventQuery:
        try:
            return EventQuery.parse(**kwargs)
        except QueryError as exc:
            raise HTTPException(400, detail=str(exc)) from exc

    def page(q: EventQuery, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Return the number of matching events and the rows of the page asked for."""
        total, rows = 0, []
        with store() as s:
            for row in q.rows(s):
                if offset <= total < offset + limit:
                    rows.append(row)
                total += 1
        return total, rows

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        csp = content_security_policy(connect="'self'")
        return HTMLResponse(live_page("/api/report"), headers={"Content-Security-Policy": csp})

    @app.get("/api/events", summary="Events matching the filters, a page at a time")
    def events(
        since: Since = None,
        until: Until = None,
        types: Types = None,
        bbox: Bbox = None,
        actor: ActorQ = None,
        q: TextQ = None,
        regions: Regions = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        eq = query(
            since=since, until=until, types=types, bbox=bbox, actor=actor, q=q, regions=regions
        )
        total, rows = page(eq, limit, offset)
        nxt = offset + limit if offset + limit < total else None
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": nxt,
            "events": [api_row(r) for r in rows],
        }

    @app.get("/api/events.geojson", summary="The same events as a GeoJSON FeatureCollection")
    def events_geojson(
        since: Since = None,
        until: Until = None,
        types: Types = None,
        bbox: Bbox = None,
        actor: ActorQ = None,
        q: TextQ = None,
        regions: Regions = None,
        limit: Limit = MAX_LIMIT,
        offset: Offset = 0,
    ) -> Response:
        from eventwire.export import write_geojson

        eq = query(
            since=since, until=until, types=types, bbox=bbox, actor=actor, q=q, regions=regions
        )
        _, rows = page(eq, limit, offset)
        out = io.StringIO()
        write_geojson(rows, out)
        return Response(out.getvalue(), media_type="application/geo+json")

    @app.get("/api/events.csv", summary="The same events as CSV rows")
    def events_csv(
        since: Since = None,
        until: Until = None,
        types: Types = None,
        bbox: Bbox = None,
        actor: ActorQ = None,
        q: TextQ = None,
        regions: Regions = None,
        limit: Limit = MAX_LIMIT,
        offset: Offset = 0,
        profile: Annotated[str, Query(pattern="^(eventwire|acled)$")] = "eventwire",
    ) -> Response:
        from eventwire.export import write_csv

        eq = query(
            since=since, until=until, types=types, bbox=bbox, actor=actor, q=q, regions=regions
        )
        _, rows = page(eq, limit, offset)
        out = io.StringIO(newline="")
        write_csv(rows, out, profile=profile)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")

    @app.get("/api/articles/{article_id}", summary="One article's record: events, quotes, places")
    def article(
        article_id: Annotated[str, Path(min_length=1, max_length=200)],
    ) -> dict[str, Any]:
        with store() as s:
            found = next(iter(s.records(article_ids=[article_id])), None)
        if found is None:
            raise HTTPException(404, detail=f"no article with id {article_id!r}")
        return found.as_dict()

    @app.get("/api/stats", summary="Counts per table, type, day and region")
    def stats() -> dict[str, Any]:
        by_type: Counter[str] = Counter()
        by_day: Counter[str] = Counter()
        by_region: Counter[str] = Counter()
        located = 0
        with store() as s:
            counts = s.counts()
            for row in s.events():
                by_type[row["type"]] += 1
                if row["event_date"]:
                    by_day[row["event_date"]] += 1
                if row["latitude"] is not None and row["longitude"] is not None:
                    located += 1
                    by_region[row["admin1"] or row["country"] or "unknown"] += 1
        days = sorted(by_day)
        return {
            "counts": counts,
            "first_date": days[0] if days else None,
            "last_date": days[-1] if days else None,
            "located": located,
            "unlocated": counts["events"] - located,
            "by_type": dict(by_type.most_common()),
            "by_day": {d: by_day[d] for d in days},
            "by_region": dict(by_region.most_common()),
        }

    @app.get("/api/report", summary="Everything the situation report shows, as JSON")
    def report(
        since: Since = None,
        until: Until = None,
        types: Types = None,
        regions: Regions = None,
    ) -> dict[str, Any]:
        eq = query(since=since, until=until, types=types, regions=regions)
        filters = ReportFilters(since=eq.since, until=eq.until, types=eq.types, regions=eq.regions)
        with store() as s:
            return report_data(s, filters, title="eventwire: live situation")

    @app.post("/api/ingest", summary="Extract and store articles from a text, HTML or JSONL body")
    async def ingest(
        request: Request,
        published: Annotated[
            str | None, Query(description="Publication date for articles that carry none.")
        ] = None,
    ) -> JSONResponse:
        if token is None:
            raise HTTPException(
                403,
                detail=f"ingest is off: start the server with --ingest-token or {TOKEN_ENV}",
            )
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), token.encode()
        ):
            raise HTTPException(
                401,
                detail="missing or wrong token: send 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        suffix = suffix_for(request.headers.get("content-type"))
        if suffix is None:
            raise HTTPException(
                415,
                detail="send text/plain, text/html or application/x-ndjson (JSON Lines)",
            )
        try:
            day = EventQuery.parse(since=published).since
        except QueryError as exc:
            raise HTTPException(400, detail=str(exc).replace("since", "published")) from exc
        body = await _read_limited(request, max_body)
        if not body.strip():
            raise HTTPException(400, detail="the request body is empty")
        result = await run_in_threadpool(ingester.ingest, body, suffix, day)
        if result.articles == 0:
            raise HTTPException(422, detail={"message": "no article read", **result.as_dict()})
        return JSONResponse(result.as_dict(), status_code=201)

    return app


async def _read_limited(request: Request, limit: int) -> bytes:
    """Return the body, or raise 413 as soon as it is longer than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, detail="Content-Length is not a number")
        if int(declared) > limit:
            raise HTTPException(413, detail=f"body is larger than the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, detail=f"body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
