"""`icp export`: the membership as a seat table (CSV) or as Popolo JSON."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..console import print_input_errors
from ..errors import InputErrors, UsageError
from ..output import check_writable, is_stdout
from .common import emit

EXIT_OK, EXIT_ERROR = 0, 2
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


def run(path: Path, *, fmt: str | None, output: Path | None, force: bool) -> int:
    from .. import limits
    from ..loader import load_path

    fmt = resolve_format(fmt, output)
    if fmt == "xlsx" and output is None:
        raise UsageError("a workbook is binary: give it a file with -o, e.g. -o membership.xlsx")
    if output is not None:
        check_writable(output, force)
    try:
        membership = load_path(path, limits.resolve())
    except InputErrors as exc:
        print_input_errors(exc.errors)
        return EXIT_ERROR
    if fmt == "xlsx":
        from ..output import write_atomic
        from ..render.export_xlsx import render as render_xlsx

        assert output is not None
        write_atomic(output, render_xlsx(membership), force)
        return EXIT_OK
    if fmt == "csv":
        from ..render.csv_seats import render

        text = render(membership)
        # A file is most often opened in Excel, which reads UTF-8 only after a BOM;
        # `import` accepts either. A pipe gets plain UTF-8.
        if output is not None and not is_stdout(output):
            emit(codecs.BOM_UTF8.decode("utf-8") + text, output, force)
            return EXIT_OK
    else:
        from ..render.popolo import render as render_popolo

        text = render_popolo(membership)
    emit(text, output, force)
    return EXIT_OK
