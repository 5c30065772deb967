"""``check --baseline`` and ``check --diff``: narrow a report to what a change is answerable for."""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from prdlint import baseline
from prdlint.engine import Report
from prdlint.gitdiff import DiffScope
from prdlint.rulebook import RuleBook
from prdlint.scope import restrict


def narrow(
    report: Report,
    book: RuleBook,
    scope: DiffScope | None,
    recorded: list[baseline.Entry] | None,
    baseline_file: str | None,
    quiet: bool,
) -> dict[str, Any] | None:
    """Apply the baseline (first, on every finding) then the diff, in place.

    Returns the JSON-able baseline summary (``None`` without ``--baseline``) and prints its one
    line on stderr.
    """
    summary: dict[str, Any] | None = None
    if recorded is not None:
        checked = [r.path for r in report.results if r.skipped is None]
        matched = baseline.match(report.findings, recorded, checked)
        new = Counter(matched.new)
        for result in report.results:
            kept = []
            for finding in result.findings:
                if new[finding] > 0:
                    new[finding] -= 1
                    kept.append(finding)
            result.findings = kept
        if not quiet:
            click.echo(f"prdlint: {matched.summary(str(baseline_file))}", err=True)
        summary = {"file": baseline_file, "known": len(matched.known), "stale": matched.stale}
    if scope is not None:
        restrict(report, scope, book)
    return summary
