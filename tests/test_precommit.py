"""The real pre-commit runs prdlint as a hook from this checkout (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("pre-commit")
    if executable is None:
        pytest.fail("pre-commit is not installed: pip install -e '.[dev]'")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [executable, "try-repo", str(REPO), "prdlint", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def _repo_with(tmp_path: Path, text: str) -> Path:
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "Test")
    (repo / "PRD.md").write_text(text)
    _git(repo, "add", "PRD.md")
    _git(repo, "commit", "-q", "-m", "prd")
    return repo


def test_hook_fails_on_generic_persona_and_names_the_line(
    tmp_path: Path, precommit_home: Path
) -> None:
    repo = _repo_with(tmp_path, "# Export\n\nIntro.\n\n- As a user, I want to export reports.\n")
    result = _try_repo(repo, precommit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "PRD.md:5:8: PRD101" in output


def test_hook_passes_on_a_clean_prd(tmp_path: Path, precommit_home: Path) -> None:
    repo = _repo_with(tmp_path, "# Export\n\n- As a claims adjuster, I want to export reports.\n")
    result = _try_repo(repo, precommit_home)
    assert result.returncode == 0, result.stdout + result.stderr
