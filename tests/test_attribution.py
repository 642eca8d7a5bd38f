"""Tests for eventwire.attribution: who an event report comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.attribution import Claim, claim_for, find_claims
from eventwire.nlp import parse
from eventwire.records import Attribution, Entity

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "kharkiv-counteroffensive-2022-09-12.txt"
LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def _claims(text: str, names: dict[str, str] | None = None) -> list[Claim]:
    doc = parse(text)
    names = names or {}
    entities = [
        Entity(e.text, e.label_, e.start_char, e.end_char, name=names.get(e.text))
        for e in doc.ents
        if e.label_ in LABELS
    ]
    return find_claims(doc, entities)


def _only(text: str, names: dict[str, str] | None = None) -> tuple[Claim, str]:
    claims = _claims(text, names)
    assert len(claims) == 1, claims
    return claims[0], text[claims[0].start : claims[0].end]


def test_according_to_reports_from_names_who_reported() -> None:
    text = (
        "According to reports from the Kiev General Staff, the soldiers of the Kremlin "
        "also withdrew from Svatove."
    )
    claim, content = _only(text)
    assert claim.source.text == "the Kiev General Staff"
    assert claim.cue == "according to"
    assert "withdrew from Svatove" in content
    assert text[claim.source_start : claim.source_end] == "the Kiev General Staff"


def test_as_reported_by_covers_the_clause_it_modifies() -> None:
    text = (
        "The number of liberated settlements rises to 40, as reported by regional governor "
        "Oleg Synehubov."
    )
    claim, content = _only(text, {"Oleg Synehubov": "Oleh Syniehubov"})
    assert claim.source == Attribution("regional governor Oleg Synehubov", "Oleh Syniehubov")
    assert content.startswith("The number of liberated settlements rises to 40")
    assert "reported" not in content


@pytest.mark.parametrize(
    ("sentence", "source", "cue"),
    [
        (
            "The General Staff reported that 70 tanks were destroyed near Izium.",
            "The General Staff",
            "report",
        ),
        ("The ministry said 70 tanks were destroyed near Izium.", "The ministry", "say"),
        (
            "Russian officials claimed that 70 tanks were destroyed near Izium.",
            "Russian officials",
            "claim",
        ),
        ("The army announced that 70 tanks were destroyed near Izium.", "The army", "announce"),
        (
            "The governor confirmed that 70 tanks were destroyed near Izium.",
            "The governor",
            "confirm",
        ),
    ],
)
def test_speech_verbs_attach_their_complement_to_the_subject(
    sentence: str, source: str, cue: str
) -> None:
    claim, content = _only(sentence)
    assert claim.source.text == source
    assert claim.cue == cue
    assert content == "70 tanks were destroyed near Izium"


def test_writes_on_telegram_is_a_claim_of_the_writer() -> None:
    claim, content = _only(
        "Governor Vitaliy Kim writes on Telegram that the city was shelled overnight."
    )
    assert claim.source.text == "Governor Vitaliy Kim"
    assert content == "the city was shelled overnight"


def test_cited_by_names_the_outlet() -> None:
    claim, content = _only("Two bridges were destroyed, a military source was cited by Reuters.")
    assert claim.source.text == "Reuters"
    assert claim.cue == "cite"
    assert "Two bridges" in content


def test_told_an_outlet_is_a_claim_of_the_teller() -> None:
    claims = _claims("A Ukrainian commander told CNN his unit had reached the border.")
    assert [c.source.text for c in claims] == ["A Ukrainian commander"]
    assert claims[0].cue == "tell"


def test_claim_after_the_content_with_inverted_cue() -> None:
    claim, content = _only("Ten civilians were killed in the strike, the mayor said.")
    assert claim.source.text == "the mayor"
    assert content == "Ten civilians were killed in the strike"


def test_unattributed_passive_is_no_claim() -> None:
    assert _claims("It was reported that the bridge had been blown up.") == []


def test_pronoun_source_resolves_to_the_previous_person() -> None:
    text = "Oleg Synehubov visited Balakliia. He said that the power supply was restored."
    claims = _claims(text)
    assert [(c.source.text, c.source.name) for c in claims] == [("He", "Oleg Synehubov")]


def test_claim_for_returns_the_claim_covering_an_evidence_sentence() -> None:
    text = (
        "Kyiv is still advancing. According to the General Staff, the Russian troops withdrew "
        "from Kreminna. Elsewhere the front was quiet."
    )
    claims = _claims(text)
    start = text.index("According")
    end = text.index("Kreminna.") + len("Kreminna.")
    found = claim_for(claims, start, end)
    assert found is not None
    assert found.source.text == "the General Staff"
    assert claim_for(claims, 0, len("Kyiv is still advancing.")) is None
    assert claim_for(claims, text.index("Elsewhere"), len(text)) is None


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared example article is absent")
def test_example_article_claims_name_their_sources() -> None:
    text = EXAMPLE.read_text("utf-8")
    claims = _claims(text)
    sources = {c.source.text: c for c in claims}
    staff = sources["the Kiev General Staff"]
    assert "withdrew from Svatov" in text[staff.start : staff.end]
    assert "regional governor Oleg Sinegubov" in sources
    putin = next(c for c in claims if "Kiev uses" in text[c.start : c.end])
    assert putin.source.name == "Vladimir Putin"


def test_headline_name_and_colon_is_a_claim_of_that_person() -> None:
    text = "Oleksiy Reznikov: Ukraine will receive the first tanks in March\n"
    claims = _claims(text)
    assert [(c.source.text, c.cue) for c in claims] == [("Oleksiy Reznikov", ":")]
    assert text[claims[0].start : claims[0].end] == "Ukraine will receive the first tanks in March"


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content"),
    [
        (
            "Kadyrov wants a full mobilisation of the Russian reserves.",
            "Kadyrov",
            "want",
            "a full mobilisation of the Russian reserves",
        ),
        (
            "Zelensky hopes the counteroffensive will reach the border.",
            "Zelensky",
            "hope",
            "the counteroffensive will reach the border",
        ),
        (
            "The governor criticized the ministry over its slow evacuation of Izium.",
            "The governor",
            "criticize",
            "the ministry over its slow evacuation of Izium",
        ),
        (
            "The Russian military believes that the front will hold.",
            "The Russian military",
            "believe",
            "the front will hold",
        ),
    ],
)
def test_beliefs_wishes_and_criticism_are_claims_with_clause_or_noun_content(
    sentence: str, source: str, cue: str, content: str
) -> None:
    claim, text = _only(sentence)
    assert (claim.source.text, claim.cue, text) == (source, cue, content)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces shelled Kharkiv and captured two villages near Izium.",
        "Troops attacked the bridge at dawn and killed three soldiers.",
        "Ukraine's defence of Kharkiv held through the night.",
    ],
)
def test_event_verbs_and_nouns_are_not_attribution_cues(sentence: str) -> None:
    assert _claims(sentence) == []


def test_a_thing_cannot_hold_a_view() -> None:
    assert _claims("The shelling highlights the danger to the nuclear plant.") == []
    claim, _ = _only("Engineers highlight the danger to the nuclear plant.")
    assert claim.source.text == "Engineers"


def test_noun_cue_with_a_possessive_source() -> None:
    claims = _claims("Kyiv rejected Moscow's claim that the retreat was a regrouping.")
    by_cue = {c.cue: c for c in claims}
    assert by_cue["claim"].source.text == "Moscow"
    text = "Kyiv rejected Moscow's claim that the retreat was a regrouping."
    assert text[by_cue["claim"].start : by_cue["claim"].end] == "the retreat was a regrouping"


def test_in_someones_view_covers_the_clause() -> None:
    claim, content = _only("In Podolyak's view, the army has broken the Russian front.")
    assert claim.source.text == "Podolyak"
    assert content == "the army has broken the Russian front"


def test_title_case_headline_lead_is_a_source() -> None:
    claim, content = _only("Kremlin: the regrouping of troops near Izium is complete.")
    assert claim.source.text == "Kremlin"
    assert content.startswith("the regrouping")


def test_it_said_names_an_organisation_or_a_report() -> None:
    text = "The ministry published a long report on Monday. It said the bridge was destroyed."
    sources = {c.source.text for c in _claims(text)}
    assert "It" in sources


def test_a_participle_takes_the_noun_it_modifies_as_source() -> None:
    claim, content = _only("A group backing Rubio spent millions on advertising.")
    assert (claim.source.text, content) == ("A group", "Rubio")


def test_a_pronoun_view_inside_a_reported_clause_is_not_a_second_claim() -> None:
    claim, content = _only("Smith said he wants a ceasefire before the winter.")
    assert claim.source.text == "Smith"
    assert content == "he wants a ceasefire before the winter"


def test_a_speech_verb_with_an_infinitive_covers_the_infinitive() -> None:
    claim, content = _only("The candidate promised to stay out of the fight over the rules.")
    assert (claim.source.text, content) == (
        "The candidate",
        "to stay out of the fight over the rules",
    )


def test_light_verb_with_a_cue_noun_is_a_claim() -> None:
    claim, content = _only("The governor took aim at the defence ministry over the retreat.")
    assert claim.source.text == "The governor"
    assert content == "the defence ministry"


def test_a_received_noun_is_no_claim() -> None:
    # "faced criticism": the subject is the target of the criticism, not its source.
    assert _claims("The governor faced criticism over the retreat from the city.") == []


def test_stance_adjective_attributes_a_view() -> None:
    claim, content = _only("The mayor was critical of the army's retreat from the city.")
    assert claim.source.text == "The mayor"
    assert content == "the army's retreat from the city"


def test_a_single_poll_is_the_source_of_its_findings() -> None:
    claim, content = _only("In a new poll, the governor leads the race by ten points.")
    assert claim.source.text == "a new poll"
    assert content == "the governor leads the race by ten points"
    # "leads in the polls" is a standing, not a source.
    assert _claims("The governor still leads in the polls after the debate.") == []


def test_a_view_inside_reported_speech_is_the_speaker_s() -> None:
    # "the general wants ..." is what Kovalenko said, not a second source.
    claim, content = _only("Kovalenko said the general wants a new offensive in the south.")
    assert claim.source.text == "Kovalenko"
    assert content == "the general wants a new offensive in the south"


def test_speech_verb_with_an_object_covers_the_object() -> None:
    _, content = _only("The minister denounced the strike on the power plant.")
    assert content == "the strike on the power plant"
    # The one spoken to is no content: what was told is.
    _, content = _only("The minister told reporters the plant was safe.")
    assert content == "the plant was safe"


def test_an_infinitive_cue_takes_the_subject_of_its_carrier() -> None:
    claim, content = _only("The governor continued to criticize the army's retreat from the city.")
    assert claim.source.text == "The governor"
    assert content == "the army's retreat from the city"


@pytest.mark.parametrize(
    "sentence",
    [
        "The army pushes as far as the border.",
        "Armoured columns pressed deeper into the valley overnight.",
        "Marines pushed the enemy back to the river.",
        "The brigade pressed ahead with the assault on the ridge.",
    ],
)
def test_push_and_press_that_move_troops_are_no_claims(sentence: str) -> None:
    assert _claims(sentence) == []


def test_push_for_and_press_someone_to_are_claims() -> None:
    claim, content = _only("Farmers' unions pushed for lower fuel taxes.")
    assert (claim.source.text, claim.cue) == ("Farmers' unions", "push")
    assert content.endswith("lower fuel taxes")
    claim, _ = _only("The mayor pressed the governors to release the reconstruction funds.")
    assert (claim.source.text, claim.cue) == ("The mayor", "press")


def test_two_reports_parted_by_a_semicolon_keep_their_own_sources() -> None:
    text = "Most residents say the water is safe; 30 percent of farmers say the wells are dry."
    got = {(c.source.text, text[c.start : c.end]) for c in _claims(text)}
    assert got == {
        ("Most residents", "the water is safe"),
        ("30 percent of farmers", "the wells are dry"),
    }


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        ("About 6 in 10 say they want a new mayor.", "About 6 in 10", "they want a new mayor"),
        (
            "Farmers are far more inclined to say the governor is too cautious.",
            "Farmers",
            "the governor is too cautious",
        ),
        (
            "A growing number of deputies support reopening the port.",
            "A growing number of deputies",
            "reopening the port",
        ),
        (
            "Hospital data show that admissions doubled in March.",
            "Hospital data",
            "admissions doubled in March",
        ),
        (
            "The governor's office issued a short statement saying the bridge was safe.",
            "The governor's office",
            "the bridge was safe",
        ),
        (
            "By calling the ceasefire a trap, the general angered the envoys.",
            "the general",
            "the ceasefire a trap",
        ),
        (
            "To the mayor, the evacuation came too late.",
            "the mayor",
            "the evacuation came too late",
        ),
        (
            "Investigators determined that the fire was set deliberately.",
            "Investigators",
            "the fire was set deliberately",
        ),
    ],
)
def test_sources_the_parse_hides(sentence: str, source: str, content: str) -> None:
    # Shares without a subject, copulas, "a number of", evidence, statements someone put out,
    # cues after a preposition, "To X," and findings.
    claim, text = _only(sentence)
    assert (claim.source.text, text) == (source, content)


def test_a_second_said_joined_to_the_first_report_is_the_same_speaker_s() -> None:
    text = "The mayor said the colonel was not at the base and said the governor was not involved."
    got = [(c.source.text, text[c.start : c.end]) for c in _claims(text)]
    assert got == [
        ("The mayor", "the colonel was not at the base"),
        ("The mayor", "the governor was not involved"),
    ]


def test_according_to_is_the_source_of_what_it_passes_on() -> None:
    claim, content = _only(
        "The colonel said the bridge was intact, according to a regional broadcaster."
    )
    assert claim.source.text == "a regional broadcaster"
    assert content == "The colonel said the bridge was intact"


def test_speech_inside_a_report_is_the_reporter_s() -> None:
    claim, content = _only("Kovalenko said that Petrenko told him the bridge had fallen.")
    assert claim.source.text == "Kovalenko"
    assert content == "Petrenko told him the bridge had fallen"


def test_voting_for_or_against_is_a_claim_but_a_right_to_vote_is_not() -> None:
    claim, content = _only("The council voted against the curfew.")
    assert (claim.source.text, claim.cue, content) == ("The council", "vote", "against the curfew")
    assert _claims("Residents can vote for a new council in the spring.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Police identified the two victims of the shelling on Tuesday.",
        "Rescuers identified the bodies of three soldiers near the bridge.",
        "Residents viewed the damage from the roof of the school.",
        "The commander accepted the surrender of the garrison at dawn.",
        "The former mayor pleaded guilty in a court in Lviv.",
    ],
)
def test_judgement_verbs_alone_report_acts_not_claims(text: str) -> None:
    assert [c.cue for c in _claims(text)] == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Investigators determined that the blast was caused by a mine.", "determine"),
        ("The air force identified the drones as Iranian-made Shaheds.", "identify"),
        ("The ministry characterized the strike as a provocation.", "characterize"),
    ],
)
def test_judgement_verbs_with_a_clause_or_as_are_claims(text: str, cue: str) -> None:
    assert cue in [c.cue for c in _claims(text)]
