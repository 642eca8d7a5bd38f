"""eventwire: war and crisis reporting in, sourced and geocoded events out (``eventwire/1``)."""

from eventwire.records import (
    SCHEMA,
    Actor,
    Article,
    Entity,
    Event,
    Evidence,
    Location,
    Place,
    Quote,
    Record,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "Article",
    "Entity",
    "Event",
    "Evidence",
    "Location",
    "Pipeline",
    "Place",
    "Quote",
    "Record",
    "__version__",
    "extract",
]


def __getattr__(name: str) -> object:
    # The pipeline imports spaCy (about a second): load it only when asked for.
    if name in {"Pipeline", "extract"}:
        from eventwire import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
