"""The places stage: find toponyms in a parsed article and resolve them against the gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and adds capitalised token sequences the
gazetteer knows, because the small English model labels Ukrainian towns as PERSON or ORG
(Hoptivka, Kreminna, Sumy, Donbass). First names and surnames that are also places, and
common words that are tiny villages somewhere, are kept out by a stoplist, by never reading a
token of a multi-token PERSON, and by population and focus-country thresholds.

Resolution ranks each mention's candidates by feature class, population, the article's focus
country, the regions the article names and the distance to other places in the same sentence.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from eventwire.gazetteer import Candidate, Gazetteer, name_key
from eventwire.records import Place

# First names that are also towns somewhere: never a place on their own.
FIRST_NAMES = frozenset(
    [
        "vladimir",
        "volodymyr",
        "maria",
        "mariya",
        "katerina",
        "kateryna",
        "oleg",
        "oleh",
        "olena",
        "olga",
        "anna",
        "sofia",
        "victoria",
        "viktoria",
        "alexander",
        "alexandra",
        "aleksandr",
        "oleksandr",
        "sergei",
        "sergey",
        "serhiy",
        "dmitry",
        "dmytro",
        "ivan",
        "mykola",
        "andriy",
        "andrei",
        "petro",
        "yulia",
        "natalia",
        "irina",
        "iryna",
        "ramzan",
        "mykhailo",
        "mikhail",
        "rafael",
        "emmanuel",
        "joe",
        "elizabeth",
        "charlotte",
        "florence",
        "austin",
        "lincoln",
        "jackson",
        "victor",
        "viktor",
        "denis",
        "elena",
        "yelena",
        "svetlana",
        "tatiana",
        "vitali",
        "vitaly",
        "roman",
        "boris",
        "igor",
        "pavel",
        "paul",
        "peter",
        "george",
        "john",
        "james",
        "david",
        "daniel",
        "marina",
        "nadia",
        "vera",
        "lydia",
        "milan",
    ]
)
# Capitalised common words (sentence-initial, headlines) that are villages somewhere.
COMMON_WORDS = frozenset(
    [
        "still",
        "temporary",
        "even",
        "consultations",
        "overall",
        "things",
        "war",
        "front",
        "blackout",
        "turn",
        "off",
        "no",
        "yesterday",
        "today",
        "president",
        "minister",
        "army",
        "guard",
        "video",
        "photo",
        "news",
        "live",
        "update",
        "mayor",
        "governor",
        "general",
        "staff",
        "north",
        "south",
        "east",
        "west",
        "central",
        "university",
        "city",
        "state",
        "union",
        "republic",
        "kremlin",
        "parliament",
        "council",
        "police",
        "defence",
        "defense",
        "ministry",
    ]
)
_REGION_WORDS = frozenset(
    {"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "kray",
     "voivodeship", "governorate", "territory"}
)  # fmt: skip
_JOINERS = frozenset({"and", ",", "or", "&"})
_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AREA_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "SEA", "STM", "STRT", "AREA"})
_CITY_FEATURES = frozenset({"PPL", "PPLA", "PPLC"})
_FEATURE_BONUS = {"PCLI": 3.0, "PPLC": 1.5, "PPLA": 0.8, "ADM1": 0.5, "PPL": 0.0}
_LANDMARK_BONUS = 3.0
_MAX_SPAN_TOKENS = 6
_NEAR_KM = 150.0


@dataclass(slots=True)
class _Mention:
    """A span that may be a place, with its candidates and how it was found."""

    start: int
    end: int
    text: str
    trusted: bool  # spaCy labelled it GPE/LOC/FAC
    label: str
    region: bool = False  # named as a region ("Kharkiv region", "Sumy and Poltava regions")
    sentence: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    best: Candidate | None = None


def _km(a: Candidate, b: Candidate) -> float:
    """Return the great-circle distance between two candidates in kilometres."""
    return _haversine(a.lat, a.lon, b.lat, b.lon)


def _prior(c: Candidate) -> float:
    """Return a candidate's score before context: feature class, population, match level."""
    bonus = _FEATURE_BONUS.get(c.feature, _LANDMARK_BONUS)
    return bonus + 0.5 * math.log10(c.population + 10) - (0.3, 0.3, 1.5)[min(c.match, 2)]


@cache
def _demonyms() -> dict[str, str]:
    """Return nationality words -> ISO3 from the package's demonym table (empty when absent)."""
    try:
        text = resources.files("eventwire.data").joinpath("demonyms.csv").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    rows = csv.DictReader(text.splitlines())
    return {
        name_key(w): row["country"] for row in rows for w in (row.get("words") or "").split("|")
    }


