"""R3xx: the members the law (and NHS England policy) requires on each statutory body."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from icp_cli.check.context import Context, close_council, has_sector, sectors
from icp_cli.check.findings import Severity
from icp_cli.check.requirements import requirement, requirements
from icp_cli.check.rules.base import Hit, rule
from icp_cli.model import Body, Person, Pos, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import SECTOR_GROUPS

LGPIHA = "Local Government and Public Involvement in Health Act 2007 (LGPIHA 2007)"

_MENTAL_HEALTH = re.compile(r"mental[\s\-‐‑–]+health", re.IGNORECASE)


def _has_member_kind(ctx: Context, body: Body, kind: str) -> bool:
    return bool(ctx.seats_with_kind(ctx.member_seats(body), kind))


def _icb_chief_executives(icb: Body) -> set[Person]:
    return {s.person for s in _filled(icb) if s.sits and "chief-executive" in s.seats}


def _gap(body: Body, message: str, hint: str, aspect: str | None = None) -> Hit:
    """A required-seat finding: at the body's `members` key (docs/spec/rules.md, Where a finding
    points)."""
    return Hit.on_members(body, message, hint=hint, aspect=aspect)


def _hint(body: Body, matches: Callable[[Seat], bool], add: str) -> str:
    """The next step for a missing seat: `add`, unless someone holds the seat without being a
    member (participant, observer, substitute), in which case say so first."""
    held = next((s for s in _filled(body) if not s.is_member and matches(s)), None)
    if held is None:
        return add
    article = "an" if held.attendance[0] in "aeiou" else "a"
    return (
        f"{held.name} is listed on '{body.id}' as {article} {held.attendance}, which does not "
        f"count: make that a member seat (remove 'attendance: {held.attendance}'), or "
        f"{add[0].lower()}{add[1:]}"
    )


def _filled(body: Body) -> list[Seat]:
    return Context.filled(body)


def _vacant_note(ctx: Context, body: Body, *kinds: str) -> str:
    """' (the seat exists but is vacant)' when a vacant member seat of the kind exists."""
    return " The seat exists but is vacant." if ctx.vacant_kind(body, *kinds) else ""


def _kind(kind: str) -> Callable[[Seat], bool]:
    return lambda seat: kind in seat.seats


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- R301 ------------------------------------------------------------------------------------


@rule(
    "R301",
    "icp-missing-council",
    Severity.ERROR,
    "A council the ICP covers has no member appointed by or from it.",
    f"{LGPIHA} s.116ZA(1)–(2)(b): one member appointed by each responsible local "
    "authority (s.103: county councils, unitary councils, London boroughs, the Isles of "
    "Scilly, the City of London) whose area falls within the ICB's area",
    needs=("icp",),
)
def icp_missing_council(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, takes the councils it covers: its own
    `local_authorities` when it has one (that list replaces the system's), else
    `system.local_authorities`. Each council needs at least one member seat
    (`attendance: member`) that was appointed by it (`appointed_by` names the council) or
    is held by someone from it (the member's `organisation` equals the council's name;
    case, spacing, punctuation and `&`/`and` do not matter). One finding per council, at
    the council's entry in `local_authorities`. Participants, observers and substitutes
    do not count.

    When a file has several ICPs (a merged ICB spanning former partnerships), it also
    reports each council in `system.local_authorities` that no ICP's own
    `local_authorities` covers (an ICP without its own list covers the whole system).

    ## Why it matters
    The ICP is a joint committee of the ICB and the responsible local authorities, and the
    Local Government and Public Involvement in Health Act 2007, LGPIHA 2007
    s.116ZA(1)–(2)(b), requires one member appointed by each responsible local authority
    whose area falls within the ICB's area (s.103: county councils, unitary councils,
    London boroughs, the Isles of Scilly and the City of London). A partnership without a
    council's appointee is not constituted as the Act requires, and that council's
    residents have no democratic voice in the integrated care strategy.

    ## How to fix
    Add the council's appointee as a member, usually its leader or cabinet member for
    health, with the council as `organisation`, written as in `local_authorities`. When
    the council appoints someone employed elsewhere (a director of public health shared
    with a neighbouring council), write `appointed_by: <the council>` on that seat. With
    several ICPs, add a council no ICP covers to the `local_authorities` of the ICP whose
    area includes it.

    ## Example
    ```yaml
    system:
      local_authorities: [Northshire County Council, Easton City Council]
    bodies:
      icp:
        type: icp
        members:
          - name: Cllr Tim Brown
            organisation: Easton City Council
          - name: Dr Ada Lowe               # employed by Northshire, appointed by Easton
            organisation: Northshire County Council
            appointed_by: Easton City Council
    ```
    """
    for icp in ctx.icps:
        seen: set[str] = set()
        near_misses: dict[str, str] | None = None  # worked out on the first finding
        for council, pos in ctx.councils_of(icp):
            key = normalise_organisation(council)
            if key in seen:
                continue
            seen.add(key)
            if ctx.seats_from(icp).get(key):
                continue
            hint = _hint(
                icp,
                partial(ctx.is_from, organisation=council),
                f"Add {council}'s appointee as a member of '{icp.id}' with "
                f"'organisation: {council}', or 'appointed_by: {council}' if the "
                "appointee is employed elsewhere.",
            )
            if near_misses is None:
                near_misses = _near_misses(ctx, icp)
            near = near_misses.get(council)
            if near is not None:
                hint = f"{near} {hint}"
            yield Hit(
                message=f"The ICP '{icp.id}' has no member appointed by or from {council}.",
                pos=pos,
                body=icp.id,
                hint=hint,
            )
    if len(ctx.icps) < 2 or any(icp.local_authorities is None for icp in ctx.icps):
        return
    covered = {
        normalise_organisation(council)
        for icp in ctx.icps
        for council in icp.local_authorities or ()
    }
    system = ctx.m.system
    ids = ", ".join(f"'{icp.id}'" for icp in ctx.icps)
    for council, pos in zip(system.local_authorities, system.local_authorities_pos, strict=True):
        key = normalise_organisation(council)
        if key in covered:
            continue
        covered.add(key)  # one finding per council, even if the system lists it twice
        yield Hit(
            message=f"{council} is in system.local_authorities but none of the "
            f"{len(ctx.icps)} ICPs ({ids}) covers it.",
            pos=pos,
            body=None,
            hint=f"Add {council} to the local_authorities of the ICP whose area includes "
            "it, and give that ICP a member appointed by the council.",
        )


