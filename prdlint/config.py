"""Configuration: ``[tool.prdlint]`` in pyproject.toml or ``.prdlint.yaml``, found upward.

Config is untrusted data: YAML is loaded with the safe loader, keys are checked against a
declared schema, and nothing in it is imported or executed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from prdlint.errors import ConfigError
from prdlint.findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = (".prdlint.yaml", ".prdlint.yml", "pyproject.toml")
DEFAULT_EXCLUDE = ("node_modules", ".git", ".venv", "venv", ".prdlint_cache", "site-packages")

# key -> (type, description of what is allowed)
SCHEMA: dict[str, tuple[type | tuple[type, ...], str]] = {
    "select": (list, "a list of rule codes or prefixes, e.g. [PRD1, PRD301]"),
    "ignore": (list, "a list of rule codes or prefixes"),
    "extend-select": (list, "a list of rule codes or prefixes"),
    "severity": (dict, "a mapping of rule code to info, warning or error"),
    "per-file-ignores": (dict, "a mapping of glob to a list of codes or prefixes"),
    "exclude": (list, "a list of globs"),
    "personas": (list, "a list of persona names, e.g. [claims adjuster, team lead]"),
    "nlp": (dict, "a mapping with the key 'model' (an installed spaCy pipeline package)"),
    "fail-on": (str, "one of info, warning, error"),
    "preview": (bool, "true or false"),
    "max-file-size": (int, "a size in bytes"),
    "persona-max-age": (int, "a number of months"),
}
NLP_KEYS = {"model": str}


@dataclass(frozen=True)
class Config:
    """The effective configuration for one file."""

    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ("PRD",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()
    nlp_model: str | None = None
    fail_on: Severity = Severity.WARNING
    preview: bool = False
    max_file_size: int = 5 * 1024 * 1024
    persona_max_age: int = 12

    def fingerprint(self) -> str:
        """A stable text that changes whenever an option that affects findings changes."""
        parts = [
            self.select,
            self.ignore,
            self.extend_select,
            sorted(self.severity.items()),
            sorted(self.per_file_ignores.items()),
            self.personas,
            self.nlp_model,
            self.preview,
            self.max_file_size,
            self.persona_max_age,
        ]
        return repr(parts)

    def with_overrides(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        preview: bool | None = None,
    ) -> Config:
        """Command-line options on top of the file's configuration."""
        return replace(
            self,
            select=tuple(select) if select is not None else self.select,
            ignore=self.ignore + tuple(ignore),
            extend_select=self.extend_select + tuple(extend_select),
            preview=self.preview if preview is None else preview,
        )

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        relative = _relative(path, self.root)
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if glob_match(pattern, relative):
                codes.extend(ignored)
        return tuple(codes)

    def is_excluded(self, path: Path) -> bool:
        relative = _relative(path, self.root)
        parts = PurePosixPath(relative).parts
        for pattern in (*DEFAULT_EXCLUDE, *self.exclude):
            if glob_match(pattern, relative) or any(glob_match(pattern, p) for p in parts):
                return True
        return False


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
        index += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Match a path against a glob where ``*`` stays within a folder and ``**`` crosses them."""
    pattern = pattern.rstrip("/")
    regex = _glob_regex(pattern)
    if regex.match(path):
        return True
    return "/" not in pattern and regex.match(PurePosixPath(path).name) is not None


def _check_codes(source: str, key: str, values: list[Any]) -> tuple[str, ...]:
    codes = []
    for value in values:
        if not isinstance(value, str) or not re.fullmatch(r"PRD\d{0,3}", value.strip().upper()):
            raise ConfigError(
                f"{source}: {key}: {value!r} is not a rule code or prefix (e.g. PRD1, PRD101)"
            )
        codes.append(value.strip().upper())
    return tuple(codes)


def parse_config(data: Mapping[str, Any], source: Path | None, root: Path) -> Config:
    """Validate a config mapping against :data:`SCHEMA`."""
    where = str(source) if source else "configuration"
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SCHEMA:
            allowed = ", ".join(SCHEMA)
            raise ConfigError(f"{where}: unknown key {key!r} (allowed: {allowed})")
        expected, allowed_text = SCHEMA[key]
        if (isinstance(value, bool) and expected is int) or not isinstance(value, expected):
            raise ConfigError(
                f"{where}: {key}: expected {allowed_text}, got {type(value).__name__}"
            )
        values[key] = value
    config = Config(source=source, root=root)
    changes: dict[str, Any] = {}
    for key in ("select", "ignore", "extend-select"):
        if key in values:
            changes[key.replace("-", "_")] = _check_codes(where, key, values[key])
    if "severity" in values:
        severities = {}
        for code, level in values["severity"].items():
            _check_codes(where, "severity", [code])
            try:
                severities[str(code).upper()] = Severity.parse(str(level))
            except ValueError as exc:
                raise ConfigError(f"{where}: severity: {code}: {exc}") from None
        changes["severity"] = severities
    if "per-file-ignores" in values:
        per_file = {}
        for pattern, codes in values["per-file-ignores"].items():
            if not isinstance(codes, list):
                raise ConfigError(f"{where}: per-file-ignores: {pattern}: expected a list of codes")
            per_file[str(pattern)] = _check_codes(where, "per-file-ignores", codes)
        changes["per_file_ignores"] = per_file
    for key in ("exclude", "personas"):
        if key in values:
            items = values[key]
            if not all(isinstance(item, str) and item.strip() for item in items):
                raise ConfigError(f"{where}: {key}: expected {SCHEMA[key][1]}")
            changes[key] = tuple(item.strip() for item in items)
    if "nlp" in values:
        for key, value in values["nlp"].items():
            if key not in NLP_KEYS or not isinstance(value, NLP_KEYS[key]):
                raise ConfigError(
                    f"{where}: nlp: unknown key or wrong type {key!r} (allowed: model)"
                )
        model = values["nlp"].get("model")
        if model is not None and not re.fullmatch(r"[A-Za-z0-9_.\-]+", model):
            raise ConfigError(f"{where}: nlp.model: {model!r} is not a package name")
        changes["nlp_model"] = model
    if "fail-on" in values:
        try:
            changes["fail_on"] = Severity.parse(values["fail-on"])
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    for key in ("preview", "max-file-size", "persona-max-age"):
        if key in values:
            if (
                isinstance(values[key], int)
                and not isinstance(values[key], bool)
                and values[key] < 0
            ):
                raise ConfigError(f"{where}: {key}: must not be negative")
            changes[key.replace("-", "_")] = values[key]
    return replace(config, **changes)


def load_config_file(path: Path) -> Config | None:
    """Read one config file; ``None`` for a pyproject.toml without ``[tool.prdlint]``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from None
        section = data.get("tool", {}).get("prdlint")
        if section is None:
            return None
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.prdlint] must be a table")
        return parse_config(section, path, path.parent)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{line}: invalid YAML in config") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: config must be a mapping of keys to values")
    return parse_config(data, path, path.parent)


class ConfigResolver:
    """Finds the config for each file, walking up from its folder; caches per folder."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit: Config | None = None
        if explicit is not None:
            if not explicit.is_file():
                raise ConfigError(f"{explicit}: config file not found")
            self.explicit = load_config_file(explicit) or Config(
                source=explicit, root=explicit.parent
            )
        self._by_dir: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = (path if path.is_dir() else path.parent).resolve()
        return self._for_dir(folder)

    def _for_dir(self, folder: Path) -> Config:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        config: Config | None = None
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                config = load_config_file(candidate)
                if config is not None:
                    break
        if config is None:
            parent = folder.parent
            config = self._for_dir(parent) if parent != folder else Config(root=Path.cwd())
        self._by_dir[folder] = config
        return config
