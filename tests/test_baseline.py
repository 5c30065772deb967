"""``prdlint baseline`` and ``prdlint check --baseline`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prdlint.baseline import BaselineError, load
from prdlint.engine import Engine, Overrides
from tests.ci_cli import run_prdlint
from tests.ci_gitrepo import GitRepo

DOC = """# Bulk export

## Stories

- As a user, I want to export my reports so that I can share them.
- As a claims adjuster, I want to export open claims.

## Later

- As a customer, I want a weekly digest.
"""


def _findings(out: str) -> list[str]:
    return [line.split(" ")[0] for line in out.splitlines() if ": PRD" in line]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "export.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def _baseline(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run_prdlint(["baseline", "docs", "-o", ".prdlint-baseline.json"], root, capsys)
    assert code == 0 and out == ""
    assert err == "prdlint: recorded 2 finding(s) in 1 file(s) in .prdlint-baseline.json\n"
    data = json.loads((root / ".prdlint-baseline.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_baseline_records_findings_without_lines(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _baseline(docs, capsys)
    entries = data["findings"]
    assert isinstance(entries, list)
    assert [(e["path"], e["section"], e["text"], e["count"]) for e in entries] == [
        ("docs/export.md", "Bulk export > Later", "customer", 1),
        ("docs/export.md", "Bulk export > Stories", "user", 1),
    ]
    assert all("line" not in e for e in entries)


def test_check_with_baseline_fails_only_on_new_findings(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _baseline(docs, capsys)
    code, out, err = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "docs"], docs, capsys
    )
    assert (code, _findings(out)) == (0, [])
    assert err == "prdlint: baseline .prdlint-baseline.json: 2 known finding(s) not reported\n"
    # Twenty lines inserted above the baselined findings keep them matched.
    padding = "".join(f"Background paragraph {n}.\n\n" for n in range(10))
    shifted = DOC.replace("## Stories\n\n", "## Stories\n\n" + padding)
    assert shifted.count("\n") == DOC.count("\n") + 20
    (docs / "docs" / "export.md").write_text(shifted, encoding="utf-8")
    code, out, _ = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "docs"], docs, capsys
    )
    assert (code, _findings(out)) == (0, [])
    # A new generic story fails, and only it is reported.
    (docs / "docs" / "export.md").write_text(
        shifted + "- As a visitor, I want to log in.\n", encoding="utf-8"
    )
    code, out, _ = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "docs"], docs, capsys
    )
    assert (code, _findings(out)) == (1, ["docs/export.md:31:8:"])


def test_duplicates_are_counted(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twice = DOC.replace(
        "- As a claims adjuster", "- As a user, I want a second report.\n- As a claims adjuster"
    )
    (docs / "docs" / "export.md").write_text(twice, encoding="utf-8")
    run_prdlint(["baseline", "docs"], docs, capsys)
    entries = load(docs / ".prdlint-baseline.json")
    assert sorted(e.count for e in entries) == [1, 2]
    thrice = twice.replace("- As a claims adjuster", "- As a user, I want a third.\n- As a claims")
    (docs / "docs" / "export.md").write_text(thrice, encoding="utf-8")
    code, out, _ = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "docs"], docs, capsys
    )
    assert (code, _findings(out)) == (1, ["docs/export.md:7:8:"])


def test_stale_entries_are_reported_and_pruned(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _baseline(docs, capsys)
    fixed = DOC.replace("- As a user,", "- As a payroll clerk,") + "- As a user, I want X.\n"
    (docs / "docs" / "export.md").write_text(fixed, encoding="utf-8")
    code, out, err = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "--format", "json", "docs"],
        docs,
        capsys,
    )
    # The user story moved to another section: a new finding there, a stale one in "Stories".
    assert code == 1
    payload = json.loads(out)
    assert [(f["line"], f["code"]) for f in payload["findings"]] == [(11, "PRD101")]
    assert payload["baseline"]["known"] == 1
    assert [(e["section"], e["text"], e["count"]) for e in payload["baseline"]["stale"]] == [
        ("Bulk export > Stories", "user", 1)
    ]
    assert err.count("\n") == 1 and "1 recorded finding(s) no longer occur" in err
    # --prune drops the stale entry and does not absorb the new finding.
    code, _, err = run_prdlint(["baseline", "--prune", "docs"], docs, capsys)
    assert code == 0 and "dropped 1 finding(s)" in err
    entries = load(docs / ".prdlint-baseline.json")
    assert [(e.section, e.text) for e in entries] == [("Bulk export > Later", "customer")]


def test_entries_of_unchecked_files_are_not_stale(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (docs / "docs" / "other.md").write_text(DOC, encoding="utf-8")
    run_prdlint(["baseline", "docs"], docs, capsys)
    code, _, err = run_prdlint(
        ["check", "--baseline", ".prdlint-baseline.json", "docs/other.md"], docs, capsys
    )
    assert code == 0 and "no longer occur" not in err
    run_prdlint(["baseline", "--prune", "docs/other.md"], docs, capsys)
    assert len(load(docs / ".prdlint-baseline.json")) == 4


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("{not json", "invalid JSON"),
        ("[]", 'expected an object with "version" and "findings"'),
        ('{"version": 2, "findings": []}', "version 2, expected 1"),
        ('{"version": 1, "findings": {}}', '"findings" is not a list'),
        ('{"version": 1, "findings": [{"fingerprint": "xyz"}]}', "not a hex digest"),
        (
            '{"version": 1, "findings": [{"fingerprint": "abcdef0123", "count": 0}]}',
            "count is not a positive integer",
        ),
    ],
)
def test_malformed_baseline_is_one_error_and_exit_2(
    docs: Path, capsys: pytest.CaptureFixture[str], content: str, detail: str
) -> None:
    (docs / "bad.json").write_text(content, encoding="utf-8")
    code, out, err = run_prdlint(["check", "--baseline", "bad.json", "docs"], docs, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("prdlint: error: bad.json")
    assert detail in err
    with pytest.raises(BaselineError):
        load(docs / "bad.json")


def test_missing_baseline_file(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_prdlint(["check", "--baseline", "nope.json", "docs"], docs, capsys)
    assert code == 2
    assert err == (
        "prdlint: error: nope.json: no such baseline file "
        "(create it with: prdlint baseline -o nope.json)\n"
    )


def test_baseline_with_diff_in_a_git_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/export.md", DOC)
    repo.commit("first")
    assert run_prdlint(["baseline", "docs"], repo.root, capsys)[0] == 0
    repo.commit("adopt prdlint with a baseline")
    repo.write("docs/export.md", DOC.replace("## Later", "Intro.\n\n## Later"))
    code, out, err = run_prdlint(
        ["check", "--diff", "HEAD", "--baseline", ".prdlint-baseline.json", "docs"],
        repo.root,
        capsys,
    )
    assert (code, _findings(out)) == (0, [])
    assert "no longer occur" not in err


# Only fixtures that expect findings: the contract is about the findings they produce.
FIXTURES = sorted(
    p
    for p in (Path(__file__).parent / "fixtures" / "rules").glob("*/*.md")
    if "<!-- expect" in p.read_text(encoding="utf-8")
)


def test_every_finding_fills_the_fingerprint_contract(tmp_path: Path) -> None:
    text = DOC + "\n<!-- prdlint-disable-next-line PRD101 -->\nPlain prose.\n"
    path = tmp_path / "contract.md"
    path.write_text(text, encoding="utf-8")
    findings = Engine().lint_file(path).findings
    assert {f.code for f in findings} == {"PRD101", "PRD900"}
    for finding in findings:
        assert finding.fingerprint_text, finding
        assert finding.section.startswith("Bulk export > "), finding
        assert str(finding.line) not in finding.fingerprint_text


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixtures_fill_the_fingerprint_contract(fixture: Path) -> None:
    """Every rule's fixture findings carry their own flagged text (see Finding's docstring)."""
    findings = (
        Engine(overrides=Overrides(extend_select=(fixture.parent.name,)))
        .lint_file(fixture)
        .findings
    )
    if not findings:
        pytest.skip(f"{fixture.name} has no findings")
    for finding in findings:
        assert finding.fingerprint_text.strip(), finding
        assert isinstance(finding.section, str)
