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
# Frequent function words of other languages that are not English words too.
_FOREIGN = frozenset(
    " ".join(
        [
            "der das und ist nicht mit für ein eine ich sie wir auf dem den des sich auch oder",
            "wenn le la les et est une pour avec pas dans nous vous sur qui sont el los las y",
            "es una por para con del lo pero como más het een en van niet ook voor zijn il di",
            "che non per della sono gli não uma com os ao",
        ]
    ).split()
)
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str, min_words: int = 40) -> bool:
    """True unless the text is long enough to tell and has almost no common English words."""
    words = _WORD.findall(text.lower())
    if len(words) < min_words:
        return True
    common = sum(1 for w in words if w in _COMMON)
    if common / len(words) >= 0.08:
        return True
    # Code- or list-heavy English (identifiers, navigation labels) has few function words of
    # any language; a foreign text has its own.
    foreign = sum(1 for w in words if w in _FOREIGN)
    return common >= 20 and common >= 4 * foreign
