"""JSON output, exactly as docs/spec/cli.md describes it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from icp_cli.check.findings import FileResult
from icp_cli.load.errors import InputError
from icp_cli.safe_text import json_document


def file_dict(
    result: FileResult, regime: bool = False, show_suppressed: bool = False
) -> dict[str, object]:
    """One file's results; `regime`: name the regime it was checked under (when the files
    of one run were checked under different regimes); `show_suppressed`: list the findings
    that `icp: ignore` comments silenced."""
    out: dict[str, object] = {
        "path": result.path,
        "system": result.system,
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary(),
    }
    if regime:
        out["regime"] = result.regime
    if result.notes:
        out["notes"] = [str(n) for n in result.notes]
    if result.suppressed:
        out["suppressed"] = len(result.suppressed)
    if show_suppressed:
        # The silenced findings themselves, beside the count.
        out["suppressed_findings"] = [f.as_dict() for f in result.suppressed]
    return out


def error_dict(error: InputError) -> dict[str, object]:
    return {
        "path": error.path,
        "line": error.line,
        "column": error.column,
        "message": error.message if not error.hint else f"{error.message} ({error.hint})",
    }


def render_check(
    results: Sequence[FileResult], *, statistics: bool = False, show_suppressed: bool = False
) -> str:
    from icp_cli.check.regimes import json_regime

    doc: dict[str, object] = {"version": 1}
    checked = [r for r in results if r.ok]
    # Under a proposed regime the document says so once, at the top level (docs/spec/regimes.md).
    regime = json_regime((r.path, r.regime) for r in checked)
    if regime is not None:
        doc["regime"] = regime
    mixed = len({r.regime for r in checked}) > 1
    errors = [e for r in results for e in r.errors]
    if errors:
        doc["errors"] = [error_dict(e) for e in errors]
    doc["files"] = [file_dict(r, mixed, show_suppressed) for r in checked]
    if statistics:
        from icp_cli.render.check.statistics import as_dict

        doc["statistics"] = as_dict(results)
    return dumps(doc)


def render_errors(errors: Sequence[InputError]) -> str:
    return dumps({"version": 1, "errors": [error_dict(e) for e in errors], "files": []})


def dumps(doc: object) -> str:
    """The document as JSON that is valid UTF-8 and shows in a terminal as it reads
    (safe_text.json_document)."""
    return json_document(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
