"""Markdown check report, to paste into a board paper or a pull request."""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.check.findings import FileResult
from icp_cli.render.check import FULL_REPORT, ReportView
from icp_cli.render.check.grouping import by_body, group_title, regime_notices, summary_line
from icp_cli.safe_text import markdown


def escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, links, HTML or table breaks."""
    return markdown(text, every=True)


def render(results: Sequence[FileResult], view: ReportView = FULL_REPORT) -> str:
    out: list[str] = ["# icp check", ""]
    if not view.quiet:
        for notice in regime_notices(results):
            out += [f"> **{escape(notice)}**", ""]
    if view.statistics:
        from icp_cli.render.check import statistics as stats

        out += stats.markdown(results)
        if not view.quiet:
            out.append(f"**Summary:** {summary_line(results)}")
        return "\n".join(out) + "\n"
    for result in results:
        if not result.ok:
            out += [f"## {escape(result.path)}", "", "Could not be read:", ""]
            for e in result.errors:
                where = f"{e.line}:{e.column}" if e.line is not None else "-"
                out.append(f"- `{where}` {escape(e.message)}")
            out.append("")
            continue
        title = escape(result.path) + (f" — {escape(result.system)}" if result.system else "")
        out += [f"## {title}", ""]
        if not result.findings and not view.quiet:
            out += ["No findings.", ""]
        for body, findings in by_body(result):
            out += [f"### {escape(group_title(result, body))}", ""]
            out += ["| Severity | Code | Rule | Line | Finding |", "|---|---|---|---|---|"]
            for f in findings:
                message = escape(f.message)
                if f.hint:
                    message += f"<br>*Hint:* {escape(f.hint)}"
                out.append(
                    f"| {f.severity.label} | {f.code} | {f.name} | {f.line}:{f.column} "
                    f"| {message} |"
                )
            out.append("")
        if view.show_suppressed and result.suppressed:
            out += ["**Suppressed** (by `icp: ignore` comments)", ""]
            out += ["| Severity | Code | Rule | Line | Finding |", "|---|---|---|---|---|"]
            out += [
                f"| {f.severity.label} | {f.code} | {f.name} | {f.line}:{f.column} "
                f"| {escape(f.message)} |"
                for f in result.suppressed
            ]
            out.append("")
        if view.quiet:
            continue
        if result.notes:
            out += ["**Notes**", ""]
            out += [f"- {escape(str(n))}" for n in result.notes]
            out.append("")
    if view.quiet:
        return "\n".join(out) + "\n"
    if len(results) > 1:
        from icp_cli.render.check import file_table

        out += file_table.markdown(results)
    out.append(f"**Summary:** {summary_line(results)}")
    return "\n".join(out) + "\n"
