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


def print_input_errors(errors: Iterable[InputError]) -> None:
    for error in errors:
        sys.stderr.write(f"{terminal(error.location())}: {terminal(error.message)}\n")
        if error.hint:
            sys.stderr.write(f"  hint: {terminal(error.hint)}\n")


def print_usage_error(error: UsageError) -> None:
    sys.stderr.write(f"icp: error: {terminal(error.message)}\n")
    if error.hint:
        sys.stderr.write(f"  hint: {terminal(error.hint)}\n")


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
