"""Suppression comments, their scopes, and unused ones reported as PRD900."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, write


def _found(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = write(tmp_path / "prd.md", text)
    data = run_cli("check", "--format", "json", str(path)).json()
    return [(f["line"], f["code"]) for f in data["findings"]]


def test_disable_next_line(tmp_path: Path) -> None:
    text = (
        "<!-- prdlint-disable-next-line PRD101 -- legacy story -->\n"
        "As a user, I want A.\n\nAs a user, I want B.\n"
    )
    assert _found(tmp_path, text) == [(4, "PRD101")]


def test_disable_enable_range(tmp_path: Path) -> None:
    text = (
        "<!-- prdlint-disable PRD1 -->\n\nAs a user, I want A.\n\n"
        "<!-- prdlint-enable PRD1 -->\n\nAs a user, I want B.\n"
    )
    assert _found(tmp_path, text) == [(7, "PRD101")]


def test_disable_without_codes_means_all(tmp_path: Path) -> None:
    assert _found(tmp_path, "<!-- prdlint-disable -->\n\nAs a user, I want A.\n") == []


def test_disable_file(tmp_path: Path) -> None:
    text = "As a user, I want A.\n\n<!-- prdlint-disable-file PRD101 -->\n"
    assert _found(tmp_path, text) == []


def test_unused_suppression_is_reported(tmp_path: Path) -> None:
    text = "<!-- prdlint-disable-next-line PRD101 -->\nAs a claims adjuster, I want A.\n"
    path = write(tmp_path / "prd.md", text)
    result = run_cli("check", str(path))
    assert result.code == 1
    assert (
        f"{path}:1:1: PRD900 [unused-suppression] "
        "prdlint-disable-next-line suppresses nothing for PRD101" in result.out
    )


def test_suppression_of_an_unselected_rule_is_not_unused(tmp_path: Path) -> None:
    text = "<!-- prdlint-disable-next-line PRD301 -->\nCustomers told us so.\n"
    path = write(tmp_path / "prd.md", text)
    assert run_cli("check", "--select", "PRD1,PRD9", str(path)).code == 0


def test_directive_naming_no_rule(tmp_path: Path) -> None:
    text = "<!-- prdlint-disable-next-line because reasons -->\nAs a user, I want A.\n"
    path = write(tmp_path / "prd.md", text)
    result = run_cli("check", str(path))
    assert "names no rule: because, reasons" in result.out


def test_directive_inside_code_is_not_a_directive(tmp_path: Path) -> None:
    text = "```\n<!-- prdlint-disable-file -->\n```\n\nAs a user, I want A.\n"
    assert _found(tmp_path, text) == [(5, "PRD101")]


def test_unused_suppression_can_itself_be_ignored(tmp_path: Path) -> None:
    text = "<!-- prdlint-disable-next-line PRD101 -->\nAs a nurse, I want A.\n"
    path = write(tmp_path / "prd.md", text)
    assert run_cli("check", "--ignore", "PRD900", str(path)).code == 0
