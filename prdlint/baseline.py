"""Baseline files: today's findings, recorded so that CI fails only on new ones.

A baseline is JSON (version 1)::

    {"version": 1, "tool": "prdlint",
     "findings": [{"fingerprint": "…", "count": 1, "code": "PRD101", "path": "docs/a.md",
                   "section": "Stories", "text": "user"}]}

Only ``fingerprint`` and ``count`` decide a match (see :mod:`prdlint.fingerprint`); the other
fields are there for the person reading a diff of the file. ``count`` is how many findings of
a file share the fingerprint (the same generic role twice in one section).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prdlint.errors import UsageError
from prdlint.findings import Finding
from prdlint.fingerprint import fingerprint, normalise_path, normalise_text

VERSION = 1
_HEX = re.compile(r"^[0-9a-f]{8,64}$")


class BaselineError(UsageError):
    """A baseline file is missing, unreadable or malformed (exit 2)."""


@dataclass
class Entry:
    """The findings of one fingerprint: how many, and what they are for a reader."""

    fingerprint: str
    count: int
    code: str = ""
    path: str = ""
    section: str = ""
    text: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "count": self.count,
            "code": self.code,
            "path": self.path,
            "section": self.section,
            "text": self.text,
        }


@dataclass
class Match:
    """Findings split against a baseline; ``stale`` entries no longer occur (JSON-able)."""

    new: list[Finding] = field(default_factory=list)
    known: list[Finding] = field(default_factory=list)
    stale: list[dict[str, Any]] = field(default_factory=list)

    def summary(self, where: str) -> str:
        """One line for stderr."""
        line = f"baseline {where}: {len(self.known)} known finding(s) not reported"
        if self.stale:
            gone = sum(int(e["count"]) for e in self.stale)
            line += (
                f"; {gone} recorded finding(s) no longer occur "
                f"(shrink the file: prdlint baseline --prune -o {where})"
            )
        return line


def entries_for(findings: Iterable[Finding]) -> list[Entry]:
    """Baseline entries for findings, duplicates counted, in a deterministic order."""
    by_print: dict[str, Entry] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        key = fingerprint(finding)
        if key in by_print:
            by_print[key].count += 1
            continue
        by_print[key] = Entry(
            key,
            1,
            finding.code,
            normalise_path(finding.path),
            finding.section,
            normalise_text(finding.fingerprint_text or finding.message),
        )
    return sorted(by_print.values(), key=lambda e: (e.path, e.code, e.section, e.fingerprint))


def render(entries: Iterable[Entry]) -> str:
    payload = {"version": VERSION, "tool": "prdlint", "findings": [e.as_json() for e in entries]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, entries: Iterable[Entry]) -> None:
    """Write a baseline atomically (a temporary file, then a rename)."""
    temporary = path.with_name(f".{path.name}.prdlint-tmp")
    try:
        temporary.write_text(render(entries), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None


def load(path: Path) -> list[Entry]:
    """Read and validate a baseline file; anything unexpected is one :class:`BaselineError`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file (create it with: prdlint baseline -o {path})"
        ) from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a prdlint baseline (not UTF-8: {exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}:{exc.colno}: not a prdlint baseline (invalid JSON: {exc.msg})"
        ) from None
    return _entries(data, path)


def _entries(data: object, path: Path) -> list[Entry]:
    def bad(detail: str) -> BaselineError:
        return BaselineError(f"{path}: not a prdlint baseline ({detail})")

    if not isinstance(data, dict) or "findings" not in data:
        raise bad('expected an object with "version" and "findings"')
    if data.get("version") != VERSION:
        raise bad(f"version {data.get('version')!r}, expected {VERSION}")
    items = data["findings"]
    if not isinstance(items, list):
        raise bad('"findings" is not a list')
    entries: list[Entry] = []
    for index, item in enumerate(items):
        where = f"findings[{index}]"
        if not isinstance(item, dict):
            raise bad(f"{where} is not an object")
        key, count = item.get("fingerprint"), item.get("count", 1)
        if not isinstance(key, str) or not _HEX.match(key):
            raise bad(f"{where}.fingerprint is not a hex digest")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise bad(f"{where}.count is not a positive integer")
        texts = {name: item.get(name, "") for name in ("code", "path", "section", "text")}
        if not all(isinstance(value, str) for value in texts.values()):
            raise bad(f"{where}: code, path, section and text must be strings")
        entries.append(Entry(key, count, **texts))
    return entries


def match(findings: Iterable[Finding], entries: Iterable[Entry], paths: Iterable[str]) -> Match:
    """Split findings into new and known; ``stale``: entries of ``paths`` left unmatched.

    Findings are matched in source order, so when a fingerprint occurs more often than
    recorded, the later occurrences are the new ones. Entries of files this run did not
    check are never stale.
    """
    recorded = list(entries)
    left = Counter[str]()
    for entry in recorded:
        left[entry.fingerprint] += entry.count
    result = Match()
    for finding in sorted(findings, key=Finding.sort_key):
        key = fingerprint(finding)
        if left[key] > 0:
            left[key] -= 1
            result.known.append(finding)
        else:
            result.new.append(finding)
    checked = {normalise_path(p) for p in paths}
    for entry in recorded:
        if entry.path in checked and left[entry.fingerprint] > 0:
            gone = min(entry.count, left[entry.fingerprint])
            left[entry.fingerprint] -= gone
            result.stale.append({**entry.as_json(), "count": gone})
    return result


def prune(
    entries: Iterable[Entry], findings: Iterable[Finding], paths: Iterable[str]
) -> list[Entry]:
    """Entries that still occur, with counts no higher than today's; never adds a finding.

    Entries of files outside ``paths`` (the files this run checked) are kept as they are.
    """
    today = Counter(fingerprint(f) for f in findings)
    checked = {normalise_path(p) for p in paths}
    kept: list[Entry] = []
    for entry in entries:
        if entry.path not in checked:
            kept.append(entry)
            continue
        count = min(entry.count, today[entry.fingerprint])
        if count > 0:
            today[entry.fingerprint] -= count
            kept.append(Entry(**{**entry.as_json(), "count": count}))
    return kept
