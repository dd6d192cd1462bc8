"""D2xx: the same people in several places, and the same person written twice."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from icp_cli.check.context import (
    Context,
    close_council,
    distinct_people,
    has_sector,
    looks_like_council,
    sectors,
)
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, Note, rule
from icp_cli.check.sources import GGI
from icp_cli.load.limits import MAX_FINDINGS_PER_RULE
from icp_cli.model import Body, Person, Seat
from icp_cli.people.matching import close_name_pairs, normalise_organisation
from icp_cli.text import and_join, count
from icp_cli.vocab import KNOWN_SEATS


def _quoted(names: Sequence[str]) -> str:
    return and_join([f"'{n}'" for n in names])


def _share(value: float) -> str:
    return f"{value:.0%}"


# -- D201 ------------------------------------------------------------------------------------


@rule(
    "D201",
    "shared-members",
    Severity.INFO,
    "People sit on both the ICB and an ICP (one finding per ICP, listing them).",
    f"{GGI}: a cross-cutting view of membership to see duplication",
    needs=("icb", "icp"),
)
def shared_members(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, lists the people who have a seat on both the
    ICP and the ICB, whatever their attendance: members, participants, observers and
    substitutes all count. One finding per ICP names them all.

    ## Why it matters
    Some overlap is required by law (the ICB appoints one ICP member, LGPIHA 2007
    s.116ZA(2)(a)) and some is common by design, such as the ICB chair sitting on the
    ICP. GGI's guide to ICPs (Feb 2022) recommends a cross-cutting view of who sits
    where, to see duplication. This finding is that view: information, not a fault. A
    high share of overlap is D202.

    ## How to fix
    Nothing needs fixing. Check that each shared member brings something to the ICP that
    the ICB's appointee does not, and that the ICP is not becoming a second ICB meeting.
    `icp overlap` shows the full cross-body view.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        members:
          - person: jane-okafor     # on the ICB ...
            seat: chair
      icp:
        type: icp
        members:
          - person: jane-okafor     # ... and on the ICP: D201 lists her
            seat: icb-representative
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    on_icb = ctx.all_people(icb)
    for icp in ctx.icps:
        shared = [s for s in distinct_people(ctx.seats(icp)) if s.person in on_icb]
        if not shared:
            continue
        count = len(shared)
        who = "person sits" if count == 1 else "people sit"
        yield Hit.on_members(
            icp,
            f"{count} {who} on both the ICB '{icb.id}' and the ICP '{icp.id}': "
            f"{and_join([s.name for s in shared])}.",
            people=tuple(s.person.ref for s in shared),
            hint=f"Check that each shared member has a distinct role on '{icp.id}'; "
            f"run 'icp overlap' for the cross-body view.",
        )


# -- D202 ------------------------------------------------------------------------------------


def _icb_appointee(seats: Sequence[Seat], sits_on_icb: set[Person]) -> Person | None:
    """The ICP's one ICB appointee (docs/spec/rules.md, D202): the holder of its first
    `icb-representative` member seat, else its first `icb`-sector member (any of their
    sectors) who sits on the ICB, else nobody."""
    for seat in seats:
        if "icb-representative" in seat.seats:
            return seat.person
    for seat in seats:
        if has_sector(seat, "icb") and seat.person in sits_on_icb:
            return seat.person
    return None


def icb_appointee(ctx: Context, body: Body) -> Seat | None:
    """The first member seat of the body's one ICB appointee (D202's definition), or None."""
    if ctx.icb is None:
        return None
    members = ctx.member_seats(body)
    person = _icb_appointee(members, ctx.voice_people(ctx.icb))
    return next((s for s in members if s.person is person), None)


def overlap_seats(ctx: Context, icp: Body) -> tuple[list[Seat], list[Seat], Seat | None]:
    """D202's share: the ICP's member seats held by people who also sit on the ICB (a
    member or participant seat there: observers and substitutes neither discuss nor
    decide), every seat of its ICB appointee left out (the numerator); all its member
    seats (the denominator); and the appointee's first seat, when they sit on the ICB."""
    icb = ctx.icb
    members = ctx.member_seats(icp)
    if icb is None:
        return [], members, None
    on_icb = ctx.voice_people(icb)
    shared = [s for s in members if s.person in on_icb]
    appointee = _icb_appointee(members, on_icb)
    first = next((s for s in shared if s.person is appointee), None)
    if appointee is None or first is None:
        return shared, members, None
    return [s for s in shared if s.person is not appointee], members, first


