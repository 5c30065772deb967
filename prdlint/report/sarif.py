"""SARIF 2.1.0 for code scanning, valid against the official schema."""

from __future__ import annotations

import json
from pathlib import Path, PurePath

from prdlint import __version__
from prdlint.engine import Report
from prdlint.findings import Severity
from prdlint.fingerprint import fingerprint, normalise_path
from prdlint.report.options import RenderOptions
from prdlint.rulebook import Rule, RuleBook

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _help_markdown(rule: Rule) -> str:
    docs = rule.docs
    return (
        f"## What it does\n{docs.what}\n\n## Why is this bad?\n{docs.why}\n\n"
        f"## Example\n```markdown\n{docs.example}\n```\n\n"
        f"## Use instead\n```markdown\n{docs.use_instead}\n```\n"
    )


def _descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": f"{rule.docs.why}\n\nFix: {rule.fix}", "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "family": rule.family,
            "preview": rule.preview,
            **({"precision": rule.precision} if rule.precision is not None else {}),
        },
    }


def _artifact(path: str) -> dict[str, str]:
    """A path relative to the checkout root (%SRCROOT%), or a file URI outside it."""
    relative = normalise_path(path)
    if PurePath(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": relative, "uriBaseId": "%SRCROOT%"}


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    rules = list(book)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(f.path),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"prdlintFingerprint/v1": fingerprint(f)},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prdlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/prdlint/",
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": options.exit_code in (0, 1),
                        "exitCode": options.exit_code,
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
