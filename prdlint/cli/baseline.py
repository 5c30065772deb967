"""``prdlint baseline``: record today's findings; ``check --baseline`` then fails on new ones."""

from __future__ import annotations

from pathlib import Path

import click

from prdlint import baseline
from prdlint.cli.options import codes
from prdlint.engine import Engine, Overrides
from prdlint.errors import UsageError


@click.command(name="baseline")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--output-file",
    "-o",
    default=".prdlint-baseline.json",
    show_default=True,
    help="Where to write the baseline.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Only drop entries of the existing baseline that no longer occur; add nothing.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Use this config file instead of discovering one.",
)
@click.option("--select", help="Comma-separated rule codes or prefixes to enable.")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to disable.")
@click.option(
    "--extend-select", help="Comma-separated rule codes or prefixes to enable in addition."
)
@click.option("--preview/--no-preview", default=None, help="Enable preview rules.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def command(
    paths: tuple[str, ...],
    output_file: str,
    prune: bool,
    config_path: Path | None,
    select: str | None,
    ignore: str | None,
    extend_select: str | None,
    preview: bool | None,
    quiet: bool,
) -> int:
    """Record the findings in PATHS (default: the current folder) in a baseline file.

    Check against it with 'prdlint check --baseline FILE': only findings not recorded fail.
    Findings are matched by fingerprint (rule, flagged text, section, file), not by line, so
    edits elsewhere in a document keep them matched. Exit codes: 0 written, 2 errors.
    """
    if "-" in paths:
        raise UsageError("prdlint baseline reads files, not stdin ('-')")
    overrides = Overrides(
        select=codes(select, "--select"),
        ignore=codes(ignore, "--ignore") or (),
        extend_select=codes(extend_select, "--extend-select") or (),
        preview=preview,
    )
    engine = Engine(config_path, overrides)
    report = engine.lint_paths(list(paths) or ["."])
    for notice in report.notices:
        click.echo(f"prdlint: warning: {notice}", err=True)
    target = Path(output_file)
    findings = report.findings
    if prune:
        checked = [r.path for r in report.results if r.skipped is None]
        old = baseline.load(target)
        entries = baseline.prune(old, findings, checked)
        dropped = sum(e.count for e in old) - sum(e.count for e in entries)
        done = f"dropped {dropped} finding(s) that no longer occur from {target}"
    else:
        entries = baseline.entries_for(findings)
        done = f"recorded {len(findings)} finding(s) in {report.files_checked} file(s) in {target}"
    baseline.write(target, entries)
    if not quiet:
        click.echo(f"prdlint: {done}", err=True)
    return 0
