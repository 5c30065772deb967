"""The evaluation harness: label files, scoring, expect markers and the real CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from prdlint.eval.fixtures import expectations
from prdlint.eval.labels import LabelError, load_labels, read_label_file
from prdlint.eval.scoring import score_rule
from prdlint.findings import Finding, Severity

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def _finding(path: str, line: int, code: str = "PRD101") -> Finding:
    return Finding(path, line, 1, line, 5, code, "x", Severity.WARNING, f"msg {line}")


def _write(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_columns_decide_the_scoring(tmp_path: Path) -> None:
    _write(
        tmp_path, "PRD101.a.tsv", ["file\tline\trole\tlabel\tnote", "d/x.md\t3\tuser\tgeneric\t"]
    )
    _write(
        tmp_path,
        "PRD301.a.tsv",
        ["file\tline\tend_line\tlabel\tnote", "# c", "d/x.md\t4\t6\tfire\t"],
    )
    _write(
        tmp_path,
        "PRD201.a.tsv",
        ["file\tfirst_user_problem\tfirst_customer_problem\tlabel\tnote", "d/x.md\t5\t-\tfire\tn"],
    )
    rules = load_labels(tmp_path)
    assert {c: r.scoring for c, r in rules.items()} == {
        "PRD101": "occurrence",
        "PRD201": "document",
        "PRD301": "span",
    }
    assert rules["PRD301"].labels[0].end_line == 6
    assert rules["PRD101"].folders() == ["d"]


def test_unknown_columns_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "PRD999.a.tsv", ["# comment", "file\tline\tverdict"])
    with pytest.raises(LabelError, match=r"PRD999\.a\.tsv:2: unknown columns"):
        read_label_file(path)


def test_bad_line_number_is_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "PRD101.a.tsv", ["file\tline\trole\tlabel\tnote", "x.md\tten\tu\tgeneric\t"]
    )
    with pytest.raises(LabelError, match=r"PRD101\.a\.tsv:2: expected a line number"):
        read_label_file(path)


def test_occurrences_count_per_line(tmp_path: Path) -> None:
    rows = [
        "file\tline\trole\tlabel\tnote",
        "d/x.md\t3\tuser\tgeneric\t",
        "d/x.md\t3\tuser\tgeneric\ttwo on a line",
        "d/x.md\t7\tnurse\tspecific\t",
        "d/x.md\t9\tuser\tgeneric\tmissed",
    ]
    _write(tmp_path, "PRD101.a.tsv", rows)
    rule = load_labels(tmp_path)["PRD101"]
    findings = [_finding("d/x.md", 3), _finding("d/x.md", 3), _finding("d/x.md", 7)]
    score = score_rule(rule, findings, {"d/x.md"})
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert [str(m) for m in score.false_positives] == ["d/x.md:7: PRD101 msg 7 [labelled specific]"]
    assert score.false_negatives[0].line == 9
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)


def test_spans_match_once_per_row(tmp_path: Path) -> None:
    rows = [
        "file\tline\tend_line\tlabel\tnote",
        "d/x.md\t4\t6\tfire\tclaim",
        "d/x.md\t10\t10\tfire\tmissed claim",
        "d/x.md\t20\t20\tnofire\tpersona quote",
    ]
    _write(tmp_path, "PRD301.a.tsv", rows)
    rule = load_labels(tmp_path)["PRD301"]
    findings = [_finding("d/x.md", 5, "PRD301"), _finding("d/x.md", 6, "PRD301")]
    findings.append(_finding("d/x.md", 20, "PRD301"))
    findings.append(_finding("d/other.md", 1, "PRD301"))
    score = score_rule(rule, findings, {"d/x.md", "d/other.md"})
    assert (score.tp, score.fp, score.fn) == (1, 3, 1)
    details = [m.detail for m in score.false_positives]
    assert any("second finding" in d for d in details)
    assert any("labelled nofire: persona quote" in d for d in details)


def test_documents_give_accuracy(tmp_path: Path) -> None:
    rows = [
        "file\tfirst_user_problem\tfirst_customer_problem\tlabel\tnote",
        "d/a.md\t5\t-\tfire\t",
        "d/b.md\t5\t3\tnofire\t",
        "d/c.md\t-\t-\tnone\t",
        "d/d.md\t8\t-\tfire\tmissed",
    ]
    _write(tmp_path, "PRD201.a.tsv", rows)
    rule = load_labels(tmp_path)["PRD201"]
    findings = [_finding("d/a.md", 5, "PRD201"), _finding("d/c.md", 2, "PRD201")]
    score = score_rule(rule, findings, {"d/a.md", "d/b.md", "d/c.md", "d/d.md"})
    assert (score.tp, score.fp, score.fn, score.tn) == (1, 1, 1, 1)
    assert score.accuracy == pytest.approx(0.5)


def test_expect_markers_inline_and_next_line() -> None:
    text = "\n".join(
        [
            "- As a user, I want x. <!-- expect: PRD101 -->",
            "<!-- expect-next-line: PRD301 -->",
            "Users told us they want it.",
            "| As a user, I want y <!-- expect:PRD101 PRD101 --> | z |",
        ]
    )
    found = [(e.line, e.code) for e in expectations(text, "f.md")]
    assert found == [(1, "PRD101"), (3, "PRD301"), (4, "PRD101"), (4, "PRD101")]


def _eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prdlint.eval", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_fixtures_meet_their_floors() -> None:
    result = _eval("--part", "fixtures", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PRD101  P " in result.stdout
    assert "all floors met" in result.stdout


def test_cli_writes_scores_as_json(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = _eval("--part", "fixtures", "--rule", "PRD101", "--json", str(out))
    assert result.returncode == 0, result.stderr
    scores = json.loads(out.read_text())["fixtures"]["PRD101"]
    folder = ROOT / "tests" / "fixtures" / "rules" / "PRD101"
    marked = sum(
        len(re.findall(r"PRD101", m))
        for path in folder.glob("*.md")
        for m in re.findall(r"<!--\s*expect(?:-next-line)?:([^>]*)-->", path.read_text())
    )
    assert scores["tp"] + scores["fn"] == marked
    assert set(scores) >= {"precision", "recall", "f1", "tp", "fp", "fn"}


def test_cli_fails_under_a_floor(tmp_path: Path) -> None:
    floors = tmp_path / "floors.yaml"
    floors.write_text("fixtures:\n  PRD101: {precision: 1.01}\n", encoding="utf-8")
    result = _eval("--part", "fixtures", "--check", "--floors", str(floors))
    assert result.returncode == 1
    assert "fixtures PRD101 precision" in result.stdout


def test_cli_says_when_the_corpus_is_missing(tmp_path: Path) -> None:
    result = _eval("--part", "corpus", "--corpus", str(tmp_path / "nowhere"), "--check")
    assert result.returncode == 0, result.stderr
    assert "not found; corpus part not run" in result.stdout


def test_cli_bad_label_file_exits_2(tmp_path: Path) -> None:
    _write(tmp_path, "PRD101.x.tsv", ["file\tnope"])
    result = _eval("--part", "corpus", "--labels", str(tmp_path), "--corpus", str(tmp_path))
    assert result.returncode == 2
    assert "unknown columns" in result.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_cli_corpus_meets_its_floors() -> None:
    result = _eval("--part", "corpus", "--check", "--max-list", "0")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "PRD101  P " in result.stdout
