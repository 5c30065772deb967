"""Problem statements: which sentences are user problems, which are customer problems."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from prdlint.analysis import Analysis, default_problem_lexicon
from prdlint.config import Config
from prdlint.document.parse import parse_document
from prdlint.errors import RuleDefinitionError
from prdlint.extract.problems import Problem, ProblemLexicon, candidate_sentences, extract_problems
from prdlint.nlp import Parser

PARSER = Parser()


def _problems(text: str) -> list[Problem]:
    return Analysis(parse_document(text, "t.md"), Config(), PARSER).problems


def _kinds(text: str) -> list[tuple[str, int]]:
    return [(p.kind, p.line) for p in _problems(text)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Marketers need a better way to see which segments overlap.", "user"),
        ("Users can't export reports.", "user"),
        ("It takes analysts too many clicks to build a chart.", "user"),
        ("It is hard for clerks to find an overdue invoice.", "user"),
        ("Dispatchers copy addresses into the routing tool by hand.", "user"),
        ("Nurses often miss medication alerts in a crowded inbox.", "user"),
        ("New hires don't know where to find the onboarding checklist.", "user"),
        ("The weekly report export is slow and times out.", "user"),
        ("They do not have to visit the garage to see free spaces.", None),
        ("The customer needs a way to upload large files.", "user"),
        ("Our users' employers lose 3% of revenue to late invoices.", "customer"),
        ("Grocers are losing customers to rivals with same-day delivery.", "customer"),
        ("This reduces dealer ROI and increases complaints.", "customer"),
        ("Clinics face regulatory pressure to keep audit trails.", "customer"),
        ("Increase revenue by 20% next year.", None),
        ("Revenue grew 40% last year.", None),
        ("We plan to grow revenue 40% next year.", None),
        ("Churn among small accounts rose from 3% to 5% last quarter.", "customer"),
        ("Our largest customer threatened to cancel their contract.", "customer"),
        ("Users switch between three tools to file one expense.", None),
        ("No consoles, no downloads, no expensive hardware.", None),
        ("Changing the syntax would cause unnecessary churn.", None),
        ("The system needs to store every reading.", None),
        ("We need to measure the start-up time first.", None),
        ("Some users would need to change the default.", None),
        ("Some users would need to create a workaround for big files.", None),
        ("A finished job cannot be suspended.", None),
        ("The overlap matrix sits on the segments page.", None),
    ],
)
def test_a_sentence_decides_its_kind(sentence: str, kind: str | None) -> None:
    found = _problems(f"# Doc\n\n## Notes\n\n{sentence}\n")
    assert [p.kind for p in found] == ([kind] if kind else [])


def test_the_heading_is_a_hint_not_the_decision() -> None:
    text = (
        "# Doc\n\n## Problem\n\nUsers can't export reports.\n\n"
        "## Background\n\nRetailers lose 4% of margin to returns.\n"
    )
    assert _kinds(text) == [("user", 5), ("customer", 9)]


def test_persona_needs_stories_requirements_and_code_are_not_problems() -> None:
    text = (
        "# Doc\n\n## Personas\n\nA nurse who needs to swap shifts and can't reach the manager.\n\n"
        "## Stories\n\n- As a nurse, I need to swap a shift so that I can rest.\n\n"
        "## Requirements\n\n- The app MUST let nurses swap shifts they can't work.\n\n"
        "## Notes\n\n```\nusers can't log in\n```\n\n<!-- Users can't export. -->\n"
    )
    assert _problems(text) == []


def test_a_measured_stake_counts_under_a_problem_heading() -> None:
    text = "# Doc\n\n## Problem\n\nWeek-4 retention is 9.8% across all cohorts.\n"
    (problem,) = _problems(text)
    assert (problem.kind, problem.quantified) == ("customer", True)


def test_a_customer_problem_without_a_number_is_not_quantified() -> None:
    (problem,) = _problems("# Doc\n\n## Why\n\nShops are losing customers to rivals.\n")
    assert (problem.kind, problem.quantified) == ("customer", False)


def test_the_span_is_the_sentence_without_markup() -> None:
    text = "# Doc\n\n## Pain\n\n- **Users can't export reports.** Other text here.\n"
    (problem,) = _problems(text)
    span = problem.span
    assert (span.line, span.column, span.end_line, span.end_column) == (5, 5, 5, 32)


class RecordingParser(Parser):
    """A parser that records which texts reach spaCy."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def parse_many(self, texts: Iterable[str]) -> list:  # type: ignore[type-arg]
        wanted = list(texts)
        self.seen.extend(wanted)
        return super().parse_many(wanted)


def test_only_sentences_with_a_trigger_reach_spacy_in_one_batch() -> None:
    text = (
        "# Doc\n\n## Notes\n\nThe page shows a matrix. Analysts can't share charts.\n"
        "Colours follow the brand guide.\n"
    )
    document = parse_document(text, "t.md")
    lexicon = default_problem_lexicon()
    assert [s.text for s in candidate_sentences(document, lexicon, [])] == [
        "Analysts can't share charts."
    ]
    parser = RecordingParser()
    problems = Analysis(document, Config(), parser).problems
    assert parser.seen == ["Analysts can't share charts."]
    assert [p.kind for p in problems] == ["user"]


def test_a_broken_pattern_is_one_clear_error_naming_the_rule_file() -> None:
    data = {"user_patterns": [{"name": "bad", "pattern": [{"LOWER": {"IN": [False]}}]}]}
    lexicon = ProblemLexicon.of(data, ["users"], source="rules/PRD999.yaml")
    document = parse_document("# D\n\n## N\n\nUsers can't log in.\n", "t.md")
    with pytest.raises(RuleDefinitionError, match=r"rules/PRD999.yaml: user_patterns: bad"):
        extract_problems(document, lexicon, [], PARSER)


def test_a_pattern_entry_without_a_pattern_list_is_rejected() -> None:
    with pytest.raises(RuleDefinitionError, match=r"customer_patterns\[0\]"):
        ProblemLexicon.of({"customer_patterns": [{"name": "x"}]}, source="r.yaml")


def test_all_caps_and_very_long_sentences_are_read_without_nonsense() -> None:
    long = " ".join(["the page lists each export job and when it started"] * 60)
    text = f"# D\n\n## Notes\n\nANALYSTS CAN'T EXPORT REPORTS!!!\n\n{long}.\n"
    assert _kinds(text) == [("user", 5)]


def test_problems_are_extracted_once_per_document_and_lexicon() -> None:
    analysis = Analysis(
        parse_document("# D\n\n## N\n\nClerks can't print.\n", "t.md"), Config(), PARSER
    )
    assert analysis.problems is analysis.problems
    assert analysis.problems_with(default_problem_lexicon()) is analysis.problems
