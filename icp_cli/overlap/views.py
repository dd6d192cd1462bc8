"""The cross-cutting view behind `icp overlap`: who sits on which body, and how much each
pair of bodies shares. Pure analysis over the model: nothing here prints or formats.

Membership follows docs/spec/rules.md (Definitions): any seat counts, substitutes included; vacant
seats count in a body's seats and are listed with it, but make no row. Rows are
people by default; `by="organisation"` or `by="sector"` groups the same seats by the
holder's organisation or sector group, and then a cell counts seats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from icp_cli.check.context import Context
from icp_cli.immutable import frozen
from icp_cli.model import Body, Membership, Person, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import GROUP_OF_SECTOR, SECTOR_GROUPS

By = Literal["person", "organisation", "sector"]
BY_CHOICES: tuple[str, ...] = ("person", "organisation", "sector")

# Twelve times the largest synthetic system (benchmarks: one ICB over four partnerships,
# 157 bodies, about 4,000); it keeps the pair table, and the memory and time it takes,
# in proportion to the file.
MAX_SHARED_PAIRS = 50_000

# The strongest attendance wins when one row holds several seats on a body.
_ATTENDANCE_RANK = {"member": 0, "participant": 1, "observer": 2, "substitute": 3}


@frozen
class Column:
    """One body, as a column of the matrix."""

    id: str
    type: str
    name: str
    seats: int  # every seat, whatever its attendance, vacant seats included
    size: int  # distinct rows (people, organisations …) with a seat on it
    order: int  # the body's position in the file
    vacancies: tuple[str, ...] = ()  # a description of each vacant seat, in file order
    also: tuple[str, ...] = ()  # further types of the body (`also`): it is one body
    in_common_with: tuple[str, ...] = ()  # bodies meeting with it, named on either side

    @property
    def vacant(self) -> int:
        return len(self.vacancies)


@frozen
class Cell:
    """What one row holds on one body."""

    seats: int
    attendance: str  # the strongest attendance among those seats
    chair: bool  # a chair of the body (analysis.Context.chairs); people only
    first: int  # index of the row's first seat on the body, for ordering
    roles: tuple[str, ...] = ()
    non_voting: bool = False  # holds member seats here, none of them with a vote
    substitute_for: tuple[tuple[str, str], ...] = ()  # (ref, name) of each principal


@frozen
class Row:
    """A person (or an organisation, or a sector group) and their seats, body by body."""

    id: str | None  # Person.ref, a normalised organisation, a sector group; None: unknown
    name: str
    cells: Mapping[str, Cell]  # body id -> cell, bodies in file order
    first: int  # order of first appearance (first seat in the file)

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(self.cells)

    @property
    def seats(self) -> int:
        return sum(c.seats for c in self.cells.values())

    @property
    def shared(self) -> bool:
        """On two or more bodies (a row with no id is not one holder, so never shared)."""
        return self.id is not None and len(self.cells) >= 2


@frozen
class Pair:
    """Two bodies that share at least one row."""

    a: str
    b: str
    shared: tuple[str, ...]  # row ids, in order of first appearance
    size_a: int
    size_b: int
    in_common: bool = False  # one of the two names the other in `in_common_with`

    @property
    def smaller(self) -> int:
        return min(self.size_a, self.size_b)

    @property
    def union(self) -> int:
        return self.size_a + self.size_b - len(self.shared)

    @property
    def share_of_smaller(self) -> float:
        return len(self.shared) / self.smaller

    @property
    def jaccard(self) -> float:
        return len(self.shared) / self.union


@frozen
class MaybeSame:
    """Two people in view whose names are close (D204): never merged, only reported,
    because counting them as two may hide overlap."""

    a: str
    a_name: str
    a_line: int
    b: str
    b_name: str
    b_line: int


@frozen
class UnseatedChair:
    """A body's `chair:` who holds no seat on it: no row of the matrix shows them there."""

    body: str
    name: str  # as the person is named, or as `chair:` writes an unknown name
    person: str | None  # Person.ref, or None when `chair:` names nobody in the file
    bodies: tuple[str, ...]  # the bodies in view where they do hold a seat


