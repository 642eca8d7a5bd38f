"""The web app (extra ``[web]``): the report page live over a JSON API on one store.

``create_app("events.db")`` gives a FastAPI app; ``eventwire serve`` runs it with uvicorn.
Endpoints: ``/api/events`` (+ ``.geojson``, ``.csv``), ``/api/articles/{id}``, ``/api/stats``,
``/api/report``, ``POST /api/ingest`` (off unless a token is set), OpenAPI at ``/docs``.
URL ingestion is not offered: the server never fetches what a client names.
"""

from __future__ import annotations

from eventwire.web._app import TOKEN_ENV, create_app
from eventwire.web._ingest import DEFAULT_MAX_BODY, KINDS
from eventwire.web._query import MAX_LIMIT, EventQuery, QueryError, parse_bbox

__all__ = [
    "DEFAULT_MAX_BODY",
    "KINDS",
    "MAX_LIMIT",
    "TOKEN_ENV",
    "EventQuery",
    "QueryError",
    "create_app",
    "parse_bbox",
]
