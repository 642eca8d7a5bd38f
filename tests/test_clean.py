"""Tests for eventwire.clean: teasers, captions, media strips, boilerplate and labels go."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import clean_extracted_text, clean_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "kharkiv-counteroffensive-2022-09-12.txt"

BODY_1 = (
    "Artillery struck the grain terminal in Ostrivka overnight, the regional governor said, "
    "and fires burned until morning. Two warehouses were destroyed and a night guard was "
    "wounded, according to the emergency service, which sent four crews to the site."
)
BODY_2 = (
    "By noon the crews had put out the last fires. The port authority said loading would "
    "resume within a week if the cranes were undamaged, while farmers in the district waited "
    "to learn whether their autumn harvest could still be shipped from the terminal."
)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize(
    "teaser",
    [
        "Mayor of Ostrivka, the long night in the shelters: 'We count the hours' - guard",
        "Mayor of Ostrivka describes the long night in the shelters '- guard",
        "Ceasefire talks stall again as both sides trade accusations - Daily Courier",
        "Ceasefire talks stall again as both sides trade accusations | Reuters",
        "Ceasefire talks stall again as both sides trade accusations – guard",
    ],
)
def test_clean_text_drops_teaser_lines_between_paragraphs(teaser: str) -> None:
    cleaned = clean_text(f"{BODY_1}\n\n{teaser}\n\n{BODY_2}")
    assert paragraphs(cleaned) == [BODY_1, BODY_2]


def test_clean_text_drops_quoted_headline_of_another_article() -> None:
    teaser = "Olena Marchenko, the nurse who stayed: 'I could not leave them alone'"
    cleaned = clean_text(f"Title of the report\n\n{BODY_1}\n\n{teaser}\n\n{BODY_2}")
    assert teaser not in cleaned
    assert BODY_2 in cleaned


def test_clean_text_keeps_headline_but_drops_its_site_suffix() -> None:
    cleaned = clean_text(f"Grain terminal burns after night shelling - Daily Courier\n\n{BODY_1}")
    assert paragraphs(cleaned)[0] == "Grain terminal burns after night shelling"


@pytest.mark.parametrize(
    "caption",
    [
        "ostrivka-terminal-1920 The grain terminal after the strike Photo Video",
        "  kyiv_night_800x600 Smoke over the river",
        "terminal.jpg The burnt warehouses",
        "Photo: Reuters",
        "Photograph: Jane Roe/AFP",
        "(Photo by Jane Roe/AFP via Getty Images)",
        "Jane Roe/Reuters",
        "Getty Images",
    ],
)
def test_clean_text_drops_caption_and_credit_lines(caption: str) -> None:
    cleaned = clean_text(f"{BODY_1}\n\n{caption}\n\n{BODY_2}")
    assert paragraphs(cleaned) == [BODY_1, BODY_2]


@pytest.mark.parametrize(
    "strip", [" - Photo | video | video 1", " Photo Video", " - Video", " (Gallery)"]
)
def test_clean_text_drops_media_strip_at_paragraph_end(strip: str) -> None:
    cleaned = clean_text(f"{BODY_1}{strip}\n\n{BODY_2}")
    assert paragraphs(cleaned) == [BODY_1, BODY_2]


def test_clean_text_keeps_sentence_ending_in_media_word() -> None:
    text = f"{BODY_1}\n\nThe governor later posted a short video"
    assert paragraphs(clean_text(text))[1] == "The governor later posted a short video"


def test_clean_text_drops_inline_photo_credit() -> None:
    text = "Firefighters worked through the night (Photo by Jane Roe/AFP) to save the silos."
    assert clean_text(text) == "Firefighters worked through the night to save the silos."


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share on Facebook",
        "Follow us on Telegram for live updates",
        "Subscribe to our newsletter",
        "We use cookies to improve your experience.",
        "Read more: Ostrivka terminal hit again",
        "Advertisement",
        "© 2023 Daily Courier. All rights reserved.",
    ],
)
def test_clean_text_drops_boilerplate_lines(line: str) -> None:
    cleaned = clean_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert paragraphs(cleaned) == [BODY_1, BODY_2]


def test_clean_text_keeps_prose_that_starts_like_boilerplate() -> None:
    text = "Recommended by the council, the curfew now starts at ten in the evening."
    assert clean_text(text) == text


@pytest.mark.parametrize("label", ["FRONT LINE", "BLACKOUT", "NO TO TALKS", "GRAIN DEAL"])
def test_clean_text_drops_section_labels(label: str) -> None:
    text = f"Title of the report\n\n{BODY_1}\n\n{BODY_2}\n\n{label} - {BODY_1}"
    assert paragraphs(clean_text(text))[-1] == BODY_1


def test_clean_text_keeps_dateline_at_the_top() -> None:
    text = f"Terminal burns\n\nODESA — {BODY_1}\n\n{BODY_2}\n\nFRONT LINE - {BODY_2}"
    cleaned = paragraphs(clean_text(text))
    assert cleaned[1] == f"ODESA — {BODY_1}"
    assert cleaned[3] == BODY_2


def test_clean_text_keeps_acronym_and_weapon_names() -> None:
    text = f"{BODY_1}\n\nS-300 batteries moved to the coast\n\nNATO - {BODY_2}"
    cleaned = clean_text(text)
    assert "S-300 batteries moved to the coast" in cleaned


def test_clean_text_normalises_whitespace_and_keeps_paragraph_breaks() -> None:
    text = "  First   paragraph\twith  spaces.  \n\n\n\nSecond\u00a0paragraph.\n"
    assert clean_text(text) == "First paragraph with spaces.\n\nSecond paragraph."


def test_clean_text_joins_hard_wrapped_lines() -> None:
    wrapped = (
        "Rescue teams searched the rubble of the five-storey building through the\n"
        "night, the emergency service said, and pulled three people out alive from\n"
        "the basement where they had sheltered during the raid on the city."
    )
    assert clean_text(f"Building collapses\n{wrapped}") == (
        "Building collapses\n\n" + wrapped.replace("\n", " ")
    )


def test_clean_text_treats_unwrapped_lines_as_paragraphs() -> None:
    assert paragraphs(clean_text(f"{BODY_1}\n{BODY_2}")) == [BODY_1, BODY_2]


def test_clean_extracted_text_reads_one_paragraph_per_line() -> None:
    text = f"{BODY_1}\nShare this article\n{BODY_2}\nPhoto: Reuters"
    assert paragraphs(clean_extracted_text(text)) == [BODY_1, BODY_2]


def test_clean_text_of_empty_text_is_empty() -> None:
    assert clean_text(" \n\n \t") == ""


@pytest.mark.shared
@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared example article is absent")
def test_clean_text_on_example_removes_furniture_and_keeps_sentences() -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    cleaned = clean_text(original)
    assert "- guard" not in cleaned
    assert "zelensky-1920" not in cleaned
    assert "Photo | video" not in cleaned
    assert "Photo Video" not in cleaned
    for label in ("WAR FRONT -", "BLACKOUT -", "NO TO NEGOTIATIONS -"):
        assert label not in cleaned
    # Every line that is neither a teaser nor a caption keeps its sentences.
    for sentence in (
        "Kiev is still advancing.",
        "Yesterday evening the air alarm sounded throughout Ukraine",
        "The Ukrainian army has reached Hoptivka, a border crossing with Russia.",
        "According to reports from the Kiev General Staff",
        "Volodymyr Zelensky: 'For now I don't intend to negotiate.'",
        "it's too early to talk.'",
    ):
        assert sentence in cleaned
    teasers = [line for line in original.splitlines() if line.rstrip().endswith("guard")]
    assert teasers
    assert all(t.strip() not in cleaned for t in teasers)
    assert len(cleaned) > 0.8 * len(original)
