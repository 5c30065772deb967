"""The CLI end to end: output formats, options, exit codes, and bad input as one clear line."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, write

GENERIC = "# Export\n\n- As a user, I want to export reports.\n"
CLEAN = "# Export\n\n- As a claims adjuster, I want to export reports.\n"


def test_text_output_format_and_exit_code(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC)
    result = run_cli("check", str(path))
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.startswith(f'{path}:3:8: PRD101 [generic-persona] role "user"')
    assert "\x1b[" not in result.out  # not a TTY: no colour


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    result = run_cli("check", str(write(tmp_path / "prd.md", CLEAN)))
    assert result.code == 0
    assert "All checks passed" in result.out


def test_exit_zero_reports_but_succeeds(tmp_path: Path) -> None:
    result = run_cli("check", "--exit-zero", str(write(tmp_path / "prd.md", GENERIC)))
    assert result.code == 0
    assert "PRD101" in result.out


def test_json_shape_is_stable(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC)
    data = run_cli("check", "--format", "json", str(path)).json()
    assert data["version"] == 1
    assert data["tool"]["name"] == "prdlint"
    assert data["files_checked"] == 1
    (finding,) = data["findings"]
    assert set(finding) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
    }
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        3,
        8,
        3,
        12,
    )
    assert finding["path"] == str(path)
    assert finding["severity"] == "warning"


def test_paths_are_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "docs" / "a.md", GENERIC)
    monkeypatch.chdir(tmp_path)
    data = run_cli("check", "--format", "json", "docs").json()
    assert [f["path"] for f in data["findings"]] == [os.path.join("docs", "a.md")]


def test_folders_recurse_into_markdown_and_skip_hidden(tmp_path: Path) -> None:
    write(tmp_path / "a.md", GENERIC)
    write(tmp_path / "sub" / "b.markdown", GENERIC)
    write(tmp_path / "sub" / "c.txt", GENERIC)
    write(tmp_path / ".hidden" / "d.md", GENERIC)
    write(tmp_path / "node_modules" / "e.md", GENERIC)
    data = run_cli("check", "--format", "json", str(tmp_path)).json()
    assert data["files_checked"] == 2
    assert sorted(Path(f["path"]).name for f in data["findings"]) == ["a.md", "b.markdown"]


def test_select_and_ignore_by_prefix(tmp_path: Path) -> None:
    path = str(write(tmp_path / "prd.md", GENERIC))
    assert run_cli("check", "--ignore", "PRD1", path).code == 0
    assert run_cli("check", "--select", "PRD3", path).code == 0
    assert run_cli("check", "--select", "PRD1", path).code == 1
    assert (
        run_cli(
            "check", "--select", "PRD", "--ignore", "PRD1", "--extend-select", "PRD101", path
        ).code
        == 1
    )


def test_bad_code_in_select_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", "--select", "XYZ1", str(write(tmp_path / "p.md", CLEAN)))
    assert result.code == 2
    assert "not a rule code" in result.err
    assert "Traceback" not in result.err


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = run_cli("check", "--stdin-filename", "docs/prd.md", "-", stdin=GENERIC)
    assert result.code == 1
    assert result.out.startswith("docs/prd.md:3:8: PRD101")


def test_output_file_and_statistics(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC + "- As a customer, I want it.\n")
    out = tmp_path / "report.txt"
    result = run_cli("check", "--statistics", "--output-file", str(out), str(path))
    assert result.code == 1
    assert result.out == ""
    text = out.read_text()
    assert re.search(r"^\s+2\tPRD101\t\[generic-persona\]$", text, re.MULTILINE)


def test_output_file_never_overwrites_a_checked_file(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC)
    result = run_cli("check", "--output-file", str(path), str(path))
    assert result.code == 2
    assert path.read_text() == GENERIC


def test_check_never_writes_to_checked_files(tmp_path: Path) -> None:
    path = write(tmp_path / "prd.md", GENERIC, "\r\n")
    before = path.read_bytes(), path.stat().st_mtime_ns
    run_cli("check", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_quiet_prints_no_findings(tmp_path: Path) -> None:
    result = run_cli("check", "--quiet", str(write(tmp_path / "prd.md", GENERIC)))
    assert result.code == 1
    assert result.out == ""


def test_missing_path_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.md"))
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "no such file or directory" in result.err


def test_folder_without_markdown_warns(tmp_path: Path) -> None:
    write(tmp_path / "notes.txt", "hello")
    result = run_cli("check", str(tmp_path))
    assert result.code == 0
    assert "no Markdown files found" in result.err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"As a user\xff\xfe, I want it.\n", "invalid UTF-8 at byte offset 9"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ],
    ids=["invalid utf-8", "binary"],
)
def test_unreadable_files_are_findings_and_others_still_checked(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    bad = tmp_path / "a_bad.md"
    bad.write_bytes(data)
    write(tmp_path / "b_good.md", GENERIC)
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.code == 1
    findings = result.json()["findings"]
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [
        ("a_bad.md", "PRD901"),
        ("b_good.md", "PRD101"),
    ]
    assert expected in findings[0]["message"]


def test_unreadable_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    path = write(tmp_path / "locked.md", GENERIC)
    path.chmod(0)
    result = run_cli("check", str(path))
    assert "permission denied" in result.out


def test_empty_file_has_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    result = run_cli("check", "--format", "json", str(path))
    assert result.code == 0
    assert result.json()["files_checked"] == 1


def test_malformed_front_matter_is_one_finding_and_body_still_checked(tmp_path: Path) -> None:
    path = write(tmp_path / "fm.md", "---\ntitle: [unclosed\n---\n\nAs a user, I want it.\n")
    findings = run_cli("check", "--format", "json", str(path)).json()["findings"]
    assert [f["code"] for f in findings] == ["PRD902", "PRD101"]


def test_version_names_spacy_and_model() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert re.match(r"prdlint \d+\.\d+\.\d+ \(spaCy \S+, model \S+", result.out)


def test_rules_lists_every_rule_file() -> None:
    result = run_cli("rules")
    codes = {line.split()[0] for line in result.out.splitlines()}
    files = {p.stem for p in (REPO / "rules").glob("*.yaml")}
    assert codes == files


def test_rules_json() -> None:
    rules = json.loads(run_cli("rules", "--format", "json").out)
    assert {"code", "name", "family", "state", "severity", "precision", "summary"} <= set(rules[0])


def test_explain_has_every_section() -> None:
    result = run_cli("explain", "PRD101")
    assert result.code == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "How to fix"):
        assert f"\n{heading}\n" in result.out
    assert run_cli("explain", "generic-persona").out == result.out


def test_explain_unknown_rule() -> None:
    result = run_cli("explain", "PRD999")
    assert result.code == 2
    assert "unknown rule" in result.err


def test_python_dash_m_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = write(tmp_path / "prd.md", GENERIC)
    proc = subprocess.run(
        [sys.executable, "-m", "prdlint", "check", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "PRD101" in proc.stdout
