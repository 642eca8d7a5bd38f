"""Boilerplate, teaser and caption removal on news text, keeping every real sentence.

News pages copied or machine-translated into text keep the page furniture around the story:
teasers for other articles ("<headline> - guard", "<headline> | Reuters"), photo captions and
media strips ("name-1920 <caption> Photo Video", "- Photo | video | video 1"), share and
cookie lines, and ALL-CAPS section labels glued to the next sentence ("WAR FRONT - Yesterday").
Every rule here is about the *shape* of a line, never about one article's words, and each rule
only removes a line when it has no sentence-final punctuation of its own, so prose survives.

``clean_text`` reads plain text (paragraphs separated by blank lines, hard-wrapped lines
joined); ``clean_extracted_text`` reads extractor output, where every line is a paragraph.
Both return paragraphs separated by ``"\\n\\n"`` with whitespace normalised inside them.
"""

from __future__ import annotations

import re

__all__ = ["clean_extracted_text", "clean_paragraphs", "clean_text"]

# Closing punctuation a real sentence ends with (quotes and brackets may follow it).
_SENTENCE_END = re.compile(r"""[.!?…][\s"'”’»)\]]*$""")
_DASH = r"[-–—]"

# "<headline> - guard", "<headline> '- site", "<headline> | Reuters", "<headline> - BBC News":
# a separator, then one to three short words and no sentence end after them.
# A hyphen or a bar may carry a site name of up to three words; an en/em dash, which prose
# and schedules use ("Round 3 – Interlagos"), only one lower-case word ("– guard").
_SITE_SUFFIX = re.compile(
    r"""\S\s*['"”’]?\s*(?:"""
    r"""[-|]\s+(?P<site>[^\W\d][\w.&']*(?:\s+[\w.&']+){0,2})"""
    r"""|[–—]\s+(?P<word>[a-z]+))\s*$"""
)
_SITE_WORD_MAX = 14
_TEASER_MIN_WORDS = 4

# Media strips at the end of a paragraph: "- Photo | video | video 1", "Photo Video", "(Gallery)".
_MEDIA_WORD = r"(?:photos?|videos?|gallery|galleries|audio|foto|podcast|slideshow)"
_MEDIA_ONE = rf"{_MEDIA_WORD}(?:\s*\d+)?"
_MEDIA_SEQ = rf"{_MEDIA_ONE}(?:\s*[|/,·•]?\s*{_MEDIA_ONE})*"
# After a dash, in brackets, or two media words in a row: one bare word ends prose too.
_MEDIA_STRIP = re.compile(
    rf"""(?:\s*{_DASH}\s*\(?{_MEDIA_SEQ}\)?|\s*\({_MEDIA_SEQ}\)"""
    rf"""|\s+{_MEDIA_ONE}\s*[|/,·•]?\s*{_MEDIA_SEQ})\s*$""",
    re.IGNORECASE,
)
# Image file names as page builders leave them: "zelensky-1920", "kyiv_strike_800x600", "a.jpg".
# The slug is lower case on purpose: "S-300" or "Tu-160" in prose are weapons, not files.
_IMAGE_NAME = re.compile(
    r"""(?:^|\s)(?:[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*[-_]\d{3,4}(?:x\d{3,4})?"""
    r"""|[\w.-]+\.(?i:jpe?g|png|gif|webp|avif))(?=\s|$)"""
)
# Credits and captions that stand as their own line.
_CREDIT_LINE = re.compile(
    r"""^[(\[]?\s*(?:photo(?:graph)?s?|image|picture|pic|video|footage|credit|source|file photo"""
    r"""|illustration|caption|image caption|image source|media caption)\b"""
    r"""\s*(?:by|:|/|\||-|–|—|courtesy)""",
    re.IGNORECASE,
)
# Credits inside a paragraph: "(Photo by Jane Roe/AFP via Getty Images)", "[Photo: Reuters]".
_INLINE_CREDIT = re.compile(
    r"""\s*[(\[]\s*(?:photo(?:graph)?|image|picture|video|file photo|credit)s?"""
    r"""\s*(?:by\b|:)[^()\[\]]{0,160}[)\]]""",
    re.IGNORECASE,
)
# "Reuters", "Jane Roe/AFP", "© Getty Images": an agency alone or after a name and a slash.
_AGENCY_CREDIT = re.compile(
    r"""^(?:(?:©|\(c\)|copyright)\s*|(?:[A-Z][\w.'-]*\s*){1,4}/\s*)?"""
    r"""(?:getty images|reuters|afp|ap photo|associated press|epa|anadolu|shutterstock"""
    r"""|tass|ria novosti)"""
    r"""(?:\s*(?:/|via)\s*[\w .&-]{0,40})?$""",
    re.IGNORECASE,
)
# Share, subscribe, cookie and navigation lines: whole-line words, or fixed opening phrases.
_BOILERPLATE = re.compile(
    r"""^(?:share|tweet|e-?mail|print|copy link|whatsapp|facebook|twitter|telegram|linkedin"""
    r"""|advertisement|advertising|sponsored(?: content)?"""
    r"""|related(?: articles| stories| news| content)?"""
    r"""|most (?:read|popular)|recommended(?: for you)?|comments?\s*\(?\d*\)?|leave a comment"""
    r"""|skip to (?:content|main content)|back to top|toggle navigation|menu|loading\.*"""
    r"""|sign in|log in|register|all rights reserved\.?)\s*:?$"""
    r"""|^(?:share (?:this|on|via)\b|follow us\b|subscribe (?:to|now|for|here)\b"""
    r"""|sign up (?:for|to|now|here)\b|accept(?: all)? cookies\b"""
    r"""|(?:we|this (?:site|website)|our (?:site|website)) uses? cookies\b"""
    r"""|cookie (?:policy|settings)\b|read (?:more|also|next)\b|see also\b|related\s*:"""
    r"""|click here\b"""
    r"""|(?:©|copyright ©?)\s)""",
    re.IGNORECASE,
)
_BOILERPLATE_MAX = 160
_CREDIT_MAX = 80
# End-anchored rules (site suffixes, media strips) only look at this many final characters:
# searching a whole paragraph for them costs a regex attempt at every position.
_TAIL_CHARS = 120

