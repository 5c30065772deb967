"""What rules read: a document, its extracted domain objects and lazy NLP, computed once.

Parse only what a rule will read: a check kind that needs spaCy asks for
``analysis.parsed(rule)``, which sends only the sentences containing one of the rule's
``triggers`` (lower-case substrings from its YAML) to the pipeline, in one ``nlp.pipe`` batch,
memoised across rules. A document where no sentence contains a trigger never loads spaCy::

    for sentence, doc in analysis.parsed(rule):            # dependencies included
        ...
    for sentence, doc in analysis.parsed(rule, dependencies=False):  # tags and lemmas only
        ...

A rule without triggers gets every sentence, so leaving ``triggers`` out costs speed, never
recall. Triggers must therefore be chosen so that a sentence without any of them cannot fire.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from prdlint.config import Config
from prdlint.document.model import Document, Sentence
from prdlint.extract.claims import ClaimCache
from prdlint.extract.personas import document_personas
from prdlint.extract.problems import Problem, ProblemLexicon, extract_problems
from prdlint.extract.stories import Story, extract_stories
from prdlint.nlp import Parser
from prdlint.rulebook import Rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def trigger_pattern(triggers: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of the lower-case substrings ``triggers``; None for none."""
    if not triggers:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(set(triggers), key=len, reverse=True)))


class Analysis:
    """One document under one configuration. Extraction runs on first use only."""

    def __init__(self, document: Document, config: Config, parser: Parser) -> None:
        self.document = document
        self.config = config
        self.parser = parser
        self._problems: dict[ProblemLexicon, list[Problem]] = {}
        self._triggered: dict[tuple[str, ...], list[Sentence]] = {}

    @cached_property
    def stories(self) -> list[Story]:
        return extract_stories(self.document)

    @cached_property
    def claims(self) -> ClaimCache:
        """Evidence claims, extracted once per claim lexicon (see :mod:`prdlint.extract.claims`)."""
        return ClaimCache(self.document, self.parser, lambda: self.stories)

    @cached_property
    def personas(self) -> list[str]:
        """Personas to suggest: config ``personas`` first, then the document's own."""
        names = list(self.config.personas)
        for name in document_personas(self.document):
            if name.lower() not in (n.lower() for n in names):
                names.append(name)
        return names

    @cached_property
    def _lowered(self) -> list[str]:
        return [sentence.text.lower() for sentence in self.document.sentences]

    def triggered(self, rule: Rule) -> list[Sentence]:
        """The sentences containing one of ``rule.triggers``, in order (all when it has none)."""
        key = rule.triggers
        if key not in self._triggered:
            pattern = trigger_pattern(key)
            sentences = self.document.sentences
            lowered = self._lowered
            self._triggered[key] = (
                list(sentences)
                if pattern is None
                else [s for s, low in zip(sentences, lowered, strict=True) if pattern.search(low)]
            )
        return self._triggered[key]

    def parsed(self, rule: Rule, dependencies: bool = True) -> list[tuple[Sentence, Doc]]:
        """``triggered(rule)`` with their spaCy docs (one batch through ``nlp.pipe``)."""
        sentences = self.triggered(rule)
        if not sentences:
            return []
        docs = self.parser.parse_many([s.text for s in sentences], dependencies=dependencies)
        return list(zip(sentences, docs, strict=True))

    @cached_property
    def problems(self) -> list[Problem]:
        """Problem statements, classified with the rule pack's grounding lexicon (PRD201)."""
        return self.problems_with(default_problem_lexicon())

    def problems_with(self, lexicon: ProblemLexicon) -> list[Problem]:
        """Problem statements classified with ``lexicon``, extracted once per lexicon."""
        if lexicon not in self._problems:
            self._problems[lexicon] = extract_problems(
                self.document, lexicon, self.stories, self.parser
            )
        return self._problems[lexicon]


@lru_cache(maxsize=1)
def default_problem_lexicon() -> ProblemLexicon:
    """The lexicon of the built-in PRD201 rule, the one the grounding rules share."""
    from prdlint.rulebook import builtin_rules

    rule = builtin_rules().get("PRD201")
    if rule is None:  # pragma: no cover - the rule pack always ships PRD201
        return ProblemLexicon.of({})
    return ProblemLexicon.of(rule.data, rule.triggers, rule.source)
