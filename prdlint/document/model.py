"""The document model: sections, blocks and sentences, each mapped to source positions.

Rules read this model only; they never see Markdown. Every piece of text a rule can flag is a
slice of a :class:`Block`'s plain ``text``, and ``Block.offsets`` maps each character of it back
to a character offset in the source, so a finding always points at the exact words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

_NEWLINE = re.compile("\n")
BlockKind = Literal["paragraph", "list_item", "table_cell", "heading", "blockquote"]


@dataclass(frozen=True)
class Span:
    """A 1-based source range; ``end_line``/``end_column`` are exclusive (LSP and SARIF style)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class Section:
    """A heading and everything under it up to the next heading of the same or higher level."""

    title: str
    level: int
    line: int
    parent: Section | None = None

    @property
    def path(self) -> tuple[str, ...]:
        """Heading titles from the outermost section down to this one."""
        titles: list[str] = []
        node: Section | None = self
        while node is not None:
            titles.append(node.title)
            node = node.parent
        return tuple(reversed(titles))

    def within(self, *words: str) -> bool:
        """True when this section or one of its parents has a title containing a word."""
        lowered = [t.lower() for t in self.path]
        return any(w in title for title in lowered for w in words)


@dataclass
class Block:
    """A unit of rendered text: a paragraph, list item, table cell, heading or quote.

    ``scope`` identifies the evidence scope DOMAIN.md speaks of: the paragraph, the list item or
    the table row this text belongs to. Blocks that share a scope are neighbours for evidence.
    """

    kind: BlockKind
    text: str
    offsets: list[int]
    section: Section | None
    scope: int
    document: Document = field(repr=False)
    row: int | None = None
    column_index: int | None = None
    is_header_row: bool = False
    sentences: list[Sentence] = field(default_factory=list, repr=False)

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]`` (``end`` exclusive, ``start < end``)."""
        if not self.offsets:
            return Span(1, 1, 1, 1)
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        begin = self.offsets[start]
        finish = self.offsets[end - 1] + 1
        return self.document.span(begin, finish)

    @property
    def line(self) -> int:
        """The line of the block's first character."""
        return self.document.position(self.offsets[0])[0] if self.offsets else 1


@dataclass
class Sentence:
    """A sentence: ``block.text[start:end]``."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span of ``text[start:end]`` (relative to the sentence)."""
        stop = self.end if end is None else self.start + end
        return self.block.span(self.start + start, stop)


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the source (the only place suppression directives live)."""

    body: str
    line: int
    column: int
    end_line: int
    own_line: bool


@dataclass
class Document:
    """One parsed Markdown file."""

    path: str
    text: str
    front_matter: dict[str, Any] | None = None
    front_matter_error: str | None = None
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._line_starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count Unicode code points."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The source span of offsets ``[start, end)``."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)
