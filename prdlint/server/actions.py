"""Code actions and hover for prdlint diagnostics.

"Disable CODE for this line" inserts ``<!-- prdlint-disable-next-line CODE -->`` on its own
line above, with the line's indentation. For PRD101, one action per persona (configured or
defined by the document) replaces the generic role words, fixing the article in front of them.
Hover over a diagnostic shows ``prdlint explain`` for its rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from prdlint.cli.explain import explanation
from prdlint.rulebook import RuleBook
from prdlint.server.positions import LineIndex, from_units, to_units

GENERIC_PERSONA = "PRD101"
_INDENT = re.compile(r"^[ \t>]*")
_ARTICLE = re.compile(r"(?<![A-Za-z])(?P<article>an?|An?|AN?)(?P<space>\s+)$")


def _at_or_before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def overlaps(diagnostic: types.Diagnostic, wanted: types.Range) -> bool:
    """Whether a diagnostic's range touches ``wanted`` (an empty range is a cursor)."""
    return _at_or_before(diagnostic.range.start, wanted.end) and _at_or_before(
        wanted.start, diagnostic.range.end
    )


def disable_action(uri: str, diagnostic: types.Diagnostic, index: LineIndex) -> types.CodeAction:
    """Insert a ``prdlint-disable-next-line`` comment above the diagnostic's first line."""
    row = diagnostic.range.start.line
    match = _INDENT.match(index.line_text(row))
    indent = match.group(0) if match else ""  # spaces, tabs and a quote's ">" markers
    code = str(diagnostic.code)
    at = types.Position(line=row, character=0)
    edit = types.TextEdit(
        range=types.Range(start=at, end=at),
        new_text=f"{indent}<!-- prdlint-disable-next-line {code} -->\n",
    )
    return types.CodeAction(
        title=f"Disable {code} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _cased(name: str, role: str) -> str:
    """``name`` starting in lower case where the role did ("a Claims adjuster" reads wrong)."""
    if role[:1].islower() and name[:1].isupper() and name[1:2].islower():
        return name[0].lower() + name[1:]
    return name


def persona_actions(
    uri: str, diagnostic: types.Diagnostic, index: LineIndex, personas: Sequence[str]
) -> list[types.CodeAction]:
    """One action per persona replacing the role words of a PRD101 diagnostic."""
    start, end = diagnostic.range.start, diagnostic.range.end
    if start.line != end.line:
        return []
    line = index.line_text(start.line)
    first = from_units(line, start.character, index.encoding)
    last = from_units(line, end.character, index.encoding)
    role = line[first:last]
    if not role.strip():
        return []
    actions = []
    for name in personas:
        replacement = _cased(name, role)
        begin = first
        article = _ARTICLE.search(line[:first])
        if article is not None:
            old = article.group("article")
            new = "an" if replacement[:1].lower() in "aeiou" else "a"
            if old.isupper() and (len(old) > 1 or replacement.isupper()):
                new = new.upper()  # "AS A USER" → "AS AN EMT"
            elif old[:1].isupper():
                new = new.capitalize()
            if old.lower() != new.lower():
                begin = article.start("article")
                replacement = new + article.group("space") + replacement
        edit = types.TextEdit(
            range=types.Range(
                start=types.Position(
                    line=start.line, character=to_units(line, begin, index.encoding)
                ),
                end=end,
            ),
            new_text=replacement,
        )
        actions.append(
            types.CodeAction(
                title=f'Replace "{role}" with persona "{name}"',
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions


def code_actions(
    uri: str,
    diagnostics: Sequence[types.Diagnostic],
    wanted: types.Range,
    index: LineIndex,
    personas: Sequence[str],
) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics touching ``wanted``: personas first, then disabling."""
    actions: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if not overlaps(diagnostic, wanted) or not diagnostic.code:
            continue
        if diagnostic.code == GENERIC_PERSONA:
            actions.extend(persona_actions(uri, diagnostic, index, personas))
        if not index.line_text(diagnostic.range.start.line).lstrip().startswith("|"):
            disables.append(disable_action(uri, diagnostic, index))  # a table row would break
    return actions + disables


def hover(
    diagnostics: Sequence[types.Diagnostic], position: types.Position, book: RuleBook
) -> types.Hover | None:
    """``prdlint explain`` text for every diagnostic under ``position``."""
    cursor = types.Range(start=position, end=position)
    parts = []
    under = [d for d in diagnostics if d.code and overlaps(d, cursor)]
    for diagnostic in under:
        rule = book.get(str(diagnostic.code))
        if rule is None:
            continue
        parts.append(
            f"**{rule.code}** `{rule.name}`: {diagnostic.message}\n\n"
            f"```text\n{explanation(rule)}```"
        )
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=under[0].range,
    )
