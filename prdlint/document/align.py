"""Mapping the plain text of an inline token back to source offsets.

markdown-it gives block tokens a ``map`` of line numbers but no columns, and inline children no
positions at all. We recover exact positions by walking the children in source order and
aligning their text with the source, starting from where the inline content begins. Markup that
renders to nothing (emphasis markers, link destinations, escapes) is skipped by the alignment;
inline code, raw HTML and images are skipped on purpose: they are never linted.
"""

from __future__ import annotations

from markdown_it.token import Token

# A placeholder for skipped inline content (code spans, images, raw HTML), so that the words on
# either side of it do not run together. It maps to the start of the skipped source.
SKIPPED = " "


class InlineText:
    """Plain text with one source offset per character (kept in chunks: no per-character work
    where the text matches the source verbatim, which is almost everywhere)."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.offsets: list[int] = []
        self.html: list[tuple[str, int]] = []

    def add(self, char: str, offset: int) -> None:
        self.chunks.append(char)
        self.offsets.append(offset)

    def add_run(self, text: str, offset: int) -> None:
        """``text`` found verbatim at source ``offset``."""
        self.chunks.append(text)
        self.offsets.extend(range(offset, offset + len(text)))

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def _skip_link_tail(source: str, cursor: int, limit: int) -> int:
    """After a link's text, move past ``](destination "title")`` or ``][ref]``."""
    if cursor < limit and source[cursor] == "]":
        cursor += 1
        if cursor < limit and source[cursor] == "(":
            depth = 0
            while cursor < limit:
                char = source[cursor]
                if char == "\\":
                    cursor += 2
                    continue
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        return cursor + 1
                cursor += 1
        elif cursor < limit and source[cursor] == "[":
            end = source.find("]", cursor, limit)
            return end + 1 if end >= 0 else cursor
    return cursor


def _skip_code(source: str, cursor: int, limit: int, token: Token) -> int:
    """Move past a code span: its opening backticks, content and closing backticks."""
    fence = token.markup or "`"
    start = source.find(fence, cursor, limit)
    if start < 0:
        return cursor
    end = source.find(fence, start + len(fence), limit)
    return end + len(fence) if end >= 0 else start + len(fence)


def _align_text(out: InlineText, content: str, source: str, cursor: int, limit: int) -> int:
    """Append ``content`` aligned to the source from ``cursor``; return the new cursor."""
    found = source.find(content, cursor, limit) if content else -1
    if found >= 0 and source.find("\n", cursor, found) < 0:
        out.add_run(content, found)
        return found + len(content)
    # Escapes and entities make the text differ from the source: match character by character,
    # letting unmatched source characters (backslashes, entity names) fall behind.
    for char in content:
        probe = source.find(char, cursor, min(limit, cursor + 12))
        if probe >= 0:
            out.add(char, probe)
            cursor = probe + 1
        else:
            out.add(char, min(cursor, limit - 1) if limit > 0 else 0)
            cursor = _past_entity(source, cursor, limit)
    return cursor


def _past_entity(source: str, cursor: int, limit: int) -> int:
    """Move past an HTML entity (``&amp;``) at ``cursor`` if there is one."""
    if cursor < limit and source[cursor] == "&":
        end = source.find(";", cursor, min(limit, cursor + 12))
        if end >= 0:
            return end + 1
    return min(cursor + 1, limit)


def align_inline(token: Token, source: str, start: int, limit: int) -> InlineText:
    """Plain text of an ``inline`` token whose content begins at source offset ``start``.

    ``limit`` is the offset just past the last source line of the token.
    """
    out = InlineText()
    cursor = start
    for child in token.children or []:
        kind = child.type
        if kind == "image":
            end = source.find("]", cursor, limit)
            cursor = _skip_link_tail(source, end if end >= 0 else cursor, limit)
            out.add(SKIPPED, max(0, min(cursor, limit) - 1))
        elif kind == "text":
            cursor = _align_text(out, child.content, source, cursor, limit)
        elif kind == "code_inline":
            begin = cursor
            cursor = _skip_code(source, cursor, limit, child)
            out.add(SKIPPED, begin)
        elif kind in ("softbreak", "hardbreak"):
            newline = source.find("\n", cursor, limit + 1)
            position = newline if newline >= 0 else max(cursor, 0)
            out.add("\n", position)
            cursor = position + 1 if newline >= 0 else cursor
        elif kind == "html_inline":
            found = source.find(child.content, cursor, limit)
            if found >= 0:
                out.html.append((child.content, found))
                out.add(SKIPPED, found)
                cursor = found + len(child.content)
        elif kind == "link_close":
            cursor = _skip_link_tail(source, cursor, limit)
        elif kind in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"):
            markup = child.markup
            found = source.find(markup, cursor, limit) if markup else -1
            if found >= 0 and not source[cursor:found].strip():
                cursor = found + len(markup)
        elif kind == "link_open":
            found = source.find("[", cursor, limit)
            if found >= 0 and not source[cursor:found].strip():
                cursor = found + 1
        elif kind == "text_special":
            cursor = _align_text(out, child.content, source, cursor, limit)
    return out
