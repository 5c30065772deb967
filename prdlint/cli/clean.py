"""``prdlint clean``: remove the results cache."""

from __future__ import annotations

from pathlib import Path

import click

from prdlint.cache import DEFAULT_DIR, clear


@click.command(name="clean")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_DIR,
    show_default=True,
    envvar="PRDLINT_CACHE_DIR",
    help="The cache folder to remove.",
)
def command(cache_dir: Path) -> int:
    """Remove the results cache (only a folder prdlint created: it carries our CACHEDIR.TAG)."""
    if clear(cache_dir):
        click.echo(f"Removed {cache_dir}")
    else:
        click.echo(f"No cache at {cache_dir}")
    return 0
