"""Quality measured on dev data that stays outside the repository (``../shared``).

ACLED dev: each ``notes`` text is one article with ``event_date`` as its publication date; the
record's main event is compared with the row's human coding. Rows are split by a hash of their
ACLED id into a tuning part and a held-out part (one in five), so figures on the held-out part
are honest as long as nobody tunes on it.

PLOVER gold standard: each example sentence is one article; a sentence is right when any of
its non-negated predicted event types is the gold category (old category names mapped to the
2021 ones). A sentence may state several events ("agreed ... to cooperate"), so this is the
headline figure; ``accuracy_first`` (only the first event's category counts) and
``types_per_sentence`` show how much the lenient reading lets through. The same hash split by
record id keeps a held-out part.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.gazetteer import haversine_km
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Event, Record, stable_id

HELD_OUT_EVERY = 5


def split_of(key: str) -> str:
    """Return ``"heldout"`` for one row in five (by a stable hash of ``key``), else ``"tune"``."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "heldout" if digest[0] % HELD_OUT_EVERY == 0 else "tune"


def main_event(record: Record) -> Event | None:
    """Return the event an ACLED coder would code from a one-event note: the first real one."""
    pool = coded_events(record)
    return pool[0] if pool else None


def coded_events(record: Record) -> list[Event]:
    """Return the record's real events in text order: the coded ones, else all real ones."""
    real = [e for e in record.events if not e.negated and not e.hypothetical]
    return [e for e in real if e.acled_event_type] or real


def acled_rows(
    path: Path, split: str = "heldout", limit: int | None = None
) -> Iterator[dict[str, str]]:
    """Yield ACLED dev rows of one split (``heldout``, ``tune`` or ``all``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        n = 0
        for row in csv.DictReader(fh):
            if split != "all" and split_of(row["event_id_cnty"]) != split:
                continue
            yield row
            n += 1
            if limit is not None and n >= limit:
                return


def evaluate_acled(
    path: Path,
    split: str = "heldout",
    limit: int | None = None,
    pipeline: Pipeline | None = None,
    theatre: bool = False,
) -> dict[str, Any]:
    """Return accuracy figures of eventwire's coding against ACLED's on one split.

    ``theatre``: read the rows as one run in file order, earlier rows' towns breaking ties
    between homonym villages (``eventwire ingest --theatre``); ignored with ``pipeline``.
    """
    pipe = pipeline or Pipeline(theatre=theatre)
    rows = list(acled_rows(path, split, limit))
    # ACLED splits a report naming several places into one row per place, each with the whole
    # report as its notes ("evacuated from A, B and C"): such a row's place is matched against
    # the record's first n events (n = the rows of that report in the whole file), not only the
    # first; a record cannot gain by listing more events than the report has rows.
    siblings = Counter(r["notes"] for r in acled_rows(path, "all"))
    articles = (
        Article(id=stable_id(r["event_id_cnty"]), text=r["notes"], published=r["event_date"])
        for r in rows
    )
    n = Counter[str]()
    confusion = Counter[tuple[str, str]]()
    # Main events placed by how many homonyms the text fits as well: (rows, within 25 km).
    by_homonyms: dict[str, list[int]] = {k: [0, 0] for k in ("0", "1", "2-4", "5+")}
    for row, record in zip(rows, pipe.process(articles), strict=True):
        ev = main_event(record)
        n["rows"] += 1
        gold_type, gold_sub = row["event_type"], row["sub_event_type"]
        pred_type = ev.acled_event_type if ev else None
        pred_sub = ev.acled_sub_event_type if ev else None
        n["event_type"] += pred_type == gold_type
        n["sub_event_type"] += pred_sub == gold_sub
        confusion[(gold_sub, pred_sub or "-")] += 1
        gold_fat = int(row["fatalities"] or 0)
        n["fatalities"] += (ev.fatalities or 0 if ev else 0) == gold_fat
        gold_country = _acled_country(row["actor1"])
        if gold_country:
            n["actor1_rows"] += 1
            n["actor1_country"] += bool(ev and ev.actor1 and ev.actor1.country == gold_country)
        if row["geo_precision"] == "1":
            n["geo_rows"] += 1
            gold = float(row["latitude"]), float(row["longitude"])
            main_hit = _within(ev, gold)
            n["geo_25km_main"] += main_hit
            loc = ev.location if ev else None
            if loc is not None and loc.lat is not None:
                h = loc.homonyms or 0
                bucket = by_homonyms[
                    "0" if h == 0 else "1" if h == 1 else "2-4" if h <= 4 else "5+"
                ]
                bucket[0] += 1
                bucket[1] += main_hit
            pool = coded_events(record)[: siblings[row["notes"]]]
            n["geo_25km"] += main_hit or any(_within(e, gold) for e in pool)
    rows_n = max(n["rows"], 1)
    return {
        "split": split,
        "rows": n["rows"],
        "event_type": n["event_type"] / rows_n,
        "sub_event_type": n["sub_event_type"] / rows_n,
        "fatalities_exact": n["fatalities"] / rows_n,
        "actor1_country": n["actor1_country"] / max(n["actor1_rows"], 1),
        "geo_precision1_rows": n["geo_rows"],
        "geo_within_25km": n["geo_25km"] / max(n["geo_rows"], 1),
        # Stricter: only the main (first) event counts, also for reports ACLED split by place.
        "geo_within_25km_main": n["geo_25km_main"] / max(n["geo_rows"], 1),
        # The same, for placed main events by their place's homonyms: how far "0" can be trusted.
        "geo_within_25km_main_by_homonyms": {
            k: {"events": rows_k, "within_25km": hits / rows_k if rows_k else None}
            for k, (rows_k, hits) in by_homonyms.items()
        },
        "top_confusions": [
            {"gold": g, "predicted": p, "count": c}
            for (g, p), c in confusion.most_common(12)
            if g != p
        ],
    }


def _within(ev: Event | None, gold: tuple[float, float], km: float = 25.0) -> bool:
    """True when the event's location lies within ``km`` of the gold point."""
    loc = ev.location if ev else None
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    return haversine_km(loc.lat, loc.lon, *gold) <= km


