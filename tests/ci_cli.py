"""Run the real ``prdlint`` entry point in-process (exit code, stdout, stderr)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from prdlint.cli.main import main


def run_prdlint(
    args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """``prdlint ARGS`` run in ``cwd``; returns (exit code, stdout, stderr)."""
    before = Path.cwd()
    capsys.readouterr()
    os.chdir(cwd)
    try:
        with pytest.raises(SystemExit) as exited:
            main(args)
    finally:
        os.chdir(before)
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err