@rule(
    "D202",
    "high-overlap",
    Severity.WARNING,
    "Too large a share of an ICP's member seats is held by people who also sit on the "
    "ICB (default limit 1/3).",
    f'{GGI}: overlap between ICB and ICP "risks the same decisions being discussed by '
    'the same people in different fora"; the limit of 1/3 is a default of this tool',
    needs=("icb", "icp"),
)
def high_overlap(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, counts its member seats held by people who
    also sit on the ICB, that is who hold a `member` or `participant` seat there
    (observers and substitutes neither discuss nor decide). Every seat held by the ICP's
    one ICB appointee is left out: the appointee is the holder of the ICP's first
    `icb-representative` member seat, else its first (in file order) member of sector
    `icb` who sits on the ICB (a member or participant seat there). The count is divided
    by all the ICP's member seats. It reports when the share exceeds the limit: 1/3
    unless `policy.max_overlap` or `--policy max_overlap=N` sets another. Participants,
    observers and substitutes on the ICP do not count on either side of the share.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022) warns that overlap between the
    ICB and the ICP "risks the same decisions being discussed by the same people in
    different fora". The law requires one ICB appointee on the ICP (LGPIHA 2007
    s.116ZA(2)(a)), which is why that seat is not counted. No published source sets a
    share: 1/3 is a default of this tool, and configurable.

    ## How to fix
    Replace some shared members with people who bring a voice the ICB lacks (councils,
    the voluntary sector, Healthwatch, wider determinants), or make them participants so
    they inform without deciding twice. If the overlap is deliberate, set
    `policy: {max_overlap: 0.5}`.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:          # 3 of 6 member seats also on the ICB, besides the appointee
          - person: icb-chair
            seat: icb-representative   # the appointee: not counted
          - person: icb-ceo
          - person: icb-finance-director
          - person: icb-medical-director
          ...
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    limit = float(ctx.thresholds.value("max_overlap"))
    for icp in ctx.icps:
        if icp is icb:
            continue
        shared, members, appointee = overlap_seats(ctx, icp)
        if not members:
            continue
        besides = f" besides its ICB appointee '{appointee.name}'" if appointee else ""
        share = len(shared) / len(members)
        if share <= limit:
            continue
        people = distinct_people(shared)
        verb = "is" if len(shared) == 1 else "are"
        yield Hit.on_members(
            icp,
            f"{len(shared)} of the {len(members)} member seats of the ICP "
            f"'{icp.id}' ({_share(share)}) {verb} held by people who also sit on the ICB "
            f"'{icb.id}'{besides}: {and_join([s.name for s in people])}; the limit is "
            f"{_share(limit)}.",
            people=tuple(s.person.ref for s in people),
            hint=f"Replace some of them on '{icp.id}' with members who do not sit on "
            f"'{icb.id}', or make them participants; or set policy max_overlap if the "
            "overlap is deliberate.",
        )


# -- D203 ------------------------------------------------------------------------------------


def _kinds(seat: Seat) -> str:
    """A seat's kinds as written: `chair`, or `[a, b]` for a list."""
    return seat.seats[0] if len(seat.seats) == 1 else f"[{', '.join(seat.seats)}]"


def _joint_post(seats: Sequence[Seat]) -> bool:
    """Every seat names seat kinds, all known, and no kind is named by two of the seats:
    `councillor` and `[councillor, co-chair]` hold the councillor seat twice."""
    if not all(s.seats and all(k in KNOWN_SEATS for k in s.seats) for s in seats):
        return False
    kinds = [k for s in seats for k in set(s.seats)]
    return len(set(kinds)) == len(kinds)


