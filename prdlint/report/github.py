"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from prdlint.engine import Report
from prdlint.findings import Severity
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    lines = []
    for f in report.findings:
        props = (
            f"file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_escape_property(f.code)}"
        )
        lines.append(
            f"::{_LEVEL[f.severity]} {props}::{_escape_data(f'{f.code} [{f.name}] {f.message}')}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
