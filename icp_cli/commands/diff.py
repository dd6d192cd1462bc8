"""`icp diff`: load two drafts, check each under its regime, compare, render, exit code."""

from __future__ import annotations

from pathlib import Path

from icp_cli.check.engine import CheckOptions, check_membership
from icp_cli.check.findings import Severity
from icp_cli.commands.common import emit
from icp_cli.console import print_input_errors, rich_console, stdout_is_terminal
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError, InputErrors
from icp_cli.model import Membership
from icp_cli.output import check_writable

DEFAULT_REGIME = "act-2022"


def project_options(start: Path | None = None) -> tuple[CheckOptions, str | None]:
    """The project configuration's layer, select and ignore, as `check` uses them, and
    its fail-on (found from the first file's folder upwards)."""
    from icp_cli.config import load_config

    project = load_config(None, start)
    options = CheckOptions(
        select=project.select,
        ignore=project.ignore or (),
        before=(project.layer,) if project.layer else (),
    )
    return options, project.fail_on


def shown_regime(option: str | None, m: Membership) -> str:
    """The regime a side is checked under: the option, else the file's, else the default."""
    written = m.policy.values.get("regime")
    return option or (written if isinstance(written, str) else None) or DEFAULT_REGIME


def load(path: Path) -> tuple[Membership | None, list[InputError]]:
    from icp_cli.load import limits
    from icp_cli.load.builder import load_path

    try:
        return load_path(path, limits.resolve()), []
    except InputErrors as exc:
        return None, list(exc.errors)


def run(
    old_path: Path,
    new_path: Path | None,
    *,
    fmt: str,
    fail_on: str | None,
    regime: str | None,
    new_regime: str | None,
    output: Path | None,
    force: bool,
) -> int:
    from icp_cli.commands.common import check_regime_name
    from icp_cli.design.diff import Side, compare

    check_regime_name(regime)
    check_regime_name(new_regime)

    if output is not None:
        check_writable(output, force)
    options, project_fail_on = project_options(old_path.parent)
    old_m, errors = load(old_path)
    if new_path is None:
        new_m, new_path = old_m, old_path
    else:
        new_m, more = load(new_path)
        errors += more
    if errors or old_m is None or new_m is None:
        if fmt == "json":
            from icp_cli.render.json_out import render_errors

            emit(render_errors(errors), output, force)
        print_input_errors(errors)
        return ExitCode.ERROR

    # Each side is checked by one call that names its regime: the option given, else (None)
    # the file's own or the default one.
    new_regime = new_regime or regime
    old_side = Side(
        str(old_path),
        shown_regime(regime, old_m),
        old_m,
        check_membership(old_m, options, regime=regime),
    )
    new_side = Side(
        str(new_path),
        shown_regime(new_regime, new_m),
        new_m,
        check_membership(new_m, options, regime=new_regime),
    )
    diff = compare(old_side, new_side)

    from icp_cli.render.design import diff as render

    if fmt == "json":
        emit(render.render_json(diff), output, force)
    elif fmt == "markdown":
        emit(render.render_markdown(diff), output, force)
    elif output is None and stdout_is_terminal():
        render.render_styled(diff, rich_console())
    else:
        emit(render.render_plain(diff), output, force)

    fail_on = fail_on or project_fail_on or "error"
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    return ExitCode.FINDINGS if diff.findings.failing(threshold) else ExitCode.OK
