"""Story extraction on its own: occurrence labels list every story template, generic or not.

So the lines where :func:`prdlint.extract.stories.extract_stories` finds a story can be scored
against all rows of an occurrence-scored rule (PRD101), whatever their label: a story found on
no labelled line is an extra, a labelled story not found is a miss. Other rules (PRD301 skips
stories) depend on this as much as PRD101 does.
"""

from __future__ import annotations

from pathlib import Path

from prdlint.document.parse import parse_document
from prdlint.errors import UnreadableFileError
from prdlint.eval.labels import RuleLabels
from prdlint.eval.scoring import Miss, Score, score_lines
from prdlint.extract.stories import extract_stories
from prdlint.findings import Finding, Severity
from prdlint.source import read_source


def score_extraction(corpus: Path, labels: RuleLabels, documents: set[str]) -> Score:
    """Story lines found vs every labelled story occurrence, over ``documents``."""
    expected = [(row.file, row.line, f'story "{row.extra}"') for row in labels.labels]
    found: list[Finding] = []
    for file in sorted(documents):
        try:
            source = read_source(corpus / file, file)
        except (UnreadableFileError, OSError):
            continue
        for story in extract_stories(parse_document(source.text, file)):
            found.append(
                Finding(
                    file,
                    story.line,
                    1,
                    story.line,
                    2,
                    "story",
                    "story",
                    Severity.INFO,
                    f'extracted role "{story.role}"',
                )
            )
    score = score_lines(expected, found, documents)
    score.false_positives = [
        Miss(m.file, m.line, m.detail.removeprefix("story ")) for m in score.false_positives
    ]
    return score