@rule(
    "D203",
    "duplicate-seat",
    Severity.WARNING,
    "The same person holds two seats on one body.",
    "Data quality: one person, one seat on a body (a joint post is one seat with a list "
    "of seat kinds)",
)
def duplicate_seat(ctx: Context) -> Iterator[Hit | Note]:
    """
    ## What it checks
    Reports a person who sits on one body twice: two member entries of the body that are
    the same person (the same `person` id, or names equal after normalisation), neither
    of them a substitute. One finding per person per body, at their second seat. When
    the seats are different known seat kinds (a joint director of adult and children's
    services written as two entries), it is taken as a joint post and `check` says so in
    a note instead; seats that share a kind (`councillor` and `[councillor, co-chair]`)
    are not different, and are reported.

    ## Why it matters
    Data quality: a person listed twice inflates the body's size, its quorum arithmetic
    and its balance, and usually means a copy-and-paste slip or two people whose names
    were written alike. The rule catalogue treats it as a warning because every count
    the other rules make depends on it.

    ## How to fix
    Remove the duplicate entry. If the person really holds two posts on the body, write
    them as one seat with a list of seat kinds:
    `seat: [director-adult-social-services, director-childrens-services]`. If they are
    two different people, give each a `people[]` entry and refer to them by `person:`.

    ## Example
    ```yaml
    members:
      - name: Dr Priya Shah
        seat: clinical-lead
      - name: Priya Shah          # the same person again: D203
        role: GP lead
    ```
    """
    for body in ctx.m.bodies.values():
        by_person: dict[int, list[Seat]] = {}
        for seat in ctx.seats(body):
            if seat.sits:
                by_person.setdefault(id(seat.person), []).append(seat)
        for seats in by_person.values():
            if len(seats) < 2:
                continue
            yield _duplicate(body, seats)


def _duplicate(body: Body, seats: Sequence[Seat]) -> Hit | Note:
    first, second = seats[0], seats[1]
    count = "two" if len(seats) == 2 else str(len(seats))
    if _joint_post(seats):
        return Note(
            f"'{second.name}' holds {count} seats on '{body.id}' "
            f"({and_join([_kinds(s) for s in seats])}): counted as a joint post, not D203.",
            line=second.pos.line,
        )
    lines = and_join([str(s.pos.line) for s in seats])
    return Hit.at_seat(
        second,
        f"'{second.name}' holds {count} seats on '{body.id}' (lines {lines}).",
        hint=f"Remove the duplicate entry, or merge the entries into one seat with a list of "
        f"seat kinds (seat: [a, b]); if they are different people, give each a people[] "
        f"entry. The first entry is on line {first.pos.line}.",
    )


# -- D204 ------------------------------------------------------------------------------------


def _where(person: Person) -> tuple[int, int]:
    return (person.pos.line, person.pos.column)


def _close_pairs(people: Sequence[Person]) -> list[tuple[Person, Person]]:
    """Close names, plus two registry entries whose names normalise alike."""
    # Room for the pairs not_same_as silences, and still more than the engine lists.
    limit = 10 * MAX_FINDINGS_PER_RULE
    pairs = close_name_pairs([(p, p.norm) for p in people], limit)
    registered: dict[str, list[Person]] = {}
    for person in people:
        if person.is_registered:
            registered.setdefault(person.norm, []).append(person)
    alike = (
        (a, b) for group in registered.values() for j, b in enumerate(group) for a in group[:j]
    )
    seen: set[tuple[int, int]] = set()
    out = []
    for a, b in itertools.chain(pairs, alike):
        key = (min(id(a), id(b)), max(id(a), id(b)))
        if a is b or key in seen:
            continue
        seen.add(key)
        out.append((a, b))
        if len(out) >= limit:
            break
    return out


