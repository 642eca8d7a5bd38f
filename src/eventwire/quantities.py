"""Numbers the text states: quantities with their unit, fatalities and injured as ACLED counts."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from eventwire.records import Quantity

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "dozens": 24, "hundreds": 200, "thousand": 1000, "thousands": 2000,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_KILLED = r"(?:killed|dead|died|die|deaths?|fatalities|lost\s+their\s+lives|bodies)"
_INJURED = r"(?:injured|wounded|hurt|injuries)"
_NUM = r"(?:\d[\d,.]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# "two civilians were killed", "killing three people", "at least 5 dead", "one civilian died".
_COUNT_BEFORE = (
    r"(?:at\s+least\s+|up\s+to\s+|about\s+|some\s+|over\s+)?(?P<n>{num})\s+"
    r"(?:[\w,'’-]+\s+){{0,6}}?(?:(?:were|was|have\s+been|had\s+been|are|is)\s+)?{word}\b"
)
_COUNT_AFTER = r"\b(?:{word}|{verb})\s+(?:at\s+least\s+|up\s+to\s+|about\s+)?(?P<n>{num})\b"
_NOUN_UNITS = frozenset({"%", "percent", "per", "cent"})


def parse_number(text: str) -> float | int | None:
    """Return the value of a number written in digits or English words, or None."""
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\.\d+", t):
        return float(t)
    total: float = 0
    current: float = 0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word) if "." in word else int(word)
        else:
            return None
    value = total + current
    if not value:
        return None
    return int(value) if float(value).is_integer() and "." not in t else value


def _count_patterns(word: str, verb: str) -> tuple[re.Pattern[str], ...]:
    # The first pattern finds either word: a sentence without one states no count.
    return (
        re.compile(rf"{word}|{verb}", re.IGNORECASE),
        *(re.compile(p.format(num=_NUM, word=word, verb=verb), re.IGNORECASE) for p in _PATTERNS),
    )


_PATTERNS = (_COUNT_BEFORE, _COUNT_AFTER)
_COUNTS = {
    "killed": _count_patterns(_KILLED, "killing"),
    "injured": _count_patterns(_INJURED, "(?:wounding|injuring)"),
}


def count_near(text: str, kind: str) -> int | None:
    """Return the count of people killed (``kind='killed'``) or injured stated in ``text``."""
    any_word, *patterns = _COUNTS["killed" if kind == "killed" else "injured"]
    if not any_word.search(text):
        return None
    best: int | None = None
    for pattern in patterns:
        for m in pattern.finditer(text):
            value = parse_number(m.group("n"))
            if value is not None and value < 100_000:
                best = (best or 0) + int(value)
        if best is not None:
            return best
    if kind == "killed" and re.search(rf"\b(?:was|were)\s+{_KILLED}\b", text, re.IGNORECASE):
        # "a civilian was killed": a single victim without a number.
        single = r"\b(?:a|an)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:was)\s+" + _KILLED
        if re.search(single, text, re.IGNORECASE):
            return 1
    return None


# The entities of the last doc read, as (start, end, label): ``doc.ents`` builds new spans on
# every access, and find_quantities is asked once per sentence. Their starts (in text order, as
# ``doc.ents`` gives them) find a sentence's first entity by bisection.
_LAST_ENTS: dict[str, tuple[Doc, list[tuple[int, int, str]], list[int]]] = {}


def _date_tokens(sent: Span) -> set[int]:
    """Return the tokens of the DATE and TIME entities within ``sent`` (as ``sent.ents``)."""
    doc = sent.doc
    last = _LAST_ENTS.get("doc")
    if last is None or last[0] is not doc:
        ents = [(e.start, e.end, e.label_) for e in doc.ents]
        last = _LAST_ENTS["doc"] = (doc, ents, [e[0] for e in ents])
    skip: set[int] = set()
    ents = last[1]
    # The entities before the sentence's first token are not read: the first from it on is
    # found by bisection.
    for k in range(bisect_left(last[2], sent.start), len(ents)):
        start, end, label = ents[k]
        if end > sent.end:
            break  # as Span.ents: the first entity past the sentence ends the scan
        if label in {"DATE", "TIME"}:
            skip.update(range(start, end))
    return skip


def find_quantities(sent: Span) -> list[Quantity]:
    """Return the quantities in ``sent``: each number with the noun it counts."""
    out: list[Quantity] = []
    skip = _date_tokens(sent)
    used: set[int] = set()
    for tok in sent:
        if tok.i in skip or tok.i in used or not _is_number(tok):
            continue
        # Multi-token numbers ("10 thousand", "two hundred") are one quantity.
        toks = [tok]
        nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
        while nxt is not None and nxt.i < sent.end and _is_number(nxt):
            toks.append(nxt)
            nxt = nxt.nbor() if nxt.i + 1 < len(nxt.doc) else None
        used.update(t.i for t in toks)
        text = " ".join(t.text for t in toks)
        value = parse_number(text)
        if value is None or tok.head.lemma_.lower() == "number":
            continue
        unit = _unit(toks[-1])
        if unit is None or unit in _NOUN_UNITS:
            continue
        out.append(Quantity(value=value, unit=unit, text=text))
    return out


def _is_number(tok: Token) -> bool:
    if tok.like_num and not re.fullmatch(r"\d{4}", tok.text):
        return True
    return tok.lower_ in NUMBER_WORDS and tok.lower_ not in {"a", "an"} and tok.pos_ == "NUM"


def _unit(tok: Token) -> str | None:
    """Return the noun a number counts ("70 Russian tanks" -> "tanks")."""
    head = tok.head
    if tok.dep_ in {"nummod", "quantmod", "compound"} and head.pos_ in {"NOUN", "PROPN"}:
        return head.text.lower()
    if tok.dep_ == "pobj" and head.head.pos_ == "NOUN":
        return head.head.text.lower()
    # "forty have been recovered": the number stands for a noun named earlier.
    return None
