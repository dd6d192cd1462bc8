"""Where output goes and how it looks: terminal detection, colour policy, error printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from icp_cli.load.errors import InputError, UsageError
from icp_cli.safe_text import terminal

if TYPE_CHECKING:
    from rich.console import Console


def stdout_is_terminal() -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def no_color() -> bool:
    """NO_COLOR (https://no-color.org), set to anything but empty."""
    return bool(os.environ.get("NO_COLOR"))


def rich_console(stderr: bool = False) -> Console:
    from rich.console import Console

    plain = no_color()
    return Console(
        stderr=stderr,
        no_color=plain,
        # rich's no_color drops colours but keeps bold, dim and underline; with no colour
        # system at all it writes no escape codes, so NO_COLOR removes every style.
        color_system=None if plain else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def print_error(where: str, message: str, hint: str | None = None) -> None:
    """The one error printer: `WHERE: message` and an indented `hint:` line on stderr,
    both made safe for the terminal. WHERE is `PATH:LINE:COLUMN`, `PATH` or `icp: error`."""
    sys.stderr.write(f"{terminal(where)}: {terminal(message)}\n")
    if hint:
        sys.stderr.write(f"  hint: {terminal(hint)}\n")


def print_input_errors(errors: Iterable[InputError], *, spreadsheet: bool = False) -> None:
    """`PATH:LINE:COLUMN: message` per error. With `spreadsheet`, errors are numbered as the
    spreadsheet shows them: `FILE:ROW: message` (`FILE:ROW:COLUMN:` for a cell; the header
    is row 1, column A is 1)."""
    for error in errors:
        where = _cell(error) if spreadsheet else error.location()
        print_error(where, error.message, error.hint)


def _cell(error: InputError) -> str:
    where = error.path if error.line is None else f"{error.path}:{error.line}"
    if error.line is not None and error.column is not None:
        where += f":{error.column}"  # a cell
    return where


def print_usage_error(error: UsageError) -> None:
    print_error("icp: error", error.message, error.hint)


def harden_library_diagnostics() -> None:
    """typer's bundled click shows an unknown option or a bad value with C0 and C1 controls
    escaped, but line separators, bidirectional overrides and `::` as they are: give it
    ours, so that a command-line argument is shown as every other user text is."""
    import importlib

    for name in ("typer._click.core", "typer._click.exceptions", "typer._click.types"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # another typer: its own escaping stays
            continue
        if hasattr(module, "_escape_control_characters"):
            module._escape_control_characters = terminal  # type: ignore[attr-defined]


def write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
