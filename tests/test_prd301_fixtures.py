"""PRD301 stated-preference-only: fixtures through the real CLI, exact positions, messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "rules" / "PRD301"
EXPECT = re.compile(r"<!--\s*expect:\s*(?P<codes>[A-Z0-9, ]+?)\s*-->")
EXPECT_NEXT = re.compile(r"^\s*<!--\s*expect-next-line:\s*(?P<codes>[A-Z0-9, ]+?)\s*-->\s*$")


def expected_lines(path: Path, code: str) -> list[int]:
    """Lines marked ``<!-- expect: CODE -->`` (same line) or ``expect-next-line`` (next line)."""
    lines: list[int] = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        following = EXPECT_NEXT.match(text)
        if following and code in following.group("codes"):
            lines.append(number + 1)
            continue
        for match in EXPECT.finditer(text):
            if code in match.group("codes"):
                lines.append(number)
    return sorted(lines)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prdlint", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=FIXTURES,
    )


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict[str, object]]]:
    """JSON findings of PRD301 on every fixture, from one CLI run."""
    names = sorted(p.name for p in FIXTURES.glob("*.md"))
    result = run_cli("check", "--select", "PRD301", "--format", "json", *names)
    assert result.returncode in (0, 1), result.stderr
    by_file: dict[str, list[dict[str, object]]] = {name: [] for name in names}
    for item in json.loads(result.stdout)["findings"]:
        by_file[str(item["path"])].append(item)
    return by_file


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_fixture_marks_every_finding(
    name: str, findings: dict[str, list[dict[str, object]]]
) -> None:
    got = sorted(int(str(f["line"])) for f in findings[name] if f["code"] == "PRD301")
    assert got == expected_lines(FIXTURES / name, "PRD301")


def line_of(name: str, snippet: str) -> int:
    """The only line of fixture ``name`` holding ``snippet`` (so edits above it move nothing)."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    [number] = [n for n, text in enumerate(lines, start=1) if snippet in text]
    return number


def _at(findings: dict[str, list[dict[str, object]]], name: str, snippet: str) -> dict[str, object]:
    line = line_of(name, snippet)
    [found] = [f for f in findings[name] if f["line"] == line]
    return found


def _source(name: str, line: int, column: int, end_column: int) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8").splitlines()[line - 1]
    return text[column - 1 : end_column - 1]


@pytest.mark.parametrize(
    ("name", "snippet", "words"),
    [
        ("domain_examples.md", "Customers told us they want bulk", "told us"),
        ("domain_examples.md", "Users want a dark mode.", "want"),
        ("domain_examples.md", "top feature request last quarter", "feature request"),
        ("domain_examples.md", "Many users have asked", "have asked for"),
        ("domain_examples.md", "We think users want", "We think"),
        ("block_types.md", "- Survey: small teams", "Survey"),
        ("block_types.md", "| P2 | Docker image |", "User request"),
        ("block_types.md", "## Customers told us", "told us"),
        ("block_types.md", "> I have had this problem", "in favor of"),
        ("bad_input.md", "78 % said they'd pay", "said"),
    ],
)
def test_finding_points_at_the_stated_preference_words(
    name: str, snippet: str, words: str, findings: dict[str, list[dict[str, object]]]
) -> None:
    found = _at(findings, name, snippet)
    line = line_of(name, snippet)
    assert found["end_line"] == line
    column, end = int(str(found["column"])), int(str(found["end_column"]))
    assert _source(name, line, column, end) == words


@pytest.mark.parametrize(
    ("snippet", "scope"),
    [
        ("Participants clearly preferred email attachments over links. <!--", "this paragraph"),
        ("- Customers want to share the installer", "this list item"),
        ("| P2 | Docker image |", "this table row"),
        ("## Customers told us", "this heading"),
        ("> I have had this problem", "this quote"),
    ],
)
def test_message_names_the_scope(
    snippet: str, scope: str, findings: dict[str, list[dict[str, object]]]
) -> None:
    message = str(_at(findings, "block_types.md", snippet)["message"])
    assert f"{scope} cites no behavioural evidence" in message


def test_message_lists_the_cues(findings: dict[str, list[dict[str, object]]]) -> None:
    message = _at(findings, "domain_examples.md", "In our survey, 78%")["message"]
    assert message == (
        '"survey", "said", "would pay for" are stated preference and this paragraph cites no '
        "behavioural evidence (usage, retention, conversion, experiment)"
    )


def test_text_output_has_exact_position() -> None:
    result = run_cli("check", "--select", "PRD301", "--no-color", "domain_examples.md")
    assert result.returncode == 1
    assert "domain_examples.md:5:11: PRD301 [stated-preference-only]" in result.stdout


def test_explain_documents_the_rule() -> None:
    result = run_cli("explain", "PRD301")
    assert result.returncode == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "Options"):
        assert heading in result.stdout
    assert "stated-preference-only" in result.stdout


def test_a_long_cue_is_named_by_its_ends(findings: dict[str, list[dict[str, object]]]) -> None:
    message = str(_at(findings, "block_types.md", "The response to the preliminary")["message"])
    assert message.startswith('"response … positive" is stated preference')
