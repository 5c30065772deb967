"""Which documents are skipped as not English, and which are not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from prdlint.document.language import looks_english


def test_german_and_french_are_not_english() -> None:
    german = (
        "Als Benutzer möchte ich meine Rechnungen sehen, und die Liste ist nicht sortiert. " * 8
    )
    french = (
        "En tant que client, je veux voir les factures et la liste est pour nous une aide. " * 8
    )
    assert not looks_english(german)
    assert not looks_english(french)


def test_code_heavy_english_is_still_english() -> None:
    identifiers = " ".join(f"orderBook{i} matchEngine priceFeed{i} wsGateway" for i in range(60))
    prose = "The engine matches orders in real time and the user sees fills as they happen. " * 3
    assert looks_english(identifiers + " " + prose)


def test_short_texts_are_given_the_benefit_of_the_doubt() -> None:
    assert looks_english("Rechnungen herunterladen")


def test_cli_skips_a_german_document_with_one_info_line() -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "rules" / "PRD101" / "non-english.md"
    result = subprocess.run(
        [sys.executable, "-m", "prdlint", "check", str(fixture)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    info = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(info) == 1
    assert "not written in English" in info[0]
    assert "PRD101" not in result.stdout
