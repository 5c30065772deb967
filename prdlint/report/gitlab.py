"""GitLab Code Quality JSON (``artifacts:reports:codequality``): one issue per finding.

GitLab shows these issues in merge requests and compares them with the target branch's report
by ``fingerprint``, so each issue carries the baseline fingerprint (:mod:`prdlint.fingerprint`);
when one file holds the same finding twice, the second gets ``-2`` appended (GitLab drops
issues whose fingerprints repeat).
"""

from __future__ import annotations

import json
from collections import Counter

from prdlint.engine import Report
from prdlint.findings import Severity
from prdlint.fingerprint import fingerprint, normalise_path
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for f in report.findings:
        key = fingerprint(f)
        seen[key] += 1
        issues.append(
            {
                "type": "issue",
                "description": f"{f.code} [{f.name}] {f.message}",
                "check_name": f.code,
                "fingerprint": key if seen[key] == 1 else f"{key}-{seen[key]}",
                "severity": _SEVERITY[f.severity],
                "location": {
                    "path": normalise_path(f.path),
                    "lines": {"begin": f.line, "end": max(f.line, f.end_line)},
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
