"""quantities: numbers with their unit, and fatalities/injured as ACLED counts them."""

import pytest

from eventwire import nlp
from eventwire.quantities import count_near, find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40", 40),
        ("10,000", 10000),
        ("forty", 40),
        ("two hundred", 200),
        ("10 thousand", 10000),
        ("3.5", 3.5),
        ("twenty-five", 25),
        ("tanks", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Two people, including a child, were injured.", None, 2),
        ("At least one Ukrainian serviceman died during the clashes.", 1, None),
        ("Russian forces shelled the village, killing three civilians and wounding 5.", 3, 5),
        ("Two pilots died, and at least two soldiers coming to rescue them were killed.", 4, None),
        ("Casualties unknown.", None, None),
        ("A civilian was killed in the strike.", 1, None),
        ("The number of liberated settlements rises to 40.", None, None),
    ],
)
def test_count_near(text: str, killed: int | None, injured: int | None) -> None:
    assert count_near(text, "killed") == killed
    assert count_near(text, "injured") == injured


def test_find_quantities_attaches_the_counted_noun() -> None:
    doc = nlp.parse(
        "Moscow has another 10,000 Chechen soldiers ready. The unit destroyed 70 Russian tanks "
        "in 2022. Reactor number six was shut down."
    )
    found = [[(q.value, q.unit) for q in find_quantities(s)] for s in doc.sents]
    assert found == [[(10000, "soldiers")], [(70, "tanks")], []]
