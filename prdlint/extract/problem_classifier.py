"""spaCy's part of problem extraction: Matcher patterns and dependency checks per sentence.

Imported only when a document has candidate sentences, so spaCy never loads at import time.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from prdlint.errors import RuleDefinitionError
from prdlint.extract.problem_lexicon import ProblemLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Token

ProblemKind = Literal["user", "customer"]

_STAKE_POS = frozenset({"NOUN", "PROPN", "X"})
_AIM_OPENERS = frozenset(
    ["to", "goal", "goals", "objective", "target", "aim", "if", "hypothesis", "rather", "instead"]
)
_CONDITIONS = frozenset(["if", "unless", "whether", "once"])
_NOUNS = frozenset({"NOUN", "PROPN"})
_NOMINAL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_NEGATIONS = frozenset(["no", "not", "n't", "n’t", "never", "without"])
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
        if is_aim(doc):
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
            span = doc[start:end]
            if not _negated(span) and not self._hypothetical(span[0]):
                return span.text
        lex = self.lexicon
        for token in doc:
            if token.pos_ not in _STAKE_POS and token.dep_ not in _NOMINAL_ROLES:
                continue  # "Churn" tagged ADJ but standing as a subject is still a noun
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
            if self._hypothetical(token) or self._intended(token):
                continue  # "would cause churn", "we plan to grow revenue": imagined or aimed at
            good_news = lex.signal_up if signals is lex.signal_down else lex.signal_down
            for other in _linked(token.head if modifier else token):
                if other.lower_ in signals or other.lemma_.lower() in signals:
                    first, last = sorted((token.i, other.i))
                    return doc[first : last + 1].text
                if (
                    problem_section
                    and not any(o.lemma_.lower() in good_news for o in _linked(token))
                    and (other.like_num or other.text in "%$€£")
                    and other.head.i == token.head.i != token.i
                    and token.head.pos_ in ("VERB", "AUX")
                ):
                    # "Week-4 retention is 9.8%" under a Problem heading: the stake, measured
                    first, last = sorted((token.i, other.i))
                    return doc[first : last + 1].text
        return ""

    def _not_a_user_problem(self, span: Any) -> bool:
        """A spec or the team's own need ("the system needs to", "we can't"), or an aim."""
        first = span[0]
        before = span.doc[max(0, first.i - 2) : first.i]

        def aim(token: Token) -> bool:  # "reduce friction", not "addresses" the noun
            return token.lower_ in self.lexicon.aim_words and token.pos_ not in _NOUNS

        if aim(first.head) or any(aim(t) for t in before):
            return True
        if any(aim(t) for t in first.head.children if t.i < first.i):
            return True
        if self._hypothetical(first):
            return True
        after = span.doc[span.end : span.end + 2]
        if after[:1] and after[0].lower_ == "be" and span[-1].lower_ == "to":
            return True  # "X will need to be updated": a thing's requirement, not a person's
        if after[:1] and after[0].lower_ in ("free", "-free", "less", "-less"):
            return True  # "friction free", "painless": a quality promised
        verb = first if first.pos_ == "VERB" else first.head
        if first.lemma_ in ("can", "could") and any(c.dep_ == "auxpass" for c in verb.children):
            return True  # "a complete Job cannot be suspended": a constraint of the design
        if first.pos_ not in ("VERB", "AUX"):
            return False  # "it is hard to …": the subject is a placeholder
        subject = _subject(first)
        return subject is not None and (
            subject.lower_ in self.lexicon.product_subjects
            or subject.lemma_.lower() in self.lexicon.product_subjects
        )

    def _intended(self, token: Token) -> bool:
        """Whether a verb of intent governs ``token`` ("we plan to grow revenue 40%")."""
        node = token
        for _ in range(4):
            if node.lemma_.lower() in self.lexicon.aim_verbs and node.pos_ == "VERB":
                return True
            if node.head.i == node.i:
                break
            node = node.head
        return False

    def _hypothetical(self, token: Token) -> bool:
        """Whether the clause of ``token`` is imagined: a modal ("some users would need to",
        "would cause churn") on its verb or the verb above, or an "if" clause."""
        verb = token
        for _ in range(4):  # climb from a noun cue ("their frustrations") to its verb
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        for _ in range(2):
            if any(c.dep_ == "aux" and c.lower_ in self.lexicon.modals for c in verb.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children):
                return True
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return False


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
        if node.pos_ in ("VERB", "AUX"):  # siblings through a clause, not through a list
            linked.extend(c for c in node.children if c.i != token.i)
    return linked


def _negated(span: Any) -> bool:
    """A cue denied from outside its own words: "no expensive hardware", "not costly"."""
    inside = range(span.start, span.end)
    root = span.root
    for node in (root, root.head):
        for child in node.children:
            if (
                child.i not in inside
                and child.lower_ in _NEGATIONS
                and child.dep_
                in (
                    "neg",
                    "det",
                )
            ):
                return True
    return False


def is_aim(doc: Doc) -> bool:
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


_CLASSIFIERS: dict[tuple[ProblemLexicon, int], tuple[Any, Classifier]] = {}


def classifier_for(lexicon: ProblemLexicon, vocab: Any) -> Classifier:
    """A classifier per lexicon and spaCy vocabulary, built once (its Matchers compile once)."""
    key = (lexicon, id(vocab))
    cached = _CLASSIFIERS.get(key)
    if cached is None or cached[0] is not vocab:
        if len(_CLASSIFIERS) > 16:
            _CLASSIFIERS.clear()
        cached = (vocab, Classifier(lexicon, vocab))
        _CLASSIFIERS[key] = cached
    return cached[1]