@frozen
class Overlap:
    """The analysed view. `rows` keeps every row in first-appearance order."""

    path: str
    system: str
    by: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pairs: tuple[Pair, ...]
    only_shared: bool = False
    selected: tuple[str, ...] | None = None  # --bodies, in the order given
    hidden_columns: tuple[str, ...] = ()  # bodies left out of the matrix by --only-shared
    total: int = 0  # rows with an id before --only-shared filtered them
    maybe_same: tuple[MaybeSame, ...] = ()
    unseated_chairs: tuple[UnseatedChair, ...] = ()

    def column(self, body_id: str) -> Column:
        return next(c for c in self.columns if c.id == body_id)

    def row(self, row_id: str | None) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    @property
    def shared_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.shared)


@frozen
class SideBySide:
    """Two bodies: the rows only on the first, on both, and only on the second."""

    a: Column
    b: Column
    only_a: tuple[Row, ...]
    both: tuple[Row, ...]
    only_b: tuple[Row, ...]
    pair: Pair | None


# -- building ---------------------------------------------------------------------------


def _seat_key(seat: Seat, by: str) -> tuple[object, str | None, str]:
    """The row a seat belongs to: (key, id, display name). People are keyed by identity,
    as the model compares them: two people never share a row, whatever their refs."""
    if by == "person":
        return seat.person, seat.person.ref, seat.person.name
    if by == "organisation":
        if not seat.organisation:
            return None, None, "(no organisation)"
        key = normalise_organisation(seat.organisation)
        return key, key, seat.organisation
    group = GROUP_OF_SECTOR.get(seat.sector) if seat.sector else None
    return (group, group, group) if group else (None, None, "(no sector)")


def vacancy_label(seat: Seat) -> str:
    """How a vacant seat is described: its role (else its seat kinds), then its seat
    kinds, organisation and attendance where they add something."""
    kinds = ", ".join(seat.seats)
    text = seat.role or kinds or "a seat"
    if seat.role and kinds:
        text += f" ({kinds})"
    if seat.organisation:
        text += f", {seat.organisation}"
    if seat.attendance != "member":
        text += f" [{seat.attendance}]"
    return text


def _stronger(a: str, b: str) -> str:
    return a if _ATTENDANCE_RANK.get(a, 9) <= _ATTENDANCE_RANK.get(b, 9) else b


