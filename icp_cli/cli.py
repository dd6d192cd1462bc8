"""The command line. Commands parse options, call the library, pick a renderer, set the exit
code: nothing else happens here."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .console import print_input_errors, print_usage_error, stdout_is_terminal, write_stdout
from .errors import InputError, UsageError

app = typer.Typer(
    name="icp",
    help="Check, compare and document the membership of an Integrated Care System.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,  # never print local variables: files name real people
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _version(value: bool) -> None:
    if value:
        write_stdout(f"icp {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show the traceback.")
    ] = False,
) -> None:
    """icp: membership design assistant for Integrated Care Systems."""


FilesArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Membership files or folders (default: ./membership.yaml).", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]


@app.command()
def check(
    files: FilesArg = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    select: Annotated[
        str | None, typer.Option(help="Only these codes or prefixes, comma-separated.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Skip these codes or prefixes, comma-separated.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = FailOn.error,
    policy: Annotated[
        list[str] | None,
        typer.Option("--policy", help="A threshold KEY=VALUE, e.g. max_members.icp=30."),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Run every rule on membership files and report the findings."""
    from .commands import check as command

    raise typer.Exit(
        _guard(
            lambda: command.run(
                files or [Path("membership.yaml")],
                fmt=format.value,
                select=select,
                ignore=ignore,
                fail_on=fail_on.value,
                policy=policy or [],
                output=output,
                force=force,
            )
        )
    )


@app.command("rules")
def rules_command(
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the rule catalogue: code, name, default severity, one line each."""
    from .commands import catalogue

    raise typer.Exit(_guard(lambda: catalogue.rules(format.value, output, force)))


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. S101, or a rule name.")],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Explain one rule: what it checks, why, its source in the guidance, how to fix."""
    from .commands import catalogue

    raise typer.Exit(_guard(lambda: catalogue.explain(code, format.value, output, force)))


@app.command()
def samples(
    name: Annotated[
        str | None, typer.Argument(help="A sample's name: print its full path.")
    ] = None,
) -> None:
    """List the bundled sample systems, or print one sample's path (for `icp check`)."""
    from .commands import catalogue

    raise typer.Exit(_guard(lambda: catalogue.samples(name)))


def _guard(action: object) -> int:
    """Turn the library's usage and input errors into messages and exit code 2."""
    try:
        return action()  # type: ignore[operator,no-any-return]
    except UsageError as exc:
        print_usage_error(exc)
        return EXIT_ERROR


def main() -> None:
    """Console entry point: never a traceback unless --debug is given."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("icp: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: report, do not dump
        if debug:
            import traceback

            traceback.print_exception(exc)  # frames only: no local variables
        else:
            sys.stderr.write(
                f"icp: internal error ({type(exc).__name__}). This is a bug in icp, not in "
                "your file.\n  Run the same command with --debug for details.\n"
            )
        sys.exit(EXIT_ERROR)


__all__ = ["InputError", "app", "main", "print_input_errors", "stdout_is_terminal"]
