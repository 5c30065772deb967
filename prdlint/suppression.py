"""Suppression comments, and the findings for suppressions that suppressed nothing.

``<!-- prdlint-disable CODES -->`` … ``<!-- prdlint-enable CODES -->``,
``<!-- prdlint-disable-next-line CODES -->`` and ``<!-- prdlint-disable-file CODES -->``.
No codes means every rule; text after `` -- `` is the reason and is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from prdlint.document.model import Document
from prdlint.findings import Finding
from prdlint.rulebook import Rule

_DIRECTIVE = re.compile(
    r"^\s*prdlint-(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<rest>.*)$",
    re.DOTALL,
)
_CODE = re.compile(r"^PRD\d{0,3}$")


@dataclass
class Directive:
    verb: str
    codes: tuple[str, ...]
    line: int
    column: int
    end_line: int
    first: int = 0
    last: int = 0
    used: set[str] = field(default_factory=set)
    bad_codes: tuple[str, ...] = ()

    def covers(self, code: str) -> str | None:
        """The listed code or prefix covering ``code`` (``"*"`` for all), else None."""
        if not self.codes:
            return "*"
        return next((c for c in self.codes if code.startswith(c)), None)


def parse_directives(document: Document) -> list[Directive]:
    """The suppression directives of a document, each with the line range it covers."""
    directives: list[Directive] = []
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        words = match.group("rest").split(" -- ", 1)[0].replace(",", " ").split()
        codes = tuple(w.upper() for w in words if _CODE.match(w.upper()))
        bad = tuple(w for w in words if not _CODE.match(w.upper()))
        directives.append(
            Directive(
                match.group("verb"),
                codes,
                comment.line,
                comment.column,
                comment.end_line,
                bad_codes=bad,
            )
        )
    last_line = document.line_count
    for index, directive in enumerate(directives):
        if directive.verb == "disable-file":
            directive.first, directive.last = 1, last_line
        elif directive.verb == "disable-next-line":
            directive.first = directive.last = directive.end_line + 1
        elif directive.verb == "disable":
            directive.first, directive.last = directive.line, last_line
            for later in directives[index + 1 :]:
                if later.verb == "enable" and (
                    not later.codes
                    or not directive.codes
                    or set(later.codes) & set(directive.codes)
                ):
                    directive.last = later.line
                    break
    return directives


def _section_at(document: Document, line: int) -> str:
    """The heading path of the section holding ``line`` ("" before the first heading)."""
    holding = [s for s in document.sections if s.line <= line]
    return " > ".join(holding[-1].path) if holding else ""


def apply_suppressions(
    document: Document,
    findings: Iterable[Finding],
    enabled: Iterable[Rule],
    unused_rule: Rule | None,
) -> list[Finding]:
    """Drop suppressed findings; report each suppression that suppressed nothing."""
    directives = [d for d in parse_directives(document) if d.verb != "enable"]
    kept: list[Finding] = []
    for finding in findings:
        suppressed = False
        for directive in directives:
            if directive.first <= finding.line <= directive.last:
                covering = directive.covers(finding.code)
                if covering is not None:
                    directive.used.add(covering)
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    if unused_rule is None:
        return kept
    enabled_codes = {rule.code for rule in enabled}
    for directive in directives:
        if not document.path:
            continue
        unused: list[str] = []
        if not directive.codes and "*" not in directive.used:
            unused.append("all rules")
        for code in directive.codes:
            ran = any(c.startswith(code) for c in enabled_codes)
            if code not in directive.used and ran:
                unused.append(code)
        notes = []
        if unused:
            notes.append(f"suppresses nothing for {', '.join(unused)}")
        if directive.bad_codes:
            notes.append(
                f"names no rule: {', '.join(directive.bad_codes)} (put a reason after ' -- ')"
            )
        if not notes:
            continue
        kept.append(
            Finding(
                path=document.path,
                line=directive.line,
                column=directive.column,
                end_line=directive.line,
                end_column=directive.column + 4,
                code=unused_rule.code,
                name=unused_rule.name,
                severity=unused_rule.severity,
                message=unused_rule.format(
                    directive=f"prdlint-{directive.verb}", detail="; ".join(notes)
                ),
                fix=unused_rule.fix,
                fingerprint_text=" ".join((f"prdlint-{directive.verb}", *directive.codes)),
                section=_section_at(document, directive.line),
            )
        )
    return kept
