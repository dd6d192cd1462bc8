"""G7xx: how the bodies meet: in public, with members acting for the population, quorate."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from icp_cli.check.context import Context, term_end
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, rule
from icp_cli.check.sources import GGI
from icp_cli.model import Body, Pos, Seat
from icp_cli.text import count as plural

_REPRESENTS = re.compile(
    r"\brepresent(s|ing)?\b|\bon behalf of\b|\brepresentative (of|for)\b", re.IGNORECASE
)


@rule(
    "G701",
    "private-meetings",
    Severity.WARNING,
    "An ICB or ICP says its meetings are not held in public.",
    "NHS England, ICP engagement document (2021): formal sessions held in public",
)
def private_meetings(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every ICB and integrated care partnership (ICP) whose `meetings.public` is
    `false`. A body that says nothing about its meetings, or has no `meetings:` at all,
    is not reported.

    ## Why it matters
    NHS England's ICP engagement document (2021) expects the formal sessions of ICPs to
    be held in public, and ICB boards are expected to meet in public too. Both bodies
    direct public money and set the strategy the public is asked to trust; meeting in
    private undermines that trust and the scrutiny the partnership relies on.

    ## How to fix
    Hold the formal meetings in public (`meetings: {public: true}`) and take only the
    items that need confidentiality in a private part of the agenda.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        meetings: {public: false, quorum: 6}   # G701
    ```
    """
    for body in ctx.m.bodies.values():
        if not (body.is_a("icb") or body.is_a("icp")) or body.meetings is None:
            continue
        if body.meetings.public is False and body.meetings.public_pos is not None:
            kind = "ICB" if body.type == "icb" else "ICP"
            yield Hit(
                message=f"The {kind} '{body.id}' does not meet in public.",
                pos=body.meetings.public_pos,
                body=body.id,
                hint=f"Hold the formal meetings of '{body.id}' in public and take only "
                "confidential items in a private part of the agenda.",
            )


@rule(
    "G702",
    "representative-role",
    Severity.INFO,
    "A seat's role says its holder represents, or acts on behalf of, an organisation.",
    f"{GGI}: members act for the population, not for their organisation",
)
def representative_role(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every seat whose `role` says the holder represents an organisation or acts
    on its behalf: "represents", "representing", "on behalf of", "representative of" or
    "representative for" (any case). A role such as "ICB representative" alone names a
    seat, not a mandate, and is not reported. One finding per seat.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022) stresses that partnership members act for the
    population they serve, not as delegates of their organisation: a partnership of
    delegates defends budgets instead of setting a shared strategy. A role written as
    "represents the trust" tells the member, and the public, the opposite.

    ## How to fix
    Describe the post rather than the mandate: "Chief Executive, Wessex Valley Hospitals
    NHS FT" rather than "Represents Wessex Valley Hospitals NHS FT". The organisation
    belongs in `organisation:`.

    ## Example
    ```yaml
    members:
      - name: Alex Moore
        organisation: Wessex Valley Hospitals NHS FT
        role: Represents Wessex Valley Hospitals NHS FT   # G702
    ```
    """
    for body in ctx.m.bodies.values():
        for seat in ctx.seats(body):
            if seat.role is None or seat.role_pos is None:
                continue
            if _REPRESENTS.search(seat.role):
                yield Hit(
                    message=f"The role of {seat.name} on '{body.id}', '{seat.role}', "
                    "says they represent an organisation.",
                    pos=seat.role_pos,
                    body=body.id,
                    people=(seat.person.ref,),
                    hint="Describe the post (for example 'Chief Executive, <organisation>') "
                    "and keep the organisation in 'organisation:'.",
                )


@rule(
    "G703",
    "quorum-unreachable",
    Severity.ERROR,
    "A body's quorum is larger than its number of member seats.",
    "Data quality and standing orders: a quorum the members cannot reach means the body "
    "can never take a decision",
)
def quorum_unreachable(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every body with `meetings.quorum`, reports when the quorum exceeds the number of
    its filled member seats (`attendance: member`, the default; vacant seats are left
    out, since nobody fills them). Participants, observers and
    substitutes do not count: they cannot make a meeting quorate. A quorum equal to the
    number of member seats is reachable, if only with full attendance, and is not
    reported.

    ## Why it matters
    Standing orders: a body that can never be quorate can never take a valid decision,
    so everything it agrees is open to challenge. It usually means the quorum was
    copied from a larger draft, or members were moved to participant seats.

    ## How to fix
    Lower the quorum (a third to a half of the member seats is common), or add the
    missing members.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        meetings: {quorum: 9}    # G703: only 6 member seats
    ```
    """
    for body in ctx.m.bodies.values():
        meetings = body.meetings
        if meetings is None or meetings.quorum is None or meetings.quorum_pos is None:
            continue
        count = len(ctx.member_seats(body))
        if meetings.quorum <= count:
            continue
        if count == 0:
            seats = "no member seats"
            hint = f"Add the members of '{body.id}', or remove its quorum until they are known."
        else:
            seats = f"only {plural(count, 'member seat')}"
            hint = (
                f"Lower the quorum of '{body.id}' to {count} or fewer, or add the missing members."
            )
        yield Hit(
            message=f"The quorum of '{body.id}' is {meetings.quorum}, but it has {seats}.",
            pos=meetings.quorum_pos,
            body=body.id,
            hint=hint,
        )