def _near_misses(ctx: Context, icp: Body) -> dict[str, str]:
    """For each council of the ICP, the first member seat whose organisation or
    appointed_by is close to its name but not equal ('Hillcombe BC' for 'Hillcombe
    Borough Council'), said as the start of R301's hint. Each distinct value is compared
    with the list once."""
    listed = [c for c, _ in ctx.councils_of(icp)]
    keys = {normalise_organisation(c) for c in listed}
    found: dict[str, str] = {}
    meant: dict[str, str | None] = {}
    for seat in ctx.member_seats(icp):
        for field, value in (
            ("organisation", seat.organisation),
            ("appointed_by", seat.appointed_by),
        ):
            if value is None or normalise_organisation(value) in keys:
                continue
            if value not in meant:
                meant[value] = close_council(value, listed)
            council = meant[value]
            if council is None or council in found:
                continue
            found[council] = (
                f"{seat.name}'s {field} on line {seat.pos.line}, '{value}', looks like "
                f"{council}: write it as in local_authorities ('{field}: {council}')."
            )
    return found


# -- R302 ------------------------------------------------------------------------------------


def _from_icb(seat: Seat, icb: Body | None, icb_people: set[Person]) -> bool:
    # `appointed_by: icb` always means the system's ICB, even without an ICB body.
    if "icb-representative" in seat.seats or has_sector(seat, "icb") or seat.appointed_by == "icb":
        return True
    if icb is None:
        return False
    return seat.appointed_by == icb.id or seat.person in icb_people


