"""PRD201 ungrounded-user-problem through the real CLI: once per document, at exact words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from prdlint.rulebook import builtin_rules

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "rules" / "PRD201"


def _check(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prdlint", "check", "--select", "PRD201", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[dict[str, object]]]:
    """Every fixture checked in one CLI run (spaCy loads once): findings by file name."""
    result = _check("--format", "json", str(FIXTURES))
    assert result.returncode == 1, result.stderr
    found: dict[str, list[dict[str, object]]] = {p.name: [] for p in FIXTURES.glob("*.md")}
    for finding in json.loads(result.stdout)["findings"]:
        found[Path(str(finding["path"])).name].append(finding)
    return found


def _where(path: Path, words: str) -> tuple[int, int, int, int]:
    """Where ``words`` stand in the file: (line, column, end_line, end_column), 1-based."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if words in line:
            column = line.index(words) + 1
            return number, column, number, column + len(words)
    raise AssertionError(f"{words!r} not in {path}")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("user-problems-only.md", "Marketers need a better way to see which segments overlap."),
        ("in-list-item.md", "Users can't export reports to a spreadsheet."),
        ("in-table-cell.md", "It takes too many clicks to build a chart."),
        ("in-heading.md", "Analysts can't export reports"),
        ("in-blockquote.md", "It is hard for analysts to compare two quarters side by side."),
        ("subject-customer-is-user-problem.md", "The customer needs a way to upload files"),
        ("pain-point-list.md", "No search or filter on the catalogue"),
    ],
)
def test_the_finding_points_at_the_first_user_problem(
    by_file: dict[str, list[dict[str, object]]], name: str, words: str
) -> None:
    (finding,) = by_file[name]
    where = (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
    line, column, _, _ = _where(FIXTURES / name, words)
    if name.startswith("subject-"):
        assert where[:2] == (line, column)
    else:
        assert where == _where(FIXTURES / name, words)
    assert finding["code"] == "PRD201"


def test_the_message_counts_user_problems_and_names_the_first_line(
    by_file: dict[str, list[dict[str, object]]],
) -> None:
    (finding,) = by_file["user-problems-only.md"]
    assert finding["message"] == (
        "2 user problems (first: line 5) but no customer problem: say how the paying "
        "organisation is failing to grow or losing money, and by how much"
    )


def test_one_user_problem_is_singular_and_the_exit_code_is_1() -> None:
    result = _check("-", "--stdin-filename", "x.md", stdin="# X\n\nClerks can't print labels.\n")
    assert result.returncode == 1
    assert "x.md:3:1: PRD201" in result.stdout
    assert "1 user problem (first: line 3)" in result.stdout


@pytest.mark.parametrize(
    "name",
    [
        "customer-problem-first.md",
        "customer-problem-after.md",
        "customer-problem-without-number.md",
        "no-problem-statements.md",
        "persona-needs-only.md",
        "subject-users-employers-is-customer-problem.md",
        "b2c-household-money.md",
        "vendor-own-metric-failing.md",
        "not-problem-statements.md",
        "customer-problem-only.md",
        "suppressed-for-the-file.md",
    ],
)
def test_no_finding_when_grounded_or_without_problems(
    by_file: dict[str, list[dict[str, object]]], name: str
) -> None:
    assert by_file[name] == []


def test_a_grounded_file_exits_0() -> None:
    result = _check(str(FIXTURES / "customer-problem-after.md"))
    assert (result.returncode, result.stdout.count("PRD201")) == (0, 0)


def test_explain_documents_the_rule_and_its_borderline_decisions() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "prdlint", "explain", "PRD201"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "Options"):
        assert heading in result.stdout
    assert "B2C" in result.stdout
    assert "own business metric" in result.stdout


def test_the_rule_is_a_document_grounding_rule() -> None:
    rule = builtin_rules().get("ungrounded-user-problem")
    assert rule is not None
    assert (rule.code, rule.kind, rule.data["condition"]) == (
        "PRD201",
        "document-grounding",
        "user-without-customer",
    )
