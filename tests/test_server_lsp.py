"""End to end: the real ``prdlint server`` over stdio, driven by pytest-lsp's LSP client."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from prdlint.cli.main import cli
from tests.lsp_helpers import (
    apply_edits,
    diagnostics_for,
    make_client,
    open_document,
    replace_all,
    utf16,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

PERSONAS = "## Personas\n\n- Claims adjuster: reviews open claims every morning.\n\n"
STORY_PREFIX = "- 🚀 As a "  # a character outside the BMP before the flagged words
PRD = (
    "# Ledgerly export\n\n"
    + PERSONAS
    + "## Stories\n\n"
    + STORY_PREFIX
    + "user, I want to export the week's claims so that I can share them.\n"
)
STORY_LINE = 8  # 0-based line of the story in PRD
REGISTERED: list[str] = []


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "prdlint", "server"], client_factory=make_client
    ),
)
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("workspace")

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(r.method for r in params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _code_actions(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


def _folder(tmp_path: Path, config: str | None = None) -> Path:
    if config is not None:
        (tmp_path / ".prdlint.yaml").write_text(config, encoding="utf-8")
    return tmp_path


async def test_generic_persona_at_exact_utf16_range_then_disable_clears_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = open_document(client, _folder(tmp_path) / "prd.md", PRD)
    diagnostics = await diagnostics_for(client, uri, 1)

    assert len(diagnostics) == 1
    found = diagnostics[0]
    assert (found.code, found.source) == ("PRD101", "prdlint")
    assert found.severity == types.DiagnosticSeverity.Warning
    assert 'role "user"' in found.message and "http" not in found.message
    start = utf16(STORY_PREFIX)  # 11 units: the rocket is one code point but two units
    assert start == len(STORY_PREFIX) + 1
    assert found.range == types.Range(
        start=types.Position(line=STORY_LINE, character=start),
        end=types.Position(line=STORY_LINE, character=start + len("user")),
    )

    actions = await _code_actions(client, uri, found)
    titles = [a.title for a in actions]
    assert titles == [
        'Replace "user" with persona "Claims adjuster"',
        "Disable PRD101 for this line",
    ]
    disable = actions[-1]
    assert disable.edit is not None and disable.edit.changes is not None
    edited = apply_edits(PRD, disable.edit.changes[uri])
    assert edited.splitlines()[STORY_LINE] == "<!-- prdlint-disable-next-line PRD101 -->"
    replace_all(client, uri, edited, 2)
    assert await diagnostics_for(client, uri, 2) == ()  # suppressed, and no PRD900 either


async def test_persona_action_replaces_role_and_fixes_the_article(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "personas: [account admin]\n")
    uri = open_document(client, folder / "prd.md", PRD)
    (found,) = await diagnostics_for(client, uri, 1)
    assert "account admin" in found.message

    actions = await _code_actions(client, uri, found)
    by_title = {a.title: a for a in actions}
    fix = by_title['Replace "user" with persona "account admin"']
    assert 'Replace "user" with persona "Claims adjuster"' in by_title
    assert fix.edit is not None and fix.edit.changes is not None
    edited = apply_edits(PRD, fix.edit.changes[uri])
    assert edited.splitlines()[STORY_LINE].startswith("- 🚀 As an account admin, I want")
    replace_all(client, uri, edited, 2)
    assert await diagnostics_for(client, uri, 2) == ()


async def test_incremental_change_and_hover_shows_explain_text(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = PRD.replace("user,", "nurse,")
    uri = open_document(client, _folder(tmp_path) / "prd.md", text)
    assert await diagnostics_for(client, uri, 1) == ()

    start = utf16(STORY_PREFIX)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=STORY_LINE, character=start),
                        end=types.Position(line=STORY_LINE, character=start + len("nurse")),
                    ),
                    text="customer",
                )
            ],
        )
    )
    (found,) = await diagnostics_for(client, uri, 2)
    assert found.range.start == types.Position(line=STORY_LINE, character=start)
    assert found.range.end == types.Position(line=STORY_LINE, character=start + len("customer"))

    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=STORY_LINE, character=start + 2),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    explained = CliRunner().invoke(cli, ["explain", "PRD101"]).output
    assert explained.strip() and explained in hover.contents.value
    nowhere = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=1),
        )
    )
    assert nowhere is None


async def test_config_error_is_a_diagnostic_and_a_fix_is_picked_up_without_restart(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "selectt: [PRD1]\n")
    uri = open_document(client, folder / "prd.md", PRD)
    (problem,) = await diagnostics_for(client, uri, 1)
    assert (problem.severity, problem.code) == (types.DiagnosticSeverity.Error, "config")
    assert "unknown key 'selectt'" in problem.message
    assert any("unknown key 'selectt'" in m.message for m in client.messages)

    _folder(tmp_path, "select: [PRD1]\nignore: [PRD101]\n")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await diagnostics_for(client, uri, 1) == ()  # PRD101 ignored by the fixed config

    _folder(tmp_path, "select: [PRD1]\n")
    assert REGISTERED == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(folder / ".prdlint.yaml").as_uri(), type=types.FileChangeType.Changed
                )
            ]
        )
    )
    (found,) = await diagnostics_for(client, uri, 1)
    assert found.code == "PRD101"


async def test_bad_documents_and_a_burst_of_edits_keep_the_server_serving(
    client: LanguageClient, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "max-file-size: 2000\n")
    binary = open_document(client, folder / "binary.md", "As a user\x00, I want")
    (unreadable,) = await diagnostics_for(client, binary, 1)
    assert unreadable.code == "PRD901" and "NUL byte" in unreadable.message

    huge = open_document(client, folder / "huge.md", PRD * 20)
    (too_big,) = await diagnostics_for(client, huge, 1)
    assert too_big.code == "PRD901" and "over max-file-size (2000)" in too_big.message

    broken = "# T\n\n|a|b\n|-\n> - [x\n```\n" + "*" * 500 + "\n<!-- prdlint-disable PRD9Z"
    uri = open_document(client, folder / "prd.md", broken)
    await diagnostics_for(client, uri, 1)
    for version in range(2, 32):
        replace_all(client, uri, PRD if version % 2 else broken, version)
    (last,) = await diagnostics_for(client, uri, 31)
    assert last.code == "PRD101"

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await diagnostics_for(client, uri, None) == ()  # closed: its diagnostics go


async def test_ranges_follow_the_negotiated_utf8_encoding(tmp_path: Path) -> None:
    config = ClientServerConfig(
        server_command=[sys.executable, "-m", "prdlint", "server"], client_factory=make_client
    )
    utf8_client = await config.start()
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8]
        )
    )
    try:
        result = await utf8_client.initialize_session(types.InitializeParams(capabilities))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = open_document(utf8_client, tmp_path / "prd.md", PRD)
        (found,) = await diagnostics_for(utf8_client, uri, 1)
        start = len(STORY_PREFIX.encode("utf-8"))  # the rocket is four bytes
        assert (found.range.start.character, found.range.end.character) == (start, start + 4)
        await utf8_client.shutdown_session()
    finally:
        await utf8_client.stop()


CRASHING_RULE = """
import sys
import prdlint.server.linting as linting
from prdlint.server.protocol import serve

