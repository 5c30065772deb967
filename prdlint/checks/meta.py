"""Meta rules (9xx) are raised by the engine itself (unreadable files, unused suppressions)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prdlint.analysis import Analysis
from prdlint.findings import Finding
from prdlint.rulebook import Rule

FIELDS: dict[str, Any] = {}


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    """Meta rules report through the engine, not per document."""
    return iter(())
