"""A progress bar for long runs over many files: on stderr, on a terminal only, and gone
when the run ends (transient), so it never mixes with the report or a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def wanted(count: int) -> bool:
    """More than one file, and a person watching stderr (not a pipe, a file or CI)."""
    if count < 2 or os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr
    return stream is not None and stream.isatty()


def track(paths: Sequence[Path], label: str = "checking") -> Iterator[Path]:
    """Yield each path while a bar shows how far through the run is and which file is
    being read. Call only when `wanted`: this imports rich."""
    return track_results(iter(paths), paths, label)


def track_results(
    results: Iterator[T], paths: Sequence[Path], label: str = "checking"
) -> Iterator[T]:
    """Yield each of `results` (one per path, in order; checked here or by workers) while
    the bar names the file whose result is awaited. Call only when `wanted`."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from icp_cli.console import rich_console
    from icp_cli.safe_text import terminal

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        # A file name is user text: shown as it is, never read as markup.
        TextColumn("{task.fields[name]}", markup=False),
    )
    with Progress(
        *columns, console=rich_console(stderr=True), transient=True, redirect_stdout=False
    ) as progress:
        task = progress.add_task(label, total=len(paths), name="")
        for path in paths:
            progress.update(task, name=terminal(path.name))
            try:
                result = next(results)  # the file named is being checked meanwhile
            except StopIteration:
                return
            yield result
            progress.advance(task)
