"""D2xx: the same people in several places, and the same person written twice."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from ..analysis import Context
from ..findings import Severity
from ..identity import close_name_pairs, normalise_organisation
from ..limits import MAX_FINDINGS_PER_RULE
from ..model import Body, Person, Seat
from ..vocab import KNOWN_SEATS
from .base import Hit, Note, rule

GGI = "GGI, *Integrated care partnerships: a guide* (Feb 2022)"


def _names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _quoted(names: Sequence[str]) -> str:
    return _names([f"'{n}'" for n in names])


def _share(value: float) -> str:
    return f"{value:.0%}"


def _seats_word(count: int) -> str:
    return f"{count} seat{'s' if count != 1 else ''}"


def _distinct_people(seats: Sequence[Seat]) -> list[Seat]:
    """The first seat of each person, in seat order."""
    seen: set[int] = set()
    out = []
    for seat in seats:
        if id(seat.person) not in seen:
            seen.add(id(seat.person))
            out.append(seat)
    return out


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
        shared = [s for s in _distinct_people(icp.members) if s.person in on_icb]
        if not shared:
            continue
        count = len(shared)
        who = "person sits" if count == 1 else "people sit"
        yield Hit(
            message=f"{count} {who} on both the ICB '{icb.id}' and the ICP '{icp.id}': "
            f"{_names([s.name for s in shared])}.",
            pos=icp.members_pos,
            body=icp.id,
            people=tuple(s.person.ref for s in shared),
            hint=f"Check that each shared member has a distinct role on '{icp.id}'; "
            f"run 'icp overlap' for the cross-body view.",
        )


# -- D202 ------------------------------------------------------------------------------------


def _icb_appointee(seats: Sequence[Seat], on_icb: set[Person]) -> Seat | None:
    """The ICP's one ICB appointee: its first `icb-representative` member seat, else its
    first member seat of sector `icb` held by someone who sits on the ICB (the one the
    exception is for), else its first of sector `icb`."""
    for seat in seats:
        if "icb-representative" in seat.seats:
            return seat
    icb_sector = [s for s in seats if s.sector == "icb"]
    also_on_icb = [s for s in icb_sector if s.person in on_icb]
    return (also_on_icb or icb_sector or [None])[0]


def icb_appointee(ctx: Context, body: Body) -> Seat | None:
    """The body's one ICB appointee (D202's definition), or None."""
    on_icb = ctx.sitting_people(ctx.icb) if ctx.icb is not None else set()
    return _icb_appointee(ctx.member_seats(body), on_icb)


def overlap_seats(ctx: Context, icp: Body) -> tuple[list[Seat], list[Seat], Seat | None]:
    """D202's share: the ICP's member seats held by people who also sit on the ICB, its
    ICB appointee's left out (the numerator); all its member seats (the denominator); and
    the appointee, when they sit on the ICB."""
    icb = ctx.icb
    members = ctx.member_seats(icp)
    if icb is None:
        return [], members, None
    on_icb = ctx.sitting_people(icb)
    shared = [s for s in members if s.person in on_icb]
    appointee = _icb_appointee(members, on_icb)
    if appointee is not None and appointee.person in on_icb:
        return [s for s in shared if s is not appointee], members, appointee
    return shared, members, None


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
    also sit on the ICB (any seat there but a substitute's), leaves out the ICP's one
    ICB appointee (the holder of its `icb-representative` seat, else of its first
    member seat of sector `icb` held by someone on the ICB), and divides by all the
    ICP's member seats. It reports when the share exceeds the limit: 1/3 unless
    `policy.max_overlap` or `--policy max_overlap=N` sets another. Participants,
    observers and substitutes on the ICP do not count on either side of the share.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022), a seed of this tool, warns that overlap between the
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
        shared, members, appointee = overlap_seats(ctx, icp)
        if not members:
            continue
        besides = f" besides its ICB appointee '{appointee.name}'" if appointee else ""
        share = len(shared) / len(members)
        if share <= limit:
            continue
        people = _distinct_people(shared)
        verb = "is" if len(shared) == 1 else "are"
        yield Hit(
            message=f"{len(shared)} of the {len(members)} member seats of the ICP "
            f"'{icp.id}' ({_share(share)}) {verb} held by people who also sit on the ICB "
            f"'{icb.id}'{besides}: {_names([s.name for s in people])}; the limit is "
            f"{_share(limit)}.",
            pos=icp.members_pos,
            body=icp.id,
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
        for seat in body.members:
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
            f"line {second.pos.line}: '{second.name}' holds {count} seats on '{body.id}' "
            f"({_names([_kinds(s) for s in seats])}): counted as a joint post, not D203."
        )
    lines = _names([str(s.pos.line) for s in seats])
    return Hit(
        message=f"'{second.name}' holds {count} seats on '{body.id}' (lines {lines}).",
        pos=second.pos,
        body=body.id,
        people=(second.person.ref,),
        hint=f"Remove the duplicate entry, or merge the entries into one seat with a list of "
        f"seat kinds (seat: [a, b]); if they are different people, give each a people[] "
        f"entry. The first entry is on line {first.pos.line}.",
    )


# -- D204 ------------------------------------------------------------------------------------


def _silenced(a: Person, b: Person) -> bool:
    return (b.id is not None and b.id in a.not_same_as) or (
        a.id is not None and a.id in b.not_same_as
    )


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
        if _silenced(a, b):
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
    seats of sector `icb`, seats without an organisation and the councils."""
    councils = ctx.council_keys
    by_org: dict[str, list[Seat]] = {}
    for seat in ctx.member_seats(body):
        if seat.organisation is None or seat.sector == "icb":
            continue
        key = normalise_organisation(seat.organisation)
        if key in councils:
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
    or `--policy max_seats_per_organisation=N` sets another. Seats of sector `icb`, seats
    without an organisation and the councils in `local_authorities` are not counted:
    the law gives the ICB and each council their own members. One finding per
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
            people = _distinct_people(seats)
            yield Hit(
                message=f"'{organisation}' holds {len(seats)} member seats on the ICP "
                f"'{icp.id}' ({_names([s.name for s in people])}); the limit is {limit}.",
                pos=seats[limit].pos,
                body=icp.id,
                people=tuple(s.person.ref for s in people),
                hint=f"Keep {_seats_word(limit)} for '{organisation}' and make the others "
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
    Counts the bodies each person has a seat on, substitutes' seats included, and
    reports everyone on 4 or more (or the number `policy.many_bodies` or
    `--policy many_bodies=N` sets). One finding per person, at their first seat.

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
    for person, seats in ctx.seats_of.items():
        bodies = list(dict.fromkeys(s.body for s in seats))
        if len(bodies) < threshold:
            continue
        first = min(seats, key=lambda s: (s.pos.line, s.pos.column))
        yield Hit(
            message=f"'{person.name}' sits on {len(bodies)} bodies "
            f"({', '.join(bodies)}); the threshold is {threshold}.",
            pos=first.pos,
            body=None,
            people=(person.ref,),
            hint=f"Check whether a deputy or colleague could take some of the seats of "
            f"'{person.name}', or attend as a participant; or set policy many_bodies.",
        )
