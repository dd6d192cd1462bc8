"""`icp export`: the membership as a seat table (CSV) or as Popolo JSON."""

from __future__ import annotations

import codecs
from pathlib import Path

from icp_cli.commands.common import emit
from icp_cli.console import print_input_errors
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputErrors, UsageError
from icp_cli.output import check_writable, is_stdout

FORMATS = ("csv", "popolo", "xlsx")
_FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "popolo", ".xlsx": "xlsx"}


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """--format, else what the --output file's name says (.csv, .json)."""
    if fmt is not None:
        return fmt
    if output is not None and output.suffix.lower() in _FORMAT_OF_SUFFIX:
        return _FORMAT_OF_SUFFIX[output.suffix.lower()]
    raise UsageError(
        "give --format csv, --format popolo or --format xlsx",
        hint="or an --output file name ending in .csv, .json or .xlsx",
    )


def run(
    path: Path,
    *,
    fmt: str | None,
    output: Path | None,
    force: bool,
    timeout: str | None = None,
) -> int:
    from icp_cli.load import limits
    from icp_cli.load.builder import load_path

    fmt = resolve_format(fmt, output)
    if fmt == "xlsx" and output is None:
        raise UsageError("a workbook is binary: give it a file with -o, e.g. -o membership.xlsx")
    bounds = limits.resolve(timeout=timeout)
    if output is not None:
        check_writable(output, force)

    def work() -> str | bytes:
        membership = load_path(path, bounds)
        if fmt == "xlsx":
            from icp_cli.render.export.xlsx import render as render_xlsx

            return render_xlsx(membership)
        if fmt == "csv":
            from icp_cli.render.export.csv_seats import render

            return render(membership)
        from icp_cli.render.export.popolo import render as render_popolo

        return render_popolo(membership)

    try:
        result = limits.bounded(work, bounds, str(path), doing="reading and exporting the file")
    except InputErrors as exc:
        print_input_errors(exc.errors)
        return ExitCode.ERROR
    if isinstance(result, bytes):
        from icp_cli.output import write_atomic

        assert output is not None
        write_atomic(output, result, force)
        return ExitCode.OK
    text = result
    if fmt == "csv" and output is not None and not is_stdout(output):
        # A file is most often opened in Excel, which reads UTF-8 only after a BOM;
        # `import` accepts either. A pipe gets plain UTF-8.
        text = codecs.BOM_UTF8.decode("utf-8") + text
    emit(text, output, force)
    return ExitCode.OK
