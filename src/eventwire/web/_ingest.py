"""``POST /api/ingest``: a text, HTML or JSON Lines body through the pipeline into the store.

The body is written to a temporary file with the suffix of its kind, so the same readers as
``eventwire ingest`` parse it. URLs are not fetched: the server takes bodies only.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.records import Article
from eventwire.store import open_store

# Content types the endpoint reads, by the file suffix their reader expects.
KINDS: dict[str, str] = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/json-lines": ".jsonl",
    "application/x-jsonlines": ".jsonl",
}

DEFAULT_MAX_BODY = 2 * 1024 * 1024


def suffix_for(content_type: str | None) -> str | None:
    """Return the input suffix for a Content-Type header, or None when it is not read."""
    if not content_type:
        return None
    return KINDS.get(content_type.split(";", 1)[0].strip().lower())


@dataclass(slots=True)
class IngestResult:
    """What one ingest request stored, and the inputs it could not read."""

    articles: int = 0
    events: int = 0
    quotes: int = 0
    article_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the result as the JSON answer of the endpoint."""
        return {
            "articles": self.articles,
            "events": self.events,
            "quotes": self.quotes,
            "article_ids": self.article_ids,
            "errors": self.errors,
        }


class Ingester:
    """Runs bodies through one pipeline, built on first use and shared by requests in turn."""

    def __init__(self, db: str, pipeline_factory: Callable[[], Any] | None = None) -> None:
        self.db = db
        self._factory = pipeline_factory or _default_pipeline
        self._pipeline: Any = None
        # The pipeline and the store's single writer are not for concurrent use.
        self._lock = threading.Lock()

    def ingest(self, body: bytes, suffix: str, published: str | None) -> IngestResult:
        """Return what storing the articles read from ``body`` gave."""
        result = IngestResult()
        with tempfile.TemporaryDirectory(prefix="eventwire-ingest-") as tmp:
            path = Path(tmp) / f"body{suffix}"
            path.write_bytes(body)
            articles = self._articles(path, published, result)
        if not articles:
            return result
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            records = list(self._pipeline.process(articles))
            with open_store(self.db) as store:
                store.write(records)
        for rec in records:
            result.articles += 1
            result.events += len(rec.events)
            result.quotes += len(rec.quotes)
            result.article_ids.append(rec.article.id)
        return result

    @staticmethod
    def _articles(path: Path, published: str | None, result: IngestResult) -> list[Article]:
        from eventwire.sources import iter_inputs

        articles: list[Article] = []
        for item in iter_inputs([str(path)], published=published):
            if isinstance(item, InputError):
                if not item.warning:
                    # The temporary path means nothing to the client; keep line and reason.
                    result.errors.append(str(item).replace(str(path), "body"))
                continue
            articles.append(item)
        return articles


def _default_pipeline() -> Any:
    from eventwire.pipeline import Pipeline

    return Pipeline()
