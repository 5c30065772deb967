"""Kind ``story-role``: judge the role of each user story against lexicons from the rule's YAML.

A role is generic when its head noun (lemmatised by spaCy) is a generic head and every word in
front of it only restates the person's relationship to the product: a generic qualifier, or the
product's own name. Anything else in the role, a segment, a stage, a context, a clause, makes
it specific, except a clause that only describes the story's own task or precondition in the
product ("a user searching for …", "a customer who has forgotten the password"): that says
what the person is doing, not who they are. Alternatives ("student or customer") are generic
only when all of them are.

The product's name is read from the document: its title, and names the document itself
capitalises ("Compass", "FABS") at least ``product_min_mentions`` times. Words that name a
platform, a privilege or a plan ("Windows", "admin", "premium") are never taken for it.
spaCy parses only the few role clauses whose verb form decides the case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from prdlint.analysis import Analysis
from prdlint.checks.util import finding
from prdlint.extract.stories import Story
from prdlint.findings import Finding
from prdlint.rulebook import Rule

FIELDS: dict[str, Any] = {
    "generic_heads": list,
    "generic_qualifiers": list,
    "specific_qualifiers": list,
    "relationship_tails": list,
    "identity_participles": list,
    "context_markers": list,
    "product_nouns": list,
    "product_min_mentions": int,
    "max_suggestions": int,
}
_DETERMINERS = {"a", "an", "the", "any", "some", "our", "my", "your", "each", "every", "all"}
_SPLIT_POST = re.compile(
    r"\s+(?:who|that|which|with|without|from|in|on|at|for|of|using|via|whose|where|when|"
    r"(?-i:[a-z]+ing))\b(?P<tail>.*)$",
    re.IGNORECASE,
)
_ALTERNATIVES = re.compile(r"\s*(?:/|,|\bor\b|\band\b|&)\s*", re.IGNORECASE)
_PERFECT = re.compile(r"^(?:who|that)\s+(?:has|have|had)\s+(?:not\s+|already\s+|just\s+)?(\w+)")
_OF_PRODUCT = re.compile(
    r"^(?:of|on|in|for|using|at)\s+(?:the\s+|this\s+|our\s+|an?\s+|my\s+)?(?P<name>[\w\- ]+)$",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*")
# Tells whether a verb in a role clause is a past participle ("who has *read* a teaser").
ParticipleTest = Callable[[str], bool]


@dataclass(frozen=True)
class Lexicon:
    heads: frozenset[str]
    qualifiers: frozenset[str]
    specific: frozenset[str]
    tails: tuple[re.Pattern[str], ...]
    identity: frozenset[str]
    contexts: tuple[re.Pattern[str], ...]
    product_nouns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, rule: Rule) -> Lexicon:
        data = rule.data

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key, []))

        def patterns(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(str(p), re.IGNORECASE) for p in data.get(key, []))

        return cls(
            heads=words("generic_heads"),
            qualifiers=words("generic_qualifiers"),
            specific=words("specific_qualifiers"),
            tails=patterns("relationship_tails"),
            identity=words("identity_participles"),
            contexts=patterns("context_markers"),
            product_nouns=words("product_nouns"),
        )


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _clean(role: str) -> str:
    role = re.sub(r"[*_`\[\]]|\]\([^)]*\)", " ", role.replace("’", "'"))
    role = re.sub(r"\(https?://[^)]*\)", " ", role)
    return re.sub(r"\s+", " ", role).strip(" .,;:")


def _split_glued(word: str, lexicon: Lexicon) -> list[str] | None:
    """``anonymoususer`` / ``AuthenticatedUser`` -> [qualifier, head] when both are known."""
    lowered = word.lower()
    for head in lexicon.heads:
        if " " in head or len(head) < 4 or not lowered.endswith(head) or lowered == head:
            continue
        prefix = lowered[: -len(head)].rstrip("-")
        if prefix in lexicon.qualifiers:
            return [prefix, head]
    return None


def _task_tail(
    tail: str, lexicon: Lexicon, products: set[str], is_participle: ParticipleTest
) -> bool:
    """Whether a clause after the head only says what the person does in the product."""
    if any(p.fullmatch(tail) for p in lexicon.tails):
        return True
    if any(p.search(tail) for p in lexicon.contexts):
        return False
    of = _OF_PRODUCT.match(tail)
    if of:
        named = [w.lower() for w in _words(of.group("name"))]
        if named and all(w in products for w in named):
            return True  # "user of Orbitly"
        if (
            named
            and named[-1] in lexicon.product_nouns
            and not any(w in lexicon.specific for w in named)
        ):
            return True  # "user of the meal planning app": the relationship, nothing more
    first = tail.split()[0].lower() if tail.split() else ""
    if first.endswith("ing") and first not in lexicon.identity:
        return True  # "searching for …", "reviewing results": the story's task
    perfect = _PERFECT.match(tail)
    # "who has been targeted by …" is a state the person is in, so it says who they are.
    return bool(perfect and perfect.group(1).lower() != "been" and is_participle(perfect.group(1)))


def is_generic(
    role: str,
    lexicon: Lexicon,
    lemma: dict[str, str],
    product_words: set[str],
    is_participle: ParticipleTest = lambda word: False,
) -> bool:
    """Whether a role names nobody in particular (see the module docstring)."""
    role = _clean(role)
    if "(" in role or ")" in role:
        return False  # "user (athlete, coach, or admin)": the brackets name the roles
    match = _SPLIT_POST.search(role)
    if match and match.group(0).strip()[:1].islower() and match.group(0).split()[0].endswith("ing"):
        before = _words(role[: match.start()])
        last = before[-1].lower() if before else ""
        if lemma.get(last, last) not in lexicon.heads and last not in lexicon.heads:
            match = None  # "data consuming user": the -ing word qualifies the head after it
    if match and match.start() > 0:
        tail = match.group(0).strip()
        if not _task_tail(tail, lexicon, product_words, is_participle):
            return False
        role = role[: match.start()]
    alternatives = [a for a in _ALTERNATIVES.split(role) if a.strip()]
    if len(alternatives) > 1:
        return all(
            is_generic(a, lexicon, lemma, product_words, is_participle) for a in alternatives
        )
    words = _words(role)
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if not words:
        return False
    lowered = [w.lower() for w in words]
    glued = _split_glued(words[-1], lexicon)
    if glued and lowered[-1] not in lexicon.heads:
        lowered[-1:] = glued
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
    qualifiers = lowered[:-head_length]
    acronym = "".join(qualifiers) if qualifiers and all(len(q) == 1 for q in qualifiers) else ""
    if len(qualifiers) > 1 and acronym and acronym in product_words:
        return True  # "s c d user": a product acronym spelled out letter by letter
    for word in qualifiers:
        bare = word.removesuffix("'s")
        if bare in lexicon.specific:
            return False
        if bare in lexicon.qualifiers or bare in product_words:
            continue
        return False
    return True


def _sentence_start(text: str, index: int) -> bool:
    before = text[max(0, index - 12) : index].rstrip(" \t*_\"'“‘([")
    if index > 12 and not before:
        return False  # a long run of markup or spaces, not a sentence start
    return not before or before[-1] in ".!?:;\n|#>-•" or before.endswith("\n")


def product_words(
    analysis: Analysis,
    stories: Sequence[Story] | None = None,
    lexicon: Lexicon | None = None,
    minimum: int = 3,
) -> set[str]:
    """Words of the product's name: the first heading, the front matter title, and names the
    document capitalises mid-sentence outside story roles and mentions ``minimum`` times.

    Other kinds may call it with the analysis alone (stories default to the document's, and
    no word is excluded as a platform or privilege word)."""
    document = analysis.document
    stories = analysis.stories if stories is None else stories
    lexicon = lexicon or Lexicon(frozenset(), frozenset(), frozenset(), (), frozenset(), ())
    titles: list[str] = []
    front = document.front_matter or {}
    for key in ("title", "product", "name", "project"):
        if isinstance(front.get(key), str):
            titles.append(front[key])
    for section in document.sections[:1]:
        titles.append(section.title)
    words: set[str] = set()
    for title in titles:
        for word in _words(title):
            if word[:1].isupper() and len(word) > 2 and word.lower() not in lexicon.specific:
                words.add(word.lower())
    roles: dict[int, bytearray] = {}
    for story in stories:
        mask = roles.setdefault(id(story.block), bytearray(len(story.block.text)))
        mask[story.role_start : story.role_end] = b"\x01" * (story.role_end - story.role_start)
    mentions: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for block in document.blocks:
        text = block.text
        in_role = roles.get(id(block))
        title_case = block.kind == "heading" or block.is_header_row
        for match in _WORD.finditer(text):
            word = match.group()
            low = word.lower()
            mentions[low] += 1
            if title_case or (in_role is not None and in_role[match.start()]):
                continue
            if (word.isupper() and len(word) >= 2) or (
                word[:1].isupper() and not _sentence_start(text, match.start())
            ):
                capitalised[low] += 1
        # "s c d": an acronym whose letters a text export spaced out
        for letters in re.finditer(r"\b(?:[A-Za-z] ){1,4}[A-Za-z]\b", text):
            mentions["".join(letters.group().split()).lower()] += 1
            capitalised["".join(letters.group().split()).lower()] += 1
    for low in capitalised:
        if mentions[low] >= minimum and low not in lexicon.specific and low not in lexicon.heads:
            words.add(low)
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


def lemmas(
    roles: Sequence[str], analysis: Analysis, lexicon: Lexicon | None = None
) -> dict[str, str]:
    """Lemmas of the head words of the roles, from spaCy, parsed in one batch.

    With a ``lexicon``, only words whose lemma could be one of its generic heads are parsed
    (see :func:`needs_lemma`), so a document whose roles hold no such word never loads spaCy.
    """
    words = {w.lower() for role in roles for w in _words(_clean(role))[-2:]}
    if lexicon is not None:
        bases = frozenset(head.split()[-1] for head in lexicon.heads if head.split())
        forms = lemma_forms(bases)
        words = {w for w in words if needs_lemma(w, forms, bases)}
    heads = sorted(words)
    if not heads:
        return {}
    docs = analysis.parser.parse_many([f"the {word}" for word in heads], dependencies=False)
    return {word: doc[-1].lemma_.lower() for word, doc in zip(heads, docs, strict=True)}


def _participle_test(roles: Sequence[str], analysis: Analysis) -> ParticipleTest:
    """Past-participle verbs of "who has …" role clauses, tagged by spaCy in one batch."""
    clauses: dict[str, str] = {}
    for role in roles:
        match = _SPLIT_POST.search(_clean(role))
        if match is None:
            continue
        perfect = _PERFECT.match(match.group(0).strip())
        if perfect:
            clauses.setdefault(perfect.group(1).lower(), f"The user {perfect.group(0).strip()}")
    if not clauses:
        return lambda word: False
    docs = analysis.parser.parse_many(list(clauses.values()))
    tagged: set[str] = set()
    for word, doc in zip(clauses, docs, strict=True):
        if any(t.lower_ == word and t.tag_ == "VBN" for t in doc):
            tagged.add(word)
    return lambda word: word.lower() in tagged


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    stories = analysis.stories
    if not stories:
        return
    lexicon = Lexicon.of(rule)
    roles = [s.role for s in stories]
    lemma = lemmas(roles, analysis, lexicon)
    participle = _participle_test(roles, analysis)
    products = product_words(
        analysis, stories, lexicon, int(rule.data.get("product_min_mentions", 3))
    )
    limit = int(rule.data.get("max_suggestions", 3))
    personas = analysis.personas[:limit]
    if personas:
        suggestion = "name who this is (e.g. one of: " + ", ".join(personas) + ")"
    else:
        suggestion = (
            "name who this is: a role, segment or stage (e.g. claims adjuster, trial admin)"
        )
    for story in stories:
        if not is_generic(story.role, lexicon, lemma, products, participle):
            continue
        section = " > ".join(story.block.section.path) if story.block.section else ""
        yield finding(
            rule,
            analysis.document.path,
            story.role_span,
            rule.format(role=_clean(story.role), suggestion=suggestion),
            text=story.role.lower(),
            section=section,
        )
