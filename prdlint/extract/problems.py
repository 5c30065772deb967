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

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from prdlint.document.model import Block, Document, Section, Sentence, Span
from prdlint.errors import RuleDefinitionError
from prdlint.extract.stories import Story

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Token

    from prdlint.nlp import Parser

ProblemKind = Literal["user", "customer"]
_REQUIREMENT = re.compile(
    r"\b(?:SHALL|MUST)\b|\b(?i:the (?:system|app|application|platform|service)\s+"
    r"(?:shall|must|should|will))\b"
)
_REQUIREMENT_ID = re.compile(r"^\s*\**\s*(?:[A-Z]{1,5}-?\d+(?:\.\d+)*|WHEN|IF|GIVEN|THEN)\b")
_NUMBER = re.compile(
    r"\d|[$€£¥]|\b(?:half|double|doubled|tripled|twice|million|billion)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ProblemLexicon:
    """What decides a problem statement, read from a rule's YAML (see ``rules/PRD201.yaml``)."""

    triggers: tuple[str, ...]
    user_patterns: tuple[tuple[str, str], ...]
    customer_patterns: tuple[tuple[str, str], ...]
    stake_up: frozenset[str]
    stake_down: frozenset[str]
    signal_down: frozenset[str]
    signal_up: frozenset[str]
    product_subjects: frozenset[str]
    aim_words: frozenset[str]
    skip_sections: tuple[str, ...]
    goal_sections: tuple[str, ...]
    persona_sections: tuple[str, ...]
    problem_sections: tuple[str, ...]
    skip_documents: tuple[str, ...]
    story_sections: tuple[str, ...]
    story_reasons: tuple[str, ...]
    modals: frozenset[str]
    source: str = ""

    @classmethod
    def of(
        cls, data: Mapping[str, Any], triggers: Iterable[str] = (), source: str = ""
    ) -> ProblemLexicon:
        """Build the lexicon from a rule's kind data (unknown keys were rejected earlier)."""

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key, []))

        def titles(key: str) -> tuple[str, ...]:
            return tuple(str(w).lower() for w in data.get(key, []))

        def patterns(key: str) -> tuple[tuple[str, str], ...]:
            found = []
            for index, entry in enumerate(data.get(key, [])):
                if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), list):
                    raise RuleDefinitionError(
                        f"{source or 'rule'}: {key}[{index}]: needs a 'pattern' list of tokens"
                    )
                name = str(entry.get("name", f"{key}-{index}"))
                found.append((name, json.dumps(entry["pattern"], sort_keys=True)))
            return tuple(found)

        return cls(
            triggers=tuple(str(t).lower() for t in triggers),
            user_patterns=patterns("user_patterns"),
            customer_patterns=patterns("customer_patterns"),
            stake_up=words("stakes_that_should_rise"),
            stake_down=words("stakes_that_should_fall"),
            signal_down=words("falling_words"),
            signal_up=words("rising_words"),
            product_subjects=words("product_subjects"),
            aim_words=words("aim_words"),
            skip_sections=titles("skip_sections"),
            goal_sections=titles("goal_sections"),
            persona_sections=titles("persona_sections"),
            problem_sections=titles("problem_sections"),
            skip_documents=titles("skip_documents"),
            story_sections=titles("story_sections"),
            story_reasons=titles("story_reasons"),
            modals=words("hypothetical_modals"),
            source=source,
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
            if low.rstrip(" *_").endswith("?"):
                continue  # a question asks, it does not state
            if not any(t in low for t in lexicon.triggers):
                continue
            if any(s.start < sentence.end and sentence.start < s.end for s in in_block):
                continue
            if _REQUIREMENT.search(sentence.text) or _REQUIREMENT_ID.match(sentence.text):
                continue
            found.append(sentence)
    return found


_STAKE_POS = frozenset({"NOUN", "PROPN", "X"})
_AIM_OPENERS = frozenset(
    ["to", "goal", "goals", "objective", "target", "aim", "if", "hypothesis", "rather", "instead"]
)
_CONDITIONS = frozenset(["if", "unless", "whether", "once"])
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


class Classifier:
    """Classifies parsed sentences with the lexicon's Matcher patterns and dependency checks."""

    def __init__(self, lexicon: ProblemLexicon, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.lexicon = lexicon
        self.user: Matcher = Matcher(vocab)
        self.customer: Matcher = Matcher(vocab)
        for matcher, key, patterns in (
            (self.user, "user_patterns", lexicon.user_patterns),
            (self.customer, "customer_patterns", lexicon.customer_patterns),
        ):
            for name, pattern in patterns:
                try:
                    matcher.add(name, [json.loads(pattern)])
                except ValueError as exc:  # spaCy's MatchPatternError
                    first = str(exc).strip().splitlines()[0]
                    raise RuleDefinitionError(
                        f"{lexicon.source or 'rule'}: {key}: {name}: invalid spaCy Matcher "
                        f"pattern ({first}; quote YAML words like no, on, yes)"
                    ) from None

    def classify(self, doc: Doc, problem_section: bool = False) -> tuple[ProblemKind, str] | None:
        """``("customer", cue)``, ``("user", cue)`` or ``None`` for one sentence."""
        if _is_aim(doc):
            return None
        cue = self._customer_cue(doc, problem_section)
        if cue:
            return "customer", cue
        for _, start, end in sorted(self.user(doc), key=lambda m: m[1]):
            span = doc[start:end]
            if self._not_a_user_problem(span):
                continue
            return "user", span.text
        return None

    def _customer_cue(self, doc: Doc, problem_section: bool) -> str:
        for _, start, end in sorted(self.customer(doc), key=lambda m: m[1]):
            return doc[start:end].text
        lex = self.lexicon
        for token in doc:
            if token.pos_ not in _STAKE_POS:
                continue
            lemma = token.lemma_.lower()
            if token.lower_ in lex.stake_up or lemma in lex.stake_up:
                signals = lex.signal_down
            elif token.lower_ in lex.stake_down or lemma in lex.stake_down:
                signals = lex.signal_up
            else:
                continue
            modifier = token.dep_ in ("compound", "amod") and token.head.pos_ in _STAKE_POS
            if modifier and token.lemma_.lower() not in lex.stake_up:
                continue  # "high-risk devices", "cost centre": a stake naming another thing
            for other in _linked(token.head if modifier else token):
                if other.lower_ in signals or other.lemma_.lower() in signals:
                    first, last = sorted((token.i, other.i))
                    return doc[first : last + 1].text
                if (
                    problem_section
                    and (other.like_num or other.text in "%$€£")
                    and (other.head.i in (token.i, token.head.i))
                ):
                    # "Week-4 retention is 9.8%" under a Problem heading: the stake, measured
                    first, last = sorted((token.i, other.i))
                    return doc[first : last + 1].text
        return ""

    def _not_a_user_problem(self, span: Any) -> bool:
        """A spec or the team's own need ("the system needs to", "we can't"), or an aim."""
        first = span[0]
        before = span.doc[max(0, first.i - 2) : first.i]
        aims = self.lexicon.aim_words
        if first.head.lower_ in aims or any(t.lower_ in aims for t in before):
            return True
        if any(t.lower_ in aims for t in first.head.children if t.i < first.i):
            return True
        verb = first if first.pos_ == "VERB" else first.head
        if any(c.dep_ == "aux" and c.lower_ in self.lexicon.modals for c in verb.children):
            return True  # "some users would need to …": hypothetical
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children):
            return True  # "if people want more flexibility": a condition, not a statement
        if first.lemma_ in ("can", "could") and any(c.dep_ == "auxpass" for c in verb.children):
            return True  # "a complete Job cannot be suspended": a constraint of the design
        if first.pos_ not in ("VERB", "AUX"):
            return False  # "it is hard to …": the subject is a placeholder
        subject = _subject(first)
        return subject is not None and (
            subject.lower_ in self.lexicon.product_subjects
            or subject.lemma_.lower() in self.lexicon.product_subjects
        )


def _subject(token: Token) -> Token | None:
    """The grammatical subject governing ``token``'s clause (inherited along ``conj``)."""
    node = token
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.dep_ in ("conj", "xcomp", "aux", "neg", "acomp", "dobj", "prep") and (
            node.head.i != node.i
        ):
            node = node.head
            continue
        break
    return None


def _linked(token: Token) -> list[Token]:
    """Tokens in a direct syntactic relation with ``token``: head chain (3), children, siblings."""
    linked: list[Token] = list(token.children)
    for child in token.children:
        linked.extend(child.children)
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            break
        node = node.head
        linked.append(node)
        linked.extend(c for c in node.children if c.i != token.i)
    return linked


def _is_aim(doc: Doc) -> bool:
    """An aim or hypothesis, not a problem: "Increase revenue by 20%", "To reduce churn …",
    "If we add a checklist, activation rises"."""
    words = [t for t in doc if not t.is_punct and t.text.strip("*_#>-•[]")]
    if not words:
        return True
    first = words[0]
    if first.lower_ in _AIM_OPENERS:
        return True
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return bool(
        root is not None
        and root.i == first.i
        and root.tag_ == "VB"
        and not any(c.dep_ in _SUBJECTS for c in root.children)
    )


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
    classifier = Classifier(lexicon, docs[0].vocab)
    title = _document_title(document)
    problems: list[Problem] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        headings = _section_titles(sentence.block, title)
        in_problem = bool(headings) and any(w in headings[0] for w in lexicon.problem_sections)
        decided = classifier.classify(doc, in_problem)
        if decided is None:
            continue
        kind, cue = decided
        problems.append(Problem(sentence, kind, cue, bool(_NUMBER.search(sentence.text))))
    return problems


def _clean(text: str) -> str:
    """The sentence as spaCy should read it: no emphasis markers, single spaces."""
    text = re.sub(r"^\s*[-*+]?\s*\[[ xX]\]\s*", "", text)  # a task-list checkbox
    return re.sub(r"\s+", " ", text.replace("**", "").replace("__", "")).strip(" *_-•>#")
