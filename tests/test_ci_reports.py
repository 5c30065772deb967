"""SARIF for code scanning and GitLab Code Quality, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.ci_cli import run_prdlint

SCHEMA = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)

DOC = """# Bulk export

## Stories

- As a user, I want to export my reports.
- As a user, I want to export my reports.
- As an admin, I want to purge exports.

## Notes

<!-- prdlint-disable-next-line PRD101 -->
Plain prose.
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "export.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def _sarif(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code, out, _ = run_prdlint(["check", "--format", "sarif", *args], root, capsys)
    return code, json.loads(out)


def test_sarif_validates_against_the_schema(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not SCHEMA.parent.parent.is_dir():
        pytest.skip(f"{SCHEMA.parent.parent} is missing: the SARIF schema lives in ../shared")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    code, log = _sarif(docs, capsys, "./docs")
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    assert code == 1
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert [r["ruleId"] for r in run["results"]] == ["PRD101", "PRD101", "PRD900"]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "docs/export.md", "uriBaseId": "%SRCROOT%"}
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "## Why is this bad?" in rules["PRD101"]["help"]["markdown"]


def test_sarif_has_no_security_severity_and_the_right_exit_code(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_prdlint(["check", "--format", "sarif", "--exit-zero", "docs"], docs, capsys)
    assert code == 0
    assert "security-severity" not in out
    assert json.loads(out)["runs"][0]["invocations"][0]["exitCode"] == 0


def test_sarif_fingerprints_are_the_baseline_fingerprints(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, log = _sarif(docs, capsys, "docs")
    printed = [r["partialFingerprints"]["prdlintFingerprint/v1"] for r in log["runs"][0]["results"]]
    run_prdlint(["baseline", "docs"], docs, capsys)
    recorded = json.loads((docs / ".prdlint-baseline.json").read_text(encoding="utf-8"))
    counts = {e["fingerprint"]: e["count"] for e in recorded["findings"]}
    assert {p: printed.count(p) for p in printed} == counts
    # Checked against that baseline, nothing is new: no results, and exit code 0.
    code, log = _sarif(docs, capsys, "--baseline", ".prdlint-baseline.json", "docs")
    assert code == 0 and log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["exitCode"] == 0


def test_gitlab_code_quality(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_prdlint(["check", "--format", "gitlab", "./docs"], docs, capsys)
    assert code == 1
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("PRD101", "minor", {"path": "docs/export.md", "lines": {"begin": 5, "end": 5}}),
        ("PRD101", "minor", {"path": "docs/export.md", "lines": {"begin": 6, "end": 6}}),
        ("PRD900", "minor", {"path": "docs/export.md", "lines": {"begin": 11, "end": 11}}),
    ]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 3
    assert fingerprints[1] == fingerprints[0] + "-2"
    assert issues[0]["description"].startswith('PRD101 [generic-persona] role "user"')
    assert all(i["type"] == "issue" for i in issues)


def test_gitlab_severities_follow_the_configured_severity(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (docs / ".prdlint.yaml").write_text("severity:\n  PRD101: error\n", encoding="utf-8")
    _, out, err = run_prdlint(["check", "--format", "gitlab", "docs"], docs, capsys)
    assert err == ""
    assert {i["check_name"]: i["severity"] for i in json.loads(out)} == {
        "PRD101": "major",
        "PRD900": "minor",
    }
