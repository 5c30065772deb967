"""The data an evidence-claim rule carries in its YAML, validated on decoding, compiled once.

A rule of kind ``claim-evidence`` (see :mod:`prdlint.checks.claim_evidence`) describes, as data:

- ``cue_patterns`` / ``evidence_patterns``: spaCy ``Matcher`` token patterns, by label, for the
  words that cite the kind of evidence the rule is about (``survey``, ``told us``) and for the
  evidence that answers it in the same scope (``retention``, ``A/B test``);
- ``claimants``: who can state a preference, by class (people, stakeholders, pronouns, ...);
- ``subject_cues``: verbs or adjectives that make a claim only when their grammatical subject is
  one of the named claimant classes ("users *want*", "participants were *concerned*");
- ``belief_cues``: the team's own belief about people ("we *believe* users would ...");
- ``anaphora``: phrases that point back at the evidence of the previous block ("this
  information") and the words that make that block count as such evidence;
- ``plan_verbs``, ``hypothetical_marks``, ``hedging_modals``, ``skip_sections``.

Nothing here imports spaCy at module import time; :meth:`ClaimLexicon.matchers` does, once per
vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

# The token-pattern keys prdlint accepts (a subset of spaCy's Matcher schema).
_TOKEN_KEYS = frozenset(
    [
        "ORTH",
        "TEXT",
        "LOWER",
        "LEMMA",
        "POS",
        "TAG",
        "DEP",
        "OP",
        "IS_DIGIT",
        "IS_ALPHA",
        "IS_PUNCT",
        "LIKE_NUM",
        "IS_SPACE",
        "IS_TITLE",
        "IS_UPPER",
        "IS_SENT_START",
        "LENGTH",
    ]
)
_VALUE_KEYS = frozenset(["IN", "NOT_IN", "REGEX"])
_OPS = frozenset(["!", "?", "*", "+"])
_CLAIMANT_CLASSES = frozenset(
    ["people", "stakeholders", "pronouns", "first_person", "team", "numbers", "sentiment"]
)
_SUBJECT_CUE_KEYS = frozenset(
    ["verbs", "adjectives", "subjects", "requires", "needs_object", "factual"]
)
_REQUIRES = frozenset(["would", "none"])


def _check_token(token: object, where: str) -> str | None:
    if not isinstance(token, Mapping):
        return f"{where}: a token pattern must be a mapping"
    for key, value in token.items():
        if key not in _TOKEN_KEYS:
            return f"{where}: unknown token key {key!r} (allowed: {', '.join(sorted(_TOKEN_KEYS))})"
        if key == "OP":
            if value not in _OPS:
                return f"{where}: OP must be one of {' '.join(sorted(_OPS))}"
        elif isinstance(value, Mapping):
            bad = set(value) - _VALUE_KEYS
            if bad:
                return f"{where}: {key} accepts only {', '.join(sorted(_VALUE_KEYS))}"
            for op, operand in value.items():
                if op in ("IN", "NOT_IN") and not (
                    isinstance(operand, list) and all(isinstance(x, str) for x in operand)
                ):
                    return f"{where}: {key}.{op} must be a list of strings"
                if op == "REGEX" and not isinstance(operand, str):
                    return f"{where}: {key}.REGEX must be a string"
        elif not isinstance(value, (str, bool, int)):
            return f"{where}: {key} must be a string, a boolean or a mapping"
    return None


def validate_patterns(value: object) -> str | None:
    """Problem with a ``{label: [[token, ...], ...]}`` mapping of Matcher patterns, or None."""
    if not isinstance(value, Mapping) or not value:
        return "must be a non-empty mapping of label -> list of token patterns"
    for label, patterns in value.items():
        if not isinstance(label, str) or not isinstance(patterns, list) or not patterns:
            return f"{label}: must be a non-empty list of token patterns"
        for index, pattern in enumerate(patterns):
            where = f"{label}[{index}]"
            if not isinstance(pattern, list) or not pattern:
                return f"{where}: a pattern must be a non-empty list of tokens"
            for token in pattern:
                problem = _check_token(token, where)
                if problem:
                    return problem
    return None


def validate_claimants(value: object) -> str | None:
    if not isinstance(value, Mapping):
        return "must be a mapping of claimant class -> list of words"
    for name, words in value.items():
        if name not in _CLAIMANT_CLASSES:
            allowed = ", ".join(sorted(_CLAIMANT_CLASSES))
            return f"unknown claimant class {name!r} (allowed: {allowed})"
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return f"{name}: must be a list of words"
    return None


def validate_subject_cues(value: object) -> str | None:
    if not isinstance(value, list):
        return "must be a list of {verbs|adjectives, subjects, requires}"
    for index, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            return f"[{index}]: must be a mapping"
        bad = set(entry) - _SUBJECT_CUE_KEYS
        if bad:
            return f"[{index}]: unknown key(s) {', '.join(sorted(bad))}"
        words = list(entry.get("verbs", [])) + list(entry.get("adjectives", []))
        if not words or not all(isinstance(w, str) for w in words):
            return f"[{index}]: needs verbs or adjectives (lists of lemmas)"
        subjects = entry.get("subjects", [])
        if not isinstance(subjects, list) or not set(subjects) <= _CLAIMANT_CLASSES or not subjects:
            return f"[{index}]: subjects must list claimant classes"
        factual = entry.get("factual", [])
        if not isinstance(factual, list) or not all(isinstance(w, str) for w in factual):
            return f"[{index}]: factual must be a list of lemmas"
        if entry.get("requires", "none") not in _REQUIRES:
            return f"[{index}]: requires must be one of {', '.join(sorted(_REQUIRES))}"
    return None


def validate_anaphora(value: object) -> str | None:
    if not isinstance(value, Mapping) or set(value) != {"phrases", "sources", "decisions"}:
        return "must be a mapping with 'phrases', 'sources' and 'decisions' (lists of words)"
    for key in ("phrases", "sources", "decisions"):
        words = value[key]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return f"{key}: must be a list of strings"
    return None


def validate_belief(value: object) -> str | None:
    if not isinstance(value, Mapping) or set(value) - {"verbs", "subjects"}:
        return "must be a mapping with 'verbs' and 'subjects'"
    for key in ("verbs", "subjects"):
        words = value.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return f"{key}: must be a list of strings"
    return None


def _lower(words: Sequence[Any]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


@dataclass(frozen=True)
class SubjectCue:
    lemmas: frozenset[str]
    adjective: bool
    subjects: frozenset[str]
    requires_would: bool
    needs_object: bool
    factual: frozenset[str]


class Matchers(NamedTuple):
    """Compiled spaCy matchers of one lexicon for one vocabulary."""

    cues: Matcher
    evidence: Matcher
    neutral: Matcher


@dataclass
class ClaimLexicon:
    """A rule's claim data, decoded. Compiled matchers are kept per spaCy vocabulary."""

    cue_patterns: Mapping[str, list[list[dict[str, Any]]]]
    evidence_patterns: Mapping[str, list[list[dict[str, Any]]]]
    neutral_patterns: Mapping[str, list[list[dict[str, Any]]]]
    clause_labels: frozenset[str]
    context_labels: frozenset[str]
    context_sources: tuple[str, ...]
    skip_openings: tuple[str, ...]
    claimants: Mapping[str, frozenset[str]]
    subject_cues: tuple[SubjectCue, ...]
    belief_verbs: frozenset[str]
    belief_subjects: frozenset[str]
    anaphora_phrases: tuple[str, ...]
    anaphora_sources: tuple[str, ...]
    anaphora_decisions: tuple[str, ...]
    plan_verbs: frozenset[str]
    feature_verbs: frozenset[str]
    possibility_modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    hedging_modals: frozenset[str]
    skip_sections: tuple[str, ...]
    triggers: tuple[str, ...]
    evidence_triggers: tuple[str, ...]
    _compiled: dict[int, Matchers] = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], triggers: Sequence[str]) -> ClaimLexicon:
        belief = data.get("belief_cues", {})
        anaphora = data.get("anaphora", {"phrases": [], "sources": [], "decisions": []})
        return cls(
            cue_patterns=dict(data.get("cue_patterns", {})),
            evidence_patterns=dict(data.get("evidence_patterns", {})),
            neutral_patterns=dict(data.get("neutral_patterns", {})),
            clause_labels=frozenset(str(w) for w in data.get("clause_labels", [])),
            context_labels=frozenset(str(w) for w in data.get("context_labels", [])),
            context_sources=tuple(str(w).lower() for w in data.get("context_sources", [])),
            skip_openings=tuple(str(w).lower() for w in data.get("skip_openings", [])),
            claimants={k: _lower(v) for k, v in data.get("claimants", {}).items()},
            subject_cues=tuple(
                SubjectCue(
                    lemmas=_lower(e.get("verbs", e.get("adjectives", []))),
                    adjective="adjectives" in e,
                    subjects=frozenset(e["subjects"]),
                    requires_would=e.get("requires", "none") == "would",
                    needs_object=bool(e.get("needs_object", False)),
                    factual=_lower(e.get("factual", [])),
                )
                for e in data.get("subject_cues", [])
            ),
            belief_verbs=_lower(belief.get("verbs", [])),
            belief_subjects=_lower(belief.get("subjects", [])),
            anaphora_phrases=tuple(str(p).lower() for p in anaphora["phrases"]),
            anaphora_sources=tuple(str(p).lower() for p in anaphora["sources"]),
            anaphora_decisions=tuple(str(p).lower() for p in anaphora["decisions"]),
            plan_verbs=_lower(data.get("plan_verbs", [])),
            feature_verbs=_lower(data.get("feature_verbs", [])),
            possibility_modals=_lower(data.get("possibility_modals", [])),
            hypothetical_marks=_lower(data.get("hypothetical_marks", [])),
            hedging_modals=_lower(data.get("hedging_modals", [])),
            skip_sections=tuple(str(s).lower() for s in data.get("skip_sections", [])),
            triggers=tuple(str(t).lower() for t in triggers),
            evidence_triggers=tuple(str(t).lower() for t in data.get("evidence_triggers", [])),
        )

    def matchers(self, vocab: Vocab) -> Matchers:
        """The cue, evidence and neutral matchers for ``vocab``, compiled on first use."""
        key = id(vocab)
        if key not in self._compiled:
            from spacy.matcher import Matcher

            compiled = Matchers(Matcher(vocab), Matcher(vocab), Matcher(vocab))
            for matcher, table in zip(
                compiled,
                (self.cue_patterns, self.evidence_patterns, self.neutral_patterns),
                strict=True,
            ):
                for label, patterns in table.items():
                    matcher.add(label, patterns)
            self._compiled[key] = compiled
        return self._compiled[key]

    def claimant_class(self, word: str) -> str | None:
        """The claimant class a lower-case subject word belongs to, if any."""
        for name, words in self.claimants.items():
            if word in words:
                return name
        return None