# -- G704–G708 ----------------------------------------------------------------------------------


@rule(
    "G704",
    "icb-quorum-needs-chair",
    Severity.INFO,
    "The ICB's quorum equals its filled member seats: the board cannot meet without its chair.",
    "NHS England guidance on ICB governance: quoracy rules should let the board meet "
    "without the chair",
    needs=("icb",),
)
def icb_quorum_needs_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports the ICB when its `meetings.quorum` equals the number of its filled member
    seats (`attendance: member`, vacant seats left out): every member, the chair
    included, must then attend for the board to be quorate. At the `quorum` value. A
    quorum above that number is G703.

    ## Why it matters
    NHS England's guidance on ICB governance expects quoracy rules that let the board
    meet when the chair cannot attend, with the deputy chair presiding. A quorum of the
    whole board means one absence, or one conflict of interest, stops the board from
    deciding anything.

    ## How to fix
    Set a quorum below the number of members (a majority, including at least one
    executive and one non-executive member, is common), and say who presides when the
    chair is absent.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        meetings: {quorum: 5}    # G704: 5 filled member seats
    ```
    """
    icb = ctx.icb
    if icb is None or icb.meetings is None:
        return
    quorum, pos = icb.meetings.quorum, icb.meetings.quorum_pos
    if quorum is None or pos is None:
        return
    count = len(ctx.member_seats(icb))
    if count == 0 or quorum != count:
        return
    yield Hit(
        message=f"The quorum of the ICB '{icb.id}' is {quorum}, all of its {count} filled "
        "member seats: the board cannot meet without its chair.",
        pos=pos,
        body=icb.id,
        hint=f"Set a quorum below {count} for '{icb.id}' (a majority is common) and say who "
        "presides when the chair is absent.",
    )


@rule(
    "G705",
    "hwb-private-meetings",
    Severity.WARNING,
    "A health and wellbeing board says its meetings are not held in public.",
    "Health and Social Care Act 2012 s.194(11): a health and wellbeing board is a committee "
    "of the council (Local Government Act 1972 s.102), whose meetings are open to the "
    "public (Part VA)",
)
def hwb_private_meetings(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every health and wellbeing board (a body of type `hwb`, or with `also:
    [hwb]`) whose `meetings.public` is `false`, at the `public` value. Saying nothing is
    not reported.

    ## Why it matters
    A health and wellbeing board is a committee of the council (Health and Social Care
    Act 2012 s.194(11), under the Local Government Act 1972 s.102), and Part VA of the
    1972 Act opens council committee meetings to the public; only items meeting the
    tests for exempt information may be taken in private. An ICP that is also the
    board inherits the duty, so G701 and G705 may both fire on it.

    ## How to fix
    Hold the board's meetings in public (`meetings: {public: true}`) and take only
    exempt items in private.

    ## Example
    ```yaml
    bodies:
      hwb:
        type: hwb
        meetings: {public: false}   # G705
    ```
    """
    for body in ctx.of_type("hwb"):
        meetings = body.meetings
        if meetings is None or meetings.public is not False or meetings.public_pos is None:
            continue
        yield Hit(
            message=f"The health and wellbeing board '{body.id}' does not meet in public.",
            pos=meetings.public_pos,
            body=body.id,
            hint=f"Hold the meetings of '{body.id}' in public (it is a council committee) "
            "and take only exempt items in private.",
        )


def _terms(ctx: Context) -> Iterator[tuple[Seat, datetime.date, Pos]]:
    """Every filled seat with a `term.to`, substitutes included, in file order."""
    for body in ctx.m.bodies.values():
        for seat in ctx.seats(body):
            end = term_end(seat)
            if end is not None:
                yield seat, end[0], end[1]


def _term_hit(seat: Seat, pos: Pos, says: str, hint: str) -> Hit:
    """A finding at a seat's `term.to`: "The term of <name> on '<body>' <says>"."""
    return Hit(
        message=f"The term of {seat.name} on '{seat.body}' {says}",
        pos=pos,
        body=seat.body,
        people=(seat.person.ref,),
        hint=hint,
    )


def _days(count: int) -> str:
    return plural(count, "day")


@rule(
    "G706",
    "term-expired",
    Severity.WARNING,
    "A seat's term of office ended before the as-of date.",
    "Local standing orders: an appointment past its term needs renewing or ending",
)
def term_expired(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every seat (substitutes included) whose `term.to` is before the as-of date:
    `--as-of YYYY-MM-DD` on the command line, else today's date. One finding per seat,
    at its `term.to` value.

    ## Why it matters
    Standing orders set terms of office. A member whose term has ended sits without a
    current appointment, which can call the body's decisions and its quorum into
    question; usually the term was renewed and the file not updated.

    ## How to fix
    Record the renewed term (`term: {to: 2028-03-31}`), or end the appointment and
    remove or vacate the seat (`vacant: true`).

    ## Example
    ```yaml
          - name: Ruth Olsen
            seat: non-executive
            term: {from: 2022-07-01, to: 2025-06-30}   # G706 after 30 June 2025
    ```
    """
    as_of = ctx.as_of
    for seat, end, pos in _terms(ctx):
        if end >= as_of:
            continue
        yield _term_hit(
            seat,
            pos,
            f"ended on {end.isoformat()}, {_days((as_of - end).days)} before "
            f"{as_of.isoformat()}.",
            "Record the renewed term (term: {to: YYYY-MM-DD}), or end the appointment "
            "and vacate the seat.",
        )


@rule(
    "G707",
    "term-ending",
    Severity.INFO,
    "A seat's term of office ends soon (within 90 days of the as-of date by default).",
    "Local standing orders: an appointment ending soon needs renewing or replacing",
)
def term_ending(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every seat (substitutes included) whose `term.to` falls on or after the
    as-of date and within `policy.term_warning_days` days of it (90 unless set; both
    ends included). The as-of date is `--as-of YYYY-MM-DD`, else today's date. One
    finding per seat, at its `term.to` value.

    ## Why it matters
    Standing orders set terms of office, and renewing or replacing a member takes time:
    a nomination, an appointment panel, sometimes NHS England's approval. A term that
    runs out unnoticed leaves the seat held without a current appointment (G706).

    ## How to fix
    Start the renewal or the appointment of a successor, then record the new term. To
    be warned earlier or later, set `policy: {term_warning_days: 120}`.

    ## Example
    ```yaml
          - name: Ruth Olsen
            seat: non-executive
            term: {to: 2026-12-31}   # G707 from 2 October 2026
    ```
    """
    as_of = ctx.as_of
    window = int(ctx.thresholds.value("term_warning_days"))
    for seat, end, pos in _terms(ctx):
        left = (end - as_of).days
        if not 0 <= left <= window:
            continue
        when = "today" if left == 0 else f"in {_days(left)}"
        yield _term_hit(
            seat,
            pos,
            f"ends on {end.isoformat()}, {when} (the warning window is {_days(window)}).",
            "Start the renewal or the appointment of a successor, and record the new "
            "term when it is agreed.",
        )


@rule(
    "G708",
    "reporting-circle",
    Severity.WARNING,
    "Bodies' reports_to chain goes round in a circle.",
    "Accountability: each body reports up to one outside it",
)
def reporting_circle(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Follows each body's `reports_to` and reports every circle: bodies that, followed
    upward, come back to themselves (`a` reports to `b`, `b` to `a`; a body reporting to
    itself is a circle of one). One finding per circle, naming it, at the `reports_to`
    value of the circle's first body in file order. A body that reports into a circle
    without being on it is not reported.

    ## Why it matters
    Accountability runs upward: each body reports to one outside it, ending at a body
    that reports to none (the ICB, the ICP, a council). In a circle no body is
    accountable to anyone outside it, and the terms of reference cannot say where
    decisions go.

    ## How to fix
    Correct the `reports_to` that closes the circle, usually the top body's, which
    should report to nothing or to a body outside the circle.

    ## Example
    ```yaml
    bodies:
      quality:
        type: committee
        reports_to: finance    # G708: quality → finance → quality
      finance:
        type: committee
        reports_to: quality
    ```
    """
    bodies = ctx.m.bodies
    order = {body_id: i for i, body_id in enumerate(bodies)}
    done: set[str] = set()
    for start in bodies:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in bodies and current not in done:
            if current in on_path:
                circle = path[on_path[current] :]
                first = min(circle, key=order.__getitem__)
                yield _circle(bodies[first], circle, first)
                break
            on_path[current] = len(path)
            path.append(current)
            current = bodies[current].reports_to
        done.update(path)


def _circle(body: Body, circle: list[str], first: str) -> Hit:
    # Name the circle from its first body in file order, following reports_to.
    at = circle.index(first)
    ordered = circle[at:] + circle[:at]
    chain = " → ".join(f"'{b}'" for b in [*ordered, ordered[0]])
    return Hit(
        message=f"The reporting chain goes round in a circle: {chain}.",
        pos=body.reports_to_pos or body.pos,
        body=body.id,
        hint="Correct the reports_to that closes the circle, so that the top body "
        "reports to nothing or to a body outside it.",
    )
