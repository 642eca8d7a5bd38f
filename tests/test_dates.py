"""dates: time phrases resolved against the publication date, with ACLED precision."""

from datetime import date

import pytest

from eventwire.dates import find_dates, resolve

BASE = "2022-09-12"  # a Monday


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("Yesterday evening the alarm sounded", "2022-09-11", 1),
        ("On Saturday Russian forces shelled the town", "2022-09-10", 1),
        ("On Monday the army advanced", "2022-09-12", 1),
        ("last Monday the army advanced", "2022-09-05", 1),
        ("the day before yesterday", "2022-09-10", 1),
        ("Russian artillery shelled Avdiivka on 15 April 2022", "2022-04-15", 1),
        ("on March 3 troops entered", "2022-03-03", 1),
        ("last week they attacked", "2022-09-09", 2),
        ("in early March 2022 the siege began", "2022-03-01", 3),
        ("this morning explosions were heard", "2022-09-12", 1),
    ],
)
def test_find_dates_resolves_phrase(text: str, iso: str, precision: int) -> None:
    refs = find_dates(text, BASE)
    assert refs, text
    assert (refs[0].date, refs[0].precision) == (iso, precision)
    assert text[refs[0].start : refs[0].end] == refs[0].text


def test_find_dates_keeps_offsets_with_an_offset() -> None:
    refs = find_dates("xx yesterday", BASE, offset=100)
    assert (refs[0].start, refs[0].end) == (103, 112)


@pytest.mark.parametrize(
    "text",
    [
        "We said so",
        "It has been reconquering territories for days",
        "40 settlements",
        "May they win",
    ],
)
def test_find_dates_ignores_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, BASE) == []


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    refs = find_dates("Yesterday evening the alarm sounded", None)
    assert refs[0].date is None
    assert refs[0].precision is None


def test_absolute_date_resolves_without_publication_date() -> None:
    assert resolve("15 April 2022", None) == ("2022-04-15", 1)


def test_weekday_is_the_most_recent_one() -> None:
    base = date(2022, 9, 14)  # Wednesday
    assert resolve("on Thursday", base) == ("2022-09-08", 1)
