"""The server's pieces without a client: positions, actions, the linter's caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lsprotocol import types

from prdlint.server.actions import code_actions, persona_actions
from prdlint.server.diagnostics import to_diagnostics
from prdlint.server.linting import DocumentLinter, path_of
from prdlint.server.positions import UTF8, UTF16, UTF32, LineIndex, from_units, to_units

ROCKET = "\U0001f680"


@pytest.mark.parametrize(("encoding", "expected"), [(UTF16, 5), (UTF8, 7), (UTF32, 4)])
def test_code_units_count_a_non_bmp_character_per_encoding(encoding: str, expected: int) -> None:
    line = f"a{ROCKET}b c"
    assert to_units(line, 4, encoding) == expected  # before "c": 4 code points
    assert from_units(line, expected, encoding) == 4


def test_line_index_handles_crlf_and_a_bom() -> None:
    index = LineIndex(f"\ufeffAs a user\r\nx {ROCKET} user\r\n")
    assert index.position(1, 6) == (0, 6)  # BOM is a unit in the buffer, not a prdlint column
    assert index.position(2, 5) == (1, 5)  # "x 🚀 " is 4 code points, 5 UTF-16 units
    assert index.position(99, 1) == (2, 0)  # past the end: clamped


def _diagnostic(line: int, start: int, end: int, code: str = "PRD101") -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=line, character=start),
            end=types.Position(line=line, character=end),
        ),
        message="m",
        code=code,
        source="prdlint",
    )


def test_disable_action_keeps_indentation_and_quote_markers() -> None:
    text = "  - As a user, I want x\n> As a customer, I want y\n"
    index = LineIndex(text)
    cursor = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=1, character=20)
    )
    actions = code_actions(
        "file:///p.md", [_diagnostic(0, 9, 13), _diagnostic(1, 7, 15)], cursor, index, []
    )
    inserted = [
        a.edit.changes["file:///p.md"][0].new_text for a in actions if a.edit and a.edit.changes
    ]
    assert inserted == [
        "  <!-- prdlint-disable-next-line PRD101 -->\n",
        "> <!-- prdlint-disable-next-line PRD101 -->\n",
    ]


def test_no_disable_action_inside_a_table_row() -> None:
    index = LineIndex("| As a user | I want x |\n")
    cursor = types.Range(
        start=types.Position(line=0, character=7), end=types.Position(line=0, character=7)
    )
    titles = [a.title for a in code_actions("u", [_diagnostic(0, 7, 11)], cursor, index, ["nurse"])]
    assert titles == ['Replace "user" with persona "nurse"']


@pytest.mark.parametrize(
    ("line", "persona", "expected"),
    [
        ("As a user, I want", "Account admin", "As an account admin, I want"),
        ("As an end user, I want", "nurse", "As a nurse, I want"),
        ("AS A USER, I WANT", "EMT", "AS AN EMT, I WANT"),
        (
            f"{ROCKET} As a user, I want",
            "claims adjuster",
            f"{ROCKET} As a claims adjuster, I want",
        ),
    ],
)
def test_persona_action_fixes_article_and_case(line: str, persona: str, expected: str) -> None:
    role = "end user" if "end user" in line else ("USER" if "USER" in line else "user")
    start = line.index(role)
    index = LineIndex(line)
    begin, end = to_units(line, start), to_units(line, start + len(role))
    (action,) = persona_actions("u", _diagnostic(0, begin, end), index, [persona])
    (edit,) = action.edit.changes["u"]  # type: ignore[union-attr,index]
    first = from_units(line, edit.range.start.character)
    last = from_units(line, edit.range.end.character)
    assert line[:first] + edit.new_text + line[last:] == expected


def test_linter_reuses_results_for_a_known_text_and_rereads_a_changed_config(
    tmp_path: Path,
) -> None:
    linter = DocumentLinter(root=tmp_path)
    uri = (tmp_path / "prd.md").as_uri()
    story = "# P\n\n- As a user, I want to export so that I can share.\n"
    first = linter.lint(uri, story)
    assert [f.code for f in first.findings] == ["PRD101"]
    assert linter.lint(uri, story) is first and linter.hits == 1

    config = tmp_path / ".prdlint.yaml"
    config.write_text("ignore: [PRD101]\n", encoding="utf-8")
    assert linter.lint(uri, story).findings == ()
    config.write_text("ignore: [PRD9]\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a change with the same size: the mtime tells
    assert [f.code for f in linter.lint(uri, story).findings] == ["PRD101"]
    config.write_text("ignore: PRD101\n", encoding="utf-8")
    problem = linter.lint(uri, story).problem
    assert problem is not None and "ignore: expected a list" in problem


def test_unsaved_buffers_take_config_from_the_workspace_root(tmp_path: Path) -> None:
    (tmp_path / ".prdlint.yaml").write_text("ignore: [PRD101]\n", encoding="utf-8")
    linter = DocumentLinter(root=tmp_path)
    assert path_of("untitled:Untitled-1") is None
    outcome = linter.lint("untitled:Untitled-1", "As a user, I want to export reports.\n")
    assert outcome.findings == () and outcome.problem is None


def test_diagnostic_ranges_follow_the_buffer(tmp_path: Path) -> None:
    text = f"# P\n\n- {ROCKET} As a user, I want to export so that I can share.\n"
    outcome = DocumentLinter(root=tmp_path).lint((tmp_path / "p.md").as_uri(), text)
    (diagnostic,) = to_diagnostics(outcome.findings, text.replace("\n", "\r\n"))
    assert diagnostic.range.start == types.Position(line=2, character=len("- xx As a "))
    assert diagnostic.severity == types.DiagnosticSeverity.Warning


def test_notifications_leave_no_futures_behind() -> None:
    from prdlint.server.protocol import create_server

    server = create_server(DocumentLinter())
    for _ in range(20):
        server.protocol._handle_notification(
            types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Off)
        )
    assert len(server.protocol._request_futures) == 0


def test_a_broken_explicit_config_is_reported_until_it_is_fixed(tmp_path: Path) -> None:
    config = tmp_path / "prdlint.yaml"
    config.write_text("ignore: [PRD101]\n", encoding="utf-8")
    linter = DocumentLinter(config_path=config, root=tmp_path)
    uri = (tmp_path / "prd.md").as_uri()
    story = "# P\n\n- As a user, I want to export so that I can share.\n"
    assert linter.lint(uri, story).findings == ()

    config.write_text("ignore: [PRD101\n", encoding="utf-8")
    first = linter.lint(uri, story).problem
    assert first is not None and "invalid YAML" in first
    assert linter.lint(uri, story).problem == first  # still broken: still said

    config.write_text("select: [PRD1]\n", encoding="utf-8")
    assert [f.code for f in linter.lint(uri, story).findings] == ["PRD101"]
