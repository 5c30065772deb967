"""The corpus part: each labelled rule alone over the real documents in ``../shared/corpus``.

The labels of a rule are exhaustive over the corpus folders they name (``prds/``,
``stories/``): every document in such a folder is linted, and a finding in a document without a
positive label is a false positive. Rules the rule book does not have yet are reported as not
implemented. Good-practice documents (``good-practice.tsv``) must get no finding at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prdlint.engine import Engine, Overrides
from prdlint.eval.extraction import score_extraction
from prdlint.eval.labels import NOT_DOCUMENTS, GoodPractice, RuleLabels
from prdlint.eval.scoring import Score, score_rule
from prdlint.findings import Finding
from prdlint.rulebook import RuleBook, builtin_rules


@dataclass
class CorpusResult:
    """One rule on the corpus: its score, or why it was not measured."""

    code: str
    scoring: str
    sources: list[str]
    score: Score | None = None
    status: str = "measured"
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    good_practice: list[tuple[GoodPractice, list[Finding]]] = field(default_factory=list)
    extraction: Score | None = None


def corpus_documents(corpus: Path, folders: Iterable[str]) -> list[str]:
    """Documents of the named corpus folders, relative to ``corpus``, sorted."""
    found: list[str] = []
    for folder in folders:
        base = corpus / folder
        if not base.is_dir():
            continue
        for path in sorted(base.iterdir()):
            if path.is_file() and path.name not in NOT_DOCUMENTS and not path.name.startswith("."):
                found.append(f"{folder}/{path.name}")
    return found


def lint_documents(
    engine: Engine, corpus: Path, files: Iterable[str]
) -> tuple[list[Finding], list[str]]:
    """Findings (paths relative to ``corpus``) and skip notices for ``files``."""
    findings: list[Finding] = []
    skipped: list[str] = []
    for file in files:
        result = engine.lint_file(corpus / file, file)
        if result.skipped:
            skipped.append(result.skipped)
        findings.extend(result.findings)
    return findings, skipped


def run_corpus(
    corpus: Path,
    rules: dict[str, RuleLabels],
    good_practice: list[GoodPractice],
    book: RuleBook | None = None,
) -> list[CorpusResult]:
    """Score every labelled rule on the corpus, and check its good-practice documents."""
    book = book or builtin_rules()
    results: list[CorpusResult] = []
    for code, labels in sorted(rules.items()):
        result = CorpusResult(code, labels.scoring, labels.sources)
        results.append(result)
        if book.get(code) is None:
            result.status = "not implemented"
            result.good_practice = [(row, []) for row in good_practice if row.code == code]
            continue
        engine = Engine(overrides=Overrides(select=(code,)), rules=book)
        documents = set(corpus_documents(corpus, labels.folders())) | set(labels.files)
        missing = sorted(f for f in labels.files if not (corpus / f).is_file())
        documents -= set(missing)
        started = time.perf_counter()
        findings, result.skipped = lint_documents(engine, corpus, sorted(documents))
        result.seconds = time.perf_counter() - started
        findings = [f for f in findings if f.code == code]
        result.score = score_rule(labels, findings, documents)
        if labels.scoring == "occurrence":
            result.extraction = score_extraction(corpus, labels, documents)
        result.skipped.extend(f"{f}: labelled but not in the corpus" for f in missing)
        for row in good_practice:
            if row.code != code:
                continue
            if row.file in documents:
                hits = [f for f in findings if f.path == row.file]
            else:
                hits, _ = lint_documents(engine, corpus, [row.file])
                hits = [f for f in hits if f.code == code]
            result.good_practice.append((row, hits))
    return results
