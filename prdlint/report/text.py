"""``path:line:col: CODE [name] message``, one finding a line, coloured only on a TTY."""

from __future__ import annotations

from collections import Counter

import click

from prdlint.engine import Report
from prdlint.findings import Severity
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    lines: list[str] = []
    findings = report.findings
    if not options.quiet:
        for finding in findings:
            where = f"{finding.path}:{finding.line}:{finding.column}:"
            code = finding.code
            if options.color:
                where = click.style(where, bold=True)
                code = click.style(code, fg=_COLOURS[finding.severity], bold=True)
            lines.append(f"{where} {code} [{finding.name}] {finding.message}")
    if options.statistics:
        counts = Counter((f.code, f.name) for f in findings)
        for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{count:5d}\t{code}\t[{name}]")
    if not options.quiet:
        total = len(findings)
        files = report.files_checked
        noun = "finding" if total == 1 else "findings"
        summary = f"Found {total} {noun} in {files} file{'s' if files != 1 else ''}."
        lines.append(
            summary if total else f"All checks passed ({files} file{'s' if files != 1 else ''})."
        )
    return "\n".join(lines) + ("\n" if lines else "")
