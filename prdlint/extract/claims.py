"""Evidence claims: sentences that assert demand or justify a decision, with what they cite.

A claim is a sentence with at least one *cue*: words that cite evidence of the kind a rule is
about ("told us", "survey", "users want", "30+ requests", "we believed users would"). Which words
count is data (:class:`~prdlint.extract.claim_lexicon.ClaimLexicon`, from the rule's YAML).
This module picks the sentences to look at (those holding one of the rule's lowercase triggers,
outside stories and skipped sections such as Personas or Assumptions), has them parsed in one
batch, and lets :mod:`prdlint.extract.claim_cues` find the cues in each parse. A decision that
points back at stated sources ("With this information we will …") is a claim too.

The evidence that answers a claim is looked for in its whole *scope* (paragraph, list item or
table row, :attr:`prdlint.document.model.Block.scope`); only the scope's sentences holding an
evidence trigger are parsed. Code, comments and front matter are not part of the document model,
so they never hold claims.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prdlint.document.model import Block, Document, Sentence, Span
from prdlint.extract.claim_cues import Cue, behavioural_evidence, find_cues
from prdlint.extract.claim_lexicon import ClaimLexicon
from prdlint.extract.stories import Story

if TYPE_CHECKING:  # pragma: no cover
    from prdlint.nlp import Parser

SCOPE_NAMES = {
    "paragraph": "paragraph",
    "list_item": "list item",
    "table_cell": "table row",
    "heading": "heading",
    "blockquote": "quote",
}


@dataclass(frozen=True)
class Claim:
    """A sentence citing evidence, and the behavioural evidence found in its scope."""

    sentence: Sentence
    cues: tuple[Cue, ...]
    evidence: tuple[str, ...]

    @property
    def block(self) -> Block:
        return self.sentence.block

    @property
    def scope_name(self) -> str:
        return SCOPE_NAMES.get(self.block.kind, "paragraph")

    @property
    def span(self) -> Span:
        """The source span of the first cue: the words a finding points at."""
        first = self.cues[0]
        return self.sentence.span(first.start, first.end)

    @property
    def line(self) -> int:
        return self.span.line


def _normalise(text: str) -> str:
    """The sentence as spaCy reads it: same length, line breaks as spaces."""
    return text.replace("\n", " ").replace("\r", " ")


def _wanted(sentence: Sentence, lexicon: ClaimLexicon, stories: Sequence[Story]) -> bool:
    block = sentence.block
    if block.is_header_row:
        return False
    if block.section is not None and block.section.within(*lexicon.skip_sections):
        return False
    lowered = sentence.text.lower()
    if not any(trigger in lowered for trigger in lexicon.triggers):
        return False
    return not any(
        story.block is block and story.start < sentence.end and sentence.start < story.end
        for story in stories
    )


def _anaphora(sentence: Sentence, lexicon: ClaimLexicon, document: Document) -> Cue | None:
    """ "With this information we will …" after text (same block or just before) that cites
    stated sources: the decision rests on what was cited there."""
    lowered = sentence.text.lower()
    phrase = next((p for p in lexicon.anaphora_phrases if p in lowered), None)
    if phrase is None or not any(word in lowered for word in lexicon.anaphora_decisions):
        return None
    block = sentence.block
    index = next((i for i, b in enumerate(document.blocks) if b is block), 0)
    earlier = [block.text[: sentence.start].lower()]
    earlier += [
        b.text.lower()
        for b in document.blocks[max(0, index - 4) : index]
        if b.section is block.section
    ]
    if any(source in text for text in earlier for source in lexicon.anaphora_sources):
        start = lowered.index(phrase)
        return Cue(start, start + len(phrase), sentence.text[start : start + len(phrase)], "this")
    return None


def _document_cites_sources(document: Document, lexicon: ClaimLexicon) -> bool:
    """Whether the document names a survey or poll anywhere (``context_sources``)."""
    lowered = document.text.lower()
    return any(source in lowered for source in lexicon.context_sources)


def extract_claims(
    document: Document, stories: Sequence[Story], parser: Parser, lexicon: ClaimLexicon
) -> list[Claim]:
    """Every claim sentence of ``document``, with the behavioural evidence of its scope."""
    candidates = [s for s in document.sentences if _wanted(s, lexicon, stories)]
    if not candidates:
        return []
    docs = parser.parse_many(_normalise(s.text) for s in candidates)
    found: list[tuple[Sentence, list[Cue]]] = []
    for sentence, doc in zip(candidates, docs, strict=True):
        cues = find_cues(doc, lexicon, sentence.block)
        if any(c.label in lexicon.context_labels for c in cues):
            cited = _document_cites_sources(document, lexicon)
            cues = [c for c in cues if cited or c.label not in lexicon.context_labels]
        if not cues:
            anaphora = _anaphora(sentence, lexicon, document)
            cues = [anaphora] if anaphora else []
        if cues:
            found.append((sentence, cues))
    if not found:
        return []
    scopes = {sentence.block.scope for sentence, _ in found}
    in_scope: dict[int, list[Sentence]] = {}
    for sentence in document.sentences:
        if sentence.block.scope in scopes:
            in_scope.setdefault(sentence.block.scope, []).append(sentence)
    evidence = _scope_evidence(in_scope, parser, lexicon)
    return [
        Claim(sentence, tuple(cues), tuple(evidence.get(sentence.block.scope, ())))
        for sentence, cues in found
    ]


def _scope_evidence(
    in_scope: dict[int, list[Sentence]], parser: Parser, lexicon: ClaimLexicon
) -> dict[int, list[str]]:
    order = [
        (scope, s)
        for scope, sentences in in_scope.items()
        for s in sentences
        if any(trigger in s.text.lower() for trigger in lexicon.evidence_triggers)
    ]
    docs = parser.parse_many(_normalise(s.text) for _, s in order)
    evidence: dict[int, list[str]] = {}
    for (scope, _), doc in zip(order, docs, strict=True):
        evidence.setdefault(scope, []).extend(behavioural_evidence(doc, lexicon))
    return evidence


class ClaimCache:
    """Claims of one document, extracted once per lexicon (rules with other data reuse it)."""

    def __init__(
        self, document: Document, parser: Parser, stories: Callable[[], Sequence[Story]]
    ) -> None:
        self.document = document
        self.parser = parser
        self._stories = stories
        self._by_lexicon: dict[int, list[Claim]] = {}

    def of(self, lexicon: ClaimLexicon) -> list[Claim]:
        key = id(lexicon)
        if key not in self._by_lexicon:
            self._by_lexicon[key] = extract_claims(
                self.document, self._stories(), self.parser, lexicon
            )
        return self._by_lexicon[key]