# "WAR FRONT - Yesterday evening...": an ALL-CAPS label, a dash, then the sentence.
_CAPS = r"[A-Z0-9À-ÖØ-Þ'’.,&/]"
_SECTION_LABEL = re.compile(
    rf"""^(?P<label>{_CAPS}+(?:[ ]{_CAPS}+){{0,7}})\s+{_DASH}+\s+(?=["“‘'(]?[A-Z0-9À-Ö])"""
)

# A quoted headline: "Name, who did what: 'quote'" or one ending in a quotation.
# "Name, who did what: 'quote'": a few words, a colon, then a quotation.
_QUOTED_HEADLINE = re.compile(r"""^\S+(?:\s+\S+)+:\s*['"“‘]""")
_HEADLINE_MAX = 200
# A dateline ("SIOUX FALLS, S.D. —") opens the first prose paragraph, after the headline.
_DATELINE_MAX_WORDS = 3
_DATELINE_PROSE_MIN = 80
_BODY_MIN = 200


def clean_text(text: str) -> str:
    """Return plain ``text`` without teasers, captions, media strips, boilerplate and labels."""
    return _join(clean_paragraphs(_plain_paragraphs(text)))


def clean_extracted_text(text: str) -> str:
    """Return extractor output (one paragraph per line) cleaned like ``clean_text``."""
    lines = [_normalise(line) for line in text.splitlines()]
    return _join(clean_paragraphs([line for line in lines if line]))


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Return the paragraphs that are article text, each with its furniture removed."""
    kept: list[str] = []
    seen_label = False
    for i, para in enumerate(paragraphs):
        para = _strip_inline(para)
        match = _SECTION_LABEL.match(para)
        if match and _is_label(match.group("label")):
            # The first label near the top is a dateline ("MADRID — ..."): it says where the
            # report was filed, so it stays. Later ones are section headings and go.
            if seen_label or not _is_dateline(match.group("label"), kept):
                para = para[match.end() :]
            seen_label = True
        if not para:
            continue
        if _is_furniture(para):
            # The first line is the article's own headline: "<title> - <site>" keeps the title.
            head = _headline_without_site(para) if i == 0 else None
            if head:
                kept.append(head)
            continue
        if i >= 2 and _is_interposed_headline(para, paragraphs[i - 1], _next(paragraphs, i)):
            continue
        kept.append(para)
    return kept


def _headline_without_site(para: str) -> str | None:
    """Return a headline line without its trailing site name or media strip, if it had one."""
    match = _tail(_SITE_SUFFIX, para)
    head = para[: match.start(_suffix_group(match))] if match else _strip_media(para)
    head = re.sub(rf"""\s*(?:{_DASH}|\|)\s*$""", "", head).strip()
    return head if head and head != para and len(head) >= 20 else None


def _strip_inline(para: str) -> str:
    """Return ``para`` without inline credits and trailing media strips."""
    para = _INLINE_CREDIT.sub("", para)
    stripped = _strip_media(para)
    # Only strip a media word when what precedes it ends like a sentence or a quote, so a
    # sentence that merely ends with the word "video" keeps it.
    if stripped != para and (_SENTENCE_END.search(stripped) or stripped.endswith(("'", "”", '"'))):
        para = stripped
    return para.strip()


def _is_dateline(label: str, before: list[str]) -> bool:
    """Return True when a label opens the first prose paragraph and is shaped like a place."""
    if any(len(p) >= _DATELINE_PROSE_MIN and _SENTENCE_END.search(p) for p in before):
        return False
    return len(label.split()) <= _DATELINE_MAX_WORDS or "," in label


def _is_label(label: str) -> bool:
    """Return True when ``label`` is an upper-case heading, not a number or an initial."""
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_furniture(para: str) -> bool:
    """Return True for teasers, captions, credits and boilerplate lines."""
    if _SENTENCE_END.search(para) and len(para) > _BOILERPLATE_MAX:
        return False
    if len(para) <= _BOILERPLATE_MAX and (
        _BOILERPLATE.match(para)
        or _CREDIT_LINE.match(para)
        or (len(para) <= _CREDIT_MAX and _AGENCY_CREDIT.match(para))
    ):
        return True
    if _SENTENCE_END.search(para):
        return False
    return _is_teaser(para) or _is_caption(para)


def _is_teaser(para: str) -> bool:
    """Return True for a short headline line that ends with a site name after a separator."""
    if len(para) > _HEADLINE_MAX * 1.5:
        return False
    match = _tail(_SITE_SUFFIX, para)
    if not match:
        return False
    group = _suffix_group(match)
    words = match.group(group).split()
    head = para[: match.start(group)].split()
    # The headline before the suffix must be long enough to be one; site words are short.
    return len(head) >= _TEASER_MIN_WORDS and all(len(w) <= _SITE_WORD_MAX for w in words)


def _suffix_group(match: re.Match[str]) -> str:
    return "site" if match.group("site") else "word"


def _is_caption(para: str) -> bool:
    """Return True for an image caption: a file-name token or a trailing media strip."""
    if len(para) > _HEADLINE_MAX:
        return False
    if _IMAGE_NAME.search(para):
        return True
    return bool(_tail(_MEDIA_STRIP, para))


def _is_interposed_headline(para: str, before: str, after: str | None) -> bool:
    """Return True for another article's quoted headline standing between body paragraphs."""
    if len(para) > _HEADLINE_MAX or _SENTENCE_END.search(para.rstrip("'\"”’ ")):
        return False
    if after is None or len(before) < _BODY_MIN or len(after) < _BODY_MIN:
        return False
    return bool(_QUOTED_HEADLINE.search(para))