@rule(
    "D204",
    "possible-same-person",
    Severity.WARNING,
    "Two different identities have names close enough to be one person.",
    "Data quality: the Identity rules of the membership format (close names are never "
    "merged, only reported)",
)
def possible_same_person(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Compares every identity in the file (each `people[]` entry, and each inline name)
    with every other and reports two whose names are close but not equal: the same
    surname and compatible forenames (an initial, a known nickname such as Bill and
    William, one letter more or less, or, for longer names, one letter changed or two
    swapped), or the same forename and surnames of five letters or more one edit
    apart (a letter added, dropped or changed, or two adjacent letters swapped). Two `people[]`
    entries with different ids whose names normalise alike are reported too. One
    finding per pair, at the later of the two names. A pair is silenced when either
    entry lists the other's id in `not_same_as`.

    ## Why it matters
    Data quality, as the Identity section of the membership format defines it: two
    seats are one person only when they use the same `person` id or their names are
    equal after normalisation. "Jon Pryce" on the ICB and "John Pryce" on the ICP are
    two people to every other rule, so overlap (D201, D202), workload (D206) and
    duplicates (D203) go unseen when they are one.

    ## How to fix
    If they are one person, add one `people[]` entry and refer to it with `person:` on
    every seat. If they are different people, give both a `people[]` entry and list the
    other's id in `not_same_as` on either of them.

    ## Example
    ```yaml
    people:
      - id: jane-smith
        name: Jane Smith
        not_same_as: [j-smith]     # a different person: D204 is silenced
      - id: j-smith
        name: J. Smith
    ```
    """
    for a, b in _close_pairs(ctx.m.people):
        if a.marked_not_same_as(b):
            continue
        earlier, later = (a, b) if _where(a) <= _where(b) else (b, a)
        if earlier.is_registered and later.is_registered:
            otherwise = f"otherwise add not_same_as: [{earlier.id}] to '{later.id}' in people[]."
        else:
            otherwise = "otherwise give both a people[] entry and list one in the other's "
            otherwise += "not_same_as."
        yield Hit(
            message=f"'{earlier.name}' (line {earlier.pos.line}) and '{later.name}' "
            f"(line {later.pos.line}) may be the same person.",
            pos=later.pos,
            body=None,
            people=(earlier.ref, later.ref),
            hint="If they are one person, add one people[] entry and use 'person:' for "
            f"both seats; {otherwise}",
        )


# -- D205 ------------------------------------------------------------------------------------


def organisation_seat_groups(ctx: Context, body: Body) -> dict[str, list[Seat]]:
    """D205's count: the body's member seats by organisation (normalised), leaving out
    seats whose first sector is `icb`, seats without an organisation, the ICB's own
    organisation (by its body's name or id) and the councils the body covers."""
    icb = ctx.icb
    never = {normalise_organisation(icb.name), normalise_organisation(icb.id)} if icb else set()
    left_out = never | {normalise_organisation(c) for c, _ in ctx.councils_of(body)}
    by_org: dict[str, list[Seat]] = {}
    for seat in ctx.member_seats(body):
        if seat.organisation is None or sectors(seat)[:1] == ("icb",):
            continue
        key = normalise_organisation(seat.organisation)
        if key in left_out:
            continue
        by_org.setdefault(key, []).append(seat)
    return by_org


@rule(
    "D205",
    "organisation-seats",
    Severity.INFO,
    "One organisation other than the ICB and the councils holds more than N member "
    "seats on an ICP (default 3).",
    f"{GGI}: a lean ICP; PPP (2023): a partnership of equals; the "
    "limit of 3 is a default of this tool",
    needs=("icp",),
)
def organisation_seats(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, counts the member seats of each organisation
    (matched with case, spacing, punctuation and `&`/`and` folded) and reports an
    organisation with more than the limit: 3 unless `policy.max_seats_per_organisation`
    or `--policy max_seats_per_organisation=N` sets another. Seats of sector `icb` (the
    first sector, for someone with several) and seats without an organisation are not
    counted; an organisation whose name equals the ICB body's `name` or id, or a council
    the ICP covers, is left out entirely: the law gives the ICB and each council their
    own members. Other seats of an organisation still count when one of its seats is of
    sector `icb`. One finding per
    organisation per ICP, at its first seat over the limit.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022) asks for a lean partnership, and the PPP report
    (2023) for a partnership of equals. One trust or provider holding many seats tilts
    both. No published source sets a number: 3 is a default of this tool.

    ## How to fix
    Ask the organisation to nominate fewer members and bring the others in as
    participants, or through a sub-group or provider collaborative that reports to the
    ICP. If the seats are deliberate, set `policy: {max_seats_per_organisation: 4}`.

    ## Example
    ```yaml
    members:                      # a fourth member from one trust: D205 (limit 3)
      - {name: A Jones, organisation: Northshire Hospitals NHS FT, sector: nhs-acute}
      - {name: B Khan, organisation: Northshire Hospitals NHS FT, sector: nhs-acute}
      - {name: C Lowe, organisation: Northshire Hospitals NHS FT, sector: nhs-acute}
      - {name: D Moss, organisation: Northshire Hospitals NHS FT, sector: nhs-acute}
    ```
    """
    limit = int(ctx.thresholds.value("max_seats_per_organisation"))
    for icp in ctx.icps:
        for seats in organisation_seat_groups(ctx, icp).values():
            if len(seats) <= limit:
                continue
            organisation = seats[0].organisation
            people = distinct_people(seats)
            yield Hit(
                message=f"'{organisation}' holds {len(seats)} member seats on the ICP "
                f"'{icp.id}' ({and_join([s.name for s in people])}); the limit is {limit}.",
                pos=seats[limit].pos,
                body=icp.id,
                people=tuple(s.person.ref for s in people),
                hint=f"Keep {count(limit, 'seat')} for '{organisation}' and make the others "
                f"participants, or move them into a sub-group reporting to '{icp.id}'; or "
                "set policy max_seats_per_organisation.",
            )


# -- D206 ------------------------------------------------------------------------------------


@rule(
    "D206",
    "many-bodies",
    Severity.INFO,
    "One person sits on N or more bodies (default 4).",
    "Concentration and workload: a default of this tool, with no published source",
)
def many_bodies(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Counts the bodies each person has a seat on, substitutes' seats included (a body
    with `also` is one body; bodies that meet in common, one naming the other in
    `in_common_with`, count as one), and reports everyone on 4 or more (or the number
    `policy.many_bodies` or `--policy many_bodies=N` sets). One finding per person, at
    their first seat.

    ## Why it matters
    Concentration and workload: no published source sets a number, so the threshold of
    4 is a default of this tool. One person on many bodies carries a heavy load of
    papers and meetings, becomes a single point of failure, and can make several bodies
    hear the same view. It is information, not a fault: some roles (an ICB chief
    finance officer) are meant to be everywhere.

    ## How to fix
    Check that each seat needs this person rather than a deputy or a colleague, and
    whether some attendance could be a participant's or covered by a report. If the
    spread is intended, raise the threshold with `policy: {many_bodies: 5}`.

    ## Example
    ```yaml
    people:
      - id: sam-cfo
        name: Sam Ortiz       # on the ICB, the ICP and two committees: D206
    ```
    """
    threshold = int(ctx.thresholds.value("many_bodies"))
    meeting = _meetings(ctx)
    for person, seats in ctx.seats_of.items():
        bodies = list(dict.fromkeys(s.body for s in seats))
        # Bodies that meet in common (in_common_with) count as one.
        count = len({meeting[b] for b in bodies})
        if count < threshold:
            continue
        first = min(seats, key=lambda s: (s.pos.line, s.pos.column))
        yield Hit(
            message=f"'{person.name}' sits on {count} bodies "
            f"({', '.join(bodies)}"
            f"{'; bodies meeting in common count as one' if count != len(bodies) else ''}); "
            f"the threshold is {threshold}.",
            pos=first.pos,
            body=None,
            people=(person.ref,),
            hint=f"Check whether a deputy or colleague could take some of the seats of "
            f"'{person.name}', or attend as a participant; or set policy many_bodies.",
        )


def _meetings(ctx: Context) -> dict[str, str]:
    """Each body id → the first body (in file order) of the bodies it meets in common with,
    following `in_common_with` on either side (D206 counts them as one)."""
    root = {b: b for b in ctx.m.bodies}

    def find(b: str) -> str:
        while root[b] != b:
            root[b] = root[root[b]]
            b = root[b]
        return b

    order = {b: i for i, b in enumerate(ctx.m.bodies)}
    for body in ctx.m.bodies.values():
        for other in body.in_common_with:
            if other in root:
                x, y = find(body.id), find(other)
                if x != y:
                    root[max(x, y, key=order.__getitem__)] = min(x, y, key=order.__getitem__)
    return {b: find(b) for b in ctx.m.bodies}


# -- D207 ------------------------------------------------------------------------------------

_ALIGNED_TYPES = ("icp", "hwb", "place-partnership")
_ALIGNED_SHARE = 0.8  # docs/spec/rules.md D207: the share of people in common (no policy key)
_ALIGNED_MIN_PEOPLE = 5

_TYPE_LABEL = {
    "icp": "ICP",
    "hwb": "health and wellbeing board",
    "place-partnership": "place partnership",
}


def _meets_with(a: Body, b: Body) -> bool:
    """One of the two names the other in `in_common_with` (committees in common)."""
    return b.id in a.in_common_with or a.id in b.in_common_with


@rule(
    "D207",
    "aligned-bodies",
    Severity.INFO,
    "An ICP, a health and wellbeing board or a place partnership has nearly the same "
    "people as a body of another of those types (80% or more).",
    f"{GGI}, cheat sheet: in smaller systems the ICP and the health and wellbeing board "
    "may have the same membership and organise to streamline their meetings",
)
def aligned_bodies(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Compares every two bodies of different types among `icp`, `hwb` and
    `place-partnership` (a body's `also` types count as its types), each with at least
    5 people sitting on it (any seat but a substitute's or a vacant one). It reports a
    pair whose people overlap by 80% or more: the people on both, divided by the people
    on at least one of the two. A pair is not reported when one body names the other in
    `in_common_with` (they meet together), and a body with `also` is one body, never
    paired with itself. One finding per pair, at the later body's `members` key.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022), in its cheat sheet, notes that in smaller systems the
    ICP and the health and wellbeing board may have the same membership, and advises
    organising to streamline their meetings. Two bodies with the same people meeting
    separately double the papers and the meetings without adding a voice. It is
    information: aligning them may be exactly the design.

    ## How to fix
    If the bodies meet together (committees in common), say so with
    `in_common_with: [<the other body's id>]` on either body. If one body serves as
    both, describe it once with `also: [hwb]` (or `[icp]`). Otherwise, check whether each
    body brings the voices its role needs.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        in_common_with: [hwb]     # meets together with the HWB: no D207
        members: [...]
      hwb:
        type: hwb
        members: [...]            # the same people
    ```
    """
    bodies = [b for b in ctx.m.bodies.values() if any(t in _ALIGNED_TYPES for t in b.types)]
    people = {b.id: ctx.sitting_people(b) for b in bodies}
    bodies = [b for b in bodies if len(people[b.id]) >= _ALIGNED_MIN_PEOPLE]
    # Only bodies that share someone can pair: count shared people through each person's
    # bodies rather than comparing every two bodies.
    order = {b.id: i for i, b in enumerate(bodies)}
    on: dict[Person, list[Body]] = {}
    for body in bodies:
        for person in people[body.id]:
            on.setdefault(person, []).append(body)
    for j, later in enumerate(bodies):
        later_types = {t for t in later.types if t in _ALIGNED_TYPES}
        counts: dict[str, int] = {}
        for person in people[later.id]:
            for other in on[person]:
                if order[other.id] < j:
                    counts[other.id] = counts.get(other.id, 0) + 1
        for earlier in (bodies[order[i]] for i in sorted(counts, key=order.__getitem__)):
            earlier_types = {t for t in earlier.types if t in _ALIGNED_TYPES}
            if _meets_with(earlier, later):
                continue
            if not any(a != b for a in earlier_types for b in later_types):
                continue
            shared_count = counts[earlier.id]
            either_count = len(people[earlier.id]) + len(people[later.id]) - shared_count
            share = shared_count / either_count
            if share < _ALIGNED_SHARE:
                continue
            shared = people[earlier.id] & people[later.id]
            either = people[earlier.id] | people[later.id]
            first = _TYPE_LABEL.get(earlier.type, earlier.type)
            second = _TYPE_LABEL.get(later.type, later.type)
            ordered = [s.person for s in distinct_people(ctx.seats(earlier))]
            yield Hit.on_members(
                later,
                f"The {first} '{earlier.id}' and the {second} '{later.id}' share "
                f"{len(shared)} of the {len(either)} people who sit on either "
                f"({_share(share)}).",
                people=tuple(p.ref for p in ordered if p in shared),
                hint=f"If they meet together, write 'in_common_with: [{earlier.id}]' on "
                f"'{later.id}'; if one body serves as both, describe it once with 'also'; "
                "otherwise check that each brings the voices its role needs.",
            )


# -- D208 ------------------------------------------------------------------------------------


@rule(
    "D208",
    "unlisted-council",
    Severity.WARNING,
    "A member of an ICP or health and wellbeing board is from, or appointed by, a council "
    "the body does not cover.",
    "Data quality: R301 can only check councils that are listed in local_authorities",
)
def unlisted_council(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every integrated care partnership and health and wellbeing board, looks at its
    member seats whose `organisation` or `appointed_by` names a council: an organisation
    whose name (folded as in the Identity section of the format) ends in `council` or
    begins with `london borough of`, `royal borough of`, `city of london` or `council of
    the isles of scilly`. It reports such a council that is not among the councils the
    body covers (its own `local_authorities`, else the system's). A member whose
    `appointed_by` names a covered council is that council's appointee, and their
    employer (a shared director of public health employed by a neighbouring council)
    is not reported. Any other organisation whose name reads as a council is taken at its
    word, whatever the member's sector. One finding per organisation per body, at its
    first seat. When a covered council's name is close (a typo, `BC` for `Borough
    Council`, a missing word) the hint names it.

    ## Why it matters
    Data quality: R301 checks that each listed council has a member on the
    partnership, so it can only check the councils that are listed. A council member
    whose council is missing from `local_authorities`, or whose council is written
    differently there, leaves the statutory check blind, and a file can pass although a
    council is not properly represented.

    ## How to fix
    Add the council to `local_authorities` (the system's, or the body's own list when it
    covers only some councils), or write the member's organisation exactly as the list
    writes the council.

    ## Example
    ```yaml
    system:
      local_authorities: [Hillcombe Borough Council]
    bodies:
      icp:
        type: icp
        members:
          - name: Cllr Ann Lee
            organisation: Hillcombe Council     # D208: did you mean Hillcombe Borough Council?
    ```
    """
    for body in ctx.m.bodies.values():
        if not any(t in ("icp", "hwb") for t in body.types):
            continue
        covered = [c for c, _ in ctx.councils_of(body)]
        keys = {normalise_organisation(c) for c in covered}
        reported: set[str] = set()
        for seat in ctx.member_seats(body):
            # A member appointed by a covered council (a shared officer employed by a
            # neighbouring council) is that council's appointee: the employer is not
            # reported (docs/rules-1.1.md).
            appointed_here = seat.appointed_by is not None and (
                normalise_organisation(seat.appointed_by) in keys
            )
            for field, value in (
                ("organisation", seat.organisation),
                ("appointed_by", seat.appointed_by),
            ):
                if value is None or not looks_like_council(value):
                    continue
                if field == "organisation" and appointed_here:
                    continue
                key = normalise_organisation(value)
                if key in keys or key in reported:
                    continue
                reported.add(key)
                near = close_council(value, covered)
                where = (
                    "its local_authorities"
                    if body.local_authorities is not None
                    else ("system.local_authorities")
                )
                hint = (
                    f"Did you mean '{near}'? Write the {field} as {where} writes it."
                    if near is not None
                    else f"Add '{value}' to {where}, or correct the {field} of {seat.name}."
                )
                yield Hit.at_seat(
                    seat,
                    f"'{value}' ({field} of {seat.name} on '{body.id}') is a council "
                    f"that '{body.id}' does not cover: it is not in {where}, so R301 "
                    "cannot check it.",
                    hint=hint,
                )
