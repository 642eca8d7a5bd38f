"""nlp: the fast attribute ruler and lemmatizer annotate exactly as the model's own components."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from eventwire import nlp
from eventwire.pipeline import Pipeline
from eventwire.records import Article

# Invented text that reaches the model's multi-token and label-dependent patterns
# ("gon na", "let 's", "There is", pronouns as subject and object), space tokens, a blank line.
TEXTS = (
    "Officials said they are gon na rebuild the bridge. Let's see what happens.\n\n"
    "There is no water in the town, and there were no trains either.",
    "I told him it was over; you saw it too, didn't you?  He gave it to me.\n"
    "Ya'll ain't seen nothing, c'mon, said a resident who had fled.",
    "The mayor, whose office was shelled, has asked for help that never came.\n"
    "Troops have got ta hold the line, but commanders doubt that they can.",
    "",
    "\n\n  \n",
)
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, NORM]


def _stock() -> spacy.language.Language:
    model = spacy.load(nlp.model_name())
    model.add_pipe("eventwire_paragraphs", before="parser")
    return model


def test_fast_components_replace_the_stock_ones() -> None:
    loaded = nlp.load()
    assert "eventwire_attributes" in loaded.pipe_names
    assert "eventwire_lemmas" in loaded.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(loaded.disabled)


def test_fast_components_give_the_stock_annotations() -> None:
    stock = _stock()
    fast = nlp.load()
    for want, got in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert (want.to_array(ATTRS) == got.to_array(ATTRS)).all()
        assert [t.lemma_ for t in want] == [t.lemma_ for t in got]
        assert [str(t.morph) for t in want] == [str(t.morph) for t in got]
        assert [s.text for s in want.sents] == [s.text for s in got.sents]


def test_multi_token_patterns_apply() -> None:
    doc = nlp.parse("They are gon na rebuild it. Let's see. There is no water.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"], lemmas["'s"]) == ("go", "to", "us")
    assert next(t for t in doc if t.lower_ == "is").pos_ == "VERB"  # after "There"


def test_a_line_break_starts_a_sentence() -> None:
    doc = nlp.parse("Shelling hit the port\nResidents fled the town on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Shelling hit the port",
        "Residents fled the town on Monday.",
    ]


def test_batches_are_bounded_by_articles_and_characters() -> None:
    from eventwire.pipeline import _batches

    arts = [Article(id=str(i), text="x" * n) for i, n in enumerate([10, 10, 10, 50, 5, 5, 5])]
    sizes = [[len(a.text) for a in b] for b in _batches(arts, 3, 40)]
    assert sizes == [[10, 10, 10], [50], [5, 5, 5]]  # a long one goes alone


def test_long_texts_are_cut_at_breaks_and_join_back() -> None:
    from eventwire.pipeline import _pieces

    text = "\n\n".join(f"Paragraph {i} tells of shelling near the river." for i in range(40))
    pieces = _pieces(text, 300)
    assert "".join(pieces) == text
    assert all(len(p) <= 300 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert _pieces("word " * 10, 1000) == ["word " * 10]


def test_a_text_parsed_in_pieces_keeps_its_offsets(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwire.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "PIECE_CHARS", 120)
    text = "\n\n".join(
        [
            "Russian forces shelled Izium on Monday, killing three civilians.",
            "Ukrainian troops recaptured Balakliia after heavy fighting.",
            "Officials said two people were wounded in Kupiansk.",
        ]
    )
    record = next(pipeline.process([Article(id="a", text=text, published="2022-09-12")]))
    assert record.article.text == text
    assert record.events
    for ev in record.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
    for place in record.places:
        assert text[place.start : place.end] == place.text
