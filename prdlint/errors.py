"""Exception types. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class PrdlintError(Exception):
    """Base class for every error prdlint reports to a user as one line."""


class ConfigError(PrdlintError):
    """A configuration file or option is invalid (exit 2)."""


class UsageError(PrdlintError):
    """The command line asks for something impossible, e.g. a missing path (exit 2)."""


class RuleDefinitionError(PrdlintError):
    """A rule file in a rule pack is invalid (exit 2)."""


class ModelUnavailableError(PrdlintError):
    """No spaCy English pipeline could be loaded (exit 2)."""


class UnreadableFileError(PrdlintError):
    """A checked file cannot be read or decoded; reported as a PRD901 finding."""