@rule(
    "R302",
    "icp-missing-icb-member",
    Severity.ERROR,
    "An ICP has no member appointed by or from the ICB.",
    f"{LGPIHA} s.116ZA(2)(a): one member appointed by the integrated care board",
    needs=("icp",),
)
def icp_missing_icb_member(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each integrated care partnership needs at least one member seat (`attendance:
    member`) that comes from the ICB: a seat with `appointed_by` naming the ICB's id, a
    seat of kind `icb-representative`, a member of sector `icb`, or a person who also
    sits on the ICB (any seat there but a substitute's). Participants, observers and
    substitutes on the ICP do not count. When the file has no ICB, only the seat kind,
    the sector and `appointed_by` can satisfy the rule.

    ## Why it matters
    The Local Government and Public Involvement in Health Act 2007, LGPIHA 2007
    s.116ZA(2)(a), requires the ICP to include one member appointed by the integrated care
    board: the ICP is a joint committee of the ICB and the councils, and without the ICB's
    appointee the NHS side of the partnership is not constituted as the Act requires.

    ## How to fix
    Add the ICB's appointee (often the ICB chair or chief executive) as a member of the
    ICP with `seat: icb-representative`, or write `appointed_by: <the ICB's id>` on their
    seat. If they are listed as a participant or observer, make them a member.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:
          - person: jane-okafor           # the ICB chair
            seat: icb-representative
    ```
    """
    icb = ctx.icb
    icb_people = ctx.sitting_people(icb) if icb is not None else set()
    for icp in ctx.icps:
        if any(_from_icb(seat, icb, icb_people) for seat in ctx.member_seats(icp)):
            continue
        appointer = f"the ICB '{icb.id}'" if icb is not None else "the ICB"
        or_appointed = f" or 'appointed_by: {icb.id}'" if icb is not None else ""
        yield _gap(
            icp,
            f"The ICP '{icp.id}' has no member appointed by or from {appointer}."
            + _vacant_note(ctx, icp, "icb-representative"),
            _hint(
                icp,
                lambda seat: _from_icb(seat, icb, icb_people),
                f"Add the ICB's appointee as a member of '{icp.id}' with "
                f"'seat: icb-representative'{or_appointed}.",
            ),
        )


# -- R303 ------------------------------------------------------------------------------------

_CHAIR = requirement("icb", "chair")
_CHIEF_EXECUTIVE = requirement("icb", "chief-executive")
_PARTNER_SEATS = requirements("icb", "partner-")


@rule(
    "R303",
    "icb-missing-statutory-seat",
    Severity.ERROR,
    "The ICB lacks a member the NHS Act 2006 requires (chair, chief executive, partner "
    "members, three ordinary members).",
    "NHS Act 2006 Sch. 1B para 3(1)–(2) (a chair, a chief executive and at least three "
    "ordinary members) and para 8(2)(a)–(c) (at least one ordinary member nominated by "
    "each of the three groups), as inserted by the Health and Care Act 2022",
    needs=("icb",),
    completeness=True,
)
def icb_missing_statutory_seat(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The ICB's member seats (`attendance: member`) must include:

    - a chair: a `chair` seat, or `chair:` naming a person with a member seat on the ICB;
    - a `chief-executive` seat;
    - the three partner members: `partner-trusts`, `partner-primary-care` and
      `partner-local-authority`;
    - at least three member seats held by people other than the chair(s) and the chief
      executive (the ordinary members).

    One finding per gap, at the ICB's `members` key. Participants, observers and
    substitutes satisfy nothing. A seat with a list of kinds counts for each. The rule does
    not run for an ICB marked `partial: true` (a draft listing only some of its members);
    `check` says so in a note.

    ## Why it matters
    The National Health Service Act 2006, Schedule 1B (inserted by the Health and Care Act
    2022), sets the minimum board. NHS Act 2006 Sch. 1B para 3(1)–(2): a chair, a chief
    executive and at least three other members (para 3(2) calls every member other than
    the chair and chief executive an "ordinary member"). Sch. 1B para 8(2)(a)–(c): at
    least one ordinary member nominated by each of the NHS trusts and foundation trusts,
    the providers of primary medical services, and the local authorities in the ICB's
    area. A board without them is not constituted as the Act requires.

    ## How to fix
    Add the missing member with the matching `seat:`, or correct the seat kind of an
    existing member (a partner member written as `non-executive`, say). If a member is
    listed as a participant, make them a member. If the file lists only some of the
    board on purpose, mark the ICB `partial: true`.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        chair: Dr Jane Okafor
        members:
          - name: Dr Jane Okafor
          - name: Mark Bell
            seat: chief-executive
          - name: Prof Sam Hughes
            seat: partner-trusts
          - name: Dr Lena Fox
            seat: partner-primary-care
          - name: Cllr Ian Reed
            seat: partner-local-authority
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    members = ctx.member_seats(icb)
    member_people = {s.person for s in members}
    has_chair = _has_member_kind(ctx, icb, "chair") or (
        icb.chair_person is not None and icb.chair_person in member_people
    )
    if not has_chair:
        message = f"The ICB '{icb.id}' has no chair among its members ({_CHAIR.short})"
        people: tuple[str, ...] = ()
        chair = icb.chair_person
        if chair is not None:
            people = (chair.ref,)
            message += f": its chair, {chair.name}, has no member seat on it."
            entry = f"'person: {chair.id}'" if chair.id is not None else f"'name: {chair.name}'"
            add = (
                f"Add {chair.name} to the members of '{icb.id}' ({entry}), or give the chair's "
                "member entry 'seat: chair'."
            )
        elif icb.chair is not None:
            message += f": 'chair: {icb.chair}' names nobody in the file."
            add = f"Add the chair to '{icb.id}' with 'seat: chair', or set 'chair:' to a member."
        else:
            message += "." + _vacant_note(ctx, icb, "chair")
            add = f"Add the chair to '{icb.id}' with 'seat: chair', or set 'chair:' to a member."
        yield Hit.on_members(
            icb,
            message,
            people=people,
            hint=_hint(icb, lambda seat: "chair" in seat.seats or seat.person is chair, add),
        )
    if not _has_member_kind(ctx, icb, _CHIEF_EXECUTIVE.key):
        yield _gap(
            icb,
            f"The ICB '{icb.id}' has no {_CHIEF_EXECUTIVE.title} among its members "
            f"(seat {_CHIEF_EXECUTIVE.key}, {_CHIEF_EXECUTIVE.short})."
            + _vacant_note(ctx, icb, *_CHIEF_EXECUTIVE.kinds),
            _hint(
                icb,
                _CHIEF_EXECUTIVE.matches,
                f"Add the {_CHIEF_EXECUTIVE.title} to '{icb.id}' with "
                f"'seat: {_CHIEF_EXECUTIVE.key}'.",
            ),
        )
    for partner in _PARTNER_SEATS:
        kind = partner.key
        if not _has_member_kind(ctx, icb, kind):
            yield _gap(
                icb,
                f"The ICB '{icb.id}' has no partner member nominated by {partner.title} "
                f"(seat {kind}, {partner.short})." + _vacant_note(ctx, icb, kind),
                _hint(
                    icb,
                    _kind(kind),
                    f"Add the partner member nominated by {partner.title} to '{icb.id}' with "
                    f"'seat: {kind}'.",
                ),
                aspect=kind,
            )
    excluded = _not_ordinary(ctx, icb)
    ordinary = [s for s in members if s.person not in excluded]
    if len(ordinary) < 3:
        yield _gap(
            icb,
            f"The ICB '{icb.id}' has {_plural(len(ordinary), 'member seat')} held by people "
            "other than the chair and chief executive; Sch. 1B para 3(1)(c) requires at "
            "least 3.",
            f"Add {3 - len(ordinary)} more ordinary member"
            f"{'' if 3 - len(ordinary) == 1 else 's'} (partner members, executive or "
            f"non-executive members) to '{icb.id}'.",
        )


# -- R304 ------------------------------------------------------------------------------------

_POLICY_DIRECTORS = tuple(
    (r.key, r.title) for r in requirements("icb") if r.source == "guidance" and r.at_least == 1
)
_NON_EXECUTIVES = requirement("icb", "non-executive")


@rule(
    "R304",
    "icb-missing-policy-seat",
    Severity.WARNING,
    "The ICB lacks a finance, medical or nursing director, or two non-executive members.",
    "NHS England, ICB guidance and model constitution",
    needs=("icb",),
    completeness=True,
)
def icb_missing_policy_seat(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The ICB's member seats (`attendance: member`) must include a `finance-director`, a
    `medical-director` and a `nursing-director`, and at least two `non-executive` seats.
    One finding per gap, at the ICB's `members` key. A joint seat
    (`seat: [medical-director, nursing-director]`) counts for each kind. Participants,
    observers and substitutes satisfy nothing. The rule does not run for an ICB marked
    `partial: true`; `check` says so in a note.

    ## Why it matters
    These seats are not in the Act: NHS England's ICB guidance and model constitution ask
    every ICB board to include executive directors of finance, medicine and nursing and
    at least two independent non-executive members (who chair the audit and remuneration
    committees). That is national policy rather than law, so the rule is a warning.

    ## How to fix
    Add the missing director or non-executive as a member with the matching `seat:`, or
    correct the seat kind of an existing member. If a director attends without a vote,
    agree with NHS England whether that meets the model constitution.

    ## Example
    ```yaml
          - name: Dr Rhys Pugh
            seat: medical-director
          - name: Ruth Olsen
            seat: non-executive
          - name: Daniel Ames
            seat: non-executive
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    for kind, title in _POLICY_DIRECTORS:
        if not _has_member_kind(ctx, icb, kind):
            yield _gap(
                icb,
                f"The ICB '{icb.id}' has no {title} among its members (seat {kind})."
                + _vacant_note(ctx, icb, kind),
                _hint(
                    icb, _kind(kind), f"Add the ICB's {title} to '{icb.id}' with 'seat: {kind}'."
                ),
            )
    wanted = _NON_EXECUTIVES.at_least
    non_executives = ctx.seats_with_kind(ctx.member_seats(icb), *_NON_EXECUTIVES.kinds)
    if len(non_executives) < wanted:
        missing = wanted - len(non_executives)
        yield _gap(
            icb,
            f"The ICB '{icb.id}' has {_plural(len(non_executives), _NON_EXECUTIVES.title)}"
            f" among its members; NHS England asks for at least {wanted}."
            + _vacant_note(ctx, icb, *_NON_EXECUTIVES.kinds),
            _hint(
                icb,
                _NON_EXECUTIVES.matches,
                f"Add {missing} independent non-executive member{'s' if missing > 1 else ''} "
                f"to '{icb.id}' with 'seat: non-executive'.",
            ),
        )


# -- R305 ------------------------------------------------------------------------------------


def _not_ordinary(ctx: Context, icb: Body) -> set[Person]:
    """The ICB's chairs and the holders of its chief-executive seat: whoever is not an
    ordinary member (Sch. 1B para 3(2)); R303 and R305 read it alike."""
    return set(ctx.chairs(icb)) | _icb_chief_executives(icb)


def _mental_health_proxy(seat: Seat) -> bool:
    if has_sector(seat, "nhs-mental-health"):
        return True
    return any(text and _MENTAL_HEALTH.search(text) for text in (seat.role, seat.organisation))


@rule(
    "R305",
    "icb-no-mental-health-expertise",
    Severity.WARNING,
    "No ordinary ICB member shows mental health expertise (a proxy for a statutory duty).",
    "NHS Act 2006 Sch. 1B as inserted by the Health and Care Act 2022: at least one "
    "ordinary member with knowledge and experience of mental illness services (confirmed "
    "in PQ HL9462, 22 Jul 2025)",
    needs=("icb",),
    completeness=True,
)
def icb_no_mental_health_expertise(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Looks for at least one ordinary member of the ICB, as R303 reads it: a member seat
    (`attendance: member`) held by someone other than the ICB's chairs (whoever `chair:`
    names and the holders of `chair` and `co-chair` seats) and the holders of its
    `chief-executive` seat, who is from the sector `nhs-mental-health` (one of their
    sectors, for a combined trust) or whose role or organisation mentions "mental
    health" (in any case). One finding for the ICB, at its `members` key. It does
    not run for an ICB marked `partial: true`; `check` says so in a note.

    ## Why it matters
    The duty is statutory: NHS Act 2006 Sch. 1B, as inserted by the Health and Care Act
    2022, requires the ICB's constitution to provide for at least one ordinary
    member (Sch. 1B para 3(2): a member other than the chair or chief executive) with
    knowledge and experience in connection with services relating to the prevention,
    diagnosis and treatment of mental illness, as the Government confirmed in answer to
    PQ HL9462 (22 Jul 2025). But a membership file cannot show knowledge and experience:
    it shows only a proxy (a mental health trust, a role or an organisation naming mental
    health). A board may meet the duty through a member whose expertise the file does not
    show, so the rule is a warning, not an error.

    ## How to fix
    Identify the ordinary member who holds the mental health expertise and say so in
    their `role` (for example "Partner member, NHS trusts (mental health)"), or record
    their organisation and sector (`nhs-mental-health`). If no member has that expertise,
    the ICB must appoint one.

    ## Example
    ```yaml
          - name: Dr Priya Shah
            organisation: Northshire Mental Health NHS Foundation Trust
            sector: nhs-mental-health
            seat: partner-trusts
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    excluded = _not_ordinary(ctx, icb)
    ordinary = [s for s in ctx.member_seats(icb) if s.person not in excluded]
    if any(_mental_health_proxy(s) for s in ordinary):
        return
    yield Hit.on_members(
        icb,
        f"No ordinary member of the ICB '{icb.id}' shows mental health expertise "
        f"(of {_plural(len(ordinary), 'ordinary member seat')}, none is from "
        "nhs-mental-health or has a role or organisation naming mental health).",
        hint=_hint(
            icb,
            lambda seat: seat.person not in excluded and _mental_health_proxy(seat),
            "Name the mental health expertise in the role of the ordinary member who holds "
            "it (or give their organisation and sector nhs-mental-health); if nobody holds "
            "it, the ICB must appoint such a member.",
        ),
    )


# -- R306 ------------------------------------------------------------------------------------


_HWB_COUNCILLOR = requirement("hwb", "councillor")
_HWB_HEALTHWATCH = requirement("hwb", "healthwatch")
_HWB_ICB = requirement("hwb", "icb")
_healthwatch = _HWB_HEALTHWATCH.matches
_icb_member = _HWB_ICB.matches
_HWB_DIRECTORS = requirements("hwb", "director-")


@rule(
    "R306",
    "hwb-missing-statutory-seat",
    Severity.ERROR,
    "A health and wellbeing board lacks a member the Health and Social Care Act 2012 requires.",
    "Health and Social Care Act 2012 s.194(2)(a)–(f) and (4) (the elected mayor or "
    "executive leader may sit instead of a nominated councillor); (f) each relevant ICB, "
    "as amended in 2022",
)
def hwb_missing_statutory_seat(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every health and wellbeing board (a body of type `hwb`) needs, among its member seats
    (`attendance: member`):

    - a councillor: a person with a `councillor` seat anywhere in the file, a name
      beginning with Cllr or Councillor, or a role naming Councillor, Mayor, Cabinet
      Member, Executive Member (not Non-executive Member), Portfolio Holder or Lead
      Member, or beginning with Leader or Deputy Leader (sector `local-government` alone
      is not enough: councils also appoint officers);
    - a `director-adult-social-services`, a `director-childrens-services` and a
      `director-public-health` seat (a joint seat list counts for each kind);
    - Healthwatch: a `healthwatch` seat or a member of sector `healthwatch`;
    - the ICB: an `icb-representative` seat or a member of sector `icb`.

    One finding per missing member, at the board's `members` key. Participants,
    observers and substitutes satisfy nothing.

    ## Why it matters
    The Health and Social Care Act 2012 s.194(2) sets the board's core membership:
    (a) at least one councillor of the local authority (under s.194(4) the elected mayor
    or executive leader may be that member instead of a nominated councillor), (b) the
    director of adult social services, (c) the director of children's services, (d) the
    director of public health, (e) a representative of the Local Healthwatch organisation
    and (f) a representative of each relevant integrated care board (as amended by the
    Health and Care Act 2022). A board without them is not constituted as the Act
    requires.

    ## How to fix
    Add the missing member with the matching `seat:` (or sector for Healthwatch and the
    ICB). Write a councillor's name with "Cllr", their seat as `councillor`, or their
    role (e.g. "Cabinet Member for Health"). If one officer holds two posts, give one
    entry both kinds: `seat: [director-adult-social-services, director-childrens-services]`.

    ## Example
    ```yaml
      hwb-easton:
        type: hwb
        members:
          - name: Cllr Tim Brown
            seat: hwb-chair
          - name: Rosa Patel
            organisation: Healthwatch Easton
            sector: healthwatch
    ```
    """
    for hwb in ctx.of_type("hwb"):
        members = ctx.member_seats(hwb)
        if not any(ctx.is_councillor(s.person) for s in members):
            yield _gap(
                hwb,
                f"The health and wellbeing board '{hwb.id}' has no councillor among its "
                f"members ({_HWB_COUNCILLOR.short})." + _vacant_note(ctx, hwb, "councillor"),
                _hint(
                    hwb,
                    lambda seat: ctx.is_councillor(seat.person),
                    "Add a councillor of the council as a member: write 'Cllr' before the "
                    "name, 'seat: councillor', or a role such as 'Cabinet Member for Health'.",
                ),
            )
        for director in _HWB_DIRECTORS:
            kind, title = director.key, director.title
            if not ctx.seats_with_kind(members, kind):
                yield _gap(
                    hwb,
                    f"The health and wellbeing board '{hwb.id}' has no {title} among its "
                    f"members (seat {kind}, {director.short})." + _vacant_note(ctx, hwb, kind),
                    _hint(
                        hwb,
                        _kind(kind),
                        f"Add the council's {title} to '{hwb.id}' with 'seat: {kind}'.",
                    ),
                )
        if not any(_healthwatch(s) for s in members):
            yield _gap(
                hwb,
                f"The health and wellbeing board '{hwb.id}' has no Healthwatch member "
                f"({_HWB_HEALTHWATCH.short})." + _vacant_note(ctx, hwb, "healthwatch"),
                _hint(
                    hwb,
                    _healthwatch,
                    f"Add the Local Healthwatch representative to '{hwb.id}' with "
                    "'seat: healthwatch' or 'sector: healthwatch'.",
                ),
                aspect="healthwatch",
            )
        if not any(_icb_member(s) for s in members):
            yield _gap(
                hwb,
                f"The health and wellbeing board '{hwb.id}' has no ICB member ({_HWB_ICB.short})."
                + _vacant_note(ctx, hwb, "icb-representative"),
                _hint(
                    hwb,
                    _icb_member,
                    f"Add the ICB's representative to '{hwb.id}' with "
                    "'seat: icb-representative' or 'sector: icb'.",
                ),
            )


# -- R307 ------------------------------------------------------------------------------------

SCH_1B = "NHS Act 2006 Sch. 1B"


def _chair_entries(icb: Body) -> list[tuple[Person, Pos]]:
    """Each chair of the ICB with where it is written: `chair:`, else its chair seat."""
    found: dict[int, tuple[Person, Pos]] = {}
    if icb.chair_person is not None and icb.chair_pos is not None:
        found[id(icb.chair_person)] = (icb.chair_person, icb.chair_pos)
    for seat in _filled(icb):
        if seat.sits and any(k in ("chair", "co-chair") for k in seat.seats):
            found.setdefault(id(seat.person), (seat.person, seat.pos))
    return list(found.values())


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _name_on(body: Body, person: Person) -> str:
    return next((s.name for s in _filled(body) if s.person is person), person.name)


@rule(
    "R307",
    "icb-single-chair",
    Severity.ERROR,
    "The ICB has more than one chair, or its one chair sits in a co-chair seat.",
    f'{SCH_1B} para 3(1)(a) ("a chair") and para 5 (the chair is appointed by NHS England '
    "with the Secretary of State's approval)",
    needs=("icb",),
)
def icb_single_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Counts the ICB's chairs: whoever `chair:` names, and the holders of `chair` and
    `co-chair` seats (substitutes aside). Two or more people make one finding naming
    them, at the ICB's `members` key. When the ICB has a single chair who sits in a
    `co-chair` seat, that seat is reported too, at the seat, with a hint to write `chair`.

    ## Why it matters
    The NHS Act 2006 Sch. 1B para 3(1)(a) gives the ICB "a chair", appointed by NHS
    England with the Secretary of State's approval (para 5). Co-chairs suit a joint
    committee such as the integrated care partnership, not the board: the chair is one
    office. Two chairs in the file usually mean a deputy or an ICP co-chair was written
    on the ICB by mistake.

    ## How to fix
    Keep one chair: write the other person's seat as `deputy-chair` (or
    `non-executive`), or move them to the body they co-chair. A sole chair written as
    `co-chair` takes `seat: chair`.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        chair: Dr Jane Okafor
        members:
          - name: Dr Jane Okafor
            seat: chair
          - name: Cllr Tim Brown
            seat: co-chair          # R307: the ICB has one chair
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    chairs = _chair_entries(icb)
    if len(chairs) >= 2:
        names = [_name_on(icb, p) for p, _ in chairs]
        yield Hit.on_members(
            icb,
            f"The ICB '{icb.id}' has {len(chairs)} chairs ({_names(names)}); "
            "Sch. 1B para 3(1)(a) gives it one.",
            people=tuple(p.ref for p, _ in chairs),
            hint=f"Keep one chair of '{icb.id}' and write the others' seats as "
            "'deputy-chair' or 'non-executive' (or move them to the body they co-chair).",
        )
        return
    if len(chairs) == 1:
        person = chairs[0][0]
        for seat in _filled(icb):
            if seat.sits and seat.person is person and "co-chair" in seat.seats:
                yield Hit(
                    message=f"The ICB '{icb.id}' has one chair, {seat.name}, in a co-chair "
                    "seat; the ICB has a chair, not co-chairs.",
                    pos=seat.pos,
                    body=icb.id,
                    people=(person.ref,),
                    hint=f"Write 'seat: chair' for {seat.name} on '{icb.id}'.",
                )
                break


# -- R308 ------------------------------------------------------------------------------------


@rule(
    "R308",
    "icb-chair-is-chief-executive",
    Severity.ERROR,
    "One person is both a chair and the chief executive of the ICB.",
    f"{SCH_1B} para 3(1)(a)–(b); para 7 (the chief executive is appointed by the chair and "
    "is an employee of the ICB)",
    needs=("icb",),
)
def icb_chair_is_chief_executive(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports a person who is a chair of the ICB (named by `chair:`, or holding a `chair`
    or `co-chair` seat) and also holds its `chief-executive` seat (substitutes aside).
    One finding per person, at their `chief-executive` seat.

    ## Why it matters
    The NHS Act 2006 Sch. 1B para 3(1)(a)–(b) makes the chair and the chief executive
    two members of the board, and para 7 has the chair appoint the chief executive, an
    employee of the ICB. One person cannot appoint themself, nor hold the executive to
    account. In a file it is usually a copy-and-paste slip.

    ## How to fix
    Give the chief executive's seat to the chief executive, and the chair's to the chair.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        chair: Dr Jane Okafor
        members:
          - name: Dr Jane Okafor
            seat: chief-executive     # R308: the chair cannot be chief executive
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    chairs = set(ctx.chairs(icb))
    reported: set[Person] = set()
    for seat in _filled(icb):
        if not seat.sits or "chief-executive" not in seat.seats:
            continue
        if seat.person not in chairs or seat.person in reported:
            continue
        reported.add(seat.person)
        yield Hit.at_seat(
            seat,
            f"{seat.name} is both a chair and the chief executive of the ICB "
            f"'{icb.id}' (Sch. 1B para 3(1)(a)–(b)).",
            hint=f"Give the chief executive's seat on '{icb.id}' to the chief executive and "
            "the chair's to the chair; the chair appoints the chief executive (Sch. 1B "
            "para 7).",
        )


# -- R309 ------------------------------------------------------------------------------------


@rule(
    "R309",
    "icp-no-councils-listed",
    Severity.WARNING,
    "An ICP names no council, so its statutory council members cannot be checked.",
    f"{LGPIHA} s.116ZA(1)–(2)(b)",
    needs=("icp",),
)
def icp_no_councils_listed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports each integrated care partnership when neither its own `local_authorities`
    nor `system.local_authorities` names any council (an empty list names none). One
    finding per ICP, at the ICP's key.

    ## Why it matters
    The Local Government and Public Involvement in Health Act 2007 s.116ZA(1)–(2)(b)
    requires one ICP member appointed by each responsible local authority in the ICB's
    area. R301 checks that for every council the file lists; a file that lists none
    passes R301 silently, although council members may sit on the partnership. The
    rule is a warning: the file, not necessarily the partnership, is incomplete.

    ## How to fix
    List the upper-tier and unitary councils in `system.local_authorities` (or in the
    ICP's own `local_authorities` when it covers only some of them), written as the
    members' `organisation` writes them.

    ## Example
    ```yaml
    system:
      name: Northshire and Easton ICS
      local_authorities: [Northshire County Council, Easton City Council]
    ```
    """
    for icp in ctx.icps:
        if icp.local_authorities or ctx.m.system.local_authorities:
            continue
        yield Hit.on_body(
            icp,
            f"The ICP '{icp.id}' names no council: neither its local_authorities "
            "nor system.local_authorities lists one, so R301 cannot check its statutory "
            "council members.",
            hint="List the councils with social-care duties in system.local_authorities "
            f"(or in the local_authorities of '{icp.id}'), written as the members' "
            "organisation writes them.",
        )


# -- R312 ------------------------------------------------------------------------------------

_TRUST_SECTORS = ("nhs-acute", "nhs-mental-health", "nhs-community", "nhs-ambulance", "nhs-trust")
_PARTNER_GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "partner-trusts": (_TRUST_SECTORS, "an NHS trust sector (" + ", ".join(_TRUST_SECTORS) + ")"),
    "partner-primary-care": (("primary-care",), "primary-care"),
    "partner-local-authority": (
        SECTOR_GROUPS["local-government"],
        "the local-government group (" + ", ".join(SECTOR_GROUPS["local-government"]) + ")",
    ),
}


@rule(
    "R312",
    "partner-seat-sector",
    Severity.INFO,
    "A partner member's sector is not one of the group that nominates the seat.",
    f"{SCH_1B} para 8(2)(a)–(c): partner members nominated by those groups (their chairs "
    "and non-executives qualify, SI 2024/1205, so the sector is tested, not the role)",
)
def partner_seat_sector(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports a `partner-trusts` seat held by someone outside the NHS trust sectors
    (`nhs-acute`, `nhs-mental-health`, `nhs-community`, `nhs-ambulance`, `nhs-trust`), a
    `partner-primary-care` seat outside `primary-care`, and a `partner-local-authority`
    seat outside the local-government group (`local-government`, `public-health`,
    `adult-social-care`, `childrens-services`). A seat without a sector is not reported;
    with several sectors, any one of them in the group is enough; a substitute's seat
    is not checked. One finding per seat, at the seat.

    ## Why it matters
    The NHS Act 2006 Sch. 1B para 8(2)(a)–(c) has the partner members nominated by the
    trusts, the providers of primary medical services and the local authorities. Their
    chairs and non-executives qualify too (SI 2024/1205), so the rule tests the sector,
    not the role. A partner seat from another sector is usually a seat kind or sector
    written wrongly; it is information, not a fault.

    ## How to fix
    Check the member's sector (a trust's non-executive takes the trust's sector) and the
    seat kind; correct whichever is wrong.

    ## Example
    ```yaml
          - name: Prof Sam Hughes
            organisation: Easton Teaching Hospitals NHS Foundation Trust
            sector: nhs-acute
            seat: partner-trusts
    ```
    """
    for body in ctx.m.bodies.values():
        for seat in _filled(body):
            own = sectors(seat)
            if not own or not seat.sits:  # a substitute counts for nothing here
                continue
            for kind in seat.seats:
                group = _PARTNER_GROUPS.get(kind)
                if group is None or any(s in group[0] for s in own):
                    continue
                yield Hit.at_seat(
                    seat,
                    f"{seat.name} holds a {kind} seat on '{body.id}' but has sector "
                    f"{', '.join(own)}, not {group[1]}.",
                    hint="Check the member's sector and the seat kind, and correct whichever "
                    "is wrong (a partner member's chairs and non-executives take their "
                    "organisation's sector).",
                )
                break
