"""What changed between two drafts (docs/spec/cli.md, "Diff of two drafts").

People are matched across the files by person id, else by normalised name; bodies by id;
seats of one person on one body in order; findings as multisets of (code, body, people),
never by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from icp_cli.check.context import Context
from icp_cli.check.findings import FileResult, Finding, Severity
from icp_cli.immutable import frozen
from icp_cli.model import Body, Membership, Person, Seat

# The seat fields a change is reported for, in the order they are listed.
SEAT_FIELDS = ("seat", "attendance", "voting", "role", "organisation", "vacant")
SHARE_CODES = ("D202", "B501")

Key = tuple[str, ...]


@frozen
class SeatEntry:
    """An added or removed seat."""

    person: str | None  # the person's id or normalised name; None for a vacant seat
    name: str | None
    seat: tuple[str, ...]
    attendance: str


@frozen
class SeatChange:
    person: str | None
    name: str | None
    field: str
    old: object
    new: object


@dataclass(slots=True)
class BodyDiff:
    id: str
    name: str
    status: str  # added | removed | changed
    members: tuple[int | None, int | None]
    added: list[SeatEntry] = field(default_factory=list)
    removed: list[SeatEntry] = field(default_factory=list)
    changed: list[SeatChange] = field(default_factory=list)
    shares: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)


@frozen
class Move:
    person: str
    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@frozen
class RouteDiff:
    """An engagement route added, removed or changed (matched by name)."""

    name: str
    status: str  # added | removed | changed
    fields: tuple[tuple[str, object, object], ...] = ()  # (field, old, new)


@dataclass(slots=True)
class FindingsDiff:
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)  # (old, new)
    unchanged: list[Finding] = field(default_factory=list)

    def failing(self, threshold: Severity | None) -> list[Finding]:
        """New findings, and findings now more severe, at or above the threshold."""
        if threshold is None:
            return []
        out = [f for f in self.new if f.severity >= threshold]
        out += [n for o, n in self.changed if n.severity > o.severity and n.severity >= threshold]
        return out


@dataclass(slots=True)
class Side:
    path: str
    regime: str
    membership: Membership
    result: FileResult


@dataclass(slots=True)
class Diff:
    old: Side
    new: Side
    bodies: list[BodyDiff]
    moved: list[Move]
    findings: FindingsDiff
    routes: list[RouteDiff] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        f = self.findings
        return not (self.bodies or self.moved or self.routes or f.new or f.fixed or f.changed)


# -- people ----------------------------------------------------------------------------------


def match_people(old: Membership, new: Membership) -> tuple[dict[Person, str], dict[Person, str]]:
    """A key per person in each file, equal for the same person: by person id, else by
    normalised name. Keys of unmatched people never collide across the files."""
    old_people = _seated_or_listed(old)
    new_people = _seated_or_listed(new)
    old_key: dict[Person, str] = {}
    new_key: dict[Person, str] = {}
    new_by_id = {p.id: p for p in new_people if p.id is not None}
    for person in old_people:
        match = new_by_id.get(person.id) if person.id is not None else None
        if match is not None and match not in new_key:
            old_key[person] = new_key[match] = match.ref
    waiting: dict[str, list[Person]] = {}
    for person in new_people:
        if person not in new_key:
            waiting.setdefault(person.norm, []).append(person)
    for person in old_people:
        if person in old_key:
            continue
        candidates = waiting.get(person.norm)
        if candidates:
            match = candidates.pop(0)
            old_key[person] = new_key[match] = match.ref
        else:
            old_key[person] = f"\0old:{person.ref}"
    for person in new_people:
        new_key.setdefault(person, person.ref)
    return old_key, new_key


def _seated_or_listed(m: Membership) -> list[Person]:
    seen: dict[int, Person] = {id(p): p for p in m.people}
    for body in m.bodies.values():
        for seat in body.members:
            if seat.person is not None:
                seen.setdefault(id(seat.person), seat.person)
    return list(seen.values())


def shown_ref(key: str) -> str:
    """The key as a user sees it: the id or normalised name."""
    return key.removeprefix("\0old:")


# -- seats -----------------------------------------------------------------------------------


def seat_values(seat: Seat) -> dict[str, object]:
    return {
        "seat": list(seat.seats),
        "attendance": seat.attendance,
        "voting": getattr(seat, "voting", True),
        "role": seat.role,
        "organisation": seat.organisation,
        "vacant": getattr(seat, "vacant", False),
    }


def _seat_key(seat: Seat, keys: dict[Person, str]) -> str:
    if getattr(seat, "vacant", False) or seat.person is None:
        return "\0vacant:" + ",".join(sorted(seat.seats))
    return keys[seat.person]


def _entry(seat: Seat, key: str) -> SeatEntry:
    vacant = key.startswith("\0vacant:")
    return SeatEntry(
        person=None if vacant else shown_ref(key),
        name=None if vacant else seat.name,
        seat=seat.seats,
        attendance=seat.attendance,
    )


def _pair(
    old: list[Seat], new: list[Seat]
) -> tuple[list[tuple[Seat, Seat]], list[Seat], list[Seat]]:
    """One person's seats on one body in each file: identical seats first, then in order."""
    old_left, new_left = list(old), list(new)
    pairs: list[tuple[Seat, Seat]] = []
    for seat in old:
        same = next((n for n in new_left if seat_values(n) == seat_values(seat)), None)
        if same is not None:
            pairs.append((seat, same))
            old_left.remove(seat)
            new_left.remove(same)
    while old_left and new_left:
        pairs.append((old_left.pop(0), new_left.pop(0)))
    return pairs, old_left, new_left


