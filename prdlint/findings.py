"""What a rule reports: a Finding with an exact source span."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class Severity(IntEnum):
    """Ordered severities; ``fail-on`` gates the exit code at one of them."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            allowed = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {value!r} (allowed: {allowed})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Finding(NamedTuple):
    """One problem in one file. Lines and columns are 1-based; the end is exclusive.

    The fingerprint contract (:mod:`prdlint.fingerprint`; baselines, SARIF, GitLab): every rule
    fills ``fingerprint_text`` with the flagged text itself (e.g. the story's role), never
    with anything that moves when unrelated lines change (no line numbers, counts or offsets),
    and ``section`` with the heading path of the section holding the span, titles joined by
    ``" > "`` ("" before the first heading and for document-level findings). Two findings of
    one rule with the same text in the same section of a file share a fingerprint; a baseline
    counts them.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: str = ""
    fingerprint_text: str = ""
    section: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
