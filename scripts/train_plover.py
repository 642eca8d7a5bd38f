"""Train the PLOVER sentence classifier on the tuning part of the PLOVER gold standard.

Reads ``../shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt`` (or the path given), keeps only the
records ``evaluate.split_of`` puts in "tune", and writes feature weights to
``src/eventwire/data/plover_model.json``. The model file holds lemma features seen in at least
two training sentences (names and numbers are never features) and their weights: no sentence
of the dev data. Deterministic: full-batch gradient descent from zero weights.

    .venv/bin/python scripts/train_plover.py [path/to/PLOVER_GSR_CAMEO.txt]
    .venv/bin/python scripts/train_plover.py --folds 5   # cross-validated figure on tune

With ``--folds`` nothing is written: each fold's model is trained on the other folds and the
whole pipeline (lexicon rules plus the learned fallback) is scored on the fold, which is the
honest tune figure for the learned part (its in-sample score on tune is not).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from eventwire import nlp
from eventwire.evaluate import PLOVER_RENAMES, plover_rows
from eventwire.pipeline import Pipeline
from eventwire.records import Article, stable_id
from eventwire.triggers import MODEL_FILE, PloverModel, sentence_features

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
OUT = ROOT / "src" / "eventwire" / "data" / MODEL_FILE
MIN_COUNT = 2
L2 = 0.3
STEP = 0.5
ITERATIONS = 300


def fit(feats: list[set[str]], labels: list[str]) -> dict[str, Any]:
    """Return the model (as stored) fitted to sentence feature sets and their categories."""
    counts = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    classes = sorted(set(labels))
    x = np.zeros((len(feats), len(vocab)))
    for r, fs in enumerate(feats):
        for f in fs:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.eye(len(classes))[[classes.index(label) for label in labels]]
    w = np.zeros((len(classes), len(vocab)))
    b = np.zeros(len(classes))
    n = len(feats)
    for _ in range(ITERATIONS):
        z = x @ w.T + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - y
        w -= STEP * (g.T @ x / n + L2 / n * w)
        b -= STEP * g.mean(axis=0)
    return {
        "trained_on": "PLOVER gold standard (CAMEO manual examples), tune split only",
        "rows": n,
        "classes": classes,
        "bias": [round(float(v), 4) for v in b],
        "weights": {f: [round(float(v), 4) for v in w[:, k]] for f, k in index.items()},
    }


def as_model(data: dict[str, Any]) -> PloverModel:
    weights = {f: tuple(w) for f, w in data["weights"].items()}
    return PloverModel(tuple(data["classes"]), tuple(data["bias"]), weights)


def cross_validate(rows: list[dict[str, Any]], feats: list[set[str]], folds: int) -> None:
    """Print rules-plus-fallback accuracy with each fold scored by a model not trained on it."""
    labels = [PLOVER_RENAMES.get(r["event"], r["event"]) for r in rows]
    pipe = Pipeline()
    right = {"with model": 0, "rules only": 0}
    for k in range(folds):
        test = [i for i in range(len(rows)) if i % folds == k]
        train = [i for i in range(len(rows)) if i % folds != k]
        model = as_model(fit([feats[i] for i in train], [labels[i] for i in train]))
        for name, use in (("with model", model), ("rules only", None)):
            pipe.coder.model = use
            articles = [Article(id=stable_id(rows[i]["id"]), text=rows[i]["text"]) for i in test]
            for i, record in zip(test, pipe.process(articles), strict=True):
                right[name] += labels[i] in {e.type for e in record.events if not e.negated}
    for name, n in right.items():
        print(f"{folds}-fold on tune ({len(rows)} rows), {name}: {n / len(rows):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate; write nothing")
    args = parser.parse_args()
    rows = plover_rows(args.path, "tune")
    feats = [sentence_features(doc) for doc in nlp.load().pipe(r["text"] for r in rows)]
    if args.folds:
        cross_validate(rows, feats, args.folds)
        return
    labels = [PLOVER_RENAMES.get(r["event"], r["event"]) for r in rows]
    model = fit(feats, labels)
    OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} sentences, {len(model['weights'])} features")


if __name__ == "__main__":
    main()
