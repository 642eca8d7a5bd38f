"""Toponym recognition: the spans of a parsed article that may be places, before resolution.

spaCy's GPE/LOC/FAC entities are taken (split at commas: "Brody, Lviv" is two places), and
capitalised token sequences the gazetteer knows are added, because the small English model
labels Ukrainian towns as PERSON or ORG (Hoptivka, Kreminna, Sumy, Donbass). Words of a
multi-token PERSON, first names, weapon names and common capitalised words are kept out.

Two patterns of war reporting are read here: "the Sumy and Poltava regions" (each name is a
region) and "Town, Region" ("Barvinkove, Kharkiv"; "Sloboda village, Chernihiv region"),
where the second name is a first-level region that constrains the first, and the first is a
place even when the gazetteer does not know it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire.gazetteer import Candidate, Gazetteer, fold_key, haversine_km, name_key
from eventwire.intervals import Intervals


def _words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# First names that are also towns somewhere: never a place on their own.
FIRST_NAMES = _words(
    """vladimir volodymyr maria mariya katerina kateryna oleg oleh olena olga anna sofia
    victoria viktoria alexander alexandra aleksandr oleksandr sergei sergey serhiy dmitry
    dmytro ivan mykola andriy andrei petro yulia natalia irina iryna ramzan mykhailo mikhail
    rafael emmanuel joe elizabeth charlotte florence austin lincoln jackson victor viktor
    denis elena yelena svetlana tatiana vitali vitaly roman boris igor pavel paul peter
    george john james david daniel marina nadia vera lydia milan"""
)
# Capitalised common words (sentence-initial, headlines) that are villages somewhere.
COMMON_WORDS = _words(
    """still temporary even consultations overall things war front blackout turn off no
    yesterday today president minister army guard video photo news live update mayor
    governor general staff north south east west central university city state union
    republic kremlin parliament council police defence defense ministry casualties
    unknown around looting hurricane typhoon cyclone storm area farms farmers centre center
    valley plantation crossroads delta mall road lane hospital clinic church chapel cathedral
    castle palace bridge station airport harbour harbor port school college academy tower
    market stadium museum hotel library prison court"""
)
# Weapon systems and military names that fuzzy-match towns (Uragan -> Oregon, Grad).
WEAPON_WORDS = _words(
    """grad uragan smerch tornado iskander kalibr kinzhal tochka bayraktar javelin stinger
    himars haimars nlaw buk pantsir tor osa shahed geran lancet orlan krasnopol msta
    giatsint pion tyulpan solntsepyok buratino kh"""
)
REGION_WORDS = frozenset(
    {"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "kray",
     "voivodeship", "governorate", "territory", "state"}
)  # fmt: skip
# Words after a name that make it a part of a town (a city district, a street), not a town.
PART_WORDS = frozenset(
    {"district", "districts", "microdistrict", "microdistricts", "neighbourhood",
     "neighbourhoods", "neighborhood", "neighborhoods", "quarter", "quarters", "street",
     "avenue", "boulevard", "square", "raion", "rayon", "park"}
)  # fmt: skip
SETTLEMENT_WORDS = frozenset({"village", "town", "city", "settlement", "township", "hamlet"})
_ALIASED_FEATURES = frozenset({"PPL", "PPLA", "PPLC", "ADM1"})
_SETTLEMENTS_PLURAL = frozenset(
    {"territories", "settlements", "villages", "towns", "localities", "communities", "hamlets"}
)
_JOINERS = frozenset({"and", ",", "or", "&"})
_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "NORP", "MONEY", "PERCENT"})
_CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "christmas", "easter"}
)  # fmt: skip
_MAX_SPAN_TOKENS = 6
# "Town, Region" and "Town village, Region": the gap between the two names.
_PAIR_GAP = re.compile(
    r"^\s*(?:(?:village|town|city|settlement|township|hamlet)\s*)?,\s*(?:in\s+)?$", re.I
)
# "Selets village in Zhytomyr region": "in" ties a town to a region named as such.
_IN_REGION_GAP = re.compile(
    r"^\s*(?:(?:village|town|city|settlement|township|hamlet)\s+)?in\s+(?:the\s+)?$", re.I
)
_NAME_TOKEN = re.compile(r"^[^\W\d_]+(?:[-'’][^\W_]+)*$")
_DEMONYM_END = re.compile(r"(?:ian|ians|ean|eans|ese|ish|ic|ics|i|is|an|ans)$", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?$", re.I)


@dataclass(slots=True)
class Mention:
    """A span that may be a place, with its candidates and how it was found."""

    start: int
    end: int
    text: str
    trusted: bool  # spaCy labelled it GPE/LOC/FAC
    label: str
    region: bool = False  # named as a region ("Kharkiv region", "Sumy and Poltava regions")
    part: bool = False  # names a part of a town ("Shevchenkivskyi district")
    within: Mention | None = None  # the region or country that constrains it ("X, Kharkiv")
    pinned: bool = False  # recognised by the "Town, Region" pattern: kept even if unknown
    sentence: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    best: Candidate | None = None
    homonyms: int = 0  # other candidates as good as ``best`` (see ``Place.homonyms``)


def _dashed(ent: Span) -> bool:
    """Return True for "Donetsk - Kuibyshivskyi" (a town and its district), no person's name."""
    return any(t.text in {"-", "–"} and t.whitespace_ for t in ent)


