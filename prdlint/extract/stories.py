"""User stories written as templates, with the role words located exactly.

Forms handled (see ../shared/corpus/FORMATS.md): "As a/an/the <role>, I want …" anywhere in a
block (paragraphs, list items, table cells, headings, quotes), lines split inside a paragraph,
bold keywords ("**As a** role / **When** … / **I want** …"), Kiro's "**User Story:** As a …",
"As <role>s, we …", "In order to …, as a <role>, I want …", a missing comma, all caps, and a
table whose header reads "As a … | I want …" with the roles in its rows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from prdlint.document.model import Block, Document, Span

_WANT = (
    r"(?:I|we)(?:\s*['’]d|\s+d\b)?"
    r"(?:\s+(?:really|also|would|should|must|need\s+to|want\s+to|to))?\s+"
    r"(?:want|wants|need|needs|like|can|could|should|must|wish|expect|require|am\s+able|"
    r"have\s+to|will|prefer|love)\b"
)
_STORY = re.compile(
    r"(?<![A-Za-z])as\s+(?P<det>an?|the)\s+(?P<role>[^.;:!?\n]{1,120}?)\s*[,–—-]?\s*"
    r"(?:(?:When|Whenever|While|If|Given)\b[^.;!?]{0,300}?\s*)?"
    r"(?<![A-Za-z])" + _WANT,
    re.IGNORECASE,
)
# "As developer, I want …" / "As Repository Manager I want …": no article, sentence start only.
_BARE = re.compile(
    r"(?:^|(?<=[.:!?*]\s)|(?<=[.:!?*]))\s*as\s+(?P<role>[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,4}?)"
    r"\s*,?\s*(?<![A-Za-z])" + _WANT,
    re.IGNORECASE,
)
# "As developers, we want …": a plural role without an article.
_PLURAL = re.compile(
    r"(?<![A-Za-z])as\s+(?P<role>[A-Za-z][\w\- ]{1,60}?s)\s*,\s*we\s+"
    r"(?:want|need|would\s+like|can|wish|expect)\b",
    re.IGNORECASE,
)
_SUCH = re.compile(r"\bsuch\s*$", re.IGNORECASE)
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
        "reminder",
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
    role = flat[start:end]
    if not role or len(role.split()) > 12:
        return None
    words = role.lower().split()
    if words[0].strip("*_") in _NOT_ROLES or "as" in words or words[0] in _NOT_BARE:
        return None
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


def stories_in_block(block: Block) -> Iterator[Story]:
    """Every story template in one block, in order."""
    flat = block.text.replace("\n", " ")
    if "as " not in flat.lower():
        return
    # Roles found so far, sorted by start; they never overlap, so a new role can only overlap
    # the last one starting before it ends (a bisection, not a scan: a story file is often one
    # paragraph of hundreds of stories).
    found: list[Story] = []
    starts: list[int] = []
    for pattern in (_STORY, _BARE, _PLURAL):
        for match in pattern.finditer(flat):
            if _SUCH.search(flat[max(0, match.start() - 8) : match.start()]):
                continue
            story = _story(block, match, flat)
            if story is None:
                continue
            index = bisect.bisect_left(starts, story.role_end)
            if index and found[index - 1].role_end > story.role_start:
                continue
            found.insert(index, story)
            starts.insert(index, story.role_start)
    yield from found


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
