"""Unified diff parsing on real ``git diff`` output, and git's failure modes as one clear error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prdlint.gitdiff import GitDiffError, changes_since, parse_unified_diff, unquote_path
from tests.ci_gitrepo import GIT_ENV, GitRepo

LINES = "".join(f"line {n}\n" for n in range(1, 11))


def _diff(repo: GitRepo, *extra: str) -> str:
    return repo.git("diff", "--no-color", "-M", *extra, "HEAD~1", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/a.md", LINES)
    repo.write("docs/gone.md", "gone\n" * 10)
    repo.write("docs/old name.md", LINES)
    repo.write("docs/same.md", "same\n" * 10)
    repo.commit("first")
    return repo


def test_added_and_changed_lines_with_and_without_context(repo: GitRepo) -> None:
    text = LINES.replace("line 3\n", "line three\n").replace("line 7\n", "line 7\nnew a\nnew b\n")
    repo.write("docs/a.md", text)
    repo.commit("edit")
    for context in ("-U0", "-U3", "-U10"):
        change = parse_unified_diff(_diff(repo, context))["docs/a.md"]
        assert change.lines == {3, 8, 9}, context
        assert change.changed and not change.deleted


def test_pure_deletion_changes_the_file_without_lines(repo: GitRepo) -> None:
    repo.write("docs/a.md", LINES.replace("line 5\n", ""))
    repo.commit("delete a line")
    change = parse_unified_diff(_diff(repo, "-U0"))["docs/a.md"]
    assert change.changed and change.lines == set()


def test_rename_maps_to_the_new_path_and_delete_reports_nothing(repo: GitRepo) -> None:
    repo.git("mv", "docs/old name.md", "docs/new name.md")
    repo.write("docs/new name.md", LINES + "appended\n")
    repo.write("docs/a.md", "rewritten\n")
    repo.git("rm", "-q", "docs/gone.md")
    repo.commit("rename and delete")
    changes = parse_unified_diff(_diff(repo, "-U0"))
    renamed = changes["docs/new name.md"]
    assert renamed.old_path == "docs/old name.md" and renamed.lines == {11}
    assert "docs/old name.md" not in changes
    assert changes["docs/gone.md"].deleted


def test_pure_rename_is_no_content_change(repo: GitRepo) -> None:
    repo.git("mv", "docs/same.md", "docs/moved.md")
    repo.commit("move")
    change = parse_unified_diff(_diff(repo, "-U0"))["docs/moved.md"]
    assert change.old_path == "docs/same.md"
    assert not change.changed and change.lines == set()


def test_new_files_empty_files_and_quoted_paths(repo: GitRepo) -> None:
    repo.write("docs/empty.md", "")
    repo.write('docs/t\u00e9st "q".md', "one\ntwo\n")
    repo.write("docs/--- tricky.md", "-- not a header\n+++ nor this\n")
    repo.commit("new files")
    changes = parse_unified_diff(_diff(repo, "-U0"))
    assert changes["docs/empty.md"].changed and changes["docs/empty.md"].whole
    assert changes['docs/t\u00e9st "q".md'].lines == {1, 2}
    assert changes["docs/--- tricky.md"].lines == {1, 2}


def test_removed_lines_that_look_like_headers_stay_in_the_hunk(repo: GitRepo) -> None:
    repo.write("docs/a.md", "-- dash\n++ plus\n" + LINES)
    repo.commit("odd lines")
    repo.write("docs/a.md", LINES + "end\n")
    repo.commit("remove them")
    change = parse_unified_diff(_diff(repo, "-U0"))["docs/a.md"]
    assert change.path == "docs/a.md" and change.old_path == "docs/a.md"
    assert change.lines == {11}


def test_unquote_path_decodes_octal_utf8() -> None:
    assert unquote_path('"docs/caf\\303\\251.md"') == "docs/caf\u00e9.md"
    assert unquote_path('"a\\"b\\\\c\\td"') == 'a"b\\c\td'
    assert unquote_path("plain.md") == "plain.md"


def test_changes_since_includes_uncommitted_and_untracked(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("docs/a.md", LINES + "committed\n")
    repo.commit("feature work")
    repo.write("docs/a.md", LINES + "committed\nunstaged\n")
    repo.write("docs/untracked.md", "hello\n")
    repo.write(".gitignore", "ignored.md\n")
    repo.write("ignored.md", "x\n")
    scope = changes_since("main", repo.root)
    assert scope.files["docs/a.md"].lines == {11, 12}
    assert scope.files["docs/untracked.md"].whole
    assert "ignored.md" not in scope.files
    change = scope.change_for(repo.root / "docs" / "a.md")
    assert change is not None and change.covers(12, 12) and not change.covers(1, 10)


def test_missing_ref_is_one_clear_error(repo: GitRepo) -> None:
    with pytest.raises(GitDiffError, match=r"--diff nope: no such commit in this repository"):
        changes_since("nope", repo.root)
    with pytest.raises(GitDiffError, match="not a git ref"):
        changes_since("--output=/tmp/x", repo.root)


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitDiffError, match="is not inside a git repository"):
        changes_since("main", outside)


def test_shallow_clone_without_merge_base(repo: GitRepo, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("docs/a.md", LINES + "feature\n")
    repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.write("docs/a.md", LINES + "main\n")
    repo.commit("main moves on")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-single-branch", repo.root.as_uri(), clone],
        env=GIT_ENV,
        check=True,
    )
    subprocess.run(["git", "checkout", "-q", "feature"], cwd=clone, env=GIT_ENV, check=True)
    with pytest.raises(GitDiffError, match="no merge-base with HEAD in this shallow clone"):
        changes_since("origin/main", clone)
    with pytest.raises(GitDiffError, match="this is a shallow clone"):
        changes_since("HEAD~1", clone)


def test_crlf_and_unicode_line_separators_do_not_split_lines(repo: GitRepo) -> None:
    crlf = "".join(f"row {n}\u2028 more\x0c+ plus\x1c- minus\r\n" for n in range(1, 6))
    (repo.root / "docs" / "crlf.md").write_bytes(crlf.encode("utf-8"))
    repo.commit("crlf")
    changed = crlf.replace("row 2\u2028", "row two\u2028") + "row 6\r\n"
    (repo.root / "docs" / "crlf.md").write_bytes(changed.encode("utf-8"))
    repo.commit("edit crlf")
    assert parse_unified_diff(_diff(repo, "-U1"))["docs/crlf.md"].lines == {2, 6}
