"""The check report for a terminal, with rich. Every user string goes in as a Text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from icp_cli.check.findings import FileResult, Severity
from icp_cli.render.check.grouping import by_body, group_title, regime_notices, summary_line
from icp_cli.safe_text import terminal as t

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def render(
    results: Sequence[FileResult], console: Console, *, show_suppressed: bool = False
) -> None:
    parts: list[RenderableType] = [
        Text(notice, style="bold magenta") for notice in regime_notices(results)
    ]
    for result in results:
        if not result.ok:
            continue
        path = t(result.path)
        header = Text(path, style="bold")
        if result.system:
            header.append(f"  {t(result.system)}", style="dim")
        parts.append(header)
        if not result.findings:
            parts.append(Text("  no findings", style="green"))
        for body, findings in by_body(result):
            parts.append(Text(f"  {t(group_title(result, body))}", style="bold underline"))
            for f in findings:
                line = Text("    ")
                line.append(f"{f.severity.label:<7}", style=SEVERITY_STYLE[f.severity])
                line.append(f" {f.code} ", style="bold")
                line.append(f.name, style="dim")
                line.append(f"  {path}:{f.line}:{f.column}", style="dim")
                parts.append(line)
                # Padding keeps wrapped lines under the message, not at column 0.
                parts.append(Padding(Text(t(f.message)), (0, 0, 0, 6)))
                if f.hint:
                    parts.append(Padding(Text(f"hint: {t(f.hint)}", style="green"), (0, 0, 0, 6)))
        if show_suppressed and result.suppressed:
            parts.append(Text("  suppressed by icp: ignore comments", style="bold"))
            for f in result.suppressed:
                line = Text("    ")
                line.append(f"{f.severity.label:<7} {f.code} {f.name}", style="dim")
                line.append(f"  {path}:{f.line}:{f.column}  [suppressed]", style="dim")
                parts.append(line)
                parts.append(Padding(Text(t(f.message), style="dim"), (0, 0, 0, 6)))
        if result.notes:
            parts.append(Text("  notes", style="bold"))
            parts.extend(
                Padding(Text(f"• {t(str(note))}", style="dim"), (0, 0, 0, 4))
                for note in result.notes
            )
        parts.append(Text(""))
    if len(results) > 1:
        from icp_cli.render.check import file_table

        console.print(Group(*parts), soft_wrap=False)
        parts = [file_table.styled(results), Text("")]
    parts.append(Text(summary_line(results), style="bold"))
    console.print(Group(*parts), soft_wrap=False)
