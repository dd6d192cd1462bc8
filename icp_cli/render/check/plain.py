"""Plain-text check report, for pipes and files: no colour, no rich import."""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.check.findings import FileResult, Finding
from icp_cli.render.check import FULL_REPORT, ReportView
from icp_cli.render.check.grouping import by_body, group_title, regime_notices, summary_line
from icp_cli.safe_text import terminal as t

SUPPRESSED_MARK = "[suppressed]"


def finding_line(path: str, f: Finding) -> str:
    """One finding on one line; `path` is already made safe for a terminal."""
    return f"{path}:{f.line}:{f.column}: {f.severity.label} {f.code} {f.name}: {t(f.message)}"


def render(results: Sequence[FileResult], view: ReportView = FULL_REPORT) -> str:
    if view.statistics:
        return _statistics(results, view.quiet)
    if view.quiet:
        return _quiet(results, view.show_suppressed)
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
        if view.show_suppressed and result.suppressed:
            lines.append("  suppressed by icp: ignore comments:")
            lines.extend(
                f"    {finding_line(path, f)} {SUPPRESSED_MARK}" for f in result.suppressed
            )
        if result.notes:
            lines.append("  notes:")
            lines.extend(f"    - {t(str(note))}" for note in result.notes)
        lines.append("")
    if len(results) > 1:
        from icp_cli.render.check import file_table

        lines += [*file_table.plain(results), ""]
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def _quiet(results: Sequence[FileResult], show_suppressed: bool) -> str:
    """Findings only, one line each (with its hint): no headers, notes or summary."""
    lines: list[str] = []
    for result in results:
        path = t(result.path)
        for f in result.findings:
            lines.append(finding_line(path, f))
            if f.hint:
                lines.append(f"  hint: {t(f.hint)}")
        if show_suppressed:
            lines += [f"{finding_line(path, f)} {SUPPRESSED_MARK}" for f in result.suppressed]
    return "".join(f"{line}\n" for line in lines)


def _statistics(results: Sequence[FileResult], quiet: bool) -> str:
    from icp_cli.render.check import statistics

    lines = statistics.plain(results)
    if not quiet:
        lines = [*regime_notices(results), *lines]
        notes = [(t(r.path), t(str(n))) for r in results if r.ok for n in r.notes]
        if notes:
            lines += ["", "notes:", *(f"  - {path}: {note}" for path, note in notes)]
        lines += ["", summary_line(results)]
    return "\n".join(lines) + "\n"
