"""The rule pack: YAML files in ``rules/``, one per rule, decoded strictly.

A YAML file is the one place a rule is registered: code, name, kind, severity, message, fix
title, docs in ruff's sections, lexical triggers and the data of its check kind. Python is
written only for a check *kind* that several rules can share (see :mod:`prdlint.checks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from prdlint.errors import RuleDefinitionError
from prdlint.findings import Severity

CODE = re.compile(r"^PRD\d{3}$")
NAME = re.compile(r"^[a-z][a-z0-9-]+$")
DOC_SECTIONS = ("what", "why", "example", "use_instead")
OPTIONAL_DOC_SECTIONS = ("options", "references")
COMMON_FIELDS = {
    "code": str,
    "name": str,
    "kind": str,
    "severity": str,
    "summary": str,
    "message": str,
    "fix": str,
    "docs": dict,
    "preview": bool,
    "triggers": list,
    "precision": (float, int, type(None)),
}
FAMILIES = {
    "1": "who",
    "2": "whose problem",
    "3": "what evidence",
    "4": "what outcome",
    "9": "meta",
}


@dataclass(frozen=True)
class RuleDocs:
    """A rule's documentation, in ruff's sections."""

    what: str
    why: str
    example: str
    use_instead: str
    options: str = ""
    references: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule, as decoded from its YAML file."""

    code: str
    name: str
    kind: str
    severity: Severity
    summary: str
    message: str
    fix: str
    docs: RuleDocs
    preview: bool = False
    triggers: tuple[str, ...] = ()
    precision: float | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[3], "other")

    def format(self, **values: object) -> str:
        """The message with ``{placeholders}`` filled in."""
        return self.message.format(**values)


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def decode_rule(text: str, source: str, kind_fields: Mapping[str, Mapping[str, Any]]) -> Rule:
    """Decode one rule file strictly; every problem names ``source:line`` and the key."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise RuleDefinitionError(f"{source}:{line}: invalid YAML") from None
    if not isinstance(raw, dict):
        raise RuleDefinitionError(f"{source}:1: a rule file must be a mapping")

    def fail(key: str, problem: str) -> RuleDefinitionError:
        return RuleDefinitionError(f"{source}:{_line_of(text, key)}: {key}: {problem}")

    kind = str(raw.get("kind"))
    if kind not in kind_fields:
        raise fail("kind", f"unknown check kind {kind!r} (allowed: {', '.join(kind_fields)})")
    allowed = {**COMMON_FIELDS, **kind_fields[kind]}
    for key, value in raw.items():
        if key not in allowed:
            raise fail(str(key), f"unknown key for kind {kind!r} (allowed: {', '.join(allowed)})")
        expected = allowed[key]
        if isinstance(expected, (type, tuple)):
            if not isinstance(value, expected):
                raise fail(str(key), f"wrong type {type(value).__name__}")
        else:  # a kind's validator: returns what is wrong with the value, or None
            problem = expected(value)
            if problem:
                raise fail(str(key), problem)
    for key in ("code", "name", "severity", "summary", "message", "fix", "docs"):
        if key not in raw:
            raise fail(key, "missing")
    if not CODE.match(raw["code"]):
        raise fail("code", "must look like PRD123")
    if not NAME.match(raw["name"]):
        raise fail("name", "must be lower-case words joined by '-'")
    try:
        severity = Severity.parse(raw["severity"])
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    docs = raw["docs"]
    for section in DOC_SECTIONS:
        if not str(docs.get(section, "")).strip():
            raise fail("docs", f"section {section!r} is missing or empty")
    unknown_docs = set(docs) - set(DOC_SECTIONS) - set(OPTIONAL_DOC_SECTIONS)
    if unknown_docs:
        raise fail("docs", f"unknown section(s) {', '.join(sorted(unknown_docs))}")
    data = {key: raw[key] for key in kind_fields[kind] if key in raw}
    return Rule(
        code=raw["code"],
        name=raw["name"],
        kind=kind,
        severity=severity,
        summary=raw["summary"].strip(),
        message=raw["message"].strip(),
        fix=raw["fix"].strip(),
        docs=RuleDocs(**{k: str(v).strip() for k, v in docs.items()}),
        preview=bool(raw.get("preview", False)),
        triggers=tuple(str(t).lower() for t in raw.get("triggers", [])),
        precision=float(raw["precision"]) if raw.get("precision") is not None else None,
        data=data,
        source=source,
    )


def _pack_files() -> Iterator[tuple[str, str]]:
    """(name, text) of every built-in rule file: in the wheel, or in a source checkout."""
    packaged = resources.files("prdlint").joinpath("rulepack")
    if packaged.is_dir():
        entries: Iterable[Any] = packaged.iterdir()
    else:
        entries = (Path(__file__).resolve().parent.parent / "rules").glob("*.yaml")
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            yield f"rules/{entry.name}", entry.read_text(encoding="utf-8")


class RuleBook:
    """All known rules, by code."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        for rule in rules:
            if rule.code in self.rules:
                raise RuleDefinitionError(f"{rule.source}:1: duplicate code {rule.code}")
            self.rules[rule.code] = rule
        self.rules = dict(sorted(self.rules.items()))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __contains__(self, code: object) -> bool:
        return code in self.rules

    def get(self, code_or_name: str) -> Rule | None:
        """A rule by code (any case) or by name."""
        rule = self.rules.get(code_or_name.upper())
        if rule is None:
            rule = next((r for r in self.rules.values() if r.name == code_or_name), None)
        return rule

    def matching(self, prefix: str) -> list[Rule]:
        return [rule for rule in self if rule.code.startswith(prefix.upper())]


@lru_cache(maxsize=1)
def builtin_rules() -> RuleBook:
    """The rule pack shipped with prdlint (decoded once per process)."""
    from prdlint.checks import KIND_FIELDS

    return RuleBook(decode_rule(text, name, KIND_FIELDS) for name, text in _pack_files())
