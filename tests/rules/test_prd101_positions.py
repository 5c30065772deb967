"""PRD101 findings point at exactly the role words, in every block type."""

from __future__ import annotations

import pytest

from prdlint.engine import Engine, Overrides
from prdlint.findings import Finding


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(overrides=Overrides(select=("PRD101",)))


def _covered(text: str, finding: Finding) -> str:
    """The source text between a finding's start and (exclusive) end."""
    lines = text.split("\n")
    if finding.line == finding.end_line:
        return lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
    first = lines[finding.line - 1][finding.column - 1 :]
    middle = lines[finding.line : finding.end_line - 1]
    last = lines[finding.end_line - 1][: finding.end_column - 1]
    return "\n".join([first, *middle, last])


CASES = {
    "paragraph": ("Intro line.\nAs a user, I want to pin a note.\n", ["user"]),
    "list item": (
        "- first\n- As a registered user, I want to reset a password.\n",
        ["registered user"],
    ),
    "ordered list": ("1. As an app user, I want offline notes.\n", ["app user"]),
    "table cell": (
        "| Story | P |\n|---|---|\n| As a customer, I want a receipt. | P1 |\n",
        ["customer"],
    ),
    "heading": ("# Title\n\n## As a visitor, I want a tour\n", ["visitor"]),
    "blockquote": ("> Note\n> As a subscriber, I want to pause my plan.\n", ["subscriber"]),
    "bold role": ("As a **logged-in user**, I want my cart kept.\n", ["logged-in user"]),
    "emphasis inside": ("As a *registered* user, I want x.\n", ["registered* user"]),
    "split lines": ("As a user,\nI want a reminder,\nso that I come back.\n", ["user"]),
    "bold keywords": ("**As a** user\n**I want** stacked widgets\n", ["user"]),
    "kiro": ("**User Story:** As an end user, I want a magic link.\n", ["end user"]),
    "two on a line": (
        "As a user, I want to star a file; as a user, I want to unstar it.\n",
        ["user", "user"],
    ),
    "nested list in quote": ("> - As a member, I want to vote.\n", ["member"]),
    "crlf": ("Intro.\r\n\r\nAs a client, I want a statement.\r\n", ["client"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_span_covers_the_role_words(engine: Engine, name: str) -> None:
    text, roles = CASES[name]
    result = engine.lint_text(text, f"{name}.md")
    findings = [f for f in result.findings if f.code == "PRD101"]
    source = text.replace("\r\n", "\n")
    assert [_covered(source, f) for f in findings] == roles


def test_line_and_column_are_one_based(engine: Engine) -> None:
    result = engine.lint_text("# T\n\n- As a user, I want x.\n", "t.md")
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 8, 3, 12)


def test_specific_roles_get_no_finding_in_any_block(engine: Engine) -> None:
    text = (
        "As a nurse, I want x.\n\n- As a claims adjuster, I want y.\n\n"
        "| As a first-time visitor, I want z. |\n|---|\n\n## As an admin user, I want w\n\n"
        "> As a data steward, I want v.\n"
    )
    assert engine.lint_text(text, "s.md").findings == []
