"""Tests for eventwire.polnear: brat reading and fair, one-to-one attribution matching."""

from __future__ import annotations

from pathlib import Path

from eventwire.nlp import parse
from eventwire.polnear import (
    Gold,
    Pred,
    compare,
    errors,
    gold_attributions,
    match,
    predictions,
    read_brat,
)


def _gold(content: tuple[int, int], source: tuple[int, int], name: str = "") -> Gold:
    return Gold(content, source, name, speech=True)


def test_read_brat_links_content_source_and_cue(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 5\tKyiv\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tthe front\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        "utf-8",
    )
    # A discontinuous content is read as its hull.
    assert read_brat(ann) == [((11, 30), (0, 5), (6, 10))]


def test_two_predictions_over_one_gold_count_one_true_positive() -> None:
    gold = [_gold((10, 50), (0, 5))]
    preds = [Pred((10, 20), (0, 5), ""), Pred((30, 50), (0, 5), "")]
    assert sum(p >= 0 for p in match(preds, gold)) == 1


def test_one_prediction_cannot_collect_several_gold_attributions() -> None:
    gold = [_gold((10, 20), (0, 5)), _gold((30, 40), (0, 5))]
    assert sum(p >= 0 for p in match([Pred((10, 40), (0, 5), "")], gold)) == 1


def test_matching_finds_the_largest_pairing() -> None:
    # Greedy pairing would give prediction 0 to gold 0 and leave gold 1 unmatched.
    gold = [_gold((10, 40), (0, 5)), _gold((10, 20), (0, 5))]
    preds = [Pred((12, 18), (0, 5), ""), Pred((30, 35), (0, 5), "")]
    assert match(preds, gold) == [1, 0]


def test_wrong_source_or_disjoint_content_is_no_match() -> None:
    gold = [_gold((10, 20), (0, 5), "Oleg Synehubov")]
    assert match([Pred((10, 20), (60, 65), "Mykhailo Podolyak")], gold) == [-1]
    assert match([Pred((30, 40), (0, 5), "")], gold) == [-1]
    # The same person named differently counts as the right source.
    assert match([Pred((10, 20), (60, 65), "Synehubov")], gold) == [0]


def test_relative_pronoun_source_stands_for_its_antecedent() -> None:
    text = "Oleg Synehubov, who said the shelling had stopped, left Kharkiv."
    doc = parse(text)
    who = text.index("who")
    content = text.index("the shelling")
    gold = gold_attributions(doc, [], [((content, content + 23), (who, who + 3), (-1, -1))])
    assert text[gold[0].alias[0] : gold[0].alias[1]] == "Oleg Synehubov"
    pred = Pred((content, content + 23), (0, 14), "")
    assert match([pred], gold) == [0]


def test_a_quote_broken_by_its_cue_is_one_prediction() -> None:
    text = "“The city is quiet tonight,” the mayor said. “But the sirens will sound again.”"
    preds = predictions(parse(text), [])
    assert len(preds) == 1
    assert len(preds[0].parts) == 1


def test_a_quote_carried_on_in_the_next_paragraph_is_one_prediction() -> None:
    text = (
        "“The city is quiet tonight,” the mayor said.\n\n"
        "“But the sirens will sound again and we will be ready.”"
    )
    preds = predictions(parse(text), [])
    assert len(preds) == 1
    assert len(preds[0].parts) == 1


def test_a_claim_added_after_a_quote_is_kept() -> None:
    text = "“We won the vote,” Smith said, adding that the party would unite behind the nominee."
    preds = predictions(parse(text), [])
    contents = [text[p.content[0] : p.content[1]] for p in preds]
    assert contents == ["We won the vote", "the party would unite behind the nominee"]


def test_span_only_matching_refuses_a_match_by_name() -> None:
    gold = [_gold((10, 20), (0, 5), "Oleg Synehubov")]
    pred = Pred((10, 20), (60, 65), "Synehubov")
    assert match([pred], gold) == [0]
    assert match([pred], gold, by_name=False) == [-1]


def test_a_quote_with_a_cue_of_its_own_is_a_second_prediction() -> None:
    # One speaker mention, two cues: two statements, not two pieces of one quote.
    text = 'Olena Moss said that the plan "is dead and buried" and added that the talks "are over".'
    preds = predictions(parse(text), [])
    contents = [text[p.content[0] : p.content[1]] for p in preds if not p.parts]
    assert contents == ["is dead and buried", "are over"]


def test_errors_lists_unpaired_predictions_and_gold() -> None:
    text = "Oleg Synehubov said the shelling had stopped."
    doc = parse(text)
    content = text.index("the shelling")
    gold = [((content, len(text) - 1), (0, 14), (15, 19)), ((0, 4), (30, 34), (-1, -1))]
    result = compare(doc, gold)
    assert result.paired[0] >= 0
    out = errors(text, result)
    assert out["wrong"] == []
    assert [m["content"] for m in out["missed"]] == ["Oleg"]


def test_a_quote_passed_on_by_a_poll_or_according_to_is_one_prediction() -> None:
    # PolNeAR marks the poll (or the one "according to" names) as the only source.
    text = (
        "In a new survey, 60 percent of residents said the curfew “should end before the winter”."
    )
    preds = predictions(parse(text), [])
    assert [text[p.source[0] : p.source[1]] for p in preds] == ["a new survey"]
    text = "“The bridge is intact,” the colonel said, according to a regional broadcaster."
    preds = predictions(parse(text), [])
    assert [text[p.source[0] : p.source[1]] for p in preds] == ["a regional broadcaster"]
