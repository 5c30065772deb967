"""The data a grounding rule classifies problem statements with, read from its YAML."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from prdlint.errors import RuleDefinitionError


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
    list_leads: tuple[str, ...] = ()
    aim_verbs: frozenset[str] = frozenset()
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
            list_leads=titles("problem_list_leads"),
            aim_verbs=words("aim_verbs"),
            source=source,
        )
