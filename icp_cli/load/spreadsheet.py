"""Reading a seat table from a CSV file or an Excel workbook, with row numbers as shown.

Row numbers are the ones the spreadsheet shows: the first line of a CSV file, or row 1 of
the sheet, is row 1, so that an error on row 7 is found on row 7. Cells come back as
stripped text. openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icp_cli.load import limits
from icp_cli.load.errors import InputError, InputErrors, did_you_mean
from icp_cli.load.seat_table import column_of, header_key, unprotect
from icp_cli.load.source import FORBIDDEN, MAX_ERRORS, character_error, looks_binary, read_bytes

MAX_ROWS = 100_000
_HEADER_SEARCH_ROWS = 20
_DELIMITERS = (",", ";", "\t")
SYSTEM_SHEET = "system"


@dataclass
class Table:
    """The seat rows of one sheet, with the columns its header names."""

    path: str  # as shown in messages
    header_row: int
    columns: dict[str, int]  # column (or "name:title" etc.) -> 0-based cell index
    headers: dict[str, str]  # column -> the header as written
    ignored: list[str]  # headers `import` does not read
    rows: list[tuple[int, list[str]]]  # (row number, cells), blank rows left out


@dataclass
class SystemSheet:
    """What a workbook's "System" sheet says (empty for a CSV file)."""

    name: str | None = None
    local_authorities: list[str] = field(default_factory=list)
    population: int | None = None
    places: list[str] = field(default_factory=list)
    # Reported with the seat rows' problems, so that one run shows them all.
    errors: list[InputError] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: columns as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_column_map(text: str) -> dict[str, str]:
    """`--columns "Board=body,Organisation Represented=organisation"`: header -> column.

    The header is matched as headers are (case, spaces and punctuation folded); the column
    is any name `import` reads (`body`, `organisation`, `first name`...). ValueError says
    what is wrong.
    """
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        header, equals, target = part.partition("=")
        if not equals or not header.strip() or not target.strip():
            raise ValueError(f"'{part.strip()}' is not HEADER=COLUMN")
        column = column_of(target)
        if column is None:
            from icp_cli.load.seat_table import COLUMNS

            raise ValueError(
                f"'{target.strip()}' is not a column import reads"
                + (f" ({hint})" if (hint := did_you_mean(target.strip(), COLUMNS)) else "")
                + "; columns: "
                + ", ".join(COLUMNS)
            )
        out[header_key(header)] = column
    return out


def read(
    path: Path, sheet: str | None = None, columns: dict[str, str] | None = None
) -> tuple[Table, SystemSheet]:
    """Read a seat table; raise InputErrors saying why it cannot be read.

    Reading is bounded like loading a membership file: the bytes read (--max-bytes's
    ICP_MAX_BYTES), the size each part of a workbook unpacks to, the rows and cells, and
    the time (ICP_TIMEOUT). `columns` maps header keys to columns (parse_column_map),
    ahead of the usual spellings.
    """
    shown = str(path)
    bounds = limits.resolve()
    return limits.bounded(
        lambda: _read(path, shown, sheet, bounds, columns or {}),
        bounds,
        shown,
        doing="reading the spreadsheet",
        hint="a seat table reads in well under a second; if this one is genuine, raise "
        f"the limit with {limits.ENV_TIMEOUT}",
    )


def _read(
    path: Path, shown: str, sheet: str | None, bounds: limits.Limits, mapping: dict[str, str]
) -> tuple[Table, SystemSheet]:
    data = _read_bytes(path, shown, bounds.max_bytes)
    if _is_workbook(path, data):
        return _read_workbook(data, shown, sheet, bounds, mapping)
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise InputErrors(
            [
                InputError(
                    shown,
                    f"{path.suffix} files cannot be read",
                    hint="save the sheet as an Excel workbook (.xlsx) or as CSV UTF-8",
                )
            ]
        )
    if sheet is not None:
        raise InputErrors(
            [InputError(shown, "--sheet applies to Excel workbooks (.xlsx), not CSV files")]
        )
    records = _csv_records(_decode(data, shown), shown)
    return _table(shown, records, mapping), SystemSheet()


# -- bytes and text --------------------------------------------------------------------------


def _read_bytes(path: Path, shown: str, max_bytes: int) -> bytes:
    return read_bytes(
        path,
        shown,
        max_bytes,
        too_big=f"split the spreadsheet, or raise the limit with {limits.ENV_MAX_BYTES}",
        missing="give a .csv or .xlsx file of seats",
    )


