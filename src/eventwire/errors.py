"""Coded messages for problems people can act on: what was wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass

# Codes are stable: tests and users grep for them. Add new ones at the end.
MESSAGES: dict[str, str] = {
    "E001": "file is empty",
    "E002": "file is binary, not text",
    "E003": "file is not valid UTF-8; decoded as {encoding}",
    "E004": "file is larger than the limit of {limit} bytes",
    "E005": "HTML page has no extractable main text",
    "E006": "JSON Lines record is not valid JSON: {detail}",
    "E007": "JSON Lines record lacks {field}",
    "E008": "feed is not well-formed RSS/Atom XML: {detail}",
    "E009": "input does not exist",
    "E010": "input kind not recognised (expected .txt, .html, .jsonl, .xml/.rss/.atom or a folder)",
    "E011": "text is empty after cleaning",
    "E012": "URL input refused: {detail}",
    "E013": "could not be read: {detail}",
    "E014": (
        "text is larger than the limit of {limit} bytes; read in parts of at most {part} bytes, "
        "split at paragraph breaks (each part is its own article)"
    ),
}


@dataclass(frozen=True, slots=True)
class InputError:
    """One rejected (or repaired) input: where (``path:line``), a code, and why."""

    origin: str
    code: str
    reason: str
    # A warning means the input was still processed (e.g. decoded as latin-1).
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning" if self.warning else "error"
        return f"{self.origin}: {kind} {self.code}: {self.reason}"


def input_error(origin: str, code: str, *, warning: bool = False, **fields: object) -> InputError:
    """Return an ``InputError`` whose reason is the coded message filled with ``fields``."""
    return InputError(origin, code, MESSAGES[code].format(**fields), warning)
