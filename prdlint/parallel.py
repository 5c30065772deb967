"""Linting several files over worker processes, with results in the order given.

Each worker builds its own :class:`~prdlint.engine.Engine` once (so spaCy loads at most once per
worker, and only if a rule there needs it) and lints file contents read by the parent, which
owns the cache. One file, ``jobs`` of 1, or less than :data:`PARALLEL_MIN_BYTES` to lint
never starts a process: starting workers costs about 0.1 s of CPU, which linting about 150 KB
of Markdown also costs, so below that one process finishes first. Files are handed out
largest first so that no worker is left with a big file at the end; the results are put back
in input order, so the output does not depend on scheduling.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from prdlint.engine import Engine, FileResult, Overrides
    from prdlint.rulebook import RuleBook

Item = tuple[bytes, str, Path]
PARALLEL_MIN_BYTES = 256 * 1024
_WORKER: list[Engine] = []


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _start(config_path: Path | None, overrides: Overrides, book: RuleBook) -> None:
    from prdlint.engine import Engine

    _WORKER.append(Engine(config_path, overrides, book))


def _lint(item: Item) -> FileResult:
    return _WORKER[0].lint_bytes(*item)


def lint_many(engine: Engine, items: Sequence[Item]) -> list[FileResult]:
    """Lint ``(bytes, display, path)`` items with ``engine``'s settings over ``engine.jobs``."""
    workers = min(engine.jobs, len(items))
    if workers <= 1 or sum(len(item[0]) for item in items) < PARALLEL_MIN_BYTES:
        return [engine.lint_bytes(*item) for item in items]
    # fork shares the parent's imports and rule book at no cost; elsewhere (macOS, Windows)
    # fork is unsafe or missing, and spawn pickles the engine's settings instead.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    order = sorted(range(len(items)), key=lambda index: -len(items[index][0]))
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start,
        initargs=(engine.config_path, engine.overrides, engine.book),
    ) as pool:
        done = list(pool.map(_lint, [items[index] for index in order]))
    results: list[FileResult | None] = [None] * len(items)
    for index, result in zip(order, done, strict=True):
        results[index] = result
    return [r for r in results if r is not None]
