"""`icp overlap --format xlsx`: the cross-cutting view as a workbook.

Sheets: "Matrix" (one row per person, a column per body, the text view's marks, people
on two or more bodies shaded and listed first), "Pairs" (every pair of bodies sharing
people), "Bodies" (each body's id, name, type and size), then one sheet per body listing
its seats. Every sheet has a frozen, filtered header row.
"""

from __future__ import annotations

from icp_cli.load.seat_table import bodies_of_people
from icp_cli.model import Membership
from icp_cli.overlap.views import Overlap, Row
from icp_cli.render.overlap.layout import CHAIR, MARK_OF_ATTENDANCE, ROW_HEADING, mark
from icp_cli.render.xlsx_book import add_table, new_book, save, sheet_name
from icp_cli.vocab import BODY_TYPE_LABELS

KEY = (
    f"{CHAIR}: chair; "
    + "; ".join(f"{letter}: {word}" for word, letter in MARK_OF_ATTENDANCE.items())
    + "; shaded: on two or more bodies"
)


def render(view: Overlap, m: Membership) -> bytes:
    book = new_book()
    taken = {"matrix", "pairs", "bodies"}
    names = {c.id: c.name for c in view.columns}
    rows = sorted(view.rows, key=lambda r: (not r.shared, r.first))
    matrix = add_table(
        book,
        "Matrix",
        [ROW_HEADING[view.by], *[c.id for c in view.columns], "Bodies"],
        ([r.name, *[_mark(r, c.id, view.by) for c in view.columns], len(r.cells)] for r in rows),
        shaded=(r.shared for r in rows),
        freeze_columns=1,
        centred_from=1,
    )
    # Body ids read upwards over narrow mark columns, full names as notes on the header
    # cells, the key below the table; printed landscape, one page wide, header repeated.
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    upwards = Alignment(textRotation=90, horizontal="center", vertical="bottom")
    for c, column in enumerate(view.columns, start=2):
        header = matrix.cell(row=1, column=c)
        header.comment = Comment(column.name, "icp")
        header.alignment = upwards
        matrix.column_dimensions[get_column_letter(c)].width = 4.5
    matrix.row_dimensions[1].height = 6.5 * max((len(c.id) for c in view.columns), default=4)
    matrix.cell(row=len(rows) + 3, column=1).value = KEY
    matrix.page_setup.orientation = "landscape"
    matrix.page_setup.fitToWidth, matrix.page_setup.fitToHeight = 1, 0
    matrix.sheet_properties.pageSetUpPr.fitToPage = True
    matrix.print_title_rows = "1:1"

    add_table(
        book,
        "Pairs",
        ["Body A", "Body B", "Name A", "Name B", "Shared", "Share of smaller", "People"],
        (
            [
                p.a,
                p.b,
                names.get(p.a, p.a),
                names.get(p.b, p.b),
                len(p.shared),
                round(p.share_of_smaller, 3),
                "; ".join(view.row(i).name for i in p.shared),
            ]
            for p in sorted(view.pairs, key=lambda p: (-len(p.shared), p.a, p.b))
        ),
    )
    add_table(
        book,
        "Bodies",
        ["Body", "Name", "Type", "Seats", "People", "Sheet"],
        (
            [c.id, c.name, BODY_TYPE_LABELS.get(c.type, c.type), c.seats, c.size, ""]
            for c in view.columns
        ),
    )
    bodies_sheet = book["Bodies"]
    bodies_of = bodies_of_people(m)
    in_view = {c.id for c in view.columns}
    for i, body in enumerate(b for b in m.bodies.values() if b.id in in_view):
        title = sheet_name(body.id, taken)
        bodies_sheet.cell(row=i + 2, column=6).value = title
        add_table(
            book,
            title,
            ["Name", "Role", "Organisation", "Sector", "Seat", "Attendance", "Also on"],
            (
                [
                    s.name,
                    s.role,
                    s.organisation,
                    s.sector,
                    "; ".join(s.seats),
                    s.attendance,
                    ", ".join(b for b in bodies_of.get(s.person, []) if b != body.id),
                ]
                for s in body.members
            ),
            freeze_columns=1,
        )
    return save(book)


def _mark(row: Row, body_id: str, by: str) -> str:
    cell = row.cells.get(body_id)
    return "" if cell is None else mark(cell, by)
