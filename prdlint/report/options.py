"""Options shared by reporters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    exit_code: int = 0
