"""intervals: bisection over an article's ranges answers as a scan of all of them."""

import random

import pytest

from eventwire.intervals import Intervals, ParagraphCounter


def _ranges(rng: random.Random, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        start = rng.randrange(200)
        # Mostly short ranges, some long ones, some empty and a few reversed ones.
        length = rng.choice([0, 1, 2, 3, 5, 8, 40, 150, -2])
        out.append((start, start + length))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_intervals_answer_as_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    ranges = _ranges(rng, rng.randrange(0, 60))
    idx = Intervals(ranges)
    assert len(idx) == len(ranges)
    for at in range(-5, 260):
        covering = [i for i, (s, e) in enumerate(ranges) if s <= at < e]
        assert idx.covering(at) == covering
        assert idx.covers(at) == bool(covering)
    for _ in range(200):
        a = rng.randrange(-5, 260)
        b = a + rng.randrange(0, 60)
        assert idx.overlapping(a, b) == [i for i, (s, e) in enumerate(ranges) if s < b and e > a]
        assert idx.within(a, b) == [i for i, (s, e) in enumerate(ranges) if a <= s and e <= b]


def test_a_long_range_is_found_far_from_its_start() -> None:
    idx = Intervals([(0, 1000), (10, 12), (500, 501)])
    assert idx.covering(900) == [0]
    assert idx.covering(500) == [0, 2]
    assert not Intervals([(10, 12)]).covers(12)


@pytest.mark.parametrize(
    "text",
    [
        "One.\n\nTwo.\n\n\nThree.\n\n\n\nFour.",
        "\n\n\n\n\n",
        "no breaks at all",
        "",
        "a\n\nb\n \nc\n\n",
    ],
)
def test_paragraph_counter_counts_as_str_count(text: str) -> None:
    para = ParagraphCounter(text)
    for at in range(len(text) + 3):
        assert para(at) == text.count("\n\n", 0, at)
