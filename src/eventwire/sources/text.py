"""Plain text inputs (``.txt`` files and standard input), read in bounded memory.

A text up to ``PART_BYTES`` is one article. A longer one (a dump of many reports, or a 50 MB
log) is streamed line by line and cut into parts of at most ``PART_BYTES``, each at a paragraph
break where one comes after ``PART_TARGET`` bytes, else at a line break. Each part is its own
article with origin ``path:<first line of the part>``, so nothing is loaded whole and spaCy
(whose default limit is one million characters) can read every part. A text over ``max_bytes``
is not rejected: it is read in the same parts, after a warning (E014).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.clean import clean_paragraphs
from eventwire.errors import InputError, input_error
from eventwire.sources._common import (
    SNIFF_BYTES,
    Item,
    decode,
    is_binary,
    make_article,
    origin_of,
    read_file,
)

PART_BYTES = 1_000_000
# Past this size a part ends at the next blank line (a paragraph break).
PART_TARGET = 768 * 1024
# Longest line read at once: a text with no line breaks is still cut into bounded pieces.
LINE_LIMIT = 256 * 1024
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30
_TITLE_CASE_SHARE = 0.6


def iter_text_file(
    path: Path, name: str, *, published: str | None, raw: bool, max_bytes: int
) -> Iterator[Item]:
    """Yield the article(s) of a ``.txt`` file, or the errors that reject it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield input_error(origin_of(name), "E013", detail=exc.strerror or str(exc))
        return
    if size <= min(PART_BYTES, max_bytes):
        data = read_file(path, origin_of(name), max_bytes)
        if isinstance(data, InputError):
            yield data
            return
        yield from _one_text(data, name, published=published, raw=raw)
        return
    with path.open("rb") as stream:
        yield from iter_text_stream(
            stream, name, published=published, raw=raw, max_bytes=max_bytes, size=size
        )


def iter_stdin(*, published: str | None, raw: bool, max_bytes: int) -> Iterator[Item]:
    """Yield the article(s) read from standard input (plain text)."""
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    # A text-only stdin (e.g. replaced by a StringIO) has no bytes underneath.
    stream = buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))
    yield from iter_text_stream(
        stream, "<stdin>", published=published, raw=raw, max_bytes=max_bytes
    )


def iter_text_stream(
    stream: BinaryIO,
    name: str,
    *,
    published: str | None,
    raw: bool,
    max_bytes: int,
    size: int | None = None,
) -> Iterator[Item]:
    """Yield one article per paragraph-bounded part of a byte stream of plain text.

    ``size``, when known (a file), lets the over-limit warning come first; on a pipe it
    comes when the limit is crossed.
    """
    head = stream.read(SNIFF_BYTES)
    if not head:
        yield input_error(origin_of(name), "E001")
        return
    if is_binary(head):
        yield input_error(origin_of(name), "E002")
        return
    total = 0
    warned_size = warned_encoding = False
    if size is not None and size > max_bytes:
        warned_size = True
        yield input_error(origin_of(name), "E014", warning=True, limit=max_bytes, part=PART_BYTES)
    first = True
    for start, part in _parts(head, stream):
        total += len(part)
        if total > max_bytes and not warned_size:
            warned_size = True
            yield input_error(
                origin_of(name), "E014", warning=True, limit=max_bytes, part=PART_BYTES
            )
        text, encoding = decode(part)
        if encoding and not warned_encoding:
            warned_encoding = True
            yield input_error(origin_of(name, start), "E003", warning=True, encoding=encoding)
        if not text.strip():
            continue
        yield make_article(
            body=text,
            raw_body=text,
            origin=origin_of(name, start),
            raw=raw,
            fallback_published=published,
            title=detect_title(text) if first else None,
        )
        first = False
    if first:
        yield input_error(origin_of(name), "E001")


def _one_text(data: bytes, name: str, *, published: str | None, raw: bool) -> Iterator[Item]:
    """Yield the article of one small text, after an E003 warning if it was not UTF-8."""
    text, encoding = decode(data)
    if encoding:
        yield input_error(origin_of(name), "E003", warning=True, encoding=encoding)
    yield make_article(
        body=text,
        raw_body=text,
        origin=origin_of(name),
        raw=raw,
        fallback_published=published,
        title=detect_title(text),
    )


def _parts(head: bytes, stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield ``(first line number, bytes)`` parts of at most PART_BYTES, cut at paragraphs."""
    lines: list[bytes] = []
    size = 0
    start = line_no = 1
    for line in _lines(head, stream):
        if lines and size + len(line) > PART_BYTES:
            yield start, b"".join(lines)
            lines, size, start = [], 0, line_no
        lines.append(line)
        size += len(line)
        if line.endswith(b"\n"):
            line_no += 1
            if size >= PART_TARGET and not line.strip():
                yield start, b"".join(lines)
                lines, size, start = [], 0, line_no
    if lines:
        yield start, b"".join(lines)


def _lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """Yield the lines of ``head`` followed by the rest of ``stream``, each at most LINE_LIMIT."""
    rest = io.BytesIO(head)
    carry = b""
    while True:
        line = rest.readline(LINE_LIMIT)
        if not line:
            break
        if not line.endswith(b"\n"):
            carry = line  # the head ended mid-line: finish it from the stream
            break
        yield line
    while True:
        line = carry + stream.readline(max(1, LINE_LIMIT - len(carry)))
        carry = b""
        if not line:
            return
        yield line


def detect_title(text: str) -> str | None:
    """Return the first non-empty line when it looks like a headline, else None."""
    lines = iter(text.splitlines())
    first = next((line.strip() for line in lines if line.strip()), None)
    if not first or not any(line.strip() for line in lines):
        return None  # a one-line text is all body
    words = first.split()
    if len(first) > _TITLE_MAX_CHARS or len(words) > _TITLE_MAX_WORDS:
        return None
    if first.endswith((",", ";", ":")):
        return None
    if re.search(r"[.!?]$", first) and not _is_title_case(words):
        return None
    kept = clean_paragraphs([" ".join(words)])
    return kept[0] if kept else None


def _is_title_case(words: list[str]) -> bool:
    """Return True when most longer words are capitalised ("Kyiv Retakes Izyum As...")."""
    long_words = [w for w in words if len(w) > 3]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return capitalised / len(long_words) >= _TITLE_CASE_SHARE
