"""The outside reference: human-labelled sets in ``../shared/corpus/labelled``, not our labels.

- UStAI (Yamani et al., PROMISE 2025), column ``Conceptually sound`` = ``no_valid_role``, against
  PRD101 findings. Their label means "this role is not someone who would plausibly want this
  feature" (mostly builders such as developer or data scientist asking for an end-user
  feature); ours means "the role names nobody in particular" (DOMAIN.md). The two overlap only a
  little, so agreement is reported as a reference, never as a target.
- nlp-stories persona spans (Mosser, Arulmohan): the annotated ``Persona`` span against the role
  our story extraction locates, as role-extraction accuracy.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from prdlint.document.parse import parse_document
from prdlint.engine import Engine, Overrides
from prdlint.eval.scoring import Score
from prdlint.extract.stories import extract_stories

USTAI = Path("ustai-qus/UStAI-annotated_updated.csv")
NLP_STORIES = Path("nlp-stories-persona-annotations")
_PROJECT = re.compile(r"^#G\d+#\s*")


@dataclass
class UstaiResult:
    """PRD101 against UStAI's ``no_valid_role``, with what each side flags most."""

    score: Score
    stories: int
    flagged_sound: Counter[str] = field(default_factory=Counter)
    missed_roles: Counter[str] = field(default_factory=Counter)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def run_ustai(labelled: Path, engine: Engine | None = None) -> UstaiResult | None:
    """Lint each UStAI story (one paragraph each) with PRD101 alone and compare."""
    path = labelled / USTAI
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _clean(r.get("User story", ""))]
    engine = engine or Engine(overrides=Overrides(select=("PRD101",)))
    # One document per source abstract (its stories are about one system), one paragraph per
    # story, two lines apart, so a finding's line names its row.
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        groups.setdefault(row.get("Abstract", "") or "-", []).append(index)
    flagged: set[int] = set()
    for name, members in groups.items():
        text = "\n\n".join(_clean(rows[i]["User story"]) for i in members) + "\n"
        result = engine.lint_text(text, f"ustai-{name}.md")
        flagged.update(members[(f.line - 1) // 2] for f in result.findings if f.code == "PRD101")
    score = Score(documents=len(groups))
    outcome = UstaiResult(score, len(rows))
    for index, row in enumerate(rows):
        positive = row.get("Conceptually sound", "").strip() == "no_valid_role"
        role = row.get("role_shorten", "").strip().lower()
        fired = index in flagged
        if fired and positive:
            score.tp += 1
        elif fired:
            score.fp += 1
            outcome.flagged_sound[role] += 1
        elif positive:
            score.fn += 1
            outcome.missed_roles[role] += 1
        else:
            score.tn += 1
    return outcome


@dataclass
class PersonaResult:
    """Role extraction against annotated persona spans."""

    stories: int = 0
    exact: int = 0
    no_story: int = 0
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.exact / self.stories if self.stories else None


def _norm(role: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", role.lower()).strip()


def run_personas(labelled: Path) -> PersonaResult | None:
    """For each annotated story with one persona span, does extraction find the same role?"""
    folder = labelled / NLP_STORIES
    if not folder.is_dir():
        return None
    result = PersonaResult()
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text", "")
            personas = [
                text[e["start_offset"] : e["end_offset"]]
                for e in record.get("entities", [])
                if e.get("label") == "Persona"
            ]
            story_text = _PROJECT.sub("", text)
            if len(personas) != 1 or not re.match(r"\s*as\b", story_text, re.IGNORECASE):
                continue
            result.stories += 1
            stories = extract_stories(parse_document(story_text + "\n", path.name))
            if not stories:
                result.no_story += 1
                result.mismatches.append((path.name, personas[0], "(no story found)"))
                continue
            if _norm(stories[0].role) == _norm(personas[0]):
                result.exact += 1
            else:
                result.mismatches.append((path.name, personas[0], stories[0].role))
    return result
