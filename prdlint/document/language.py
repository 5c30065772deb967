"""A cheap guess whether a document is written in English (the rules only read English)."""

from __future__ import annotations

import re

_COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "be",
        "as",
        "that",
        "this",
        "it",
        "by",
        "from",
        "at",
        "we",
        "you",
        "they",
        "will",
        "can",
        "should",
        "must",
        "not",
        "have",
        "has",
        "i",
        "our",
        "their",
        "users",
        "user",
        "when",
        "if",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str, min_words: int = 40) -> bool:
    """True unless the text is long enough to tell and has almost no common English words."""
    words = _WORD.findall(text.lower())
    if len(words) < min_words:
        return True
    common = sum(1 for w in words if w in _COMMON)
    return common / len(words) >= 0.08
