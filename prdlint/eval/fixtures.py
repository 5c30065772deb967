"""The fixtures part: each rule alone over ``tests/fixtures/rules/<CODE>/*.md``.

Expected findings are marked on the line that carries them by an HTML comment, which renders to
nothing and so does not change what the rule reads::

    - As a user, I want to export reports. <!-- expect: PRD101 -->
    | As a customer, I want … <!-- expect: PRD101 --> | … |

Where an inline comment cannot stand (a line inside a code-like construct, a line whose end
belongs to something else), ``<!-- expect-next-line: PRD101 -->`` on its own line marks the
next line. Repeat a code for several findings on one line: ``<!-- expect: PRD101 PRD101 -->``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from prdlint.engine import Engine, FileResult, Overrides
from prdlint.eval.scoring import Score, score_lines
from prdlint.findings import Finding

EXPECT = re.compile(r"<!--\s*expect(?P<next>-next-line)?\s*:\s*(?P<codes>[^>]*?)\s*-->")
CODE = re.compile(r"PRD\d{3}")


@dataclass(frozen=True)
class Expectation:
    """One expected finding: file, 1-based line, code."""

    file: str
    line: int
    code: str


def expectations(text: str, file: str) -> Iterator[Expectation]:
    """The expected findings a fixture's comments mark, in line order."""
    for index, line in enumerate(text.splitlines(), start=1):
        for match in EXPECT.finditer(line):
            target = index + 1 if match.group("next") else index
            for code in CODE.findall(match.group("codes")):
                yield Expectation(file, target, code)


@dataclass
class FixtureResult:
    """One rule's score on its fixtures, and the files it skipped (e.g. not English)."""

    code: str
    score: Score
    files: list[str]
    skipped: list[str]


def fixture_codes(root: Path) -> list[str]:
    """Codes that have a fixture folder under ``root``."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and CODE.fullmatch(p.name))


def run_fixtures(root: Path, code: str, config_path: Path | None = None) -> FixtureResult:
    """Run rule ``code`` alone over its fixture folder and compare with the marked lines."""
    folder = root / code
    engine = Engine(config_path=config_path, overrides=Overrides(select=(code,)))
    expected: list[tuple[str, int, str]] = []
    findings: list[Finding] = []
    files: list[str] = []
    skipped: list[str] = []
    for path in sorted(folder.glob("*.md")):
        display = f"{code}/{path.name}"
        files.append(display)
        text = path.read_text(encoding="utf-8")
        expected.extend(
            (e.file, e.line, f"expected {e.code}")
            for e in expectations(text, display)
            if e.code == code
        )
        result: FileResult = engine.lint_file(path, display)
        if result.skipped:
            skipped.append(result.skipped)
        findings.extend(f for f in result.findings if f.code == code)
    score = score_lines(expected, findings, set(files))
    return FixtureResult(code, score, files, skipped)
