"""Small helpers shared by check kinds."""

from __future__ import annotations

from prdlint.document.model import Span
from prdlint.findings import Finding
from prdlint.rulebook import Rule


def finding(
    rule: Rule, path: str, span: Span, message: str, text: str = "", section: str = ""
) -> Finding:
    """A finding of ``rule`` at ``span``."""
    return Finding(
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        fix=rule.fix,
        fingerprint_text=text,
        section=section,
    )
