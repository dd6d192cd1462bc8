"""The per-file summary table that ends a check of more than one file: file, system,
counts (the renderers import this module only then).

One row per file in the order checked; a file that could not be read says so instead of
counts. Plain text and Markdown are built here; the rich table imports rich only when
asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from icp_cli.check.findings import FileResult
from icp_cli.immutable import frozen
from icp_cli.safe_text import terminal

if TYPE_CHECKING:
    from rich.table import Table

HEADINGS = ("file", "system", "errors", "warnings", "infos")
UNREADABLE = "could not be read"
_COUNTS = ("error", "warning", "info")


@frozen
class Row:
    path: str
    system: str | None
    counts: tuple[int, int, int] | None  # errors, warnings, infos; None: not read

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        if self.counts is None:
            return (self.path, UNREADABLE, "-", "-", "-")
        errors, warnings, infos = (str(n) for n in self.counts)
        return (self.path, self.system or "", errors, warnings, infos)


def rows(results: Sequence[FileResult]) -> list[Row]:
    out = []
    for result in results:
        if not result.ok:
            out.append(Row(result.path, None, None))
            continue
        summary = result.summary()
        counts = (summary["error"], summary["warning"], summary["info"])
        out.append(Row(result.path, result.system, counts))
    return out


def plain(results: Sequence[FileResult]) -> list[str]:
    """The table as lines of text: names left-aligned, counts right-aligned."""
    table = [HEADINGS, *(tuple(map(terminal, row.cells)) for row in rows(results))]
    widths = [max(len(cells[i]) for cells in table) for i in range(len(HEADINGS))]
    lines = ["files:"]
    for cells in table:
        text = "  ".join(
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        )
        lines.append(f"  {text}")
    return lines


def markdown(results: Sequence[FileResult]) -> list[str]:
    from icp_cli.render.check.markdown import escape

    lines = [
        "## Files",
        "",
        "| File | System | Errors | Warnings | Infos |",
        "|---|---|---:|---:|---:|",
    ]
    for row in rows(results):
        path, system, errors, warnings, infos = row.cells
        system = f"*{UNREADABLE}*" if row.counts is None else escape(system)
        lines.append(f"| {escape(path)} | {system} | {errors} | {warnings} | {infos} |")
    return [*lines, ""]


def styled(results: Sequence[FileResult]) -> Table:
    """The table for a terminal; user text goes in as Text, never as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    table.add_column("file", overflow="fold")
    table.add_column("system", overflow="fold")
    for heading in HEADINGS[2:]:
        table.add_column(heading, justify="right")
    styles = ("bold red", "yellow", "cyan")
    for row in rows(results):
        if row.counts is None:
            table.add_row(
                Text(terminal(row.path)),
                Text(UNREADABLE, style="red"),
                *(Text("-") for _ in range(3)),
            )
            continue
        counts = [
            Text(str(n), style=style if n else "dim")
            for n, style in zip(row.counts, styles, strict=True)
        ]
        table.add_row(Text(terminal(row.path)), Text(terminal(row.system or "")), *counts)
    return table
