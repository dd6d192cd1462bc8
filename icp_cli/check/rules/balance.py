"""B5xx: the balance of sectors on a partnership."""

from __future__ import annotations

from collections.abc import Iterator

from icp_cli.check.context import Context, sectors
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, rule
from icp_cli.model import Body, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import GROUP_OF_SECTOR


def _group(seat: Seat) -> str | None:
    """The seat's sector group, by its first sector (docs/spec/rules.md, Several sectors)."""
    first = sectors(seat)[:1]
    return GROUP_OF_SECTOR.get(first[0]) if first else None


def nhs_seats(ctx: Context, body: Body) -> tuple[list[Seat], list[Seat]]:
    """B501's share: the body's NHS-group voting member seats (a seat counts by its first
    sector), and all its voting member seats (docs/spec/rules.md, Voting)."""
    members = [s for s in ctx.member_seats(body) if s.voting]
    return [s for s in members if _group(s) == "nhs"], members


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
    `nhs-ambulance`, `nhs-trust`, `primary-care`; a seat with several sectors counts by
    its first) and reports when their share of all voting member seats (a seat with
    `voting: false` is left out of both counts) exceeds the limit: 0.5 unless
    `policy.max_nhs_share` or `--policy max_nhs_share=N` sets another. Seats without a
    sector count in the total but not as NHS; participants, observers and substitutes
    do not count. An ICP with no member seats is S104's concern, not this rule's.

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
        all_members = ctx.member_seats(icp)
        nhs, members = nhs_seats(ctx, icp)
        seats = "member seats" if len(members) == len(all_members) else "voting member seats"
        if not members:
            continue
        share = len(nhs) / len(members)
        if share <= limit:
            continue
        people: dict[int, str] = {}
        for seat in nhs:
            people.setdefault(id(seat.person), seat.person.ref)
        yield Hit.on_members(
            icp,
            f"{len(nhs)} of the {len(members)} {seats} of the ICP '{icp.id}' "
            f"({share:.0%}) are from NHS sectors; the limit is {limit:.0%}.",
            people=tuple(people.values()),
            hint=f"Add members to '{icp.id}' from local government, the community and the "
            "wider determinants, or make some NHS members participants; or set policy "
            "max_nhs_share if the balance is deliberate.",
        )


@rule(
    "B502",
    "council-seat-not-elected",
    Severity.INFO,
    "A council's seats on an ICP are held by officers only, not by a councillor.",
    "LGPIHA 2007 s.116ZA(2)(b) leaves the choice of appointee to the council; GGI's guide "
    "to ICPs (Feb 2022) weighs democratic representation in the ICP's design",
    needs=("icp",),
)
def council_seat_not_elected(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, takes the councils it covers (as R301: its own
    `local_authorities`, else the system's) and, for each council with member seats on
    the ICP appointed by or from it (`appointed_by` names it, or the member's
    organisation equals it), checks whether any of those seats is held by a councillor:
    a `councillor` seat anywhere in the file, a name beginning Cllr or Councillor, or a
    role naming Councillor, Mayor, Cabinet Member, Executive Member (not Non-executive
    Member), Portfolio Holder or Lead Member, or beginning with Leader or Deputy Leader.
    One finding per ICP naming the councils whose seats are all held by officers, at the
    ICP's `members` key. A council with no seat at all is R301's concern.

    ## Why it matters
    The Local Government and Public Involvement in Health Act 2007, s.116ZA(2)(b), leaves
    the choice of each council's appointee to the council, so an officer (a director of
    public health or of adult social services) is a lawful choice. GGI's guide to ICPs
    (Feb 2022) weighs democratic representation in the partnership's design: without an
    elected member, a council's residents have no elected voice on the partnership.
    This is information, worth a look, never wrong in itself.

    ## How to fix
    If the council chose an officer deliberately, nothing needs fixing (switch the rule
    off with `policy: {ignore: [B502]}`). Otherwise ask the council to appoint an
    elected member, usually its leader or cabinet member for health; if the appointee is
    a councillor, say so in the name ("Cllr"), the seat (`councillor`) or the role.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:
          - name: Gareth Lloyd              # the council's only seat, an officer: B502
            organisation: Northshire County Council
            seat: director-adult-social-services
    ```
    """
    for icp in ctx.icps:
        by_council = ctx.seats_from(icp)  # appointed by or from a council, as R301
        officers_only: list[str] = []
        seen: set[str] = set()
        people: dict[int, str] = {}
        for council, _ in ctx.councils_of(icp):
            key = normalise_organisation(council)
            if key in seen:
                continue
            seen.add(key)
            seats = by_council.get(key, [])
            if not seats or any(ctx.is_councillor(s.person) for s in seats):
                continue
            officers_only.append(council)
            for seat in seats:
                people.setdefault(id(seat.person), seat.person.ref)
        if not officers_only:
            continue
        listed = (
            officers_only[0]
            if len(officers_only) == 1
            else f"{', '.join(officers_only[:-1])} and {officers_only[-1]}"
        )
        whose = "the council's" if len(officers_only) == 1 else "those councils'"
        yield Hit.on_members(
            icp,
            f"No councillor holds a seat on the ICP '{icp.id}' for {listed}: "
            f"{whose} member seats are held by officers.",
            people=tuple(people.values()),
            hint="A council may appoint an officer (LGPIHA 2007 s.116ZA(2)(b)); if an elected "
            "member is meant, ask the council to appoint one, or mark a councillor as such "
            "('Cllr', seat: councillor, or a role such as 'Cabinet Member for Health').",
        )
