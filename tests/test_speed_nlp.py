"""Parse only what a rule will read: triggers pick sentences; the lemma filter of PRD101."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from prdlint.analysis import Analysis, trigger_pattern
from prdlint.checks.story_role import LEMMA_SUFFIXES, Lexicon, lemma_forms, needs_lemma
from prdlint.config import Config
from prdlint.document.parse import parse_document
from prdlint.nlp import Parser, load_pipeline
from prdlint.rulebook import builtin_rules

TEXT = """# Checkout

Shoppers abandon carts because shipping costs appear late. The team ships weekly.

- Support tickets doubled after the redesign.
- Nothing else happened.
"""


class RecordingParser(Parser):
    """A parser that records what would go to spaCy, and returns the texts themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[list[str], bool]] = []

    def parse_many(self, texts: Iterable[str], dependencies: bool = True) -> list:
        wanted = list(texts)
        self.calls.append((wanted, dependencies))
        return wanted


def analysis_with(parser: Parser) -> Analysis:
    return Analysis(parse_document(TEXT), Config(), parser)


def test_triggered_keeps_only_sentences_with_a_trigger() -> None:
    rule = replace(builtin_rules().get("PRD101"), triggers=("because", "doubled"))
    analysis = analysis_with(RecordingParser())
    found = [s.text for s in analysis.triggered(rule)]
    assert found == [
        "Shoppers abandon carts because shipping costs appear late.",
        "Support tickets doubled after the redesign.",
    ]


def test_triggers_match_case_insensitively_as_substrings() -> None:
    rule = replace(builtin_rules().get("PRD101"), triggers=("shipping cost",))
    analysis = analysis_with(RecordingParser())
    assert [s.text[:8] for s in analysis.triggered(rule)] == ["Shoppers"]
    assert trigger_pattern(()) is None


def test_a_rule_without_triggers_reads_every_sentence() -> None:
    rule = replace(builtin_rules().get("PRD101"), triggers=())
    analysis = analysis_with(RecordingParser())
    assert len(analysis.triggered(rule)) == len(analysis.document.sentences) == 5


def test_parsed_sends_only_triggered_sentences_in_one_batch() -> None:
    parser = RecordingParser()
    rule = replace(builtin_rules().get("PRD101"), triggers=("because",))
    pairs = analysis_with(parser).parsed(rule, dependencies=False)
    assert parser.calls == [(["Shoppers abandon carts because shipping costs appear late."], False)]
    assert [sentence.text for sentence, _ in pairs] == [doc for _, doc in pairs]


def test_parsed_without_a_triggered_sentence_never_calls_the_parser() -> None:
    parser = RecordingParser()
    rule = replace(builtin_rules().get("PRD101"), triggers=("no such phrase",))
    assert analysis_with(parser).parsed(rule) == []
    assert parser.calls == []


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_the_pipeline_leaves_out_ner_and_senter(nlp) -> None:
    assert not {"ner", "senter"} & set(nlp.component_names)
    assert {"tagger", "lemmatizer", "parser"} <= set(nlp.pipe_names)


def test_shallow_parses_skip_dependencies_and_are_memoised(nlp) -> None:
    parser = Parser()
    shallow = parser.parse_many(["Customers wait for refunds."], dependencies=False)[0]
    assert shallow[0].lemma_ == "customer"
    assert not shallow.has_annotation("DEP")
    deep = parser.parse_many(["Customers wait for refunds."])[0]
    assert deep.has_annotation("DEP") and deep[1].dep_ == "ROOT"
    assert parser.texts_parsed == 2
    assert parser.parse_many(["Customers wait for refunds."], dependencies=False)[0] is deep
    assert parser.texts_parsed == 2


def test_lemma_suffixes_cover_the_pipelines_rules(nlp) -> None:
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules = lookups.get_table("lemma_rules")
    pairs = {tuple(pair) for key in rules for pair in rules[key] if pair[0].isalpha()}
    assert pairs <= set(LEMMA_SUFFIXES)


def test_every_lemma_exception_onto_a_generic_head_is_sent_to_spacy(nlp) -> None:
    lexicon = Lexicon.of(builtin_rules().get("PRD101"))
    bases = frozenset(head.split()[-1] for head in lexicon.heads)
    forms = lemma_forms(bases)
    exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    onto_heads = [
        word
        for key in exceptions
        for word, lemmas in exceptions[key].items()
        if any(lemma in bases and lemma != word for lemma in lemmas)
    ]
    assert all(needs_lemma(word, forms, bases) for word in onto_heads)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("users", True),
        ("customers", True),
        ("end-users", True),
        ("power-users", True),
        ("power-user", True),
        ("user", False),
        ("trader", False),
        ("busy", False),
        ("claims", False),
    ],
)
def test_needs_lemma(word: str, expected: bool) -> None:
    lexicon = Lexicon.of(builtin_rules().get("PRD101"))
    bases = frozenset(head.split()[-1] for head in lexicon.heads)
    assert needs_lemma(word, lemma_forms(bases), bases) is expected


def test_words_the_filter_skips_are_their_own_lemma_for_the_lexicon(nlp) -> None:
    lexicon = Lexicon.of(builtin_rules().get("PRD101"))
    bases = frozenset(head.split()[-1] for head in lexicon.heads)
    forms = lemma_forms(bases)
    words = ["busy", "admin", "trader", "managers", "patients", "users", "buyers", "members"]
    words += ["everyone", "humans", "individuals", "people", "persons", "end-users", "clients"]
    for word, doc in zip(words, Parser().parse_many([f"the {w}" for w in words]), strict=True):
        lemma = doc[-1].lemma_.lower()
        if lemma in bases and lemma != word:
            assert needs_lemma(word, forms, bases), word
