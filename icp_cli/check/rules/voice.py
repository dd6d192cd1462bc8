"""V4xx: the voices an integrated care partnership should involve.

Each ICP is checked separately. A voice counts when a member or participant (not an
observer, not a substitute) brings it on the ICP or on a body whose `reports_to` chain
leads to the ICP, or when an engagement route reporting to one of those bodies involves
it (docs/spec/rules.md, "Scope of the V rules"). What satisfies each rule is the table `VOICES`,
written once; every rule below is the same check over its own row.
"""

from __future__ import annotations

from collections.abc import Iterator

from icp_cli.check.context import Context, has_sector
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import CheckFunction, Hit, rule
from icp_cli.check.sources import ENGAGEMENT, KINGS_FUND, PPP
from icp_cli.immutable import frozen
from icp_cli.model import Body, Seat
from icp_cli.text import and_join
from icp_cli.vocab import BODY_TYPE_LABELS


@frozen
class Voice:
    """One row of the satisfaction table: what brings a voice into an ICP's scope."""

    label: str  # the voice, after "no": "director of public health"
    seats: tuple[str, ...] = ()  # seat kinds held by a member or participant in scope
    sectors: tuple[str, ...] = ()  # a member's or participant's sector, or a route's involves
    route_types: tuple[str, ...] = ()  # any engagement route of these types in scope
    body_types: tuple[str, ...] = ()  # any body of these types in scope, other than the ICP
    fix: str = ""  # the hint; {icp} is the ICP's id


VOICES: dict[str, Voice] = {
    "V401": Voice(
        "director of public health",
        seats=("director-public-health",),
        sectors=("public-health",),
        fix="Add the director of public health as a member or participant "
        "(seat: director-public-health), or record an engagement route reporting to '{icp}' "
        "with involves: [public-health].",
    ),
    "V402": Voice(
        "Healthwatch",
        seats=("healthwatch",),
        sectors=("healthwatch",),
        fix="Give the local Healthwatch a seat on '{icp}' (seat: healthwatch), or record "
        "how it is involved as an engagement route reporting to '{icp}' with "
        "involves: [healthwatch].",
    ),
    "V403": Voice(
        "voluntary, community and social enterprise (VCSE) voice",
        seats=("vcse",),
        sectors=("vcse",),
        fix="Add a VCSE member or participant (seat: vcse), or an engagement route such as "
        "a VCSE alliance reporting to '{icp}' with involves: [vcse].",
    ),
    "V404": Voice(
        "director of adult social services or of children's services",
        seats=("director-adult-social-services", "director-childrens-services"),
        sectors=("adult-social-care", "childrens-services"),
        fix="Add a director of adult social services or of children's services to '{icp}' "
        "(seat: director-adult-social-services or director-childrens-services), or to a "
        "sub-group reporting to it.",
    ),
    "V405": Voice(
        "social care provider voice",
        seats=("social-care-provider",),
        sectors=("social-care-provider",),
        fix="Add a social care provider member or participant (seat: social-care-provider), "
        "or a providers' forum reporting to '{icp}' with involves: [social-care-provider].",
    ),
    "V406": Voice(
        "clinical or professional leadership",
        seats=("clinical-lead", "primary-care", "medical-director", "nursing-director"),
        sectors=("primary-care",),
        fix="Add a clinical or professional lead to '{icp}' or a sub-group reporting to it "
        "(seat: clinical-lead, primary-care, medical-director or nursing-director), or a "
        "route with involves: [primary-care].",
    ),
    "V407": Voice(
        "citizens' or lived-experience voice",
        seats=("lived-experience",),
        sectors=("lived-experience",),
        route_types=("citizens-panel",),
        fix="Record how people who live or work in the area are involved: an engagement "
        "route reporting to '{icp}' of type citizens-panel or with "
        "involves: [lived-experience], or a lived-experience seat.",
    ),
    "V408": Voice(
        "provider collaborative",
        seats=("provider-collaborative",),
        body_types=("provider-collaborative",),
        fix="Add a provider collaborative seat to '{icp}' (seat: provider-collaborative), or "
        "describe the provider collaborative as a body with type: provider-collaborative "
        "and reports_to: {icp}.",
    ),
    "V409": Voice(
        "voice of the wider determinants of health (housing, education, employers, police, fire)",
        sectors=("housing", "education", "university", "police-justice", "fire-rescue", "business"),
        fix="Add a member or participant from housing, education, business, police and "
        "justice or fire and rescue, or an engagement route reporting to '{icp}' that "
        "involves one of those sectors.",
    ),
}


