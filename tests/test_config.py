"""Configuration: discovery upward, both file kinds, every key, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, write

GENERIC = "As a user, I want to export reports.\n"


def _codes(result_json: dict) -> list[str]:
    return [f["code"] for f in result_json["findings"]]


def test_prdlint_yaml_is_found_upward(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "ignore: [PRD101]\n")
    path = write(tmp_path / "docs" / "deep" / "prd.md", GENERIC)
    assert run_cli("check", str(path)).code == 0


def test_pyproject_tool_section(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.prdlint]\nignore = ["PRD1"]\n'
    )
    assert run_cli("check", str(write(tmp_path / "prd.md", GENERIC))).code == 0


def test_pyproject_without_section_keeps_looking_upward(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "ignore: [PRD101]\n")
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert run_cli("check", str(write(tmp_path / "sub" / "prd.md", GENERIC))).code == 0


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "ignore: [PRD101]\n")
    write(tmp_path / "sub" / ".prdlint.yaml", "select: [PRD1]\n")
    assert run_cli("check", str(write(tmp_path / "sub" / "prd.md", GENERIC))).code == 1
    assert run_cli("check", str(write(tmp_path / "top.md", GENERIC))).code == 0


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "ignore: [PRD101]\n")
    explicit = write(tmp_path / "other.yaml", "select: [PRD]\n")
    path = str(write(tmp_path / "prd.md", GENERIC))
    assert run_cli("check", "--config", str(explicit), path).code == 1


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "severity:\n  PRD101: info\n")
    path = str(write(tmp_path / "prd.md", GENERIC))
    result = run_cli("check", "--format", "json", path)
    assert result.code == 0  # info is below the default fail-on (warning)
    assert result.json()["findings"][0]["severity"] == "info"
    write(tmp_path / ".prdlint.yaml", "severity:\n  PRD101: info\nfail-on: info\n")
    assert run_cli("check", path).code == 1


def test_per_file_ignores_and_exclude(tmp_path: Path) -> None:
    write(
        tmp_path / ".prdlint.yaml",
        "per-file-ignores:\n  'drafts/**': [PRD1]\nexclude: ['archive']\n",
    )
    write(tmp_path / "drafts" / "x" / "a.md", GENERIC)
    write(tmp_path / "archive" / "b.md", GENERIC)
    write(tmp_path / "c.md", GENERIC)
    data = run_cli("check", "--format", "json", str(tmp_path)).json()
    assert data["files_checked"] == 2
    assert [Path(f["path"]).name for f in data["findings"]] == ["c.md"]


def test_personas_are_suggested(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "personas: [claims adjuster, team lead]\n")
    result = run_cli("check", str(write(tmp_path / "prd.md", GENERIC)))
    assert "e.g. one of: claims adjuster, team lead" in result.out


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("selct: [PRD1]\n", "unknown key 'selct'"),
        ("select: PRD1\n", "select: expected a list"),
        ("select: [XYZ]\n", "'XYZ' is not a rule code"),
        ("severity:\n  PRD101: loud\n", "unknown severity 'loud'"),
        ("fail-on: 3\n", "fail-on: expected one of"),
        ("nlp:\n  model: ../../evil\n", "is not a package name"),
        ("nlp:\n  modle: x\n", "nlp: unknown key"),
        ("max-file-size: true\n", "max-file-size: expected a size"),
        ("[unclosed\n", "invalid YAML"),
        ("- a\n- b\n", "must be a mapping"),
    ],
)
def test_config_errors_name_file_key_and_allowed(
    tmp_path: Path, config: str, expected: str
) -> None:
    cfg = write(tmp_path / ".prdlint.yaml", config)
    result = run_cli("check", str(write(tmp_path / "prd.md", GENERIC)))
    assert result.code == 2
    assert expected in result.err
    assert str(cfg) in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_invalid_toml_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.prdlint\n")
    result = run_cli("check", str(write(tmp_path / "prd.md", GENERIC)))
    assert result.code == 2
    assert "invalid TOML" in result.err


def test_missing_explicit_config(tmp_path: Path) -> None:
    result = run_cli("check", "--config", str(tmp_path / "nope.yaml"), str(tmp_path))
    assert result.code == 2
    assert "config file not found" in result.err


def test_unavailable_model_is_exit_2_with_install_hint(tmp_path: Path) -> None:
    write(tmp_path / ".prdlint.yaml", "nlp:\n  model: no_such_pipeline_pkg\n")
    result = run_cli("check", str(write(tmp_path / "prd.md", GENERIC)))
    assert result.code == 2
    assert "pip install" in result.err
    assert len(result.err.strip().splitlines()) == 1
