"""Kind ``document-grounding``: whether a document's user problems rest on a customer problem.

Document-level: a rule of this kind reads the document's problem statements
(:mod:`prdlint.extract.problems`) and reports at most once per document. The rule's
``condition`` says what it looks for:

- ``user-without-customer`` (PRD201): user problems, and no customer problem anywhere.

A rule that carries lexicon keys (``user_patterns`` …) classifies with its own lexicon; one
without them reuses the document's shared extraction (``Analysis.problems``), so later rules of
the catalogue (a customer problem buried after the user problems, an unquantified customer
problem) add a condition here and a YAML file, not a new extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from prdlint.analysis import Analysis
from prdlint.checks.util import finding
from prdlint.extract.problems import Problem, ProblemLexicon
from prdlint.findings import Finding
from prdlint.rulebook import Rule

LEXICON_FIELDS: dict[str, Any] = {
    "user_patterns": list,
    "customer_patterns": list,
    "stakes_that_should_rise": list,
    "falling_words": list,
    "stakes_that_should_fall": list,
    "rising_words": list,
    "product_subjects": list,
    "skip_sections": list,
    "goal_sections": list,
    "persona_sections": list,
    "problem_sections": list,
    "aim_words": list,
    "skip_documents": list,
    "story_sections": list,
    "story_reasons": list,
    "hypothetical_modals": list,
    "problem_list_leads": list,
    "aim_verbs": list,
}
FIELDS: dict[str, Any] = {"condition": str, **LEXICON_FIELDS}


def _user_without_customer(
    rule: Rule, analysis: Analysis, problems: Sequence[Problem]
) -> Iterator[Finding]:
    users = [p for p in problems if p.kind == "user"]
    if not users or any(p.kind == "customer" for p in problems):
        return
    first = users[0]
    section = " > ".join(first.block.section.path) if first.block.section else ""
    yield finding(
        rule,
        analysis.document.path,
        first.span,
        rule.format(count=len(users), plural="" if len(users) == 1 else "s", line=first.line),
        text=first.sentence.text.lower(),
        section=section,
    )


CONDITIONS: dict[str, Callable[[Rule, Analysis, Sequence[Problem]], Iterator[Finding]]] = {
    "user-without-customer": _user_without_customer,
}


_LEXICONS: dict[int, tuple[Rule, ProblemLexicon]] = {}


def lexicon_of(rule: Rule) -> ProblemLexicon:
    """The rule's lexicon, built once per rule object (not once per document)."""
    cached = _LEXICONS.get(id(rule))
    if cached is None or cached[0] is not rule:
        if len(_LEXICONS) > 64:  # rule books rebuilt (tests, a server reloading config)
            _LEXICONS.clear()
        cached = (rule, ProblemLexicon.of(rule.data, rule.triggers, rule.source))
        _LEXICONS[id(rule)] = cached
    return cached[1]


def problems_for(rule: Rule, analysis: Analysis) -> list[Problem]:
    """The problem statements this rule judges: its own lexicon's, or the shared ones."""
    if any(key in rule.data for key in LEXICON_FIELDS):
        return analysis.problems_with(lexicon_of(rule))
    return analysis.problems


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    condition = str(rule.data.get("condition", "user-without-customer"))
    judge = CONDITIONS.get(condition)
    if judge is None:
        return
    yield from judge(rule, analysis, problems_for(rule, analysis))
