"""The facts a draft terms of reference is written from: one body of a membership file,
its seats, chairs, meetings, engagement routes and the check findings that bear on it.

Pure: builds a plain dict (strings, numbers, booleans, None, lists and dicts only) that the
built-in templates and a user's own `--template` both receive. Nothing here prints, and
nothing is invented: a fact the file does not give is None or an empty list, and the
templates turn it into a `[TO BE AGREED: …]` placeholder.

The context is typed: one TypedDict per kind of object (`TorContext` at the top), each key
with its meaning beside it. docs/generate.py writes the reference (docs/tor-context.md)
from these types, and tests hold what `build_context` returns to them, key for key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict, get_args, get_origin, get_type_hints

from icp_cli.check.context import Context
from icp_cli.check.findings import Finding, Severity
from icp_cli.check.regimes import IN_FORCE, PROPOSED, Regime
from icp_cli.check.regimes import default as default_regime
from icp_cli.check.requirements import Requirement, requirements
from icp_cli.load.errors import did_you_mean
from icp_cli.model import VACANT_NAME, Body, Membership, Person, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import (
    ATTENDANCE,
    BODY_TYPE_LABELS,
    BODY_TYPES,
    ENGAGEMENT_TYPES,
    FUNCTIONS,
    KNOWN_SEATS,
    REGIMES,
)

CONTEXT_VERSION = 1

SEAT_LABELS: dict[str, str] = {
    "chair": "Chair",
    "co-chair": "Co-chair",
    "vice-chair": "Vice-chair",
    "councillor": "Councillor",
    "local-authority": "Local authority",
    "icb-representative": "ICB representative",
    "director-public-health": "Director of public health",
    "director-adult-social-services": "Director of adult social services",
    "director-childrens-services": "Director of children's services",
    "healthwatch": "Healthwatch",
    "vcse": "Voluntary, community and social enterprise",
    "provider-collaborative": "Provider collaborative",
    "social-care-provider": "Social care provider",
    "hwb-chair": "Health and wellbeing board chair",
    "primary-care": "Primary care",
    "clinical-lead": "Clinical lead",
    "lived-experience": "Lived experience",
    "chief-executive": "Chief executive",
    "partner-trusts": "Partner member, NHS trusts and foundation trusts",
    "partner-primary-care": "Partner member, primary medical services",
    "partner-local-authority": "Partner member, local authorities",
    "non-executive": "Non-executive member",
    "finance-director": "Director of finance",
    "medical-director": "Medical director",
    "nursing-director": "Director of nursing",
    "deputy-chair": "Deputy chair",
    "senior-non-executive": "Senior non-executive member",
    "mayoral-authority": "Member nominated by a mayoral strategic authority",
}

SECTOR_LABELS: dict[str, str] = {
    "icb": "integrated care board",
    "nhs-acute": "NHS acute care",
    "nhs-mental-health": "NHS mental health",
    "nhs-community": "NHS community care",
    "nhs-ambulance": "NHS ambulance service",
    "nhs-trust": "NHS trust",
    "primary-care": "primary care",
    "local-government": "local government",
    "public-health": "public health",
    "adult-social-care": "adult social care",
    "childrens-services": "children's services",
    "vcse": "the voluntary, community and social enterprise sector",
    "healthwatch": "Healthwatch",
    "social-care-provider": "social care providers",
    "lived-experience": "people with lived experience",
    "housing": "housing",
    "education": "education",
    "university": "universities",
    "police-justice": "police and justice",
    "fire-rescue": "fire and rescue",
    "business": "business",
    "other": "other",
    "independent": "independent members",
}

ENGAGEMENT_LABELS: dict[str, str] = {
    "sub-group": "sub-group",
    "panel": "panel",
    "assembly": "assembly",
    "workshop": "workshop",
    "citizens-panel": "citizens' panel",
    "network": "network",
    "other": "other route",
}

# How the document refers to the body after naming it once.
SHORT_NAMES: dict[str, str] = {
    "icp": "the Partnership",
    "icb": "the Board",
    "hwb": "the Board",
    "place-partnership": "the Partnership",
    "provider-collaborative": "the Collaborative",
    "committee": "the Committee",
    "sub-group": "the Group",
    "other": "the body",
}

# Body types with a template of their own; the rest use the generic one.
TEMPLATE_TYPES: tuple[str, ...] = ("icp", "icb", "hwb", "place-partnership", "committee")

# Findings that bear on what the terms of reference say: size, required members, chairs,
# meetings, voices and role wording. Workload (D206), file-wide name checks (D204) and the
# plain overlap listing (D201) do not.
DRAFTING_CODES = frozenset(
    {
        "S101", "S102", "S103", "S104",
        "D202", "D203", "D205",
        "R301", "R302", "R303", "R304", "R305", "R306",
        "V401", "V402", "V403", "V404", "V405", "V406", "V407", "V408", "V409",
        "B501",
        "C601", "C602", "C603", "C604",
        "G701", "G702", "G703",
    }
)  # fmt: skip


# -- the typed context ------------------------------------------------------------------------
#
# One TypedDict per kind of object the templates receive. A TypedDict is a plain dict at run
# time, so templates see exactly the dicts they always have; the types add the shape and,
# beside each key, its meaning: `Annotated[type, "meaning"]`, with `OneOf(...)` where the
# values form a closed list. docs/generate.py writes docs/tor-context.md from them (`keys`),
# and tests hold `build_context` to them, key for key and in order.


@dataclass(frozen=True, slots=True, init=False)
class OneOf:
    """The values a key can take, shown in the reference."""

    values: tuple[str, ...]

    def __init__(self, *values: str) -> None:
        object.__setattr__(self, "values", values)


class BodyRef(TypedDict):
    """Another body of the file (or the body itself), by reference."""

    id: Annotated[str, "the body's id"]
    name: Annotated[str, "the body's name (its id when the file gives none)"]
    type: Annotated[str | None, "its type (None only for an id that names no body)"]
    type_label: Annotated[str | None, "the type in words: `integrated care board`"]


class SystemFacts(TypedDict):
    """The integrated care system (`system:`)."""

    name: Annotated[str, "the ICS's name"]
    population: Annotated[int | None, "people served"]
    local_authorities: Annotated[list[str], "councils with social-care duties"]
    places: Annotated[list[str], "place footprints"]
    partly: Annotated[
        list[str], "those of `local_authorities` only partly in the ICB's area (`partly: true`)"
    ]
    mayoral_authorities: Annotated[list[str], "mayoral strategic authorities, as written"]


class BodyFacts(TypedDict):
    """The body the terms of reference are for."""

    id: Annotated[str, "the body's id"]
    type: Annotated[str, "the body's type", OneOf(*BODY_TYPES)]
    type_label: Annotated[str, "the type in words: `integrated care partnership`"]
    name: Annotated[str, "the body's name (its id when the file gives none)"]
    name_given: Annotated[bool, "whether the file gives a name"]
    short: Annotated[
        str,
        "how the text refers to it after naming it",
        OneOf(*dict.fromkeys(SHORT_NAMES.values())),
    ]
    place: Annotated[str | None, "its place, for place-level bodies"]
    partial: Annotated[bool, "the file lists only some of its members (`partial: true`)"]
    councils: Annotated[
        list[str], "councils it covers: its own `local_authorities`, else the system's"
    ]
    councils_own: Annotated[bool, "whether the body has its own `local_authorities`"]
    reports_to: Annotated[BodyRef | None, "where it reports (`reports_to`)"]
    reporting_bodies: Annotated[list[BodyRef], "bodies whose `reports_to` is this body"]
    also: Annotated[list[str], "the further body types it also is (`also: [hwb]`)"]
    in_common_with: Annotated[
        list[BodyRef], "bodies it meets in common with (`in_common_with` on either body)"
    ]
    function: Annotated[str | None, "a committee's function (`function`)", OneOf(*FUNCTIONS)]
    councils_partly: Annotated[list[str], "those of `councils` only partly in the ICB's area"]


class SeatFacts(TypedDict):
    """One seat of the body, filled or vacant."""

    name: Annotated[str, f"the holder's name as written (`{VACANT_NAME}` for a vacant seat)"]
    person_id: Annotated[str | None, "the `people[]` id, for registered people"]
    role: Annotated[str | None, "as in the file"]
    organisation: Annotated[str | None, "as in the file (`person:` seats take it from `people[]`)"]
    sector: Annotated[
        str | None, "the first sector, as in the file (`person:` seats take it from `people[]`)"
    ]
    sector_label: Annotated[str | None, "the sector in words"]
    seats: Annotated[list[str], "the seat kinds as written (`seat`)"]
    seat_labels: Annotated[list[str], "the seat kinds in words (unknown kinds as written)"]
    attendance: Annotated[str, "how the holder attends", OneOf(*ATTENDANCE)]
    attendance_label: Annotated[str, "the same, capitalised"]
    is_member: Annotated[bool, "attendance is `member`"]
    is_chair: Annotated[
        bool,
        "the holder chairs the body (`chair:` or a chair/co-chair seat); never a substitute's "
        "or a vacant seat",
    ]
    is_vice_chair: Annotated[bool, "the seat is a `vice-chair` seat"]
    appointed_by: Annotated[str | None, "as in the file"]
    line: Annotated[int, "the seat's line in the membership file"]
    vacant: Annotated[bool, "the seat is vacant (`vacant: true`)"]
    voting: Annotated[bool, "false for a member without a vote (`voting: false`)"]
    substitute_for: Annotated[
        str | None, "for a substitute: the name of the member it deputises for, if the file says"
    ]
    term_from: Annotated[str | None, "when the term of office starts (`YYYY-MM-DD`)"]
    term_to: Annotated[str | None, "when the term of office ends (`YYYY-MM-DD`)"]


class Counts(TypedDict):
    """How many seats the body has, by attendance."""

    member: Annotated[int, "filled seats whose attendance is `member`"]
    participant: Annotated[int, "filled `participant` seats"]
    observer: Annotated[int, "filled `observer` seats"]
    substitute: Annotated[int, "filled `substitute` seats"]
    vacant: Annotated[int, "vacant seats"]
    non_voting: Annotated[int, "filled member seats without a vote"]
    total: Annotated[int, "every seat, filled or vacant"]


class ChairLine(TypedDict):
    """A chair, co-chair or vice-chair."""

    name: Annotated[str, "the name as written"]
    role: Annotated[str | None, "the role of their seat"]
    organisation: Annotated[str | None, "their organisation"]
    is_member: Annotated[
        bool, "whether they hold a seat: false when `chair:` names someone without one"
    ]


class MeetingFacts(TypedDict):
    """How the body meets (`meetings:`)."""

    public: Annotated[bool | None, "formal meetings in public"]
    frequency: Annotated[str | None, "as written (`quarterly`)"]
    quorum: Annotated[int | None, "the quorum"]


class RegimeFacts(TypedDict):
    """The law the draft follows (`--regime`, `policy.regime`; default: the law in force)."""

    name: Annotated[str, "the regime's name", OneOf(*REGIMES)]
    title: Annotated[str, "its title: `Health and Care Act 2022`"]
    status: Annotated[str, "whether it is law", OneOf(IN_FORCE, PROPOSED)]
    proposed: Annotated[bool, "status is `proposed`: the law is not yet made"]
    notice: Annotated[
        str,
        "`Regime NAME (STATUS): what it is`, the line a draft under a proposed regime opens with",
    ]
    dates: Annotated[dict[str, str], "its dates by what they mark (`in_force`, `as_introduced`)"]
    icp_statutory: Annotated[
        bool, "false when an ICP is set up by agreement, not under the 2007 Act's s.116ZA"
    ]
    healthwatch: Annotated[bool, "false when Healthwatch is abolished (no Healthwatch member)"]
    nhs_england: Annotated[str, "who holds NHS England's functions: `NHS England`"]
    mayoral_members: Annotated[
        str | None,
        "the citation for ICB members nominated by mayors, when the regime has them",
    ]


class StatutoryPlace(TypedDict):
    """One place the law (or NHS England's guidance) requires of a type of body, and who in
    the file fills it."""

    key: Annotated[str, "which place: the seat kind or test, e.g. `healthwatch`"]
    ref: Annotated[str, "the citation"]
    label: Annotated[str, "the place in words"]
    holders: Annotated[list[str], "names of the members who could fill it"]
    met: Annotated[bool, "at least one member fills it"]
    ambiguous: Annotated[bool, "one appointee is required and several members could be it"]
    source: Annotated[
        Literal["law", "guidance"], "where the requirement comes from: the law or NHS guidance"
    ]


class AlsoRole(TypedDict):
    """A further body type the body also is (`also`)."""

    type: Annotated[str, "the type", OneOf(*BODY_TYPES)]
    type_label: Annotated[str, "the type in words"]
    statutory: Annotated[list[StatutoryPlace], "the places the law requires of that type"]


class Deputy(TypedDict):
    """A substitute seat."""

    name: Annotated[str, "the name as written"]
    role: Annotated[str | None, "as in the file"]
    organisation: Annotated[str | None, "as in the file"]
    substitute_for: Annotated[
        str | None, "the name of the member it deputises for, if the file says"
    ]


class Vacancy(TypedDict):
    """A vacant seat (`vacant: true`)."""

    role: Annotated[str | None, "as in the file"]
    organisation: Annotated[str | None, "as in the file"]
    seats: Annotated[list[str], "the seat kinds as written"]
    seat_labels: Annotated[list[str], "the seat kinds in words"]
    attendance: Annotated[str, "the seat's attendance", OneOf(*ATTENDANCE)]
    line: Annotated[int, "the seat's line in the membership file"]


# `from` and `to` are Python keywords: this one is spelled as a call.
Term = TypedDict(
    "Term",
    {
        "name": Annotated[str, f"the holder's name as written (`{VACANT_NAME}` for a vacant seat)"],
        "vacant": Annotated[bool, "the seat is vacant"],
        "role": Annotated[str | None, "as in the file"],
        "seat_labels": Annotated[list[str], "the seat kinds in words"],
        "from": Annotated[str | None, "when the term starts (`YYYY-MM-DD`)"],
        "to": Annotated[str | None, "when the term ends (`YYYY-MM-DD`)"],
    },
)
Term.__doc__ = "A seat with a term of office (`term:`)."


class RouteTarget(TypedDict):
    """The body an engagement route reports to."""

    id: Annotated[str, "the body's id"]
    name: Annotated[str, "the body's name"]


class Route(TypedDict):
    """An engagement route (`engagement:`)."""

    name: Annotated[str, "the route's name"]
    type: Annotated[str | None, "its type, if the file says", OneOf(*ENGAGEMENT_TYPES)]
    type_label: Annotated[str, "the type in words (`citizens' panel`)"]
    involves: Annotated[list[str], "the sectors it involves, as written (`involves`)"]
    involves_labels: Annotated[list[str], "the same in words"]
    reports_to: Annotated[RouteTarget, "the body it reports to"]
    direct: Annotated[bool, "it reports to this body itself, not to a body under it"]


class DraftingNote(TypedDict):
    """A check finding about the body that bears on its terms of reference, or a note."""

    code: Annotated[str | None, "the rule's code, or None for a note"]
    name: Annotated[str, "the rule's name, or the note's (`unknown-seat`, `partial`)"]
    severity: Annotated[
        str, "how serious", OneOf(*(s.label for s in sorted(Severity, reverse=True)), "note")
    ]
    message: Annotated[str, "what is wrong"]
    hint: Annotated[str | None, "how to fix it"]
    line: Annotated[int, "the line in the membership file"]


class Related(TypedDict):
    """The system's other main bodies."""

    icb: Annotated[BodyRef | None, "the ICB, unless it is this body"]
    hwbs: Annotated[list[BodyRef], "the health and wellbeing boards"]
    places: Annotated[list[BodyRef], "the place partnerships"]


class TorContext(TypedDict):
    """What a terms-of-reference template receives.

    All values are plain strings, numbers, booleans, `None`, lists and dicts; user text is
    raw (escape it with `esc`). "or None" means the file does not say. A key reads as
    `body.name` or `body["name"]`."""

    context_version: Annotated[
        int, f"`{CONTEXT_VERSION}`; bumped when a key changes meaning or goes"
    ]
    source: Annotated[str, "the membership file's name (without its folder)"]
    template_type: Annotated[str, "the built-in template used", OneOf(*TEMPLATE_TYPES, "generic")]
    system: Annotated[SystemFacts, "the integrated care system"]
    body: Annotated[BodyFacts, "the body"]
    icb: Annotated[BodyRef | None, "the file's ICB"]
    seats: Annotated[list[SeatFacts], "every seat, filled or vacant, in file order"]
    counts: Annotated[Counts, "seats by attendance"]
    chairs: Annotated[
        list[ChairLine], "the chair or co-chairs: whoever `chair:` names, then chair-seat holders"
    ]
    co_chaired: Annotated[bool, "the body has a `co-chair` seat (held by a sitting member)"]
    vice_chairs: Annotated[list[ChairLine], "sitting holders of `vice-chair` seats"]
    meetings: Annotated[MeetingFacts, "its meetings"]
    regime: Annotated[RegimeFacts, "the law the draft follows"]
    statutory: Annotated[
        list[StatutoryPlace],
        "for ICPs, ICBs and HWBs, each place the law (or NHS England) requires; else empty",
    ]
    also: Annotated[list[AlsoRole], "the further body types it is (`also`)"]
    deputies: Annotated[list[Deputy], "the substitute seats, in file order"]
    vacancies: Annotated[list[Vacancy], "the vacant seats, in file order"]
    non_voting: Annotated[list[str], "names of members without a vote, each once"]
    terms: Annotated[list[Term], "seats with a term of office, in file order"]
    engagement: Annotated[
        list[Route], "engagement routes reporting to the body or to a body under it"
    ]
    drafting_notes: Annotated[
        list[DraftingNote],
        "check findings about this body that bear on the terms of reference, then notes",
    ]
    related: Annotated[Related, "the system's other main bodies"]
    by_post: Annotated[bool, "`--by-post`: list posts, not names"]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a context type, as the reference shows it."""

    name: str
    type: Any  # the annotation without its meaning: str, int | None, list[SeatFacts], …
    meaning: str
    values: tuple[str, ...] = ()


@cache
def keys(kind: type) -> tuple[Key, ...]:
    """The keys of one context type, in order, with their meanings."""
    out = []
    for name, hint in get_type_hints(kind, include_extras=True).items():
        if get_origin(hint) is not Annotated:
            raise TypeError(f"{kind.__name__}.{name} has no meaning: Annotated[type, 'meaning']")
        tp, *meta = get_args(hint)
        meaning = next((m for m in meta if isinstance(m, str)), None)
        if meaning is None:
            raise TypeError(f"{kind.__name__}.{name} has no meaning")
        values = next((m.values for m in meta if isinstance(m, OneOf)), ())
        out.append(Key(name, tp, meaning, values))
    return tuple(out)


def build_context(
    m: Membership,
    body: Body,
    findings: Sequence[Finding] = (),
    regime: Regime | None = None,
    by_post: bool = False,
) -> TorContext:
    """Everything a terms-of-reference template may use (docs/tor-context.md), drafted
    under `regime` (default: the law in force)."""
    regime = regime or default_regime()
    ctx = Context(m)
    icb = m.icb
    councils = [name for name, _ in ctx.councils_of(body)]
    chairs = ctx.chairs(body)
    seats = [_seat(s, chairs) for s in body.all_seats]
    return {
        "context_version": CONTEXT_VERSION,
        "source": Path(m.path).name,
        "template_type": body.type if body.type in TEMPLATE_TYPES else "generic",
        "system": {
            "name": m.system.name,
            "population": m.system.population,
            "local_authorities": list(m.system.local_authorities),
            "places": list(m.system.places),
            "partly": [c for c in m.system.local_authorities if m.system.is_partly(c)],
            "mayoral_authorities": list(m.system.mayoral_authorities),
        },
        "body": {
            "id": body.id,
            "type": body.type,
            "type_label": BODY_TYPE_LABELS.get(body.type, body.type),
            "name": body.name,
            "name_given": body.name_given,
            "short": SHORT_NAMES.get(body.type, "the body"),
            "place": body.place,
            "partial": body.partial,
            "councils": councils,
            "councils_own": body.local_authorities is not None,
            "reports_to": _body_ref(m, body.reports_to),
            "reporting_bodies": [
                _ref(m, b.id) for b in m.bodies.values() if b.reports_to == body.id
            ],
            "also": list(body.also),
            "in_common_with": [_ref(m, other) for other in m.in_common_with(body.id)],
            "function": body.function,
            "councils_partly": [c for c in councils if m.system.is_partly(c)],
        },
        "icb": _body_ref(m, icb.id) if icb is not None else None,
        "seats": seats,
        "counts": _counts(body),
        "chairs": _chairs(ctx, body),
        "co_chaired": any("co-chair" in s.seats for s in body.members if s.sits),
        "vice_chairs": [
            _person_line(s) for s in body.members if s.sits and "vice-chair" in s.seats
        ],
        "meetings": {
            "public": body.meetings.public if body.meetings else None,
            "frequency": body.meetings.frequency if body.meetings else None,
            "quorum": body.meetings.quorum if body.meetings else None,
        },
        "regime": _regime(regime),
        "statutory": _statutory(ctx, body, regime),
        "also": [
            {
                "type": t,
                "type_label": BODY_TYPE_LABELS.get(t, t),
                "statutory": _statutory(ctx, body, regime, t),
            }
            for t in body.also
        ],
        "deputies": [_deputy(s) for s in body.members if s.attendance == "substitute"],
        "vacancies": [_vacancy(s) for s in body.vacancies],
        "non_voting": _names(s for s in body.members if s.is_member and not s.voting),
        "terms": [_term(s) for s in body.all_seats if s.has_term],
        "engagement": _engagement(ctx, body),
        "drafting_notes": _drafting_notes(m, body, findings),
        "related": _related(m, body),
        "by_post": by_post,
    }


def _regime(regime: Regime) -> RegimeFacts:
    return {
        "name": regime.name,
        "title": regime.title,
        "status": regime.status,
        "proposed": regime.proposed,
        "notice": regime.notice,
        "dates": dict(regime.dates),
        "icp_statutory": regime.icp_statutory,
        "healthwatch": regime.healthwatch,
        "nhs_england": regime.nhs_england,
        "mayoral_members": regime.mayoral_members,
    }


def _related(m: Membership, body: Body) -> Related:
    """The ICB, health and wellbeing boards and place partnerships other than the body."""
    others = [b for b in m.bodies.values() if b.id != body.id]
    return {
        "icb": _body_ref(m, m.icb.id) if m.icb is not None and m.icb.id != body.id else None,
        "hwbs": [_ref(m, b.id) for b in others if b.type == "hwb"],
        "places": [_ref(m, b.id) for b in others if b.type == "place-partnership"],
    }


# -- pieces -----------------------------------------------------------------------------------


def _body_ref(m: Membership, body_id: str | None) -> BodyRef | None:
    return None if body_id is None else _ref(m, body_id)


def _ref(m: Membership, body_id: str) -> BodyRef:
    body = m.bodies.get(body_id)
    if body is None:  # the loader refuses unknown ids; kept safe for hand-built models
        return {"id": body_id, "name": body_id, "type": None, "type_label": None}
    return {
        "id": body.id,
        "name": body.name,
        "type": body.type,
        "type_label": BODY_TYPE_LABELS.get(body.type, body.type),
    }


def _seat(seat: Seat, chairs: list[Person]) -> SeatFacts:
    return {
        "name": seat.name,
        "person_id": seat.person.id,
        "role": seat.role,
        "organisation": seat.organisation,
        "sector": seat.sector,
        "sector_label": SECTOR_LABELS.get(seat.sector) if seat.sector else None,
        "seats": list(seat.seats),
        "seat_labels": [SEAT_LABELS.get(k, k) for k in seat.seats],
        "attendance": seat.attendance,
        "attendance_label": seat.attendance.capitalize(),
        "is_member": seat.is_member,
        "is_chair": seat.sits and seat.person in chairs,
        "is_vice_chair": "vice-chair" in seat.seats,
        "appointed_by": seat.appointed_by,
        "line": seat.pos.line,
        "vacant": seat.vacant,
        "voting": seat.voting,
        "substitute_for": _principal(seat),
        "term_from": seat.term_from.isoformat() if seat.term_from else None,
        "term_to": seat.term_to.isoformat() if seat.term_to else None,
    }


def _principal(seat: Seat) -> str | None:
    """The name of the member a substitute deputises for, if the file says."""
    return seat.substitute_for_person.name if seat.substitute_for_person is not None else None


def _deputy(seat: Seat) -> Deputy:
    return {
        "name": seat.name,
        "role": seat.role,
        "organisation": seat.organisation,
        "substitute_for": _principal(seat),
    }


def _vacancy(seat: Seat) -> Vacancy:
    return {
        "role": seat.role,
        "organisation": seat.organisation,
        "seats": list(seat.seats),
        "seat_labels": [SEAT_LABELS.get(k, k) for k in seat.seats],
        "attendance": seat.attendance,
        "line": seat.pos.line,
    }


def _term(seat: Seat) -> Term:
    return {
        "name": seat.name,
        "vacant": seat.vacant,
        "role": seat.role,
        "seat_labels": [SEAT_LABELS.get(k, k) for k in seat.seats],
        "from": seat.term_from.isoformat() if seat.term_from else None,
        "to": seat.term_to.isoformat() if seat.term_to else None,
    }


def _counts(body: Body) -> Counts:
    attending = Counter(seat.attendance for seat in body.members)
    return {
        "member": attending["member"],
        "participant": attending["participant"],
        "observer": attending["observer"],
        "substitute": attending["substitute"],
        "vacant": len(body.vacancies),
        "non_voting": sum(1 for s in body.members if s.is_member and not s.voting),
        "total": len(body.members) + len(body.vacancies),
    }


def _person_line(seat: Seat) -> ChairLine:
    return {
        "name": seat.name,
        "role": seat.role,
        "organisation": seat.organisation,
        "is_member": True,
    }


def _chairs(ctx: Context, body: Body) -> list[ChairLine]:
    """The chair or co-chairs: whoever `chair:` names, then holders of chair seats."""
    out: list[ChairLine] = []
    seen: set[int] = set()

    def seat_of(person: Person) -> Seat | None:
        return next((s for s in body.members if s.person is person and s.sits), None)

    if body.chair is not None:
        person = body.chair_person
        seat = seat_of(person) if person is not None else None
        if seat is not None:
            out.append(_person_line(seat))
        else:
            out.append(
                {
                    "name": person.name if person is not None else body.chair,
                    "role": None,
                    "organisation": person.organisation if person is not None else None,
                    "is_member": False,
                }
            )
        if person is not None:
            seen.add(id(person))
    for seat in body.members:
        if seat.sits and seat.is_chair_seat and id(seat.person) not in seen:
            seen.add(id(seat.person))
            out.append(_person_line(seat))
    return out


def _names(seats: Iterable[Seat]) -> list[str]:
    return list(dict.fromkeys(s.name for s in seats))


def _requirement(
    key: str,
    ref: str,
    label: str,
    seats: Iterable[Seat],
    source: Literal["law", "guidance"] = "law",
    single: bool = False,
) -> StatutoryPlace:
    """One required place. `single`: the law asks for one appointee, so several candidate
    holders leave open which of them it is."""
    holders = _names(seats)
    return {
        "key": key,
        "ref": ref,
        "label": label,
        "holders": holders,
        "met": bool(holders),
        "ambiguous": single and len(holders) > 1,
        "source": source,
    }


def _statutory(
    ctx: Context, body: Body, regime: Regime, body_type: str | None = None
) -> list[StatutoryPlace]:
    """The members the law (or, marked `guidance`, NHS England policy) requires of this
    type of body (its own type, or one of its `also` types), and who in the file fills
    each place, under the regime."""
    members = ctx.member_seats(body)
    body_type = body_type or body.type
    if body_type == "icp":
        return _icp_requirements(ctx, body, members)
    if body_type == "hwb":
        found = _hwb_requirements(ctx, body, members)
        # A regime that abolishes Healthwatch has no Healthwatch seat to fill.
        return found if regime.healthwatch else [r for r in found if r["key"] != "healthwatch"]
    if body_type == "icb":
        found = _icb_requirements(ctx, body, members)
        if regime.mayoral_members is not None:
            found = _mayoral_requirements(ctx, members, found, regime.mayoral_members)
        for r in found:
            # Guidance NHS England gives, given by whoever holds its functions.
            r["ref"] = r["ref"].replace("NHS England", regime.nhs_england.removeprefix("the "))
        return found
    return []


def _holders(ctx: Context, body: Body, members: list[Seat], req: Requirement) -> list[Seat]:
    """The member seats that fill one requirement of the table (check/requirements.py)."""
    if req.test == "kind":
        return [s for s in members if req.matches(s)]
    if req.test == "chair":
        chairs = ctx.chairs(body)
        return [s for s in members if s.person in chairs]
    if req.test == "councillor":
        return [s for s in members if ctx.is_councillor(s.person)]
    if req.test == "icb-appointee":
        named = [
            s for s in members if "icb-representative" in s.seats or ctx.m.names_icb(s.appointed_by)
        ]
        if not named:
            named = [s for s in members if s.has_sector("icb")]
        if not named and ctx.icb is not None:
            on_icb = ctx.sitting_people(ctx.icb)
            named = [s for s in members if s.person in on_icb]
        return named
    raise ValueError(f"no single holder test for {req.test}")  # council-appointee: per council


def _from_table(ctx: Context, body: Body, members: list[Seat], req: Requirement) -> StatutoryPlace:
    return _requirement(
        req.key, req.citation, req.label, _holders(ctx, body, members, req), req.source, req.single
    )


def _icp_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[StatutoryPlace]:
    out = []
    for req in requirements("icp"):
        if req.test != "council-appointee":
            out.append(_from_table(ctx, body, members, req))
            continue
        for council, _ in ctx.councils_of(body):
            key = normalise_organisation(council)
            appointed = [
                s
                for s in members
                if s.appointed_by is not None and normalise_organisation(s.appointed_by) == key
            ]
            out.append(
                _requirement(
                    req.key,
                    req.citation,
                    req.label.format(council=council),
                    appointed or [s for s in members if ctx.is_from(s, council)],
                    req.source,
                    req.single,
                )
            )
    return out  # fmt: skip


def _hwb_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[StatutoryPlace]:
    return [_from_table(ctx, body, members, req) for req in requirements("hwb")]


def _icb_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[StatutoryPlace]:
    return [_from_table(ctx, body, members, req) for req in requirements("icb")]


def _mayoral_requirements(
    ctx: Context, members: list[Seat], found: list[StatutoryPlace], ref: str
) -> list[StatutoryPlace]:
    """A regime with mayoral members: one place per mayoral authority, in place of the
    partner member nominated by the local authorities."""
    out = []
    for r in found:
        if r["key"] != "partner-local-authority":
            out.append(r)
            continue
        for authority in ctx.m.system.mayoral_authorities:
            out.append(
                _requirement(
                    "mayoral-authority",
                    ref,
                    f"A member nominated by the mayor of {authority}",
                    [
                        s
                        for s in members
                        if "mayoral-authority" in s.seats and ctx.is_from(s, authority)
                    ],
                    single=True,
                )
            )
    return out  # fmt: skip


def _engagement(ctx: Context, body: Body) -> list[Route]:
    """Routes reporting to the body, or to a body whose reports_to chain leads to it."""
    scope = ctx.scope_of(body)
    names = {b.id: b.name for b in scope}
    return [
        {
            "name": route.name,
            "type": route.type,
            "type_label": ENGAGEMENT_LABELS.get(route.type or "other", route.type or "route"),
            "involves": list(route.involves),
            "involves_labels": [SECTOR_LABELS.get(s, s) for s in route.involves],
            "reports_to": {"id": route.reports_to, "name": names[route.reports_to]},
            "direct": route.reports_to == body.id,
        }
        for route in ctx.routes_to(scope)
    ]


def _drafting_notes(m: Membership, body: Body, findings: Sequence[Finding]) -> list[DraftingNote]:
    notes: list[DraftingNote] = [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity.label,
            "message": f.message,
            "hint": f.hint,
            "line": f.line,
        }
        for f in findings
        if f.body == body.id and f.code in DRAFTING_CODES
    ]
    for seat, pos, body_id in m.unknown_seats:
        if body_id != body.id:
            continue
        notes.append(
            {
                "code": None,
                "name": "unknown-seat",
                "severity": "note",
                "message": f"Seat '{seat}' is not a known seat kind: it is shown as written.",
                "hint": did_you_mean(seat, KNOWN_SEATS),
                "line": pos.line,
            }
        )
    if body.partial:
        notes.append(
            {
                "code": None,
                "name": "partial",
                "severity": "note",
                "message": (
                    f"The file lists only some of the members of '{body.id}' (partial: true): "
                    "the membership table is incomplete."
                ),
                "hint": "Add the other members to the file, or to the table by hand.",
                "line": body.members_pos.line,
            }
        )
    return notes
