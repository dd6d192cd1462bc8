"""The membership as a seat table in CSV: one row per seat, the columns `icp import` reads."""

from __future__ import annotations

import csv
import io

from ..model import Membership
from ..seat_table import COLUMNS, bodies_of_people, export_person_ids, join_seats, protect


def rows(m: Membership) -> list[list[str]]:
    """The table's rows, header first.

    A seat gets a person id when its holder is a `people[]` entry or sits on several
    bodies: exactly the people `import` writes to `people[]`, so that a second export of
    the imported file gives the same ids. A body with no seats is one row with only the
    body's columns, so that it is not lost.
    """
    ids = export_person_ids(m)
    bodies_of = bodies_of_people(m)
    out = [list(COLUMNS)]
    for body in m.bodies.values():
        body_cells = [body.id, body.type, body.name if body.name_given else ""]
        chair = [body.chair or ""]  # the body's `chair:`, as written, the last column
        if not body.members:
            out.append(body_cells + [""] * (len(COLUMNS) - len(body_cells) - 1) + chair)
        for seat in body.members:
            person = seat.person
            shared = person.is_registered or len(bodies_of.get(person, ())) > 1
            out.append(
                [
                    *body_cells,
                    ids[person] if shared else "",
                    seat.name,
                    seat.organisation or "",
                    seat.sector or "",
                    seat.role or "",
                    join_seats(seat.seats),
                    seat.attendance,
                    seat.appointed_by or "",
                    # Person-level, on each of the person's rows, like the person id.
                    join_seats(person.not_same_as) if shared else "",
                    *chair,
                ]
            )
    return out


def render(m: Membership) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows(m):
        writer.writerow([protect(cell) for cell in row])
    return buffer.getvalue()
