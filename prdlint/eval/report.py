"""Text of the harness's report: one table per part, then every false positive and negative."""

from __future__ import annotations

from collections.abc import Iterable

from prdlint.eval.corpus import CorpusResult
from prdlint.eval.fixtures import FixtureResult
from prdlint.eval.outside import PersonaResult, UstaiResult
from prdlint.eval.scoring import Miss, Score

USTAI_NOTE = (
    "note: UStAI's no_valid_role means the role would not plausibly want the feature (mostly\n"
    "  builders: developer, data scientist, researcher asking for an end-user feature); PRD101\n"
    "  means the role names nobody in particular (DOMAIN.md). They overlap little, so this is an\n"
    "  outside reference, not a target: most of their positives are specific roles for us, and\n"
    "  most 'user'/'customer' stories are conceptually sound for them."
)


def score_summary(
    score: Score, seconds: float | None = None, with_accuracy: bool = False
) -> dict[str, object]:
    """A score as plain data (for ``--json``): counts and metrics rounded to 4 places."""
    data: dict[str, object] = {
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "tn": score.tn,
        "documents": score.documents,
    }
    for name in ("precision", "recall", "f1", "accuracy")[: 4 if with_accuracy else 3]:
        value = score.metric(name)
        data[name] = None if value is None else round(value, 4)
    if seconds is not None:
        data["seconds"] = round(seconds, 2)
    return data


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _row(code: str, score: Score, extra: str = "") -> str:
    return (
        f"  {code:<7} P {fmt(score.precision)}  R {fmt(score.recall)}  F1 {fmt(score.f1)}"
        f"  (tp {score.tp}, fp {score.fp}, fn {score.fn}){extra}"
    )


def _misses(title: str, misses: Iterable[Miss], limit: int | None, indent: int = 4) -> list[str]:
    items = list(misses)
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    pad = " " * indent
    lines = [f"{pad}{title} ({len(items)}):"]
    lines.extend(f"{pad}  {m}" for m in shown)
    if len(shown) < len(items):
        lines.append(f"{pad}  … {len(items) - len(shown)} more (--max-list)")
    return lines


def fixtures_report(results: list[FixtureResult], limit: int | None) -> list[str]:
    lines = ["== fixtures (tests/fixtures/rules/<CODE>/*.md, each rule alone) =="]
    if not results:
        lines.append("  no fixture folders found")
    for result in results:
        lines.append(_row(result.code, result.score, f"  {len(result.files)} files"))
        lines.extend(_misses("false positives", result.score.false_positives, limit))
        lines.extend(_misses("false negatives", result.score.false_negatives, limit))
        lines.extend(f"    info: {s}" for s in result.skipped)
    return lines


def corpus_report(results: list[CorpusResult], limit: int | None) -> list[str]:
    lines = ["== corpus (../shared/corpus, labels in eval/labels) =="]
    for result in results:
        if result.score is None:
            lines.append(
                f"  {result.code:<7} not implemented (labels: {', '.join(result.sources)})"
            )
            for row, _ in result.good_practice:
                lines.append(f"    good practice {row.file}: not measured")
            continue
        score = result.score
        timing = f"  {score.documents} docs, {result.seconds:.1f}s"
        if result.scoring == "document":
            lines.append(
                _row(result.code, score, f"  accuracy {fmt(score.accuracy)} (tn {score.tn})")
                + timing
            )
        else:
            lines.append(_row(result.code, score) + timing)
        lines.extend(_misses("false positives", score.false_positives, limit))
        lines.extend(_misses("false negatives", score.false_negatives, limit))
        if result.extraction is not None:
            found = result.extraction
            lines.append(
                f"    story extraction (every labelled template): P {fmt(found.precision)}"
                f"  R {fmt(found.recall)}  (found {found.tp + found.fp}, labelled"
                f" {found.tp + found.fn})"
            )
            lines.extend(
                _misses("stories found on no labelled line", found.false_positives, limit, 6)
            )
            lines.extend(_misses("labelled stories not found", found.false_negatives, limit, 6))
        for row, hits in result.good_practice:
            verdict = "ok, no finding" if not hits else f"{len(hits)} finding(s)"
            lines.append(f"    good practice {row.file}: {verdict}")
            lines.extend(f"      {h.path}:{h.line}: {h.message}" for h in hits[: limit or None])
        lines.extend(f"    info: {s}" for s in result.skipped)
    return lines


def outside_report(
    ustai: UstaiResult | None, personas: PersonaResult | None, limit: int | None
) -> list[str]:
    lines = ["== outside reference (../shared/corpus/labelled, their labels, not ours) =="]
    if ustai is None:
        lines.append("  UStAI: not found")
    else:
        score = ustai.score
        lines.append(
            f"  UStAI no_valid_role vs PRD101 over {ustai.stories} stories:"
            f" P {fmt(score.precision)}  R {fmt(score.recall)}  F1 {fmt(score.f1)}"
            f"  (tp {score.tp}, fp {score.fp}, fn {score.fn}, tn {score.tn})"
        )
        top = ", ".join(f"{r} {n}" for r, n in ustai.flagged_sound.most_common(5))
        lines.append(f"    PRD101 fires, UStAI says sound: {top or 'none'}")
        top = ", ".join(f"{r} {n}" for r, n in ustai.missed_roles.most_common(5))
        lines.append(f"    UStAI no_valid_role, PRD101 silent: {top or 'none'}")
        lines.extend("  " + line for line in USTAI_NOTE.splitlines())
    if personas is None:
        lines.append("  nlp-stories personas: not found")
    else:
        lines.append(
            f"  nlp-stories persona span vs extracted role: exact {personas.exact}/"
            f"{personas.stories} = {fmt(personas.accuracy)} (no story found: {personas.no_story})"
        )
        shown = personas.mismatches if limit is None else personas.mismatches[:limit]
        lines.extend(
            f"    {file}: annotated {want!r}, extracted {got!r}" for file, want, got in shown
        )
        if len(shown) < len(personas.mismatches):
            lines.append(f"    … {len(personas.mismatches) - len(shown)} more (--max-list)")
    return lines