def _tail(pattern: re.Pattern[str], para: str) -> re.Match[str] | None:
    """Return ``pattern``'s match in the end of ``para`` (end-anchored rules need no more)."""
    return pattern.search(para, max(0, len(para) - _TAIL_CHARS))


def _strip_media(para: str) -> str:
    """Return ``para`` without a trailing media strip."""
    match = _tail(_MEDIA_STRIP, para)
    return para[: match.start()] if match else para


def _next(paragraphs: list[str], i: int) -> str | None:
    return paragraphs[i + 1] if i + 1 < len(paragraphs) else None


def _plain_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of plain text: blank-line blocks, with hard-wrapped lines joined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line for line in (_normalise(raw) for raw in block.split("\n")) if line]
        width = _wrap_width(lines)
        current: list[str] = []
        for line in lines:
            if current and not _continues(current[-1], line, width):
                paragraphs.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def _wrap_width(lines: list[str]) -> int | None:
    """Return the column a block is hard-wrapped at, or None when its lines are paragraphs."""
    body = sorted(len(line) for line in lines[:-1])
    if len(body) < 2 or body[-1] > 100:
        return None
    # Wrapped text has most lines close to the wrap column; a title line may be shorter.
    width = body[len(body) // 2]
    return body[-1] if width >= 0.8 * body[-1] else None


def _continues(prev: str, line: str, width: int | None) -> bool:
    """Return True when ``line`` continues ``prev`` (a hard wrap), not a new paragraph."""
    if line[:1].islower() and not _SENTENCE_END.search(prev):
        return True
    if width is None:
        return False
    # A line that stops well short of the wrap column ends its paragraph (or is a title).
    return len(prev) >= 0.7 * width and not (
        _SENTENCE_END.search(prev) and len(prev) < 0.85 * width
    )


def _normalise(line: str) -> str:
    """Return ``line`` with runs of whitespace (and invisible spaces) made one space."""
    line = line.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", line).strip()


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)
