"""G7xx: how the bodies meet: in public, with members acting for the population, quorate."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..analysis import Context
from ..findings import Severity
from .base import Hit, rule

GGI = "GGI, *Integrated care partnerships: a guide* (Feb 2022)"

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
        if body.type not in ("icb", "icp") or body.meetings is None:
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
        for seat in body.members:
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
    its member seats (`attendance: member`, the default). Participants, observers and
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
            seats = f"only {count} member seat{'s' if count != 1 else ''}"
            hint = (
                f"Lower the quorum of '{body.id}' to {count} or fewer, or add the missing members."
            )
        yield Hit(
            message=f"The quorum of '{body.id}' is {meetings.quorum}, but it has {seats}.",
            pos=meetings.quorum_pos,
            body=body.id,
            hint=hint,
        )
