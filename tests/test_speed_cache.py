"""The results cache, through the real command line: hits, invalidation, damage, concurrency."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import prdlint
from prdlint import cache as cache_module
from prdlint.cli.main import cli

try:
    from speed_helpers import GENERIC, write_docs
    from speed_helpers import prdlint as run_prdlint
except ImportError:  # tests/ collected as a package
    from tests.speed_helpers import GENERIC, write_docs
    from tests.speed_helpers import prdlint as run_prdlint

MESSAGE = 'role "user" names no role or segment'


def check(folder: Path, *args: str) -> tuple[int, str, str]:
    """Run ``prdlint check`` in-process from ``folder`` (CliRunner), one job."""
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(
            cli, ["check", "-j", "1", *args], catch_exceptions=False, standalone_mode=False
        )
    finally:
        os.chdir(old)
    return result.return_value, result.stdout, result.stderr


def entries(folder: Path) -> list[Path]:
    return sorted((folder / ".prdlint_cache" / "v1").glob("*/*.json"))


def tamper(entry: Path, text: str) -> None:
    """Rewrite the message of every finding in a (valid) cache entry."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    for row in data["findings"]:
        row[8] = text
    entry.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "prd.md").write_text(GENERIC, encoding="utf-8")
    return tmp_path


def test_first_run_fills_the_cache_with_its_tag_and_gitignore(project: Path) -> None:
    code, out, _ = check(project, "prd.md")
    assert code == 1 and MESSAGE in out
    folder = project / ".prdlint_cache"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(entries(project)) == 1
    assert not list(folder.rglob(".tmp-*"))


def test_a_hit_is_served_from_the_cache(project: Path) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    code, out, _ = check(project, "prd.md")
    assert code == 1
    assert "served from the cache" in out and MESSAGE not in out


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    _, out, _ = check(project, "--no-cache", "prd.md")
    assert MESSAGE in out and "served from the cache" not in out
    other = project / "fresh"
    other.mkdir()
    (other / "prd.md").write_text(GENERIC, encoding="utf-8")
    check(other, "--no-cache", "prd.md")
    assert not (other / ".prdlint_cache").exists()


def test_cache_dir_option_and_environment_variable(project: Path, monkeypatch) -> None:
    check(project, "--cache-dir", "elsewhere", "prd.md")
    assert list((project / "elsewhere" / "v1").glob("*/*.json"))
    monkeypatch.setenv("PRDLINT_CACHE_DIR", str(project / "from-env"))
    check(project, "prd.md")
    assert list((project / "from-env" / "v1").glob("*/*.json"))


def test_changed_content_misses(project: Path) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    (project / "prd.md").write_text(GENERIC + "\nOne more line.\n", encoding="utf-8")
    _, out, _ = check(project, "prd.md")
    assert MESSAGE in out and "served from the cache" not in out
    assert len(entries(project)) == 2


def test_changed_config_misses(project: Path) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    (project / ".prdlint.yaml").write_text("severity:\n  PRD101: error\n", encoding="utf-8")
    _, out, _ = check(project, "prd.md")
    assert MESSAGE in out and "served from the cache" not in out


def test_command_line_selection_misses(project: Path) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    code, out, _ = check(project, "--ignore", "PRD101", "prd.md")
    assert code == 0 and "served from the cache" not in out


def test_changed_prdlint_version_misses(project: Path, monkeypatch) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    monkeypatch.setattr(prdlint, "__version__", "99.0.0")
    cache_module.code_fingerprint.cache_clear()
    try:
        _, out, _ = check(project, "prd.md")
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
    assert MESSAGE in out and "served from the cache" not in out


def test_changed_model_version_misses(project: Path, monkeypatch) -> None:
    check(project, "prd.md")
    tamper(entries(project)[0], "served from the cache")
    import prdlint.engine

    real = prdlint.engine.versions
    monkeypatch.setattr(
        prdlint.engine, "versions", lambda model=None: {**real(model), "model": "other 9.9"}
    )
    _, out, _ = check(project, "prd.md")
    assert MESSAGE in out and "served from the cache" not in out


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"\xff\xfe\x00", b"[]", b'{"schema": "prdlint-cache/1", "key": "foreign"}'],
)
def test_a_corrupt_or_foreign_entry_is_ignored_and_rewritten(project: Path, damage: bytes) -> None:
    check(project, "prd.md")
    entry = entries(project)[0]
    entry.write_bytes(damage)
    code, out, err = check(project, "prd.md")
    assert code == 1 and MESSAGE in out and err == ""
    assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_an_unwritable_cache_dir_warns_once_and_lints_anyway(project: Path) -> None:
    write_docs(project / "docs", 3, spacy=False)
    (project / "blocker").write_text("a file, not a folder", encoding="utf-8")
    code, out, err = check(project, "--cache-dir", "blocker/cache", "docs", "prd.md")
    _, expected, _ = check(project, "--no-cache", "docs", "prd.md")
    assert code == 1 and out == expected
    assert err.count("cannot write the cache in blocker/cache") == 1
    assert "running without it" in err


def test_a_full_disk_degrades_to_no_caching(project: Path, monkeypatch) -> None:
    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module.os, "replace", full)
    code, out, err = check(project, "prd.md")
    assert code == 1 and MESSAGE in out
    assert err.count("No space left on device") == 1
    assert entries(project) == []


def test_concurrent_runs_sharing_the_cache_agree(tmp_path: Path) -> None:
    write_docs(tmp_path / "docs", 9, spacy=False)
    expected = run_prdlint("check", "--no-cache", "docs", cwd=tmp_path).stdout
    command = [sys.executable, "-m", "prdlint", "check", "-j", "1", "docs"]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert outputs == [expected] * 3
    again = run_prdlint("check", "docs", cwd=tmp_path)
    assert again.stdout == expected
    stored = entries(tmp_path)
    assert len(stored) == 9
    assert all(json.loads(p.read_text())["key"] == p.stem for p in stored)
    assert not list((tmp_path / ".prdlint_cache").rglob(".tmp-*"))


def test_clean_removes_the_cache(project: Path) -> None:
    check(project, "prd.md")
    done = run_prdlint("clean", cwd=project)
    assert done.returncode == 0 and "Removed .prdlint_cache" in done.stdout
    assert not (project / ".prdlint_cache").exists()
    again = run_prdlint("clean", cwd=project)
    assert again.returncode == 0 and "No cache at .prdlint_cache" in again.stdout


def test_clean_refuses_a_folder_that_is_not_a_cache(project: Path) -> None:
    keep = project / "notes"
    keep.mkdir()
    (keep / "todo.md").write_text("keep me\n", encoding="utf-8")
    done = run_prdlint("clean", "--cache-dir", "notes", cwd=project)
    assert done.returncode == 2
    assert "not a prdlint cache" in done.stderr
    assert (keep / "todo.md").is_file()


def test_skipped_and_unreadable_files_report_the_same_from_the_cache(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "de.md").write_text(
        "# Anforderungen\n\n" + "Die Nutzer wollen eine schnelle Suche und klare Preise. " * 20,
        encoding="utf-8",
    )
    (docs / "bad.md").write_bytes(b"# Title\n\n\xff\xfe broken")
    first = check(tmp_path, "docs")
    second = check(tmp_path, "docs")
    assert first == second
    assert "skipped, not written in English" in first[2]
    assert "PRD901" in first[1] and "invalid UTF-8" in first[1]
    # Both results follow from the bytes alone, so both are cached (a file that cannot be
    # read at all, or is over max-file-size, never gets that far).
    assert len(entries(tmp_path)) == 2
