"""`icp export --format xlsx`: every field of the file on named sheets.

"Seats" is the seat table (the columns `icp import` reads, as the CSV has them), then
"System", "People", "Bodies", "Engagement" and "Policy" (workbook_sheets.py declares
their columns). `icp import` of the workbook gives back a file with the same findings.
"""

from __future__ import annotations

from icp_cli.load.workbook_sheets import (
    BODIES,
    BODY_COLUMNS,
    ENGAGEMENT,
    ENGAGEMENT_COLUMNS,
    PEOPLE,
    PEOPLE_COLUMNS,
    POLICY,
    POLICY_COLUMNS,
    SEATS,
    body_rows,
    engagement_rows,
    people_rows,
    policy_rows,
)
from icp_cli.model import Membership
from icp_cli.render.export.csv_seats import rows as seat_rows
from icp_cli.render.xlsx_book import add_table, new_book, put, save


def render(m: Membership) -> bytes:
    book = new_book()
    header, *seats = seat_rows(m)
    add_table(book, SEATS, header, seats, freeze_columns=1)
    system = book.create_sheet("System")
    lines: list[list[object]] = [["setting", "value"], ["name", m.system.name]]
    if m.system.population is not None:
        lines.append(["population", m.system.population])
    if m.system.local_authorities:
        lines.append(["local_authorities", *m.system.local_authorities])
    if m.system.places:
        lines.append(["places", *m.system.places])
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            put(system.cell(row=r, column=c), value)
    system.column_dimensions["A"].width = 20
    system.column_dimensions["B"].width = 40
    add_table(book, PEOPLE, PEOPLE_COLUMNS, people_rows(m), freeze_columns=1)
    add_table(book, BODIES, BODY_COLUMNS, body_rows(m), freeze_columns=1)
    add_table(book, ENGAGEMENT, ENGAGEMENT_COLUMNS, engagement_rows(m), freeze_columns=1)
    add_table(book, POLICY, POLICY_COLUMNS, policy_rows(m))
    return save(book)
