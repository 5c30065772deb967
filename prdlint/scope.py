"""Changed-lines mode: keep only the findings a change introduced or touched.

A finding is kept when one of its lines was added or changed since the merge-base
(:mod:`prdlint.gitdiff`). A *document-level* finding (one about the document as a whole, such
as PRD201's "no customer problem anywhere") is kept whenever the document's content changed.
Which findings are document-level is decided here and only here.
"""

from __future__ import annotations

from pathlib import Path

from prdlint.engine import Report
from prdlint.findings import Finding
from prdlint.gitdiff import DiffScope, FileChange
from prdlint.rulebook import RuleBook

# Check kinds whose findings judge the whole document, wherever they are reported.
DOCUMENT_LEVEL_KINDS: frozenset[str] = frozenset({"document-grounding"})
# Findings the engine raises about the whole file: unreadable (PRD901), bad front matter (PRD902).
DOCUMENT_LEVEL_CODES: frozenset[str] = frozenset({"PRD901", "PRD902"})


def is_document_level(finding: Finding, book: RuleBook) -> bool:
    """Whether ``finding`` is about the whole document rather than the lines it points at."""
    if finding.code in DOCUMENT_LEVEL_CODES:
        return True
    rule = book.get(finding.code)
    return rule is not None and rule.kind in DOCUMENT_LEVEL_KINDS


def in_change(finding: Finding, change: FileChange, book: RuleBook) -> bool:
    """Whether a change to the file introduced or touched ``finding``."""
    if is_document_level(finding, book):
        return change.changed
    return change.covers(finding.line, finding.end_line)


def changed_files(files: list[tuple[Path, str]], scope: DiffScope) -> list[str]:
    """The display paths of the files (as discovered) whose content changed."""
    kept = []
    for path, display in files:
        change = scope.change_for(path)
        if change is not None and change.changed:
            kept.append(display)
    return kept


def restrict(report: Report, scope: DiffScope, book: RuleBook) -> None:
    """Drop, in place, every finding the change did not introduce or touch."""
    for result in report.results:
        change = scope.change_for(Path(result.path))
        if change is None:
            result.findings = []
        else:
            result.findings = [f for f in result.findings if in_change(f, change, book)]
