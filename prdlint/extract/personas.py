"""Personas a document defines (a "Personas" section), to suggest in place of generic roles."""

from __future__ import annotations

import re

from prdlint.document.model import Document

_PERSONA_SECTION = ("persona", "user types", "target users", "user roles", "actors")
_NAME = re.compile(r"^\s*(?:persona\s*\d*\s*[:.-]\s*)?(?P<name>[^:.\n–—(]{2,60})", re.IGNORECASE)


def document_personas(document: Document) -> list[str]:
    """Names of the personas defined under a personas section, in order, without duplicates."""
    names: list[str] = []
    for section in document.sections:
        parent = section.parent
        if parent is not None and parent.within(*_PERSONA_SECTION) and section.title:
            names.append(section.title)
    for block in document.blocks:
        if block.section is None or not block.section.within(*_PERSONA_SECTION):
            continue
        if block.kind == "list_item" and block.sentences:
            first = block.text.split("\n", 1)[0]
            if ":" in first[:60] or " - " in first[:60] or "–" in first[:60]:
                match = _NAME.match(first)
                if match:
                    names.append(match.group("name"))
    cleaned: list[str] = []
    for name in names:
        name = re.sub(r"^(?:persona\s*\d*\s*[:.-]\s*|\d+[.)]\s*)", "", name.strip(), flags=re.I)
        name = name.strip(" *_\"'")
        if 2 <= len(name) <= 60 and name.lower() not in (n.lower() for n in cleaned):
            cleaned.append(name)
    return cleaned
