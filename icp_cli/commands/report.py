"""`icp report`: load, check, build the cross-cutting views, write one HTML page."""

from __future__ import annotations

from pathlib import Path

from icp_cli.commands.common import emit
from icp_cli.console import print_input_errors
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputErrors
from icp_cli.output import check_writable


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

    from icp_cli.check.engine import CheckOptions, parse_as_of
    from icp_cli.commands.common import check_regime_name, regime_for

    check_regime_name(regime)
    date: dt.date | None = parse_as_of(as_of) if as_of is not None else None
    from icp_cli.check.engine import check_membership
    from icp_cli.load import limits
    from icp_cli.load.builder import load_path
    from icp_cli.overlap.views import build
    from icp_cli.render.report.context import build_report
    from icp_cli.render.report.html import render

    if output is not None and str(output) != "-":
        check_writable(output, force)
    try:
        membership = load_path(path, limits.resolve())
    except InputErrors as exc:
        print_input_errors(exc.errors)
        return ExitCode.ERROR
    chosen = regime_for(membership, regime)
    result = check_membership(membership, CheckOptions(as_of=date), regime=chosen.name)
    context = build_report(
        membership,
        result.findings,
        build(membership, "person"),
        regime=chosen.name,
        as_of=date.isoformat() if date is not None else None,
        notes=[str(n) for n in result.notes],
    )
    emit(render(context), None if output is None or str(output) == "-" else output, force)
    return ExitCode.OK
