"""Parsing helpers for command-line option values."""

from __future__ import annotations

import re

import click


def codes(value: str | None, option: str) -> tuple[str, ...] | None:
    """``"PRD101,prd3"`` → ``("PRD101", "PRD3")``; a bad code is a usage error."""
    if value is None:
        return None
    items = tuple(item.strip().upper() for item in value.split(",") if item.strip())
    for item in items:
        if not re.fullmatch(r"PRD\d{0,3}", item):
            raise click.BadParameter(
                f"{item!r} is not a rule code or prefix (e.g. PRD1, PRD101)", param_hint=option
            )
    return items
