"""``prdlint check``: lint files, folders or stdin and report findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from prdlint import baseline
from prdlint.cache import DEFAULT_DIR, ResultCache
from prdlint.cli.narrow import narrow
from prdlint.cli.options import codes
from prdlint.engine import Engine, Overrides, Report
from prdlint.errors import UsageError
from prdlint.gitdiff import changes_since
from prdlint.report import REPORTERS, RenderOptions
from prdlint.scope import changed_files


def _use_color(no_color: bool, output_file: str | None) -> bool:
    if no_color or output_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write(text: str, output_file: str | None) -> None:
    if output_file is None:
        click.echo(text, nl=False)
        return
    target = Path(output_file)
    temporary = target.with_name(f".{target.name}.prdlint-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"{output_file}: cannot write output ({exc.strerror or exc})") from None


@click.command(name="check")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Use this config file instead of discovering one.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output-file", "-o", type=str, help="Write the report to this file instead of stdout."
)
@click.option(
    "--select", help="Comma-separated rule codes or prefixes to enable (replaces config select)."
)
@click.option("--ignore", help="Comma-separated rule codes or prefixes to disable.")
@click.option(
    "--extend-select", help="Comma-separated rule codes or prefixes to enable in addition."
)
@click.option("--preview/--no-preview", default=None, help="Enable preview rules.")
@click.option(
    "--stdin-filename", help="The path of the text read from '-' (for config and messages)."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option(
    "--quiet", "-q", is_flag=True, help="Print nothing but the exit code's reason on errors."
)
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option(
    "--diff",
    "diff_ref",
    metavar="REF",
    help="Report only findings on lines changed since the merge-base of REF and HEAD.",
)
@click.option(
    "--baseline",
    "baseline_file",
    metavar="FILE",
    help="Report only findings not recorded in FILE (made by 'prdlint baseline').",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_DIR,
    show_default=True,
    envvar="PRDLINT_CACHE_DIR",
    help="Where the results cache lives.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Files checked in parallel (default: the number of cores; one file uses one).",
)
def command(
    paths: tuple[str, ...],
    config_path: Path | None,
    output_format: str,
    output_file: str | None,
    select: str | None,
    ignore: str | None,
    extend_select: str | None,
    preview: bool | None,
    stdin_filename: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    diff_ref: str | None,
    baseline_file: str | None,
    no_cache: bool,
    cache_dir: Path,
    jobs: int | None,
) -> int:
    """Check PATHS (files or folders; '-' reads stdin) and report findings.

    Exit codes: 0 no findings at or above the fail-on severity, 1 findings, 2 errors.
    """
    overrides = Overrides(
        select=codes(select, "--select"),
        ignore=codes(ignore, "--ignore") or (),
        extend_select=codes(extend_select, "--extend-select") or (),
        preview=preview,
    )
    from prdlint.parallel import default_jobs

    cache = None if no_cache else ResultCache(cache_dir)
    engine = Engine(config_path, overrides, cache=cache, jobs=jobs or default_jobs())
    scope = changes_since(diff_ref) if diff_ref is not None else None
    recorded = baseline.load(Path(baseline_file)) if baseline_file is not None else None
    targets = list(paths) or ["."]
    report = Report()
    files = [t for t in targets if t != "-"]
    if output_file is not None and files:
        checked = {p.resolve() for p, _ in engine.files(files)}
        if Path(output_file).resolve() in checked:
            raise UsageError(f"{output_file}: refusing to overwrite a file being checked")
    if "-" in targets:
        if scope is not None and not stdin_filename:
            raise UsageError("--diff needs --stdin-filename to place the text read from '-'")
        display = stdin_filename or "-"
        data = sys.stdin.buffer.read()
        report.results.append(
            engine.lint_bytes(data, display, Path(display) if stdin_filename else None)
        )
    if files and scope is not None:
        files = changed_files(engine.files(files), scope)
    if files:
        other = engine.lint_paths(files)
        report.results.extend(other.results)
        report.notices.extend(other.notices)
    for notice in report.notices:
        click.echo(f"prdlint: warning: {notice}", err=True)
    for result in report.results:
        if result.skipped and not quiet:
            click.echo(f"prdlint: info: {result.skipped}", err=True)
    known = narrow(report, engine.book, scope, recorded, baseline_file, quiet)
    exit_code = 1 if report.failed and not exit_zero else 0
    options = RenderOptions(
        color=_use_color(no_color, output_file) and output_format == "text",
        statistics=statistics,
        quiet=quiet,
        exit_code=exit_code,
        baseline=known,
    )
    _write(REPORTERS[output_format](report, engine.book, options), output_file)
    return exit_code
