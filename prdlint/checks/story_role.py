"""Kind ``story-role``: judge the role of each user story against lexicons from the rule's YAML.

A role is generic when its head noun (lemmatised by spaCy) is a generic head and every word in
front of it only restates the person's relationship to the product (a generic qualifier, or the
product's own name). Anything else in the role, a segment, a stage, a context, a clause, makes
it specific. Alternatives ("student or customer") are generic only when all of them are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from prdlint.analysis import Analysis
from prdlint.checks.util import finding
from prdlint.findings import Finding
from prdlint.rulebook import Rule

FIELDS: dict[str, Any] = {
    "generic_heads": list,
    "generic_qualifiers": list,
    "relationship_tails": list,
    "max_suggestions": int,
}
_DETERMINERS = {"a", "an", "the", "any", "some", "our", "my", "your", "each", "every", "all"}
_SPLIT_POST = re.compile(
    r"\s+(?:who|that|which|with|without|from|in|on|at|for|of|using|via|whose|where|when|"
    r"needing|wanting|looking|trying|having|being)\b(?P<tail>.*)$",
    re.IGNORECASE,
)
_ALTERNATIVES = re.compile(r"\s*(?:/|,|\bor\b|\band\b|&)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    heads: frozenset[str]
    qualifiers: frozenset[str]
    tails: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, rule: Rule) -> Lexicon:
        data = rule.data
        return cls(
            heads=frozenset(str(w).lower() for w in data.get("generic_heads", [])),
            qualifiers=frozenset(str(w).lower() for w in data.get("generic_qualifiers", [])),
            tails=tuple(
                re.compile(str(p), re.IGNORECASE) for p in data.get("relationship_tails", [])
            ),
        )


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)


def is_generic(role: str, lexicon: Lexicon, lemma: dict[str, str], product_words: set[str]) -> bool:
    """Whether a role names nobody in particular (see the module docstring)."""
    role = re.sub(r"\s+", " ", role.replace("’", "'")).strip(" .,;:")
    if "(" in role or ")" in role:
        return False  # "user (athlete, coach, or admin)": the brackets name the roles
    alternatives = [a for a in _ALTERNATIVES.split(role) if a.strip()]
    if len(alternatives) > 1:
        return all(is_generic(a, lexicon, lemma, product_words) for a in alternatives)
    match = _SPLIT_POST.search(role)
    if match:
        tail = match.group(0).strip()
        if not any(p.fullmatch(tail) for p in lexicon.tails):
            return False
        role = role[: match.start()]
    words = [w for w in _words(role)]
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if not words:
        return False
    lowered = [w.lower() for w in words]
    head_length = 0
    for size in (2, 1):
        if len(lowered) < size:
            continue
        head = lowered[-size:]
        lemmatised = " ".join([*head[:-1], lemma.get(head[-1], head[-1])])
        if " ".join(head) in lexicon.heads or lemmatised in lexicon.heads:
            head_length = size
            break
    if not head_length:
        return False
    for word in lowered[:-head_length]:
        if word in lexicon.qualifiers or word.removesuffix("'s") in lexicon.qualifiers:
            continue
        if word in product_words:
            continue
        return False
    return True


def _product_words(analysis: Analysis) -> set[str]:
    """Words of the product's name: the document's first heading and front matter title."""
    titles: list[str] = []
    front = analysis.document.front_matter or {}
    for key in ("title", "product", "name", "project"):
        if isinstance(front.get(key), str):
            titles.append(front[key])
    for section in analysis.document.sections[:1]:
        titles.append(section.title)
    words: set[str] = set()
    for title in titles:
        for word in _words(title):
            if word[:1].isupper() and len(word) > 2:
                words.add(word.lower())
    return words


# The suffix rules of spaCy's English rule-based lemmatiser, all parts of speech:
# (inflected ending, lemma ending). tests/test_speed_nlp.py checks them against the pipeline.
LEMMA_SUFFIXES = (
    ("s", ""),
    ("es", ""),
    ("es", "e"),
    ("ses", "s"),
    ("ves", "f"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
)


def lemma_forms(bases: Iterable[str]) -> frozenset[str]:
    """The bases and every word the lemmatiser's suffix rules could turn into one of them."""
    forms = set(bases)
    for base in list(forms):
        for old, new in LEMMA_SUFFIXES:
            if base.endswith(new):
                forms.add(base[: len(base) - len(new)] + old)
    return frozenset(forms)


def needs_lemma(word: str, forms: frozenset[str], bases: frozenset[str]) -> bool:
    """Whether spaCy's lemma of ``word`` could be a base that ``word`` itself is not.

    spaCy lemmatises the last token of "the <word>", and splits tokens at hyphens and
    apostrophes, so every piece of the word counts ("power-users" → "user"). Any other word is
    its own lemma as far as the lexicon is concerned and is not sent to spaCy: a document whose
    roles hold only such words never loads it.
    """
    pieces = {word, *re.split(r"[-'’]", word)}
    return any(p in forms and not (p == word and p in bases) for p in pieces if p)


def _lemmas(roles: Sequence[str], analysis: Analysis, lexicon: Lexicon) -> dict[str, str]:
    """Lemmas of the head words of the roles that may matter, from spaCy, in one batch."""
    bases = frozenset(head.split()[-1] for head in lexicon.heads if head.split())
    forms = lemma_forms(bases)
    words = {w.lower() for role in roles for w in _words(role)[-2:]}
    heads = sorted(w for w in words if needs_lemma(w, forms, bases))
    if not heads:
        return {}
    docs = analysis.parser.parse_many([f"the {word}" for word in heads], dependencies=False)
    return {word: doc[-1].lemma_.lower() for word, doc in zip(heads, docs, strict=True)}


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    stories = analysis.stories
    if not stories:
        return
    lexicon = Lexicon.of(rule)
    lemma = _lemmas([s.role for s in stories], analysis, lexicon)
    products = _product_words(analysis)
    limit = int(rule.data.get("max_suggestions", 3))
    personas = analysis.personas[:limit]
    if personas:
        suggestion = "name who this is (e.g. one of: " + ", ".join(personas) + ")"
    else:
        suggestion = (
            "name who this is: a role, segment or stage (e.g. claims adjuster, trial admin)"
        )
    for story in stories:
        if not is_generic(story.role, lexicon, lemma, products):
            continue
        section = " > ".join(story.block.section.path) if story.block.section else ""
        yield finding(
            rule,
            analysis.document.path,
            story.role_span,
            rule.format(role=story.role, suggestion=suggestion),
            text=story.role.lower(),
            section=section,
        )