def _by_key(body: Body | None, keys: dict[Person, str]) -> dict[str, list[Seat]]:
    out: dict[str, list[Seat]] = {}
    for seat in body.members if body else ():
        out.setdefault(_seat_key(seat, keys), []).append(seat)
    return out


def _member_count(body: Body | None) -> int | None:
    return None if body is None else sum(1 for s in body.members if s.is_member)


def is_icp(body: Body) -> bool:
    return body.type == "icp" or "icp" in getattr(body, "also", ())


def shares(m: Membership, body: Body | None, ctx: Context | None = None) -> dict[str, float | None]:
    """The D202 and B501 shares of an ICP (None where not defined: no ICB, no members)."""
    from icp_cli.check.rules.balance import nhs_seats
    from icp_cli.check.rules.duplication import overlap_seats

    if body is None or not is_icp(body):
        return {}
    ctx = ctx or Context(m)
    shared, members, _ = overlap_seats(ctx, body)
    nhs, _ = nhs_seats(ctx, body)
    if not members:
        return {"D202": None, "B501": None}
    return {
        "D202": len(shared) / len(members) if ctx.icb is not None else None,
        "B501": len(nhs) / len(members),
    }


def diff_bodies(
    old: Membership, new: Membership, old_key: dict[Person, str], new_key: dict[Person, str]
) -> list[BodyDiff]:
    out: list[BodyDiff] = []
    ids = list(old.bodies) + [i for i in new.bodies if i not in old.bodies]
    old_ctx, new_ctx = Context(old), Context(new)
    for body_id in ids:
        a, b = old.bodies.get(body_id), new.bodies.get(body_id)
        status = "added" if a is None else "removed" if b is None else "changed"
        shown = b or a
        assert shown is not None
        entry = BodyDiff(
            id=body_id,
            name=shown.name,
            status=status,
            members=(_member_count(a), _member_count(b)),
        )
        old_seats, new_seats = _by_key(a, old_key), _by_key(b, new_key)
        for key in list(old_seats) + [k for k in new_seats if k not in old_seats]:
            pairs, gone, came = _pair(old_seats.get(key, []), new_seats.get(key, []))
            entry.removed += [_entry(s, key) for s in gone]
            entry.added += [_entry(s, key) for s in came]
            for before, after in pairs:
                old_values, new_values = seat_values(before), seat_values(after)
                for name in SEAT_FIELDS:
                    if old_values[name] != new_values[name]:
                        entry.changed.append(
                            SeatChange(
                                person=None if key.startswith("\0vacant:") else shown_ref(key),
                                name=after.name,
                                field=name,
                                old=old_values[name],
                                new=new_values[name],
                            )
                        )
        old_shares = shares(old, a, old_ctx)
        new_shares = shares(new, b, new_ctx)
        for code in SHARE_CODES:
            if code in old_shares or code in new_shares:
                entry.shares[code] = (old_shares.get(code), new_shares.get(code))
        moved_share = any(_rounded(o) != _rounded(n) for o, n in entry.shares.values())
        if (
            status != "changed"
            or entry.added
            or entry.removed
            or entry.changed
            or entry.members[0] != entry.members[1]
            or moved_share
        ):
            out.append(entry)
    return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def moves(
    old: Membership, new: Membership, old_key: dict[Person, str], new_key: dict[Person, str]
) -> list[Move]:
    """People seated in both files whose set of bodies changed."""
    before = _bodies_of(old, old_key)
    after = _bodies_of(new, new_key)
    out = []
    for key, (_, old_bodies) in before.items():
        if key not in after:
            continue
        new_name, new_bodies = after[key]
        if set(old_bodies) != set(new_bodies):
            out.append(Move(shown_ref(key), new_name, tuple(old_bodies), tuple(new_bodies)))
    return out