def build(
    m: Membership,
    by: str = "person",
    bodies: Sequence[str] | None = None,
    only_shared: bool = False,
) -> Overlap:
    """Analyse a membership. `bodies` restricts the view to those body ids (all of them
    must exist: the command checks); `only_shared` keeps the rows on two or more of the
    bodies in view."""
    if by not in BY_CHOICES:
        raise ValueError(f"by must be one of {BY_CHOICES}, not {by!r}")
    ctx = Context(m)
    wanted = set(bodies) if bodies is not None else None
    in_view = [b for b in m.bodies.values() if wanted is None or b.id in wanted]

    cells: dict[object, dict[str, Cell]] = {}
    ids: dict[object, str | None] = {}
    names: dict[object, str] = {}
    first: dict[object, int] = {}
    seats_on: dict[str, int] = {}
    votes: dict[tuple[object, str], list[int]] = {}  # (row, body) -> [member, voting]
    counter = 0
    for body in in_view:
        chairs = {id(p) for p in ctx.chairs(body)} if by == "person" else set()
        seats_on[body.id] = len(body.members) + len(body.vacancies)
        for seat in body.members:
            key, row_id, name = _seat_key(seat, by)
            if key not in first:
                first[key] = counter
                ids[key] = row_id
                names[key] = name
            counter += 1
            row = cells.setdefault(key, {})
            cell = row.get(body.id)
            roles = (seat.role,) if seat.role else ()
            principal = seat.substitute_for_person
            deputises = ((principal.ref, principal.name),) if principal is not None else ()
            tally = votes.setdefault((key, body.id), [0, 0])
            if seat.is_member:
                tally[0] += 1
                tally[1] += seat.voting
            non_voting = tally[0] > 0 and tally[1] == 0
            if cell is None:
                row[body.id] = Cell(
                    seats=1,
                    attendance=seat.attendance,
                    chair=id(seat.person) in chairs,
                    first=seat.index,
                    roles=roles,
                    non_voting=non_voting,
                    substitute_for=deputises,
                )
            else:
                row[body.id] = Cell(
                    seats=cell.seats + 1,
                    attendance=_stronger(cell.attendance, seat.attendance),
                    chair=cell.chair,
                    first=cell.first,
                    roles=cell.roles + roles,
                    non_voting=non_voting,
                    substitute_for=tuple(dict.fromkeys(cell.substitute_for + deputises)),
                )

    place = {body_id: i for i, body_id in enumerate(m.bodies)}
    common: dict[str, dict[str, None]] = {}  # named on either side
    for body in m.bodies.values():
        for other in body.in_common_with:
            common.setdefault(body.id, {})[other] = None
            common.setdefault(other, {})[body.id] = None
    rows = [
        Row(id=ids[key], name=names[key], cells=cells[key], first=first[key])
        for key in sorted(first, key=first.__getitem__)
    ]
    sizes = dict.fromkeys(seats_on, 0)
    for made in rows:
        if made.id is not None:
            for body_id in made.cells:
                sizes[body_id] += 1
    columns = [
        Column(
            id=b.id,
            type=b.type,
            name=b.name,
            seats=seats_on[b.id],
            size=sizes[b.id],
            order=i,
            vacancies=tuple(vacancy_label(v) for v in b.vacancies),
            also=b.also,
            in_common_with=tuple(
                sorted((o for o in common.get(b.id, ()) if o in seats_on), key=lambda o: place[o])
            ),
        )
        for i, b in enumerate(in_view)
    ]
    pairs = pair_statistics(rows, columns, m.path)
    hidden: tuple[str, ...] = ()
    total = sum(1 for r in rows if r.id is not None)
    maybe_same = _maybe_same([k for k in first if isinstance(k, Person)]) if by == "person" else ()
    if only_shared:
        rows = [r for r in rows if r.shared]
        on_shown = {b for r in rows for b in r.cells}
        hidden = tuple(c.id for c in columns if c.id not in on_shown)
    unseated = _unseated_chairs(in_view, rows) if by == "person" else ()
    return Overlap(
        path=m.path,
        system=m.system.name,
        by=by,
        columns=tuple(columns),
        rows=tuple(rows),
        pairs=tuple(pairs),
        only_shared=only_shared,
        selected=tuple(bodies) if bodies is not None else None,
        hidden_columns=hidden,
        total=total,
        maybe_same=maybe_same,
        unseated_chairs=unseated,
    )


def _unseated_chairs(in_view: Sequence[Body], rows: Sequence[Row]) -> tuple[UnseatedChair, ...]:
    """Each body's `chair:` who holds no seat on the body (C603 reports it as a finding)."""
    out: list[UnseatedChair] = []
    for body in in_view:
        if body.chair is None:
            continue
        who = body.chair_person
        if who is not None and any(seat.person is who for seat in body.members):
            continue
        ref = who.ref if who is not None else None
        held = next((r.bodies for r in rows if ref is not None and r.id == ref), ())
        name = who.name if who is not None else body.chair
        out.append(UnseatedChair(body.id, name, ref, held))
    return tuple(out)


def _maybe_same(people: Sequence[Person]) -> tuple[MaybeSame, ...]:
    """Close names among these people, as D204 defines them (docs/spec/membership-format.md,
    Identity), minus the pairs `not_same_as` silences; each pair once, earlier first."""
    from itertools import islice

    from icp_cli.load.limits import MAX_FINDINGS_PER_RULE
    from icp_cli.people.matching import close_name_pairs

    # As many as `check` reports for D204: a machine-made file whose every name is close
    # to every other has millions of pairs (20,000 people: 200 million).
    pairs = list(close_name_pairs([(p, p.norm) for p in people], limit=MAX_FINDINGS_PER_RULE))
    registered: dict[str, list[Person]] = {}
    for person in people:
        if person.is_registered:
            registered.setdefault(person.norm, []).append(person)
    same = ((a, b) for group in registered.values() for j, b in enumerate(group) for a in group[:j])
    pairs += islice(same, MAX_FINDINGS_PER_RULE)
    seen: set[tuple[int, int]] = set()
    out: list[MaybeSame] = []
    for x, y in pairs:
        key = (min(id(x), id(y)), max(id(x), id(y)))
        if x is y or key in seen or x.marked_not_same_as(y):
            continue
        seen.add(key)
        a, b = sorted((x, y), key=lambda p: (p.pos.line, p.pos.column))
        out.append(MaybeSame(a.ref, a.name, a.pos.line, b.ref, b.name, b.pos.line))
    return tuple(sorted(out, key=lambda q: (q.b_line, q.a_line))[:MAX_FINDINGS_PER_RULE])


