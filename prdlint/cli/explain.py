"""``prdlint explain CODE``: why a rule exists, with a bad and a good example."""

from __future__ import annotations

import click

from prdlint.errors import UsageError
from prdlint.rulebook import Rule, builtin_rules


def explanation(rule: Rule) -> str:
    """The rule's documentation as plain text, in ruff's sections."""
    docs = rule.docs
    state = "preview" if rule.preview else "stable"
    parts = [
        f"{rule.code} {rule.name} ({rule.family}, {state}, {rule.severity})",
        "",
        rule.summary,
        "",
        "What it does",
        _indent(docs.what),
        "Why is this bad?",
        _indent(docs.why),
        "Example",
        _indent(docs.example),
        "Use instead",
        _indent(docs.use_instead),
        "How to fix",
        _indent(rule.fix),
    ]
    if docs.options:
        parts += ["Options", _indent(docs.options)]
    if docs.references:
        parts += ["References", _indent(docs.references)]
    return "\n".join(parts).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines()) + "\n"


@click.command(name="explain")
@click.argument("code")
def command(code: str) -> int:
    """Explain rule CODE (e.g. PRD101 or generic-persona)."""
    rule = builtin_rules().get(code)
    if rule is None:
        raise UsageError(f"unknown rule {code!r}; 'prdlint rules' lists them")
    click.echo(explanation(rule), nl=False)
    return 0
