"""The membership as a seat table in CSV: one row per seat, the columns `icp import` reads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from icp_cli.load.seat_table import (
    COLUMNS,
    bodies_of_people,
    export_person_ids,
    join_seats,
    list_cell,
    protect,
)
from icp_cli.model import Body, Membership, Person, Seat


def rows(m: Membership) -> list[list[str]]:
    """The table's rows, header first.

    A seat gets a person id when its holder is a `people[]` entry or sits on several
    bodies: exactly the people `import` writes to `people[]`, so that a second export of
    the imported file gives the same ids. A body with no seats is one row with only the
    body's columns, so that it is not lost. A vacant seat is a row with no name and
    `vacant` true; the body's `also`, `in_common_with` and `function` are on each of its
    rows, as its type and name are.
    """
    ids = export_person_ids(m)
    bodies_of = bodies_of_people(m)
    out = [list(COLUMNS)]
    def shared(person: Person) -> bool:
        return person.is_registered or len(bodies_of.get(person, ())) > 1

    for body in m.bodies.values():
        body_cells = [body.id, body.type, body.name if body.name_given else ""]
        extra = _body_extra(body)
        chair = body.chair or ""  # the body's `chair:`, as written, the last column
        if not body.all_seats:
            blank = [""] * (len(COLUMNS) - len(body_cells) - len(extra) - 2)
            out.append(body_cells + blank + extra + ["", chair])
        for seat in body.all_seats:
            person = seat.person
            principal = seat.substitute_for_person
            out.append(
                [
                    *body_cells,
                    ids[person] if not seat.vacant and shared(person) else "",
                    "" if seat.vacant else seat.name,
                    seat.organisation or "",
                    list_cell(seat.sectors),
                    seat.role or "",
                    join_seats(seat.seats),
                    seat.attendance,
                    seat.appointed_by or "",
                    "" if seat.voting else "false",
                    _principal(principal, ids, shared) if principal is not None else "",
                    "true" if seat.vacant else "",
                    *_term(seat),
                    *extra,
                    # Person-level, on each of the person's rows, like the person id.
                    join_seats(person.not_same_as) if shared(person) else "",
                    chair,
                ]
            )
    return out


def _body_extra(body: Body) -> list[str]:
    return [list_cell(body.also), list_cell(body.in_common_with), body.function or ""]


def _principal(
    person: Person, ids: dict[Person, str], shared: Callable[[Person], bool]
) -> str:
    """A substitute's principal: their id where the export gives them one, else their name."""
    return ids[person] if shared(person) else person.name


def _term(seat: Seat) -> list[str]:
    return [
        seat.term_from.isoformat() if seat.term_from else "",
        seat.term_to.isoformat() if seat.term_to else "",
    ]


def render(m: Membership) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows(m):
        writer.writerow([protect(cell) for cell in row])
    return buffer.getvalue()