def person_words(doc: Doc) -> set[str]:
    """Return words that are part of a multi-token PERSON anywhere in ``doc``."""
    return {
        name_key(t.text)
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and not _dashed(ent)
        for t in ent
    }


def _trim(span: Span) -> Span:
    """Return ``span`` without a leading "the", a trailing possessive or "village"."""
    if span[0].lower_ == "the" and len(span) > 1:
        span = span[1:]
    if span[-1].text in {"'s", "’s"} and len(span) > 1:
        span = span[:-1]
    # "Myliach village": the name without the lower-case word for its kind ("Mexico City" stays).
    if len(span) > 1 and span[-1].text in SETTLEMENT_WORDS:
        span = span[:-1]
    return span


def entity_mentions(doc: Doc) -> list[Mention]:
    """Return spaCy's place entities, split at commas and dashes ("Brody, Lviv")."""
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            # A comma or a spaced dash separates two names ("Kyiv - Podilskyi").
            if i < ent.end and doc[i].text not in {",", "-", "–"}:
                continue
            if i < ent.end and doc[i].text != "," and not doc[i].whitespace_:
                continue  # "Kamianka-Buzka": a hyphen inside one name
            if i > start:
                span = _trim(doc[start:i])
                if span.text.strip():
                    m = Mention(span.start_char, span.end_char, span.text, True, ent.label_)
                    # "Kyiv - Podilskyi": the name after a dash is a district of the first.
                    m.part = start > ent.start and doc[start - 1].text != ","
                    found.append(m)
            start = i + 1
    return found


def _usable_start(tok: Token, in_person: set[int]) -> bool:
    return not (tok.i in in_person or tok.is_stop or not tok.text[:1].isupper() or not tok.is_alpha)


def _abbreviation(tok: Token) -> bool:
    """Return True for a dotted abbreviation that may begin a longer name ("U.S.", "St.")."""
    return tok.text.endswith(".") and tok.text[:1].isupper() and tok.text.replace(".", "").isalpha()


def _calendar_word(tok: Token) -> bool:
    """Return True for a month or weekday inside a date or time ("31 March 2022")."""
    return tok.ent_type_ in {"DATE", "TIME"} and tok.lower_ in _CALENDAR_WORDS


