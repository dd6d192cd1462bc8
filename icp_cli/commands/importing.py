"""`icp import`: a spreadsheet of seats -> a membership file that `icp check` can load."""

from __future__ import annotations

import sys
from pathlib import Path

from icp_cli.commands.common import emit
from icp_cli.console import print_error, print_input_errors
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError, InputErrors
from icp_cli.output import check_writable
from icp_cli.safe_text import terminal
from icp_cli.text import count


def run(
    path: Path,
    *,
    output: Path | None,
    force: bool,
    system: str | None,
    councils: list[str],
    sheet: str | None,
    columns: str | None = None,
    timeout: str | None = None,
) -> int:
    from icp_cli.load import limits
    from icp_cli.load.builder import load_text
    from icp_cli.load.importer import ImportResult, import_table
    from icp_cli.load.spreadsheet import parse_column_map, read

    try:
        mapping = parse_column_map(columns or "")
    except ValueError as exc:
        print_error("icp: --columns", str(exc))
        return ExitCode.ERROR
    bounds = limits.resolve(timeout=timeout)
    if output is not None:
        check_writable(output, force)

    def work() -> ImportResult | list[InputError]:
        table, system_sheet = read(path, sheet, mapping)
        result = import_table(
            table,
            system_sheet,
            system=system,
            councils=councils or None,
            source=path.name,
            extra=_named_sheets(path, sheet),
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
        print_input_errors(exc.errors, spreadsheet=True)
        return ExitCode.ERROR
    if isinstance(done, list):
        sys.stderr.write("icp: internal error: the imported file would not load:\n")
        print_input_errors(done, spreadsheet=True)
        return ExitCode.ERROR
    result = done
    emit(result.text, output, force)
    for note in result.notes:
        sys.stderr.write(f"note: {terminal(note)}\n")
    target = terminal(output) if output is not None else "stdout"
    seats = count(result.seats, "seat")
    bodies = count(result.bodies, "body", "bodies")
    people = count(result.people, "person", "people")
    sys.stderr.write(f"icp: imported {seats} on {bodies} ({people} in people[]) to {target}\n")
    return ExitCode.OK


def _named_sheets(path: Path, sheet: str | None):  # type: ignore[no-untyped-def]
    """An exported workbook's People, Bodies, Engagement and Policy sheets (read only when
    the seat table is the workbook's own Seats sheet or the first sheet)."""
    from icp_cli.load.workbook_sheets import SEATS, read_extra

    if path.suffix.lower() not in (".xlsx", ".xlsm") or (
        sheet is not None and sheet.strip().casefold() != SEATS.casefold()
    ):
        return None
    return read_extra(path, str(path))
