"""The shape every human-readable check report shares: files, then findings by body."""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.check.findings import FileResult, Finding, Severity
from icp_cli.text import count

SYSTEM_GROUP = "(whole file)"


def regime_notices(results: Sequence[FileResult]) -> list[str]:
    """The line(s) a report starts with when a proposed regime was used (docs/spec/regimes.md)."""
    from icp_cli.check.regimes import notice_lines

    return notice_lines((r.path, r.regime) for r in results if r.ok)


def by_body(result: FileResult) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by body, bodies in file order, file-wide findings last."""
    order = {body_id: i for i, body_id in enumerate(result.body_names)}
    groups: dict[str | None, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(finding.body, []).append(finding)
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, order.get(kv[0] or "", 0)))


def group_title(result: FileResult, body: str | None) -> str:
    if body is None:
        return SYSTEM_GROUP
    name = result.body_names.get(body)
    return f"{body} — {name}" if name and name != body else body


def totals(results: Sequence[FileResult]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for key, value in result.summary().items():
            counts[key] += value
    return counts


def summary_line(results: Sequence[FileResult]) -> str:
    counts = totals(results)
    checked = sum(1 for r in results if r.ok)
    invalid = len(results) - checked
    parts = [count(counts[s.label], s.label) for s in sorted(Severity, reverse=True)]
    line = f"{', '.join(parts)} in {count(checked, 'file')} checked"
    suppressed = sum(len(r.suppressed) for r in results)
    if suppressed:
        line += f"; {suppressed} suppressed"
    if invalid:
        line += f"; {count(invalid, 'file')} could not be read"
    return line + "."
