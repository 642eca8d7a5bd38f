"""Inputs: files, folders and standard input turned into Articles, bad input into InputErrors.

``iter_inputs`` is the one entry point. It never raises on bad input: each problem is yielded
as an ``InputError`` with its ``path:line`` and the run goes on. Kinds by extension:
``.txt``/``.text``, ``.html``/``.htm``/``.xhtml``, ``.jsonl``/``.ndjson``, ``.xml``/``.rss``/
``.atom``; a named file with another extension is sniffed (feed or HTML) before E010. Folders
are walked lazily in sorted order; inside them hidden entries, symlinked folders and files of
other kinds are skipped silently (a folder of reports often holds a README). ``-`` reads plain
text from standard input. URLs are refused (E012): fetching is not enabled yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from eventwire.errors import InputError, input_error
from eventwire.records import Article
from eventwire.sources._common import normalise_date, origin_of
from eventwire.sources.feeds import iter_feed_file
from eventwire.sources.html import evaluate_extraction, iter_html_file
from eventwire.sources.jsonl import iter_jsonl_file
from eventwire.sources.text import iter_stdin, iter_text_file

__all__ = ["DEFAULT_MAX_BYTES", "evaluate_extraction", "input_kind", "iter_inputs"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

Reader = Callable[..., Iterator[Article | InputError]]

_READERS: dict[str, Reader] = {
    "text": iter_text_file,
    "html": iter_html_file,
    "jsonl": iter_jsonl_file,
    "feed": iter_feed_file,
}
_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)")
_SNIFF = 1024


def iter_inputs(
    paths: Sequence[str],
    *,
    published: str | None = None,
    raw: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Yield an Article per document in ``paths`` and an InputError per problem, in order.

    ``published`` (YYYY-MM-DD) is used for inputs that carry no date; a ValueError is raised
    when it is not a date, since that is a usage error rather than bad input.
    """
    fallback = _check_published(published)
    for name in paths:
        yield from _iter_one(name, published=fallback, raw=raw, max_bytes=max_bytes)


def input_kind(path: Path, *, sniff: bool = True) -> str | None:
    """Return the input kind of a file ("text", "html", "jsonl", "feed"), or None."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind or not sniff:
        return kind
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
    except OSError:
        return None
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (
        head.startswith(b"<?xml") and re.search(rb"<(?:rss|feed|rdf:rdf)\b", head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _check_published(published: str | None) -> str | None:
    """Return the fallback date as YYYY-MM-DD, raising ValueError when it is not one."""
    if published is None:
        return None
    value = normalise_date(published) if re.match(r"^\d{4}-\d{2}-\d{2}", published) else None
    if value is None:
        raise ValueError(f"published must be a date as YYYY-MM-DD, got {published!r}")
    return value


def _iter_one(
    name: str, *, published: str | None, raw: bool, max_bytes: int
) -> Iterator[Article | InputError]:
    """Yield the articles and errors of one named input."""
    if name == "-":
        yield from iter_stdin(published=published, raw=raw, max_bytes=max_bytes)
        return
    if _URL.match(name):
        detail = "fetching URLs is not enabled yet; download the page and pass the file instead"
        yield input_error(name, "E012", detail=detail)
        return
    path = Path(name)
    if path.is_dir():
        for file in _walk(path):
            kind = input_kind(file, sniff=False)
            assert kind is not None
            yield from _READERS[kind](
                file, str(file), published=published, raw=raw, max_bytes=max_bytes
            )
        return
    if not path.exists():
        yield input_error(origin_of(name), "E009")
        return
    kind = input_kind(path)
    if kind is None:
        yield input_error(origin_of(name), "E010")
        return
    yield from _READERS[kind](path, name, published=published, raw=raw, max_bytes=max_bytes)


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the input files under ``folder``, depth first in sorted order, lazily."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            # Symlinked folders are skipped: they can loop back to an ancestor.
            if not entry.is_symlink():
                yield from _walk(entry)
        elif entry.is_file() and input_kind(entry, sniff=False):
            yield entry
