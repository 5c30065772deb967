"""Reporters: findings → text for a person or a machine. They know nothing of spaCy or Markdown.

Each reporter is a function ``render(report, book, options) -> str``; the mapping below is the
whole registry.
"""

from __future__ import annotations

from collections.abc import Callable

from prdlint.engine import Report
from prdlint.report import github, gitlab, json_format, junit, sarif, text
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook

Renderer = Callable[[Report, RuleBook, RenderOptions], str]

REPORTERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
}

__all__ = ["REPORTERS", "RenderOptions", "Renderer"]
