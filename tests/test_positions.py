"""Findings point at the exact role words in every block type and through inline markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, write


def _flagged(path: Path, finding: dict) -> str:
    """The source text a finding's range covers (single-line ranges)."""
    raw = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    lines = raw.replace("\r\n", "\n").split("\n")
    assert finding["line"] == finding["end_line"]
    line = lines[finding["line"] - 1]
    return line[finding["column"] - 1 : finding["end_column"] - 1]


# «…» marks the words the finding must cover; the markers are removed before writing.
CASES = {
    "paragraph": "Intro.\n\nAs a «user», I want to export reports.\n",
    "list item": "# S\n\n- first\n- As a «user», I want to export.\n",
    "ordered list item": "1. As a «user», I want to export.\n",
    "nested list item": "- top\n  - As a «user», I want to export.\n",
    "table cell": "| P | Story |\n|---|---|\n| P1 | As a «user», I want it. |\n",
    "heading": "## As a «user», I want to export\n\ntext\n",
    "setext heading": "As a «user», I want to export\n---\n\ntext\n",
    "blockquote": "> Quote\n>\n> As a «user», I want to export.\n",
    "list in a blockquote": "> - As a «user», I want to export.\n",
    "bold role": "As a **«user»**, I want to export.\n",
    "emphasis before": "We *really* care. As a «user», I want it.\n",
    "after a link": "See [the spec](http://example.com/user). As a «user», I want it.\n",
    "after inline code": "Run `as a user` now. As a «user», I want it.\n",
    "after an entity": "Tom &amp; Jerry. As a «user», I want it.\n",
    "escaped pipe in a cell": "| a \\| b | As a «user», I want it |\n|---|---|\n| x | y |\n",
    "second line of a paragraph": "We write stories.\nAs a «user», I want it.\n",
    "split story (BMAD)": "As a\n«user»,\nI want it,\nso that it works.\n",
    "Kiro user story": "### Requirement 1\n\n**User Story:** As a «user», I want it, so that ok.\n",
    "non-BMP character before": "😀 As a «user», I want it.\n",
}


def _expected(text: str) -> tuple[str, int, int]:
    """The text without markers, and the 1-based line and column of the marked words."""
    start = text.index("«")
    before = text[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    return text.replace("«", "").replace("»", ""), line, column


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_prd101_points_at_the_role_words(tmp_path: Path, name: str, newline: str) -> None:
    text, line, column = _expected(CASES[name])
    path = write(tmp_path / "doc.md", text, newline)
    result = run_cli("check", "--format", "json", "--select", "PRD101", str(path))
    findings = result.json()["findings"]
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding["line"], finding["column"]) == (line, column)
    assert _flagged(path, finding) == "user"


def test_bom_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeffAs a user, I want it.\n".encode())
    finding = run_cli("check", "--format", "json", str(path)).json()["findings"][0]
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 6, 10)


def test_two_stories_on_one_line_give_two_findings(tmp_path: Path) -> None:
    path = write(tmp_path / "two.md", "As a user, I want A. As a user, I want B.\n")
    findings = run_cli("check", "--format", "json", str(path)).json()["findings"]
    assert [(f["line"], f["column"]) for f in findings] == [(1, 6), (1, 27)]


@pytest.mark.parametrize(
    "text",
    [
        "```\nAs a user, I want it.\n```\n",
        "    As a user, I want it.\n",
        "<!-- As a user, I want it. -->\n",
        "---\nsummary: As a user, I want it.\n---\n\nBody.\n",
        "Run `As a user, I want it` here.\n",
        "<div>As a user, I want it.</div>\n",
    ],
    ids=["fence", "indented code", "comment", "front matter", "inline code", "raw html"],
)
def test_what_does_not_render_is_never_linted(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "hidden.md", text)
    assert run_cli("check", "--format", "json", str(path)).json()["findings"] == []
