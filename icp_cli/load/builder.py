"""YAML node tree -> validated Membership model, collecting every input error at once."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from icp_cli.load import fields as S
from icp_cli.load import gcpause as collector
from icp_cli.load.errors import InputError, InputErrors, did_you_mean
from icp_cli.load.limits import DEFAULT_LIMITS, Limits, bounded
from icp_cli.load.nodes import (
    INT,
    NULL,
    STR,
    TIMESTAMP,
    Invalid,
    NodeReader,
    PositionNode,
    kind_of,
    pos_of,
)
from icp_cli.load.references import IdentityResolver
from icp_cli.load.source import compose
from icp_cli.load.stdin import read_input
from icp_cli.load.stdin import shown as shown_name
from icp_cli.model import (
    VACANT_NAME,
    Body,
    Engagement,
    Meetings,
    Membership,
    Person,
    Policy,
    Seat,
    System,
)
from icp_cli.people.matching import normalise_name, normalise_organisation
from icp_cli.text import lazy_pattern
from icp_cli.vocab import BODY_TYPES, FORMAT_VERSION, KNOWN_SEATS, valid_selector

_PERSON_ID = re.compile(S.PERSON_ID_PATTERN)
_ISO_DATE = lazy_pattern(r"^\d{4}-\d{2}-\d{2}$")


def load_path(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Membership:
    """Load and validate one membership file; raise InputErrors listing every problem."""
    shown = shown_name(path)  # `-` is standard input, named <stdin>
    return bounded(lambda: load_text(read_input(path, limits), shown, limits), limits, shown)


def load_text(
    text: str, path: str = "membership.yaml", limits: Limits = DEFAULT_LIMITS
) -> Membership:
    with collector.paused():
        return _read(text, path, limits)


def _read(text: str, path: str, limits: Limits) -> Membership:
    # The node tree is freed when this returns, before the collector can run again.
    root = compose(text, path, limits)
    builder = _Builder(path)
    builder.source = text
    return builder.build(root)


def _suggest_id(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "jane-okafor"


class _Builder(NodeReader):
    """Builds the model from the document's nodes (the generic readers are inherited)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._not_same_nodes: list[tuple[Person, list[tuple[str, Any]]]] = []
        self._engagement_reports: list[tuple[str, Any]] = []
        self._max_members_keys: list[tuple[str, Any]] = []
        self._ignore_nodes: list[tuple[str, Any]] = []
        self._chair_nodes: dict[str, Any] = {}
        self._in_common_nodes: list[tuple[str, str, Any]] = []  # (body id, target, node)

    # -- the document ----------------------------------------------------------------------

    def build(self, root: Any) -> Membership:
        if root is None:
            raise InputErrors(
                [
                    InputError(
                        self.path,
                        "the file is empty",
                        hint="start from 'icp init' or a file in sample_systems/",
                    )
                ]
            )
        if root.id != "mapping":
            self.error(
                root,
                f"a membership file must be a mapping with 'system' and 'bodies', "
                f"not {kind_of(root)}",
            )
            raise InputErrors(self.all_errors())
        try:
            top = self.mapping(root, S.TOP, "the file")
        except Invalid:
            raise InputErrors(self.all_errors()) from None

        version = FORMAT_VERSION
        if "version" in top:
            given = self.get(top, "version", self.integer, "version")
            if given is not None and given != FORMAT_VERSION:
                self.error(
                    top["version"][1],
                    f"unsupported format version {given}",
                    hint=f"this icp reads version {FORMAT_VERSION}",
                )

        system = self.system(top["system"][1]) if "system" in top else None
        people, by_id, by_norm = self.people(top["people"][1]) if "people" in top else ([], {}, {})
        identities = IdentityResolver(self, by_id, by_norm)
        bodies: dict[str, Body] = {}
        if "bodies" in top:
            bodies = self.bodies(top["bodies"][1], identities)
        engagement = self.engagements(top["engagement"][1]) if "engagement" in top else []
        policy = self.policy(top["policy"][1]) if "policy" in top else Policy()

        self.cross_check(system, people, bodies, engagement, top, identities)
        if self.errors or system is None:
            raise InputErrors(self.all_errors())
        return Membership(
            path=self.path,
            version=version,
            system=system,
            people=tuple(people) + tuple(identities.inline.values()),
            bodies=bodies,
            engagement=tuple(engagement),
            policy=policy,
            unknown_seats=tuple(identities.unknown_seats),
        )

    def system(self, node: Any) -> System | None:
        try:
            f = self.mapping(node, S.SYSTEM, "'system'")
        except Invalid:
            return None
        name = self.get(f, "name", self.text, "system name")
        entries = self.get(f, "local_authorities", self.council_list, "local_authorities") or []
        councils = [(c, n) for c, n, _ in entries]
        places = self.get(f, "places", self.text_list, "places") or []
        mayoral = self.get(f, "mayoral_authorities", self.text_list, "mayoral_authorities") or []
        self._no_repeats(councils, "council", normalise_organisation)
        self._no_repeats(mayoral, "mayoral authority", normalise_organisation)
        if name is None:
            return None
        return System(
            name=name,
            pos=pos_of(node),
            population=self.get(f, "population", self.integer, "population"),
            local_authorities=tuple(c for c, _ in councils),
            local_authorities_pos=tuple(pos_of(n) for _, n in councils),
            places=tuple(p for p, _ in places),
            partly=frozenset(c for c, _, partly in entries if partly),
            mayoral_authorities=tuple(m for m, _ in mayoral),
            mayoral_authorities_pos=tuple(pos_of(n) for _, n in mayoral),
        )

    def council_list(self, node: Any, what: str) -> list[tuple[str, Any, bool]]:
        """Council entries: a name, or {name, partly}; (name, the name's node, partly)."""
        out: list[tuple[str, Any, bool]] = []
        for index, item in enumerate(self.items(node, what)):
            try:
                if item.id == "mapping":
                    f = self.mapping(item, S.COUNCIL, f"{what}[{index}]")
                    if "name" not in f:
                        continue
                    value = self.text(f["name"][1], f"the name of {what}[{index}]")
                    partly = self.get(f, "partly", self.boolean, f"{what}[{index}].partly")
                    out.append((value, f["name"][1], bool(partly)))
                else:
                    out.append((self.text(item, f"an entry of {what}"), item, False))
            except Invalid:
                continue
        return out

    def sectors(self, node: Any, what: str) -> tuple[str, ...]:
        """One sector or a list of sectors (format 1.1), without repeats, in order."""
        if node.id == "sequence":
            values = self.choice_list(node, what, S.SECTORS_CHOICES)
        else:
            values = [self.choice(node, what, S.SECTORS_CHOICES)]
        return tuple(dict.fromkeys(values))

    def date_value(self, node: Any, what: str) -> date:
        """An ISO 8601 calendar date, YYYY-MM-DD, written plain or quoted."""
        raw = str(node.value).strip() if node.id == "scalar" else None
        if raw is not None and node.tag in (STR, TIMESTAMP) and _ISO_DATE().match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        shown = f"'{node.value}'" if node.id == "scalar" else kind_of(node)
        self.error(
            node,
            f"{what} is not a date: {shown}",
            hint="write a real calendar date as YYYY-MM-DD, e.g. 2025-04-01",
        )
        raise Invalid

    def _no_repeats(self, entries: list[tuple[str, Any]], what: str, key: Any) -> None:
        seen: dict[str, Any] = {}
        for value, node in entries:
            k = key(value)
            if k in seen:
                self.error(
                    node,
                    f"{what} '{value}' is listed twice",
                    hint=f"the first is on line {pos_of(seen[k]).line}",
                )
            else:
                seen[k] = node

    def people(
        self, node: Any
    ) -> tuple[list[Person], dict[str, Person], dict[str, list[Person]]]:
        people: list[Person] = []
        by_id: dict[str, Person] = {}
        id_nodes: dict[str, Any] = {}
        by_norm: dict[str, list[Person]] = {}
        for where, _entry, f in self.entries(node, "people", S.PERSON):
            pid = self.get(f, "id", self.text, f"{where} id")
            name = self.get(f, "name", self.text, f"{where} name")
            organisation = self.get(f, "organisation", self.text, "organisation")
            sectors = self.get(f, "sector", self.sectors, "sector") or ()
            not_same = self.get(f, "not_same_as", self.text_list, "not_same_as") or []
            if pid is None or name is None:
                continue
            if not _PERSON_ID.match(pid):
                self.error(
                    f["id"][1],
                    f"person id '{pid}' may use only a-z, 0-9, '.', '_' and '-'",
                    hint="for example: " + _suggest_id(pid),
                )
                continue
            if pid in by_id:
                self.error(
                    f["id"][1],
                    f"duplicate person id '{pid}'",
                    hint=f"the first is on line {pos_of(id_nodes[pid]).line}; ids must be unique",
                )
                continue
            person = Person(
                ref=pid,
                name=name,
                norm=normalise_name(name),
                pos=pos_of(f["name"][1]),
                id=pid,
                organisation=organisation,
                sector=sectors[0] if sectors else None,
                not_same_as=tuple(v for v, _ in not_same),
                sectors=sectors,
            )
            self._not_same_nodes.append((person, not_same))
            by_id[pid] = person
            id_nodes[pid] = f["id"][1]
            by_norm.setdefault(person.norm, []).append(person)
            people.append(person)
        return people, by_id, by_norm

    def bodies(self, node: Any, identities: IdentityResolver) -> dict[str, Body]:
        bodies: dict[str, Body] = {}
        if node.id != "mapping":
            self.error(node, f"'bodies' must be a mapping of body ids, not {kind_of(node)}")
            return bodies
        seen: dict[str, Any] = {}
        icb_node = None
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag not in (STR, INT):
                self.error(key_node, "a body id must be text")
                continue
            if not self.clean(key_node):
                continue
            body_id = key_node.value
            if body_id in seen:
                self.error(
                    key_node,
                    f"duplicate body id '{body_id}'",
                    hint=f"the first is on line {pos_of(seen[body_id]).line}",
                )
                continue
            seen[body_id] = key_node
            body = self.body(body_id, key_node, value_node, identities)
            if body is None:
                continue
            if body.type == "icb":
                if icb_node is not None:
                    self.error(
                        key_node,
                        f"a second ICB ('{body_id}'): a file describes one ICB",
                        hint=f"the first is on line {pos_of(icb_node).line}; "
                        "split merged systems into one file each, or use another type",
                    )
                    continue
                icb_node = key_node
            bodies[body_id] = body
        # Chairs resolve once every inline person of every body is known.
        for body_id, chair_node in self._chair_nodes.items():
            if body_id in bodies:
                bodies[body_id] = identities.with_chair(bodies[body_id], chair_node)
        return bodies

    def body(
        self, body_id: str, key_node: Any, node: Any, identities: IdentityResolver
    ) -> Body | None:
        where = f"body '{body_id}'"
        if node.id == "scalar" and node.tag == NULL:
            self.error(node, f"{where} is empty", hint="give it at least 'type' and 'members'")
            return None
        try:
            f = self.mapping(node, S.BODY, where)
        except Invalid:
            return None
        body_type = self.get(f, "type", self.choice, "body type", BODY_TYPES)
        name = self.get(f, "name", self.text, f"{where} name")
        chair = self.get(f, "chair", self.text, f"{where} chair")
        reports_to = self.get(f, "reports_to", self.text, "reports_to")
        place = self.get(f, "place", self.text, "place")
        partial = self.get(f, "partial", self.boolean, "partial")
        councils = self.get(f, "local_authorities", self.text_list, "local_authorities")
        if councils:
            self._no_repeats(councils, "council", normalise_organisation)
        function = self.get(f, "function", self.choice, "function", S.FUNCTION_CHOICES)
        also = self.also(f["also"][1], body_type, where) if "also" in f else ()
        in_common = self.get(f, "in_common_with", self.text_list, "in_common_with") or []
        for target, target_node in in_common:
            self._in_common_nodes.append((body_id, target, target_node))
        meetings = self.meetings(f["meetings"][1], where) if "meetings" in f else None
        seats: list[Seat] = []
        vacancies: list[Seat] = []
        if "members" in f:
            try:
                entries = self.items(f["members"][1], f"members of {where}")
            except Invalid:
                entries = []
            for index, entry in enumerate(entries):
                seat = self.seat(body_id, index, entry, identities)
                if seat is None:
                    continue
                if seat.vacant:
                    vacancies.append(seat)
                    continue
                seats.append(seat)
        # A substitute names a member of the same body (a vacant substitute seat too).
        if any(s.substitute_for is not None for s in (*seats, *vacancies)):
            holders = _Holders(seats)
            seats = [self.principal(holders, s, where, identities) for s in seats]
            vacancies = [self.principal(holders, s, where, identities) for s in vacancies]
        if body_type is None:
            return None
        members_key = f["members"][0] if "members" in f else key_node
        body = Body(
            id=body_id,
            type=body_type,
            name=name or body_id,
            members=tuple(seats),
            pos=pos_of(key_node),
            members_pos=pos_of(members_key),
            chair=chair,
            chair_pos=pos_of(f["chair"][1]) if "chair" in f else None,
            meetings=meetings,
            reports_to=reports_to,
            reports_to_pos=pos_of(f["reports_to"][1]) if "reports_to" in f else None,
            place=place,
            partial=bool(partial),
            local_authorities=tuple(c for c, _ in councils) if councils is not None else None,
            local_authorities_pos=tuple(pos_of(n) for _, n in councils or ()),
            name_given=name is not None,
            vacancies=tuple(vacancies),
            also=also,
            also_pos=pos_of(f["also"][1]) if "also" in f else None,
            in_common_with=tuple(dict.fromkeys(t for t, _ in in_common)),
            in_common_with_pos=tuple(pos_of(n) for _, n in in_common),
            function=function,
            function_pos=pos_of(f["function"][1]) if "function" in f else None,
        )
        if chair is not None:
            self._chair_nodes[body_id] = f["chair"][1]
        return body

    def also(self, node: Any, body_type: str | None, where: str) -> tuple[str, ...]:
        """`also`: further body types; never the body's own type nor `icb`."""
        out: list[str] = []
        try:
            items = self.items(node, f"'also' of {where}")
        except Invalid:
            return ()
        for item in items:
            try:
                value = self.choice(item, "body type", BODY_TYPES)
            except Invalid:
                continue
            if value == "icb":
                self.error(
                    item,
                    f"'also' of {where} names 'icb': a body cannot also be the ICB",
                    hint="a file describes one ICB, as a body of type 'icb'",
                )
            elif value == body_type:
                self.error(
                    item,
                    f"'also' of {where} names the body's own type '{value}'",
                    hint="list only further roles, e.g. 'also: [hwb]' on an ICP",
                )
            elif value not in out:
                out.append(value)
        return tuple(out)

    def principal(
        self, holders: _Holders, seat: Seat, where: str, identities: IdentityResolver
    ) -> Seat:
        """Resolve a substitute's `substitute_for` to someone else filling a seat of the
        same body: a person id, else a name matched as in Identity."""
        from dataclasses import replace

        if seat.substitute_for is None or seat.substitute_for_pos is None:
            return seat
        value_pos = seat.substitute_for_pos
        value = seat.substitute_for
        target = identities.by_id.get(value)
        if target is not None:
            candidates = [target] if id(target) in holders.ids else []
        else:
            candidates = holders.by_norm.get(normalise_name(value), [])
        found = next((p for p in candidates if p is not seat.person), None)
        if found is not None:
            return replace(seat, substitute_for_person=found)
        names = [s.person.id or s.name for s in holders.seats if s.person is not seat.person]
        self.error(
            PositionNode(value_pos, value),
            f"substitute_for names nobody on {where}: '{value}'",
            hint=did_you_mean(value, names)
            or "name the member deputised for, by person id or as their name is written",
        )
        return seat

    def term(self, node: Any, where: str) -> tuple[date | None, date | None, Any, Any]:
        """`term: {from, to}`: the dates and their nodes."""
        try:
            f = self.mapping(node, S.TERM, f"term of {where}")
        except Invalid:
            return None, None, None, None
        start = self.get(f, "from", self.date_value, "term.from")
        end = self.get(f, "to", self.date_value, "term.to")
        start_node = f["from"][1] if "from" in f else None
        end_node = f["to"][1] if "to" in f else None
        if start is not None and end is not None and start > end:
            self.error(
                start_node,
                f"the term of {where} starts after it ends "
                f"(from {start.isoformat()}, to {end.isoformat()})",
                hint="'from' is the first day of the term and 'to' its last",
            )
        return start, end, start_node, end_node

    def meetings(self, node: Any, where: str) -> Meetings | None:
        try:
            f = self.mapping(node, S.MEETINGS, f"meetings of {where}")
        except Invalid:
            return None
        return Meetings(
            public=self.get(f, "public", self.boolean, "meetings.public"),
            frequency=self.get(f, "frequency", self.text, "meetings.frequency"),
            quorum=self.get(f, "quorum", self.integer, "meetings.quorum"),
            pos=pos_of(node),
            public_pos=pos_of(f["public"][1]) if "public" in f else None,
            frequency_pos=pos_of(f["frequency"][1]) if "frequency" in f else None,
            quorum_pos=pos_of(f["quorum"][1]) if "quorum" in f else None,
        )

    def seat(
        self, body_id: str, index: int, node: Any, identities: IdentityResolver
    ) -> Seat | None:
        where = f"bodies.{body_id}.members[{index}]"
        try:
            f = self.mapping(node, S.MEMBER, where)
        except Invalid:
            return None
        vacant = bool(self.get(f, "vacant", self.boolean, "vacant"))
        if vacant:
            for named in ("person", "name"):
                if named in f:
                    self.error(
                        f[named][0],
                        f"a vacant seat names a person ('{named}') in {where}",
                        hint=f"drop '{named}' while nobody fills the seat, or drop "
                        "'vacant: true' now that someone does",
                    )
            if "person" in f or "name" in f:
                return None
        elif "person" in f:
            for inline in ("name", "organisation", "sector"):
                if inline in f:
                    self.error(
                        f[inline][0],
                        f"'{inline}' is not allowed together with 'person' in {where}",
                        hint=f"set '{inline}' on the people[] entry, or drop 'person' "
                        "and write the member inline",
                    )
        elif "name" not in f:
            self.error(
                node,
                f"{where} has neither 'person' nor 'name'",
                hint="reference a people[] id with 'person:', or write 'name:'",
            )
            return None
        role = self.get(f, "role", self.text, "role")
        attendance = self.get(f, "attendance", self.choice, "attendance", S.ATTENDANCE_CHOICES)
        appointed_by = self.get(f, "appointed_by", self.text, "appointed_by")
        voting = self.get(f, "voting", self.boolean, "voting")
        substitute_for = self.get(f, "substitute_for", self.text, "substitute_for")
        if "voting" in f and attendance not in (None, "member"):
            self.error(
                f["voting"][0],
                f"'voting' is only for member seats, not attendance '{attendance}' ({where})",
                hint="a participant, observer or substitute has no vote to record: drop "
                "'voting'",
            )
        if "substitute_for" in f and attendance != "substitute":
            self.error(
                f["substitute_for"][0],
                f"'substitute_for' is only for substitute seats, not attendance "
                f"'{attendance or 'member'}' ({where})",
                hint="add 'attendance: substitute', or drop 'substitute_for'",
            )
            substitute_for = None
        start, end, start_node, end_node = (
            self.term(f["term"][1], where) if "term" in f else (None, None, None, None)
        )
        seats: list[str] = []
        if "seat" in f:
            seat_node = f["seat"][1]
            values = (
                self.text_list(seat_node, "seat")
                if seat_node.id == "sequence"
                else [(v, seat_node)] if (v := self.get(f, "seat", self.text, "seat")) else []
            )
            for value, value_node in values:
                seats.append(value)
                if value not in KNOWN_SEATS:
                    identities.unknown_seats.append((value, pos_of(value_node), body_id))
        organisation = self.get(f, "organisation", self.text, "organisation")
        sectors = self.get(f, "sector", self.sectors, "sector")
        person: Person | None
        if vacant:
            ref_node = node
            name = VACANT_NAME
            person = Person(
                ref=f"vacant:{body_id}:{index}",
                name=VACANT_NAME,
                norm="",
                pos=pos_of(node),
                organisation=organisation,
                sector=sectors[0] if sectors else None,
                sectors=sectors or (),
            )
        elif "person" in f:
            ref_node = f["person"][1]
            person = identities.by_reference(ref_node)
            if person is None:
                return None
            organisation, sectors, name = person.organisation, person.sectors, person.name
        else:
            ref_node = f["name"][1]
            name = self.get(f, "name", self.text, "name")
            if name is None:
                return None
            person = identities.inline_person(name, ref_node, organisation, sectors or ())
            if person is None:
                return None
            organisation = organisation if organisation is not None else person.organisation
            sectors = sectors if sectors is not None else person.sectors
        sectors = sectors or ()
        sector = sectors[0] if sectors else None
        return Seat(
            body=body_id,
            index=index,
            person=person,
            name=name,
            organisation=organisation,
            sector=sector,
            role=role,
            seats=tuple(seats),
            attendance=attendance or "member",
            appointed_by=appointed_by,
            pos=pos_of(node),
            name_pos=pos_of(ref_node),
            role_pos=pos_of(f["role"][1]) if "role" in f else None,
            seat_pos=pos_of(f["seat"][1]) if "seat" in f else None,
            appointed_by_pos=pos_of(f["appointed_by"][1]) if "appointed_by" in f else None,
            sectors=sectors,
            voting=voting if voting is not None and attendance in (None, "member") else True,
            voting_pos=pos_of(f["voting"][1]) if "voting" in f else None,
            substitute_for=substitute_for,
            substitute_for_pos=(
                pos_of(f["substitute_for"][1]) if substitute_for is not None else None
            ),
            vacant=vacant,
            vacant_pos=pos_of(f["vacant"][1]) if "vacant" in f else None,
            term_from=start,
            term_to=end,
            term_pos=pos_of(f["term"][1]) if "term" in f else None,
            term_from_pos=pos_of(start_node) if start_node is not None else None,
            term_to_pos=pos_of(end_node) if end_node is not None else None,
        )

    def engagements(self, node: Any) -> list[Engagement]:
        out: list[Engagement] = []
        for where, entry, f in self.entries(node, "engagement", S.ENGAGEMENT):
            name = self.get(f, "name", self.text, f"{where} name")
            kind = self.get(f, "type", self.choice, "engagement type", S.ENGAGEMENT_CHOICES)
            reports_to = self.get(f, "reports_to", self.text, "reports_to")
            involves = self.get(f, "involves", self.choice_list, "sector", S.SECTORS_CHOICES)
            if name is None or reports_to is None:
                continue
            out.append(
                Engagement(
                    name=name,
                    type=kind,
                    reports_to=reports_to,
                    involves=tuple(involves or ()),
                    pos=pos_of(entry),
                    type_given="type" in f,
                    involves_pos=pos_of(f["involves"][1]) if "involves" in f else None,
                )
            )
            self._engagement_reports.append((reports_to, f["reports_to"][1]))
        return out

    def choice_list(self, node: Any, what: str, choices: tuple[str, ...]) -> list[str]:
        out = []
        for item in self.items(node, f"a list of {what}s"):
            try:
                out.append(self.choice(item, what, choices))
            except Invalid:
                continue
        return out

    def policy(self, node: Any) -> Policy:
        try:
            f = self.mapping(node, S.POLICY, "'policy'")
        except Invalid:
            return Policy()
        values: dict[str, object] = {}
        for field in S.POLICY:
            if field.name not in f:
                continue
            if field.kind == S.INT:
                value = self.get(f, field.name, self.integer, f"policy.{field.name}")
            elif field.kind == S.NUMBER:
                value = self.get(f, field.name, self.fraction, f"policy.{field.name}")
            else:
                continue
            if value is not None:
                values[field.name] = value
        max_members: dict[str, int] = {}
        if "max_members" in f:
            mm = f["max_members"][1]
            if mm.id != "mapping":
                self.error(mm, f"policy.max_members must be a mapping, not {kind_of(mm)}")
            else:
                for key_node, value_node in mm.value:
                    if key_node.id != "scalar":
                        self.error(
                            key_node,
                            f"a key in policy.max_members must be a body id or type, "
                            f"not {kind_of(key_node)}",
                        )
                        continue
                    if not self.clean(key_node):
                        continue
                    key = str(key_node.value)
                    if key in max_members:
                        self.error(key_node, f"duplicate key '{key}' in policy.max_members")
                        continue
                    try:
                        max_members[key] = self.integer(value_node, f"policy.max_members.{key}")
                    except Invalid:
                        continue
                    self._max_members_keys.append((key, key_node))
        ignore: list[str] = []
        if "ignore" in f:
            for code, code_node in self.get(f, "ignore", self.text_list, "policy.ignore") or []:
                ignore.append(code.strip().upper())
                self._ignore_nodes.append((code, code_node))
        regime = self.get(f, "regime", self.choice, "regime", S.REGIME_CHOICES)
        return Policy(
            values=values,
            max_members=max_members,
            ignore=tuple(ignore),
            regime=regime,
            regime_pos=pos_of(f["regime"][1]) if "regime" in f else None,
        )

    # -- references across the file -------------------------------------------------------

    def cross_check(
        self,
        system: System | None,
        people: list[Person],
        bodies: dict[str, Body],
        engagement: list[Engagement],
        top: dict[str, tuple[Any, Any]],
        identities: IdentityResolver,
    ) -> None:
        ids = {p.id for p in people if p.id is not None}
        for person, entries in self._not_same_nodes:
            for value, node in entries:
                if value not in ids:
                    self.error(
                        node,
                        f"not_same_as names no person: '{value}'",
                        hint=did_you_mean(value, ids),
                    )
                elif value == person.id:
                    self.error(node, f"'{value}' cannot be not_same_as itself")
        # A reports_to circle (a body reporting to itself included) is valid input: G708.
        for body in bodies.values():
            if body.reports_to is None or body.reports_to_pos is None:
                continue
            node = PositionNode(body.reports_to_pos, body.reports_to)
            target = body.reports_to
            if target not in bodies:
                self.error(
                    node,
                    f"reports_to names no body: '{target}'",
                    hint=did_you_mean(target, bodies) or "use a body id from 'bodies'",
                )
        for target, node in self._engagement_reports:
            if target not in bodies:
                self.error(
                    node,
                    f"reports_to names no body: '{target}'",
                    hint=did_you_mean(target, bodies) or "use a body id from 'bodies'",
                )
        for body_id, target, node in self._in_common_nodes:
            if target == body_id:
                self.error(node, f"body '{body_id}' cannot meet in common with itself")
            elif target not in bodies:
                self.error(
                    node,
                    f"in_common_with names no body: '{target}'",
                    hint=did_you_mean(target, bodies) or "use a body id from 'bodies'",
                )
        councils: set[str] = set()
        if system is not None:
            councils.update(normalise_organisation(c) for c in system.local_authorities)
            councils.update(normalise_organisation(m) for m in system.mayoral_authorities)
        for body in bodies.values():
            councils.update(normalise_organisation(c) for c in body.local_authorities or ())
        for seat in (s for b in bodies.values() for s in b.all_seats):
            if seat.appointed_by is None or seat.appointed_by == "icb":
                continue
            if seat.appointed_by in bodies or normalise_organisation(seat.appointed_by) in councils:
                continue
            options = ["icb", *bodies]
            if system is not None:
                options += [*system.local_authorities, *system.mayoral_authorities]
            self.error(
                PositionNode(seat.appointed_by_pos or seat.pos),
                f"appointed_by names no council in local_authorities, mayoral authority "
                f"or body: '{seat.appointed_by}'",
                hint=did_you_mean(seat.appointed_by, options),
            )
        for key, node in self._max_members_keys:
            if key not in bodies and key not in BODY_TYPES:
                self.error(
                    node,
                    f"policy.max_members key '{key}' is neither a body id nor a body type",
                    hint=did_you_mean(key, list(bodies) + list(BODY_TYPES)),
                )
        for code, node in self._ignore_nodes:
            if not valid_selector(code):
                self.error(
                    node,
                    f"unknown rule code '{code}' in policy.ignore",
                    hint="see 'icp rules' for the codes",
                )


class _Holders:
    """The people filling a body's seats, found by identity or by normalised name."""

    def __init__(self, seats: list[Seat]) -> None:
        self.seats = seats
        self.ids = {id(s.person) for s in seats}
        self.by_norm: dict[str, list[Person]] = {}
        for seat in seats:
            people = self.by_norm.setdefault(seat.person.norm, [])
            if seat.person not in people:
                people.append(seat.person)
