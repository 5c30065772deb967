"""Claim extraction for PRD301: what reaches spaCy, and what the parse decides."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from prdlint.checks import KIND_FIELDS
from prdlint.checks.claim_evidence import lexicon_of
from prdlint.document.parse import parse_document
from prdlint.errors import RuleDefinitionError
from prdlint.extract.claims import Claim, extract_claims
from prdlint.extract.stories import extract_stories
from prdlint.nlp import Parser
from prdlint.rulebook import builtin_rules, decode_rule

RULE_FILE = Path(__file__).parent.parent / "rules" / "PRD301.yaml"


class RecordingParser(Parser):
    """The real parser, remembering every text it was asked to parse."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def parse_many(self, texts: Iterable[str]):  # type: ignore[no-untyped-def]
        wanted = list(texts)
        self.seen.extend(wanted)
        return super().parse_many(wanted)


@pytest.fixture(scope="module")
def parser() -> RecordingParser:
    return RecordingParser()


def claims(text: str, parser: Parser) -> list[Claim]:
    document = parse_document(text, "doc.md")
    lexicon = lexicon_of(builtin_rules().get("PRD301"))  # type: ignore[arg-type]
    return extract_claims(document, extract_stories(document), parser, lexicon)


def stated_only(text: str, parser: Parser) -> list[str]:
    return [c.sentence.text for c in claims(text, parser) if not c.evidence]


def test_sentences_without_a_trigger_never_reach_spacy(parser: RecordingParser) -> None:
    parser.seen.clear()
    text = "The export runs nightly. Exports are kept for a year.\n\nUsers want a dark mode.\n"
    assert stated_only(text, parser) == ["Users want a dark mode."]
    assert set(parser.seen) == {"Users want a dark mode."}


@pytest.mark.parametrize(
    "text",
    [
        "Users did not ask for a dark mode.",
        "We could add it later if people want more flexibility.",
        "System administrators may want to restrict the field.",
        "Users must be able to request a rewrite.",
        "The user wants to change the file and opens the editor.",
        "Analysts need to compare two quarters.",
        "Conduct five interviews with nurses.",
        "Feedback from the pilot will inform the next release.",
        "People who want to track their time are our audience.",
        "Five respondents reported owning one property.",
        "As a nurse, I want to see the rota so that I can plan.",
        "Only one of 16 responses indicated they had used an app like this.",
        "Target: 80% positive feedback on the new checkout.",
        "Replace the mock SEC Most Wanted panel with real data.",
        "AI agents must poll the API to get updates.",
        "Chrome is the most popular web browser.",
        "Why would your users choose your product?",
    ],
)
def test_not_a_claim(text: str, parser: Parser) -> None:
    assert stated_only(text, parser) == []


@pytest.mark.parametrize(
    "text",
    [
        "Customers told us they want bulk export.",
        "1 participant said the reference number would help.",
        "75% of respondents would prefer a toggle.",
        "We believed that users would stick around if they saw value quickly.",
        "The boss wants a scheduling chatbot.",
        "Based on this feedback the team will build dark mode first.",
        "Most people are very satisfied with the new editor.",
    ],
)
def test_a_stated_preference_claim(text: str, parser: Parser) -> None:
    assert stated_only(text, parser) == [text]


def test_behavioural_evidence_in_the_same_scope_answers_the_claim(parser: Parser) -> None:
    text = "Interviewees asked for bulk export; usage logs show 40% of accounts export weekly.\n"
    [claim] = claims(text, parser)
    assert claim.evidence
    assert stated_only(text, parser) == []


def test_evidence_in_a_neighbouring_list_item_does_not_count(parser: Parser) -> None:
    text = "- Survey: teams mentioned blank-canvas confusion.\n- Retention rose 4 points.\n"
    assert stated_only(text, parser) == ["Survey: teams mentioned blank-canvas confusion."]


def test_a_measuring_survey_is_behavioural(parser: Parser) -> None:
    text = "The Steam hardware survey tells us that 94% of players have AVX.\n"
    assert stated_only(text, parser) == []


def _decode(text: str) -> None:
    decode_rule(text, "rules/PRD399.yaml", KIND_FIELDS)


def test_rule_file_decodes_and_compiles() -> None:
    rule = builtin_rules().get("PRD301")
    assert rule is not None and rule.kind == "claim-evidence"
    assert rule.triggers and all(t == t.lower() for t in rule.triggers)


def test_bad_token_key_is_reported_with_its_line() -> None:
    text = RULE_FILE.read_text(encoding="utf-8").replace("{LOWER: {IN: [told", "{LOWR: {IN: [told")
    with pytest.raises(RuleDefinitionError, match=r"rules/PRD399.yaml:\d+: cue_patterns: .*LOWR"):
        _decode(text)


def test_yaml_boolean_in_a_word_list_is_rejected() -> None:
    text = RULE_FILE.read_text(encoding="utf-8").replace('IN: ["on", upon', "IN: [on, upon")
    with pytest.raises(RuleDefinitionError, match="must be a list of strings"):
        _decode(text)


def test_unknown_claimant_class_is_rejected() -> None:
    text = RULE_FILE.read_text(encoding="utf-8").replace("  pronouns: [they]", "  robots: [they]")
    with pytest.raises(RuleDefinitionError, match="unknown claimant class 'robots'"):
        _decode(text)


def test_popularity_counts_only_where_the_document_names_a_survey(parser: Parser) -> None:
    text = "# Results\n\nWe ran a survey last spring.\n\nCSV is the most popular format.\n"
    assert "CSV is the most popular format." in stated_only(text, parser)


def test_a_decision_resting_on_the_survey_above_is_a_claim(parser: Parser) -> None:
    text = (
        "# Observation\n\nMost respondents answered the survey with a yes.\n\n"
        "With this information we will focus on the calendar.\n"
    )
    assert "With this information we will focus on the calendar." in stated_only(text, parser)


def test_this_information_without_a_stated_source_is_not_a_claim(parser: Parser) -> None:
    text = "# Plan\n\nThe API returns JSON.\n\nWith this information we will build a client.\n"
    assert stated_only(text, parser) == []
