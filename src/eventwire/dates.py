"""Dates: a clause's own time phrase resolved against the publication date, with precision.

Precision follows ACLED's ``time_precision``: 1 = the day is known, 2 = within a week
("last week", "in recent days"), 3 = the month. Relative phrases stay unresolved when the
article has no publication date: never guessed. ``dateparser`` is only asked about phrases
that look like dates; it is never run over whole text (it reads "We" as Wednesday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501

# Ordered: the first pattern that matches a phrase decides.
PHRASE_RE = re.compile(
    r"\b(?:"
    rf"(?:yesterday|today|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening)){_PART_OF_DAY}"
    r"|the\s+day\s+before\s+yesterday"
    rf"|(?:on\s+|last\s+|this\s+past\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday){_PART_OF_DAY}"
    rf"|(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|(?:on\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:last|this|past)\s+week(?:end)?|in\s+recent\s+days|(?:over\s+)?the\s+(?:past|last)\s+(?:few\s+)?days"
    rf"|(?:in\s+(?:early|mid|late)[-\s]?)?{_MONTH}\s+\d{{4}}"
    r"|(?:last|this)\s+month"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A time phrase found in text, with its resolved ISO date (or None) and precision."""

    text: str
    start: int
    end: int
    date: str | None
    precision: int | None


def find_dates(text: str, published: str | None, offset: int = 0) -> list[DateRef]:
    """Return every time phrase in ``text`` resolved against ``published`` (YYYY-MM-DD)."""
    base = _parse_iso(published)
    out = []
    for m in PHRASE_RE.finditer(text):
        resolved, precision = resolve(m.group(0), base)
        out.append(DateRef(m.group(0), m.start() + offset, m.end() + offset, resolved, precision))
    return out


def resolve(phrase: str, base: date | None) -> tuple[str | None, int | None]:
    """Return (ISO date, precision) for one time phrase relative to ``base``."""
    p = " ".join(phrase.lower().split())
    p = re.sub(r"^(?:on|in)\s+", "", p)
    day = _relative_day(p, base)
    if day is not None:
        return day.isoformat(), 1
    if re.search(r"week|recent days|past (?:few )?days|last (?:few )?days", p):
        return ((base - timedelta(days=3)).isoformat(), 2) if base else (None, None)
    if re.search(r"\bmonth\b", p):
        if base is None:
            return None, None
        first = base.replace(day=1)
        if p.startswith("last"):
            first = (first - timedelta(days=1)).replace(day=1)
        return first.isoformat(), 3
    return _absolute(p, base)


def _relative_day(p: str, base: date | None) -> date | None:
    if base is None:
        return None
    head = p.split()[0] if p else ""
    if p.startswith("the day before yesterday"):
        return base - timedelta(days=2)
    if head in {"yesterday"} or p.startswith("last night"):
        return base - timedelta(days=1)
    if head in {"today", "tonight", "overnight", "this"} and not re.search(r"week|month", p):
        return base
    for i, name in enumerate(WEEKDAYS):
        if name in p.split():
            # News uses a bare weekday for the most recent one (the day itself counts).
            back = (base.weekday() - i) % 7
            if p.startswith("last") and back == 0:
                back = 7
            return base - timedelta(days=back)
    return None


def _absolute(p: str, base: date | None) -> tuple[str | None, int | None]:
    iso = _parse_iso(p)
    if iso:
        return iso.isoformat(), 1
    m = re.match(r"(?:(?:early|mid|late)[-\s]?)?([a-z]+)\.?\s+(\d{4})$", p)
    month = _MONTH_ABBR.get(m.group(1)[:3]) if m else None
    if m and month and MONTHS[month - 1].startswith(m.group(1)):
        return date(int(m.group(2)), month, 1).isoformat(), 3
    parsed = _dateparser(p, base.isoformat() if base else None)
    if parsed is None:
        return None, None
    has_year = bool(re.search(r"\d{4}", p))
    if not has_year and base is None:
        return None, None
    return parsed, 1


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base_iso: str | None) -> str | None:
    import dateparser  # imported late: loading its language data costs ~0.3 s

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if base_iso:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime.fromisoformat(base_iso)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
