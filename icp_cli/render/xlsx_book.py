"""Writing workbooks with openpyxl the same way everywhere: text cells that never become
formulas, a bold frozen header row with filters, readable column widths, shaded rows.

openpyxl stores a string that starts with "=" as a formula; every text cell here is
forced to the string type instead, so a name such as "=HYPERLINK(...)" stays text, and an
id such as "00042" keeps its zeros. Imported only when a workbook is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

# What the CSV export defuses with an apostrophe: the one defusing function.
from icp_cli.load.seat_table import protect

HEADER_FILL = "E8EDEE"
SHARED_FILL = "FFF3CD"  # people on two or more bodies
MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 cannot hold; openpyxl refuses them. The loader already rejects control
# characters in a file's strings, so this only guards against surprises.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A number with a leading zero, as the CSV defusing function treats it (kept here until
# that function covers it on this branch; then `protect` alone decides).
_LEADING_ZERO = re.compile(r"0\d+(?:\.\d*)?")


def new_book() -> Any:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    return book


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\ ."""
    base = _BAD_SHEET_CHARS.sub("-", wanted).strip("'") or "Sheet"
    name, n = base[:31], 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def add_table(
    book: Any,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    shaded: Iterable[bool] = (),
    freeze_columns: int = 0,
    centred_from: int | None = None,
) -> Any:
    """A sheet with a header row (bold, frozen, filtered) and the rows below it."""
    from openpyxl.styles import (  # type: ignore[import-untyped]
        Alignment,
        Font,
        PatternFill,
    )
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    sheet = book.create_sheet(title)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    shared_fill = PatternFill("solid", fgColor=SHARED_FILL)
    centre = Alignment(horizontal="center")
    widths = [len(h) for h in header]
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=c)
        put(cell, text)
        cell.font, cell.fill = bold, header_fill
    shade = iter(shaded)
    r = 1
    for r, values in enumerate(rows, start=2):
        fill = next(shade, False)
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            put(cell, value)
            if fill:
                cell.fill = shared_fill
            if centred_from is not None and c > centred_from:
                cell.alignment = centre
            widths[c - 1] = max(widths[c - 1], len(str(value or "")))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = sheet.cell(row=2, column=freeze_columns + 1).coordinate
    last = get_column_letter(max(len(header), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(r, 1)}"
    return sheet


def put(cell: Any, value: object) -> None:
    """A value into a cell: numbers and booleans as they are, everything else as text."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        text = _ILLEGAL.sub("", str(value))
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever it starts with
        if protect(text) != text or _LEADING_ZERO.fullmatch(text):
            # Excel's own "leading apostrophe": the cell shows and edits as text, so that
            # retyping it keeps "00042" and never runs "=...".
            cell.quotePrefix = True


def save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
