"""Sentence boundaries in a block's plain text, without spaCy (it is too slow for this)."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "approx",
        "fig",
        "no",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "inc",
        "ltd",
        "co",
        "st",
        "jr",
        "sr",
        "al",
        "eg",
        "ie",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9*_])|\n{2,}|\n(?=\s*[-*+•] )")


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.+$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` pairs of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        word = _LAST_WORD.search(text, start, match.start() + 1)
        if word and word.group(1).rstrip(".").lower() in _ABBREVIATIONS:
            continue
        if word and len(word.group(1).rstrip(".")) == 1 and word.group(1).isupper():
            continue  # an initial: "J. Smith"
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
