"""JSON Lines inputs: one article a line, read line by line so a large file streams.

A record is ``{"id", "text" | "html", "title"?, "url"?, "source"?, "published"?}``. A bad line
is reported with its line number (E006, E007) and the other lines still yield. ``max_bytes``
bounds each line, not the file: the file is never held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import input_error
from eventwire.sources._common import SNIFF_BYTES, Item, decode, is_binary, make_article, origin_of
from eventwire.sources.html import html_article


def iter_jsonl_file(
    path: Path, name: str, *, published: str | None, raw: bool, max_bytes: int
) -> Iterator[Item]:
    """Yield one article (or error) per line of a JSON Lines file."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield input_error(origin_of(name), "E013", detail=exc.strerror or str(exc))
        return
    with stream:
        head = stream.read(SNIFF_BYTES)
        if not head.strip() and not stream.read(1):
            yield input_error(origin_of(name), "E001")
            return
        if is_binary(head):
            yield input_error(origin_of(name), "E002")
            return
        stream.seek(0)
        line_no = 0
        while line := stream.readline(max_bytes + 1):
            line_no += 1
            origin = origin_of(name, line_no)
            if len(line) > max_bytes:
                yield input_error(origin, "E004", limit=max_bytes)
                _skip_rest_of_line(stream, line)
                continue
            if line.strip():
                yield from _record(line, origin, published=published, raw=raw)


def _skip_rest_of_line(stream: Any, line: bytes) -> None:
    """Read past the end of an over-long line without keeping it."""
    while not line.endswith(b"\n"):
        line = stream.readline(1 << 16)
        if not line:
            return


def _record(line: bytes, origin: str, *, published: str | None, raw: bool) -> Iterator[Item]:
    """Yield the article of one JSON Lines record, or the error that rejects it."""
    text, encoding = decode(line)
    if encoding:
        yield input_error(origin, "E003", warning=True, encoding=encoding)
    try:
        data = json.loads(text.strip())
    except json.JSONDecodeError as exc:
        yield input_error(origin, "E006", detail=f"{exc.msg} at column {exc.colno}")
        return
    if not isinstance(data, dict):
        yield input_error(origin, "E006", detail=f"expected an object, got {type(data).__name__}")
        return
    meta = {key: _string(data.get(key)) for key in ("title", "url", "source", "published", "id")}
    body = data.get("text")
    html = data.get("html")
    if isinstance(body, str) and body.strip():
        yield make_article(
            body=body,
            raw_body=body,
            origin=origin,
            raw=raw,
            fallback_published=published,
            title=meta["title"],
            url=meta["url"],
            source=meta["source"],
            published=meta["published"],
            article_id=meta["id"],
        )
    elif isinstance(html, str) and html.strip():
        yield html_article(
            html,
            origin,
            fallback_published=published,
            raw=raw,
            title=meta["title"],
            url=meta["url"],
            source=meta["source"],
            published=meta["published"],
            article_id=meta["id"],
        )
    else:
        yield input_error(origin, "E007", field='a non-empty "text" or "html" field')


def _string(value: object) -> str | None:
    """Return a scalar JSON value as a string (ids may be numbers), or None."""
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)
