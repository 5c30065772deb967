"""The results cache in ``.prdlint_cache/`` (ruff-style): an unchanged file costs one hash.

One JSON file per checked file and situation, named by a key that covers everything a result
depends on: the file's bytes, its displayed path, the effective configuration
(:meth:`Config.fingerprint`), the enabled rules (each rule's full decoded definition), and the
versions of prdlint (plus the size and mtime of its own source files, for development
installs), spaCy and the English pipeline. Any change gives a new key, so nothing is ever
invalidated in place; ``prdlint clean`` removes the folder.

Writes are atomic (a temporary file in the same folder, then :func:`os.replace`), so runs that
share the folder never see half an entry. An entry that does not parse, has another schema or
names another key is ignored and rewritten. When the folder cannot be created or written
(read-only, disk full), the run goes on without writing to it and says so once in
``warnings``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from prdlint.errors import UsageError
from prdlint.findings import Finding, Severity

DEFAULT_DIR = ".prdlint_cache"
SCHEMA = "prdlint-cache/1"
TAG_NAME = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by prdlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE_TEXT = "# Automatically created by prdlint.\n*\n"
_FIELD_TYPES = (str, int, int, int, int, str, str, int, str, str, str, str)

CachedResult = tuple[str | None, list[Finding]]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """prdlint's version plus the size and mtime of its source and rule files."""
    from prdlint import __version__

    package = Path(__file__).resolve().parent
    parts = [__version__]
    for folder in (package, package.parent / "rules", package / "rulepack"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".yaml"):
                stat = path.stat()
                parts.append(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ResultCache:
    """Findings per file, stored under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries = directory / "v1"
        self.warnings: list[str] = []
        self.writable = True
        self._prepared = False

    def key(self, data: bytes, parts: Sequence[str]) -> str:
        """The key of a file's result: its bytes plus everything else the result depends on."""
        digest = hashlib.sha256(data)
        for part in (code_fingerprint(), *parts):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def load(self, key: str) -> CachedResult | None:
        """The stored result for ``key``; ``None`` when absent, unreadable or not ours."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None
        return _decode(entry, key)

    def store(self, key: str, skipped: str | None, findings: Iterable[Finding]) -> None:
        """Write an entry atomically; on the first failure, warn once and stop writing."""
        if not self.writable:
            return
        entry = {
            "schema": SCHEMA,
            "key": key,
            "skipped": skipped,
            "findings": [[*f[:7], int(f.severity), *f[8:]] for f in findings],
        }
        target = self._path(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, json.dumps(entry, separators=(",", ":")))
        except OSError as exc:
            self.writable = False
            reason = exc.strerror or str(exc)
            self.warnings.append(
                f"cannot write the cache in {self.directory} ({reason}); running without it"
            )

    def _prepare(self) -> None:
        """Create the folder with its CACHEDIR.TAG and .gitignore, once per run."""
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in ((TAG_NAME, TAG_TEXT), (".gitignore", GITIGNORE_TEXT)):
            if not (self.directory / name).is_file():
                _write_atomic(self.directory / name, text)
        self._prepared = True


def _write_atomic(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes 0600; a shared CI cache needs readable entries
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _decode(entry: Any, key: str) -> CachedResult | None:
    if not isinstance(entry, dict) or entry.get("schema") != SCHEMA or entry.get("key") != key:
        return None
    skipped = entry.get("skipped")
    rows = entry.get("findings")
    if not (skipped is None or isinstance(skipped, str)) or not isinstance(rows, list):
        return None
    findings: list[Finding] = []
    for row in rows:
        if not isinstance(row, list) or len(row) != len(_FIELD_TYPES):
            return None
        if not all(
            isinstance(v, t) and not isinstance(v, bool)
            for v, t in zip(row, _FIELD_TYPES, strict=True)
        ):
            return None
        if row[7] not in Severity._value2member_map_:
            return None
        findings.append(Finding._make([*row[:7], Severity(row[7]), *row[8:]]))
    return skipped, findings


def is_cache_dir(directory: Path) -> bool:
    """True when ``directory`` is a prdlint cache (it carries our CACHEDIR.TAG)."""
    try:
        return (directory / TAG_NAME).read_text(encoding="utf-8") == TAG_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def clear(directory: Path) -> bool:
    """Remove a prdlint cache folder; ``False`` when there is none. Refuses other folders."""
    if not directory.exists():
        return False
    if not directory.is_dir() or not is_cache_dir(directory):
        raise UsageError(f"{directory}: not a prdlint cache (no prdlint CACHEDIR.TAG); left alone")
    try:
        shutil.rmtree(directory)
    except OSError as exc:
        raise UsageError(f"{directory}: cannot remove the cache ({exc.strerror or exc})") from None
    return True
