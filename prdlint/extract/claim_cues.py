"""Cues of evidence claims in one parsed sentence: the part of claim extraction spaCy decides.

Which words count is data (:class:`~prdlint.extract.claim_lexicon.ClaimLexicon`); this module
applies it to a parsed sentence: Matcher patterns for cited sources ("survey", "told us"),
subject/verb cues whose grammatical subject must be a claimant ("users *want*", not "I want" in
a story nor "people who want" in a definition), the team's belief ("we believed users would"),
and the voids: negation, hedging modals, conditions, plans and questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prdlint.document.model import Block
from prdlint.extract.claim_lexicon import ClaimLexicon, SubjectCue

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Span_

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Words that count people ("75% of users", "most of them").
_QUANTIFIERS = frozenset(
    "majority most many some all few half none number % percent lot lots plenty several both "  # noqa: SIM905
    "one minority bulk rest remainder remaining total others vast".split()
)
# Quantifiers that stand for people on their own ("most said", "the majority prefer").
_PEOPLE_QUANTIFIERS = frozenset(
    ["majority", "most", "many", "some", "few", "half", "minority", "remaining", "remainder"]
)
# Whose behaviour the team's belief is about ("we believed users would …").
_BELIEVED = ("people", "pronouns", "numbers")
# Collective nouns that take a singular verb and still mean many people.
_COLLECTIVE = frozenset(["people", "community", "audience", "everyone", "everybody", "nobody"])
_WOULD = frozenset(["would", "'d", "’d", "will", "'ll", "’ll", "wo"])
_FUTURE = frozenset(["will", "'ll", "’ll", "shall"])
_QUOTE_KINDS = frozenset(["blockquote", "table_cell"])
_OBJECTS = frozenset(["dobj", "xcomp", "ccomp", "prep", "attr", "dative", "acomp", "obj"])


@dataclass(frozen=True)
class Cue:
    """Words of a sentence that cite evidence; ``start``/``end`` index the sentence text."""

    start: int
    end: int
    text: str
    label: str


def _subject(token: Token) -> Token | None:
    """The grammatical subject of a verb or predicate adjective, through conj/xcomp/acomp."""
    node: Token | None = token
    for _ in range(4):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if node.dep_ in ("conj", "xcomp", "acomp", "ccomp", "amod") and node.head is not node:
            node = node.head
        else:
            return None
    return None


def claimant(lexicon: ClaimLexicon, subject: Token) -> str | None:
    """The claimant class of a subject ("75% of users" -> people, "they" -> pronouns).

    People must be plural ("users want"); a singular "the user wants" narrates a flow or a
    persona, it does not report what people said.
    """
    words = (subject.lower_, subject.lemma_.lower())
    is_number = subject.like_num or subject.text.endswith("%") or subject.lower_ == "%"
    if is_number or words[0] in _QUANTIFIERS:
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = claimant(lexicon, obj)
                        if found:
                            return found
        if subject.is_title and subject.i > 0 and not is_number:
            return None  # "SEC Most Wanted": a name, not a quantity of people
        return "numbers" if is_number or words[0] in _PEOPLE_QUANTIFIERS else None
    for word in words:
        found = lexicon.claimant_class(word)
        counted = any(c.dep_ == "nummod" for c in subject.children)  # "1 participant"
        singular = subject.tag_ not in ("NNS", "NNPS") and words[0] not in _COLLECTIVE
        if found == "people" and singular and not counted:
            continue
        if found:
            return found
    return None


def _in_condition(token: Token, lexicon: ClaimLexicon) -> bool:
    """Whether ``token`` stands in a clause introduced by "if", "unless", "whether" ..."""
    for node in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in lexicon.hypothetical_marks for c in node.children):
            return True
    return False


def _in_plan(span: Span_, lexicon: ClaimLexicon) -> bool:
    """Whether a cited source is what a plan acts on ("conduct interviews", "collect
    feedback", "feedback will be sought"), not evidence already in hand."""
    root = span.root
    for node in root.ancestors:
        if node.lemma_.lower() in lexicon.plan_verbs or node.lower_ in lexicon.plan_verbs:
            return True
    if _imperative_plan(span.doc, lexicon):
        return True
    head = root
    while head.dep_ in ("compound", "amod", "poss") and head.head is not head:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = head.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE for c in verb.children):
            return True  # "feedback will inform", "we will seek user feedback"
        if head.dep_ == "dobj" and verb.lemma_.lower() in lexicon.feature_verbs:
            return True  # "admins create surveys", "users leave feedback": a product feature
    if any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in head.children):
        return False  # "you can read the feedback that we received": it is in hand
    for node in root.ancestors:
        if node.pos_ in ("VERB", "AUX") and _hedged(node, lexicon, lexicon.possibility_modals):
            return True  # "users can leave feedback", "we may explore … based on feedback"
    return False


def _imperative_plan(doc: Doc, lexicon: ClaimLexicon) -> bool:
    """A to-do: the sentence (after an optional "Label:") opens with a plan verb."""
    tokens = list(doc)
    colon = next((t.i for t in tokens[:8] if t.text == ":"), -1)
    first = next((t for t in tokens[colon + 1 :] if t.is_alpha), None)
    return first is not None and first.lower_ in lexicon.plan_verbs


