"""``python -m prdlint.eval``: measure the rules on fixtures, the corpus and outside labels.

Exit status: 0 when measured (and, with ``--check``, every floor met), 1 when a floor is not
met, 2 on a usage or label-file error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from prdlint.errors import PrdlintError
from prdlint.eval.corpus import run_corpus
from prdlint.eval.fixtures import fixture_codes, run_fixtures
from prdlint.eval.floors import load_floors
from prdlint.eval.labels import load_good_practice, load_labels
from prdlint.eval.outside import run_personas, run_ustai
from prdlint.eval.report import corpus_report, fixtures_report, outside_report, score_summary

PARTS = ("fixtures", "corpus", "outside")


def project_root() -> Path:
    """The source checkout holding ``eval/labels`` (else the working directory)."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "eval" / "labels").is_dir() else Path.cwd()


def build_parser() -> argparse.ArgumentParser:
    root = project_root()
    parser = argparse.ArgumentParser(
        prog="python -m prdlint.eval",
        description="Per-rule precision, recall and F1 on fixtures and on the labelled corpus.",
    )
    parser.add_argument(
        "--part", action="append", choices=PARTS, help="only this part (repeatable)"
    )
    parser.add_argument("--rule", action="append", help="only this rule code (repeatable)")
    parser.add_argument("--corpus", type=Path, default=root.parent / "shared" / "corpus")
    parser.add_argument("--labels", type=Path, default=root / "eval" / "labels")
    parser.add_argument("--fixtures", type=Path, default=root / "tests" / "fixtures" / "rules")
    parser.add_argument("--floors", type=Path, default=root / "eval" / "floors.yaml")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a rule is under its floor"
    )
    parser.add_argument(
        "--max-list", type=int, default=None, help="list at most N misses per kind (default all)"
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="also write the scores to this JSON file"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    parts = args.part or list(PARTS)
    codes = {c.upper() for c in args.rule} if args.rule else None
    started = time.perf_counter()
    failures: list[str] = []
    scores: dict[str, dict[str, dict[str, object]]] = {}
    try:
        floors = load_floors(args.floors) if args.check else None
        if "fixtures" in parts:
            results = [
                run_fixtures(args.fixtures, code)
                for code in fixture_codes(args.fixtures)
                if codes is None or code in codes
            ]
            print("\n".join(fixtures_report(results, args.max_list)))
            scores["fixtures"] = {r.code: score_summary(r.score) for r in results}
            if floors is not None:
                for result in results:
                    failures.extend(floors.failures("fixtures", result.code, result.score))
        if "corpus" in parts:
            if not args.corpus.is_dir():
                print(f"== corpus: {args.corpus} not found; corpus part not run ==")
            else:
                rules = load_labels(args.labels, codes)
                good = [
                    g
                    for g in load_good_practice(args.labels / "good-practice.tsv")
                    if codes is None or g.code in codes
                ]
                results_c = run_corpus(args.corpus, rules, good)
                print("\n".join(corpus_report(results_c, args.max_list)))
                scores["corpus"] = {
                    r.code: score_summary(r.score, r.seconds, r.scoring == "document")
                    if r.score is not None
                    else {"status": r.status}
                    for r in results_c
                }
                for measured in results_c:
                    if floors is None or measured.score is None:
                        continue
                    failures.extend(floors.failures("corpus", measured.code, measured.score))
                    if floors.good_practice:
                        failures.extend(
                            f"corpus {measured.code} good practice {row.file}: "
                            f"{len(hits)} finding(s)"
                            for row, hits in measured.good_practice
                            if hits
                        )
        if "outside" in parts and (codes is None or "PRD101" in codes):
            labelled = args.corpus / "labelled"
            if not labelled.is_dir():
                print(f"== outside reference: {labelled} not found; not run ==")
            else:
                ustai, personas = run_ustai(labelled), run_personas(labelled)
                print("\n".join(outside_report(ustai, personas, args.max_list)))
    except PrdlintError as exc:
        print(f"prdlint.eval: {exc}", file=sys.stderr)
        return 2
    if args.json is not None:
        try:
            args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")
        except OSError as exc:
            print(f"prdlint.eval: cannot write {args.json} ({exc.strerror})", file=sys.stderr)
            return 2
    print(f"done in {time.perf_counter() - started:.1f}s")
    if failures:
        print("floors not met:")
        print("\n".join(f"  {f}" for f in failures))
        return 1
    if floors is not None:
        print("all floors met")
    return 0


def run() -> int:
    """``main`` for a pipe that may close early (``python -m prdlint.eval | head``)."""
    try:
        return main()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(run())
