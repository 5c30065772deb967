"""Which files a run checks: explicit files always, folders recursed for Markdown."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from prdlint.errors import UsageError

MARKDOWN_SUFFIXES = (".md", ".markdown")


def discover(paths: list[str], excluded: Callable[[Path], bool]) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, display)`` for each file to check, in a deterministic order.

    Folders are walked without following symlinks (so a symlink loop cannot trap the walk),
    skipping hidden folders and excluded paths. A missing path is a usage error.
    """
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{given}: no such file or directory")
        if path.is_dir():
            yield from _walk(path, given, excluded)
        else:
            yield path, given


def _walk(root: Path, given: str, excluded: Callable[[Path], bool]) -> Iterator[tuple[Path, str]]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(here / d))
        for name in sorted(files):
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            path = here / name
            if excluded(path):
                continue
            relative = path.relative_to(root)
            display = (
                os.path.join(given, str(relative)) if given not in (".", "./") else str(relative)
            )
            yield path, display