def pair_statistics(
    rows: Iterable[Row], columns: Sequence[Column], path: str = "membership.yaml"
) -> list[Pair]:
    """Every pair of bodies sharing a row, (a, b) in file order, found row by row: the cost
    grows with the pairs of seats people hold, not with the square of the bodies.

    A row on k bodies adds k*(k-1)/2 pairs; where the rows together would add more than
    MAX_SHARED_PAIRS (one person on 3,000 bodies: 4.5 million), the view is refused before
    any is made, with the advice to choose bodies."""
    rows = list(rows)
    order = {c.id: c.order for c in columns}
    size = {c.id: c.size for c in columns}
    common = {(c.id, o) for c in columns for o in c.in_common_with}
    work = sum(len(r.cells) * (len(r.cells) - 1) // 2 for r in rows if r.id is not None)
    if work > MAX_SHARED_PAIRS:
        from icp_cli.load.errors import InputError, InputErrors

        raise InputErrors(
            [
                InputError(
                    path,
                    f"the people in view share {work:,} pairs of bodies between them, more "
                    f"than the {MAX_SHARED_PAIRS:,} an overlap view lists",
                    hint="choose the bodies to compare with --bodies (e.g. --bodies icb,icp)",
                )
            ]
        )
    shared: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row.id is None or len(row.cells) < 2:
            continue
        held = sorted(row.cells, key=order.__getitem__)
        for j, b in enumerate(held):
            for a in held[:j]:
                shared.setdefault((a, b), []).append(row.id)
    return [
        Pair(
            a=a,
            b=b,
            shared=tuple(ids),
            size_a=size[a],
            size_b=size[b],
            in_common=(a, b) in common,
        )
        for (a, b), ids in sorted(shared.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    ]


# -- views --------------------------------------------------------------------------------


def display_order(rows: Iterable[Row], by: str = "person") -> list[Row]:
    """Rows as the matrix shows them: rows on two or more bodies first (most bodies first),
    then the rest, each in order of first appearance; sector groups in vocabulary order;
    the row of seats with no organisation or sector last."""
    rows = list(rows)
    if by == "sector":
        rank = {g: i for i, g in enumerate(SECTOR_GROUPS)}
        return sorted(rows, key=lambda r: rank.get(r.id or "", len(rank)))
    return sorted(
        rows,
        key=lambda r: (r.id is None, not r.shared, -len(r.cells) if r.shared else 0, r.first),
    )


def side_by_side(view: Overlap, a: str, b: str) -> SideBySide:
    """The rows of two bodies: only on `a` and on both in `a`'s seat order, only on `b` in
    `b`'s seat order."""
    on_a = sorted((r for r in view.rows if a in r.cells), key=lambda r: r.cells[a].first)
    on_b = sorted((r for r in view.rows if b in r.cells), key=lambda r: r.cells[b].first)
    pair = next(
        (p for p in view.pairs if {p.a, p.b} == {a, b}),
        None,
    )
    return SideBySide(
        a=view.column(a),
        b=view.column(b),
        only_a=tuple(r for r in on_a if b not in r.cells or r.id is None),
        both=tuple(r for r in on_a if b in r.cells and r.id is not None),
        only_b=tuple(r for r in on_b if a not in r.cells or r.id is None),
        pair=pair,
    )


def chair_bodies(row: Row) -> list[str]:
    """The bodies this row chairs (people only)."""
    return [b for b, c in row.cells.items() if c.chair]
