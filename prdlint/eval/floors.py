"""Per-rule floors for ``--check``: ``{part: {CODE: {metric: minimum}}}`` in YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from prdlint.eval.labels import LabelError
from prdlint.eval.scoring import Score

METRICS = ("precision", "recall", "f1", "accuracy")


@dataclass
class Floors:
    """Minimum metrics per part (``fixtures``, ``corpus``) and rule."""

    parts: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    good_practice: bool = True

    def for_rule(self, part: str, code: str) -> dict[str, float]:
        return self.parts.get(part, {}).get(code, {})

    def failures(self, part: str, code: str, score: Score) -> list[str]:
        """One line per metric of ``score`` under its floor (an undefined metric fails too)."""
        failed: list[str] = []
        for metric, minimum in sorted(self.for_rule(part, code).items()):
            value = score.metric(metric)
            if value is None or value < minimum:
                shown = "n/a" if value is None else f"{value:.3f}"
                failed.append(f"{part} {code} {metric} {shown} < floor {minimum:.2f}")
        return failed


def load_floors(path: Path) -> Floors:
    """Read a floors file; a missing or malformed one is a :class:`LabelError` naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LabelError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError:
        raise LabelError(f"{path}: invalid YAML") from None
    if not isinstance(raw, dict):
        raise LabelError(f"{path}: expected a mapping of parts to rules")
    floors = Floors(good_practice=bool(raw.get("good_practice", True)))
    for part in ("fixtures", "corpus"):
        rules = raw.get(part) or {}
        if not isinstance(rules, dict):
            raise LabelError(f"{path}: {part}: expected a mapping of rule codes")
        for code, metrics in rules.items():
            if not isinstance(metrics, dict) or any(m not in METRICS for m in metrics):
                raise LabelError(f"{path}: {part}.{code}: metrics are {', '.join(METRICS)}")
            floors.parts.setdefault(part, {})[str(code).upper()] = {
                str(m): float(v) for m, v in metrics.items()
            }
    return floors
