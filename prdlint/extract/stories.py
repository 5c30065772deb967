"""User stories written as templates, with the role words located exactly.

Forms handled (see ../shared/corpus/FORMATS.md): "As a/an/the <role>, I want …" anywhere in a
block (paragraphs, list items, table cells, headings, quotes), lines split inside a paragraph,
bold keywords ("**As a** role / **When** … / **I want** …"), Kiro's "**User Story:** As a …",
"As <role>s, we …", "In order to …, as a <role>, I want …", a missing comma, all caps, and a
table whose header reads "As a … | I want …" with the roles in its rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from prdlint.document.model import Block, Document, Span

_WANT = (
    r"(?:I|we)(?:\s*['’]d|\s+d\b|\s*['’]m|\s+m\b)?"
    r"(?:\s+(?:really|also|only|just|still|always|would|should|must|need\s+to|want\s+to|to|"
    r"do\s+not|don['’]?t|not)){0,3}"
    r"\s+(?:want|wants|need|needs|like|can|could|should|must|wish|expect|require|am|able|"
    r"find|see|have\s+to|will|prefer|love)\b"
)
_STORY = re.compile(
    r"(?<![A-Za-z])as\s+(?P<det>an?|the)\s+(?P<role>[^.;:!?\n]{1,120}?)\s*(?:[,–—-]|\.{2,3}|…)?\s*"
    r"(?:(?:When|Whenever|While|If|Given)\b[^.;!?]{0,300}?\s*)?"
    r"(?<![A-Za-z])" + _WANT,
    re.IGNORECASE,
)
# "As developer, I want …" / "As Repository Manager I want …": no article, sentence start only.
_BARE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.:!?*]\s)|(?<=[.:!?*]))[ \t]*as\s+"
    r"(?P<role>[A-Za-z][\w\-]*(?:[ \t]+[\w\-]+){0,4}?)"
    r"\s*,?\s*(?<![A-Za-z])" + _WANT,
    re.IGNORECASE,
)
# "As developers, we want …": a plural role without an article.
_PLURAL = re.compile(
    r"(?<![A-Za-z])as\s+(?P<role>[A-Za-z][\w\- ]{1,60}?s)\s*,\s*we\s+"
    r"(?:want|need|would\s+like|can|wish|expect)\b",
    re.IGNORECASE,
)
# "As a user, the field name disappears …": a template without an I-clause, at a line start only.
_LOOSE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:[-*+][ \t]+)?as\s+(?P<det>an?|the)\s+"
    r"(?P<role>[A-Za-z][\w\-*_ ]{0,60}?)[ \t]*,(?=[ \t]*\S)",
    re.IGNORECASE,
)
_CLAUSE_AFTER_ROLE = re.compile(
    r",\s+(?:the|a|an|my|our|this|that|it|its|there|when|if|while|I|we)\s", re.IGNORECASE
)
_BENEFIT = re.compile(r"\b(?:so\s+that|so\s+I\s+can|in\s+order\s+to|so\s+we\s+can)\b", re.I)
# "As a result, we can …" is not a story: nouns that follow "as a" in ordinary prose.
_NOT_ROLES = frozenset(
    [
        "result",
        "consequence",
        "rule",
        "whole",
        "matter",
        "side",
        "reminder",
        "default",
        "fallback",
        "workaround",
        "bonus",
        "courtesy",
        "precaution",
        "example",
        "alternative",
        "start",
        "first",
        "last",
        "reference",
        "minimum",
        "part",
        "baseline",
        "starting",
        "proxy",
        "general",
        "team-wide",
        "precondition",
        "prerequisite",
        "follow-up",
        "next",
        "step",
        "continuation",
        "follow",
        "template",
        "title",
        "way",
        "means",
        "replacement",
        "substitute",
    ]
)
_NOT_BARE = frozenset(
    [
        "long",
        "soon",
        "much",
        "well",
        "far",
        "good",
        "quickly",
        "many",
        "few",
        "often",
        "early",
        "it",
        "this",
        "that",
    ]
)
# Words a role never starts with: "as a/the <or|and|in …>" is a connective, not a template.
_NOT_FIRST = frozenset(["a", "an", "the", "or", "and", "in", "of", "to", "so", "if", "per"])
# "As the JSON references are spread out, we need …": a clause, not a role.
_FINITE = re.compile(r"(?<!\bwho )(?<!\bthat )(?<!\bwhich )\b(?:are|were|is|was)\b", re.I)
_TABLE_ROLE_HEADER = re.compile(r"^\s*as\s+(?:an?|the)\b", re.IGNORECASE)
_TABLE_WANT_HEADER = re.compile(r"^\s*(?:I|we)\s+(?:want|need|would like|can)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Story:
    """A user story template. ``role_start``/``role_end`` index ``block.text``."""

    block: Block
    role: str
    role_start: int
    role_end: int
    start: int
    end: int
    has_benefit: bool

    @property
    def role_span(self) -> Span:
        return self.block.span(self.role_start, self.role_end)

    @property
    def line(self) -> int:
        return self.role_span.line


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` to the role words, without quotes, brackets or markup residue."""
    junk = " \t\n*_\"'“”‘’`,:–—-"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def _story(block: Block, match: re.Match[str], flat: str) -> Story | None:
    start, end = _trim(flat, match.start("role"), match.end("role"))
    clause = _CLAUSE_AFTER_ROLE.search(flat, start, end)
    if clause:  # "As a user, the field name disappears when …": the role ends at the comma
        start, end = _trim(flat, start, clause.start())
    role = flat[start:end]
    if not role or len(role.split()) > 12:
        return None
    words = role.lower().split()
    if words[0].strip("*_") in _NOT_ROLES or "as" in words or words[0] in _NOT_BARE:
        return None
    if (
        words[0] in _NOT_FIRST
        or _BENEFIT.search(role)
        or re.search(r",\s*so$", role, re.I)
        or _FINITE.search(role)
    ):
        return None  # "as a JSON file, so that I can …": the benefit clause, not a role
    rest = flat[match.end() : match.end() + 400]
    return Story(
        block=block,
        role=re.sub(r"\s+", " ", role),
        role_start=start,
        role_end=end,
        start=match.start(),
        end=match.end(),
        has_benefit=bool(_BENEFIT.search(rest.split("\n\n")[0])),
    )


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern``, retrying one character later after each match.

    ``finditer`` would resume after a whole match, so a story inside a longer false start
    ("… as a side effect the build … As a user I want …") would be skipped.
    """
    position = 0
    while position < len(text):
        match = pattern.search(text, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def stories_in_block(block: Block) -> Iterator[Story]:
    """Every story template in one block, in order."""
    flat = block.text.replace("\n", " ")
    if "as " not in flat.lower():
        return
    found: list[Story] = []
    taken = bytearray(len(flat))  # characters already inside a found role
    for pattern, text in (
        (_STORY, flat),
        (_BARE, block.text),
        (_PLURAL, flat),
        (_LOOSE, block.text),
    ):
        for match in _matches(pattern, text):
            if re.search(r"\bsuch\s*$", flat[max(0, match.start() - 8) : match.start()], re.I):
                continue
            story = _story(block, match, flat)
            if story is None or any(taken[story.role_start : story.role_end]):
                continue
            taken[story.role_start : story.role_end] = b"\x01" * (story.role_end - story.role_start)
            found.append(story)
    yield from sorted(found, key=lambda s: s.role_start)


def _table_role_columns(document: Document) -> dict[tuple[int, int], int]:
    """Tables whose header reads "As a … | I want …": (section line, first row) -> role column."""
    found: dict[tuple[int, int], int] = {}
    headers: dict[int, list[Block]] = {}
    for block in document.blocks:
        if block.kind == "table_cell" and block.is_header_row:
            headers.setdefault(block.scope, []).append(block)
    for cells in headers.values():
        cells.sort(key=lambda b: b.column_index or 0)
        for left, right in pairwise(cells):
            if (
                _TABLE_ROLE_HEADER.match(left.text)
                and _TABLE_WANT_HEADER.match(right.text)
                and not list(stories_in_block(left))
            ):
                found[(id(left.section), left.scope)] = left.column_index or 0
    return found


def extract_stories(document: Document) -> list[Story]:
    """All story templates of a document, in source order."""
    stories: list[Story] = []
    role_columns = _table_role_columns(document)
    table_role: dict[int, int] = {}
    last_header_scope: tuple[int, int] | None = None
    for block in document.blocks:
        if block.kind == "table_cell":
            if block.is_header_row:
                last_header_scope = (id(block.section), block.scope)
            elif last_header_scope in role_columns:
                table_role[block.scope] = role_columns[last_header_scope]
        stories.extend(stories_in_block(block))
        if (
            block.kind == "table_cell"
            and not block.is_header_row
            and table_role.get(block.scope) == block.column_index
        ):
            start, end = _trim(block.text, 0, len(block.text))
            if end > start and len(block.text[start:end].split()) <= 8:
                stories.append(
                    Story(block, block.text[start:end], start, end, start, end, has_benefit=False)
                )
    return stories
