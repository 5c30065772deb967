"""The one engine API behind the CLI, the pre-commit hook and the language server.

files → config → document model → extraction → NLP → rules → suppression → findings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prdlint.analysis import Analysis
from prdlint.cache import ResultCache
from prdlint.checks import run_check
from prdlint.config import Config, ConfigResolver
from prdlint.discovery import discover
from prdlint.document.language import looks_english
from prdlint.errors import ModelUnavailableError, UnreadableFileError
from prdlint.findings import Finding, Severity
from prdlint.nlp import INSTALL_HINT, Parser, resolve_model, versions
from prdlint.parallel import lint_many
from prdlint.rulebook import Rule, RuleBook, builtin_rules
from prdlint.selection import enabled_rules
from prdlint.source import SourceText, decode, read_bytes
from prdlint.suppression import apply_suppressions

UNUSED_SUPPRESSION = "PRD900"
UNREADABLE = "PRD901"
BAD_FRONT_MATTER = "PRD902"


@dataclass
class FileResult:
    """The outcome for one file: its findings, or why it was skipped."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None
    fail_on: Severity = Severity.WARNING

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)


@dataclass
class Report:
    """All results of one run, in a deterministic order."""

    results: list[FileResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.results for f in r.findings), key=Finding.sort_key)

    @property
    def files_checked(self) -> int:
        return sum(1 for r in self.results if r.skipped is None)

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)


