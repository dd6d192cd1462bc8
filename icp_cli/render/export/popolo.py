"""The membership as Popolo JSON (https://www.popoloproject.com/specs/).

persons: one per person, titles split out into `honorific_prefix`/`honorific_suffix`.
organizations: one per body (classification = the body type, parent_id = reports_to),
then one per council (classification "council") and one per other organisation people
come from (classification "employer").
memberships: one per seat, in the body; `role` as the file writes it, `post_id` naming
the seat kinds, `on_behalf_of_id` the organisation that nominated or appointed the
member where the file says so (see `_on_behalf_of`).
posts: one per body and combination of seat kinds that some seat holds, vacant seats
included (a vacant seat is a post with no membership).
Dates: a seat's term of office is its membership's `start_date` and `end_date`. A member
without a vote, and a substitute with the member they deputise for, say so in the
membership's `label`. Mayoral strategic authorities are organisations of classification
"mayoral-authority".
"""

from __future__ import annotations

from icp_cli.load.seat_table import TakenIds, export_person_ids, join_seats, new_id
from icp_cli.model import Body, Membership, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.people.names import slug, split_name
from icp_cli.render.json_out import dumps

# ICB partner members are nominated by an organisation (NHS Act 2006 Sch. 1B para 8): the
# one the file names as theirs is the one they sit for.
PARTNER_SEATS = frozenset({"partner-trusts", "partner-primary-care", "partner-local-authority"})


class _Organisations:
    """Councils and employers, one each however their names are spelt."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.by_key: dict[str, dict[str, object]] = {}

    def add(self, name: str, classification: str) -> str:
        key = normalise_organisation(name)
        found = self.by_key.get(key)
        if found is None:
            found = {
                "id": new_id("org-" + slug(name), self.taken, "org"),
                "name": name,
                "classification": classification,
            }
            self.by_key[key] = found
        return str(found["id"])

    def id_of(self, name: str) -> str | None:
        found = self.by_key.get(normalise_organisation(name))
        return str(found["id"]) if found else None


def render(m: Membership) -> str:
    person_ids = export_person_ids(m)
    persons = []
    for person in m.people:
        parts = split_name(person.name)
        entry: dict[str, object] = {"id": person_ids[person], "name": person.name}
        if parts.prefix:
            entry["honorific_prefix"] = parts.prefix
        if parts.given and parts.family:
            entry["given_name"] = parts.given
            entry["family_name"] = parts.family
        if parts.suffix:
            entry["honorific_suffix"] = parts.suffix
        persons.append(entry)

    organizations: list[dict[str, object]] = []
    for body in m.bodies.values():
        org: dict[str, object] = {"id": body.id, "name": body.name, "classification": body.type}
        if body.reports_to:
            org["parent_id"] = body.reports_to
        organizations.append(org)
    others = _Organisations(TakenIds(m.bodies))
    councils = list(m.system.local_authorities)
    for body in m.bodies.values():
        councils.extend(body.local_authorities or ())
    for council in councils:
        others.add(council, "council")
    for authority in m.system.mayoral_authorities:
        others.add(authority, "mayoral-authority")
    for person in m.people:
        if person.organisation:
            others.add(person.organisation, "employer")
    for body in m.bodies.values():
        for seat in body.members:
            if seat.organisation:
                others.add(seat.organisation, "employer")
    organizations.extend(others.by_key.values())

    posts: dict[tuple[str, tuple[str, ...]], dict[str, object]] = {}
    post_ids: set[str] = TakenIds()
    memberships: list[dict[str, object]] = []
    membership_ids: set[str] = TakenIds()

    def post_of(body: Body, seat: Seat) -> dict[str, object]:
        post = posts.get((body.id, seat.seats))
        if post is None:
            label = join_seats(seat.seats)
            post = {
                "id": new_id(f"{body.id}/{'+'.join(seat.seats)}", post_ids, "post"),
                "label": label,
                "role": label,
                "organization_id": body.id,
            }
            posts[(body.id, seat.seats)] = post
        return post

    for body in m.bodies.values():
        for vacancy in body.vacancies:
            if vacancy.seats:
                post_of(body, vacancy)
        for number, seat in enumerate(body.members, start=1):
            entry = {
                "id": new_id(f"{body.id}/{number}", membership_ids, "membership"),
                "person_id": person_ids[seat.person],
                "organization_id": body.id,
            }
            if seat.role:
                entry["role"] = seat.role
            if seat.seats:
                entry["post_id"] = post_of(body, seat)["id"]
            label = _label(seat)
            if label:
                entry["label"] = label
            on_behalf_of = _on_behalf_of(seat, body, m, others)
            if on_behalf_of:
                entry["on_behalf_of_id"] = on_behalf_of
            if seat.term_from is not None:
                entry["start_date"] = seat.term_from.isoformat()
            if seat.term_to is not None:
                entry["end_date"] = seat.term_to.isoformat()
            memberships.append(entry)

    return dumps(
        {
            "persons": persons,
            "organizations": organizations,
            "memberships": memberships,
            "posts": list(posts.values()),
        }
    )


def _label(seat: Seat) -> str | None:
    """The seat kinds, and how the holder attends where they are not a full member."""
    kinds = join_seats(seat.seats)
    how = seat.attendance
    if seat.attendance == "member":
        if seat.voting:
            return kinds or None
        how = "member without a vote"
    principal = seat.substitute_for_person
    if principal is not None:
        how += f" for {principal.name}"
    return f"{kinds} ({how})" if kinds else how


def _on_behalf_of(seat: Seat, body: Body, m: Membership, others: _Organisations) -> str | None:
    """Who the member sits for: whoever appointed them, else an ICB partner's organisation."""
    if seat.appointed_by:
        if seat.appointed_by in m.bodies:
            return seat.appointed_by
        icb = m.icb
        if m.names_icb(seat.appointed_by) and icb is not None:
            return icb.id
        return others.id_of(seat.appointed_by)
    if body.type == "icb" and PARTNER_SEATS & set(seat.seats) and seat.organisation:
        return others.id_of(seat.organisation)
    return None
