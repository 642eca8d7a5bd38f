"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files: each entry becomes an article.

Parsed with lxml rather than feedparser: lxml refuses malformed XML (E008) instead of
guessing, never resolves external entities or touches the network, and gives each entry's
line number for its origin. Entry HTML goes through the HTML path; plain text through the
text path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from eventwire.clean import clean_extracted_text, clean_text
from eventwire.errors import InputError, input_error
from eventwire.sources._common import Item, make_article, origin_of, read_file
from eventwire.sources.html import fragment_text

_FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
_ENTRY_TAGS = frozenset({"item", "entry"})
# Body fields, best first: full content before a summary.
_BODY_FIELDS = ("encoded", "content", "description", "summary")
_DATE_FIELDS = ("pubDate", "published", "date", "updated", "issued", "modified")
_LOOKS_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _parser() -> etree.XMLParser:
    """Return an XML parser that resolves no entities and never fetches anything."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False)


def iter_feed_file(
    path: Path, name: str, *, published: str | None, raw: bool, max_bytes: int
) -> Iterator[Item]:
    """Yield one article (or error) per entry of an RSS/Atom feed file."""
    data = read_file(path, origin_of(name), max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        yield input_error(origin_of(name, line), "E008", detail=exc.msg)
        return
    if _local(root) not in _FEED_ROOTS:
        detail = f"root element is <{_local(root)}>, not <rss>, <rdf:RDF> or <feed>"
        yield input_error(origin_of(name), "E008", detail=detail)
        return
    channel = _child(root, "channel")
    feed_title = _text(_child(channel if channel is not None else root, "title"))
    entries = [el for el in root.iter() if isinstance(el.tag, str) and _local(el) in _ENTRY_TAGS]
    for index, entry in enumerate(entries, start=1):
        origin = origin_of(name, entry.sourceline) if entry.sourceline else f"{name}#{index}"
        yield _entry_article(entry, origin, feed_title, published=published, raw=raw)


def _entry_article(
    entry: etree._Element, origin: str, feed_title: str | None, *, published: str | None, raw: bool
) -> Item:
    """Return the Article of one feed entry, or E011 when it has no body text."""
    body_raw = ""
    for field in _BODY_FIELDS:
        body_raw = _markup(_child(entry, field))
        if body_raw.strip():
            break
    is_html = bool(_LOOKS_HTML.search(body_raw))
    body = fragment_text(body_raw) if is_html else body_raw
    title = _text(_child(entry, "title"))
    if title and _LOOKS_HTML.search(title):
        title = lxml.html.fromstring(title).text_content()
    date = next((d for d in (_text(_child(entry, f)) for f in _DATE_FIELDS) if d), None)
    return make_article(
        body=body,
        raw_body=body_raw,
        origin=origin,
        raw=raw,
        fallback_published=published,
        title=title,
        url=_link(entry),
        source=feed_title,
        published=date,
        cleaner=clean_extracted_text if is_html else clean_text,
    )


def _local(el: etree._Element) -> str:
    """Return an element's tag without its namespace."""
    return str(etree.QName(el).localname)


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    """Return the first child of ``el`` whose local name is ``name``."""
    if el is None:
        return None
    for child in el:
        if isinstance(child.tag, str) and _local(child) == name:
            return child
    return None


def _text(el: etree._Element | None) -> str | None:
    """Return an element's text content, stripped, or None."""
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _markup(el: etree._Element | None) -> str:
    """Return an element's content: its text, or its serialised children (Atom xhtml)."""
    if el is None:
        return ""
    if len(el):
        inner = "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
        return (el.text or "") + inner
    return el.text or ""


def _link(entry: etree._Element) -> str | None:
    """Return an entry's link: RSS ``<link>`` text or Atom's alternate ``href``."""
    for child in entry:
        if not isinstance(child.tag, str) or _local(child) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return str(href).strip()
        if not href and child.text and child.text.strip():
            return str(child.text).strip()
    guid = _child(entry, "guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true":
        return _text(guid)
    return None
