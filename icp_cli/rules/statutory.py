"""R3xx: the members the law (and NHS England policy) requires on each statutory body."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..analysis import Context
from ..findings import Severity
from ..identity import normalise_organisation
from ..model import Body, Person, Seat
from .base import Hit, rule

LGPIHA = "Local Government and Public Involvement in Health Act 2007 (LGPIHA 2007)"

_MENTAL_HEALTH = re.compile(r"mental[\s\-‐‑–]+health", re.IGNORECASE)


def _has_member_kind(ctx: Context, body: Body, kind: str) -> bool:
    return bool(ctx.seats_with_kind(ctx.member_seats(body), kind))


def _icb_chief_executives(icb: Body) -> set[Person]:
    return {s.person for s in icb.members if "chief-executive" in s.seats}


def _gap(body: Body, message: str, hint: str, aspect: str | None = None) -> Hit:
    """A required-seat finding: at the body's `members` key (rules.md, Where a finding points)."""
    return Hit(message=message, pos=body.members_pos, body=body.id, hint=hint, aspect=aspect)


def _hint(body: Body, matches: Callable[[Seat], bool], add: str) -> str:
    """The next step for a missing seat: `add`, unless someone holds the seat without being a
    member (participant, observer, substitute), in which case say so first."""
    held = next((s for s in body.members if not s.is_member and matches(s)), None)
    if held is None:
        return add
    article = "an" if held.attendance[0] in "aeiou" else "a"
    return (
        f"{held.name} is listed on '{body.id}' as {article} {held.attendance}, which does not "
        f"count: make that a member seat (remove 'attendance: {held.attendance}'), or "
        f"{add[0].lower()}{add[1:]}"
    )


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
        members = ctx.member_seats(icp)
        seen: set[str] = set()
        for council, pos in ctx.councils_of(icp):
            key = normalise_organisation(council)
            if key in seen:
                continue
            seen.add(key)
            if any(ctx.is_from(seat, council) for seat in members):
                continue
            yield Hit(
                message=f"The ICP '{icp.id}' has no member appointed by or from {council}.",
                pos=pos,
                body=icp.id,
                hint=_hint(
                    icp,
                    lambda seat, council=council: ctx.is_from(seat, council),
                    f"Add {council}'s appointee as a member of '{icp.id}' with "
                    f"'organisation: {council}', or 'appointed_by: {council}' if the "
                    "appointee is employed elsewhere.",
                ),
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


# -- R302 ------------------------------------------------------------------------------------


def _from_icb(seat: Seat, icb: Body | None, icb_people: set[Person]) -> bool:
    if "icb-representative" in seat.seats or seat.sector == "icb":
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
            f"The ICP '{icp.id}' has no member appointed by or from {appointer}.",
            _hint(
                icp,
                lambda seat: _from_icb(seat, icb, icb_people),
                f"Add the ICB's appointee as a member of '{icp.id}' with "
                f"'seat: icb-representative'{or_appointed}.",
            ),
        )


# -- R303 ------------------------------------------------------------------------------------

_PARTNER_SEATS = (
    ("partner-trusts", "the NHS trusts and foundation trusts", "8(2)(a)"),
    ("partner-primary-care", "the providers of primary medical services", "8(2)(b)"),
    ("partner-local-authority", "the local authorities", "8(2)(c)"),
)


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
    if icb is None or icb.partial:
        return
    members = ctx.member_seats(icb)
    member_people = {s.person for s in members}
    has_chair = _has_member_kind(ctx, icb, "chair") or (
        icb.chair_person is not None and icb.chair_person in member_people
    )
    if not has_chair:
        message = f"The ICB '{icb.id}' has no chair among its members (Sch. 1B para 3(1)(a))"
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
            message += "."
            add = f"Add the chair to '{icb.id}' with 'seat: chair', or set 'chair:' to a member."
        yield Hit(
            message=message,
            pos=icb.members_pos,
            body=icb.id,
            people=people,
            hint=_hint(icb, lambda seat: "chair" in seat.seats or seat.person is chair, add),
        )
    if not _has_member_kind(ctx, icb, "chief-executive"):
        yield _gap(
            icb,
            f"The ICB '{icb.id}' has no chief executive among its members "
            "(seat chief-executive, Sch. 1B para 3(1)(b)).",
            _hint(
                icb,
                _kind("chief-executive"),
                f"Add the chief executive to '{icb.id}' with 'seat: chief-executive'.",
            ),
        )
    for kind, group, paragraph in _PARTNER_SEATS:
        if not _has_member_kind(ctx, icb, kind):
            yield _gap(
                icb,
                f"The ICB '{icb.id}' has no partner member nominated by {group} "
                f"(seat {kind}, Sch. 1B para {paragraph}).",
                _hint(
                    icb,
                    _kind(kind),
                    f"Add the partner member nominated by {group} to '{icb.id}' with "
                    f"'seat: {kind}'.",
                ),
                aspect=kind,
            )
    excluded = set(ctx.chairs(icb)) | _icb_chief_executives(icb)
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

