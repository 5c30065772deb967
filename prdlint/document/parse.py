"""Markdown source → :class:`Document`: markdown-it tokens become sections, blocks, sentences.

Only what renders is the document: code blocks, inline code, raw HTML, HTML comments and front
matter never become blocks (comments are kept aside for suppression directives).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from prdlint.document.align import align_inline
from prdlint.document.model import Block, BlockKind, Comment, Document, Section, Sentence
from prdlint.document.sentences import split_sentences

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _split_front_matter(text: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """Blank out a leading YAML front matter block, keeping line numbers; parse it safely."""
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return text, None, None
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return text, None, None
    raw = text[4 : end.start()]
    blanked = re.sub(r"[^\n]", " ", text[: end.end()]) + text[end.end() :]
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return blanked, None, f"line {line}: {problem}"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return blanked, None, "line 2: front matter is not a mapping of keys to values"
    return blanked, data, None


class _Builder:
    """Walks the flat token stream once, keeping the container stack."""

    def __init__(self, document: Document, source: str) -> None:
        self.doc = document
        self.source = source
        self.containers: list[str] = []
        self.scope_stack: list[int] = []
        self.next_scope = 0
        self.section: Section | None = None
        self.heading_level = 0
        self.row = -1
        self.cell = -1
        self.in_thead = False
        self.row_cursor = 0
        self.row_scope = 0

    def new_scope(self) -> int:
        self.next_scope += 1
        return self.next_scope

    def line_end(self, line_index: int) -> int:
        """Offset just past the text of 0-based line ``line_index`` (its newline)."""
        if line_index + 1 < self.doc.line_count:
            return self.doc.line_start(line_index + 2) - 1
        return len(self.source)

    def run(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind.endswith("_open") and kind in _CONTAINERS:
                self.containers.append(kind)
                if kind in ("list_item_open", "blockquote_open"):
                    self.scope_stack.append(self.new_scope())
                elif kind == "heading_open":
                    self.open_section(token)
                elif kind in ("th_open", "td_open"):
                    self.cell += 1
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS:
                opened = self.containers.pop() if self.containers else ""
                if opened in ("list_item_open", "blockquote_open") and self.scope_stack:
                    self.scope_stack.pop()
            elif kind == "thead_open":
                self.in_thead = True
            elif kind == "thead_close":
                self.in_thead = False
            elif kind == "tr_open":
                self.row += 1
                self.cell = -1
                self.row_scope = self.new_scope()
                assert token.map is not None
                self.row_cursor = self.doc.line_start(token.map[0] + 1)
            elif kind == "inline":
                self.add_inline(token)
            elif kind == "html_block":
                self.add_comments(token.content, token.map[0] if token.map else 0, True)

    def open_section(self, token: Token) -> None:
        level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = parent.parent
        line = token.map[0] + 1 if token.map else 1
        self.section = Section(title="", level=level, line=line, parent=parent)
        self.doc.sections.append(self.section)
        self.heading_level = level

    def block_kind(self) -> BlockKind:
        for container in reversed(self.containers):
            if container == "heading_open":
                return "heading"
            if container in ("th_open", "td_open"):
                return "table_cell"
            if container == "list_item_open":
                return "list_item"
            if container == "blockquote_open":
                return "blockquote"
        return "paragraph"

    def content_start(self, token: Token, kind: BlockKind) -> int:
        assert token.map is not None
        first_line = token.map[0]
        line_start = self.doc.line_start(first_line + 1)
        line_text = self.doc.line_text(first_line + 1)
        first = token.content.split("\n", 1)[0]
        if kind == "table_cell":
            found = self._find_prefix(first, self.row_cursor, self.line_end(first_line))
            return found if found >= 0 else self.row_cursor
        if kind == "heading" and token.map[1] - token.map[0] == 1:
            found = self._find_prefix(first, line_start, self.line_end(first_line))
            return found if found >= 0 else line_start
        stripped = line_text.rstrip()
        if first.rstrip() and stripped.endswith(first.rstrip()):
            return line_start + len(stripped) - len(first.rstrip())
        found = self._find_prefix(first, line_start, self.line_end(first_line))
        return found if found >= 0 else line_start

    def _find_prefix(self, content: str, start: int, limit: int) -> int:
        """Find ``content`` (or its first word when escapes make it differ) in the source."""
        content = content.strip()
        if not content:
            return -1
        found = self.source.find(content, start, limit)
        if found < 0:
            head = re.split(r"[\\|&*_`\[\]]", content, maxsplit=1)[0].strip()
            found = self.source.find(head, start, limit) if head else -1
        return found

    def add_inline(self, token: Token) -> None:
        if token.map is None:
            return
        kind = self.block_kind()
        start = self.content_start(token, kind)
        limit = self.line_end(token.map[1] - 1)
        inline = align_inline(token, self.source, start, limit)
        for html, offset in inline.html:
            line, _ = self.doc.position(offset)
            self.add_comments(html, line - 1, False, offset)
        if kind == "table_cell" and inline.offsets:
            self.row_cursor = min(inline.offsets[-1] + 1, limit)
        text = inline.text
        if kind == "heading" and self.section is not None:
            self.section.title = text.strip()
        if not text.strip():
            return
        scope = self.scope_stack[-1] if self.scope_stack else self.new_scope()
        if kind == "table_cell":
            scope = self.row_scope
        block = Block(
            kind=kind,
            text=text,
            offsets=inline.offsets,
            section=self.section,
            scope=scope,
            document=self.doc,
            row=self.row if kind == "table_cell" else None,
            column_index=self.cell if kind == "table_cell" else None,
            is_header_row=kind == "table_cell" and self.in_thead,
        )
        self.doc.blocks.append(block)
        for begin, end in split_sentences(text):
            sentence = Sentence(block=block, start=begin, end=end)
            block.sentences.append(sentence)
            self.doc.sentences.append(sentence)

    def add_comments(self, html: str, line_index: int, block: bool, at: int | None = None) -> None:
        base = at if at is not None else self.doc.line_start(line_index + 1)
        for match in _COMMENT.finditer(html):
            offset = self.source.find(match.group(0), base)
            if offset < 0:
                continue
            line, column = self.doc.position(offset)
            end_line, _ = self.doc.position(offset + len(match.group(0)) - 1)
            own_line = block and not self.doc.line_text(line)[: column - 1].strip()
            self.doc.comments.append(
                Comment(match.group(1), line, column, end_line, own_line=bool(own_line))
            )


_CONTAINERS = {
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
    "heading_open",
    "th_open",
    "td_open",
    "table_open",
}


def parse_document(text: str, path: str = "<text>") -> Document:
    """Parse normalised Markdown ``text`` (``\\n`` line endings, no BOM) into a Document."""
    body, front_matter, error = _split_front_matter(text)
    document = Document(path=path, text=text, front_matter=front_matter, front_matter_error=error)
    builder = _Builder(document, body)
    builder.run(_markdown().parse(body))
    return document
