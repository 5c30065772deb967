"""Check kinds: the few pieces of Python that rules share. A rule's YAML names its kind.

Each kind module exposes ``FIELDS`` (the kind's own YAML keys and their types, or a validator
returning what is wrong with a value) and
``check(rule, analysis)`` yielding findings. The mapping below is the whole registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from prdlint.analysis import Analysis
from prdlint.checks import claim_evidence, grounding, meta, story_role
from prdlint.findings import Finding
from prdlint.rulebook import Rule

CheckFunction = Callable[[Rule, Analysis], Iterable[Finding]]

KINDS: dict[str, tuple[Mapping[str, Any], CheckFunction]] = {
    "story-role": (story_role.FIELDS, story_role.check),
    "meta": (meta.FIELDS, meta.check),
    "document-grounding": (grounding.FIELDS, grounding.check),
    "claim-evidence": (claim_evidence.FIELDS, claim_evidence.check),
}
KIND_FIELDS: dict[str, Mapping[str, Any]] = {name: fields for name, (fields, _) in KINDS.items()}


def run_check(rule: Rule, analysis: Analysis) -> list[Finding]:
    """Run one rule over one analysed document."""
    return list(KINDS[rule.kind][1](rule, analysis))
