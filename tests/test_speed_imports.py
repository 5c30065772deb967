"""Pay only for what is used: commands that lint nothing never import spaCy (or markdown-it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

try:
    from speed_helpers import CLEAN, PLURAL
except ImportError:  # tests/ collected as a package
    from tests.speed_helpers import CLEAN, PLURAL

PROBE = """
import sys
from prdlint.cli.entry import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    print(f"EXIT={exc.code}", file=sys.stderr)
heavy = [name for name in ("spacy", "thinc", "markdown_it", "click") if name in sys.modules]
print("LOADED=" + ",".join(heavy), file=sys.stderr)
"""


def probe(*args: str, cwd: Path) -> tuple[int, set[str], str]:
    """Exit code, heavy modules imported, and stdout of one real CLI run."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stderr.strip().splitlines()
    exit_line = next(line for line in lines if line.startswith("EXIT="))
    loaded = lines[-1].removeprefix("LOADED=")
    return int(exit_line[5:]), set(filter(None, loaded.split(","))), done.stdout


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["rules"], ["explain", "PRD101"], ["check", "--help"]],
)
def test_commands_that_lint_nothing_import_neither_spacy_nor_markdown_it(
    args: list[str], tmp_path: Path
) -> None:
    code, loaded, stdout = probe(*args, cwd=tmp_path)
    assert code == 0
    assert stdout.strip()
    assert loaded <= {"click"}


def test_version_answers_before_click_is_imported(tmp_path: Path) -> None:
    code, loaded, stdout = probe("--version", cwd=tmp_path)
    assert code == 0 and loaded == set()
    assert stdout.startswith("prdlint ") and "spaCy" in stdout and "model" in stdout


def test_config_error_exits_2_without_spacy(tmp_path: Path) -> None:
    (tmp_path / ".prdlint.yaml").write_text("selekt: [PRD1]\n", encoding="utf-8")
    (tmp_path / "doc.md").write_text(CLEAN, encoding="utf-8")
    code, loaded, _ = probe("check", "--no-cache", "doc.md", cwd=tmp_path)
    assert code == 2
    assert "spacy" not in loaded


def test_a_document_no_rule_needs_parsed_never_loads_spacy(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(CLEAN, encoding="utf-8")
    code, loaded, _ = probe("check", "--no-cache", "doc.md", cwd=tmp_path)
    assert code == 0
    assert "markdown_it" in loaded
    assert "spacy" not in loaded


def test_a_role_that_needs_a_lemma_loads_spacy_and_fires(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(PLURAL, encoding="utf-8")
    code, loaded, stdout = probe("check", "--no-cache", "doc.md", cwd=tmp_path)
    assert code == 1
    assert "spacy" in loaded
    assert 'PRD101 [generic-persona] role "users"' in stdout


def test_a_fully_cached_run_parses_no_markdown(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(PLURAL, encoding="utf-8")
    first_code, first_loaded, first_out = probe("check", "doc.md", cwd=tmp_path)
    code, loaded, out = probe("check", "doc.md", cwd=tmp_path)
    assert first_code == code == 1 and out == first_out
    assert {"spacy", "markdown_it"} <= first_loaded
    assert not {"spacy", "markdown_it"} & loaded
