"""The ``prdlint`` console script: ``--version`` answers before click is even imported.

pre-commit, editors and CI call ``prdlint --version`` to probe the tool; it should cost little
more than starting Python. Every other command line goes to :func:`prdlint.cli.main.main`.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``prdlint`` command."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from prdlint.nlp import version_line

        sys.stdout.write(version_line() + "\n")
        sys.exit(0)
    from prdlint.cli.main import main as full

    full(argv)
