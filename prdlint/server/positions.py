"""prdlint positions (1-based, code points, end exclusive) ↔ LSP positions (0-based, code units).

LSP counts columns in the position encoding agreed at ``initialize``: UTF-16 code units unless
the client offers UTF-8 or UTF-32. A character outside the Basic Multilingual Plane (an emoji)
is one prdlint column but two UTF-16 units and four UTF-8 units. prdlint reads a text with its
line endings normalised and its BOM removed; lines are the same, and a BOM shifts line 1 by one.
"""

from __future__ import annotations

import re

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of an editor buffer, split on every line ending LSP knows."""
    return _LINE_BREAK.split(text)


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def to_units(line: str, column: int, encoding: str = UTF16) -> int:
    """The code-unit offset of 0-based code-point ``column`` in ``line``."""
    column = max(0, min(column, len(line)))
    return units(line[:column], encoding)


def from_units(line: str, offset: int, encoding: str = UTF16) -> int:
    """The 0-based code-point column at code-unit ``offset`` in ``line`` (clamped)."""
    if encoding == UTF32:
        return max(0, min(offset, len(line)))
    used = 0
    for index, char in enumerate(line):
        if used >= offset:
            return index
        used += units(char, encoding)
    return len(line)


class LineIndex:
    """Converts prdlint (line, column) pairs into LSP (line, character) for one buffer."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = split_lines(text)
        self.encoding = encoding
        self.bom = text.startswith(BOM)

    def position(self, line: int, column: int) -> tuple[int, int]:
        """LSP (line, character) of 1-based prdlint ``line``/``column``; clamped to the buffer."""
        row = max(0, line - 1)
        if row >= len(self.lines):
            last = len(self.lines) - 1
            return last, units(self.lines[last], self.encoding)
        text = self.lines[row]
        index = column - 1 + (1 if row == 0 and self.bom else 0)
        return row, to_units(text, index, self.encoding)

    def line_text(self, row: int) -> str:
        """The text of 0-based ``row`` (empty past the end)."""
        return self.lines[row] if 0 <= row < len(self.lines) else ""
