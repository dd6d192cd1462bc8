"""The seat table: one row per seat, the columns `icp import` reads and `icp export` writes.

Declared once here so that the two never disagree, which is what makes
export -> import -> export give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from icp_cli.model import Membership, Person
from icp_cli.people.names import slug
from icp_cli.safe_text import csv_cell, uncsv_cell

COLUMNS: tuple[str, ...] = (
    "body",
    "body_type",
    "body_name",
    "person_id",
    "name",
    "organisation",
    "sector",
    "role",
    "seat",
    "attendance",
    "appointed_by",
    # format 1.1, after the columns of 1.0 so that a reader by position still works
    "voting",
    "substitute_for",
    "vacant",
    "term_from",
    "term_to",
    "body_also",
    "body_in_common_with",
    "body_function",
    # what a seat table also carries (issue 17): a person's not_same_as, a body's chair
    "not_same_as",
    "body_chair",
)

# Columns that describe the body rather than the person holding the seat.
BODY_COLUMNS: frozenset[str] = frozenset(
    {
        "body",
        "body_type",
        "body_name",
        "body_also",
        "body_in_common_with",
        "body_function",
        "body_chair",
    }
)

# One person holding several seat kinds on one body: "director-adult-social-services;
# director-childrens-services". A comma is not a separator: seat kinds never contain one,
# but free-text seats may.
SEAT_SEPARATOR = ";"

# Header spellings people use, compared after `header_key` (case, spaces, punctuation
# folded). Each column's own name is added below.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "body": ("bodyid", "board", "committee", "forum", "meeting"),
    "body_type": ("type", "bodykind", "kind", "boardtype", "committeetype"),
    "body_name": ("bodyfullname", "boardname", "committeename", "fullbodyname"),
    "person_id": ("id", "personref", "memberid", "personkey"),
    "name": ("fullname", "membername", "personname", "member"),
    "organisation": (
        "organization", "org", "employer", "organisationname", "organizationname",
        "nominatingorganisation", "nominatingorganization", "employingorganisation",
    ),
    "sector": ("sectorgroup", "membersector"),
    "role": ("jobtitle", "post", "position", "roletitle"),
    "seat": ("seattype", "seatkind", "seats", "seatkinds"),
    "attendance": ("status", "membershiptype", "memberstatus", "attendancetype"),
    "appointed_by": ("appointingbody", "nominatedby", "appointer", "appointingcouncil"),
    "voting": ("vote", "votingmember", "hasvote"),
    "substitute_for": ("deputisesfor", "deputyfor", "substitutefor", "deputises"),
    "vacant": ("isvacant", "vacancy"),
    "term_from": ("termstart", "startdate", "from", "termbegins"),
    "term_to": ("termend", "enddate", "termends", "to", "until"),
    "body_also": ("alsoa", "bodyroles", "alsoacts"),
    "body_in_common_with": ("incommonwith", "meetsincommonwith", "committeesincommon"),
    "body_function": ("function", "committeefunction"),
    "not_same_as": ("notsameas", "notthesameas"),
    "body_chair": ("bodychair", "chairofbody", "boardchair", "chairedby"),
}  # fmt: skip

# Split names: a "Title" column here holds Dr, Cllr... (not a job title, which is "Job
# title" or "Role"), joined with the forename and surname when there is no "Name" column.
NAME_PARTS: dict[str, tuple[str, ...]] = {
    "title": ("title", "honorific", "prefix", "salutation"),
    "given": ("firstname", "forename", "forenames", "givenname", "firstnames"),
    "family": ("surname", "lastname", "familyname"),
}

HEADER_TO_COLUMN: dict[str, str] = {}
for _column, _spellings in _SYNONYMS.items():
    for _spelling in (_column.replace("_", ""), *_spellings):
        HEADER_TO_COLUMN[_spelling] = _column
for _part, _spellings in NAME_PARTS.items():
    for _spelling in _spellings:
        HEADER_TO_COLUMN[_spelling] = f"name:{_part}"
del _column, _spellings, _part, _spelling


def header_key(text: str) -> str:
    """ "Body Type", "body_type", "BODY-TYPE" -> "bodytype"; "Organisation (employer)" too."""
    text = re.sub(r"\(.*?\)", " ", text)  # "Seat (see list)" is "Seat"
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def column_of(header: str) -> str | None:
    """The column a header names, or None for a column `import` does not read."""
    return HEADER_TO_COLUMN.get(header_key(header))


# A cell value that a spreadsheet shows as text (a leading "'" before formula-like text or
# a number with a leading zero), and back: the rule lives with the other output escaping.
protect = csv_cell
unprotect = uncsv_cell


class TakenIds(set[str]):
    """Ids in use, and for each base the last number `new_id` gave it: counting on from
    there instead of from 2 keeps a thousand people called the same cheap."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.last: dict[str, int] = {}


def new_id(base: str, taken: set[str], fallback: str) -> str:
    """A fresh id from base ('jane-okafor', then 'jane-okafor-2'...), added to taken.

    With `taken` a TakenIds the search starts after the last number given to base; ids
    are only ever added, so the result is the same as counting from 2."""
    base = base or fallback
    last = taken.last if isinstance(taken, TakenIds) else {}
    n = last.get(base, 1)
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    last[base] = n
    taken.add(candidate)
    return candidate


def export_person_ids(m: Membership) -> dict[Person, str]:
    """An id for every person: the `people[]` id, else one made from the normalised name.

    Made ids never clash with a registered id or with each other; they follow file order,
    so the same file always gives the same ids.
    """
    taken = TakenIds(p.id for p in m.people if p.id is not None)
    ids: dict[Person, str] = {}
    for person in m.people:
        if person.id is not None:
            ids[person] = person.id
    for person in m.people:
        if person.id is None:
            ids[person] = new_id(slug(person.norm), taken, "person")
    return ids


def list_cell(values: Iterable[str]) -> str:
    """Several values in one cell (sectors, body types, body ids), as seats are joined."""
    return join_seats(values)


def bodies_of_people(m: Membership) -> dict[Person, list[str]]:
    """The bodies each person holds a seat on, in file order, each once."""
    out: dict[Person, list[str]] = {}
    for body in m.bodies.values():
        for seat in body.members:
            held = out.setdefault(seat.person, [])
            if body.id not in held:
                held.append(body.id)
    return out


def join_seats(seats: Iterable[str]) -> str:
    return f"{SEAT_SEPARATOR} ".join(seats)
