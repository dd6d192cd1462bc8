"""C6xx: who chairs the bodies, and how independent the ICB's chair and non-executives are."""

from __future__ import annotations

import re
from collections.abc import Iterator

from icp_cli.check.context import Context, distinct_people, sectors
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, rule
from icp_cli.check.sources import GGI, ICB_GUIDANCE, MODEL_CONSTITUTION
from icp_cli.model import Body, Person, Pos, Seat
from icp_cli.text import and_join
from icp_cli.vocab import CHAIR_SEATS, SECTOR_GROUPS

# C604: sectors that show a role in a health or care organisation or a council.
_NOT_INDEPENDENT = frozenset(
    [s for s in SECTOR_GROUPS["nhs"] if s != "icb"]
    + list(SECTOR_GROUPS["local-government"])
    + ["social-care-provider"]
)


def _name_on(body: Body, person: Person) -> str:
    """The person's name as written on this body (their first seat), else as registered."""
    return next((s.name for s in Context.filled(body) if s.person is person), person.name)


def _chair_seat(body: Body, person: Person) -> Seat | None:
    return next(
        (
            s
            for s in Context.filled(body)
            if s.person is person and any(k in CHAIR_SEATS for k in s.seats)
        ),
        None,
    )


@rule(
    "C601",
    "no-chair",
    Severity.WARNING,
    "An ICP or health and wellbeing board names no chair.",
    "LGPIHA 2007 s.116ZA(3) (the ICP sets its own procedure) and HSCA 2012 s.194(11) "
    "(the HWB is a council committee); NHS England, ICP engagement document (2021): the "
    "chair is selected jointly by the ICB and the councils",
)
def no_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every integrated care partnership (ICP) and health and wellbeing board (HWB)
    that has no chair: no `chair:` value, and no member with a `chair` or `co-chair`
    seat. A `vice-chair` or `hwb-chair` seat does not make a chair of the body. A
    chairless ICB is reported by R303 instead.

    ## Why it matters
    An ICP is a joint committee that sets its own procedure (LGPIHA 2007 s.116ZA(3)), and
    a health and wellbeing board is a committee of the council (HSCA 2012 s.194(11)):
    either needs a chair to meet and to sign off its strategy. NHS England's ICP
    engagement document (2021) expects the chair to be selected jointly by the ICB and
    the councils, so a draft without one usually means that decision is still open.

    ## How to fix
    Name the chair with `chair:` (a person id, or a member's name), or give the chair's
    seat `seat: chair` (two co-chairs: `seat: co-chair` on each).

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        chair: Cllr Tim Brown
        members:
          - name: Cllr Tim Brown
            seat: [councillor, chair]
    ```
    """
    for body in ctx.m.bodies.values():
        if not (body.is_a("icp") or body.is_a("hwb")) or ctx.has_chair(body):
            continue
        kind = "ICP" if body.is_a("icp") else "health and wellbeing board"
        yield Hit.on_body(
            body,
            f"The {kind} '{body.id}' has no chair.",
            hint=f"Add 'chair:' to '{body.id}' naming the chair (a person id or a member's "
            "name), or mark the chair's seat with 'seat: chair' (or 'co-chair').",
        )


@rule(
    "C602",
    "shared-chair",
    Severity.INFO,
    "One person chairs both the ICB and an ICP.",
    f"{GGI}, point 5",
    needs=("icb", "icp"),
)
def shared_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports each integrated care partnership (ICP) whose chair, or one of whose
    co-chairs, also chairs the ICB. Chairs are whoever `chair:` names plus the holders of
    `chair` and `co-chair` seats; `vice-chair` and `hwb-chair` seats are not chairs.
    One finding per ICP.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022), point 5, sets out both sides, and so does this rule:
    it is information, not a fault.

    - **For**: one chair for the ICB and the ICP ties the partnership's integrated care
      strategy to the board that must have regard to it and commissions against it;
      coordination between the ICB and the ICP is easier, and many systems choose it.
    - **Against**: the ICP is the place where councils and the wider partnership hold
      the NHS to account. An NHS-appointed chair of both weakens democratic
      representation and the ICP's independence from the ICB, and risks the ICP being
      seen as an extension of the ICB rather than a partnership of equals.

    Systems that choose a shared chair often pair it with a council co-chair or a
    council vice-chair.

    ## How to fix
    If the choice is deliberate, record why in the ICP's terms of reference and consider
    a council co-chair (`seat: co-chair`) or vice-chair; switch the rule off with
    `policy: {ignore: [C602]}` once agreed. Otherwise appoint a different ICP chair,
    selected jointly by the ICB and the councils.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        chair: jane-okafor
      icp:
        type: icp
        chair: jane-okafor      # C602: the same person chairs both
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    icb_chairs = ctx.chairs(icb)
    for icp in ctx.icps:
        shared = [p for p in ctx.chairs(icp) if any(p is q for q in icb_chairs)]
        if not shared:
            continue
        pos: Pos | None = None
        if icp.chair_person is not None and any(icp.chair_person is p for p in shared):
            pos = icp.chair_pos
        if pos is None:
            seat = _chair_seat(icp, shared[0])
            pos = seat.pos if seat is not None else icp.pos
        names = " and ".join(_name_on(icp, p) for p in shared)
        verb = "chairs" if len(shared) == 1 else "chair"
        yield Hit(
            message=f"{names} {verb} both the ICB '{icb.id}' and the ICP '{icp.id}'.",
            pos=pos,
            body=icp.id,
            people=tuple(p.ref for p in shared),
            hint=f"If this is deliberate, record the reason in the terms of reference of "
            f"'{icp.id}' and consider a council co-chair or vice-chair; otherwise appoint an "
            "ICP chair selected jointly by the ICB and the councils.",
        )


@rule(
    "C603",
    "chair-not-member",
    Severity.WARNING,
    "A body's `chair:` names someone who does not sit on it.",
    "Data quality and standing orders: a chair is chosen from the body's members",
)
def chair_not_member(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every body with a `chair:` value, reports when that value names no one who sits
    on the body: the id or name resolves to no person, or to a person with no seat on
    the body, or to one whose only seat there is a substitute's (substitutes stand in
    for a member; they do not sit on the body). Names are matched as in the Identity
    section of the format, so `chair: Jane Okafor` finds the member `Dr Jane Okafor`.

    ## Why it matters
    A chair who is not a member cannot preside under most standing orders, and usually
    shows a data problem: a misspelt name, a person id from another body, or a member
    left out of the list. Other rules (R303, C602, C604) rely on knowing who the chair
    is.

    ## How to fix
    Write the chair's person id (`chair: jane-okafor`) or the name exactly as on the
    member's seat, or add the chair to `members`. If the chair is only a substitute,
    give them a member seat.

    ## Example
    ```yaml
    bodies:
      hwb:
        type: hwb
        chair: Cllr Tim Brown     # C603: no member of this name
        members:
          - name: Cllr Rosa Patel
            seat: councillor
    ```
    """
    for body in ctx.m.bodies.values():
        if body.chair is None or body.chair_pos is None:
            continue
        person = body.chair_person
        if person is not None and person in ctx.sitting_people(body):
            continue
        if person is None:
            message = f"The chair of '{body.id}', '{body.chair}', matches no person in the file."
            hint = (
                f"Write the chair's person id or the name exactly as on their seat, or add "
                f"the chair to the members of '{body.id}'."
            )
        elif any(s.person is person for s in ctx.seats(body)):
            message = f"The chair of '{body.id}', {person.name}, is only a substitute on it."
            hint = f"Give {person.name} a member seat on '{body.id}', or name the actual chair."
        else:
            message = f"The chair of '{body.id}', {person.name}, has no seat on it."
            hint = f"Add {person.name} to the members of '{body.id}', or name the actual chair."
        yield Hit(
            message=message,
            pos=body.chair_pos,
            body=body.id,
            people=(person.ref,) if person is not None else (),
            hint=hint,
        )


def _independence_problems(ctx: Context, person: Person) -> list[str]:
    """Why the person fails NHS England's independence criterion, in file order."""
    problems: list[str] = []
    if ctx.is_councillor(person):
        problems.append("is a councillor")
    where: list[str] = []
    seen: set[str] = set()
    for seat in ctx.seats_of.get(person, []):
        for sector in sectors(seat):
            seen.add(sector)
            text = f"{sector} on '{seat.body}'"
            if sector in _NOT_INDEPENDENT and text not in where:
                where.append(text)
    for sector in sectors(person):
        if sector in _NOT_INDEPENDENT and sector not in seen:
            where.append(f"{sector} in people[]")
    if where:
        problems.append(
            "holds a role in a health or care organisation or a council (sector "
            + "; ".join(where)
            + ")"
        )
    return problems


def _icb_seat_pos(icb: Body, person: Person) -> Pos:
    """C604's position: the person's chair seat, else their first non-executive seat
    (substitutes aside); a chair named only by `chair:` with neither: their first ICB
    seat, else the `chair:` value."""
    seats = [s for s in Context.filled(icb) if s.person is person and s.sits]
    for wanted in (CHAIR_SEATS, {"non-executive"}):
        for seat in seats:
            if any(k in wanted for k in seat.seats):
                return seat.pos
    if seats:
        return seats[0].pos
    return icb.chair_pos or icb.pos


@rule(
    "C604",
    "icb-chair-independence",
    Severity.WARNING,
    "The ICB chair or a non-executive is a councillor or holds a role in a health or care "
    "organisation or a council.",
    "NHS England criterion for ICB chairs and non-executive members, set out in the "
    "Government response (1 Mar 2024) to the House of Lords report *Patients at the centre*",
    needs=("icb",),
    completeness=True,
)
def icb_chair_independence(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For the ICB chair (whoever `chair:` names, and holders of `chair` or `co-chair`
    seats) and every holder of a `non-executive` seat on the ICB whatever its attendance
    (participants included, substitutes aside), reports when the person is a councillor
    (a `councillor` seat anywhere, a name beginning Cllr or Councillor, or a role naming
    Councillor, Mayor, Cabinet Member, Executive Member (not Non-executive Member),
    Portfolio Holder or Lead Member, or beginning with Leader or Deputy Leader), or when any of
    their seats anywhere in the file, or their `people[]` entry, has a sector showing a
    role in a health or care organisation or a council: an NHS sector other than `icb`
    (`nhs-acute`, `nhs-mental-health`, `nhs-community`, `nhs-ambulance`, `nhs-trust`,
    `primary-care`), a local-government sector (`local-government`, `public-health`,
    `adult-social-care`, `childrens-services`) or `social-care-provider` (any of a
    person's several sectors). One finding per person, at their chair seat, else their
    first non-executive seat. It does not run for an ICB marked `partial: true`.

    ## Why it matters
    NHS England's criterion for ICB chairs and non-executive members, restated in the
    Government response of 1 March 2024 to the House of Lords report
    *Patients at the centre*, is that they hold no public office and no role in a health
    or care organisation in the ICB's area. The chair and non-executives are the board's
    independent voice: they chair the audit and remuneration committees and hold the
    executives and the partner members to account, which a councillor or a provider's
    officer cannot do without a conflict of interest.

    ## How to fix
    If the record is right, the appointment needs NHS England's attention. If the other
    role has ended, or the sector is wrong (an independent member written as
    `nhs-acute` because of a past post), correct the file: independent members take
    `sector: independent`.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        members:
          - name: Cllr Sam Hughes     # C604: a councillor as a non-executive
            seat: non-executive
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    chairs = ctx.chairs(icb)
    candidates: list[tuple[Person, bool]] = [(p, True) for p in chairs]
    # Every holder of a non-executive seat, whatever its attendance (substitutes aside).
    sitting = [s for s in ctx.seats(icb) if s.sits]
    for seat in ctx.seats_with_kind(sitting, "non-executive"):
        if not any(seat.person is p for p, _ in candidates):
            candidates.append((seat.person, False))
    for person, is_chair in candidates:
        problems = _independence_problems(ctx, person)
        if not problems:
            continue
        what = "chair" if is_chair else "non-executive"
        name = _name_on(icb, person)
        yield Hit(
            message=f"The ICB '{icb.id}' {what} {name} {' and '.join(problems)}.",
            pos=_icb_seat_pos(icb, person),
            body=icb.id,
            people=(person.ref,),
            hint=f"NHS England expects ICB chairs and non-executives to hold no public office "
            f"and no role in a health or care organisation in the area: check {name}'s "
            "other roles, and if they have ended or the sector is wrong, correct the file "
            "(independent members take 'sector: independent').",
        )


# -- C605–C608: the ICB's deputy chair, committees and disqualifications ----------------------


def _icb_non_executives(ctx: Context, icb: Body) -> set[Person]:
    """People holding a `non-executive` seat on the ICB (substitutes aside)."""
    return {s.person for s in ctx.seats(icb) if s.sits and "non-executive" in s.seats}


def _committees(ctx: Context, function: str) -> list[Body]:
    """Bodies with this `function`, in file order (a file has one ICB, so an audit or
    remuneration committee is the ICB's)."""
    return [b for b in ctx.m.bodies.values() if b.function == function]


def _is(group: list[Person], person: Person) -> bool:
    return any(person is p for p in group)


@rule(
    "C605",
    "icb-deputy-chair",
    Severity.WARNING,
    "The ICB's deputy chair or senior non-executive is not a non-executive member, or the "
    "deputy chair chairs the audit committee.",
    f"{ICB_GUIDANCE}: the deputy chair is a non-executive member but not the audit committee chair",
    needs=("icb",),
)
def icb_deputy_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every ICB seat of kind `deputy-chair` (or `vice-chair`) or
    `senior-non-executive` (substitutes aside), reports when its holder has no
    `non-executive` seat on the ICB (a seat listing both kinds counts), or when the
    deputy chair also chairs the ICB's audit committee (a body with `function: audit`,
    see C606). One finding per seat, at the seat, naming its problems.

    ## Why it matters
    NHS England's *Guidance on ICB constitutions and governance* (as updated 2024)
    expects the deputy chair, who presides when the chair cannot, and the senior
    independent non-executive to be non-executive members, so that the board's
    independent leadership does not pass to an executive or a partner member. The deputy
    chair should not chair the audit committee, which must stay independent of the
    board's leadership.

    ## How to fix
    Give the deputy chair's or senior non-executive's entry both kinds
    (`seat: [non-executive, deputy-chair]`) when they are a non-executive; otherwise
    appoint a non-executive to the role. Have another non-executive chair the audit
    committee.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        members:
          - name: Ruth Olsen
            seat: [non-executive, deputy-chair]
          - name: Mark Bell
            seat: [finance-director, senior-non-executive]   # C605: not a non-executive
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    non_executives = _icb_non_executives(ctx, icb)
    audit_chairs = [p for c in _committees(ctx, "audit") for p in ctx.chairs(c)]
    for seat in ctx.seats(icb):
        if not seat.sits:
            continue
        deputy = any(k in ("deputy-chair", "vice-chair") for k in seat.seats)
        if not deputy and "senior-non-executive" not in seat.seats:
            continue
        role = "deputy chair" if deputy else "senior non-executive"
        problems: list[str] = []
        if seat.person not in non_executives:
            problems.append("holds no non-executive seat on it")
        if deputy and _is(audit_chairs, seat.person):
            problems.append("chairs the audit committee")
        if not problems:
            continue
        yield Hit.at_seat(
            seat,
            f"The ICB '{icb.id}' {role} {seat.name} {' and '.join(problems)}.",
            hint=f"The {role} should be a non-executive member (write "
            f"'seat: [non-executive, {seat.seats[-1]}]' if they are one) and should not "
            "chair the audit committee.",
        )


def _committee_pos(committee: Body, person: Person | None) -> Pos:
    """C606/C607: at the committee's `chair:` value, else its chair's seat."""
    if committee.chair_pos is not None:
        return committee.chair_pos
    seat = _chair_seat(committee, person) if person is not None else None
    return seat.pos if seat is not None else committee.pos


def _missing_committee(ctx: Context, icb: Body, function: str) -> Iterator[Hit]:
    """The ICB has committees, but none with this function (audit, remuneration)."""
    reporting = [b for b in ctx.m.bodies.values() if b.reports_to == icb.id and b is not icb]
    if not reporting or any(b.function == function for b in reporting):
        return
    names = ", ".join(f"'{b.id}'" for b in reporting)
    yield Hit.on_body(
        icb,
        f"None of the bodies reporting to the ICB '{icb.id}' ({names}) is its "
        f"{function} committee (function: {function}).",
        hint=f"Add the ICB's {function} committee with 'function: {function}' and "
        f"'reports_to: {icb.id}', or write 'function: {function}' on the committee that "
        "does that work.",
    )


def _chair_problems(
    ctx: Context, icb: Body, committee: Body, others: list[tuple[str, list[Person]]]
) -> tuple[list[str], list[Person]]:
    """What is wrong with a committee's chairs: no ICB non-executive seat, chairing the ICB
    or another committee named in `others`."""
    non_executives = _icb_non_executives(ctx, icb)
    icb_chairs = ctx.chairs(icb)
    problems: list[str] = []
    who: list[Person] = []
    for person in ctx.chairs(committee):
        name = _name_on(committee, person)
        mine = []
        if person not in non_executives:
            mine.append(f"its chair {name} holds no non-executive seat on the ICB '{icb.id}'")
        if _is(icb_chairs, person):
            mine.append(f"its chair {name} chairs the ICB '{icb.id}'")
        for label, chairs in others:
            if _is(chairs, person):
                mine.append(f"its chair {name} chairs the {label}")
        if mine:
            who.append(person)
            problems.extend(mine)
    return problems, who


@rule(
    "C606",
    "icb-audit-committee",
    Severity.WARNING,
    "The ICB has committees but no audit committee, or the audit committee is not "
    "chaired by an independent non-executive.",
    f"{MODEL_CONSTITUTION}: the ICB must establish an audit committee and a remuneration "
    "committee; the audit committee is chaired by an independent non-executive member",
    needs=("icb",),
)
def icb_audit_committee(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    When bodies report to the ICB (`reports_to` its id) and none of them has
    `function: audit`, one finding at the ICB's key. For every body with
    `function: audit` (a file has one ICB, so it is the ICB's audit committee), one
    finding when a chair of it (whoever `chair:` names, or a `chair` or `co-chair`
    seat) holds no `non-executive` seat on the ICB, or chairs the ICB; the finding names
    every problem, at the committee's `chair:` value, else its chair's seat.

    ## Why it matters
    NHS England's ICB model constitution requires every ICB to establish an audit
    committee and a remuneration committee, and has the audit committee chaired by an
    independent non-executive member: the committee that scrutinises the board's
    assurance cannot be led by the board's chair or an executive. A file that lists the
    ICB's committees but not its audit committee is incomplete, or the committee is
    missing.

    ## How to fix
    Describe the audit committee with `function: audit` and `reports_to:` the ICB, and
    have a non-executive member of the ICB other than its chair chair it.

    ## Example
    ```yaml
    bodies:
      audit:
        type: committee
        function: audit
        reports_to: icb
        chair: Ruth Olsen          # a non-executive member of the ICB
        members:
          - name: Ruth Olsen
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    yield from _missing_committee(ctx, icb, "audit")
    for committee in _committees(ctx, "audit"):
        problems, who = _chair_problems(ctx, icb, committee, [])
        if not problems:
            continue
        yield Hit(
            message=f"The audit committee '{committee.id}': {'; '.join(problems)}.",
            pos=_committee_pos(committee, who[0]),
            body=committee.id,
            people=tuple(p.ref for p in who),
            hint=f"Have a non-executive member of the ICB '{icb.id}' other than its chair "
            f"chair '{committee.id}'.",
        )


_EMPLOYEE_SEATS = ("chief-executive", "finance-director", "medical-director", "nursing-director")


@rule(
    "C607",
    "icb-remuneration-committee",
    Severity.WARNING,
    "The ICB has committees but no remuneration committee, or the remuneration committee "
    "is chaired or joined by someone who should not be.",
    f"{MODEL_CONSTITUTION}: the remuneration committee is chaired by a non-executive member "
    "other than the ICB chair or the audit committee chair; no employee may be a member",
    needs=("icb",),
)
def icb_remuneration_committee(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    As C606, for `function: remuneration`: when bodies report to the ICB and none is
    its remuneration committee, one finding at the ICB's key. For every body with
    `function: remuneration`, one finding naming its problems: a chair with no
    `non-executive` seat on the ICB, a chair who chairs the ICB or the audit committee,
    and every holder of an ICB `chief-executive`, `finance-director`,
    `medical-director` or `nursing-director` seat with a member seat on it. The finding
    is at the committee's `chair:` value, else its chair's seat; when an employee member
    is its only problem, at that member's seat.

    ## Why it matters
    NHS England's ICB model constitution has the remuneration committee chaired by a
    non-executive member other than the ICB chair or the audit committee chair, and no
    employee of the ICB may be a member: the committee decides the pay of the
    executives, who cannot sit on it.

    ## How to fix
    Have another non-executive chair the committee, and make any executive who attends
    a participant (`attendance: participant`) rather than a member.

    ## Example
    ```yaml
    bodies:
      remuneration:
        type: committee
        function: remuneration
        reports_to: icb
        chair: Daniel Ames
        members:
          - name: Daniel Ames          # a non-executive, not the audit chair
          - name: Mark Bell            # the chief executive: C607
            attendance: participant    # attending, not a member: no finding
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    yield from _missing_committee(ctx, icb, "remuneration")
    audit_chairs = [p for c in _committees(ctx, "audit") for p in ctx.chairs(c)]
    employees = {
        s.person for s in ctx.seats(icb) if s.sits and any(k in _EMPLOYEE_SEATS for k in s.seats)
    }
    for committee in _committees(ctx, "remuneration"):
        problems, who = _chair_problems(ctx, icb, committee, [("audit committee", audit_chairs)])
        employee_seats = [
            s for s in distinct_people(ctx.member_seats(committee)) if s.person in employees
        ]
        for seat in employee_seats:
            problems.append(f"{seat.name}, an employee of the ICB, is a member")
        if not problems:
            continue
        pos = _committee_pos(committee, who[0]) if who else employee_seats[0].pos
        people = [*who, *(s.person for s in employee_seats if s.person not in who)]
        yield Hit(
            message=f"The remuneration committee '{committee.id}': {'; '.join(problems)}.",
            pos=pos,
            body=committee.id,
            people=tuple(p.ref for p in people),
            hint=f"Have a non-executive member of the ICB '{icb.id}' other than its chair "
            "and the audit committee chair chair it, and make the ICB's executives "
            "participants rather than members.",
        )


_MP_NAME = re.compile(r"(?<=\S)[\s,]+MP\b")
_MP_ROLE = re.compile(r"\bmember\s+of\s+parliament\b|\bMP\b", re.IGNORECASE)


def _is_mp(seat: Seat) -> bool:
    return bool(_MP_NAME.search(seat.name)) or bool(seat.role and _MP_ROLE.search(seat.role))


@rule(
    "C608",
    "icb-member-mp",
    Severity.WARNING,
    "A Member of Parliament holds a seat on the ICB.",
    f"{MODEL_CONSTITUTION}: ICB constitutions' disqualification criteria include a Member "
    "of Parliament",
    needs=("icb",),
)
def icb_member_mp(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports ICB seats (substitutes included) held by someone whose name carries the
    post-nominal `MP` ("Jane Smith MP") or whose role names a Member of Parliament or
    the word MP. One finding per ICB naming them all, at the first such seat.

    ## Why it matters
    ICB constitutions, following NHS England's model constitution, disqualify a Member
    of Parliament from membership of the board. A seat held by an MP is either an error
    in the file or an appointment the constitution does not allow.

    ## How to fix
    If the person is an MP, they cannot sit on the ICB: remove the seat. If the name or
    role is wrong (a former MP, or "MP" meaning something else), correct the file.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        members:
          - name: Jane Smith MP       # C608
            seat: non-executive
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    seats = [s for s in ctx.seats(icb) if _is_mp(s)]
    if not seats:
        return
    people = distinct_people(seats)
    names = [s.name for s in people]
    listed = and_join(names)
    yield Hit(
        message=f"{listed} {'is a' if len(people) == 1 else 'are'} Member"
        f"{'' if len(people) == 1 else 's'} of Parliament with a seat on the ICB '{icb.id}'.",
        pos=seats[0].pos,
        body=icb.id,
        people=tuple(s.person.ref for s in people),
        hint="A Member of Parliament is disqualified from ICB membership by the ICB's "
        "constitution: remove the seat, or correct the name or role if it is wrong.",
    )