def _bodies_of(m: Membership, keys: dict[Person, str]) -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    for body in m.bodies.values():
        for seat in body.members:
            if seat.person is None or getattr(seat, "vacant", False):
                continue
            _, bodies = out.setdefault(keys[seat.person], (seat.person.name, []))
            if body.id not in bodies:
                bodies.append(body.id)
    return out


def diff_routes(old: Membership, new: Membership) -> list[RouteDiff]:
    """Engagement routes by name: added, removed, or with another type, body or sectors."""
    before = {e.name: e for e in old.engagement}
    after = {e.name: e for e in new.engagement}
    out = []
    for name in list(before) + [n for n in after if n not in before]:
        a, b = before.get(name), after.get(name)
        if a is None or b is None:
            out.append(RouteDiff(name, "added" if a is None else "removed"))
            continue
        fields = tuple(
            (key, old_value, new_value)
            for key, old_value, new_value in (
                ("type", a.type, b.type),
                ("reports_to", a.reports_to, b.reports_to),
                ("involves", list(a.involves), list(b.involves)),
            )
            if old_value != new_value
        )
        if fields:
            out.append(RouteDiff(name, "changed", fields))
    return out


# -- findings --------------------------------------------------------------------------------


def finding_key(finding: Finding, refs: dict[str, str]) -> Key:
    return (finding.code, finding.body or "", *sorted(refs.get(p, p) for p in finding.people))


def diff_findings(
    old: Sequence[Finding],
    new: Sequence[Finding],
    old_refs: dict[str, str] | None = None,
    new_refs: dict[str, str] | None = None,
) -> FindingsDiff:
    """Findings matched as multisets by code, body and people (never by line)."""
    old_refs, new_refs = old_refs or {}, new_refs or {}
    waiting: dict[Key, list[Finding]] = {}
    for finding in old:
        waiting.setdefault(finding_key(finding, old_refs), []).append(finding)
    out = FindingsDiff()
    for finding in new:
        matches = waiting.get(finding_key(finding, new_refs))
        if not matches:
            out.new.append(finding)
            continue
        before = matches.pop(0)
        if before.severity == finding.severity:
            out.unchanged.append(finding)
        else:
            out.changed.append((before, finding))
    out.fixed = [f for fs in waiting.values() for f in fs]
    out.fixed.sort(key=Finding.sort_key)
    return out


def ref_keys(keys: dict[Person, str]) -> dict[str, str]:
    """A finding's `people` (ids or normalised names) -> the matched person keys."""
    return {person.ref: key for person, key in keys.items()}


def compare(old: Side, new: Side) -> Diff:
    old_key, new_key = match_people(old.membership, new.membership)
    return Diff(
        old=old,
        new=new,
        bodies=diff_bodies(old.membership, new.membership, old_key, new_key),
        moved=moves(old.membership, new.membership, old_key, new_key),
        routes=diff_routes(old.membership, new.membership),
        findings=diff_findings(
            old.result.findings, new.result.findings, ref_keys(old_key), ref_keys(new_key)
        ),
    )
