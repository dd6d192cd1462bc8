"""`icp report`: load, check, build the cross-cutting views, write one HTML page."""

from __future__ import annotations

from pathlib import Path

from ..console import print_input_errors
from ..errors import InputErrors
from ..output import check_writable
from .common import emit

EXIT_OK, EXIT_ERROR = 0, 2


def run(
    path: Path,
    *,
    output: Path | None,
    force: bool,
    regime: str,
    as_of: str | None,
) -> int:
    """Exit 0 once written, whatever the findings; 2 on input errors."""
    import datetime as dt

    from ..errors import UsageError, did_you_mean
    from ..report import REGIMES

    if regime not in REGIMES:
        raise UsageError(
            f"--regime: '{regime}' is not one of {', '.join(REGIMES)}",
            hint=did_you_mean(regime, REGIMES),
        )
    if as_of is not None:
        try:
            as_of = dt.date.fromisoformat(as_of).isoformat()
        except ValueError:
            raise UsageError(
                f"--as-of: '{as_of}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-04-01"
            ) from None
    from .. import limits
    from ..engine import check_membership
    from ..loader import load_path
    from ..overlap import build
    from ..render.report_html import render
    from ..report import build_report

    if output is not None and str(output) != "-":
        check_writable(output, force)
    try:
        membership = load_path(path, limits.resolve())
    except InputErrors as exc:
        print_input_errors(exc.errors)
        return EXIT_ERROR
    result = check_membership(membership)
    context = build_report(
        membership,
        result.findings,
        build(membership, "person"),
        regime=regime,
        as_of=as_of,
        notes=result.notes,
    )
    emit(render(context), None if output is None or str(output) == "-" else output, force)
    return EXIT_OK
