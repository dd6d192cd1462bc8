"""GitHub Actions workflow commands: one annotation line per finding, on the file and line.

`::error file=PATH,line=L,col=C,title=CODE name::message` (warning for warnings, notice
for infos and notes). Input errors are ::error lines too. The last line is the plain
summary, which the log shows as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.check.findings import FileResult, Finding, Severity
from icp_cli.load.errors import InputError
from icp_cli.render.check.grouping import regime_notices, summary_line
from icp_cli.safe_text import github_data as escape_data
from icp_cli.safe_text import github_property as escape_property
from icp_cli.safe_text import terminal

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def annotation(
    command: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    props = [f"file={escape_property(file)}"]
    if line is not None:
        props.append(f"line={line}")
        if column is not None:
            props.append(f"col={column}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def _text(message: str, hint: str | None) -> str:
    return f"{message}\nHint: {hint}" if hint else message


def finding_line(f: Finding) -> str:
    return annotation(
        COMMAND[f.severity],
        _text(f.message, f.hint),
        file=f.path,
        line=f.line,
        column=f.column,
        title=f"{f.code} {f.name}",
    )


def error_line(e: InputError) -> str:
    return annotation(
        "error",
        _text(e.message, e.hint),
        file=e.path,
        line=e.line,
        column=e.column,
        title="input error",
    )


def render(results: Sequence[FileResult], *, quiet: bool = False) -> str:
    # A proposed regime: a notice with no file, which the run's summary shows first.
    lines = [
        f"::notice title=Regime::{escape_data(n)}"
        for n in ([] if quiet else regime_notices(results))
    ]
    for result in results:
        lines.extend(error_line(e) for e in result.errors)
        lines.extend(finding_line(f) for f in result.findings)
        for note in () if quiet else result.notes:
            lines.append(
                annotation("notice", note.text, file=result.path, line=note.line, title="note")
            )
    if not quiet:
        lines.append(terminal(summary_line(results)))
    return "\n".join(lines) + "\n"
