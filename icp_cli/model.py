"""The validated, immutable membership model. Every object keeps where it came from.

Built only by the loader; read by the analysis, the rules and the renderers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .vocab import CHAIR_SEATS, GROUP_OF_SECTOR


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True, eq=False)
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
    sector: str | None = None
    not_same_as: tuple[str, ...] = ()

    @property
    def is_registered(self) -> bool:
        return self.id is not None


@dataclass(frozen=True, slots=True)
class Seat:
    """One member entry of a body: a person holding one or more seat kinds."""

    body: str
    index: int
    person: Person
    name: str  # the name as shown for this seat
    organisation: str | None
    sector: str | None
    role: str | None
    seats: tuple[str, ...]
    attendance: str
    appointed_by: str | None
    pos: Pos  # the member entry
    name_pos: Pos  # the `person` or `name` value
    role_pos: Pos | None = None
    seat_pos: Pos | None = None
    appointed_by_pos: Pos | None = None

    @property
    def is_member(self) -> bool:
        return self.attendance == "member"

    @property
    def sits(self) -> bool:
        """'Sitting on' a body: any seat but a substitute's (rules.md, Definitions)."""
        return self.attendance != "substitute"

    @property
    def has_voice(self) -> bool:
        """Voice rules count members and participants, not observers or substitutes."""
        return self.attendance in ("member", "participant")

    @property
    def group(self) -> str | None:
        return GROUP_OF_SECTOR.get(self.sector) if self.sector else None

    @property
    def is_chair_seat(self) -> bool:
        return any(s in CHAIR_SEATS for s in self.seats)


@dataclass(frozen=True, slots=True)
class Meetings:
    public: bool | None = None
    frequency: str | None = None
    quorum: int | None = None
    pos: Pos | None = None
    public_pos: Pos | None = None
    frequency_pos: Pos | None = None
    quorum_pos: Pos | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Engagement:
    name: str
    type: str | None
    reports_to: str
    involves: tuple[str, ...]
    pos: Pos
    type_given: bool = True


@dataclass(frozen=True, slots=True)
class Policy:
    """Thresholds and switches written in a file's `policy:` (unset keys are absent)."""

    values: Mapping[str, object] = field(default_factory=dict)
    max_members: Mapping[str, int] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class System:
    name: str
    pos: Pos
    population: int | None = None
    local_authorities: tuple[str, ...] = ()
    local_authorities_pos: tuple[Pos, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
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
