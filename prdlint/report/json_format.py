"""Stable JSON (version 1): other tools depend on this shape; change it only with a new version."""

from __future__ import annotations

import json

from prdlint import __version__
from prdlint.engine import Report
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    payload = {
        "version": 1,
        "tool": {"name": "prdlint", "version": __version__},
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "code": f.code,
                "name": f.name,
                "severity": str(f.severity),
                "message": f.message,
            }
            for f in report.findings
        ],
        "files_checked": report.files_checked,
    }
    if options.baseline is not None:
        payload["baseline"] = options.baseline
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
