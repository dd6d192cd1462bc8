"""`icp check`: load, run the rules, render, choose the exit code."""

from __future__ import annotations

from pathlib import Path

from ..console import print_input_errors, rich_console, stdout_is_terminal
from ..engine import CheckOptions, check_path
from ..errors import InputError
from ..findings import FileResult, Severity
from ..output import check_writable
from ..policy import parse_assignments
from .common import emit, parse_codes

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def expand(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Files as given; folders become their *.yaml and *.yml files, sorted."""
    files: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        if path.is_dir():
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
    fail_on: str,
    policy: list[str],
    output: Path | None,
    force: bool,
) -> int:
    options = CheckOptions(
        select=parse_codes(select, "--select"),
        ignore=parse_codes(ignore, "--ignore") or (),
        after=(parse_assignments(policy),) if policy else (),
    )
    if output is not None:
        check_writable(output, force)
    files, folder_errors = expand(paths)
    results = [check_path(p, options) for p in files]
    if folder_errors:
        results += [FileResult(path=e.path, errors=(e,)) for e in folder_errors]
    errors = [e for r in results for e in r.errors]

    if fmt == "json":
        from ..render.json_out import render_check

        emit(render_check(results), output, force)
        if output is not None:
            print_input_errors(errors)
    else:
        print_input_errors(errors)
        if any(r.ok for r in results) or not errors:
            _emit_report(results, fmt, output, force)

    if errors:
        return EXIT_ERROR
    threshold = Severity.parse(fail_on)
    failing = any(f.severity >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _emit_report(results: list[FileResult], fmt: str, output: Path | None, force: bool) -> None:
    if fmt == "markdown":
        from ..render.markdown import render

        emit(render(results), output, force)
    elif output is None and stdout_is_terminal():
        from ..render.styled import render as render_styled

        render_styled(results, rich_console())
    else:
        from ..render.plain import render as render_plain

        emit(render_plain(results), output, force)
