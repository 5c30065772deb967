"""Options shared by reporters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    exit_code: int = 0
    baseline: dict[str, Any] | None = None  # check --baseline: file, known count, stale entries
