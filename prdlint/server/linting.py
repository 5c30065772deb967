"""The engine behind the server: per-document result cache and config files watched by stat.

No LSP here. One :class:`~prdlint.engine.Engine` (and so one loaded spaCy pipeline) serves every
document; ``Engine.lint_text`` is the same code path as ``prdlint check --stdin-filename``.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from prdlint.analysis import Analysis
from prdlint.checks.util import finding
from prdlint.config import CONFIG_FILES, ConfigResolver
from prdlint.document.model import Span
from prdlint.document.parse import parse_document
from prdlint.engine import UNREADABLE, Engine
from prdlint.errors import PrdlintError, UnreadableFileError
from prdlint.findings import Finding
from prdlint.rulebook import RuleBook, builtin_rules
from prdlint.source import decode

RESULTS_PER_DOCUMENT = 4  # recent texts per document kept (undo, save after change)
PARSER_MEMO = 4096  # parsed texts the spaCy memo keeps: enough for several open PRDs

Signature = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class LintOutcome:
    """What one lint of one buffer produced."""

    findings: tuple[Finding, ...] = ()
    problem: str | None = None  # the config or the model is unusable: nothing was checked
    problem_code: str = "config"  # the diagnostic code a problem is shown with
    skipped: str | None = None  # checked, and deliberately skipped (e.g. not English)


def path_of(uri: str) -> Path | None:
    """The file system path of a ``file:`` URI, else None (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(url2pathname(unquote(parsed.path)))


class DocumentLinter:
    """Lints editor buffers, remembering recent results per document and re-reading config
    files when their size or modification time changes (no restart needed)."""

    def __init__(self, config_path: Path | None = None, root: Path | None = None) -> None:
        self.config_path = config_path
        self.root = root or Path.cwd()
        self._engine: Engine | None = None
        self._signatures: dict[Path, Signature] = {}
        self._results: dict[str, OrderedDict[str, LintOutcome]] = {}
        self._personas: dict[str, tuple[str, list[str]]] = {}
        self.hits = 0
        self.misses = 0

    def engine(self) -> Engine:
        """The one engine; raises :class:`~prdlint.errors.ConfigError` for a bad ``--config``."""
        if self._engine is None:
            self._engine = Engine(self.config_path)
        return self._engine

    def rules(self) -> RuleBook:
        """The rule book diagnostics come from (built-in rules if the engine cannot start)."""
        try:
            return self.engine().book
        except PrdlintError:
            return builtin_rules()

    def where(self, uri: str) -> tuple[str, Path]:
        """The name shown for a document and the path its config is discovered from."""
        path = path_of(uri)
        if path is None:
            return uri, self.root / "untitled.md"
        return str(path), path

    def invalidate(self) -> None:
        """Forget every config and result (a config file changed)."""
        self._results.clear()
        self._personas.clear()
        if self._engine is not None:
            try:
                self._engine.resolver = ConfigResolver(self.config_path)
            except PrdlintError:  # a broken --config: rebuild the engine once it is fixed
                self._engine = None
                raise

    def forget(self, uri: str) -> None:
        """Drop what is remembered about a closed document."""
        self._results.pop(uri, None)
        self._personas.pop(uri, None)

    def _signature(self, where: Path) -> Signature:
        if self.config_path is not None:
            candidates = [self.config_path]
        else:
            folder = where.parent.resolve()
            candidates = [d / name for d in (folder, *folder.parents) for name in CONFIG_FILES]
        found = []
        for candidate in candidates:
            try:
                info = os.stat(candidate)
            except OSError:
                continue
            found.append((str(candidate), info.st_mtime_ns, info.st_size))
        return tuple(found)

    def check_config(self, where: Path) -> None:
        """Invalidate when a config file that applies to ``where`` appeared, changed or went."""
        folder = where.parent
        signature = self._signature(where)
        previous = self._signatures.get(folder)
        self._signatures[folder] = signature
        if previous is not None and previous != signature:
            self.invalidate()

    def cached(self, uri: str, text: str) -> LintOutcome | None:
        """The remembered outcome for exactly this text of the document, if any."""
        return self._results.get(uri, OrderedDict()).get(text)

    def lint(self, uri: str, text: str) -> LintOutcome:
        """Lint a buffer as if it were saved at its path; never raises a prdlint error."""
        display, where = self.where(uri)
        try:
            self.check_config(where)
            engine = self.engine()
            config = engine.config_for(where)
        except PrdlintError as exc:
            return LintOutcome(problem=str(exc))
        remembered = self._results.setdefault(uri, OrderedDict())
        if text in remembered:
            self.hits += 1
            remembered.move_to_end(text)
            return remembered[text]
        self.misses += 1
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > config.max_file_size:
            outcome = self._too_big(engine, display, size, config.max_file_size)
        else:
            engine.parser(config.nlp_model).max_docs = PARSER_MEMO
            try:
                result = engine.lint_text(text, display, where)
            except PrdlintError as exc:  # e.g. no spaCy pipeline: say so, check nothing
                return LintOutcome(problem=str(exc))
            outcome = LintOutcome(tuple(result.findings), skipped=result.skipped)
        remembered[text] = outcome
        while len(remembered) > RESULTS_PER_DOCUMENT:
            remembered.popitem(last=False)
        return outcome

    def _too_big(self, engine: Engine, display: str, size: int, limit: int) -> LintOutcome:
        rule = engine.book.get(UNREADABLE)
        detail = f"{display}: skipped, {size} bytes is over max-file-size ({limit})"
        if rule is None:
            return LintOutcome(skipped=detail)
        return LintOutcome((finding(rule, display, Span(1, 1, 1, 2), rule.format(detail=detail)),))

    def personas(self, uri: str, text: str) -> list[str]:
        """Personas to offer for PRD101: config ``personas``, then the document's own."""
        remembered = self._personas.get(uri)
        if remembered is not None and remembered[0] == text:
            return remembered[1]
        display, where = self.where(uri)
        try:
            engine = self.engine()
            config = engine.config_for(where)
        except PrdlintError:  # the config broke since the last lint; that lint reports it
            return []
        try:
            source = decode(text.encode("utf-8", "surrogatepass"), display)
        except UnreadableFileError:
            return list(config.personas)
        document = parse_document(source.text, display)
        names = Analysis(document, config, engine.parser(config.nlp_model)).personas
        self._personas[uri] = (text, names)
        return names
