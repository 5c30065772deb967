"""Shared helpers: run the real CLI entry point in-process, and locate ../shared."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from prdlint.cli.main import main

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@click.command(
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": [],
    }
)
@click.pass_context
def _entry(ctx: click.Context) -> None:
    main(list(ctx.args))


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(*args: str, stdin: str | bytes | None = None) -> Result:
    """Run ``prdlint ARGS`` through the real entry point (``main``), capturing everything."""
    result = CliRunner().invoke(_entry, list(args), input=stdin, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


def write(path: Path, text: str, newline: str = "\n") -> Path:
    """Write ``text`` with the given line ending, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path
