"""Fingerprints that survive unrelated edits: code + normalised flagged text + section path.

The same digest identifies a finding in a baseline file (``prdlint baseline``), in SARIF's
``partialFingerprints`` and in GitLab Code Quality reports. It leaves out the line and column,
so inserting or deleting lines elsewhere keeps it; editing the flagged text, moving it to
another section or renaming the file changes it. See :class:`prdlint.findings.Finding` for what
rules must put in ``fingerprint_text`` and ``section``.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re

from prdlint.findings import Finding


def normalise_path(path: str) -> str:
    """``./docs\\a.md`` → ``docs/a.md``; an absolute path under the current folder → relative."""
    if path in ("", "-"):
        return path
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = path
        if not relative.startswith(".."):
            path = relative
    return posixpath.normpath(path.replace("\\", "/"))


def normalise_text(text: str) -> str:
    """Lower case, runs of whitespace as one space, no leading or trailing space."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def fingerprint(finding: Finding) -> str:
    """A stable hex digest for a finding, independent of its line number."""
    text = normalise_text(finding.fingerprint_text or finding.message)
    key = "\x1f".join(
        (finding.code, text, normalise_text(finding.section), normalise_path(finding.path))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
