"""HTML inputs: main text through trafilatura, title/date/site name from the page's metadata.

``evaluate_extraction`` scores this path (trafilatura + our cleaning) against a benchmark laid
out like scrapinghub's article-extraction-benchmark (``html/<id>.html.gz`` and
``ground-truth.json`` with ``articleBody``), so anyone can rerun the figures.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import set_date_params

from eventwire.clean import clean_extracted_text
from eventwire.errors import InputError, input_error
from eventwire.sources._common import Item, decode, make_article, origin_of, read_file

# trafilatura logs every page it finds nothing in; our E005 already says so, once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}
)
_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura reads from one page: main text (one paragraph a line) and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None, *, favor_precision: bool = True) -> Page | None:
    """Return the page's main text and metadata, or None when trafilatura finds no text."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=favor_precision,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # Publication date only: "extensive" search takes any date on the page (sidebars).
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None
    if doc is None:
        return None
    text = getattr(doc, "text", None) or ""
    if not _LETTER.search(text):
        return None  # markup debris such as "<<<" is not a text
    return Page(
        text=text,
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        sitename=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None) or url,
    )


def fragment_text(html: str) -> str:
    """Return the text of an HTML fragment (a feed entry), one block element a line."""
    page = extract_page(f"<html><body><article>{html}</article></body></html>")
    if page is not None:
        return page.text
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


def iter_html_file(
    path: Path, name: str, *, published: str | None, raw: bool, max_bytes: int
) -> Iterator[Item]:
    """Yield the article of an HTML file, or the errors that reject it."""
    origin = origin_of(name)
    data = read_file(path, origin, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    html, encoding = _decode_html(data)
    if encoding:
        yield input_error(origin, "E003", warning=True, encoding=encoding)
    yield html_article(html, origin, fallback_published=published, raw=raw)


def html_article(
    html: str,
    origin: str,
    *,
    fallback_published: str | None,
    raw: bool,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
) -> Item:
    """Return the Article for one HTML page (given metadata wins over the page's), or E005."""
    page = extract_page(html, url)
    if page is None:
        return input_error(origin, "E005")
    return make_article(
        body=page.text,
        raw_body=html,
        origin=origin,
        raw=raw,
        fallback_published=fallback_published,
        title=title or page.title,
        url=url or page.url,
        source=source or page.sitename,
        published=published or page.date,
        article_id=article_id,
        cleaner=clean_extracted_text,
    )


def _decode_html(data: bytes) -> tuple[str, str | None]:
    """Return the page's text, honouring a declared charset before guessing."""
    declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        if charset not in {"utf-8", "utf8"}:
            try:
                return data.decode(charset), None
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data)


def evaluate_extraction(
    bench_dir: str | Path, *, clean: bool = True, favor_precision: bool = True
) -> dict[str, float]:
    """Return mean token precision, recall and F1 of extraction against ``articleBody``."""
    bench = Path(bench_dir)
    truth: dict[str, dict[str, Any]] = json.loads(
        (bench / "ground-truth.json").read_text(encoding="utf-8")
    )
    scores: list[tuple[float, float, float]] = []
    empty = 0
    for page_id, gold in sorted(truth.items()):
        with gzip.open(bench / "html" / f"{page_id}.html.gz", "rb") as fh:
            html, _ = _decode_html(fh.read())
        page = extract_page(html, gold.get("url"), favor_precision=favor_precision)
        text = "" if page is None else page.text
        if clean and text:
            text = clean_extracted_text(text)
        empty += not text
        scores.append(token_scores(text, gold.get("articleBody") or ""))
    n = len(scores) or 1
    precision = sum(s[0] for s in scores) / n
    recall = sum(s[1] for s in scores) / n
    return {
        "pages": float(len(scores)),
        "empty": float(empty),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(sum(s[2] for s in scores) / n, 4),
    }


def token_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Return bag-of-words precision, recall and F1 of ``predicted`` against ``gold``."""
    pred = Counter(t.lower() for t in _TOKEN.findall(predicted))
    ref = Counter(t.lower() for t in _TOKEN.findall(gold))
    if not pred and not ref:
        return 1.0, 1.0, 1.0
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
