"""Problem statements, classified as *user* problems or *customer* problems (DOMAIN.md).

A user problem is what a person needs to be able to do, or finds hard, inside the product
("Users can't export reports"). A customer problem is why the paying organisation is failing to
grow or losing money ("the retailer's churn doubled", "fines under GDPR"). Section headings are
only a hint; each sentence decides. Persona descriptions, stories, requirements (SHALL/MUST),
acceptance criteria, goals and code are not problem statements.

Only sentences holding one of the lexicon's cheap lowercase ``triggers`` reach spaCy, in one
batch through :meth:`prdlint.nlp.Parser.parse_many`. The lexicon (Matcher patterns, stake and
loss words, section hints) is data: it comes from a rule's YAML (``rules/PRD201.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prdlint.document.model import Block, Document, Section, Sentence, Span
from prdlint.extract.problem_classifier import ProblemKind, classifier_for, is_aim
from prdlint.extract.problem_lexicon import ProblemLexicon
from prdlint.extract.stories import Story

if TYPE_CHECKING:  # pragma: no cover
    from prdlint.nlp import Parser

__all__ = ["Problem", "ProblemKind", "ProblemLexicon", "candidate_sentences", "extract_problems"]

_REQUIREMENT = re.compile(
    r"\b(?:SHALL|MUST)\b|\b(?i:the (?:system|app|application|platform|service)\s+"
    r"(?:shall|must|should|will))\b"
)
_REQUIREMENT_ID = re.compile(r"^\s*\**\s*(?:[A-Z]{1,5}-?\d+(?:\.\d+)*|WHEN|IF|GIVEN|THEN)\b")
_NUMBER = re.compile(
    r"\d|[$€£¥]|\b(?:half|double|doubled|tripled|twice|million|billion)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Problem:
    """One problem statement: a sentence, its kind, and the words that decided it."""

    sentence: Sentence
    kind: ProblemKind
    cue: str
    quantified: bool

    @property
    def block(self) -> Block:
        return self.sentence.block

    @property
    def span(self) -> Span:
        """The sentence's source span, without leading list or emphasis markup."""
        text = self.sentence.text
        start, end = 0, len(text)
        while start < end and text[start] in ' *_>#-•"“':
            start += 1
        while end > start and text[end - 1] in ' *_"”':
            end -= 1
        return self.sentence.span(start, end)

    @property
    def line(self) -> int:
        return self.span.line


def _section_titles(block: Block, title: Section | None) -> list[str]:
    """Lowercased headings above ``block``, without the document's own title heading."""
    titles: list[str] = []
    node = block.section
    while node is not None:
        if node is not title:
            titles.append(node.title.lower())
        node = node.parent
    return titles


def _document_title(document: Document) -> Section | None:
    """The first heading when it is a level-1 title ("Product Requirements Document")."""
    first = document.sections[0] if document.sections else None
    return first if first is not None and first.level == 1 else None


def candidate_sentences(
    document: Document, lexicon: ProblemLexicon, stories: Sequence[Story]
) -> list[Sentence]:
    """Sentences that may state a problem: rendered prose outside personas, stories and specs."""
    story_blocks: dict[int, list[Story]] = {}
    for story in stories:
        story_blocks.setdefault(id(story.block), []).append(story)
    skipped = lexicon.skip_sections + lexicon.persona_sections
    title = _document_title(document)
    if title is not None and any(w in title.title.lower() for w in lexicon.skip_documents):
        return []
    found: list[Sentence] = []
    listed = listed_items(document, lexicon)
    for block in document.blocks:
        if block.kind == "table_cell" and block.is_header_row:
            continue
        headings = _section_titles(block, title)
        if any(word in heading for heading in headings for word in skipped):
            continue
        if headings and any(word in headings[0] for word in lexicon.goal_sections):
            continue  # the nearest heading names aims: targets there are not losses
        in_block = story_blocks.get(id(block), [])
        if (
            headings
            and any(w in headings[0] for w in lexicon.story_sections)
            and not block.text.lower().lstrip(" *_").startswith(lexicon.story_reasons)
        ):
            continue  # a narrative story or journey; spec-kit's "Why this priority" may state one
        for sentence in block.sentences:
            low = sentence.text.lower()
            if low.rstrip(" *_").endswith(("?", ":")):
                continue  # a question asks and a lead-in announces; neither states
            if id(block) not in listed and not any(t in low for t in lexicon.triggers):
                continue
            if any(s.start < sentence.end and sentence.start < s.end for s in in_block):
                continue
            if _REQUIREMENT.search(sentence.text) or _REQUIREMENT_ID.match(sentence.text):
                continue
            found.append(sentence)
    return found


def listed_items(document: Document, lexicon: ProblemLexicon) -> set[int]:
    """``id``s of list items that a lead-in names as problems ("**Pain points:**", a "Pain
    points" heading): each item states a user problem even without a cue word."""
    led: set[int] = set()
    leading = False
    for block in document.blocks:
        if block.kind == "list_item":
            if leading or (
                block.section is not None
                and any(w in block.section.title.lower() for w in lexicon.list_leads)
            ):
                led.add(id(block))
            continue
        text = block.text.lower().rstrip(" *_")
        leading = text.endswith(":") and any(w in text for w in lexicon.list_leads)
    return led


def extract_problems(
    document: Document,
    lexicon: ProblemLexicon,
    stories: Sequence[Story],
    parser: Parser,
) -> list[Problem]:
    """All problem statements of a document, in source order."""
    sentences = candidate_sentences(document, lexicon, stories)
    if not sentences:
        return []
    docs = parser.parse_many([_clean(s.text) for s in sentences])
    classifier = classifier_for(lexicon, docs[0].vocab)
    title = _document_title(document)
    listed = listed_items(document, lexicon)
    problems: list[Problem] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        headings = _section_titles(sentence.block, title)
        in_problem = bool(headings) and any(w in headings[0] for w in lexicon.problem_sections)
        decided = classifier.classify(doc, in_problem)
        if decided is None and id(sentence.block) in listed and not is_aim(doc):
            decided = ("user", "listed as a pain point")
        if decided is None:
            continue
        kind, cue = decided
        problems.append(Problem(sentence, kind, cue, bool(_NUMBER.search(sentence.text))))
    return problems


def _clean(text: str) -> str:
    """The sentence as spaCy should read it: no emphasis markers, single spaces."""
    text = re.sub(r"^\s*[-*+]?\s*\[[ xX]\]\s*", "", text)  # a task-list checkbox
    if text.isupper():
        text = text.capitalize()  # spaCy tags "USERS CAN'T EXPORT" as proper nouns
    return re.sub(r"\s+", " ", text.replace("**", "").replace("__", "")).strip(" *_-•>#")
