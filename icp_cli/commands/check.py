"""`icp check`: load, run the rules, render, choose the exit code."""

from __future__ import annotations

from pathlib import Path

from icp_cli.check.engine import CheckOptions, parse_as_of
from icp_cli.check.findings import FileResult, Severity
from icp_cli.check.policy import parse_assignments
from icp_cli.check.rules.registry import parse_codes
from icp_cli.commands.common import emit
from icp_cli.console import print_input_errors, rich_console, stdout_is_terminal
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError
from icp_cli.load.limits import Limits
from icp_cli.output import check_writable
from icp_cli.render.check import FULL_REPORT, ReportView

NEVER = "never"  # --fail-on never: exit 0 whatever is found


def expand(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Files as given; folders become their *.yaml and *.yml files, sorted."""
    files: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        if path.is_dir() and str(path) != "-":  # `-` is standard input, even beside a folder "-"
            found = sorted(
                p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
            )
            if not found:
                errors.append(InputError(str(path), "the folder has no .yaml or .yml files"))
            files.extend(found)
        else:
            files.append(path)
    return files, errors


def run(
    paths: list[Path],
    *,
    fmt: str,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    policy: list[str],
    output: Path | None,
    force: bool,
    config: Path | None = None,
    limits: tuple[str | None, str | None, str | None] = (None, None, None),
    view: ReportView = FULL_REPORT,
    no_config: bool = False,
    as_of: str | None = None,
    regime: str | None = None,
    jobs: int | None = None,
) -> int:
    from icp_cli.check import regimes
    from icp_cli.config import load_config
    from icp_cli.discovery import start_folder
    from icp_cli.load import limits as bounds
    from icp_cli.load.stdin import check_single_use

    check_single_use(paths)
    if regime is not None:
        regimes.get(regime)  # an unknown name is a usage error before any file is read

    # Layers: defaults < project configuration < the file's policy: < --policy. The
    # command line's --select, --ignore and --fail-on replace the configuration's.
    project = load_config(config, start_folder(paths), no_config=no_config)
    options = CheckOptions(
        select=parse_codes(select, "--select") if select is not None else project.select,
        ignore=(parse_codes(ignore, "--ignore") if ignore is not None else project.ignore) or (),
        before=(project.layer,) if project.layer else (),
        after=(parse_assignments(policy),) if policy else (),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        regime=regime,
        default_regime=project.regime,
    )
    fail_on = fail_on or project.fail_on or "error"
    file_limits = bounds.resolve(*limits)
    if output is not None:
        check_writable(output, force)
    files, folder_errors = expand(paths)
    results = _check_files(files, options, file_limits, view.quiet, jobs)
    if folder_errors:
        results += [FileResult(path=e.path, errors=(e,)) for e in folder_errors]
    errors = [e for r in results for e in r.errors]

    if fmt in ("json", "sarif", "github"):
        # Machine formats carry the input errors themselves, for programs; stderr gets
        # them too, for the person watching (docs/spec/cli.md: an input error prints on stderr).
        emit(_render_machine(results, fmt, view), output, force)
        print_input_errors(errors)
    else:
        print_input_errors(errors)
        if any(r.ok for r in results) or not errors:
            _emit_report(results, fmt, output, force, view)

    if errors:
        return ExitCode.ERROR
    if fail_on == NEVER:
        return ExitCode.OK
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for r in results for f in r.findings)
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _check_files(
    files: list[Path], options: CheckOptions, limits: Limits, quiet: bool = False,
    jobs: int | None = None,
) -> list[FileResult]:
    """Check every file (on several cores when there is enough to check: check/batch.py),
    with a progress bar on a terminal when there are several (not with --quiet)."""
    from icp_cli.check import batch
    from icp_cli.load import gcpause as collector
    from icp_cli.render import progress

    bar = progress.track_results if progress.wanted(len(files)) and not quiet else None
    with collector.paused():  # each file's model would otherwise be scanned file after file
        return batch.check_paths(files, options, limits, batch.jobs_for(files, jobs), bar)


def _render_machine(results: list[FileResult], fmt: str, view: ReportView) -> str:
    if fmt == "sarif":
        from icp_cli.render.check.sarif import render as render_sarif

        return render_sarif(results, show_suppressed=view.show_suppressed)
    if fmt == "github":
        from icp_cli.render.check.github import render as render_github

        return render_github(results, quiet=view.quiet)
    from icp_cli.render.json_out import render_check

    return render_check(
        results, statistics=view.statistics, show_suppressed=view.show_suppressed
    )


def _emit_report(
    results: list[FileResult], fmt: str, output: Path | None, force: bool, view: ReportView
) -> None:
    if fmt == "markdown":
        from icp_cli.render.check.markdown import render

        emit(render(results, view), output, force)
    elif output is None and stdout_is_terminal() and not (view.quiet or view.statistics):
        from icp_cli.render.check.styled import render as render_styled

        render_styled(results, rich_console(), show_suppressed=view.show_suppressed)
    else:
        from icp_cli.render.check.plain import render as render_plain

        emit(render_plain(results, view), output, force)
