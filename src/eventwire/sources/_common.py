"""What every input kind shares: reading bytes safely, decoding, dates, and building Articles."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import charset_normalizer

from eventwire.clean import clean_text
from eventwire.errors import InputError, input_error
from eventwire.records import Article, stable_id

Item = Article | InputError

# Sample size for the binary test: enough to see a file's nature, small enough to be cheap.
SNIFF_BYTES = 8192
# Share of control bytes above which a file is not text (tabs and line breaks do not count).
BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# Encodings a charset guess may choose over cp1252: scripts cp1252 would turn into mojibake.
# Western guesses (cp1250, mac_roman...) are left out: on short English text they are noise.
_NON_LATIN = frozenset(
    {"cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "cp1253", "iso8859_7"}
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def origin_of(path: str, line: int = 1) -> str:
    """Return the ``path:line`` origin used in articles and messages."""
    return f"{path}:{line}"


def is_binary(sample: bytes) -> bool:
    """Return True when ``sample`` (the start of a file) is not text."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text has NUL bytes by design
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > BINARY_CONTROL_SHARE


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text of ``data`` and the fallback encoding used (None when it was UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    if guess is not None and guess.encoding in _NON_LATIN:
        return data.decode(guess.encoding, errors="replace"), guess.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # latin-1 maps every byte, so this never fails.
        return data.decode("latin-1"), "latin-1"


def read_file(path: Path, origin: str, max_bytes: int) -> bytes | InputError:
    """Return the bytes of a small input file, or the InputError that rejects it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return input_error(origin, "E004", limit=max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        return input_error(origin, "E013", detail=exc.strerror or str(exc))
    if not data.strip():
        return input_error(origin, "E001")
    if is_binary(data[:SNIFF_BYTES]):
        return input_error(origin, "E002")
    return data


def normalise_date(value: object) -> str | None:
    """Return ``value`` (ISO, RFC 822 or a date object) as YYYY-MM-DD, or None if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_absolute(text)


def _parse_absolute(text: str) -> str | None:
    """Return an absolute written date ("12 September 2022") as YYYY-MM-DD, never a guess."""
    import dateparser  # imported late: it is slow to import and rarely needed here

    parsed = dateparser.parse(
        text,
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.strftime("%Y-%m-%d") if parsed else None


def make_article(
    *,
    body: str,
    raw_body: str,
    origin: str,
    raw: bool,
    fallback_published: str | None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: object = None,
    article_id: str | None = None,
    cleaner: Callable[[str], str] = clean_text,
) -> Item:
    """Return the Article for one input (cleaned unless ``raw``), or E011 when nothing is left."""
    text = body if raw else cleaner(body)
    if not text.strip():
        return input_error(origin, "E011")
    return Article(
        id=article_id or stable_id(url, raw_body),
        text=text,
        title=_one_line(title),
        url=url or None,
        source=_one_line(source),
        published=normalise_date(published) or fallback_published,
        origin=origin,
    )


def _one_line(value: str | None) -> str | None:
    """Return ``value`` with whitespace collapsed, or None when it is empty."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
