"""What rules read: a document, its extracted domain objects and lazy NLP, computed once."""

from __future__ import annotations

from functools import cached_property, lru_cache

from prdlint.config import Config
from prdlint.document.model import Document
from prdlint.extract.claims import ClaimCache
from prdlint.extract.personas import document_personas
from prdlint.extract.problems import Problem, ProblemLexicon, extract_problems
from prdlint.extract.stories import Story, extract_stories
from prdlint.nlp import Parser


class Analysis:
    """One document under one configuration. Extraction runs on first use only."""

    def __init__(self, document: Document, config: Config, parser: Parser) -> None:
        self.document = document
        self.config = config
        self.parser = parser
        self._problems: dict[ProblemLexicon, list[Problem]] = {}

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
