"""``prdlint check --diff REF`` on real git repositories built in a temporary folder."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from prdlint.findings import Finding, Severity
from prdlint.gitdiff import FileChange
from prdlint.rulebook import Rule, RuleBook, RuleDocs
from prdlint.scope import DOCUMENT_LEVEL_KINDS, in_change
from tests.ci_cli import run_prdlint
from tests.ci_gitrepo import GIT_ENV, GitRepo

OLD = """# Bulk export

## Stories

- As a user, I want to export my reports so that I can share them.
- As a claims adjuster, I want to export open claims.
"""
NEW_STORY = "- As a customer, I want to import last year's reports.\n"


def _lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": PRD" in line]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/export.md", OLD)
    repo.write("docs/other.md", OLD.replace("Bulk export", "Other"))
    repo.write("docs/doomed.md", OLD.replace("Bulk export", "Doomed"))
    repo.commit("PRDs with old findings")
    return repo


def test_diff_reports_only_the_new_story(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("docs/export.md", OLD + NEW_STORY)
    repo.commit("add a generic story")
    code, out, _ = run_prdlint(["check", "--diff", "HEAD~1", "docs"], repo.root, capsys)
    assert _lines(out) == [
        'docs/export.md:7:8: PRD101 [generic-persona] role "customer" names no role or '
        "segment; name who this is: a role, segment or stage (e.g. claims adjuster, trial admin)"
    ]
    assert code == 1
    # The same repository without --diff has all three old findings as well.
    code, out, _ = run_prdlint(["check", "docs"], repo.root, capsys)
    assert code == 1 and len(_lines(out)) == 4


def test_no_change_since_ref_passes(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_prdlint(["check", "--diff", "HEAD"], repo.root, capsys)
    assert code == 0 and _lines(out) == []


def test_uncommitted_and_untracked_changes_count(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("docs/other.md", OLD.replace("Bulk export", "Other") + NEW_STORY)
    repo.write("docs/fresh.md", "# Fresh\n\n- As a user, I want a thing.\n")
    code, out, _ = run_prdlint(["check", "--diff", "HEAD", "."], repo.root, capsys)
    assert code == 1
    assert [line.split(" ")[0] for line in _lines(out)] == [
        "docs/fresh.md:3:8:",
        "docs/other.md:7:8:",
    ]


def test_renamed_and_deleted_files(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("mv", "docs/other.md", "docs/renamed.md")
    repo.write("docs/renamed.md", OLD.replace("Bulk export", "Other") + NEW_STORY)
    repo.git("mv", "docs/export.md", "docs/moved.md")  # a pure rename: nothing changed
    repo.git("rm", "-q", "docs/doomed.md")
    repo.commit("rename, move and delete")
    code, out, err = run_prdlint(
        ["check", "--diff", "HEAD~1", "--format", "json", "docs"], repo.root, capsys
    )
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["line"]) for f in findings] == [("docs/renamed.md", 7)]
    assert code == 1 and err == ""


def test_document_level_finding_only_when_the_document_changed(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "---\ntitle: [unclosed\n---\n" + OLD.replace("- As a user", "- As a nurse")
    repo.write("docs/broken.md", broken)
    repo.write("docs/broken-too.md", broken)
    repo.commit("two documents with bad front matter")
    repo.write("docs/broken.md", broken + "\nA closing paragraph.\n")
    code, out, _ = run_prdlint(["check", "--diff", "HEAD", "docs"], repo.root, capsys)
    assert [line.split(" ")[:2] for line in _lines(out)] == [["docs/broken.md:1:1:", "PRD902"]]
    assert code == 1


def _rule(kind: str) -> Rule:
    docs = RuleDocs("what", "why", "example", "use instead")
    return Rule("PRD299", "test-rule", kind, Severity.WARNING, "s", "m", "f", docs)


def test_document_level_kinds_are_decided_in_one_place() -> None:
    assert "document-grounding" in DOCUMENT_LEVEL_KINDS
    finding = Finding("a.md", 3, 1, 3, 9, "PRD299", "test-rule", Severity.WARNING, "m")
    touched_elsewhere = FileChange(path="a.md", lines={10}, changed=True)
    renamed_only = FileChange(path="a.md", old_path="b.md", changed=False)
    document_level = RuleBook([_rule("document-grounding")])
    line_level = RuleBook([_rule("story-role")])
    assert in_change(finding, touched_elsewhere, document_level)
    assert not in_change(finding, renamed_only, document_level)
    assert not in_change(finding, touched_elsewhere, line_level)
    assert in_change(finding, FileChange(path="a.md", lines={3}, changed=True), line_level)


def _subprocess(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prdlint", *args],
        cwd=cwd,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_ref_is_one_line_and_exit_2(repo: GitRepo) -> None:
    done = _subprocess(["check", "--diff", "origin/main", "docs"], repo.root)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("prdlint: error: --diff origin/main: no such commit")


def test_shallow_clone_is_one_line_and_exit_2(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("docs/export.md", OLD + NEW_STORY)
    repo.commit("second")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), clone], env=GIT_ENV, check=True
    )
    done = _subprocess(["check", "--diff", "HEAD~1", "docs"], clone)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "this is a shallow clone" in done.stderr


def test_diff_outside_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text(OLD, encoding="utf-8")
    env = {**GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "prdlint", "check", "--diff", "main", "a.md"],
        cwd=plain,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "is not inside a git repository" in done.stderr


def test_diff_from_a_subfolder_and_from_stdin(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("docs/export.md", OLD + NEW_STORY)
    repo.commit("add a generic story")
    code, out, _ = run_prdlint(["check", "--diff", "HEAD~1", "."], repo.root / "docs", capsys)
    assert (code, [line.split(" ")[0] for line in _lines(out)]) == (1, ["export.md:7:8:"])
    code, _, err = run_prdlint(["check", "--diff", "HEAD~1", "-"], repo.root, capsys)
    assert code == 2 and "--diff needs --stdin-filename" in err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((OLD + NEW_STORY).encode())))
    code, out, _ = run_prdlint(
        ["check", "--diff", "HEAD~1", "--stdin-filename", "docs/export.md", "-"], repo.root, capsys
    )
    assert (code, [line.split(" ")[0] for line in _lines(out)]) == (1, ["docs/export.md:7:8:"])


def test_a_changed_unreadable_file_is_reported_once(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "docs" / "export.md").write_bytes(OLD.encode("utf-8") + b"caf\xe9\x00\n")
    code, out, _ = run_prdlint(["check", "--diff", "HEAD", "docs"], repo.root, capsys)
    assert [line.split(" ")[:2] for line in _lines(out)] == [["docs/export.md:1:1:", "PRD901"]]
    assert code == 1
