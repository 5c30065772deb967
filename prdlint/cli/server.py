"""``prdlint server``: the language server over stdio (needs the ``prdlint[server]`` extra)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from prdlint.errors import UsageError


@click.command(name="server")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Use this config file for every document instead of discovering one.",
)
@click.option(
    "--debounce-ms",
    type=click.IntRange(0, 5000),
    default=0,
    show_default=True,
    help="Wait this long after an edit before linting (edits meanwhile are merged).",
)
def command(config_path: Path | None, debounce_ms: int) -> int:
    """Run the language server on stdin/stdout (for editors; see README "Editors")."""
    if importlib.util.find_spec("pygls") is None:
        raise UsageError("the language server needs pygls: pip install 'prdlint[server]'")
    from prdlint.server.linting import DocumentLinter
    from prdlint.server.protocol import serve

    return serve(DocumentLinter(config_path), debounce_ms / 1000)
