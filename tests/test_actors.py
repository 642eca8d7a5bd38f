"""actors: names, titles and descriptions to canonical name, country and sector."""

import pytest

from eventwire import nlp
from eventwire.actors import default_resolver
from eventwire.records import Place


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("the Kremlin's soldiers", "Military Forces of Russia", "RUS", "MIL"),
        ("Russian forces", "Military Forces of Russia", "RUS", "MIL"),
        ("the Ukrainian army", "Military Forces of Ukraine", "UKR", "MIL"),
        ("the Kiev General Staff", "General Staff of the Armed Forces of Ukraine", "UKR", "MIL"),
        ("regional governor Oleg Sinegubov", "Oleh Syniehubov", "UKR", "GOV"),
        ("Syniehubov", "Oleh Syniehubov", "UKR", "GOV"),
        ("Mykhailo Podoliak", "Mykhailo Podolyak", "UKR", "GOV"),
        ("President Zelenskyy", "Volodymyr Zelensky", "UKR", "GOV"),
        ("the Kremlin", "Government of Russia", "RUS", "GOV"),
        ("Moscow", "Government of Russia", "RUS", "GOV"),
        ("the IAEA", "International Atomic Energy Agency", None, "IGO"),
        ("Belarusian troops", "Military Forces of Belarus", "BLR", "MIL"),
        ("Ukrainian civilians", "Civilians (Ukraine)", "UKR", "CVL"),
    ],
)
def test_resolve_names_titles_and_descriptions(
    text: str, name: str, country: str | None, sector: str
) -> None:
    actor = default_resolver().resolve(text, on="2022-09-12")
    assert (actor.name, actor.country, actor.sector) == (name, country, sector)
    assert actor.text == text


def test_leader_descriptions_follow_the_date() -> None:
    r = default_resolver()
    assert r.resolve("the Ukrainian leader", on="2022-09-12").name == "Volodymyr Zelensky"
    assert r.resolve("the American president", on="2022-09-12").name == "Joe Biden"
    assert r.resolve("the American president", on="2025-06-01").name == "Donald Trump"


def test_capital_is_the_army_when_fighting() -> None:
    actor = default_resolver().resolve("Kiev", military=True)
    assert (actor.name, actor.sector) == ("Military Forces of Ukraine", "MIL")


def test_unknown_actor_keeps_text_and_best_country() -> None:
    actor = default_resolver().resolve("a Russian blogger named Ivanchuk-Petrenko")
    assert actor.name is None
    assert actor.country == "RUS"
    assert default_resolver().resolve("John Smith").country is None


def test_entities_skip_places_and_expand_surnames() -> None:
    text = "Oleksandr Marchenko, a local official, said. Marchenko added that Hoptivka was quiet."
    doc = nlp.parse(text)
    start = text.index("Hoptivka")
    place = Place(text="Hoptivka", start=start, end=start + 8)
    ents = default_resolver().entities(doc, [place])
    assert all(e.text != "Hoptivka" for e in ents)
    surname = [e for e in ents if e.text == "Marchenko"]
    assert surname
    assert surname[0].name == "Oleksandr Marchenko"
    for e in ents:
        assert text[e.start : e.end] == e.text
