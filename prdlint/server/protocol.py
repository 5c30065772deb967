"""The pygls language server: document sync, scheduling, code actions, hover, config watch.

Linting runs on one worker thread, so the event loop keeps reading messages while the engine
works, and the engine is never used by two threads at once. Edits that arrive while a document
is being linted supersede it: the stale result is dropped and the newest text is linted next,
so a burst of edits costs at most one extra lint. Nothing a document or a config file contains
stops the server: problems become diagnostics or window messages.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from prdlint import __version__
from prdlint.server.actions import code_actions, hover
from prdlint.server.diagnostics import problem_diagnostic, to_diagnostics
from prdlint.server.linting import DocumentLinter, LintOutcome, path_of
from prdlint.server.positions import UTF16, LineIndex

logger = logging.getLogger(__name__)
CONFIG_GLOBS = ("**/.prdlint.yaml", "**/.prdlint.yml", "**/pyproject.toml")
T = TypeVar("T")


class _Protocol(LanguageServerProtocol):
    """pygls 2.1 keeps the future of every notification its generator handlers run (each
    didChange), so a long session grows by one future per edit; drop the finished ones."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        finished = [key for key, future in self._request_futures.items() if future.done()]
        for key in finished:
            del self._request_futures[key]


class PrdlintServer(LanguageServer):
    """A language server holding one :class:`DocumentLinter` (one engine, one pipeline)."""

    def __init__(self, linter: DocumentLinter, debounce: float = 0.0) -> None:
        super().__init__(
            "prdlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.linter = linter
        self.debounce = debounce
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prdlint-lint")
        self._generation: dict[str, int] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._published: dict[str, tuple[str, list[types.Diagnostic]]] = {}
        self._shown: set[str] = set()
        self.shut_down = False

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def text_of(self, uri: str) -> str | None:
        """The current text of an open document, else None."""
        document = self.workspace.text_documents.get(unquote(uri))
        return None if document is None else document.source

    async def on_worker(self, function: Any, *args: Any) -> Any:
        """Run ``function`` on the lint thread (serialised with every lint)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` soon; a lint under way for an older text is superseded."""
        self._generation[uri] = self._generation.get(uri, 0) + 1
        task = self._tasks.get(uri)
        if task is None or task.done():
            self._tasks[uri] = asyncio.ensure_future(self._lint_until_current(uri))

    async def _lint_until_current(self, uri: str) -> None:
        while True:
            await asyncio.sleep(self.debounce)
            generation = self._generation.get(uri)
            document = self.workspace.text_documents.get(unquote(uri))
            if document is None or generation is None:
                return
            text, version = document.source, document.version
            try:
                outcome = await self.on_worker(self.linter.lint, uri, text)
            except Exception as exc:  # a bug in a rule must not stop the server: report it
                outcome = self._internal_error(uri, exc)
            if self._generation.get(uri) != generation:
                continue  # edited meanwhile: lint the newest text instead of publishing
            self.publish(uri, text, version, outcome)
            return

    def _internal_error(self, uri: str, exc: Exception) -> LintOutcome:
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"{uri}: {detail}")
        )
        return LintOutcome(
            problem=f"internal error: {type(exc).__name__}: {exc}", problem_code="internal-error"
        )

    def publish(self, uri: str, text: str, version: int | None, outcome: LintOutcome) -> None:
        """Send the diagnostics of ``outcome``; a problem is also shown once as a message."""
        if outcome.problem is not None:
            diagnostics = [problem_diagnostic(outcome.problem, outcome.problem_code)]
            if outcome.problem not in self._shown:
                self._shown.add(outcome.problem)
                self.window_show_message(
                    types.ShowMessageParams(
                        type=types.MessageType.Error, message=f"prdlint: {outcome.problem}"
                    )
                )
        else:
            diagnostics = to_diagnostics(outcome.findings, text, self.encoding)
            self._shown.clear()
        self._published[uri] = (text, diagnostics)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def current_diagnostics(self, uri: str) -> tuple[str, list[types.Diagnostic]] | None:
        """The diagnostics published for the document's current text, if they are current."""
        text = self.text_of(uri)
        published = self._published.get(uri)
        if text is None or published is None or published[0] != text:
            return None
        return published

    def close(self, uri: str) -> None:
        self._generation.pop(uri, None)
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self._published.pop(uri, None)
        self.linter.forget(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def config_changed(self) -> None:
        """Config files changed: forget configs and results, re-lint every open document."""
        self.linter.invalidate()
        for uri in list(self._generation):
            self.schedule(uri)


def create_server(linter: DocumentLinter, debounce: float = 0.0) -> PrdlintServer:
    """A server with every prdlint feature registered."""
    server = PrdlintServer(linter, debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PrdlintServer, params: types.InitializeParams) -> None:
        root = path_of(params.root_uri) if params.root_uri else None
        if root is not None:
            ls.linter.root = root

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PrdlintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        dynamic = watched and watched.did_change_watched_files
        if not (dynamic and dynamic.dynamic_registration):
            return  # config files are still re-read: each lint compares their stat
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
        registration = types.Registration(
            id="prdlint-config-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except JsonRpcException as exc:  # the stat check on each lint still sees changes
            logger.warning("client refused to watch config files: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PrdlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PrdlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PrdlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PrdlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: PrdlintServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        ls.config_changed()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(
        ls: PrdlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        current = ls.current_diagnostics(uri)
        if current is None:
            return []
        text, diagnostics = current
        wanted = [d for d in diagnostics if d.code == "PRD101"]
        personas = await ls.on_worker(ls.linter.personas, uri, text) if wanted else []
        index = LineIndex(text, ls.encoding)
        return code_actions(uri, diagnostics, params.range, index, personas)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: PrdlintServer, params: types.HoverParams) -> types.Hover | None:
        current = ls.current_diagnostics(params.text_document.uri)
        if current is None:
            return None
        return hover(current[1], params.position, ls.linter.rules())

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PrdlintServer, params: None) -> None:
        ls.shut_down = True
        for task in ls._tasks.values():
            task.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


def serve(linter: DocumentLinter, debounce: float = 0.0) -> int:
    """Serve LSP over stdin/stdout until ``exit``: 0 after a ``shutdown`` request, else 1."""
    server = create_server(linter, debounce)
    server.start_io()
    return 0 if server.shut_down else 1
