"""`check --statistics`: one line per code (name, severity, count), most frequent first,
in place of the findings; and the `statistics` object of the JSON output.

Counts are of the findings reported (suppressed ones are not counted), over every file
checked. Ties are in code order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from icp_cli.check.findings import FileResult, Finding


def rows(results: Sequence[FileResult]) -> list[tuple[Finding, int]]:
    """(a finding of the code, for its name and severity; how many), most frequent first."""
    count: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for result in results:
        for f in result.findings:
            count[f.code] += 1
            first.setdefault(f.code, f)
    order = sorted(count, key=lambda code: (-count[code], code))
    return [(first[code], count[code]) for code in order]


def as_dict(results: Sequence[FileResult]) -> dict[str, int]:
    return {f.code: n for f, n in rows(results)}


def plain(results: Sequence[FileResult]) -> list[str]:
    """`CODE  name  severity  count`, in aligned columns."""
    table = [(f.code, f.name, f.severity.label, str(n)) for f, n in rows(results)]
    if not table:
        return ["no findings"]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    return [
        "  ".join(
            (*(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])), row[3].rjust(widths[3]))
        )
        for row in table
    ]


def markdown(results: Sequence[FileResult]) -> list[str]:
    table = rows(results)
    if not table:
        return ["No findings.", ""]
    lines = ["| Code | Rule | Severity | Count |", "|---|---|---|---:|"]
    lines += [f"| {f.code} | {f.name} | {f.severity.label} | {n} |" for f, n in table]
    return [*lines, ""]