class PlaceFinder:
    """Finds and resolves the places of a parsed article against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # Recognition ------------------------------------------------------------------------

    def _person_words(self, doc: Doc) -> set[str]:
        """Return words that are part of a multi-token PERSON anywhere in ``doc``."""
        return {
            name_key(t.text)
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for t in ent
        }

    def _is_name_like(self, span: Span) -> bool:
        first = span[0].text
        return first[:1].isupper() and any(ch.isalpha() for ch in first)

    def _entity_mentions(self, doc: Doc) -> list[_Mention]:
        found: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            if span[-1].text in {"'s", "’s"} and len(span) > 1:
                span = span[:-1]
            found.append(_Mention(span.start_char, span.end_char, span.text, True, ent.label_))
        return found

    def _scan_mentions(self, doc: Doc, taken: list[tuple[int, int]]) -> list[_Mention]:
        """Return capitalised token sequences the gazetteer knows, outside spaCy's places."""
        in_person = {
            t.i for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
        }
        found: list[_Mention] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in in_person or tok.is_stop or not tok.text[:1].isupper() or not tok.is_alpha:
                i += 1
                continue
            end_limit = min(len(doc), i + _MAX_SPAN_TOKENS, tok.sent.end)
            for j in range(end_limit, i, -1):
                span = doc[i:j]
                if span[-1].is_punct or span[-1].is_stop or any(t.i in in_person for t in span):
                    continue
                if self.gazetteer.lookup(span.text, fuzzy=False):
                    overlaps = [
                        (s, e) for s, e in taken if s < span.end_char and span.start_char < e
                    ]
                    # A longer gazetteer name beats a shorter spaCy entity inside it.
                    if all(span.start_char <= s and e <= span.end_char for s, e in overlaps) and (
                        not overlaps or len(span) > 1
                    ):
                        label = span[0].ent_type_ or ""
                        found.append(
                            _Mention(span.start_char, span.end_char, span.text, False, label)
                        )
                        i = j - 1
                    break
            i += 1
        return found

    def _mark_regions(self, doc: Doc, mentions: list[_Mention]) -> None:
        """Mark mentions named as regions, extending "X region" to cover the word."""
        by_end = sorted(mentions, key=lambda m: m.start)
        for k, m in enumerate(by_end):
            tail = doc.char_span(m.end, min(len(doc.text), m.end + 40), alignment_mode="expand")
            if tail is None or len(tail) == 0:
                continue
            first = tail[0]
            if first.lower_ in _REGION_WORDS:
                m.region = True
                if first.lower_ in {"region", "oblast", "province", "krai", "kray"}:
                    m.end = first.idx + len(first.text)
                    m.text = doc.text[m.start : m.end]
                # Coordinated names share the plural: "the Sumy and Poltava regions".
                prev = k - 1
                while prev >= 0 and first.lower_.endswith("s"):
                    gap = doc.text[by_end[prev].end : by_end[prev + 1].start].strip().lower()
                    if gap not in _JOINERS:
                        break
                    by_end[prev].region = True
                    prev -= 1

    # Resolution -------------------------------------------------------------------------

    def _candidates(self, m: _Mention) -> list[Candidate]:
        if m.region:
            regions = self.gazetteer.lookup_admin1(m.text)
            if regions:
                return regions
        return self.gazetteer.lookup(m.text, fuzzy=m.trusted)

    def _focus(self, mentions: Iterable[_Mention], demonyms: Counter[str]) -> str | None:
        votes: Counter[str] = Counter({k: v for k, v in demonyms.items() if k})
        for m in mentions:
            if m.candidates:
                top = max(m.candidates, key=_prior)
                if top.country:
                    votes[top.country] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _is_demonym(self, key: str) -> bool:
        """Return True for an adjective of nationality ("Ukrainian"), which is no place."""
        if key in _demonyms():
            # The table lists country names too ("Ukraine", "UK"): those are places.
            return not self.gazetteer.lookup_country(key)
        return key.endswith(("ian", "ians", "ean", "eans")) and not any(
            c.feature in _AREA_FEATURES or c.population >= 100_000
            for c in self.gazetteer.lookup(key, fuzzy=False)
        )

    def _keep(self, m: _Mention, person_words: set[str], focus: str | None) -> bool:
        """Return True when a mention is a place, not a first name, surname or common word."""
        key = name_key(m.text)
        if " " not in m.text.strip():
            if self._is_demonym(key):
                return False
            if not m.region and (key in FIRST_NAMES or key in COMMON_WORDS):
                return False
            if key in person_words:
                return False
        if m.trusted or not m.candidates:
            return m.trusted
        if m.label == "NORP" or any(c.feature in _AREA_FEATURES for c in m.candidates[:1]):
            return m.label != "NORP"
        if len(m.text.split()) > 1:
            return True
        best = max(m.candidates, key=lambda c: c.population)
        if best.feature not in _CITY_FEATURES:
            return True
        # Unlabelled words need a real town; PERSON/ORG labels a town in the focus country.
        home = best.country == focus
        if m.label in {"PERSON", "ORG"}:
            return home or best.population >= 100_000
        return best.population >= (10_000 if home else 100_000)

    def _resolve(self, mentions: list[_Mention], focus: str | None) -> None:
        for m in mentions:
            m.best = None
        for pass_no in range(2):
            for m in mentions:
                if not m.candidates:
                    continue
                regions = Counter(
                    o.best.admin1 if o.best else max(o.candidates, key=_prior).admin1
                    for o in mentions
                    if o.candidates and name_key(o.text) != name_key(m.text)
                )
                near = [
                    o.best
                    for o in mentions
                    if pass_no and o.best and o.sentence == m.sentence and o is not m
                ]

                def score(
                    c: Candidate,
                    near: list[Candidate] = near,
                    regions: Counter[str | None] = regions,
                ) -> float:
                    s = _prior(c)
                    s += 1.5 if focus and c.country == focus else 0.0
                    s += 2.0 if c.admin1 and regions.get(c.admin1) else 0.0
                    if any(_km(c, o) < _NEAR_KM for o in near if o.place_id != c.place_id):
                        s += 1.5
                    return s

                m.best = max(m.candidates, key=score)

    def find(self, doc: Doc) -> list[Place]:
        """Return the places named in ``doc`` with offsets into ``doc.text``, in text order."""
        person_words = self._person_words(doc)
        mentions = self._entity_mentions(doc)
        mentions += self._scan_mentions(doc, [(m.start, m.end) for m in mentions])
        # Longer spans win over the spans they contain.
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[_Mention] = []
        for m in mentions:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        self._mark_regions(doc, kept)
        for m in kept:
            m.candidates = self._candidates(m)
            sent = doc.char_span(m.start, m.end, alignment_mode="expand")
            m.sentence = sent.sent.start if sent is not None else 0
        # Nationality words vote for the article's focus country but are no places.
        votes = Counter(_demonyms().get(name_key(m.text), "") for m in kept)
        focus = self._focus(
            [m for m in kept if m.trusted and not self._is_demonym(name_key(m.text))], votes
        )
        kept = [m for m in kept if self._keep(m, person_words, focus)]
        self._resolve(kept, focus or self._focus(kept, votes))
        return [self._place(m) for m in kept]

    @staticmethod
    def _place(m: _Mention) -> Place:
        c = m.best
        if c is None:
            return Place(text=m.text, start=m.start, end=m.end)
        return Place(
            text=m.text, start=m.start, end=m.end, name=c.name, lat=c.lat, lon=c.lon,
            country=c.country, admin1=c.admin1, geonames_id=c.geonames_id, feature=c.feature,
            precision=c.precision, source=c.source,
        )  # fmt: skip


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def evaluate_geowebnews(path: Path | str, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Return recall of gold Literal toponyms and accuracy@161 km on GeoWebNews (GWN.xml)."""
    from lxml import etree

    from eventwire import nlp

    tree = etree.parse(str(path))  # a local research corpus, not untrusted input
    articles = tree.getroot().findall("article")
    texts = [a.findtext("text") or "" for a in articles]
    finder = PlaceFinder(gazetteer or Gazetteer.open())
    gold = recognised = within = predicted = 0
    for art, doc in zip(articles, nlp.parse_many(texts), strict=True):
        places = finder.find(doc)
        predicted += len(places)
        for top in art.iter("toponym"):
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            if top.findtext("type") != "Literal" or not lat or not lon:
                continue
            gold += 1
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            hits = [p for p in places if p.start < end and start < p.end]
            if not hits:
                continue
            recognised += 1
            if any(
                p.lat is not None
                and p.lon is not None
                and _haversine(p.lat, p.lon, float(lat), float(lon)) <= 161.0
                for p in hits
            ):
                within += 1
    return {
        "gold_literal_with_coordinates": gold,
        "recognised": recognised,
        "recall": recognised / gold if gold else 0.0,
        "resolved_within_161km": within,
        "accuracy_at_161km": within / recognised if recognised else 0.0,
        "predicted_places": predicted,
    }