@dataclass(frozen=True)
class Overrides:
    """Command-line options that apply on top of every file's configuration."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    preview: bool | None = None

    def apply(self, config: Config) -> Config:
        return config.with_overrides(self.select, self.ignore, self.extend_select, self.preview)


class Engine:
    """Lints texts, files and folders. Construct once; reuse for many files."""

    def __init__(
        self,
        config_path: Path | None = None,
        overrides: Overrides | None = None,
        rules: RuleBook | None = None,
        cache: ResultCache | None = None,
        jobs: int = 1,
    ) -> None:
        self.config_path = config_path
        self.resolver = ConfigResolver(config_path)
        self.overrides = overrides or Overrides()
        self.book = rules or builtin_rules()
        self.cache = cache
        self.jobs = jobs
        self._parsers: dict[str | None, Parser] = {}
        self._key_parts: dict[tuple[str | None, tuple[str, ...]], tuple[str, str]] = {}

    def config_for(self, path: Path) -> Config:
        """The effective configuration for ``path`` (file config plus command-line options)."""
        return self.overrides.apply(self.resolver.for_path(path))

    def parser(self, model: str | None) -> Parser:
        """The (lazy) parser for ``model``; a model that is not installed fails here, at once,
        even when no rule ends up needing spaCy (a config error should not hide)."""
        if model not in self._parsers:
            if resolve_model(model) is None:
                raise ModelUnavailableError(
                    f"no spaCy English pipeline found ({model or 'en_core_web_sm'}): {INSTALL_HINT}"
                )
            self._parsers[model] = Parser(model)
        return self._parsers[model]

    def _meta(
        self, code: str, config: Config, path: str, detail: str, line: int = 1
    ) -> Finding | None:
        rule = self.book.get(code)
        if rule is None or rule not in enabled_rules(self.book, config):
            return None
        severity = config.severity.get(code, rule.severity)
        return Finding(
            path,
            line,
            1,
            line,
            2,
            rule.code,
            rule.name,
            severity,
            rule.format(detail=detail),
            rule.fix,
            fingerprint_text=rule.name,  # one per file: the detail (byte offsets) may move
        )

    def lint_source(
        self, source: SourceText, config: Config, path: Path | None = None
    ) -> FileResult:
        """Lint already-decoded text under ``config``."""
        from prdlint.document.parse import parse_document  # markdown-it only when linting

        display = source.path
        result = FileResult(display, fail_on=config.fail_on)
        document = parse_document(source.text, display)
        if not looks_english(source.text):
            result.skipped = f"{display}: skipped, not written in English"
            return result
        rules = enabled_rules(self.book, config, path)
        analysis = Analysis(document, config, self.parser(config.nlp_model))
        findings: list[Finding] = []
        for rule in rules:
            if rule.kind == "meta":
                continue
            findings.extend(run_check(rule, analysis))
        if document.front_matter_error:
            meta = self._meta(BAD_FRONT_MATTER, config, display, document.front_matter_error)
            if meta is not None:
                findings.append(meta)
        unused_rule = self.book.get(UNUSED_SUPPRESSION)
        if unused_rule is not None and unused_rule not in rules:
            unused_rule = None
        findings = apply_suppressions(document, findings, rules, unused_rule)
        result.findings = sorted(
            (_with_severity(f, config) for f in findings), key=Finding.sort_key
        )
        return result

    def lint_text(self, text: str, display: str, config_path: Path | None = None) -> FileResult:
        """Lint a text (e.g. stdin or an editor buffer), configured as if it lived at a path."""
        where = config_path or Path(display)
        config = self.config_for(where)
        try:
            source = decode(text.encode("utf-8", "surrogatepass"), display)
        except UnreadableFileError as exc:
            return self._unreadable(display, config, str(exc))
        return self.lint_source(source, config, where)

    def lint_bytes(self, data: bytes, display: str, config_path: Path | None = None) -> FileResult:
        where = config_path or Path(display)
        config = self.config_for(where)
        try:
            source = decode(data, display)
        except UnreadableFileError as exc:
            return self._unreadable(display, config, str(exc))
        return self.lint_source(source, config, where)

    def _unreadable(self, display: str, config: Config, detail: str) -> FileResult:
        finding = self._meta(UNREADABLE, config, display, detail)
        return FileResult(display, [finding] if finding else [], fail_on=config.fail_on)

    def lint_file(self, path: Path, display: str | None = None) -> FileResult:
        return self.lint_files([(path, display if display is not None else str(path))])[0]

    def _read(self, path: Path, shown: str, config: Config) -> bytes | FileResult:
        """A file's bytes, or the PRD901 result saying why it cannot be read."""
        try:
            size = path.stat().st_size
            if size > config.max_file_size:
                raise UnreadableFileError(
                    f"{shown}: skipped, {size} bytes is over max-file-size ({config.max_file_size})"
                )
            return read_bytes(path, shown)
        except UnreadableFileError as exc:
            return self._unreadable(shown, config, str(exc))
        except OSError as exc:
            return self._unreadable(shown, config, f"{shown}: cannot read ({exc.strerror or exc})")

    def _cache_key(self, data: bytes, shown: str, config: Config, path: Path) -> str | None:
        if self.cache is None:
            return None
        rules = enabled_rules(self.book, config, path)
        memo = (config.nlp_model, tuple(r.code for r in rules))
        if memo not in self._key_parts:
            found = versions(config.nlp_model)
            self._key_parts[memo] = (_rules_digest(rules), f"{found['spacy']}|{found['model']}")
        return self.cache.key(data, (shown, config.fingerprint(), *self._key_parts[memo]))

    def lint_files(self, files: Sequence[tuple[Path, str]]) -> list[FileResult]:
        """Lint ``(path, display)`` pairs, in order. The one place the cache is consulted:
        a hit costs a read and a hash; the misses are linted (over ``jobs`` processes when
        there are several) and stored."""
        results: list[FileResult | None] = []
        todo: list[tuple[int, bytes, str, Path, str | None]] = []
        for path, shown in files:
            config = self.config_for(path)
            data = self._read(path, shown, config)
            if isinstance(data, FileResult):
                results.append(data)
                continue
            key = self._cache_key(data, shown, config, path)
            cached = self.cache.load(key) if self.cache is not None and key else None
            if cached is not None:
                results.append(FileResult(shown, cached[1], cached[0], config.fail_on))
                continue
            todo.append((len(results), data, shown, path, key))
            results.append(None)
        fresh = lint_many(self, [(data, shown, path) for _, data, shown, path, _ in todo])
        for (index, *_, key), result in zip(todo, fresh, strict=True):
            results[index] = result
            if self.cache is not None and key:
                self.cache.store(key, result.skipped, result.findings)
        return [r for r in results if r is not None]

    def files(self, paths: Iterable[str]) -> list[tuple[Path, str]]:
        """The files a run over ``paths`` checks (explicit files, and Markdown in folders)."""
        return list(discover(list(paths), lambda p: self.config_for(p).is_excluded(p)))

    def lint_paths(self, paths: Iterable[str]) -> Report:
        """Lint files and folders; a folder without Markdown is a notice, not an error."""
        report = Report()
        given = list(paths)
        report.results = self.lint_files(self.files(given))
        if not report.results:
            report.notices.append(f"no Markdown files found in {', '.join(given)}")
        if self.cache is not None:
            report.notices.extend(self.cache.warnings)
        return report


def _with_severity(finding: Finding, config: Config) -> Finding:
    override = config.severity.get(finding.code)
    return finding if override is None else finding._replace(severity=override)


def _rules_digest(rules: Iterable[Rule]) -> str:
    """A hash of the enabled rules' full definitions (codes, lexicons, messages, severities)."""
    return hashlib.sha256(repr([repr(rule) for rule in rules]).encode()).hexdigest()
