"""Facts every rule shares, computed once per file (rules.md, Definitions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from .identity import normalise_organisation
from .model import Body, Engagement, Membership, Person, Pos, Seat
from .policy import Thresholds
from .vocab import CHAIR_SEATS

_COUNCILLOR_NAME = re.compile(r"^\s*(cllr|councillor)\b", re.IGNORECASE)
_COUNCILLOR_ROLE = re.compile(r"\b(councillor|cllr|mayor|cabinet member)\b", re.IGNORECASE)


class Context:
    """A loaded membership plus the thresholds in force and the shared derived facts."""

    def __init__(self, membership: Membership, thresholds: Thresholds | None = None) -> None:
        self.m = membership
        self.thresholds = thresholds or Thresholds()

    # -- bodies ---------------------------------------------------------------------------

    @cached_property
    def icb(self) -> Body | None:
        return self.m.icb

    @cached_property
    def icps(self) -> list[Body]:
        return self.m.icps

    def member_seats(self, body: Body) -> list[Seat]:
        return [s for s in body.members if s.is_member]

    def seats_with_kind(self, seats: Iterable[Seat], *kinds: str) -> list[Seat]:
        return [s for s in seats if any(k in kinds for k in s.seats)]

    def chairs(self, body: Body) -> list[Person]:
        """Whoever `chair:` names, plus holders of `chair` and `co-chair` seats, a
        substitute's excepted (substitutes count for nothing but sitting on the body)."""
        found: dict[int, Person] = {}
        if body.chair_person is not None:
            found[id(body.chair_person)] = body.chair_person
        for seat in body.members:
            if seat.sits and any(k in CHAIR_SEATS for k in seat.seats):
                found.setdefault(id(seat.person), seat.person)
        return list(found.values())

    def has_chair(self, body: Body) -> bool:
        return body.chair is not None or any(s.sits and s.is_chair_seat for s in body.members)

    def sitting_people(self, body: Body) -> set[Person]:
        """People with a seat other than a substitute's."""
        return {s.person for s in body.members if s.sits}

    def all_people(self, body: Body) -> set[Person]:
        """People with any seat, substitutes included (overlap, D201, D206)."""
        return {s.person for s in body.members}

    # -- people ---------------------------------------------------------------------------

    @cached_property
    def seats_of(self) -> dict[Person, list[Seat]]:
        """Every seat of every person, in file order."""
        out: dict[Person, list[Seat]] = {}
        for body in self.m.bodies.values():
            for seat in body.members:
                out.setdefault(seat.person, []).append(seat)
        return out

    @cached_property
    def _councillor_seat_holders(self) -> set[Person]:
        return {
            s.person
            for b in self.m.bodies.values()
            for s in b.members
            if "councillor" in s.seats
        }

    def is_councillor(self, person: Person) -> bool:
        """A `councillor` seat anywhere, a name beginning Cllr/Councillor, or a role naming
        Councillor, Mayor or Cabinet Member. Sector `local-government` alone is not enough."""
        if person in self._councillor_seat_holders:
            return True
        seats = self.seats_of.get(person, [])
        names = {person.name, *(s.name for s in seats)}
        if any(_COUNCILLOR_NAME.match(n) for n in names):
            return True
        return any(s.role and _COUNCILLOR_ROLE.search(s.role) for s in seats)

    # -- councils ---------------------------------------------------------------------------

    def councils_of(self, body: Body) -> list[tuple[str, Pos]]:
        """The councils a body covers: its own list, which replaces the system's, else the
        system's."""
        if body.local_authorities is not None:
            return list(zip(body.local_authorities, body.local_authorities_pos, strict=True))
        return list(
            zip(self.m.system.local_authorities, self.m.system.local_authorities_pos, strict=True)
        )

    @cached_property
    def council_keys(self) -> set[str]:
        """Every council named anywhere in the file, normalised."""
        keys = {normalise_organisation(c) for c in self.m.system.local_authorities}
        for body in self.m.bodies.values():
            keys.update(normalise_organisation(c) for c in body.local_authorities or ())
        return keys

    @staticmethod
    def is_from(seat: Seat, organisation: str) -> bool:
        """The seat was appointed by, or is held by someone from, this organisation."""
        key = normalise_organisation(organisation)
        return any(
            value is not None and normalise_organisation(value) == key
            for value in (seat.appointed_by, seat.organisation)
        )

    # -- ICP scope (V rules) ------------------------------------------------------------------

    def scope_of(self, icp: Body) -> list[Body]:
        """The ICP and every body whose reports_to chain leads to it, in file order.

        Found by walking down from the ICP, each body once: a chain of thousands of bodies
        costs thousands of steps, not the square of them."""
        below: set[str] = set()
        todo = [icp.id]
        while todo:
            for child in self._reporting.get(todo.pop(), ()):
                if child not in below and child != icp.id:
                    below.add(child)
                    todo.append(child)
        return [icp, *(b for b in self.m.bodies.values() if b.id in below)]

    @cached_property
    def _reporting(self) -> dict[str, list[str]]:
        """Body id -> the ids of the bodies that report to it directly."""
        children: dict[str, list[str]] = {}
        for body in self.m.bodies.values():
            if body.reports_to is not None:
                children.setdefault(body.reports_to, []).append(body.id)
        return children

    def routes_to(self, bodies: Iterable[Body]) -> list[Engagement]:
        ids = {b.id for b in bodies}
        return [e for e in self.m.engagement if e.reports_to in ids]