def _brings(seat: Seat, voice: Voice) -> bool:
    """A member or participant seat that brings the voice (by seat kind or any sector)."""
    if not seat.has_voice:
        return False
    return any(kind in voice.seats for kind in seat.seats) or has_sector(seat, *voice.sectors)


def _present(ctx: Context, icp: Body, voice: Voice) -> bool:
    """Whether the voice is on the ICP, on a body reporting to it, or on a route to either."""
    scope = ctx.scope_of(icp)
    for body in scope:
        if body is not icp and body.type in voice.body_types:
            return True
        if any(_brings(seat, voice) for seat in ctx.seats(body)):
            return True
    for route in ctx.routes_to(scope):
        if route.type in voice.route_types or any(s in voice.sectors for s in route.involves):
            return True
    return False


def _either(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    return and_join(quoted, "or")


def _looked_for(voice: Voice) -> str:
    """What was looked for and not found, as clauses of one sentence."""
    clauses = []
    holds = [f"holds seat {_either(voice.seats)}"] if voice.seats else []
    if voice.sectors:
        holds.append(f"has sector {_either(voice.sectors)}")
    if holds:
        clauses.append(
            f"no member or participant of it or of a body reporting to it {' or '.join(holds)}"
        )
    routes = [f"is of type {_either(voice.route_types)}"] if voice.route_types else []
    if voice.sectors:
        routes.append(f"involves {_either(voice.sectors)}")
    if routes:
        clauses.append(f"no engagement route reporting to them {' or '.join(routes)}")
    if voice.body_types:
        clauses.append(f"no body of type {_either(voice.body_types)} reports to it")
    if len(clauses) == 1:
        return clauses[0]
    return f"{', '.join(clauses[:-1])}, and {clauses[-1]}"


def _missing(ctx: Context, code: str) -> Iterator[Hit]:
    """One finding per ICP that lacks the voice of rule `code`, at the ICP's key."""
    voice = VOICES[code]
    for icp in ctx.icps:
        if _present(ctx, icp, voice):
            continue
        message = f"No {voice.label} is involved with the ICP '{icp.id}': {_looked_for(voice)}."
        scope = ctx.scope_of(icp)
        if any(ctx.vacant_kind(body, *voice.seats) for body in scope):
            message += " The seat exists but is vacant."
        hint = voice.fix.format(icp=icp.id)
        elsewhere = _elsewhere(ctx, scope, voice)
        if elsewhere is not None:
            body, seat = elsewhere
            label = BODY_TYPE_LABELS.get(body.type, body.type)
            message += f" It sits elsewhere in the system: {seat.name} on the {label} '{body.id}'."
            if voice.sectors:
                sector = next((s for s in seat.sectors if s in voice.sectors), voice.sectors[0])
                hint = (
                    f"If that voice reaches '{icp.id}' through '{body.id}', record the route: "
                    f"an engagement entry with 'reports_to: {icp.id}' and "
                    f"'involves: [{sector}]'. Otherwise: {hint}"
                )
        yield Hit.on_body(icp, message, hint=hint)


def _elsewhere(ctx: Context, scope: list[Body], voice: Voice) -> tuple[Body, Seat] | None:
    """The first seat (in file order) outside the ICP's scope that brings the voice."""
    inside = {b.id for b in scope}
    for body in ctx.m.bodies.values():
        if body.id in inside:
            continue
        for seat in ctx.seats(body):
            if _brings(seat, voice):
                return body, seat
    return None


# Every V rule reports a voice found outside the ICP's scope the same way (`_missing`), and
# its explanation says so in the same words: written here once, where `{found elsewhere}`
# stands in a docstring.
_FOUND_ELSEWHERE = (
    "When the voice is missing from that scope but sits on another body (a health and\n"
    "wellbeing board, the ICB), the message names that body and the hint shows how to\n"
    "record the route (an `engagement` entry with `reports_to` the ICP); the finding is\n"
    "still reported. A vacant seat of the kind is mentioned, and does not count."
)


def _explained(check: CheckFunction) -> CheckFunction:
    """The rule's docstring with the shared paragraph in place of `{found elsewhere}`."""
    doc = check.__doc__ or ""
    shared = _FOUND_ELSEWHERE.replace("\n", "\n    ")
    check.__doc__ = doc.replace("{found elsewhere}", shared)
    return check


@rule(
    "V401",
    "no-public-health",
    Severity.WARNING,
    "No director of public health is involved with an ICP.",
    f"{ENGAGEMENT}: directors of public health support population health management",
    needs=("icp",),
)
@_explained
def no_public_health(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for a director of public health: a
    member or participant with seat `director-public-health` or sector `public-health`
    on the ICP or on a body whose `reports_to` chain leads to it, or an engagement route
    reporting to one of those bodies with `involves: [public-health]`. Observers and
    substitutes do not count.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021) expects directors of public health to
    support the partnership's population health management and the assessment of needs
    that the integrated care strategy builds on. An ICP without them writes its strategy
    without the council's public health lead.

    ## How to fix
    Add the director of public health (a shared director can sit once, with
    `appointed_by` naming the council), or record the route by which public health is
    involved.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:
          - name: Dr Fiona McAllister
            organisation: Northshire County Council
            seat: director-public-health
    ```
    """
    yield from _missing(ctx, "V401")


@rule(
    "V402",
    "no-healthwatch",
    Severity.WARNING,
    "No local Healthwatch is involved with an ICP.",
    "LGPIHA 2007 s.116ZB(4)(a): the ICP must involve the Local Healthwatch organisations "
    "for its area in preparing the integrated care strategy",
    needs=("icp",),
)
@_explained
def no_healthwatch(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for Healthwatch: a member or participant
    with seat `healthwatch` or sector `healthwatch` on the ICP or on a body whose
    `reports_to` chain leads to it, or an engagement route reporting to one of those
    bodies with `involves: [healthwatch]`. Observers and substitutes do not count.

    {found elsewhere}

    ## Why it matters
    The duty is statutory: LGPIHA 2007 s.116ZB(4)(a) (the Local Government and Public
    Involvement in Health Act 2007, as amended in 2022) requires the ICP to involve the
    Local Healthwatch organisations for its area in preparing the integrated care
    strategy. It is a duty about a process, not a seat, and a membership file shows only
    a proxy for it: a Healthwatch seat or an engagement route. That is why this rule is
    a warning rather than an error: the ICP may involve Healthwatch in ways the file
    does not record.

    ## How to fix
    Give the local Healthwatch a seat (a participant is enough), or record how it is
    involved as an engagement route reporting to the ICP.

    ## Example
    ```yaml
    engagement:
      - name: Healthwatch Northshire strategy workshops
        type: workshop
        reports_to: icp
        involves: [healthwatch]
    ```
    """
    yield from _missing(ctx, "V402")


@rule(
    "V403",
    "no-vcse",
    Severity.WARNING,
    "No voluntary, community and social enterprise voice is involved with an ICP.",
    f"{ENGAGEMENT}; {KINGS_FUND}; {PPP}",
    needs=("icp",),
)
@_explained
def no_vcse(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for the voluntary, community and social
    enterprise (VCSE) sector: a member or participant with seat `vcse` or sector `vcse`
    on the ICP or on a body reporting to it, or an engagement route reporting to one of
    those bodies with `involves: [vcse]`.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021), the King's Fund (2022) and the PPP ICS
    Roadshow report (2023) all expect the VCSE sector to be a partner in the ICP: it
    reaches communities the statutory bodies do not.

    ## How to fix
    Add a VCSE member (often nominated by a local VCSE alliance), or record the alliance
    or assembly as an engagement route reporting to the ICP.

    ## Example
    ```yaml
    engagement:
      - name: VCSE Alliance Assembly
        type: assembly
        reports_to: icp
        involves: [vcse]
    ```
    """
    yield from _missing(ctx, "V403")


@rule(
    "V404",
    "no-social-care-leadership",
    Severity.WARNING,
    "Neither a director of adult social services nor of children's services is involved "
    "with an ICP.",
    f"{ENGAGEMENT}: at least one director of adult social services (DASS) or of "
    "children's services (DCS)",
    needs=("icp",),
)
@_explained
def no_social_care_leadership(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for a director of adult social services
    or of children's services: a member or participant with seat
    `director-adult-social-services` or `director-childrens-services`, or sector
    `adult-social-care` or `childrens-services`, on the ICP or on a body reporting to
    it, or an engagement route reporting to one of those bodies involving either sector.
    One of them is enough.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021) asks for at least one DASS or DCS on
    the partnership: social care is half of "health and care", and the councils' social
    care leads hold the statutory duties the strategy depends on.

    ## How to fix
    Add a DASS or DCS as a member or participant; a joint director can hold both seats
    (`seat: [director-adult-social-services, director-childrens-services]`).

    ## Example
    ```yaml
          - name: Gareth Lloyd
            organisation: Northshire County Council
            seat: director-adult-social-services
    ```
    """
    yield from _missing(ctx, "V404")


@rule(
    "V405",
    "no-social-care-providers",
    Severity.WARNING,
    "No social care provider voice is involved with an ICP.",
    f"{ENGAGEMENT}; {PPP}",
    needs=("icp",),
)
@_explained
def no_social_care_providers(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for social care providers: a member or
    participant with seat `social-care-provider` or sector `social-care-provider` on the
    ICP or on a body reporting to it, or an engagement route reporting to one of those
    bodies with `involves: [social-care-provider]`.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021) and the PPP ICS Roadshow report (2023)
    ask for the independent and voluntary providers who deliver most social care to be
    heard: councils commission care, providers deliver it.

    ## How to fix
    Add a member nominated by the local care association, or record a providers' forum
    as an engagement route reporting to the ICP.

    ## Example
    ```yaml
    engagement:
      - name: Care Providers' Forum
        type: network
        reports_to: icp
        involves: [social-care-provider]
    ```
    """
    yield from _missing(ctx, "V405")


@rule(
    "V406",
    "no-clinical-leadership",
    Severity.INFO,
    "No primary, community or secondary care clinical or professional lead is involved "
    "with an ICP.",
    ENGAGEMENT,
    needs=("icp",),
)
@_explained
def no_clinical_leadership(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for clinical or professional
    leadership: a member or participant with seat `clinical-lead`, `primary-care`,
    `medical-director` or `nursing-director`, or sector `primary-care`, on the ICP or on
    a body reporting to it, or an engagement route reporting to one of those bodies with
    `involves: [primary-care]`.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021) expects clinical and professional
    leaders from primary, community and secondary care to shape the integrated care
    strategy. This is information: the leadership may sit in a clinical senate or
    forum the file does not describe.

    ## How to fix
    Add a clinical or professional lead as a member or participant, or describe the
    clinical forum as a sub-group reporting to the ICP.

    ## Example
    ```yaml
          - name: Dr Amir Shah
            organisation: Easton Primary Care Network
            sector: primary-care
            seat: clinical-lead
    ```
    """
    yield from _missing(ctx, "V406")


@rule(
    "V407",
    "no-lived-experience",
    Severity.WARNING,
    "No citizens' or lived-experience route (panel, co-production) is involved with an ICP.",
    "LGPIHA 2007 s.116ZB(4)(b): the ICP must involve people who live or work in its area; "
    f"{ENGAGEMENT}: strategies developed with people with lived experience",
    needs=("icp",),
)
@_explained
def no_lived_experience(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for the voice of people who live or
    work in its area: an engagement route of type `citizens-panel`, or one with
    `involves: [lived-experience]`, reporting to the ICP or to a body reporting to it;
    or a member or participant with seat `lived-experience` or sector
    `lived-experience` on any of those bodies.

    {found elsewhere}

    ## Why it matters
    The duty is statutory: LGPIHA 2007 s.116ZB(4)(b) (the Local Government and Public
    Involvement in Health Act 2007, as amended in 2022) requires the ICP to involve people
    who live or work in its area in preparing the integrated care strategy, and NHS
    England's ICP engagement document (2021) asks for strategies developed with people
    with lived experience. The duty is about a process, and a membership file shows only
    a proxy for it: a lived-experience seat or a route such as a citizens' panel. That
    is why this rule is a warning rather than an error.

    ## How to fix
    Record the citizens' panel, co-production group or lived-experience network as an
    engagement route reporting to the ICP, or give lived experience a seat.

    ## Example
    ```yaml
    engagement:
      - name: Northshire Citizens' Panel
        type: citizens-panel
        reports_to: icp
    ```
    """
    yield from _missing(ctx, "V407")


@rule(
    "V408",
    "no-provider-collaborative",
    Severity.INFO,
    "No provider collaborative seat or body is involved with an ICP.",
    f"{PPP}: recommendation on provider collaboratives",
    needs=("icp",),
)
@_explained
def no_provider_collaborative(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for a provider collaborative: a member
    or participant with seat `provider-collaborative` on the ICP or on a body reporting
    to it, or a body of type `provider-collaborative` whose `reports_to` chain leads to
    the ICP.

    {found elsewhere}

    ## Why it matters
    The PPP ICS Roadshow report (2023) recommends that provider collaboratives, which
    plan and run services across several trusts, be connected to the partnership that
    sets the strategy. This is information: many ICPs involve them through the ICB.

    ## How to fix
    Add a provider collaborative seat, or describe the collaborative as a body with
    `type: provider-collaborative` and `reports_to:` the ICP.

    ## Example
    ```yaml
    bodies:
      mental-health-collaborative:
        type: provider-collaborative
        reports_to: icp
        members: []
    ```
    """
    yield from _missing(ctx, "V408")


@rule(
    "V409",
    "no-wider-determinants",
    Severity.INFO,
    "None of housing, education, employers, police and justice or fire is involved with an ICP.",
    f"{ENGAGEMENT}: the wider determinants of health",
    needs=("icp",),
)
@_explained
def no_wider_determinants(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each integrated care partnership, looks for a voice of the wider determinants
    of health: a member or participant of sector `housing`, `education`, `university`,
    `police-justice`, `fire-rescue` or `business` on the ICP or on a body reporting to
    it, or an engagement route reporting to one of those bodies that involves one of
    those sectors.

    {found elsewhere}

    ## Why it matters
    NHS England's ICP engagement document (2021) asks ICPs to look beyond health and
    care services to the wider determinants of health: housing, education, work,
    community safety. This is information: the partners may be involved through the
    health and wellbeing boards instead.

    ## How to fix
    Add a member or participant from one of those sectors, or record a route (a
    housing forum, an employers' network) reporting to the ICP.

    ## Example
    ```yaml
          - name: Dana Okoro
            organisation: Northshire Housing Association
            sector: housing
            attendance: participant
    ```
    """
    yield from _missing(ctx, "V409")
