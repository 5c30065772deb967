"""Scores: precision, recall, F1 (and accuracy for document-level rules), with the misses.

Every scorer takes the findings of one rule (already restricted to that rule) and the labels,
and returns a :class:`Score` whose ``false_positives`` / ``false_negatives`` name ``file:line``
with the finding's message or the label's note, so a reader can look each one up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from prdlint.eval.labels import Label, RuleLabels
from prdlint.findings import Finding


@dataclass(frozen=True)
class Miss:
    """A false positive or false negative: where, and what was said or expected."""

    file: str
    line: int
    detail: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.detail}"


@dataclass
class Score:
    """Counts for one rule on one data set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    documents: int = 0
    false_positives: list[Miss] = field(default_factory=list)
    false_negatives: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        total = self.tp + self.fp
        return self.tp / total if total else None

    @property
    def recall(self) -> float | None:
        total = self.tp + self.fn
        return self.tp / total if total else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def accuracy(self) -> float | None:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else None

    def metric(self, name: str) -> float | None:
        """``precision``, ``recall``, ``f1`` or ``accuracy`` by name."""
        value: float | None = getattr(self, name)
        return value


def _finding_detail(finding: Finding) -> str:
    return f"{finding.code} {finding.message}"


def score_lines(
    expected: Iterable[tuple[str, int, str]], findings: Iterable[Finding], files: set[str]
) -> Score:
    """Per occurrence on a line: ``expected`` holds (file, line, note) once per occurrence.

    Several findings or labels on one line are matched by count. Only findings in ``files``
    count (the documents the labels cover exhaustively).
    """
    score = Score(documents=len(files))
    wanted: dict[tuple[str, int], list[str]] = defaultdict(list)
    for file, line, note in expected:
        wanted[(file, line)].append(note)
    got: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.path in files:
            got[(finding.path, finding.line)].append(finding)
    for key in sorted(set(wanted) | set(got)):
        notes, found = wanted.get(key, []), got.get(key, [])
        hits = min(len(notes), len(found))
        score.tp += hits
        for finding in found[hits:]:
            score.false_positives.append(Miss(key[0], key[1], _finding_detail(finding)))
            score.fp += 1
        for note in notes[hits:]:
            score.false_negatives.append(Miss(key[0], key[1], note))
            score.fn += 1
    return score


def score_occurrences(rule: RuleLabels, findings: Sequence[Finding], files: set[str]) -> Score:
    """PRD101-style labels: one row per occurrence; positive rows are expected findings."""
    expected = [
        (label.file, label.line, _label_note(label))
        for label in rule.labels
        if label.label == rule.positive
    ]
    score = score_lines(expected, findings, files)
    negatives = {
        (label.file, label.line): label for label in rule.labels if label.label != rule.positive
    }
    score.false_positives = [
        Miss(m.file, m.line, f"{m.detail} [labelled {negatives[(m.file, m.line)].label}]")
        if (m.file, m.line) in negatives
        else m
        for m in score.false_positives
    ]
    return score


def _label_note(label: Label) -> str:
    parts = [f"expected {label.label}"]
    if label.extra:
        parts.append(f'"{label.extra}"')
    if label.note:
        parts.append(f"({label.note})")
    return " ".join(parts)


def score_spans(rule: RuleLabels, findings: Sequence[Finding], files: set[str]) -> Score:
    """PRD301-style labels: a finding inside a positive row's lines is a hit (one per row)."""
    score = Score(documents=len(files))
    rows: dict[str, list[Label]] = defaultdict(list)
    for label in rule.labels:
        if label.label == rule.positive:
            rows[label.file].append(label)
    matched: set[Label] = set()
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.path not in files:
            continue
        inside = [r for r in rows.get(finding.path, []) if r.line <= finding.line <= r.end_line]
        fresh = [r for r in inside if r not in matched]
        if fresh:
            matched.add(fresh[0])
            score.tp += 1
            continue
        detail = _finding_detail(finding)
        if inside:
            detail += " [second finding in one labelled sentence]"
        else:
            negative = next(
                (
                    label
                    for label in rule.labels
                    if label.file == finding.path
                    and label.label != rule.positive
                    and label.line <= finding.line <= label.end_line
                ),
                None,
            )
            if negative is not None:
                detail += f" [labelled {negative.label}: {negative.note}]"
        score.fp += 1
        score.false_positives.append(Miss(finding.path, finding.line, detail))
    for row_list in rows.values():
        for row in row_list:
            if row.file in files and row not in matched:
                score.fn += 1
                score.false_negatives.append(Miss(row.file, row.line, row.note))
    score.false_negatives.sort(key=lambda m: (m.file, m.line))
    return score


def score_documents(rule: RuleLabels, findings: Sequence[Finding], files: set[str]) -> Score:
    """PRD201-style labels: each labelled document fires or not; accuracy over documents."""
    score = Score()
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    for label in rule.labels:
        if label.file not in files:
            continue
        score.documents += 1
        found = by_file.get(label.file, [])
        if label.label == rule.positive:
            if found:
                score.tp += 1
            else:
                score.fn += 1
                line = label.line
                score.false_negatives.append(Miss(label.file, line, label.note))
        elif found:
            score.fp += 1
            first = found[0]
            score.false_positives.append(
                Miss(label.file, first.line, f"{_finding_detail(first)} [labelled {label.label}]")
            )
        else:
            score.tn += 1
    return score


SCORERS = {
    "occurrence": score_occurrences,
    "span": score_spans,
    "document": score_documents,
}


def score_rule(rule: RuleLabels, findings: Sequence[Finding], files: set[str]) -> Score:
    """Score ``findings`` of one rule against its labels, over the documents in ``files``."""
    return SCORERS[rule.scoring](rule, findings, files)
