"""eventwire: war and crisis reporting in, sourced and geocoded events out."""

from eventwire.records import SCHEMA, Article, Event, Place, Quote, Record

__version__ = "0.1.0"

__all__ = ["SCHEMA", "Article", "Event", "Place", "Quote", "Record", "__version__"]
