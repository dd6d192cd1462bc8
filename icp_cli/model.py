"""The validated, immutable membership model. Every object keeps where it came from.

Built only by the loader; read by the analysis, the rules and the renderers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import date

from icp_cli.immutable import frozen
from icp_cli.vocab import CHAIR_SEATS, GROUP_OF_SECTOR

VACANT_NAME = "Vacant"  # what a vacant seat's placeholder person is called in views


@frozen
class Pos:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@frozen(eq=False)
class Person:
    """One identity: a `people[]` entry, or every inline seat whose names normalise alike.

    Compared by identity: two Person objects are two people, whatever their names.
    """

    ref: str  # the person id, or the normalised name of an inline person
    name: str  # as the user wrote it (first occurrence for inline people)
    norm: str  # normalised name (identity.normalise_name)
    pos: Pos  # the name's position (its first occurrence for inline people)
    id: str | None = None  # set for `people[]` entries
    organisation: str | None = None
    sector: str | None = None  # the first sector (B501's group and D205's `icb` test use it)
    not_same_as: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # every sector, first first (format 1.1: a list)

    @property
    def is_registered(self) -> bool:
        return self.id is not None

    def marked_not_same_as(self, other: Person) -> bool:
        """Either person lists the other's id in `not_same_as`: the file says these two
        are different people, so name matching (D204, overlap's close names) leaves them."""
        return (other.id is not None and other.id in self.not_same_as) or (
            self.id is not None and self.id in other.not_same_as
        )


@frozen
class Seat:
    """One member entry of a body: a person holding one or more seat kinds.

    A vacant seat (`vacant: true`) is not in `Body.members` but in `Body.vacancies`; its
    `person` is a placeholder of its own (`VACANT_NAME`, never in `Membership.people`).
    """

    body: str
    index: int  # the entry's place in the body's `members` list (vacant entries included)
    person: Person
    name: str  # the name as shown for this seat
    organisation: str | None
    sector: str | None  # the first sector (B501's group and D205's `icb` test use it)
    role: str | None
    seats: tuple[str, ...]
    attendance: str
    appointed_by: str | None
    pos: Pos  # the member entry
    name_pos: Pos  # the `person` or `name` value (the entry, for a vacant seat)
    role_pos: Pos | None = None
    seat_pos: Pos | None = None
    appointed_by_pos: Pos | None = None
    # format 1.1
    sectors: tuple[str, ...] = ()  # every sector of the seat, first first
    voting: bool = True  # False: a member without a vote (only on member seats)
    voting_pos: Pos | None = None
    substitute_for: str | None = None  # as written (a person id or a name)
    substitute_for_person: Person | None = None  # the member it names, on the same body
    substitute_for_pos: Pos | None = None
    vacant: bool = False
    vacant_pos: Pos | None = None
    term_from: date | None = None
    term_to: date | None = None
    term_pos: Pos | None = None  # the `term` value
    term_from_pos: Pos | None = None
    term_to_pos: Pos | None = None

    @property
    def is_member(self) -> bool:
        return self.attendance == "member"

    @property
    def is_voting_member(self) -> bool:
        """A member seat with a vote (B501 counts these)."""
        return self.attendance == "member" and self.voting

    @property
    def is_filled(self) -> bool:
        return not self.vacant

    @property
    def sits(self) -> bool:
        """'Sitting on' a body: any seat but a substitute's (docs/spec/rules.md, Definitions)."""
        return self.attendance != "substitute" and not self.vacant

    @property
    def has_voice(self) -> bool:
        """Voice rules count members and participants, not observers or substitutes."""
        return self.attendance in ("member", "participant") and not self.vacant

    @property
    def group(self) -> str | None:
        return GROUP_OF_SECTOR.get(self.sector) if self.sector else None

    def has_sector(self, *sectors: str) -> bool:
        """Whether any of the seat's sectors is among `sectors` (docs/spec/rules.md: several
        sectors)."""
        return any(s in sectors for s in self.sectors)

    @property
    def has_term(self) -> bool:
        return self.term_from is not None or self.term_to is not None

    @property
    def is_chair_seat(self) -> bool:
        return any(s in CHAIR_SEATS for s in self.seats)


@frozen
class Meetings:
    public: bool | None = None
    frequency: str | None = None
    quorum: int | None = None
    pos: Pos | None = None
    public_pos: Pos | None = None
    frequency_pos: Pos | None = None
    quorum_pos: Pos | None = None


@frozen
class Body:
    id: str
    type: str
    name: str
    members: tuple[Seat, ...]
    pos: Pos  # the body's key under `bodies`
    members_pos: Pos  # the `members` key
    chair: str | None = None  # as written
    chair_person: Person | None = None  # who `chair:` resolves to, if anyone
    chair_pos: Pos | None = None
    meetings: Meetings | None = None
    reports_to: str | None = None
    reports_to_pos: Pos | None = None
    place: str | None = None
    partial: bool = False
    local_authorities: tuple[str, ...] | None = None
    local_authorities_pos: tuple[Pos, ...] = ()
    name_given: bool = False
    # format 1.1
    vacancies: tuple[Seat, ...] = ()  # vacant seats, in file order (not in `members`)
    also: tuple[str, ...] = ()  # further body types this body is (`also: [hwb]`)
    also_pos: Pos | None = None
    in_common_with: tuple[str, ...] = ()  # body ids, as written on this body only
    in_common_with_pos: tuple[Pos, ...] = ()
    function: str | None = None  # a committee's function: audit, remuneration, ...
    function_pos: Pos | None = None

    @property
    def types(self) -> tuple[str, ...]:
        """The body's own type, then its `also` types."""
        return (self.type, *self.also)

    def is_a(self, body_type: str) -> bool:
        """Whether the body is of `body_type`, by its own type or by `also`."""
        return body_type == self.type or body_type in self.also

    @property
    def all_seats(self) -> tuple[Seat, ...]:
        """Filled and vacant seats together, in file order."""
        if not self.vacancies:
            return self.members
        return tuple(sorted(self.members + self.vacancies, key=lambda s: s.index))


@frozen
class Engagement:
    name: str
    type: str | None
    reports_to: str
    involves: tuple[str, ...]
    pos: Pos
    type_given: bool = True
    involves_pos: Pos | None = None  # the `involves` value (R311 points there)


@frozen
class Policy:
    """Thresholds and switches written in a file's `policy:` (unset keys are absent)."""

    values: Mapping[str, object] = field(default_factory=dict)
    max_members: Mapping[str, int] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    regime: str | None = None  # `policy.regime` as written (validated); None: not set
    regime_pos: Pos | None = None


@frozen
class System:
    name: str
    pos: Pos
    population: int | None = None
    local_authorities: tuple[str, ...] = ()
    local_authorities_pos: tuple[Pos, ...] = ()
    places: tuple[str, ...] = ()
    # format 1.1
    partly: frozenset[str] = frozenset()  # names (as written) of councils with `partly: true`
    mayoral_authorities: tuple[str, ...] = ()
    mayoral_authorities_pos: tuple[Pos, ...] = ()

    def is_partly(self, council: str) -> bool:
        """Whether a council (as written in `local_authorities`) is only partly in the ICB."""
        return council in self.partly


@frozen
class Membership:
    path: str
    version: int
    system: System
    people: tuple[Person, ...]  # every identity, registry first, then inline in file order
    bodies: Mapping[str, Body]
    engagement: tuple[Engagement, ...]
    policy: Policy
    unknown_seats: tuple[tuple[str, Pos, str], ...] = ()  # (seat, where, body id)

    def bodies_of_type(self, body_type: str) -> list[Body]:
        return [b for b in self.bodies.values() if b.type == body_type]

    @property
    def icb(self) -> Body | None:
        return next((b for b in self.bodies.values() if b.type == "icb"), None)

    @property
    def icps(self) -> list[Body]:
        return self.bodies_of_type("icp")

    def names_icb(self, value: str | None) -> bool:
        """Whether an `appointed_by` value names the system's ICB: the word `icb` always
        does (even with no ICB body in the file), and so does the ICB body's id."""
        if value is None:
            return False
        icb = self.icb
        return value == "icb" or (icb is not None and value == icb.id)

    def bodies_acting_as(self, body_type: str) -> list[Body]:
        """Bodies of a type by their own type or by `also` (`also: [hwb]` on an ICP)."""
        return [b for b in self.bodies.values() if b.is_a(body_type)]

    def in_common(self, a: str, b: str) -> bool:
        """Whether one of two bodies names the other in `in_common_with`."""
        ba, bb = self.bodies.get(a), self.bodies.get(b)
        return bool(
            (ba is not None and b in ba.in_common_with)
            or (bb is not None and a in bb.in_common_with)
        )

    def in_common_with(self, body_id: str) -> tuple[str, ...]:
        """Every body meeting in common with `body_id`, named on either side, in file order."""
        return tuple(
            other for other in self.bodies if other != body_id and self.in_common(body_id, other)
        )
