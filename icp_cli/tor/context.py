"""The facts a draft terms of reference is written from: one body of a membership file,
its seats, chairs, meetings, engagement routes and the check findings that bear on it.

Pure: builds a plain dict (strings, numbers, booleans, None, lists and dicts only) that the
built-in templates and a user's own `--template` both receive. Nothing here prints, and
nothing is invented: a fact the file does not give is None or an empty list, and the
templates turn it into a `[TO BE AGREED: …]` placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from icp_cli.check.context import Context
from icp_cli.check.findings import Finding
from icp_cli.check.regimes import Regime
from icp_cli.check.regimes import default as default_regime
from icp_cli.check.requirements import Requirement, requirements
from icp_cli.load.errors import did_you_mean
from icp_cli.model import Body, Membership, Person, Seat
from icp_cli.people.matching import normalise_organisation
from icp_cli.vocab import BODY_TYPE_LABELS, KNOWN_SEATS

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

ATTENDANCE_LABELS: dict[str, str] = {
    "member": "Member",
    "participant": "Participant",
    "observer": "Observer",
    "substitute": "Substitute",
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
TEMPLATE_TYPES = frozenset({"icp", "icb", "hwb", "place-partnership", "committee"})

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




def build_context(
    m: Membership,
    body: Body,
    findings: Sequence[Finding] = (),
    regime: Regime | None = None,
    by_post: bool = False,
) -> dict[str, Any]:
    """Everything a terms-of-reference template may use (docs/terms-of-reference.md), drafted
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
                _body_ref(m, b.id) for b in m.bodies.values() if b.reports_to == body.id
            ],
            "also": list(body.also),
            "in_common_with": [_body_ref(m, other) for other in m.in_common_with(body.id)],
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
        "regime": regime.drafting(),
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


def _related(m: Membership, body: Body) -> dict[str, Any]:
    """The ICB, health and wellbeing boards and place partnerships other than the body."""
    others = [b for b in m.bodies.values() if b.id != body.id]
    return {
        "icb": _body_ref(m, m.icb.id) if m.icb is not None and m.icb.id != body.id else None,
        "hwbs": [_body_ref(m, b.id) for b in others if b.type == "hwb"],
        "places": [_body_ref(m, b.id) for b in others if b.type == "place-partnership"],
    }


# -- pieces -----------------------------------------------------------------------------------


def _body_ref(m: Membership, body_id: str | None) -> dict[str, Any] | None:
    if body_id is None:
        return None
    body = m.bodies.get(body_id)
    if body is None:  # the loader refuses unknown ids; kept safe for hand-built models
        return {"id": body_id, "name": body_id, "type": None, "type_label": None}
    return {
        "id": body.id,
        "name": body.name,
        "type": body.type,
        "type_label": BODY_TYPE_LABELS.get(body.type, body.type),
    }


def _seat(seat: Seat, chairs: list[Person]) -> dict[str, Any]:
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
        "attendance_label": ATTENDANCE_LABELS.get(seat.attendance, seat.attendance),
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


def _deputy(seat: Seat) -> dict[str, Any]:
    return {
        "name": seat.name,
        "role": seat.role,
        "organisation": seat.organisation,
        "substitute_for": _principal(seat),
    }


def _vacancy(seat: Seat) -> dict[str, Any]:
    return {
        "role": seat.role,
        "organisation": seat.organisation,
        "seats": list(seat.seats),
        "seat_labels": [SEAT_LABELS.get(k, k) for k in seat.seats],
        "attendance": seat.attendance,
        "line": seat.pos.line,
    }


def _term(seat: Seat) -> dict[str, Any]:
    return {
        "name": seat.name,
        "vacant": seat.vacant,
        "role": seat.role,
        "seat_labels": [SEAT_LABELS.get(k, k) for k in seat.seats],
        "from": seat.term_from.isoformat() if seat.term_from else None,
        "to": seat.term_to.isoformat() if seat.term_to else None,
    }


def _counts(body: Body) -> dict[str, int]:
    counts = {key: 0 for key in ATTENDANCE_LABELS}
    for seat in body.members:
        counts[seat.attendance] = counts.get(seat.attendance, 0) + 1
    counts["vacant"] = len(body.vacancies)
    counts["non_voting"] = sum(1 for s in body.members if s.is_member and not s.voting)
    counts["total"] = len(body.members) + len(body.vacancies)
    return counts


def _person_line(seat: Seat) -> dict[str, Any]:
    return {
        "name": seat.name,
        "role": seat.role,
        "organisation": seat.organisation,
        "is_member": True,
    }


def _chairs(ctx: Context, body: Body) -> list[dict[str, Any]]:
    """The chair or co-chairs: whoever `chair:` names, then holders of chair seats."""
    out: list[dict[str, Any]] = []
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
    source: str = "law",
    single: bool = False,
) -> dict[str, Any]:
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
) -> list[dict[str, Any]]:
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
            s
            for s in members
            if "icb-representative" in s.seats or ctx.m.names_icb(s.appointed_by)
        ]
        if not named:
            named = [s for s in members if s.has_sector("icb")]
        if not named and ctx.icb is not None:
            on_icb = ctx.sitting_people(ctx.icb)
            named = [s for s in members if s.person in on_icb]
        return named
    raise ValueError(f"no single holder test for {req.test}")  # council-appointee: per council


def _from_table(ctx: Context, body: Body, members: list[Seat], req: Requirement) -> dict[str, Any]:
    return _requirement(
        req.key, req.citation, req.label, _holders(ctx, body, members, req), req.source, req.single
    )


def _icp_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[dict[str, Any]]:
    out = []
    for req in requirements("icp"):
        if req.test != "council-appointee":
            out.append(_from_table(ctx, body, members, req))
            continue
        for council, _ in ctx.councils_of(body):
            key = normalise_organisation(council)
            appointed = [
                s for s in members
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


def _hwb_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[dict[str, Any]]:
    return [_from_table(ctx, body, members, req) for req in requirements("hwb")]


def _icb_requirements(ctx: Context, body: Body, members: list[Seat]) -> list[dict[str, Any]]:
    return [_from_table(ctx, body, members, req) for req in requirements("icb")]


def _mayoral_requirements(
    ctx: Context, members: list[Seat], found: list[dict[str, Any]], ref: str
) -> list[dict[str, Any]]:
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
                        s for s in members
                        if "mayoral-authority" in s.seats and ctx.is_from(s, authority)
                    ],
                    single=True,
                )
            )
    return out  # fmt: skip


def _engagement(ctx: Context, body: Body) -> list[dict[str, Any]]:
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


def _drafting_notes(
    m: Membership, body: Body, findings: Sequence[Finding]
) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = [
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
