"""Facts every rule shares, computed once per file (docs/spec/rules.md, Definitions)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from icp_cli.check.policy import Thresholds
from icp_cli.model import Body, Engagement, Membership, Person, Pos, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import CHAIR_SEATS

_COUNCILLOR_NAME = re.compile(r"^\s*(cllr|councillor)\b", re.IGNORECASE)
# docs/spec/rules.md, Definitions, Councillor: a role naming Councillor, Mayor, Cabinet Member,
# Executive Member (not Non-executive Member), Portfolio Holder or Lead Member, or
# beginning with Leader or Deputy Leader (whole words, any case).
_COUNCILLOR_ROLE = re.compile(
    r"\b(councillor|cllr|mayor|cabinet\s+member|portfolio\s+holder|lead\s+member)\b"
    r"|(?<![\w-])(?<!non\s)(?<!non-)executive\s+member\b"
    r"|^\W*(deputy\s+)?leader\b",
    re.IGNORECASE,
)

# A council by its name (docs/spec/rules.md, D208): a folded name ending in `council` or beginning
# with one of these.
_COUNCIL_PREFIXES = (
    "london borough of",
    "royal borough of",
    "city of london",
    "council of the isles of scilly",
)


def looks_like_council(name: str) -> bool:
    key = normalise_organisation(name)
    return key.endswith(" council") or key == "council" or key.startswith(_COUNCIL_PREFIXES)


# Abbreviations written for a council's kind ("Hillcombe BC"); CC may be a city or county.
_COUNCIL_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bc": ("borough council",),
    "mbc": ("metropolitan borough council",),
    "cc": ("city council", "county council"),
    "dc": ("district council",),
    "ucc": ("unitary council",),
}


def _council_spellings(key: str) -> list[str]:
    """A folded council name with a trailing abbreviation written out (every reading)."""
    head, _, last = key.rpartition(" ")
    return [f"{head} {full}".strip() for full in _COUNCIL_ABBREVIATIONS.get(last, ())] or [key]


def close_council(name: str, councils: Iterable[str]) -> str | None:
    """The listed council that `name` most likely means, when they are close but not equal:
    an abbreviation (`BC` for `Borough Council`), a missing or extra word, or a typo of at
    most two letters (docs/spec/rules.md, R301 and D208 hints). None when none is close."""
    return council_index(tuple(councils)).closest(name)


@lru_cache(maxsize=64)
def council_index(councils: tuple[str, ...]) -> CouncilIndex:
    return CouncilIndex(councils)


class CouncilIndex:
    """Listed councils, indexed once so that many names can be matched against them in
    about linear time: by exact spelling, by one word fewer, then by edit distance."""

    def __init__(self, councils: tuple[str, ...]) -> None:
        self.by_key: dict[str, str] = {}
        self.by_shorter: dict[str, str] = {}  # a listed name less one of its words
        for council in councils:
            key = normalise_organisation(council)
            if not key:
                continue
            self.by_key.setdefault(key, council)
            for shorter in _one_word_fewer(key):
                self.by_shorter.setdefault(shorter, council)
        self.keys = list(self.by_key)

    def closest(self, name: str) -> str | None:
        key = normalise_organisation(name)
        if key in self.by_key:
            return None  # equal: not a near miss
        spellings = _council_spellings(key)
        for spelling in spellings:  # an abbreviation written out
            if spelling in self.by_key:
                return self.by_key[spelling]
        for spelling in spellings:  # a word missing from the name, or one too many
            if spelling in self.by_shorter:
                return self.by_shorter[spelling]
            for shorter in _one_word_fewer(spelling):
                if shorter in self.by_key:
                    return self.by_key[shorter]
        best: tuple[int, str] | None = None
        for spelling in spellings:  # a typo of at most two letters
            if len(spelling) < 6:
                continue
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            match = process.extractOne(
                spelling, self.keys, scorer=Levenshtein.distance, score_cutoff=2
            )
            if match is not None and len(match[0]) >= 6 and (best is None or match[1] < best[0]):
                best = (int(match[1]), match[0])
        return self.by_key[best[1]] if best else None


def _one_word_fewer(key: str) -> list[str]:
    words = key.split()
    if len(words) < 2:
        return []
    return [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]


# -- format 1.1 fields, read in one place ----------------------------------------------------


def sectors(seat: Seat | Person) -> tuple[str, ...]:
    """Every sector of a seat (or person): several for a combined trust (docs/spec/rules.md, Several
    sectors); the first is the one counted by group."""
    return seat.sectors or ((seat.sector,) if seat.sector else ())


def has_sector(seat: Seat | Person, *wanted: str) -> bool:
    return any(s in wanted for s in sectors(seat))


def term_end(seat: Seat) -> tuple[datetime.date, Pos] | None:
    """A seat's `term.to` and where it is written, if it has one."""
    if seat.term_to is None:
        return None
    return seat.term_to, seat.term_to_pos or seat.pos


