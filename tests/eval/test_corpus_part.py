"""The corpus part on a small corpus made here: scope, not-implemented rules, good practice."""

from __future__ import annotations

from pathlib import Path

from prdlint.eval.corpus import corpus_documents, run_corpus
from prdlint.eval.labels import GoodPractice, load_labels


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "prds").mkdir(parents=True)
    (corpus / "prds" / "README.md").write_text("# About\n\nAs a user, I want x.\n")
    (corpus / "prds" / "a.md").write_text("# A\n\nAs a user, I want x.\n\nAs a nurse, I want y.\n")
    (corpus / "prds" / "b.md").write_text("# B\n\nAs a customer, I want z.\n")
    (corpus / "prds" / "c.md").write_text("# C\n\nAs a pharmacist, I want w.\n")
    return corpus


def _labels(tmp_path: Path) -> Path:
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "PRD101.x.tsv").write_text(
        "file\tline\trole\tlabel\tnote\n"
        "prds/a.md\t3\tuser\tgeneric\t\n"
        "prds/a.md\t5\tnurse\tspecific\t\n"
    )
    (labels / "PRD777.x.tsv").write_text(
        "file\tfirst_user_problem\tfirst_customer_problem\tlabel\tnote\nprds/a.md\t3\t-\tfire\t\n"
    )
    return labels


def test_documents_of_a_folder_skip_its_readme(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    assert corpus_documents(corpus, ["prds"]) == ["prds/a.md", "prds/b.md", "prds/c.md"]


def test_labels_are_exhaustive_over_their_folder(tmp_path: Path) -> None:
    corpus, labels = _corpus(tmp_path), _labels(tmp_path)
    good = [GoodPractice("prds/b.md", "PRD101", "x"), GoodPractice("prds/c.md", "PRD101", "y")]
    results = {r.code: r for r in run_corpus(corpus, load_labels(labels), good)}
    prd101 = results["PRD101"]
    assert prd101.score is not None
    # b.md has no label row, but its folder is labelled: its finding is a false positive.
    assert (prd101.score.tp, prd101.score.fp, prd101.score.fn) == (1, 1, 0)
    assert [str(m).split(":")[0:2] for m in prd101.score.false_positives] == [["prds/b.md", "3"]]
    verdicts = {row.file: len(hits) for row, hits in prd101.good_practice}
    assert verdicts == {"prds/b.md": 1, "prds/c.md": 0}
    # Extraction is scored against every labelled story: b.md and c.md have unlabelled ones.
    extraction = prd101.extraction
    assert extraction is not None
    assert (extraction.tp, extraction.fp, extraction.fn) == (2, 2, 0)


def test_rules_missing_from_the_rule_book_are_not_implemented(tmp_path: Path) -> None:
    corpus, labels = _corpus(tmp_path), _labels(tmp_path)
    results = {r.code: r for r in run_corpus(corpus, load_labels(labels), [])}
    assert results["PRD777"].status == "not implemented"
    assert results["PRD777"].score is None
