"""Restatements: one real event told several times in an article becomes one event.

A headline, a lede and a body sentence about the same recapture are merged when their type,
place, date and actors agree; the merged event keeps every statement as evidence.
"""

from __future__ import annotations

from eventwire.records import Event, Location

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def merge(events: list[Event]) -> list[Event]:
    """Merge restatements: same type and place, compatible dates and actors."""
    out: list[Event] = []
    # Only events of one kind (type, negation, hypothesis, ACLED sub-type, mode: see
    # ``_same_event``, and merging changes none of them) are the same event: the twin is
    # looked for among the kept events of that kind, in the order they were kept.
    kinds: dict[tuple[object, ...], list[Event]] = {}
    # The evidence starts of each kept event that took a restatement (by identity: the kept
    # events stay in ``out`` until the end), kept current as evidence is added.
    told: dict[int, set[int]] = {}
    for ev in events:
        kind = _kind(ev)
        twin = next((o for o in kinds.get(kind, ()) if _same_event(o, ev)), None)
        if twin is None:
            out.append(ev)
            kinds.setdefault(kind, []).append(ev)
            continue
        starts = told.get(id(twin))
        if starts is None:
            starts = told[id(twin)] = {e.start for e in [twin.evidence, *twin.also_evidence]}
        if ev.evidence.start not in starts:
            twin.also_evidence.append(ev.evidence)
            starts.add(ev.evidence.start)
        if twin.date_precision != 1 and ev.date_precision == 1:
            # A headline dated by its publication; the body states the day.
            twin.date, twin.date_text, twin.date_precision = ev.date, ev.date_text, 1
        if twin.actor1 is None or twin.actor1.name is None:
            twin.actor1 = ev.actor1 or twin.actor1
        if twin.actor2 is None:
            twin.actor2 = ev.actor2
        if _broader(ev.location, twin.location):
            twin.location = ev.location  # one event, reported as a town and as its region
        twin.fatalities = twin.fatalities or ev.fatalities
        twin.injured = twin.injured or ev.injured
        twin.attributed_to = twin.attributed_to or ev.attributed_to
        twin.quantities = twin.quantities or ev.quantities
        twin.confidence = max(twin.confidence, ev.confidence)
    return out


def _kind(ev: Event) -> tuple[object, ...]:
    return (ev.type, ev.negated, ev.hypothetical, ev.acled_sub_event_type, ev.mode)


def _same_event(a: Event, b: Event) -> bool:
    if _kind(a) != _kind(b):
        return False
    if a.date and b.date and a.date != b.date and a.date_precision == b.date_precision == 1:
        return False
    la, lb = a.location, b.location
    if la is None and lb is None and a.acled_event_type is None:
        # Unplaced statements ("X refuses to negotiate", "a phone call between X and Y")
        # merge when they name the same parties, in either role.
        parties_a = {x.name for x in (a.actor1, a.actor2) if x and x.name}
        parties_b = {x.name for x in (b.actor1, b.actor2) if x and x.name}
        if parties_a & parties_b and (a.type in SYMMETRIC or _actor_names_agree(a, b)):
            return True
    if not _actor_names_agree(a, b):
        return False
    if la is None and lb is None:
        return a.evidence.start == b.evidence.start
    if la is None or lb is None:
        return False
    if la.name == lb.name:
        return True
    shared = {q.value for q in a.quantities} & {q.value for q in b.quantities}
    return bool(shared) and (_broader(la, lb) or _broader(lb, la))


def _actor_names_agree(a: Event, b: Event) -> bool:
    n1 = a.actor1.name if a.actor1 else None
    n2 = b.actor1.name if b.actor1 else None
    return n1 is None or n2 is None or n1 == n2


def _broader(a: Location | None, b: Location | None) -> bool:
    """True when ``a`` is the region that contains ``b`` (a town or a place near one)."""
    if a is None or b is None or a.precision != 3 or b.precision not in {1, 2}:
        return False
    return a.name is not None and a.name == b.admin1