def _town_named_like_person(ent: Span, gazetteer: Gazetteer) -> bool:
    """Return True for a two-word town spaCy takes for a person ("Kryvyi Rih")."""
    if ent[0].lower_ in FIRST_NAMES:
        return False
    return any(
        c.population >= 10_000 or c.feature in {"ADM1", "PCLI"}
        for c in gazetteer.lookup(ent.text, fuzzy=False)
    )


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, which spaCy rebuilds from the tokens on every access, once."""
    text: str | None = doc.user_data.get("eventwire_text")
    if text is None:
        text = doc.text
        doc.user_data["eventwire_text"] = text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Return the first token index of each sentence (``Token.sent`` rescans the doc)."""
    starts: list[int] | None = doc.user_data.get("eventwire_sentence_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["eventwire_sentence_starts"] = starts
    return starts


def sentence_start(doc: Doc, i: int) -> int:
    """Return the index of the first token of token ``i``'s sentence."""
    starts = sentence_starts(doc)
    return starts[max(0, bisect_right(starts, i) - 1)] if starts else 0


def sentence_end(doc: Doc, i: int) -> int:
    """Return the index after the last token of token ``i``'s sentence."""
    starts = sentence_starts(doc)
    k = bisect_right(starts, i)
    return starts[k] if k < len(starts) else len(doc)


def scan_mentions(doc: Doc, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return capitalised token sequences the gazetteer knows, outside spaCy's places."""
    in_person = {
        t.i
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and len(ent) > 1
        and not _dashed(ent)
        and not _town_named_like_person(ent, gazetteer)
        for t in ent
    }
    found: list[Mention] = []
    # A name's overlaps found by bisection, not by reading every entity of a long article.
    spans = Intervals(taken)
    # Token objects and the text once: spaCy builds them anew on every access.
    toks = list(doc)
    text = doc_text(doc)
    calendar = {t.i for t in toks if _calendar_word(t)} | in_person
    i = 0
    while i < len(toks):
        tok = toks[i]
        # "the U.S. Minor Outlying Islands": an abbreviation begins only a name of several words.
        dotted = _abbreviation(tok) and tok.i not in in_person
        if not dotted and not _usable_start(tok, in_person):
            i += 1
            continue
        end_limit = min(len(toks), i + _MAX_SPAN_TOKENS, sentence_end(doc, i))
        for j in range(end_limit, i + 1 if dotted else i, -1):
            last = toks[j - 1]
            # A person's name or a month inside a date ("31 March 2022") is no town.
            if last.is_punct or last.is_stop or any(k in calendar for k in range(i, j)):
                continue
            if gazetteer.lookup(text[tok.idx : last.idx + len(last.text)], fuzzy=False):
                span = doc[i:j]
                overlaps = [taken[k] for k in spans.overlapping(span.start_char, span.end_char)]
                # A longer gazetteer name beats a shorter spaCy entity inside it.
                if all(span.start_char <= s and e <= span.end_char for s, e in overlaps) and (
                    not overlaps or len(span) > 1
                ):
                    # A longer gazetteer name ("Vasylkiv air base") is not the entity
                    # spaCy labelled inside it ("Vasylkiv" as NORP).
                    inner = len(span) > 1 and span[-1].ent_iob_ != "I"
                    label = "" if inner else span[0].ent_type_ or ""
                    found.append(Mention(span.start_char, span.end_char, span.text, False, label))
                    i = j - 1
                break
        i += 1
    return found


_DASH_DISTRICT = re.compile(r"\s[-–]\s([A-Z][a-z'’]{3,}(?:-[A-Z][a-z'’]+)?)\b")


def dash_districts(doc: Doc, towns: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Return the unknown names after a town and a spaced dash: its districts.

    "Kyiv - Sviatoshynskyi" is how reports name a city district; the index lacks most of them,
    so the name is a part of the town (placed near it), not an unknown place of its own.
    """
    text = doc_text(doc)
    found: list[Mention] = []
    for m in towns:
        match = _DASH_DISTRICT.match(text, m.end)
        if match is None or gazetteer.lookup(match.group(1), fuzzy=False):
            continue
        if name_key(match.group(1)) in COMMON_WORDS | FIRST_NAMES:
            continue
        start, end = match.span(1)
        found.append(Mention(start, end, match.group(1), True, "", part=True))
    return found


# "the Kirov and Levoberezhnyi neighborhoods": a name listed with one the index lacks, before
# a plural word for parts of a town, is a part too.
_LISTED_PARTS = re.compile(
    r"\s*(?:,|and|&)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+"
    r"(?:districts|microdistricts|neighbourhoods|neighborhoods|quarters)\b"
)


def mark_regions(doc: Doc, mentions: list[Mention]) -> None:
    """Mark mentions named as regions or as parts of towns, extending them over the word."""
    text = doc_text(doc)
    by_start = sorted(mentions, key=lambda m: m.start)
    named_regions: set[str] = set()
    for k, m in enumerate(by_start):
        listed = _LISTED_PARTS.match(text, m.end)
        if listed and not (k + 1 < len(by_start) and by_start[k + 1].start < listed.end()):
            m.part = True
            continue
        tail = doc.char_span(m.end, min(len(text), m.end + 40), alignment_mode="expand")
        if tail is None or len(tail) == 0:
            continue
        first = tail[0]
        if first.lower_ in PART_WORDS and not m.region:
            m.part = True
            m.end = first.idx + len(first.text)
            m.text = text[m.start : m.end]
            # "the Kirov and Livoberezhnyi districts": coordinated names share the plural.
            prev = k - 1
            while prev >= 0 and first.lower_.endswith("s") and not by_start[prev].region:
                gap = text[by_start[prev].end : by_start[prev + 1].start].strip().lower()
                if gap not in _JOINERS:
                    break
                by_start[prev].part = True
                prev -= 1
            continue
        if first.lower_ not in REGION_WORDS:
            continue
        m.region = True
        named_regions.add(m.text.lower())
        if first.lower_ in {"region", "oblast", "province", "krai", "kray", "state"}:
            m.end = first.idx + len(first.text)
            m.text = text[m.start : m.end]
        # Coordinated names share the plural: "the Sumy and Poltava regions".
        prev = k - 1
        while prev >= 0 and first.lower_.endswith("s"):
            gap = text[by_start[prev].end : by_start[prev + 1].start].strip().lower()
            if gap not in _JOINERS:
                break
            by_start[prev].region = True
            named_regions.add(by_start[prev].text.lower())
            prev -= 1
    for m in mentions:
        # "forty villages in Kharkiv" in an article that names "the Kharkiv region": a name of
        # a city and its region means the region after a word for many settlements.
        if m.region or m.part or m.text.lower() not in named_regions:
            continue
        before = text[max(0, m.start - 30) : m.start].lower().split()
        if len(before) >= 2 and before[-1] == "in" and before[-2] in _SETTLEMENTS_PLURAL:
            m.region = True
    for m in mentions:
        words = m.text.split()
        # spaCy often takes the word in: "Shevchenkivskyi district" as one FAC entity.
        if len(words) > 1 and words[-1].lower() in PART_WORDS and not m.region:
            m.part = True


_ENDING = 2  # letters of an adjectival ending on a folded key ("-ska", "-ske" fold to two)


@lru_cache(maxsize=100_000)
def alias_only(text: str, c: Candidate) -> bool:
    """Return True when a town or region matched ``text`` only under a name unlike its own.

    GeoNames lists old and foreign names ("Salisbury" for Harare, "Oleksandrivka" for
    Donetsk); a place found that way should lose to one that bears the name.
    """
    if c.feature not in _ALIASED_FEATURES:
        return False
    q = fold_key(text)
    # A word of the name may begin the text only when what follows is an ending ("Kharkivska"
    # for Kharkiv), not another word ("Southold" is no South Bend, "Charleston" no St. Charles).
    return not any(
        n.startswith(q) or (q.startswith(n) and len(q) - len(n) <= _ENDING)
        for n in (fold_key(w) for w in [c.name, *c.name.split()])
        if n
    )


def _region_of(m: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    """Return the regions or countries a mention may name (empty for a plain town)."""
    found = gazetteer.lookup_admin1(m.text)
    return found or gazetteer.lookup_country(m.text)


def _unknown_before(doc: Doc, text: str, end: int, taken: list[Mention]) -> Mention | None:
    """Return the capitalised name ending just before ``end`` (a village the index lacks)."""
    span = doc.char_span(max(0, end - 60), end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    toks = list(span)
    while toks and (toks[-1].text == "," or toks[-1].lower_ in SETTLEMENT_WORDS):
        toks.pop()
    name: list[Token] = []
    for tok in reversed(toks):
        # "Zolote-9": a capitalised word may carry a number after a hyphen.
        ok = (tok.text[:1].isupper() and _NAME_TOKEN.match(tok.text) is not None) or (
            tok.text == "-" and bool(name)
        )
        # Sentence-initial adverbs are capitalised too ("Separately, Kharkiv ..."): a name
        # there must at least be tagged a proper noun.
        if tok.is_sent_start and tok.tag_ not in {"NNP", "NNPS"}:
            ok = False
        # "Village, Donetsk": spaCy may call a village a nationality; a word that does not
        # end like one ("Ukrainian", "Chinese") is still taken.
        norp_name = tok.ent_type_ == "NORP" and _DEMONYM_END.search(tok.text) is None
        if not ok or (tok.ent_type_ in _NOT_PLACE_LABELS and not norp_name):
            break
        # "shelled with BM-21 Grad Toretsk": a weapon or an acronym ends the name before it.
        word = tok.text.split("-")[0]
        if name_key(tok.text) in WEAPON_WORDS or (len(word) > 1 and word.isupper()):
            break
        name.insert(0, tok)
        if tok.is_sent_start:
            break
    while name and name[0].text == "-":
        name.pop(0)
    if not name:
        return None
    start, stop = name[0].idx, name[-1].idx + len(name[-1].text)
    key = name_key(text[start:stop])
    if len(name) == 1 and (
        name[0].is_stop or key in FIRST_NAMES or key in COMMON_WORDS or key in WEAPON_WORDS
    ):
        return None
    inside = [m for m in taken if m.start < stop and start < m.end]
    if any(m.start < start or m.end > stop or m.region for m in inside):
        return None
    if inside:
        # A known name inside a longer unknown one ("Sloviansk" of "Sloviansk Druhyi",
        # "Stara" of "Stara-Hreblia"): the whole name is the village.
        first = inside[0]
        first.start, first.end, first.text = start, stop, text[start:stop]
        first.part, first.pinned = False, True
        for m in inside[1:]:
            m.start = m.end = stop  # emptied: dropped by the caller
        return first
    return Mention(start, stop, text[start:stop], False, name[0].ent_type_, pinned=True)


def pair_regions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Read "Town, Region": mark the region, tie the town to it; return unknown towns found.

    A list ("Kyiv, Kharkiv and Odesa") is no such pair: the second name must not be followed
    by another name in the same list, and a big city never sits "in" another region's name.
    """
    text = doc_text(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    added: list[Mention] = []
    for k, b in enumerate(ordered):
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        if nxt is not None and _LIST_GAP.match(text[b.end : nxt.start]):
            continue
        if b.part or (_region_of(b, gazetteer) == []):
            continue
        prev = ordered[k - 1] if k > 0 else None
        a: Mention | None = None
        gap = text[prev.end : b.start] if prev is not None else ""
        worded = b.text.split()[-1].lower() in REGION_WORDS  # "Kharkiv oblast"
        explicit = b.region and worded
        if prev is not None and (_PAIR_GAP.match(gap) or (explicit and _IN_REGION_GAP.match(gap))):
            a = _joined(ordered[k - 2], prev, b, text, gazetteer) if k >= 2 else None
            a = a or prev
        elif text[: b.start].rstrip().endswith(","):
            a = _unknown_before(doc, text, b.start, ordered)
            if a is not None and all(a is not m for m in ordered):
                added.append(a)
        if a is None or a.region:
            continue
        if a.pinned or _fits(a, b, gazetteer, worded):
            b.region = True
            a.within = b
            a.pinned = True
    return added


def _joined(
    first: Mention, second: Mention, region: Mention, text: str, gazetteer: Gazetteer
) -> Mention | None:
    """Join two names the recogniser split ("Kamianska" "Sloboda") when the region has the whole.

    "Kamianska Sloboda village, Chernihiv": the first word alone is another town and the second
    a village elsewhere; the two-word village of the region is meant. The second mention is
    emptied (dropped by the caller).
    """
    if text[first.end : second.start] != " " or first.region or first.part or second.part:
        return None
    whole = text[first.start : second.end]
    regions = _region_of(region, gazetteer)
    if not any(c.admin1 == r.name for c in gazetteer.lookup(whole) for r in regions):
        return None
    first.end, first.text = second.end, whole
    second.start = second.end
    return first


def _fits(a: Mention, b: Mention, gazetteer: Gazetteer, worded: bool = False) -> bool:
    """Return True when ``a`` may be a town inside the region or country ``b`` names.

    ``worded``: ``b`` names itself a region ("Kharkiv oblast", "Kherson region").
    """
    regions = _region_of(b, gazetteer)
    cands = gazetteer.lookup(a.text)
    # A loose spelling match ("Irane" ~ Iran) says nothing about what the name is.
    exact = gazetteer.lookup(a.text, fuzzy=False)
    named = [c for c in exact if not alias_only(a.text, c)] or exact
    key = name_key(a.text)
    # "Donetske, Kharkiv": a village whose name is also the adjective of another region
    # ("Donetske" ~ Donetsk Oblast) is that village when one of the name lies in the region.
    if any(
        name_key(c.name) == key
        and c.feature not in {"ADM1", "PCLI", "CONT", "RGN"}
        and any(c.admin1 == r.name for r in regions)
        for c in exact
    ):
        return True
    if named and named[0].feature in {"ADM1", "PCLI", "CONT", "RGN"}:
        return False  # "Ukraine, Russia": two areas, not a town in a region
    inside = any(
        c.admin1 == r.name or (r.feature == "PCLI" and c.country == r.country)
        for c in cands
        for r in regions
    )
    # A big city is named on its own; "Kharkiv, Kyiv" is a list, not Kharkiv in Kyiv Oblast.
    # But a list names neighbours: "Springfield, Kharkiv oblast" is a village of the oblast
    # the index lacks (placed at the oblast), not Springfield, Missouri beside the oblast.
    big = [c for c in named if c.population >= 100_000 or c.feature in {"PPLA", "PPLC"}]
    if worded and big and regions:
        big = [
            c
            for c in big
            if any(haversine_km(c.lat, c.lon, r.lat, r.lon) <= _LIST_KM for r in regions)
        ]
    return inside or not big


# How far from a region a big city named before it may lie and still be read as listed with
# it ("Belgorod, Kharkiv oblast"), not as a village of the region that bears a city's name.
_LIST_KM = 1000.0


# Kinds of landmark named after their town ("Zaporizhzhia Nuclear Power Plant").
_FACILITY_HEADS = frozenset(
    {"plant", "station", "airport", "airfield", "dam", "refinery", "steelworks", "port"}
)
_LANDMARK_FEATURES = frozenset({"PS", "PSN", "PSH", "AIRP", "AIRF", "DAM", "MFG", "PRT", "PO"})


def landmark_of(doc: Doc, m: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    """Return the landmark meant by "the <facility> in <Town>", when one bears the town's name.

    "The nuclear power plant in Zaporizhzhya" is the Zaporizhzhia Nuclear Power Plant, not
    the city; "a power plant in Kharkiv" (indefinite: one of several) stays the town.
    """
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start < 3 or doc[span.start - 1].lower_ != "in":
        return []
    head = doc[span.start - 2]
    if head.lower_ not in _FACILITY_HEADS:
        return []
    words: list[str] = []
    for tok in reversed(doc[max(0, span.start - 8) : span.start - 1]):
        if tok.lower_ == "the":
            break
        if tok.pos_ not in {"NOUN", "ADJ", "PROPN"} or tok.is_punct:
            return []
        words.insert(0, tok.text.lower())
    else:
        return []  # no "the": a facility, not the town's own landmark
    for k in range(len(words)):
        found = [
            c
            for c in gazetteer.lookup(f"{m.text} {' '.join(words[k:])}", fuzzy=False)
            if c.feature in _LANDMARK_FEATURES
        ]
        if found:
            return found
    return []
