"""Output formats other tools read: SARIF (schema-valid), GitHub annotations, JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import SHARED, run_cli, write

GENERIC = "# Export\n\n- As a user, I want to export reports.\n"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def test_sarif_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} missing: ../shared is not beside this checkout")
    path = write(tmp_path / "prd.md", GENERIC)
    result = run_cli("check", "--format", "sarif", str(path))
    assert result.code == 1
    log = json.loads(result.out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "PRD101" in rule_ids
    descriptor = run["tool"]["driver"]["rules"][rule_ids.index("PRD101")]
    assert "Why" in descriptor["help"]["markdown"]
    (res,) = run["results"]
    assert res["ruleId"] == "PRD101"
    assert rule_ids[res["ruleIndex"]] == "PRD101"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 8, 12)
    assert run["invocations"][0]["exitCode"] == 1
    assert "security-severity" not in json.dumps(log)


def test_sarif_valid_with_no_findings(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} missing: ../shared is not beside this checkout")
    path = write(tmp_path / "prd.md", "# Nothing to see\n")
    log = json.loads(run_cli("check", "--format", "sarif", str(path)).out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    assert log["runs"][0]["results"] == []


def test_github_annotations(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC)
    out = run_cli("check", "--format", "github", str(path)).out.strip()
    assert out.startswith(
        f"::warning file={path},line=3,col=8,endLine=3,endColumn=12,title=PRD101::"
    )
    assert 'role "user" names no role or segment' in out


def test_junit_one_testcase_per_file(tmp_path: Path) -> None:
    write(tmp_path / "a.md", GENERIC)
    write(tmp_path / "b.md", "# Clean\n")
    root = ET.fromstring(run_cli("check", "--format", "junit", str(tmp_path)).out)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {Path(c.get("name", "")).name: c for c in suite.findall("testcase")}
    assert cases["a.md"].find("failure") is not None
    assert cases["b.md"].find("failure") is None
