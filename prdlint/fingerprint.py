"""Fingerprints that survive unrelated edits: code + normalised flagged text + section path."""

from __future__ import annotations

import hashlib
import re

from prdlint.findings import Finding


def fingerprint(finding: Finding) -> str:
    """A stable hex digest for a finding, independent of its line number."""
    text = re.sub(r"\s+", " ", (finding.fingerprint_text or finding.message).lower()).strip()
    key = "\x1f".join(
        (finding.code, text, finding.section.lower(), finding.path.replace("\\", "/"))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