def _hedged(token: Token, lexicon: ClaimLexicon, modals: frozenset[str] | None = None) -> bool:
    """A modal on the verb or on what it depends on ("users must be able to request")."""
    wanted = lexicon.hedging_modals if modals is None else modals
    node = token
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in wanted for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "acomp", "conj", "ccomp") or node.head is node:
            return False
        node = node.head
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _verb_span(token: Token) -> tuple[int, int]:
    """The cue words around a verb: "would like", "told us", "asked for"."""
    start, end = token.idx, token.idx + len(token.text)
    for child in token.children:
        if child.dep_ in ("aux", "neg") and child.i < token.i and token.i - child.i <= 3:
            start = min(start, child.idx)
            if child.text[:1] in ("'", "’") and child.i > 0:  # "they'd pay", not "'d pay"
                start = min(start, token.doc[child.i - 1].idx)
        if child.i == token.i + 1 and child.lower_ in ("us", "for", "about"):
            end = child.idx + len(child.text)
    return start, end


def _subject_cue(
    token: Token, cue: SubjectCue, lexicon: ClaimLexicon, block: Block
) -> tuple[int, int] | None:
    lemma = token.lemma_.lower()
    if lemma not in cue.lemmas and token.lower_ not in cue.lemmas:
        return None
    if cue.adjective:
        if token.pos_ not in ("ADJ", "VERB", "NOUN", "INTJ") or token.dep_ == "amod":
            return None
    elif token.pos_ not in ("VERB", "AUX"):
        return None
    has_would = any(c.dep_ == "aux" and c.lower_ in _WOULD for c in token.children)
    if cue.requires_would and not has_would:
        return None
    if _hedged(token, lexicon) or _in_condition(token, lexicon):
        return None
    if _negated(token) and not cue.requires_would:
        return None
    children = list(token.children)
    if cue.needs_object and not any(c.dep_ in _OBJECTS for c in children):
        return None  # "as many as they wanted": no object, no demand
    if cue.factual and _reports_a_fact(children, cue.factual):
        return None  # "reported owning one property", "indicated they had used it"
    if lemma == "need" and any(c.dep_ == "xcomp" for c in children):
        return None  # "would need to create a workaround": a user problem
    subject = _subject(token)
    if subject is None or (subject.dep_ == "nsubjpass" and not cue.adjective):
        return None
    kind = claimant(lexicon, subject)
    if kind is None or kind not in cue.subjects:
        return None
    if kind == "pronouns" and token.dep_ == "relcl":
        return None  # "the formats they would like to copy"
    if kind == "first_person" and block.kind not in _QUOTE_KINDS:
        return None
    if kind == "first_person" and block.kind == "table_cell" and subject.i == 0:
        return None  # a cell opening "I want …" is a story without its role, not an answer
    return _verb_span(token)


def _reports_a_fact(children: list[Token], factual: frozenset[str]) -> bool:
    """A reported complement that states a fact ("owning", "they had used") not a wish."""
    for child in children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG":
            return True
        wish = any(c.dep_ == "aux" and c.lower_ in _WOULD for c in child.children)
        if child.dep_ == "ccomp" and child.lemma_.lower() in factual and not wish:
            return True
    return False


def _belief_cue(token: Token, lexicon: ClaimLexicon) -> tuple[int, int] | None:
    """ "We believe/think users would …": the team's belief about what people would do."""
    if token.lemma_.lower() not in lexicon.belief_verbs or _negated(token):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in lexicon.belief_subjects:
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp":
            continue
        would = any(c.dep_ == "aux" and c.lower_ in _WOULD for c in clause.children)
        wants = any(clause.lemma_.lower() in cue.lemmas for cue in lexicon.subject_cues)
        inner = _subject(clause)
        believed = inner is not None and claimant(lexicon, inner) in _BELIEVED
        if (would or wants) and believed:
            start = subject.idx if token.i - subject.i <= 2 else token.idx
            return start, token.idx + len(token.text)
    return None


def find_cues(doc: Doc, lexicon: ClaimLexicon, block: Block) -> list[Cue]:
    """The cues of one parsed sentence, in order, without overlaps."""
    matchers = lexicon.matchers(doc.vocab)
    if doc.text.rstrip().endswith("?") or doc.text.lower().startswith(lexicon.skip_openings):
        return []  # a question or a presentational lead-in asserts nothing
    blocked = [
        (s, e) for m in (matchers.evidence, matchers.neutral) if len(m) for _, s, e in m(doc)
    ]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in doc)
    found: list[Cue] = []
    if block.kind != "heading" or has_verb:  # a verbless heading names a topic, claims nothing
        for match_id, start, end in matchers.cues(doc):
            span = doc[start:end]
            label = doc.vocab.strings[match_id]
            if any(s < end and start < e for s, e in blocked):
                continue  # "hardware survey", "survey takers", "compared with the survey"
            if label in lexicon.clause_labels and not has_verb:
                continue  # "Survey at end of beta": a metric's method, not a claim
            if _in_condition(span.root, lexicon) or _in_plan(span, lexicon):
                continue
            found.append(Cue(span.start_char, span.end_char, span.text, label))
    for token in doc:
        for cue in lexicon.subject_cues:
            where = _subject_cue(token, cue, lexicon, block)
            if where:
                found.append(Cue(where[0], where[1], doc.text[where[0] : where[1]], "said"))
                break
        belief = _belief_cue(token, lexicon)
        if belief:
            found.append(Cue(belief[0], belief[1], doc.text[belief[0] : belief[1]], "belief"))
    return _without_overlaps(found)


def _without_overlaps(cues: Iterable[Cue]) -> list[Cue]:
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


def behavioural_evidence(doc: Doc, lexicon: ClaimLexicon) -> list[str]:
    """The behavioural-evidence words of one parsed sentence."""
    matcher = lexicon.matchers(doc.vocab).evidence
    return [doc[s:e].text for _, s, e in matcher(doc)] if len(matcher) else []
