"""``prdlint``: parses the command line and dispatches; maps errors to exit codes 0/1/2."""

from __future__ import annotations

import importlib
import sys
import traceback

import click

from prdlint.errors import PrdlintError

EXIT_USAGE = 2
# Each command lives in its own module, exposing ``command``; it is imported only when that
# command runs (or ``--help`` lists it), so ``prdlint`` pays for nothing else.
COMMANDS: dict[str, str | click.Command] = {
    "check": "prdlint.cli.check",
    "rules": "prdlint.cli.rules",
    "explain": "prdlint.cli.explain",
    "clean": "prdlint.cli.clean",
    "baseline": "prdlint.cli.baseline",
    "server": "prdlint.cli.server",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            entry = COMMANDS[cmd_name]
            command = importlib.import_module(entry).command if isinstance(entry, str) else entry
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from prdlint.nlp import version_line

    click.echo(version_line())
    ctx.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show prdlint's, spaCy's and the model's versions.",
)
@click.option("--verbose", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """prdlint: a linter for product requirements documents (PRDs) in Markdown.

    It asks who a PRD is for, whose problem it solves, and what evidence says the problem is
    real. Exit codes: 0 no failing findings, 1 findings, 2 usage, config or internal error.
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every error into one line and exit code 2."""
    verbose = "--verbose" in (argv if argv is not None else sys.argv[1:])
    try:
        code = cli.main(args=argv, prog_name="prdlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("prdlint: interrupted", err=True)
        sys.exit(130)
    except PrdlintError as exc:
        click.echo(f"prdlint: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("prdlint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # the one place an unexpected error becomes a single line
        if verbose:
            traceback.print_exc()
        click.echo(
            f"prdlint: internal error: {type(exc).__name__}: {exc} "
            "(rerun with --verbose for the traceback)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