_ACLED_COUNTRIES = {
    "Russia": "RUS",
    "Ukraine": "UKR",
    "Belarus": "BLR",
    "Novorossiya": "UKR",  # NAF: separatist forces in Ukraine
    "Donetsk": "UKR",
    "Luhansk": "UKR",
}


def _acled_country(actor: str) -> str | None:
    for word, iso3 in _ACLED_COUNTRIES.items():
        if word in actor:
            return iso3
    return None


# PLOVER 2016 category names that the 2021 ontology renamed or folded into another.
PLOVER_RENAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def plover_rows(path: Path, split: str = "heldout") -> list[dict[str, Any]]:
    """Return the PLOVER gold records of one split, without the DOCUMENT header."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        r
        for r in records
        if r.get("event") != "DOCUMENT"
        and r.get("text")
        and (split == "all" or split_of(r["id"]) == split)
    ]


def evaluate_plover(
    path: Path, split: str = "heldout", pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Return category accuracy of eventwire's PLOVER typing on the gold-standard sentences."""
    pipe = pipeline or Pipeline()
    rows = plover_rows(path, split)
    articles = (Article(id=stable_id(r["id"]), text=r["text"]) for r in rows)
    right = first_right = n_types = 0
    confusion = Counter[tuple[str, str]]()
    for row, record in zip(rows, pipe.process(articles), strict=True):
        gold = PLOVER_RENAMES.get(row["event"], row["event"])
        stated = [e.type for e in record.events if not e.negated]
        predicted = set(stated)
        right += gold in predicted
        first_right += bool(stated) and stated[0] == gold
        n_types += len(predicted)
        if gold not in predicted:
            confusion[(gold, ",".join(sorted(predicted)) or "-")] += 1
    n = max(len(rows), 1)
    return {
        "split": split,
        "rows": len(rows),
        "accuracy": right / n,
        # Stricter readings: one category per sentence (the first event's, in text order),
        # and how many categories a sentence gets on average (what "accuracy" lets through).
        "accuracy_first": first_right / n,
        "types_per_sentence": n_types / n,
        "top_confusions": [
            {"gold": g, "predicted": p, "count": c} for (g, p), c in confusion.most_common(12)
        ],
    }
