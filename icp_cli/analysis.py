"""Facts every rule shares, computed once per file (rules.md, Definitions)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from functools import cached_property

from .identity import normalise_organisation
from .model import Body, Engagement, Membership, Person, Pos, Seat
from .policy import Thresholds
from .vocab import CHAIR_SEATS

_COUNCILLOR_NAME = re.compile(r"^\s*(cllr|councillor)\b", re.IGNORECASE)
# rules.md, Definitions, Councillor: a role naming Councillor, Mayor, Cabinet Member,
# Executive Member (not Non-executive Member), Portfolio Holder or Lead Member, or
# beginning with Leader or Deputy Leader (whole words, any case).
_COUNCILLOR_ROLE = re.compile(
    r"\b(councillor|cllr|mayor|cabinet\s+member|portfolio\s+holder|lead\s+member)\b"
    r"|(?<![\w-])(?<!non\s)(?<!non-)executive\s+member\b"
    r"|^\W*(deputy\s+)?leader\b",
    re.IGNORECASE,
)

# A council by its name (rules.md, D208): a folded name ending in `council` or beginning
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
    most two letters (rules.md, R301 and D208 hints). None when none is close."""
    from difflib import SequenceMatcher

    key = normalise_organisation(name)
    best: tuple[float, str] | None = None
    for council in councils:
        target = normalise_organisation(council)
        if not target or target == key:
            continue
        score = 0.0
        for spelling in _council_spellings(key):
            words, wanted = spelling.split(), target.split()
            if spelling == target:
                score = max(score, 3.0)
            elif (len(words) + 1 == len(wanted) and _one_word_out(words, wanted)) or (
                len(wanted) + 1 == len(words) and _one_word_out(wanted, words)
            ):
                score = max(score, 2.0)
            elif _edits_at_most(spelling, target, 2):
                score = max(score, 1.0 + SequenceMatcher(None, spelling, target).ratio() / 2)
        if score and (best is None or score > best[0]):
            best = (score, council)
    return best[1] if best else None


def _one_word_out(shorter: list[str], longer: list[str]) -> bool:
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _edits_at_most(a: str, b: str, limit: int) -> bool:
    if abs(len(a) - len(b)) > limit or min(len(a), len(b)) < 6:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


# -- format 1.1 fields, read in one place ----------------------------------------------------


def sectors(seat: Seat | Person) -> tuple[str, ...]:
    """Every sector of a seat (or person): several for a combined trust (rules.md, Several
    sectors); the first is the one counted by group."""
    return seat.sectors or ((seat.sector,) if seat.sector else ())


def has_sector(seat: Seat | Person, *wanted: str) -> bool:
    return any(s in wanted for s in sectors(seat))


def is_voting(seat: Seat) -> bool:
    return seat.voting


def term_end(seat: Seat) -> tuple[datetime.date, Pos] | None:
    """A seat's `term.to` and where it is written, if it has one."""
    if seat.term_to is None:
        return None
    return seat.term_to, seat.term_to_pos or seat.pos


def function_of(body: Body) -> str | None:
    """What a committee is for (`function`: audit, remuneration, …), if said."""
    return body.function


def types_of(body: Body) -> tuple[str, ...]:
    """A body's own type and its `also` types (rules.md, Bodies with two roles)."""
    return body.types


def is_a(body: Body, body_type: str) -> bool:
    return body.is_a(body_type)


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
        # rules.md, As-of date: `--as-of`, else today's date.
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
        return [b for b in self.m.bodies.values() if is_a(b, body_type)]

    @staticmethod
    def filled(body: Body) -> list[Seat]:
        """The body's filled seats: a vacant seat counts only for size (rules.md, Vacant
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
        rules.md's Definitions list them. Sector `local-government` alone is not enough."""
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
        """The ICP and every body whose reports_to chain leads to it."""
        return [icp, *(b for b in self.m.bodies.values() if icp.id in self._above[b.id])]

    @cached_property
    def _above(self) -> dict[str, frozenset[str]]:
        """Every body id on each body's reports_to chain, worked out once (each V rule asks
        for each ICP's scope)."""
        bodies = self.m.bodies
        above: dict[str, frozenset[str]] = {}
        for body in bodies.values():
            chain: list[str] = []
            seen = {body.id}
            target = body.reports_to
            while target is not None and target not in seen:
                chain.append(target)
                seen.add(target)
                parent = bodies.get(target)
                target = parent.reports_to if parent else None
            above[body.id] = frozenset(chain)
        return above

    def routes_to(self, bodies: Iterable[Body]) -> list[Engagement]:
        ids = {b.id for b in bodies}
        return [e for e in self.m.engagement if e.reports_to in ids]
