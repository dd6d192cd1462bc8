"""R310, R311: rules that exist only for a proposed regime (docs/spec/regimes.md).

They are registered like every rule; the regime registry (icp_cli/regimes.py) switches them
off under `act-2022` (silently: they are not part of the law in force) and on under
`health-bill-2026`. Nothing here knows which regime is in use.
"""

from __future__ import annotations

from collections.abc import Iterator

from icp_cli.check.context import Context
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, rule
from icp_cli.model import Seat
from icp_cli.people.matching import normalise_organisation

MAYORAL_SEAT = "mayoral-authority"
BILL = "Health Bill 2026 (proposed, not law)"


def _from_authority(seat: Seat, key: str) -> bool:
    """Appointed by or from the authority: `appointed_by` names it or the organisation is it."""
    return any(
        value is not None and normalise_organisation(value) == key
        for value in (seat.appointed_by, seat.organisation)
    )


@rule(
    "R310",
    "icb-missing-mayoral-member",
    Severity.ERROR,
    "The ICB has no member nominated by the mayor of a mayoral strategic authority in its "
    "area (Health Bill 2026, proposed; runs only under the regime health-bill-2026).",
    "Health Bill 2026 as introduced, clause 21 (reported in the County Councils Network's "
    "Public Bill Committee evidence, June 2026): a member nominated by the mayor of each "
    "mayoral strategic authority in the ICB's area. Proposed law, not in force",
    needs=("icb",),
)
def icb_missing_mayoral_member(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Runs only under the regime `health-bill-2026` (`--regime health-bill-2026`, or
    `policy.regime` in the file); under `act-2022`, the law in force, it does not run.

    For each entry of `system.mayoral_authorities`, the ICB must have a member seat
    (`attendance: member`) of kind `mayoral-authority` appointed by or from that authority:
    its `appointed_by` names the authority, or its organisation is the authority (names
    compared as organisations are). One finding per authority without one, at its entry
    in `mayoral_authorities`. A vacant seat of that kind does not count; the message says
    when one exists.

    ## Why it matters
    The Health Bill 2026, as introduced on 14 May 2026, would replace the ICB's partner
    member nominated by the local authorities with members nominated by the mayors of the
    strategic authorities in its area (clause 21, as the County Councils Network's evidence
    to the Public Bill Committee, June 2026, reports its text). The 10 Year Health Plan
    (July 2025) set out the policy: mayors or their representatives on ICBs. This is
    proposed law, known from a stakeholder's report of the Bill's text: a board designed
    now for the Bill should plan these seats, and a board under the law in force still
    needs its local-authority partner member (R303).

    ## How to fix
    Add the member nominated by the mayor to the ICB with `seat: mayoral-authority` and
    `appointed_by:` the authority as written in `mayoral_authorities`. If the authority is
    not in the ICB's area, take it out of `system.mayoral_authorities`.

    ## Example
    ```yaml
    system:
      name: North Merrow ICS
      mayoral_authorities: [Merrow Combined Authority]
    bodies:
      icb:
        type: icb
        members:
          - name: Cllr Dana Holt
            seat: mayoral-authority
            appointed_by: Merrow Combined Authority
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    system = ctx.m.system
    members = [s for s in ctx.member_seats(icb) if MAYORAL_SEAT in s.seats]
    vacancies = [s for s in icb.vacancies if MAYORAL_SEAT in s.seats]
    for authority, pos in zip(
        system.mayoral_authorities, system.mayoral_authorities_pos, strict=True
    ):
        key = normalise_organisation(authority)
        if any(_from_authority(s, key) for s in members):
            continue
        vacant = any(_from_authority(s, key) for s in vacancies)
        message = (
            f"The ICB '{icb.id}' has no member nominated by the mayor of {authority} "
            f"(seat {MAYORAL_SEAT}; {BILL}, clause 21)"
        )
        message += ": the seat exists but is vacant." if vacant else "."
        unlinked = [
            s for s in members if s.appointed_by is None and s.organisation is None
        ]
        if vacant:
            hint = f"Fill the vacant '{MAYORAL_SEAT}' seat for {authority} on '{icb.id}'."
        elif unlinked:
            hint = (
                f"{unlinked[0].name} holds a '{MAYORAL_SEAT}' seat on '{icb.id}' but names no "
                f"authority: add 'appointed_by: {authority}'."
            )
        else:
            hint = (
                f"Add the member nominated by the mayor of {authority} to '{icb.id}' with "
                f"'seat: {MAYORAL_SEAT}' and 'appointed_by: {authority}'."
            )
        yield Hit(message=message, pos=pos, body=icb.id, hint=hint)


def _healthwatch(seat: Seat) -> bool:
    return "healthwatch" in seat.seats or seat.has_sector("healthwatch")


@rule(
    "R311",
    "healthwatch-abolished",
    Severity.INFO,
    "A body or engagement route has a Healthwatch seat or involves Healthwatch, which the "
    "Health Bill 2026 would abolish (proposed; runs only under the regime health-bill-2026).",
    "Health Bill 2026 (abolition of Healthwatch; Nuffield Trust, 18 May 2026; PQ HL14379: "
    "local Healthwatch health functions move to ICBs and its social care functions to "
    "councils). Proposed law, not in force",
)
def healthwatch_abolished(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Runs only under the regime `health-bill-2026`; under `act-2022`, the law in force, it
    does not run.

    Every body with a seat of kind `healthwatch`, or held by someone of sector
    `healthwatch` (substitutes included; vacant seats not), and every engagement route
    whose `involves` lists `healthwatch`. One finding per body, at its first such seat,
    and one per route, at its `involves`. Never wrong in itself: it lists what to plan
    for.

    ## Why it matters
    The Health Bill 2026 would abolish Healthwatch (Nuffield Trust, 18 May 2026). The
    government's answer to PQ HL14379 says local Healthwatch's health functions would move
    to ICBs and its social care functions to councils. A design for the Bill needs a
    replacement for each Healthwatch seat and route: who brings the public's voice instead.
    This rests on secondary sources about the Bill's text, and the Bill is not law.

    ## How to fix
    Nothing to fix under the law in force. For a design under the Bill, decide what replaces
    each Healthwatch seat or route (a lived-experience panel, the ICB's own engagement
    function, the council's) and record it, for example as an engagement route with
    `involves: [lived-experience]`.

    ## Example
    ```yaml
    engagement:
      - name: People's Panel
        type: citizens-panel
        reports_to: icp
        involves: [lived-experience]
    ```
    """
    for body in ctx.m.bodies.values():
        seat = next((s for s in body.members if _healthwatch(s)), None)
        if seat is None:
            continue
        yield Hit.at_seat(
            seat,
            (
                f"'{body.id}' has a Healthwatch seat ({seat.name}): the {BILL} would "
                "abolish Healthwatch; plan what replaces it."
            ),
            hint=(
                "Healthwatch's health functions would move to the ICB and its social care "
                "functions to the councils (PQ HL14379): record who brings the public's "
                "voice instead."
            ),
        )
    for route in ctx.m.engagement:
        if "healthwatch" not in route.involves:
            continue
        yield Hit(
            message=(
                f"The engagement route '{route.name}' involves Healthwatch: the {BILL} would "
                "abolish Healthwatch; plan what replaces it."
            ),
            pos=route.involves_pos or route.pos,
            body=route.reports_to,
            hint=(
                "Record the route that replaces it, for example one involving "
                "lived-experience."
            ),
        )
