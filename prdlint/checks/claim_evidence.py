"""Kind ``claim-evidence``: a claim citing only one kind of evidence, with nothing better beside it.

The rule's YAML says which words cite the evidence it is about (``cue_patterns``,
``subject_cues``, ``belief_cues``, ``anaphora``) and which evidence answers them in the same
paragraph, list item or table row (``evidence_patterns``); see
:mod:`prdlint.extract.claim_lexicon`. A finding is reported once per claim sentence, at its first
cue, when the scope holds no answering evidence. PRD301 (stated preference only) is one such
rule; hypothetical-demand or anecdotal-evidence rules can reuse the kind with other data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prdlint.analysis import Analysis
from prdlint.checks.util import finding
from prdlint.extract.claim_lexicon import (
    ClaimLexicon,
    validate_anaphora,
    validate_belief,
    validate_claimants,
    validate_patterns,
    validate_subject_cues,
)
from prdlint.findings import Finding
from prdlint.rulebook import Rule


def _words(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        return "must be a list of strings"
    return None


FIELDS: dict[str, Any] = {
    "cue_patterns": validate_patterns,
    "evidence_patterns": validate_patterns,
    "neutral_patterns": validate_patterns,
    "clause_labels": _words,
    "context_labels": _words,
    "context_sources": _words,
    "skip_openings": _words,
    "evidence_triggers": _words,
    "claimants": validate_claimants,
    "subject_cues": validate_subject_cues,
    "belief_cues": validate_belief,
    "anaphora": validate_anaphora,
    "plan_verbs": _words,
    "feature_verbs": _words,
    "possibility_modals": _words,
    "hypothetical_marks": _words,
    "hedging_modals": _words,
    "skip_sections": _words,
    "evidence_examples": str,
    "max_cues": int,
}
_LEXICONS: dict[int, tuple[Rule, ClaimLexicon]] = {}


def lexicon_of(rule: Rule) -> ClaimLexicon:
    """The rule's claim lexicon, decoded once per rule (its matchers compile once too)."""
    cached = _LEXICONS.get(id(rule))
    if cached is None or cached[0] is not rule:
        cached = (rule, ClaimLexicon.from_data(rule.data, rule.triggers))
        _LEXICONS[id(rule)] = cached
    return cached[1]


def _shown(cue: str) -> str:
    """A cue as the message names it: long matches shortened to their ends."""
    words = cue.lower().split()
    return " ".join(words) if len(words) <= 4 else f"{words[0]} … {words[-1]}"


def _quoted(words: list[str]) -> str:
    return ", ".join(f'"{w}"' for w in words)


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    lexicon = lexicon_of(rule)
    limit = int(rule.data.get("max_cues", 3))
    examples = str(rule.data.get("evidence_examples", "usage, retention, conversion, experiment"))
    for claim in analysis.claims.of(lexicon):
        if claim.evidence:
            continue
        words = list(dict.fromkeys(_shown(c.text) for c in claim.cues))
        shown = words[:limit]
        section = claim.block.section
        yield finding(
            rule,
            analysis.document.path,
            claim.span,
            rule.format(
                cues=_quoted(shown),
                verb="is" if len(shown) == 1 else "are",
                scope=claim.scope_name,
                examples=examples,
            ),
            text=" ".join(words),
            section=" > ".join(section.path) if section else "",
        )
