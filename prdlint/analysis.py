"""What rules read: a document, its extracted domain objects and lazy NLP, computed once."""

from __future__ import annotations

from functools import cached_property

from prdlint.config import Config
from prdlint.document.model import Document
from prdlint.extract.claims import ClaimCache
from prdlint.extract.personas import document_personas
from prdlint.extract.stories import Story, extract_stories
from prdlint.nlp import Parser


class Analysis:
    """One document under one configuration. Extraction runs on first use only."""

    def __init__(self, document: Document, config: Config, parser: Parser) -> None:
        self.document = document
        self.config = config
        self.parser = parser

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
