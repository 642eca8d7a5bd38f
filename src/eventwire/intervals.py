"""Char or token ranges of one article, found by bisection instead of by reading them all.

A long article has thousands of events, claims, places and dates, and each one asks which of
the others contain or overlap it. ``Intervals`` sorts the ranges once by start and keeps the
longest one's length: a range that ends after a position starts at most that length before
it, so only the ranges starting in that window are read. Answers are the same as a scan of
all ranges, in the ranges' own order (their indices, ascending), so "the first one that ..."
stays the first one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

__all__ = ["Intervals", "ParagraphCounter"]


class Intervals:
    """Half-open ranges ``start:end``, asked by position or by range."""

    __slots__ = ("_ends", "_longest", "_order", "_reversed", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = list(ranges)
        self._order = sorted(range(len(pairs)), key=lambda i: pairs[i][0])
        self._starts = [pairs[i][0] for i in self._order]
        self._ends = [pairs[i][1] for i in self._order]
        self._longest = max(0, max((e - s for s, e in pairs), default=0))
        self._reversed = any(e < s for s, e in pairs)

    def __len__(self) -> int:
        return len(self._starts)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Return the indices of the ranges ``s:e`` with ``s < end`` and ``e > start``."""
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        ends, order = self._ends, self._order
        return sorted(order[k] for k in range(lo, hi) if ends[k] > start)

    def covering(self, at: int) -> list[int]:
        """Return the indices of the ranges ``s:e`` with ``s <= at < e``."""
        return self.overlapping(at, at + 1)

    def covers(self, at: int) -> bool:
        """Return True when some range ``s:e`` has ``s <= at < e``."""
        lo = bisect_right(self._starts, at - self._longest)
        hi = bisect_right(self._starts, at)
        ends = self._ends
        return any(ends[k] > at for k in range(lo, hi))

    def within(self, start: int, end: int) -> list[int]:
        """Return the indices of the ranges ``s:e`` with ``start <= s`` and ``e <= end``."""
        lo = bisect_left(self._starts, start)
        # A range ends after it starts, so it starts by ``end`` (unless some range is reversed).
        hi = len(self._starts) if self._reversed else bisect_right(self._starts, end)
        ends, order = self._ends, self._order
        return sorted(order[k] for k in range(lo, hi) if ends[k] <= end)


class ParagraphCounter:
    """``text.count("\\n\\n", 0, at)`` for many positions: the breaks are found once.

    ``str.count`` counts non-overlapping matches from the left, and the matches it finds in
    ``text[:at]`` are those it finds in the whole text that end by ``at``.
    """

    __slots__ = ("_ends",)

    def __init__(self, text: str, sep: str = "\n\n") -> None:
        self._ends: list[int] = []
        i = text.find(sep)
        while i >= 0:
            self._ends.append(i + len(sep))
            i = text.find(sep, i + len(sep))

    def __call__(self, at: int) -> int:
        """Return the number of breaks that end at or before ``at`` (the paragraph index)."""
        return bisect_right(self._ends, at)
