"""The check report for a terminal, with rich. Every user string goes in as a Text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.text import Text

from ..findings import FileResult, Severity
from .grouping import by_body, group_title, summary_line

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def render(results: Sequence[FileResult], console: Console) -> None:
    parts: list[Text] = []
    for result in results:
        if not result.ok:
            continue
        header = Text(result.path, style="bold")
        if result.system:
            header.append(f"  {result.system}", style="dim")
        parts.append(header)
        if not result.findings:
            parts.append(Text("  no findings", style="green"))
        for body, findings in by_body(result):
            parts.append(Text(f"  {group_title(result, body)}", style="bold underline"))
            for f in findings:
                line = Text("    ")
                line.append(f"{f.severity.label:<7}", style=SEVERITY_STYLE[f.severity])
                line.append(f" {f.code} ", style="bold")
                line.append(f.name, style="dim")
                line.append(f"  {result.path}:{f.line}:{f.column}", style="dim")
                parts.append(line)
                parts.append(Text(f"      {f.message}"))
                if f.hint:
                    parts.append(Text(f"      hint: {f.hint}", style="green"))
        if result.notes:
            parts.append(Text("  notes", style="bold"))
            parts.extend(Text(f"    • {note}", style="dim") for note in result.notes)
        parts.append(Text(""))
    parts.append(Text(summary_line(results), style="bold"))
    console.print(Group(*parts), soft_wrap=False)