_POLICY_DIRECTORS = (
    ("finance-director", "director of finance"),
    ("medical-director", "medical director"),
    ("nursing-director", "director of nursing"),
)


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
    if icb is None or icb.partial:
        return
    for kind, title in _POLICY_DIRECTORS:
        if not _has_member_kind(ctx, icb, kind):
            yield _gap(
                icb,
                f"The ICB '{icb.id}' has no {title} among its members (seat {kind}).",
                _hint(
                    icb, _kind(kind), f"Add the ICB's {title} to '{icb.id}' with 'seat: {kind}'."
                ),
            )
    non_executives = ctx.seats_with_kind(ctx.member_seats(icb), "non-executive")
    if len(non_executives) < 2:
        missing = 2 - len(non_executives)
        yield _gap(
            icb,
            f"The ICB '{icb.id}' has {_plural(len(non_executives), 'non-executive')}"
            " among its members; NHS England asks for at least 2.",
            _hint(
                icb,
                _kind("non-executive"),
                f"Add {missing} independent non-executive member{'s' if missing > 1 else ''} "
                f"to '{icb.id}' with 'seat: non-executive'.",
            ),
        )


# -- R305 ------------------------------------------------------------------------------------


def _ordinary(seat: Seat) -> bool:
    """An ordinary ICB seat for R305: its kinds include neither chair nor chief-executive."""
    return "chair" not in seat.seats and "chief-executive" not in seat.seats


def _mental_health_proxy(seat: Seat) -> bool:
    if seat.sector == "nhs-mental-health":
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
    Looks for at least one ordinary member of the ICB, that is a member seat
    (`attendance: member`) whose kinds include neither `chair` nor `chief-executive`,
    who is from the sector `nhs-mental-health` or whose role or organisation mentions
    "mental health" (in any case). One finding for the ICB, at its `members` key. It does
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
    if icb is None or icb.partial:
        return
    ordinary = [s for s in ctx.member_seats(icb) if _ordinary(s)]
    if any(_mental_health_proxy(s) for s in ordinary):
        return
    yield Hit(
        message=f"No ordinary member of the ICB '{icb.id}' shows mental health expertise "
        f"(of {_plural(len(ordinary), 'ordinary member seat')}, none is from "
        "nhs-mental-health or has a role or organisation naming mental health).",
        pos=icb.members_pos,
        body=icb.id,
        hint=_hint(
            icb,
            lambda seat: _ordinary(seat) and _mental_health_proxy(seat),
            "Name the mental health expertise in the role of the ordinary member who holds "
            "it (or give their organisation and sector nhs-mental-health); if nobody holds "
            "it, the ICB must appoint such a member.",
        ),
    )


# -- R306 ------------------------------------------------------------------------------------


def _healthwatch(seat: Seat) -> bool:
    return "healthwatch" in seat.seats or seat.sector == "healthwatch"


def _icb_member(seat: Seat) -> bool:
    return "icb-representative" in seat.seats or seat.sector == "icb"


_HWB_DIRECTORS = (
    ("director-adult-social-services", "director of adult social services", "(b)"),
    ("director-childrens-services", "director of children's services", "(c)"),
    ("director-public-health", "director of public health", "(d)"),
)


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
      beginning with Cllr or Councillor, or a role naming Councillor, Mayor or Cabinet
      Member (sector `local-government` alone is not enough: councils also appoint
      officers);
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
    for hwb in ctx.m.bodies_of_type("hwb"):
        members = ctx.member_seats(hwb)
        if not any(ctx.is_councillor(s.person) for s in members):
            yield _gap(
                hwb,
                f"The health and wellbeing board '{hwb.id}' has no councillor among its "
                "members (s.194(2)(a)).",
                _hint(
                    hwb,
                    lambda seat: ctx.is_councillor(seat.person),
                    "Add a councillor of the council as a member: write 'Cllr' before the "
                    "name, 'seat: councillor', or a role such as 'Cabinet Member for Health'.",
                ),
            )
        for kind, title, paragraph in _HWB_DIRECTORS:
            if not ctx.seats_with_kind(members, kind):
                yield _gap(
                    hwb,
                    f"The health and wellbeing board '{hwb.id}' has no {title} among its "
                    f"members (seat {kind}, s.194(2){paragraph}).",
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
                "(s.194(2)(e)).",
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
                f"The health and wellbeing board '{hwb.id}' has no ICB member (s.194(2)(f)).",
                _hint(
                    hwb,
                    _icb_member,
                    f"Add the ICB's representative to '{hwb.id}' with "
                    "'seat: icb-representative' or 'sector: icb'.",
                ),
            )
