"""``prdlint rules``: every rule with its code, name, family, state, severity and summary."""

from __future__ import annotations

import json

import click

from prdlint.rulebook import builtin_rules


@click.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def command(output_format: str) -> int:
    """List every rule (code, name, family, stable/preview, severity, precision, summary)."""
    book = builtin_rules()
    if output_format == "json":
        payload = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "state": "preview" if r.preview else "stable",
                "severity": str(r.severity),
                "precision": r.precision,
                "summary": r.summary,
            }
            for r in book
        ]
        click.echo(json.dumps(payload, indent=2))
        return 0
    for r in book:
        state = "preview" if r.preview else "stable"
        precision = f"{r.precision:.2f}" if r.precision is not None else "  - "
        click.echo(
            f"{r.code}  {r.name:<30} {r.family:<14} {state:<8} {r.severity!s:<8} "
            f"{precision}  {r.summary}"
        )
    return 0
