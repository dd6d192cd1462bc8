"""C6xx: who chairs the bodies, and how independent the ICB's chair and non-executives are."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import Context
from ..findings import Severity
from ..model import Body, Person, Pos, Seat
from ..vocab import CHAIR_SEATS, SECTOR_GROUPS
from .base import Hit, rule

GGI = "GGI, *Integrated care partnerships: a guide* (Feb 2022)"

# C604: sectors that show a role in a health or care organisation or a council.
_NOT_INDEPENDENT = frozenset(
    [s for s in SECTOR_GROUPS["nhs"] if s != "icb"]
    + list(SECTOR_GROUPS["local-government"])
    + ["social-care-provider"]
)


def _name_on(body: Body, person: Person) -> str:
    """The person's name as written on this body (their first seat), else as registered."""
    return next((s.name for s in body.members if s.person is person), person.name)


def _chair_seat(body: Body, person: Person) -> Seat | None:
    return next(
        (s for s in body.members if s.person is person and any(k in CHAIR_SEATS for k in s.seats)),
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
        if body.type not in ("icp", "hwb") or ctx.has_chair(body):
            continue
        kind = "ICP" if body.type == "icp" else "health and wellbeing board"
        yield Hit(
            message=f"The {kind} '{body.id}' has no chair.",
            pos=body.pos,
            body=body.id,
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
        elif any(s.person is person for s in body.members):
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
    for seat in ctx.seats_of.get(person, []):
        if seat.sector in _NOT_INDEPENDENT:
            text = f"{seat.sector} on '{seat.body}'"
            if text not in where:
                where.append(text)
    if person.sector in _NOT_INDEPENDENT and not any(
        s.sector == person.sector for s in ctx.seats_of.get(person, [])
    ):
        where.append(f"{person.sector} in people[]")
    if where:
        problems.append(
            "holds a role in a health or care organisation or a council (sector "
            + "; ".join(where)
            + ")"
        )
    return problems


def _icb_seat_pos(icb: Body, person: Person, is_chair: bool) -> Pos:
    seats = [s for s in icb.members if s.person is person]
    wanted = ("chair", "co-chair", "non-executive") if is_chair else ("non-executive",)
    for seat in seats:
        if seat.is_member and any(k in wanted for k in seat.seats):
            return seat.pos
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
    seats) and every member holding a `non-executive` seat on the ICB, reports when the
    person is a councillor (a `councillor` seat anywhere, a name beginning Cllr or
    Councillor, or a role naming Councillor, Mayor or Cabinet Member), or when any of
    their seats anywhere in the file, or their `people[]` entry, has a sector showing a
    role in a health or care organisation or a council: an NHS sector other than `icb`
    (`nhs-acute`, `nhs-mental-health`, `nhs-community`, `nhs-ambulance`, `nhs-trust`,
    `primary-care`), a local-government sector (`local-government`, `public-health`,
    `adult-social-care`, `childrens-services`) or `social-care-provider`. One finding
    per person, at their ICB seat. It does not run for an ICB marked `partial: true`.

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
    if icb is None or icb.partial:
        return
    chairs = ctx.chairs(icb)
    candidates: list[tuple[Person, bool]] = [(p, True) for p in chairs]
    for seat in ctx.seats_with_kind(ctx.member_seats(icb), "non-executive"):
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
            pos=_icb_seat_pos(icb, person, is_chair),
            body=icb.id,
            people=(person.ref,),
            hint=f"NHS England expects ICB chairs and non-executives to hold no public office "
            f"and no role in a health or care organisation in the area: check {name}'s "
            "other roles, and if they have ended or the sector is wrong, correct the file "
            "(independent members take 'sector: independent').",
        )