real_lint = linting.DocumentLinter.lint

def lint(self, uri, text):
    if "BOOM" in text:
        raise RuntimeError("a rule crashed")
    return real_lint(self, uri, text)

linting.DocumentLinter.lint = lint
sys.exit(serve(linting.DocumentLinter()))
"""


async def test_a_crash_inside_the_engine_is_reported_and_the_server_keeps_serving(
    tmp_path: Path,
) -> None:
    config = ClientServerConfig(
        server_command=[sys.executable, "-c", CRASHING_RULE], client_factory=make_client
    )
    crashing = await config.start()
    try:
        await crashing.initialize_session(types.InitializeParams(types.ClientCapabilities()))
        uri = open_document(crashing, tmp_path / "prd.md", PRD + "BOOM\n")
        (problem,) = await diagnostics_for(crashing, uri, 1)
        assert "internal error: RuntimeError: a rule crashed" in problem.message
        assert problem.code == "internal-error"
        assert any("a rule crashed" in m.message for m in crashing.messages)
        assert any("Traceback" in m.message for m in crashing.log_messages)

        replace_all(crashing, uri, PRD, 2)
        (found,) = await diagnostics_for(crashing, uri, 2)
        assert found.code == "PRD101"
        await crashing.shutdown_session()
    finally:
        await crashing.stop()
