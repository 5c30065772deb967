"""Which rules run for a file: select / extend-select / ignore by code or prefix, ruff-style."""

from __future__ import annotations

from pathlib import Path

from prdlint.config import Config
from prdlint.rulebook import Rule, RuleBook


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def is_enabled(rule: Rule, config: Config, extra_ignore: tuple[str, ...] = ()) -> bool:
    """A rule runs when its most specific selecting prefix beats its most specific ignore.

    Preview rules run only with ``preview`` on, or when selected by their exact code.
    """
    selects = config.select + config.extend_select
    chosen = _longest(rule.code, selects)
    if chosen < 0:
        return False
    if rule.preview and not config.preview and chosen < len(rule.code):
        return False
    return chosen > _longest(rule.code, config.ignore + extra_ignore)


def enabled_rules(book: RuleBook, config: Config, path: Path | None = None) -> list[Rule]:
    """The rules that run for ``path`` under ``config`` (per-file-ignores included)."""
    extra = config.ignored_for(path) if path is not None else ()
    return [rule for rule in book if is_enabled(rule, config, extra)]