def _is_workbook(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04")


def _decode(data: bytes, shown: str) -> str:
    # Excel's "Unicode text" is UTF-16 with a BOM; its "CSV UTF-8" has a UTF-8 BOM.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data and looks_binary(data):
        raise InputErrors(
            [
                InputError(
                    shown,
                    "this is a binary file, not CSV text",
                    hint="give a .csv file, or an Excel workbook saved as .xlsx",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise InputErrors(
            [
                InputError(
                    shown,
                    f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
                    row,
                    hint="in Excel, save as 'CSV UTF-8 (Comma delimited)'; plain 'CSV' is "
                    "saved in the Windows encoding",
                )
            ]
        ) from None


def _csv_records(text: str, shown: str) -> list[list[str]]:
    delimiter = _sniff_delimiter(text)
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(records) >= MAX_ROWS:
                raise InputErrors(
                    [InputError(shown, f"more than {MAX_ROWS:,} rows: is this a seat table?")]
                )
            if len(record) > MAX_ROW_CELLS:
                raise InputErrors([_too_wide(shown, len(records) + 1, len(record))])
            records.append(record)
    except csv.Error as exc:
        raise InputErrors(
            [InputError(shown, f"cannot be read as CSV: {exc}", len(records) + 1)]
        ) from None
    return records


def _sniff_delimiter(text: str) -> str:
    """The delimiter under which the header names the most known columns.

    A header is what tells the delimiters apart reliably: "Body;Name;Sector" read with
    commas is one unknown column. Ties go to the one that gives the most cells.
    """
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            head = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), 20))
        except csv.Error:
            continue
        known = max((sum(1 for c in r if column_of(c)) for r in head), default=0)
        width = max((len(r) for r in head), default=0)
        if (known, width) > best_score:
            best, best_score = delimiter, (known, width)
    return best


# -- workbooks -------------------------------------------------------------------------------


def _read_workbook(
    data: bytes, shown: str, sheet: str | None, bounds: limits.Limits, mapping: dict[str, str]
) -> tuple[Table, SystemSheet]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # a broken installation: openpyxl is a core dependency
        raise InputErrors(
            [InputError(shown, "reading .xlsx needs openpyxl: pip install openpyxl")]
        ) from None
    _check_package(data, shown, bounds.max_bytes)
    try:
        # The bytes already read and measured, not the path: the file may have changed.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise InputErrors([_unreadable(shown, exc)]) from None
    try:
        names = list(book.sheetnames)
        system_name = next((n for n in names if n.strip().casefold() == SYSTEM_SHEET), None)
        if sheet is not None:
            chosen = next((n for n in names if n == sheet), None) or next(
                (n for n in names if n.strip().casefold() == sheet.strip().casefold()), None
            )
            if chosen is None:
                raise InputErrors(
                    [
                        InputError(
                            shown,
                            f"the workbook has no sheet '{sheet}'",
                            hint=did_you_mean(sheet, names) or "its sheets: " + ", ".join(names),
                        )
                    ]
                )
        else:
            chosen = next((n for n in names if n != system_name), None)
            if chosen is None:
                raise InputErrors([InputError(shown, "the workbook has no sheet of seats")])
        rows = _sheet_rows(book, chosen, shown)
        table = _table(shown, rows, mapping, _uncached_formulas(data, chosen, rows))
        system = SystemSheet()
        if system_name is not None and system_name != chosen:
            where = f"{shown}[{system_name}]"
            system = _system_sheet(where, _sheet_rows(book, system_name, where))
    finally:
        book.close()
    return table, system


def _unreadable(shown: str, exc: BaseException, row: int | None = None) -> InputError:
    detail = FORBIDDEN.sub("?", str(exc).splitlines()[0][:120]) if str(exc) else ""
    reason = f"({type(exc).__name__}{': ' + detail if detail else ''})"
    if row is None:
        message = f"cannot be read as an Excel workbook {reason}"
    else:
        message = f"row {row} cannot be read: a cell or the row is damaged {reason}"
    return InputError(
        shown, message, row, hint="save it again from Excel as .xlsx, or as CSV UTF-8"
    )


def _sheet_rows(book: Any, name: str, shown: str) -> list[list[str]]:
    """The sheet's rows as text. openpyxl reads a row's cells as it yields the row, so a
    damaged cell (a bad number or date, a shared string that is not there, broken XML)
    raises here: it becomes an input error naming the row."""
    rows: list[list[str]] = []
    cells = 0
    try:
        worksheet = book[name]
        worksheet.reset_dimensions()  # no padding to a size the file merely claims
        for values in worksheet.iter_rows(values_only=True):
            if len(rows) >= MAX_ROWS:
                raise InputErrors(
                    [InputError(shown, f"more than {MAX_ROWS:,} rows: is this a seat table?")]
                )
            if len(values) > MAX_ROW_CELLS:
                raise InputErrors([_too_wide(shown, len(rows) + 1, len(values))])
            cells += len(values)
            if cells > MAX_CELLS:
                raise InputErrors([_too_many_cells(shown)])
            rows.append([_cell_text(v) for v in values])
    except InputErrors:
        raise
    except Exception as exc:
        raise InputErrors([_unreadable(shown, exc, len(rows) + 1)]) from None
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


# -- the workbook's package --------------------------------------------------------------

MAX_ROW_CELLS = 16_384  # Excel's own widest row (column XFD)
MAX_CELLS = 2_000_000  # per sheet: a seat table of 100,000 rows has 20 columns
MAX_PARTS = 10_000
_TAGS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


def _too_wide(shown: str, row: int, cells: int) -> InputError:
    return InputError(
        shown,
        f"row {row} has {cells:,} cells; a sheet row has at most {MAX_ROW_CELLS:,}",
        row,
        hint="delete the columns to the right of the seat table",
    )


def _too_many_cells(shown: str) -> InputError:
    return InputError(
        shown,
        f"more than {MAX_CELLS:,} cells in one sheet: is this a seat table?",
        hint="copy the seat table alone into a new workbook",
    )


def _check_package(data: bytes, shown: str, max_bytes: int) -> None:
    """Measure a workbook before openpyxl reads it: every part unpacks to at most
    `max_bytes` and all of them to at most four times that; no XML part declares a DTD
    (Excel never writes one; entities are how XML bombs grow); no sheet has more rows,
    cells in a row or cells than a seat table could. Every zip error is an input error."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                raise InputErrors(
                    [InputError(shown, f"the workbook has {len(parts):,} parts: not a seat table")]
                )
            total = 0
            for part in parts:
                total += part.file_size
                if part.file_size > max_bytes or total > 4 * max_bytes:
                    too_big = part.file_size > max_bytes
                    raise InputErrors(
                        [
                            InputError(
                                shown,
                                f"the workbook's part {part.filename!r} unpacks to "
                                f"{part.file_size:,} bytes; the limit is {max_bytes:,}"
                                if too_big
                                else f"the workbook unpacks to more than {4 * max_bytes:,} "
                                "bytes (four times the limit)",
                                hint="copy the seat table alone into a new workbook, or raise "
                                f"the limit with {limits.ENV_MAX_BYTES}",
                            )
                        ]
                    )
            for part in parts:
                name = part.filename.lower()
                if name.endswith((".xml", ".rels", ".vml")):
                    with package.open(part) as stream:
                        _scan_part(stream, shown, part.filename, _WORKSHEET.match(part.filename))
    except InputErrors:
        raise
    except Exception as exc:  # BadZipFile, a bad CRC, an unsupported compression ...
        raise InputErrors([_unreadable(shown, exc)]) from None


def _scan_part(stream: Any, shown: str, name: str, sheet: object) -> None:
    rows = cells = in_row = 0
    carry = b""
    while True:
        chunk = stream.read(1024 * 1024)
        buffer = carry + chunk
        # A tag cut at the chunk's end is kept for the next round.
        cut = len(buffer) if not chunk else max(0, len(buffer) - 64)
        if _DTD.search(buffer):
            raise InputErrors(
                [
                    InputError(
                        shown,
                        f"the workbook's part {name!r} declares a DTD (<!DOCTYPE> or "
                        "<!ENTITY>), which Excel never writes",
                        hint="save the workbook again from Excel or LibreOffice",
                    )
                ]
            )
        if sheet:
            for match in _TAGS.finditer(buffer):
                if match.start() >= cut:
                    break
                if match.group(1) == b"row":
                    rows += 1
                    in_row = 0
                    if rows > MAX_ROWS:
                        raise InputErrors(
                            [
                                InputError(
                                    shown, f"more than {MAX_ROWS:,} rows: is this a seat table?"
                                )
                            ]
                        )
                else:
                    in_row += 1
                    cells += 1
                    if in_row > MAX_ROW_CELLS:
                        raise InputErrors([_too_wide(shown, rows, in_row)])
                    if cells > MAX_CELLS:
                        raise InputErrors([_too_many_cells(shown)])
        if not chunk:
            return
        carry = buffer[cut:]


def _uncached_formulas(
    data: bytes, sheet: str, rows: list[list[str]]
) -> dict[tuple[int, int], str]:
    """(row, 0-based column) -> formula, for formula cells whose value reads as empty.

    openpyxl gives the value Excel saved with a formula; a file written by a program that
    saves no values (or never recalculated) has none. Read again, for formulas, only when
    some cell is empty.
    """
    if not any("" in r for r in rows):
        return {}
    from openpyxl import load_workbook

    found: dict[tuple[int, int], str] = {}
    try:
        # The same bytes, already measured and read once with values.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # read once already; a second failure only loses the explanation
        return found
    try:
        for number, values in enumerate(book[sheet].iter_rows(values_only=True), start=1):
            if number > len(rows):
                break
            for index, value in enumerate(values):
                if (
                    isinstance(value, str)
                    and value.startswith("=")
                    and index < len(rows[number - 1])
                    and rows[number - 1][index] == ""
                ):
                    found[(number, index)] = value
    finally:
        book.close()
    return found


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "_x" in text:
        # Excel writes a character it cannot put in XML as _xHHHH_ and shows the character;
        # openpyxl leaves some of them escaped. Read the cell as Excel shows it, so the text
        # rule sees a control character written that way.
        from openpyxl.utils.escape import unescape

        text = unescape(text)
    return text


# -- the seat table --------------------------------------------------------------------------


# Spaces around a cell's text are dropped; a line break or control character is not
# whitespace to tidy away but a character the text rule refuses (a CR in front of `=1+1`
# would otherwise vanish and let a formula through).
_BLANKS = " \t"

def _table(
    shown: str,
    records: Sequence[list[str]],
    mapping: dict[str, str],
    uncached: dict[tuple[int, int], str] | None = None,
) -> Table:
    cells = [[unprotect(c.strip(_BLANKS)) for c in r] for r in records]
    header_index = _find_header(cells, mapping)
    if header_index is None:
        raise InputErrors(
            [
                InputError(
                    shown,
                    "no header row found: the first row should name the columns",
                    hint="columns: body, body_type, body_name, person_id, name, "
                    "organisation, sector, role, seat, attendance, appointed_by",
                )
            ]
        )
    header_row = header_index + 1
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    errors: list[InputError] = []
    for index, text in enumerate(cells[header_index]):
        if not text:
            continue
        column = mapping.get(header_key(text)) or column_of(text)
        if column is None:
            ignored.append(text)
            continue
        if column in columns:
            first = columns[column]
            errors.append(
                InputError(
                    shown,
                    f"columns {column_letter(first)} ('{headers[column]}') and "
                    f"{column_letter(index)} ('{text}') are both read as "
                    f"{_describe(column)}",
                    header_row,
                    hint="rename or delete one of them",
                )
            )
            continue
        columns[column] = index
        headers[column] = text
    for required, hint in (
        ("body", "add a 'body' column: the body's id (icb, icp...) or its name"),
        ("name", "add a 'name' column (or 'first name' and 'surname' columns)"),
    ):
        has_parts = required == "name" and "name:family" in columns
        if required not in columns and not has_parts:
            found = ", ".join(f"'{h}'" for h in cells[header_index] if h) or "none"
            errors.append(
                InputError(
                    shown, f"no '{required}' column (columns found: {found})", header_row, hint=hint
                )
            )
    found_keys = {header_key(t) for t in cells[header_index] if t}
    for key in mapping:
        if key not in found_keys:
            errors.append(
                InputError(
                    shown,
                    f"--columns names a column '{key}' that the header does not have",
                    header_row,
                    hint="columns found: "
                    + (", ".join(f"'{h}'" for h in cells[header_index] if h) or "none"),
                )
            )
    # A formula whose result was never saved reads as an empty cell: say so where it is,
    # rather than let the row fail for a "missing" value.
    for (row_number, index), formula in sorted((uncached or {}).items()):
        if row_number > header_row and len(errors) < MAX_ERRORS:
            errors.append(
                InputError(
                    shown,
                    f"cell {column_letter(index)}{row_number} holds a formula ({formula[:40]}) "
                    "whose value was never saved in the file",
                    row_number,
                    hint="open the workbook in Excel or LibreOffice and save it (that stores "
                    "the values), or paste the column as values",
                )
            )
    rows = [
        (number, row)
        for number, row in enumerate(cells[header_index + 1 :], start=header_row + 1)
        if any(row)
    ]
    # docs/spec/membership-format.md's rule for text, on every cell import reads (and the header).
    read = sorted(set(columns.values()))
    header = cells[header_index]
    errors += _character_errors(shown, header_row, range(len(header)), header)
    for number, row in rows:
        if len(errors) >= MAX_ERRORS:
            break
        errors += _character_errors(shown, number, read, row)
    if errors:
        raise InputErrors(errors[:MAX_ERRORS])
    return Table(shown, header_row, columns, headers, ignored, rows)


def _character_errors(
    shown: str, row: int, indexes: Iterable[int], cells: Sequence[str]
) -> list[InputError]:
    """A control character, a line break or a bidirectional override in a cell: one
    error for each, at the cell (row and column as the spreadsheet numbers them)."""
    errors = []
    for index in indexes:
        if index >= len(cells) or FORBIDDEN.search(cells[index]) is None:
            continue
        for match in FORBIDDEN.finditer(cells[index]):
            errors.append(
                character_error(
                    shown, match.group(), row, index + 1, f"cell {column_letter(index)}{row}: "
                )
            )
    return errors


def _describe(column: str) -> str:
    return f"the {column.split(':')[1]} part of the name" if ":" in column else f"'{column}'"


def _find_header(cells: Sequence[list[str]], mapping: dict[str, str]) -> int | None:
    """The first row, near the top, that names at least two known columns.

    Workbooks often carry a title or a date above the table.
    """
    seen = 0
    for index, row in enumerate(cells):
        if not any(row):
            continue
        if sum(1 for c in row if c and (header_key(c) in mapping or column_of(c))) >= 2:
            return index
        seen += 1
        if seen >= _HEADER_SEARCH_ROWS:
            break
    return None


# -- the System sheet ------------------------------------------------------------------------

_SYSTEM_KEYS = {
    "name": ("name", "system", "systemname", "ics", "icsname"),
    "local_authorities": (
        "localauthorities", "localauthority", "councils", "council", "las", "la",
    ),
    "population": ("population", "populationserved"),
    "places": ("places", "place"),
}  # fmt: skip
_SYSTEM_KEY_OF = {s: key for key, spellings in _SYSTEM_KEYS.items() for s in spellings}
_HEADER_WORDS = frozenset({"key", "field", "setting", "item", "property"})


def _split_values(cells: Iterable[str]) -> list[str]:
    return [v.strip() for c in cells for v in c.split(";") if v.strip()]


def _system_sheet(shown: str, records: Sequence[list[str]]) -> SystemSheet:
    system = SystemSheet()
    errors = system.errors
    for number, row in enumerate(records, start=1):
        row = [unprotect(c.strip(_BLANKS)) for c in row]
        if not any(row):
            continue
        found = _character_errors(shown, number, range(len(row)), row)
        if found:
            errors += found
            continue
        label, values = row[0], _split_values(row[1:])
        if not label:
            continue
        key = _SYSTEM_KEY_OF.get(header_key(label))
        if key is None:
            if header_key(label) in _HEADER_WORDS:
                continue
            errors.append(
                InputError(
                    shown,
                    f"unknown setting '{label}'",
                    number,
                    hint=did_you_mean(label, _SYSTEM_KEYS)
                    or "settings: name, local_authorities, population, places",
                )
            )
            continue
        if key == "name":
            if len(values) > 1 or (system.name and values):
                errors.append(InputError(shown, "the system has one name", number))
            elif values:
                system.name = values[0]
        elif key == "population":
            text = re.sub(r"[\s,_]", "", "".join(row[1:]))
            if text:
                # ASCII digits, and few: `²` passes str.isdigit, and int() refuses it.
                if not (text.isascii() and text.isdigit() and len(text) <= 15):
                    errors.append(
                        InputError(
                            shown,
                            f"population must be a whole number, not '{' '.join(row[1:]).strip()}'",
                            number,
                        )
                    )
                else:
                    system.population = int(text)
        elif key == "local_authorities":
            system.local_authorities.extend(values)
        else:
            system.places.extend(values)
    return system