class Context:
    """A loaded membership plus the thresholds in force and the shared derived facts."""

    def __init__(
        self,
        membership: Membership,
        thresholds: Thresholds | None = None,
        as_of: datetime.date | None = None,
    ) -> None:
        self.m = membership
        self.thresholds = thresholds or Thresholds()
        # docs/spec/rules.md, As-of date: `--as-of`, else today's date.
        self.as_of = as_of or datetime.date.today()

    # -- bodies ---------------------------------------------------------------------------

    @cached_property
    def icb(self) -> Body | None:
        return self.m.icb

    @cached_property
    def icps(self) -> list[Body]:
        return self.of_type("icp")

    def of_type(self, body_type: str) -> list[Body]:
        """Bodies of a type, its own or through `also`, in file order."""
        return self.m.bodies_acting_as(body_type)

    @staticmethod
    def filled(body: Body) -> list[Seat]:
        """The body's filled seats: a vacant seat counts only for size (docs/spec/rules.md, Vacant
        seats); the model keeps vacant seats apart, in `body.vacancies`."""
        return list(body.members)

    def seats(self, body: Body) -> list[Seat]:
        return self.filled(body)

    def member_seats(self, body: Body) -> list[Seat]:
        """Filled member seats."""
        return [s for s in self.seats(body) if s.is_member]

    def sized_seats(self, body: Body) -> list[Seat]:
        """Member seats for the size rules (S): vacant ones included."""
        return [s for s in body.all_seats if s.is_member]

    def vacant_kind(self, body: Body, *kinds: str) -> bool:
        """A vacant member seat of one of these kinds exists on the body."""
        return any(
            s.is_member and any(k in kinds for k in s.seats) for s in body.vacancies
        )

    def seats_with_kind(self, seats: Iterable[Seat], *kinds: str) -> list[Seat]:
        return [s for s in seats if any(k in kinds for k in s.seats)]

    def chairs(self, body: Body) -> list[Person]:
        """Whoever `chair:` names, plus holders of `chair` and `co-chair` seats, a
        substitute's excepted (substitutes count for nothing but sitting on the body)."""
        found: dict[int, Person] = {}
        if body.chair_person is not None:
            found[id(body.chair_person)] = body.chair_person
        for seat in self.seats(body):
            if seat.sits and any(k in CHAIR_SEATS for k in seat.seats):
                found.setdefault(id(seat.person), seat.person)
        return list(found.values())

    def has_chair(self, body: Body) -> bool:
        return body.chair is not None or any(s.sits and s.is_chair_seat for s in self.seats(body))

    def sitting_people(self, body: Body) -> set[Person]:
        """People with a seat other than a substitute's or a vacant one."""
        return {s.person for s in self.seats(body) if s.sits}

    def voice_people(self, body: Body) -> set[Person]:
        """People with a member or participant seat (D202's ICB side)."""
        return {s.person for s in self.seats(body) if s.has_voice}

    def all_people(self, body: Body) -> set[Person]:
        """People with any filled seat, substitutes included (overlap, D201, D206)."""
        return {s.person for s in self.seats(body)}

    # -- people ---------------------------------------------------------------------------

    @cached_property
    def seats_of(self) -> dict[Person, list[Seat]]:
        """Every seat of every person, in file order."""
        out: dict[Person, list[Seat]] = {}
        for body in self.m.bodies.values():
            for seat in self.seats(body):
                out.setdefault(seat.person, []).append(seat)
        return out

    @cached_property
    def _councillor_seat_holders(self) -> set[Person]:
        return {
            s.person
            for b in self.m.bodies.values()
            for s in self.seats(b)
            if "councillor" in s.seats
        }

    def is_councillor(self, person: Person) -> bool:
        """A `councillor` seat anywhere, a name beginning Cllr/Councillor, or a role as
        docs/spec/rules.md's Definitions list them. Sector `local-government` alone is not
        enough."""
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

    def seats_from(self, body: Body) -> dict[str, list[Seat]]:
        """The body's member seats under each organisation they were appointed by or are
        from (normalised `appointed_by` and `organisation`): `is_from` for a whole body at
        once, worked out once per body."""
        cached = self._seats_from.get(body.id)
        if cached is not None:
            return cached
        out: dict[str, list[Seat]] = {}
        for seat in self.member_seats(body):
            keys = {
                normalise_organisation(value)
                for value in (seat.appointed_by, seat.organisation)
                if value is not None
            }
            for key in keys:
                out.setdefault(key, []).append(seat)
        self._seats_from[body.id] = out
        return out

    @cached_property
    def _seats_from(self) -> dict[str, dict[str, list[Seat]]]:
        return {}

    # -- ICP scope (V rules) ------------------------------------------------------------------

    def scope_of(self, icp: Body) -> list[Body]:
        """The ICP and every body whose reports_to chain leads to it, in file order.

        Found by walking down from the ICP (each body once), so a long chain or a
        reporting circle (G708) costs linear time; worked out once per ICP."""
        cached = self._scopes.get(icp.id)
        if cached is not None:
            return cached
        below: set[str] = set()
        todo = [icp.id]
        while todo:
            for child in self._reporting_to.get(todo.pop(), ()):
                if child not in below and child != icp.id:
                    below.add(child)
                    todo.append(child)
        scope = [icp, *(b for b in self.m.bodies.values() if b.id in below)]
        self._scopes[icp.id] = scope
        return scope

    @cached_property
    def _scopes(self) -> dict[str, list[Body]]:
        return {}

    @cached_property
    def _reporting_to(self) -> dict[str, list[str]]:
        """Body id → the ids of the bodies whose reports_to names it."""
        children: dict[str, list[str]] = {}
        for body in self.m.bodies.values():
            if body.reports_to is not None:
                children.setdefault(body.reports_to, []).append(body.id)
        return children

    def routes_to(self, bodies: Iterable[Body]) -> list[Engagement]:
        ids = {b.id for b in bodies}
        return [e for e in self.m.engagement if e.reports_to in ids]


def distinct_people(seats: Sequence[Seat]) -> list[Seat]:
    """The first seat of each person, in seat order."""
    seen: set[int] = set()
    out = []
    for seat in seats:
        if id(seat.person) not in seen:
            seen.add(id(seat.person))
            out.append(seat)
    return out
