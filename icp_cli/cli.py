"""The command line. Commands parse options, call the library, pick a renderer, set the exit
code: nothing else happens here.

No `from __future__ import annotations` here: typer reads every command's annotations when
the command line is built, and string annotations would each be evaluated on every run.
"""

import copy
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from icp_cli import __version__, completion
from icp_cli.console import (
    harden_library_diagnostics,
    print_input_errors,
    print_usage_error,
    stdout_is_terminal,
    write_stdout,
)
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError, UsageError

harden_library_diagnostics()

app = typer.Typer(
    name="icp",
    help="Check, compare and document the membership of an Integrated Care System.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,  # never print local variables: files name real people
    context_settings={"help_option_names": ["-h", "--help"]},
)



class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class CheckOutputFormat(StrEnum):
    """`check` alone also writes SARIF and GitHub annotations: they carry findings."""

    text = "text"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"
    github = "github"


class ExportFormat(StrEnum):
    csv = "csv"
    popolo = "popolo"
    xlsx = "xlsx"


class OverlapFormat(StrEnum):
    """`overlap` also writes a workbook (with -o)."""

    text = "text"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


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


def _path_argument(value: str) -> Path:
    # Path("") is Path("."): without this, `icp check ""` would check the current folder.
    if value == "":
        raise typer.BadParameter("an empty path names no file or folder")
    return Path(value)


FilesArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Membership files or folders (default: ./membership.yaml; -: standard input).",
        show_default=False,
        parser=_path_argument,
    ),
]
# The one membership file most commands read ("-": standard input, where the command
# reads a stream).
DEFAULT_FILE = Path("membership.yaml")
FileArg = Annotated[
    Path,
    typer.Argument(
        help="A membership file (default: ./membership.yaml; -: standard input).",
        show_default=False,
    ),
]
OneFileArg = Annotated[
    Path,
    typer.Argument(help="A membership file (default: ./membership.yaml).", show_default=False),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
RegimeOpt = Annotated[
    str | None,
    typer.Option(
        "--regime",
        metavar="NAME",
        help="The law to check against: act-2022 (in force, the default) or "
        "health-bill-2026 (proposed). Default: the file's policy.regime, else the "
        "project's regime, else act-2022.",
        autocompletion=completion.regime_names,
        show_default=False,
    ),
]
FormatOpt = Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")]


def _limit(name: str, metavar: str, help: str) -> typer.models.OptionInfo:
    """One of the options that bound a run, shown together under "Limits" in the help."""
    return typer.Option(
        name, metavar=metavar, help=help, show_default=False, rich_help_panel="Limits"
    )


TimeoutOpt = Annotated[
    str | None,
    _limit(
        "--timeout",
        "SECONDS",
        "Stop the command after this many seconds; 0 for no limit (default 60, or "
        "ICP_TIMEOUT).",
    ),
]


@app.command()
def check(
    files: FilesArg = None,
    format: Annotated[
        CheckOutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckOutputFormat.text,
    select: Annotated[
        str | None,
        typer.Option(
            help="Only these codes or prefixes, comma-separated.",
            autocompletion=completion.code_list,
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(
            help="Skip these codes or prefixes, comma-separated.",
            autocompletion=completion.code_list,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity that makes the exit code 1; never: exit 0 whatever is "
            "found (default: error, or the project's fail-on).",
            show_default=False,
        ),
    ] = None,
    policy: Annotated[
        list[str] | None,
        typer.Option("--policy", help="A threshold KEY=VALUE, e.g. max_members.icp=30."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            # No square brackets: rich would read them as markup, a pipe would show an escape.
            help="A TOML file of project settings (default: the nearest icp.toml, "
            ".icp.toml or pyproject.toml with a tool.icp table, from the first file's "
            "folder up to the repository's root).",
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore every configuration file.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Findings only: no notes or summary.")
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="One line per code (name, severity, count), most frequent first, in place "
            "of the findings.",
        ),
    ] = False,
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed", help="Also list the findings that icp: ignore comments silence."
        ),
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The date terms of office are compared with (G706, G707); default today.",
            show_default=False,
        ),
    ] = None,
    regime: RegimeOpt = None,
    max_bytes: Annotated[
        str | None,
        _limit(
            "--max-bytes",
            "SIZE",
            "Refuse a file larger than this, e.g. 50M (default 20M, or ICP_MAX_BYTES).",
        ),
    ] = None,
    max_depth: Annotated[
        str | None,
        _limit(
            "--max-depth",
            "LEVELS",
            "Refuse YAML nested deeper than this many levels (default 64, or "
            "ICP_MAX_DEPTH).",
        ),
    ] = None,
    timeout: Annotated[
        str | None,
        _limit(
            "--timeout",
            "SECONDS",
            "Stop reading and checking one file after this many seconds; 0 for no "
            "limit (default 60, or ICP_TIMEOUT).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Check files in N processes at once (Linux); 0 or unset: one per core when "
            "there is enough to check, else 1.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run every rule on membership files and report the findings."""
    from icp_cli.commands import check as command

    _exit(
        command.run,
        files or [Path("membership.yaml")],
        fmt=format.value,
        select=select,
        ignore=ignore,
        fail_on=fail_on.value if fail_on else None,
        policy=policy or [],
        output=output,
        force=force,
        config=config,
        limits=(max_bytes, max_depth, timeout),
        view=command.ReportView(quiet, statistics, show_suppressed),
        no_config=no_config,
        as_of=as_of,
        regime=regime,
        jobs=jobs,
    )


class OverlapBy(StrEnum):
    person = "person"
    organisation = "organisation"
    sector = "sector"


@app.command()
def overlap(
    file: FileArg = DEFAULT_FILE,
    bodies: Annotated[
        str | None,
        typer.Option(
            "--bodies",
            help="Body ids, comma-separated: two (e.g. icb,icp) side by side; three or more: "
            "the matrix of those bodies only.",
            autocompletion=completion.body_ids,
        ),
    ] = None,
    by: Annotated[
        OverlapBy, typer.Option("--by", help="Rows: people, organisations or sector groups.")
    ] = OverlapBy.person,
    only_shared: Annotated[
        bool, typer.Option("--only-shared", help="Only rows on two or more bodies.")
    ] = False,
    format: Annotated[
        OverlapFormat,
        typer.Option("--format", "-f", help="Output format (xlsx: a workbook, needs -o)."),
    ] = OverlapFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=40,
            max=1000,
            help="Line width of the text layout (default: the terminal's; 80 when piped).",
        ),
    ] = None,
    regime: RegimeOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Show who sits on which body, side by side, and how much each pair of bodies shares."""
    from icp_cli.commands import overlap as command

    _exit(
        command.run,
        file,
        bodies=bodies,
        by=by.value,
        only_shared=only_shared,
        fmt=format.value,
        output=output,
        force=force,
        width=width,
        regime=regime,
        timeout=timeout,
    )


@app.command("terms-of-reference")
def terms_of_reference(
    file: FileArg = DEFAULT_FILE,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            help="The body's id. Default: the body whose id is 'icp', else the file's only "
            "ICP.",
            autocompletion=completion.body_ids,
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="[text|json|markdown|html|docx]",
            autocompletion=lambda: ["text", "json", "markdown", "html", "docx"],
            help="text (the Markdown document), json, markdown, html or docx (docx needs -o). "
            "Default: from the --output file's suffix, else markdown.",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Your own Jinja template, rendered in a sandbox."),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help="A Word document whose styles the .docx takes (your house style).",
        ),
    ] = None,
    by_post: Annotated[
        bool,
        typer.Option("--by-post", help="List the membership by post (role and organisation), "
                     "without names."),
    ] = False,
    regime: RegimeOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Draft a body's terms of reference from its membership, with gaps marked TO BE AGREED."""
    from icp_cli.commands import tor as command

    _exit(
        command.run,
        file,
        body=body,
        fmt=format,
        template=template,
        output=output,
        force=force,
        reference_docx=reference_docx,
        by_post=by_post,
        regime=regime,
        timeout=timeout,
    )


@app.command("rules")
def rules_command(
    format: FormatOpt = CheckFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    regime: RegimeOpt = None,
) -> None:
    """List the rule catalogue: code, name, severity (under --regime), one line each."""
    from icp_cli.commands import catalogue

    _exit(catalogue.rules, format.value, output, force, regime)


@app.command()
def explain(
    code: Annotated[
        str,
        typer.Argument(
            help="A rule code, e.g. S101, or a rule name.", autocompletion=completion.rule_codes
        ),
    ],
    format: FormatOpt = CheckFormat.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    regime: RegimeOpt = None,
) -> None:
    """Explain one rule: what it checks, why, its source in the guidance, how to fix."""
    from icp_cli.commands import catalogue

    _exit(catalogue.explain, code, format.value, output, force, regime)


@app.command()
def samples(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A sample's name: print its full path.", autocompletion=completion.sample_names
        ),
    ] = None,
) -> None:
    """List the bundled sample systems, or print one sample's path (for `icp check`)."""
    from icp_cli.commands import catalogue

    _exit(catalogue.samples, name)


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(
            help="The file to write (a folder: membership.yaml in it; -: stdout).",
        ),
    ] = Path("membership.yaml"),
    system: Annotated[
        str | None, typer.Option("--system", help="The ICS's name (asked on a terminal).")
    ] = None,
    council: Annotated[
        list[str] | None,
        typer.Option(
            "--council",
            help="A council with social-care duties; repeat for each (asked on a terminal).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a commented starter membership file, ready to fill in and check."""
    from icp_cli.commands import init as command

    _exit(command.run, path, system, council or [], force)


@app.command()
def schema(output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Print the JSON Schema of the membership format, for editors and CI."""
    from icp_cli.commands import schema as command

    _exit(command.run, output, force)


@app.command("import")
def import_command(
    file: Annotated[
        Path, typer.Argument(help="A .csv or .xlsx file with one row per seat.")
    ],
    output: OutputOpt = None,
    force: ForceOpt = False,
    system: Annotated[
        str | None,
        typer.Option("--system", help="The ICS's name (wins over a System sheet)."),
    ] = None,
    council: Annotated[
        list[str] | None,
        typer.Option(
            "--council",
            help="A council with social-care duties; repeat for each (wins over a System "
            "sheet).",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The workbook's sheet of seats (default: the first not named System).",
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help='Which header is which column, e.g. "Board=body,Organisation '
            'Represented=organisation" (before the usual spellings).',
        ),
    ] = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Turn a spreadsheet of seats (CSV or Excel) into a membership file."""
    from icp_cli.commands import importing as command

    _exit(
        command.run,
        file,
        output=output,
        force=force,
        system=system,
        councils=council or [],
        sheet=sheet,
        columns=columns,
        timeout=timeout,
    )


@app.command()
def export(
    file: FileArg = DEFAULT_FILE,
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv: one row per seat, as import reads; popolo: Popolo JSON; xlsx: every "
            "field on named sheets (needs -o). Default: from the --output file's suffix.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Export the membership as a seat table (CSV) or as Popolo JSON."""
    from icp_cli.commands import export as command

    _exit(
        command.run,
        file,
        fmt=format.value if format else None,
        output=output,
        force=force,
        timeout=timeout,
    )


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier draft.")],
    new: Annotated[
        Path | None,
        typer.Argument(help="The later draft (default: OLD again, to compare regimes).",
                       show_default=False),
    ] = None,
    format: FormatOpt = CheckFormat.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity of a new (or newly more severe) finding that makes the "
            "exit code 1 (default: error); never: exit 0.",
            show_default=False,
        ),
    ] = None,
    regime: RegimeOpt = None,
    new_regime: Annotated[
        str | None,
        typer.Option(
            "--new-regime",
            metavar="NAME",
            help="The regime for NEW (default: as --regime).",
            autocompletion=completion.regime_names,
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """What changed between two drafts: seats, people, sizes, shares and findings."""
    from icp_cli.commands import diff as command

    _exit(
        command.run,
        old,
        new,
        fmt=format.value,
        fail_on=fail_on.value if fail_on else None,
        regime=regime,
        new_regime=new_regime,
        output=output,
        force=force,
    )


class SlimFormat(StrEnum):
    text = "text"
    json = "json"


class SlimAs(StrEnum):
    participant = "participant"


@app.command()
def slim(
    file: OneFileArg = DEFAULT_FILE,
    body: Annotated[
        str,
        typer.Option("--body", help="The body's id.", autocompletion=completion.body_ids),
    ] = ...,  # type: ignore[assignment]
    to: Annotated[int, typer.Option("--to", min=0, help="The member seats wanted.")] = ...,  # type: ignore[assignment]
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help="An existing engagement route (by name) for the moved seats (default: a "
            "new route, '<body name> wider partners').",
        ),
    ] = None,
    as_: Annotated[
        SlimAs | None,
        typer.Option("--as", help="participant: keep moved seats as participant seats."),
    ] = None,
    format: Annotated[
        SlimFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SlimFormat.text,
    write: Annotated[
        bool, typer.Option("--write", help="Apply the plan to FILE in place.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the edited file here instead."),
    ] = None,
    force: ForceOpt = False,
    regime: RegimeOpt = None,
) -> None:
    """Plan the moves that bring a body down to N members without losing a statutory seat,
    a chair or a voice; --write applies them."""
    from icp_cli.commands import slim as command

    _exit(
        command.run,
        file,
        body_id=body,
        to=to,
        into=into,
        as_participant=as_ is not None,
        fmt=format.value,
        write=write,
        output=output,
        force=force,
        regime=regime,
    )


@app.command()
def report(
    file: FileArg = DEFAULT_FILE,
    output: OutputOpt = None,
    force: ForceOpt = False,
    regime: RegimeOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="The date terms are compared with."),
    ] = None,
) -> None:
    """Write one self-contained HTML page for a board paper: findings, views and charts."""
    from icp_cli.commands import report as command

    _exit(command.run, file, output=output, force=force, regime=regime, as_of=as_of)


def _exit(run: Callable[..., int], *args: object, **options: object) -> NoReturn:
    """Run a command and exit with its code, turning the library's usage errors (and the
    disk's) into messages and exit code 2."""
    try:
        code = run(*args, **options)
    except UsageError as exc:
        print_usage_error(exc)
        code = ExitCode.ERROR
    except OSError as exc:
        # The disk, not icp: a full disk or a read-only folder while writing --output.
        where = f"{exc.filename}: " if exc.filename else ""
        print_usage_error(UsageError(f"{where}{exc.strerror or exc}"))
        code = ExitCode.ERROR
    raise typer.Exit(code)


def _app_for(args: list[str]) -> typer.Typer:
    """The app as this run needs it: holding only the command being run, where the
    arguments name one (and no command at all for a bare `icp --version`), and with plain
    help when stdout is not a terminal.

    typer builds every command's options from its signature on each run: with ten
    commands that costs more than checking a small file. The command's usage lines, help
    and errors are the same either way; `icp --help`, a mistyped command and shell
    completion get the whole app.
    """
    only = copy.copy(app)
    if not stdout_is_terminal():
        # Help and usage errors as plain text in a pipe or a log, without importing rich.
        only.rich_markup_mode = None
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return only
    if "--version" in args and set(args) <= {"--version", "--debug"}:
        only.registered_commands = []  # the version is printed while parsing
        return only
    # The group's own options are flags, so the first other word is the command.
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = _named(name) if name is not None else []
    if chosen:
        only.registered_commands = chosen
    return only


def _named(name: str) -> list[typer.models.CommandInfo]:
    from typer.main import get_command_name

    return [
        c
        for c in app.registered_commands
        if c.callback is not None and (c.name or get_command_name(c.callback.__name__)) == name
    ]


def _before_exit() -> None:
    """Spare the interpreter its final sweep for reference cycles.

    At exit Python scans every object still alive (every imported module's functions and
    classes) for cycles to free, a tenth of a small check's time, and the operating system
    frees the memory anyway. Freezing moves them out of the collector's sight; files are
    still flushed and closed and exit handlers still run.
    """
    import gc

    gc.freeze()


def main() -> None:
    """Console entry point: never a traceback unless --debug is given."""
    debug = "--debug" in sys.argv[1:]
    try:
        _app_for(sys.argv[1:])()
    except SystemExit:
        _before_exit()
        raise
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
        sys.exit(ExitCode.ERROR)


__all__ = ["InputError", "app", "main", "print_input_errors", "stdout_is_terminal"]
