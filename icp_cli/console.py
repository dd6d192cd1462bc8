"""Where output goes and how it looks: terminal detection, colour policy, error printing."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .errors import InputError, UsageError

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
        sys.stderr.write(f"{error.location()}: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"  hint: {error.hint}\n")


def print_usage_error(error: UsageError) -> None:
    sys.stderr.write(f"icp: error: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"  hint: {error.hint}\n")


def write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
