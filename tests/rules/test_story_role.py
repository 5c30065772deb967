"""The PRD101 role judgement, with the lexicons of the shipped rule (rules/PRD101.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prdlint.analysis import Analysis
from prdlint.checks.story_role import Lexicon, is_generic, product_words
from prdlint.document.parse import parse_document
from prdlint.engine import Engine, Overrides
from prdlint.rulebook import builtin_rules


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    rule = builtin_rules().get("PRD101")
    assert rule is not None
    return Lexicon.of(rule)


LEMMAS = {"users": "user", "customers": "customer", "members": "member"}


@pytest.mark.parametrize(
    "role",
    [
        "user",
        "Users",
        "end user",
        "registered user",
        "logged-in user",
        "anonymoususer",
        "AuthenticatedUser",
        "public user",
        "patron",
        "user of the app",
        "user of the meal planning app",
        "customer on an online store",
        "user searching for old invoices",
        "customer or user",
        "community member",
        "data consuming user",
        "company",
    ],
)
def test_generic_roles(lexicon: Lexicon, role: str) -> None:
    assert is_generic(role, lexicon, LEMMAS, set())


@pytest.mark.parametrize(
    "role",
    [
        "developer",
        "admin user",
        "first-time visitor",
        "trial customer",
        "new user",
        "Windows user",
        "superuser",
        "OlderPerson",
        "user (athlete, coach, or admin)",
        "student or customer",
        "staff member",
        "team member",
        "applicant",
        "user with a screen reader",
        "user managing a team of ten",
        "user who has logged in via single sign-on",
        "agency user",
        "user of the admin tool",
        "user of a regulated bank",
    ],
)
def test_specific_roles(lexicon: Lexicon, role: str) -> None:
    assert not is_generic(role, lexicon, LEMMAS, set())


def test_product_names_restate_the_relationship(lexicon: Lexicon) -> None:
    products = {"orbitly", "scd"}
    assert is_generic("Orbitly user", lexicon, {}, products)
    assert is_generic("user of Orbitly", lexicon, {}, products)
    assert is_generic("s c d user", lexicon, {}, products)
    assert not is_generic("Orbitly admin", lexicon, {}, products)
    assert not is_generic("Zephyr user", lexicon, {}, products)


def test_precondition_clause_needs_a_past_participle(lexicon: Lexicon) -> None:
    def participle(word: str) -> bool:
        return word in {"forgotten"}

    role = "customer who has forgotten the password"
    assert is_generic(role, lexicon, {}, set(), participle)
    assert not is_generic("customer who has two accounts", lexicon, {}, set(), participle)


def test_spacy_tags_the_precondition_in_a_real_document() -> None:
    engine = Engine(overrides=Overrides(select=("PRD101",)))
    text = (
        "As a customer who has forgotten my password, I want a reset link.\n\n"
        "As a customer who has two stores, I want one invoice.\n"
    )
    lines = [f.line for f in engine.lint_text(text, "p.md").findings]
    assert lines == [1]


def test_capitalised_name_mentioned_often_is_the_product() -> None:
    engine = Engine(overrides=Overrides(select=("PRD101",)))
    text = (
        "# Backlog\n\nWe run Quillon for clinics. Quillon exports nightly, and Quillon "
        "keeps a log.\n\n- As a Quillon user, I want a export.\n- As a Brontel user, I want y.\n"
    )
    findings = engine.lint_text(text, "q.md").findings
    assert [(f.line, f.message.split('"')[1]) for f in findings] == [(5, "Quillon user")]


def test_product_words_from_the_analysis_alone() -> None:
    engine = Engine()
    text = "# Tasklane\n\nWe build Quillon. Quillon is fast, and Quillon is small.\n"
    analysis = Analysis(
        parse_document(text, "t.md"), engine.config_for(Path("t.md")), engine.parser(None)
    )
    assert {"tasklane", "quillon"} <= product_words(analysis)
