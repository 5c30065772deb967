"""Helpers for driving ``prdlint server`` over stdio with pytest-lsp's client."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

WAIT = 60.0  # seconds; the first lint loads spaCy
PUBLISHED: dict[int, list[types.PublishDiagnosticsParams]] = {}  # id(client) -> every publish
SEEN: dict[tuple[int, str], int] = {}  # (id(client), uri) -> publishes already consumed


def _record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    PUBLISHED.setdefault(id(client), []).append(params)


def make_client() -> LanguageClient:
    """pytest-lsp's test client, recording every publishDiagnostics in order (none missed)."""
    client = LanguageClient(converter_factory=default_converter)
    features: dict[str, Any] = {**DEFAULT_CLIENT_FEATURES}
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record
    register_lsp_features(client, features)
    return client


def utf16(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what LSP columns count by default)."""
    return len(text.encode("utf-16-le")) // 2


async def diagnostics_for(
    client: LanguageClient, uri: str, version: int | None
) -> Sequence[types.Diagnostic]:
    """The next diagnostics published for ``uri`` at ``version`` (after those consumed)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    key = (id(client), uri)
    while loop.time() < deadline:
        published = PUBLISHED.get(id(client), [])
        for index in range(SEEN.get(key, 0), len(published)):
            params = published[index]
            if params.uri == uri and (version is None or params.version == version):
                SEEN[key] = index + 1
                return params.diagnostics
        await asyncio.sleep(0.005)
    raise TimeoutError(f"no diagnostics for {uri} at version {version} in {WAIT} s")


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=version, text=text
            )
        )
    )
    return uri


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """Send a whole-document change."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions, non-overlapping) to ``text`` like an editor."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += utf16(char)
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
