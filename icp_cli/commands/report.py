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
    regime: str | None,
    as_of: str | None,
) -> int:
    """Exit 0 once written, whatever the findings; 2 on input errors."""
    import datetime as dt

    from ..engine import CheckOptions, parse_as_of
    from .common import check_regime_name, regime_for

    check_regime_name(regime)
    date: dt.date | None = parse_as_of(as_of) if as_of is not None else None
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
    chosen = regime_for(membership, regime)
    result = check_membership(membership, CheckOptions(as_of=date), regime=chosen.name)
    context = build_report(
        membership,
        result.findings,
        build(membership, "person"),
        regime=chosen.name,
        as_of=date.isoformat() if date is not None else None,
        notes=result.notes,
    )
    emit(render(context), None if output is None or str(output) == "-" else output, force)
    return EXIT_OK
