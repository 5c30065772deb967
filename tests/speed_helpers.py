"""Shared helpers of the speed tests (cache, jobs, lazy imports): documents and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# PRD101 fires on "As a user" without spaCy (the head word is in the lexicon as written).
GENERIC = """# Billing export

## Stories

- As a user, I want to export invoices so that I can file taxes.
- As a claims adjuster, I want to see open claims so that I can plan my day.
"""
# "users" must be lemmatised to match the lexicon: this document needs spaCy.
PLURAL = """# Team space

As users, we want a shared space so that we can plan together.
"""
CLEAN = """# Audit log

As a compliance officer at a bank, I want an audit log so that I can answer regulators.
"""


def write_docs(folder: Path, count: int = 6, spacy: bool = True) -> list[Path]:
    """``count`` small PRDs mixing the documents above (without PLURAL unless ``spacy``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    texts = (GENERIC, PLURAL, CLEAN) if spacy else (GENERIC, CLEAN)
    for index in range(count):
        text = texts[index % len(texts)] + f"\nRevision {index}.\n"
        path = folder / f"doc{index:02d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def prdlint(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the real ``prdlint`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "prdlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
