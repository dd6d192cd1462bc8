"""A progress bar for long runs over many files: on stderr, on a terminal only, and gone
when the run ends (transient), so it never mixes with the report or a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path


def wanted(count: int) -> bool:
    """More than one file, and a person watching stderr (not a pipe, a file or CI)."""
    if count < 2 or os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr
    return stream is not None and stream.isatty()


def track(paths: Sequence[Path], label: str = "checking") -> Iterator[Path]:
    """Yield each path while a bar shows how far through the run is and which file is
    being read. Call only when `wanted`: this imports rich."""
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
            yield path
            progress.advance(task)
