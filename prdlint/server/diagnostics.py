"""Findings → LSP diagnostics: code = rule code, source "prdlint", exact ranges."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from prdlint.findings import Finding, Severity
from prdlint.server.positions import UTF16, LineIndex

SOURCE = "prdlint"
UNUSED_SUPPRESSION = "PRD900"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def finding_range(finding: Finding, index: LineIndex) -> types.Range:
    """The LSP range of a finding in the buffer ``index`` was built from."""
    line, character = index.position(finding.line, finding.column)
    end_line, end_character = index.position(finding.end_line, finding.end_column)
    return types.Range(
        start=types.Position(line=line, character=character),
        end=types.Position(line=end_line, character=end_character),
    )


def to_diagnostic(finding: Finding, index: LineIndex) -> types.Diagnostic:
    """One finding as an LSP diagnostic; an unused suppression is marked unnecessary."""
    tags = [types.DiagnosticTag.Unnecessary] if finding.code == UNUSED_SUPPRESSION else None
    return types.Diagnostic(
        range=finding_range(finding, index),
        message=finding.message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        source=SOURCE,
        tags=tags,
        data={"name": finding.name, "fix": finding.fix},
    )


def to_diagnostics(
    findings: Iterable[Finding], text: str, encoding: str = UTF16
) -> list[types.Diagnostic]:
    """Diagnostics for the findings of one buffer, in the client's position encoding."""
    index = LineIndex(text, encoding)
    return [to_diagnostic(f, index) for f in findings]


def problem_diagnostic(message: str, code: str = "config") -> types.Diagnostic:
    """A config or set-up problem, shown at the top of the document: nothing was checked."""
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        ),
        message=f"prdlint could not check this file: {message}",
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )
