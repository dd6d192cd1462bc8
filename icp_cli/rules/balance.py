"""B5xx: the balance of sectors on a partnership."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import Context
from ..findings import Severity
from ..model import Body, Seat
from .base import Hit, rule


def nhs_seats(ctx: Context, body: Body) -> tuple[list[Seat], list[Seat]]:
    """B501's share: the body's NHS-group member seats, and all its member seats."""
    members = ctx.member_seats(body)
    return [s for s in members if s.group == "nhs"], members


@rule(
    "B501",
    "nhs-majority",
    Severity.INFO,
    "NHS-group seats exceed half of an ICP's member seats (default limit 0.5).",
    "PPP (2023) and King's Fund (2022): a partnership of equals; no published source sets "
    'a share (the ICP engagement FAQs\' "equal partnership" describes the ICB and councils '
    "as statutory partners); the limit of 0.5 is a default of this tool",
    needs=("icp",),
)
def nhs_majority(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, counts the member seats whose sector is in the
    NHS group (`icb`, `nhs-acute`, `nhs-mental-health`, `nhs-community`,
    `nhs-ambulance`, `nhs-trust`, `primary-care`) and reports when their share of all
    member seats exceeds the limit: 0.5 unless `policy.max_nhs_share` or
    `--policy max_nhs_share=N` sets another. Seats without a sector count in the total
    but not as NHS; participants, observers and substitutes do not count. An ICP with
    no member seats is S104's concern, not this rule's.

    ## Why it matters
    The PPP report (2023) and the King's Fund (2022) describe the ICP as a partnership
    of equals between the NHS, local government and the community. No published source
    sets a share (the ICP engagement FAQs' "equal partnership" describes the ICB and the
    councils as statutory partners), so this is information: an NHS majority is worth a
    second look at whose strategy the ICP will write.

    ## How to fix
    Add members from local government, the voluntary and community sector and the wider
    determinants of health (housing, education, police, employers), or make some NHS
    members participants or move them into a sub-group. If the balance is deliberate,
    set `policy: {max_nhs_share: 0.6}`.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:          # 3 of 5 member seats from NHS sectors: B501
          - {name: A Jones, sector: icb, seat: icb-representative}
          - {name: B Khan, sector: nhs-acute}
          - {name: C Lowe, sector: primary-care}
          - {name: Cllr D Moss, sector: local-government, organisation: Northshire Council}
          - {name: E Nash, sector: vcse}
    ```
    """
    limit = float(ctx.thresholds.value("max_nhs_share"))
    for icp in ctx.icps:
        nhs, members = nhs_seats(ctx, icp)
        if not members:
            continue
        share = len(nhs) / len(members)
        if share <= limit:
            continue
        people: dict[int, str] = {}
        for seat in nhs:
            people.setdefault(id(seat.person), seat.person.ref)
        yield Hit(
            message=f"{len(nhs)} of the {len(members)} member seats of the ICP '{icp.id}' "
            f"({share:.0%}) are from NHS sectors; the limit is {limit:.0%}.",
            pos=icp.members_pos,
            body=icp.id,
            people=tuple(people.values()),
            hint=f"Add members to '{icp.id}' from local government, the community and the "
            "wider determinants, or make some NHS members participants; or set policy "
            "max_nhs_share if the balance is deliberate.",
        )
