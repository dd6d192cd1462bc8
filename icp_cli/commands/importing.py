"""`icp import`: a spreadsheet of seats -> a membership file that `icp check` can load."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, InputErrors
from ..output import check_writable
from .common import emit

EXIT_OK, EXIT_ERROR = 0, 2


def run(
    path: Path,
    *,
    output: Path | None,
    force: bool,
    system: str | None,
    councils: list[str],
    sheet: str | None,
    timeout: str | None = None,
) -> int:
    from .. import limits
    from ..importer import ImportResult, import_table
    from ..loader import load_text
    from ..spreadsheet import read

    bounds = limits.resolve(timeout=timeout)
    if output is not None:
        check_writable(output, force)

    def work() -> ImportResult | list[InputError]:
        table, system_sheet = read(path, sheet)
        result = import_table(
            table, system_sheet, system=system, councils=councils or None, source=path.name
        )
        # The promise is a file that loads: hold the import to it rather than write one
        # that does not. A failure here is a bug in the importer, reported as one.
        try:
            load_text(result.text, str(output or "membership.yaml"))
        except InputErrors as exc:
            return exc.errors
        return result

    try:
        # One time bound for the whole command: reading the sheet, making and checking
        # the file.
        done = limits.bounded(work, bounds, str(path), doing="importing the spreadsheet")
    except InputErrors as exc:
        print_row_errors(exc.errors)
        return EXIT_ERROR
    if isinstance(done, list):
        sys.stderr.write("icp: internal error: the imported file would not load:\n")
        print_row_errors(done)
        return EXIT_ERROR
    result = done
    emit(result.text, output, force)
    for note in result.notes:
        sys.stderr.write(f"note: {note}\n")
    target = str(output) if output is not None else "stdout"
    seats = _plural(result.seats, "seat")
    bodies = _plural(result.bodies, "body", "bodies")
    people = _plural(result.people, "person", "people")
    sys.stderr.write(f"icp: imported {seats} on {bodies} ({people} in people[]) to {target}\n")
    return EXIT_OK


def print_row_errors(errors: Iterable[InputError]) -> None:
    """`FILE:ROW: message`, the row as the spreadsheet shows it (the header is row 1)."""
    for error in errors:
        where = error.path if error.line is None else f"{error.path}:{error.line}"
        sys.stderr.write(f"{where}: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"  hint: {error.hint}\n")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"
