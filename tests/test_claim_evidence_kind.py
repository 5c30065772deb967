"""The claim-evidence kind serves other evidence rules with their own YAML data."""

from __future__ import annotations

from pathlib import Path

from prdlint.checks import KIND_FIELDS
from prdlint.engine import Engine, Overrides
from prdlint.rulebook import RuleBook, builtin_rules, decode_rule

HYPOTHETICAL = """
code: PRD399
name: hypothetical-demand-test
kind: claim-evidence
severity: info
summary: Demand stated as what people would do.
message: '{cues} {verb} hypothetical and this {scope} cites no commitment ({examples})'
fix: Cite a pilot, a pre-order or a signed letter of intent.
evidence_examples: pilot, pre-order
triggers: [would]
evidence_triggers: [pilot, pre-order]
cue_patterns:
  would:
    - [{LOWER: would}, {LOWER: {IN: [use, pay, buy]}}]
evidence_patterns:
  commitment:
    - [{LOWER: {IN: [pilot, pre-order, pre-orders]}}]
docs:
  what: Flags "would use" and "would pay".
  why: Hypothetical demand is not demand.
  example: Teams would pay for it.
  use_instead: Twelve teams paid for the pilot.
"""


def _engine(codes: tuple[str, ...]) -> Engine:
    extra = decode_rule(HYPOTHETICAL, "rules/PRD399.yaml", KIND_FIELDS)
    book = RuleBook([*builtin_rules(), extra])
    return Engine(overrides=Overrides(select=codes), rules=book)


def test_another_rule_reuses_the_kind_with_its_own_data(tmp_path: Path) -> None:
    text = (
        "# Pricing\n\nTeams would pay for it.\n\n"
        "Teams would pay for it; eight joined the pilot.\n\nUsers want a dark mode.\n"
    )
    result = _engine(("PRD399",)).lint_text(text, str(tmp_path / "prd.md"))
    assert [(f.code, f.line, f.column, f.end_column) for f in result.findings] == [
        ("PRD399", 3, 7, 16)
    ]
    assert result.findings[0].message == (
        '"would pay" is hypothetical and this paragraph cites no commitment (pilot, pre-order)'
    )


def test_two_claim_rules_on_one_document_keep_their_own_claims(tmp_path: Path) -> None:
    text = "# Pricing\n\nTeams would pay for it.\n\nUsers want a dark mode.\n"
    result = _engine(("PRD301", "PRD399")).lint_text(text, str(tmp_path / "prd.md"))
    assert sorted((f.code, f.line) for f in result.findings) == [
        ("PRD301", 3),
        ("PRD301", 5),
        ("PRD399", 3),
    ]
