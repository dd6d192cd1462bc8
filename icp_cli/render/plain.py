"""Plain-text check report, for pipes and files: no colour, no rich import."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import FileResult
from ..safe_text import terminal as t
from .grouping import by_body, group_title, regime_notices, summary_line


def render(results: Sequence[FileResult]) -> str:
    lines: list[str] = regime_notices(results)
    for result in results:
        if not result.ok:
            continue
        path = t(result.path)
        header = f"{path} ({t(result.system)})" if result.system else path
        lines.append(header)
        if not result.findings:
            lines.append("  no findings")
        for body, findings in by_body(result):
            lines.append(f"  {t(group_title(result, body))}")
            for f in findings:
                lines.append(
                    f"    {path}:{f.line}:{f.column}: {f.severity.label} "
                    f"{f.code} {f.name}: {t(f.message)}"
                )
                if f.hint:
                    lines.append(f"      hint: {t(f.hint)}")
        if result.notes:
            lines.append("  notes:")
            lines.extend(f"    - {t(note)}" for note in result.notes)
        lines.append("")
    if len(results) > 1:
        from . import file_table

        lines += [*file_table.plain(results), ""]
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"
