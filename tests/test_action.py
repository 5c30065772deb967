"""The GitHub Action's shell steps, run locally with its inputs as environment variables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ci_gitrepo import GIT_ENV, GitRepo

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "action-run.sh"

OLD = """# Bulk export

## Stories

- As a user, I want to export my reports so that I can share them.
- As a claims adjuster, I want to export open claims.
"""
NEW_STORY = "- As a customer, I want to import last year's reports.\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main holds an old finding; the checked-out branch adds a generic story."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/export.md", OLD)
    repo.commit("PRD with an old finding")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("docs/export.md", OLD + NEW_STORY)
    repo.commit("add a generic story")
    return repo


def _step(
    step: str, repo: GitRepo, tmp_path: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = tmp_path / "github_output"
    outputs.write_text("", encoding="utf-8")
    env = {
        key: value for key, value in GIT_ENV.items() if not key.startswith(("GITHUB_", "PRDLINT_"))
    }
    env.update(
        {
            "GITHUB_OUTPUT": str(outputs),
            "GITHUB_BASE_REF": "main",
            "PRDLINT_PYTHON": sys.executable,
            **inputs,
        }
    )
    done = subprocess.run(
        ["bash", str(SCRIPT), step],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return done, written


def test_github_annotations_for_the_new_story_only(repo: GitRepo, tmp_path: Path) -> None:
    done, outputs = _step("run", repo, tmp_path, PRDLINT_PATHS="docs", PRDLINT_FORMAT="github")
    assert done.returncode == 1, done.stderr
    annotations = done.stdout.splitlines()
    assert len(annotations) == 1
    assert annotations[0].startswith(
        "::warning file=docs/export.md,line=7,col=8,endLine=7,endColumn=16,title=PRD101::"
    )
    assert outputs == {"exit-code": "1"}


def test_diff_base_none_checks_every_line(repo: GitRepo, tmp_path: Path) -> None:
    done, _ = _step("run", repo, tmp_path, PRDLINT_PATHS="docs", PRDLINT_DIFF_BASE="none")
    assert done.returncode == 1
    assert [line.split(",")[1] for line in done.stdout.splitlines()] == ["line=5", "line=7"]


def test_args_are_passed_and_origin_prefix_is_found(repo: GitRepo, tmp_path: Path) -> None:
    repo.git("update-ref", "refs/remotes/origin/trunk", "main")
    done, outputs = _step(
        "run",
        repo,
        tmp_path,
        GITHUB_BASE_REF="trunk",
        PRDLINT_PATHS="docs",
        PRDLINT_ARGS="--select PRD9",
    )
    assert (done.returncode, done.stdout, outputs) == (0, "", {"exit-code": "0"})
    done, _ = _step("run", repo, tmp_path, GITHUB_BASE_REF="trunk", PRDLINT_PATHS="docs")
    assert done.returncode == 1 and len(done.stdout.splitlines()) == 1


def test_sarif_is_written_then_finish_fails(repo: GitRepo, tmp_path: Path) -> None:
    done, outputs = _step(
        "run",
        repo,
        tmp_path,
        PRDLINT_PATHS="docs",
        PRDLINT_FORMAT="sarif",
        PRDLINT_SARIF_FILE="out.sarif",
    )
    assert done.returncode == 0, done.stderr
    assert outputs == {"exit-code": "1", "sarif-file": "out.sarif"}
    log = json.loads((repo.root / "out.sarif").read_text(encoding="utf-8"))
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in log["runs"][0]["results"]
    ] == [7]
    finished, _ = _step("finish", repo, tmp_path, PRDLINT_EXIT_CODE=outputs["exit-code"])
    assert finished.returncode == 1


def test_errors_fail_the_run_step(repo: GitRepo, tmp_path: Path) -> None:
    done, outputs = _step("run", repo, tmp_path, PRDLINT_FORMAT="sarif", GITHUB_BASE_REF="gone")
    assert done.returncode == 2 and outputs == {"exit-code": "2"}
    assert "--diff gone: no such commit" in done.stderr
    done, _ = _step("run", repo, tmp_path, PRDLINT_FORMAT="xml")
    assert done.returncode == 2 and "format must be 'github' or 'sarif'" in done.stderr
    done, _ = _step("run", repo, tmp_path, PRDLINT_PATHS="docs/*.md")
    assert done.returncode == 2 and "docs/*.md: no such file or directory" in done.stderr


def test_install_uses_the_actions_own_checkout(repo: GitRepo, tmp_path: Path) -> None:
    log = tmp_path / "pip-args"
    fake = tmp_path / "fake-python"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{log}"\n', encoding="utf-8")
    fake.chmod(0o755)
    done, _ = _step(
        "install", repo, tmp_path, PRDLINT_PYTHON=str(fake), PRDLINT_ACTION_PATH=str(ROOT)
    )
    assert done.returncode == 0, done.stderr
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"] and args[-1] == str(ROOT)
    done, _ = _step("install", repo, tmp_path, PRDLINT_PYTHON=str(fake))
    assert done.returncode == 2 and "PRDLINT_ACTION_PATH" in done.stderr


def test_action_yml_passes_every_input_to_the_script() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) >= {"paths", "args", "diff-base", "format"}
    assert action["inputs"]["diff-base"]["default"] == "${{ github.base_ref }}"
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    script_vars = set(re.findall(r"\$\{?(PRDLINT_[A-Z_]+)", SCRIPT.read_text(encoding="utf-8")))
    given: set[str] = set()
    for step in steps:
        if "run" in step:
            assert step["run"].startswith('bash "${{ github.action_path }}/scripts/action-run.sh"')
            given |= set(step.get("env", {}))
            for value in step.get("env", {}).values():
                assert value.startswith("${{ "), value  # inputs reach the shell as data only
    assert script_vars - {"PRDLINT_PYTHON"} == given
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert "inputs.format == 'sarif'" in upload["if"]


def test_example_workflow_uses_the_action_with_full_history() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text("utf-8"))
    steps = workflow["jobs"]["prdlint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert {"paths", "format"} <= set(steps[1]["with"])
    assert os.access(SCRIPT, os.X_OK)
