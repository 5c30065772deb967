"""Label files of ``eval/labels/``: which rules are measured, and on which lines.

The set of measured rules is data: every ``<CODE>.<group>.tsv`` file is a label file of rule
``CODE``, and the columns of its header row decide how the rule is scored:

- ``file line role label note``: one row per occurrence (PRD101 stories): scored per occurrence
  on its line; ``label`` is the positive label (``generic``) or anything else;
- ``file line end_line label note``: sentence ranges (PRD301 claims): a finding inside a
  ``fire`` row's range is a hit, anywhere else a false positive;
- ``file first_user_problem first_customer_problem label note``: one row per document
  (PRD201): the document fires or does not.

A new catalogue rule is measured by adding a label file in one of these shapes. Files are
relative to the corpus folder; the corpus text is never stored here.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prdlint.errors import PrdlintError

LABEL_FILE = re.compile(r"^(?P<code>PRD\d{3})\.(?P<group>[\w.-]+)\.tsv$")
SCHEMAS: dict[tuple[str, ...], str] = {
    ("file", "line", "role", "label", "note"): "occurrence",
    ("file", "line", "end_line", "label", "note"): "span",
    ("file", "first_user_problem", "first_customer_problem", "label", "note"): "document",
}
POSITIVE = {"occurrence": "generic", "span": "fire", "document": "fire"}
# Files of a corpus folder that are not documents to lint.
NOT_DOCUMENTS = frozenset({"README.md", "SOURCES.tsv"})


class LabelError(PrdlintError):
    """A label file that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Label:
    """One row of a label file. ``line``/``end_line`` are 0 for document rows."""

    source: str
    source_line: int
    file: str
    line: int
    end_line: int
    label: str
    note: str
    extra: str = ""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class RuleLabels:
    """All label rows of one rule, with the scoring their columns call for."""

    code: str
    scoring: str
    labels: list[Label] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def positive(self) -> str:
        return POSITIVE[self.scoring]

    @property
    def files(self) -> list[str]:
        return sorted({label.file for label in self.labels})

    def folders(self) -> list[str]:
        """Corpus folders these labels cover; they are exhaustive over each folder."""
        return sorted({label.file.split("/", 1)[0] for label in self.labels if "/" in label.file})


def _number(value: str, where: str) -> int:
    value = value.strip()
    if value in ("", "-"):
        return 0
    if not value.isdigit():
        raise LabelError(f"{where}: expected a line number or '-', got {value!r}")
    return int(value)


def read_label_file(path: Path) -> tuple[str, list[Label]]:
    """The scoring kind of one label file and its rows (comments and blank lines skipped)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LabelError(f"{path}: cannot read ({exc.strerror or exc})") from None
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(text.splitlines(), delimiter="\t"), start=1)
        if row and not row[0].startswith("#")
    ]
    if not rows:
        raise LabelError(f"{path}:1: empty label file (a header row is required)")
    header_line, header = rows[0]
    columns = tuple(c.strip() for c in header)
    scoring = SCHEMAS.get(columns)
    if scoring is None:
        known = "; ".join(" ".join(s) for s in SCHEMAS)
        raise LabelError(f"{path}:{header_line}: unknown columns {' '.join(columns)} ({known})")
    labels: list[Label] = []
    for number, row in rows[1:]:
        where = f"{path}:{number}"
        cells = [*row, "", "", "", "", ""][:5]
        file, first, second, label, note = (c.strip() for c in cells)
        if not file or not label:
            raise LabelError(f"{where}: a row needs a file and a label")
        if scoring == "occurrence":
            line = _number(first, where)
            labels.append(Label(name, number, file, line, line, label, note, extra=second))
        elif scoring == "span":
            line = _number(first, where)
            end = _number(second, where) or line
            labels.append(Label(name, number, file, line, end, label, note))
        else:
            user, customer = _number(first, where), _number(second, where)
            labels.append(Label(name, number, file, user, user, label, note, extra=str(customer)))
    return scoring, labels


def load_labels(folder: Path, codes: Iterable[str] | None = None) -> dict[str, RuleLabels]:
    """Every rule with label files in ``folder`` (optionally only ``codes``), by code."""
    wanted = {c.upper() for c in codes} if codes else None
    found: dict[str, RuleLabels] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("PRD*.tsv")):
        match = LABEL_FILE.match(path.name)
        if match is None:
            continue
        code = match.group("code")
        if wanted is not None and code not in wanted:
            continue
        scoring, labels = read_label_file(path)
        rule = found.setdefault(code, RuleLabels(code, scoring))
        if rule.scoring != scoring:
            raise LabelError(f"{path}:1: {code} is scored as {rule.scoring} elsewhere")
        rule.labels.extend(labels)
        rule.groups.append(match.group("group"))
        rule.sources.append(path.name)
    return found


@dataclass(frozen=True)
class GoodPractice:
    """A document where a rule must report nothing."""

    file: str
    code: str
    reason: str


def load_good_practice(path: Path) -> list[GoodPractice]:
    """Rows of ``good-practice.tsv`` (``file rule reason``); none when the file is absent."""
    if not path.is_file():
        return []
    rows: list[GoodPractice] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, row in enumerate(csv.reader(lines, delimiter="\t"), start=1):
        if not row or row[0].startswith("#") or row[0] == "file":
            continue
        if len(row) < 2:
            raise LabelError(f"{path}:{number}: a row needs a file and a rule")
        reason = row[2].strip() if len(row) > 2 else ""
        rows.append(GoodPractice(row[0].strip(), row[1].strip().upper(), reason))
    return rows
