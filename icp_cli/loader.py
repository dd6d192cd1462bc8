"""YAML node tree -> validated Membership model, collecting every input error at once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from . import schema as S
from .errors import InputError, InputErrors, did_you_mean
from .identity import normalise_name, normalise_organisation
from .model import Body, Engagement, Meetings, Membership, Person, Policy, Pos, Seat, System
from .source import DEFAULT_LIMITS, Limits, compose, read_text
from .vocab import BODY_TYPES, FORMAT_VERSION, KNOWN_SEATS

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_INT_TEXT = re.compile(r"^[-+]?\d+$")
_NUMBER_TEXT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_PERSON_ID = re.compile(S.PERSON_ID_PATTERN)
_MAX_ERRORS = 500


def load_path(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Membership:
    """Load and validate one membership file; raise InputErrors listing every problem."""
    shown = str(path)
    return load_text(read_text(path, limits), shown, limits)


def load_text(
    text: str, path: str = "membership.yaml", limits: Limits = DEFAULT_LIMITS
) -> Membership:
    root = compose(text, path, limits)
    return _Builder(path).build(root)


def _suggest_id(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "jane-okafor"


def _pos(node: Any) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def _kind(node: Any) -> str:
    """How to name a node's type in a message."""
    tag = node.tag
    if tag == _MAP or node.id == "mapping":
        return "a mapping"
    if tag == _SEQ or node.id == "sequence":
        return "a list"
    return {
        _INT: "a number",
        _FLOAT: "a number",
        _BOOL: "true/false",
        _NULL: "nothing (null)",
        _STR: "text",
        _TIMESTAMP: "a date",
    }.get(tag, f"a value tagged {tag}")


class _Invalid(Exception):
    """Raised inside the builder when a value cannot be used; the error is already recorded."""


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[InputError] = []
        self._seen_errors: set[tuple[int | None, int | None, str]] = set()
        self._not_same_nodes: list[tuple[Person, list[tuple[str, Any]]]] = []
        self._engagement_reports: list[tuple[str, Any]] = []
        self._max_members_keys: list[tuple[str, Any]] = []
        self._ignore_nodes: list[tuple[str, Any]] = []
        self._chair_nodes: dict[str, Any] = {}

    # -- errors ---------------------------------------------------------------------------

    def error(self, node: Any | None, message: str, hint: str | None = None) -> None:
        pos = _pos(node) if node is not None else None
        key = (pos.line if pos else None, pos.column if pos else None, message)
        # An aliased node is visited once per alias: report its problems once.
        if key in self._seen_errors or len(self.errors) >= _MAX_ERRORS:
            return
        self._seen_errors.add(key)
        self.errors.append(
            InputError(
                self.path,
                message,
                pos.line if pos else None,
                pos.column if pos else None,
                hint,
            )
        )

    # -- generic readers -----------------------------------------------------------------

    def mapping(
        self, node: Any, fields: tuple[S.Field, ...], where: str
    ) -> dict[str, tuple[Any, Any]]:
        """Read a mapping against its fields: {name: (key node, value node)}.

        Unknown and duplicate keys are reported; null values of optional fields count as
        absent; missing required fields are reported at the mapping.
        """
        if node.id != "mapping":
            self.error(node, f"{where} must be a mapping, not {_kind(node)}")
            raise _Invalid
        known = {f.name: f for f in fields}
        found: dict[str, tuple[Any, Any]] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self.error(key_node, f"a key in {where} must be text, not {_kind(key_node)}")
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(
                    key_node,
                    "merge keys ('<<') are not supported",
                    hint="write the keys out in full",
                )
                continue
            if key in found:
                self.error(
                    key_node,
                    f"duplicate key '{key}' in {where}",
                    hint=f"the first '{key}' is on line {_pos(found[key][0]).line}; "
                    "keep one of them",
                )
                continue
            if key not in known:
                hint = did_you_mean(str(key), known)
                self.error(
                    key_node,
                    f"unknown key '{key}' in {where}",
                    hint=hint or "allowed keys: " + ", ".join(known),
                )
                continue
            field = known[key]
            if value_node.tag == _NULL and value_node.id == "scalar":
                if field.name == "members":
                    self.error(
                        value_node,
                        f"'members' of {where} is empty (null)",
                        hint="write 'members: []' for a body with no members yet",
                    )
                elif field.required:
                    self.error(value_node, f"'{key}' of {where} is required but empty")
                found[key] = (key_node, None)
                continue
            found[key] = (key_node, value_node)
        for field in fields:
            if field.required and field.name not in found:
                self.error(node, f"{where} has no '{field.name}'", hint=f"add '{field.name}:'")
        return {k: v for k, v in found.items() if v[1] is not None}

    def text(self, node: Any, what: str) -> str:
        if node.id != "scalar":
            self.error(node, f"{what} must be text, not {_kind(node)}")
            raise _Invalid
        if node.tag in (_STR, _TIMESTAMP):
            value = node.value
            if not value.strip():
                self.error(node, f"{what} is empty")
                raise _Invalid
            return value
        if node.tag in (_INT, _FLOAT, _BOOL):
            self.error(
                node,
                f"{what} must be text, not {_kind(node)} ({node.value})",
                hint=f"put it in quotes: \"{node.value}\"",
            )
            raise _Invalid
        self.error(node, f"{what} must be text, not {_kind(node)}")
        raise _Invalid

    def integer(self, node: Any, what: str) -> int:
        if node.id == "scalar" and node.tag == _INT:
            raw = node.value.replace("_", "")
            try:
                value = int(raw, 0) if raw.lstrip("+-")[:2].lower() in ("0x", "0o") else int(raw)
            except ValueError:
                self.error(node, f"{what} is not a whole number: {node.value}")
                raise _Invalid from None
            if value < 0:
                self.error(node, f"{what} must be 0 or more, not {value}")
                raise _Invalid
            return value
        if node.id == "scalar" and node.tag == _STR and _INT_TEXT.match(node.value.strip()):
            self.error(
                node,
                f"{what} is an integer written as a string ('{node.value}')",
                hint=f"remove the quotes: {node.value.strip()}",
            )
            raise _Invalid
        self.error(node, f"{what} must be a whole number, not {_kind(node)}")
        raise _Invalid

    def fraction(self, node: Any, what: str) -> float:
        if node.id == "scalar" and node.tag in (_INT, _FLOAT):
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                self.error(node, f"{what} is not a number: {node.value}")
                raise _Invalid from None
            if not 0 <= value <= 1:
                self.error(
                    node,
                    f"{what} must be between 0 and 1, not {node.value}",
                    hint="write a share as a fraction, e.g. 0.25 for 25%",
                )
                raise _Invalid
            return value
        if node.id == "scalar" and node.tag == _STR and _NUMBER_TEXT.match(node.value.strip()):
            self.error(
                node,
                f"{what} is a number written as a string ('{node.value}')",
                hint=f"remove the quotes: {node.value.strip()}",
            )
            raise _Invalid
        self.error(node, f"{what} must be a number between 0 and 1, not {_kind(node)}")
        raise _Invalid

    def boolean(self, node: Any, what: str) -> bool:
        if node.id == "scalar" and node.tag == _BOOL:
            return node.value.lower() == "true"
        if node.id == "scalar" and node.value.lower() in _YAML11_BOOLS:
            self.error(
                node,
                f"{what} must be true or false, not '{node.value}'",
                hint="YAML 1.2 reads yes/no/on/off as text: write true or false",
            )
            raise _Invalid
        self.error(node, f"{what} must be true or false, not {_kind(node)}")
        raise _Invalid

    def choice(self, node: Any, what: str, choices: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value not in choices:
            hint = did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            self.error(node, f"unknown {what} '{value}'", hint=hint)
            raise _Invalid
        return value

    def items(self, node: Any, what: str) -> list[Any]:
        if node.id != "sequence":
            self.error(node, f"{what} must be a list, not {_kind(node)}")
            raise _Invalid
        return list(node.value)

    def text_list(self, node: Any, what: str) -> list[tuple[str, Any]]:
        out = []
        for item in self.items(node, what):
            try:
                out.append((self.text(item, f"an entry of {what}"), item))
            except _Invalid:
                continue
        return out

    def get(self, fields: dict[str, tuple[Any, Any]], name: str, reader: Any, *args: Any) -> Any:
        """Read one optional field with a reader, or None when absent or invalid."""
        if name not in fields:
            return None
        try:
            return reader(fields[name][1], *args)
        except _Invalid:
            return None

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
                f"not {_kind(root)}",
            )
            raise InputErrors(self.errors)
        try:
            top = self.mapping(root, S.TOP, "the file")
        except _Invalid:
            raise InputErrors(self.errors) from None

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
        identities = _Identities(self, by_id, by_norm)
        bodies: dict[str, Body] = {}
        if "bodies" in top:
            bodies = self.bodies(top["bodies"][1], identities)
        engagement = self.engagements(top["engagement"][1]) if "engagement" in top else []
        policy = self.policy(top["policy"][1]) if "policy" in top else Policy()

        self.cross_check(system, people, bodies, engagement, top, identities)
        if self.errors or system is None:
            raise InputErrors(self.errors)
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
        except _Invalid:
            return None
        name = self.get(f, "name", self.text, "system name")
        councils = self.get(f, "local_authorities", self.text_list, "local_authorities") or []
        places = self.get(f, "places", self.text_list, "places") or []
        self._no_repeats(councils, "council", normalise_organisation)
        if name is None:
            return None
        return System(
            name=name,
            pos=_pos(node),
            population=self.get(f, "population", self.integer, "population"),
            local_authorities=tuple(c for c, _ in councils),
            local_authorities_pos=tuple(_pos(n) for _, n in councils),
            places=tuple(p for p, _ in places),
        )

    def _no_repeats(self, entries: list[tuple[str, Any]], what: str, key: Any) -> None:
        seen: dict[str, Any] = {}
        for value, node in entries:
            k = key(value)
            if k in seen:
                self.error(
                    node,
                    f"{what} '{value}' is listed twice",
                    hint=f"the first is on line {_pos(seen[k]).line}",
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
        try:
            entries = self.items(node, "'people'")
        except _Invalid:
            return people, by_id, by_norm
        for index, entry in enumerate(entries):
            where = f"people[{index}]"
            try:
                f = self.mapping(entry, S.PERSON, where)
            except _Invalid:
                continue
            pid = self.get(f, "id", self.text, f"{where} id")
            name = self.get(f, "name", self.text, f"{where} name")
            organisation = self.get(f, "organisation", self.text, "organisation")
            sector = self.get(f, "sector", self.choice, "sector", S.SECTORS_CHOICES)
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
                    hint=f"the first is on line {_pos(id_nodes[pid]).line}; ids must be unique",
                )
                continue
            person = Person(
                ref=pid,
                name=name,
                norm=normalise_name(name),
                pos=_pos(f["name"][1]),
                id=pid,
                organisation=organisation,
                sector=sector,
                not_same_as=tuple(v for v, _ in not_same),
            )
            self._not_same_nodes.append((person, not_same))
            by_id[pid] = person
            id_nodes[pid] = f["id"][1]
            by_norm.setdefault(person.norm, []).append(person)
            people.append(person)
        return people, by_id, by_norm

    def bodies(self, node: Any, identities: _Identities) -> dict[str, Body]:
        bodies: dict[str, Body] = {}
        if node.id != "mapping":
            self.error(node, f"'bodies' must be a mapping of body ids, not {_kind(node)}")
            return bodies
        seen: dict[str, Any] = {}
        icb_node = None
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag not in (_STR, _INT):
                self.error(key_node, "a body id must be text")
                continue
            body_id = key_node.value
            if body_id in seen:
                self.error(
                    key_node,
                    f"duplicate body id '{body_id}'",
                    hint=f"the first is on line {_pos(seen[body_id]).line}",
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
                        hint=f"the first is on line {_pos(icb_node).line}; "
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
        self, body_id: str, key_node: Any, node: Any, identities: _Identities
    ) -> Body | None:
        where = f"body '{body_id}'"
        if node.tag == _NULL and node.id == "scalar":
            self.error(node, f"{where} is empty", hint="give it at least 'type' and 'members'")
            return None
        try:
            f = self.mapping(node, S.BODY, where)
        except _Invalid:
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
        meetings = self.meetings(f["meetings"][1], where) if "meetings" in f else None
        seats: list[Seat] = []
        if "members" in f:
            try:
                entries = self.items(f["members"][1], f"members of {where}")
            except _Invalid:
                entries = []
            for index, entry in enumerate(entries):
                seat = self.seat(body_id, index, entry, identities)
                if seat is not None:
                    seats.append(seat)
        if body_type is None:
            return None
        members_key = f["members"][0] if "members" in f else key_node
        body = Body(
            id=body_id,
            type=body_type,
            name=name or body_id,
            members=tuple(seats),
            pos=_pos(key_node),
            members_pos=_pos(members_key),
            chair=chair,
            chair_pos=_pos(f["chair"][1]) if "chair" in f else None,
            meetings=meetings,
            reports_to=reports_to,
            reports_to_pos=_pos(f["reports_to"][1]) if "reports_to" in f else None,
            place=place,
            partial=bool(partial),
            local_authorities=tuple(c for c, _ in councils) if councils is not None else None,
            local_authorities_pos=tuple(_pos(n) for _, n in councils or ()),
            name_given=name is not None,
        )
        if chair is not None:
            self._chair_nodes[body_id] = f["chair"][1]
        return body

    def meetings(self, node: Any, where: str) -> Meetings | None:
        try:
            f = self.mapping(node, S.MEETINGS, f"meetings of {where}")
        except _Invalid:
            return None
        return Meetings(
            public=self.get(f, "public", self.boolean, "meetings.public"),
            frequency=self.get(f, "frequency", self.text, "meetings.frequency"),
            quorum=self.get(f, "quorum", self.integer, "meetings.quorum"),
            pos=_pos(node),
            public_pos=_pos(f["public"][1]) if "public" in f else None,
            frequency_pos=_pos(f["frequency"][1]) if "frequency" in f else None,
            quorum_pos=_pos(f["quorum"][1]) if "quorum" in f else None,
        )

    def seat(self, body_id: str, index: int, node: Any, identities: _Identities) -> Seat | None:
        where = f"bodies.{body_id}.members[{index}]"
        try:
            f = self.mapping(node, S.MEMBER, where)
        except _Invalid:
            return None
        if "person" in f:
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
                    identities.unknown_seats.append((value, _pos(value_node), body_id))
        organisation = self.get(f, "organisation", self.text, "organisation")
        sector = self.get(f, "sector", self.choice, "sector", S.SECTORS_CHOICES)
        if "person" in f:
            ref_node = f["person"][1]
            person = identities.by_reference(ref_node)
            if person is None:
                return None
            organisation, sector, name = person.organisation, person.sector, person.name
        else:
            ref_node = f["name"][1]
            name = self.get(f, "name", self.text, "name")
            if name is None:
                return None
            person = identities.inline_person(name, ref_node, organisation, sector)
            if person is None:
                return None
            organisation = organisation if organisation is not None else person.organisation
            sector = sector if sector is not None else person.sector
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
            pos=_pos(node),
            name_pos=_pos(ref_node),
            role_pos=_pos(f["role"][1]) if "role" in f else None,
            seat_pos=_pos(f["seat"][1]) if "seat" in f else None,
            appointed_by_pos=_pos(f["appointed_by"][1]) if "appointed_by" in f else None,
        )

    def engagements(self, node: Any) -> list[Engagement]:
        out: list[Engagement] = []
        try:
            entries = self.items(node, "'engagement'")
        except _Invalid:
            return out
        for index, entry in enumerate(entries):
            where = f"engagement[{index}]"
            try:
                f = self.mapping(entry, S.ENGAGEMENT, where)
            except _Invalid:
                continue
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
                    pos=_pos(entry),
                    type_given="type" in f,
                )
            )
            self._engagement_reports.append((reports_to, f["reports_to"][1]))
        return out

    def choice_list(self, node: Any, what: str, choices: tuple[str, ...]) -> list[str]:
        out = []
        for item in self.items(node, f"a list of {what}s"):
            try:
                out.append(self.choice(item, what, choices))
            except _Invalid:
                continue
        return out

    def policy(self, node: Any) -> Policy:
        try:
            f = self.mapping(node, S.POLICY, "'policy'")
        except _Invalid:
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
                self.error(mm, f"policy.max_members must be a mapping, not {_kind(mm)}")
            else:
                for key_node, value_node in mm.value:
                    key = str(key_node.value)
                    if key in max_members:
                        self.error(key_node, f"duplicate key '{key}' in policy.max_members")
                        continue
                    try:
                        max_members[key] = self.integer(value_node, f"policy.max_members.{key}")
                    except _Invalid:
                        continue
                    self._max_members_keys.append((key, key_node))
        ignore: list[str] = []
        if "ignore" in f:
            for code, code_node in self.get(f, "ignore", self.text_list, "policy.ignore") or []:
                ignore.append(code.strip().upper())
                self._ignore_nodes.append((code, code_node))
        return Policy(values=values, max_members=max_members, ignore=tuple(ignore))

    # -- references across the file -------------------------------------------------------

    def cross_check(
        self,
        system: System | None,
        people: list[Person],
        bodies: dict[str, Body],
        engagement: list[Engagement],
        top: dict[str, tuple[Any, Any]],
        identities: _Identities,
    ) -> None:
        from .rules.registry import valid_selector

        ids = {p.id for p in people}
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
        for body_id, node in identities.reports_to_nodes(bodies):
            target = node.value
            if target not in bodies:
                self.error(
                    node,
                    f"reports_to names no body: '{target}'",
                    hint=did_you_mean(target, bodies) or "use a body id from 'bodies'",
                )
            elif target == body_id:
                self.error(node, f"body '{body_id}' cannot report to itself")
        for target, node in self._engagement_reports:
            if target not in bodies:
                self.error(
                    node,
                    f"reports_to names no body: '{target}'",
                    hint=did_you_mean(target, bodies) or "use a body id from 'bodies'",
                )
        councils = set()
        if system is not None:
            councils.update(normalise_organisation(c) for c in system.local_authorities)
        for body in bodies.values():
            councils.update(normalise_organisation(c) for c in body.local_authorities or ())
        for seat in (s for b in bodies.values() for s in b.members):
            if seat.appointed_by is None:
                continue
            if seat.appointed_by in bodies or normalise_organisation(seat.appointed_by) in councils:
                continue
            options = list(bodies) + list(system.local_authorities if system else ())
            self.error(
                _PosNode(seat.appointed_by_pos or seat.pos),
                f"appointed_by names neither a council in local_authorities nor a body: "
                f"'{seat.appointed_by}'",
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


class _PosNode:
    """Stands in for a node where only a position is kept."""

    def __init__(self, pos: Pos) -> None:
        self.start_mark = _Mark(pos.line - 1, pos.column - 1)


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class _Identities:
    """Resolves `person:` references, inline names and `chair:` values to people."""

    def __init__(
        self, builder: _Builder, by_id: dict[str, Person], by_norm: dict[str, list[Person]]
    ) -> None:
        self.builder = builder
        self.by_id = by_id
        self.by_norm = by_norm
        self.inline: dict[str, Person] = {}
        self.unknown_seats: list[tuple[str, Pos, str]] = []
        self._reports: list[tuple[str, Any]] = []

    def by_reference(self, node: Any) -> Person | None:
        try:
            ref = self.builder.text(node, "person")
        except _Invalid:
            return None
        person = self.by_id.get(ref)
        if person is None:
            self.builder.error(
                node,
                f"person '{ref}' is not in people[]",
                hint=did_you_mean(ref, self.by_id) or "add it to 'people:' or write the "
                "member inline with 'name:'",
            )
        return person

    def inline_person(
        self, name: str, node: Any, organisation: str | None, sector: str | None
    ) -> Person | None:
        norm = normalise_name(name)
        registered = self.by_norm.get(norm, [])
        if len(registered) == 1:
            return registered[0]
        if len(registered) > 1:
            self.builder.error(
                node,
                f"the name '{name}' matches {len(registered)} people[] entries "
                f"({', '.join(p.ref for p in registered)})",
                hint="use 'person:' with the right id",
            )
            return None
        person = self.inline.get(norm)
        if person is None:
            person = Person(
                ref=norm,
                name=name,
                norm=norm,
                pos=_pos(node),
                organisation=organisation,
                sector=sector,
            )
            self.inline[norm] = person
        return person

    def with_chair(self, body: Body, node: Any) -> Body:
        value = body.chair or ""
        person = self.by_id.get(value)
        if person is None:
            norm = normalise_name(value)
            registered = self.by_norm.get(norm, [])
            if len(registered) > 1:
                self.builder.error(
                    node,
                    f"chair '{value}' matches {len(registered)} people[] entries",
                    hint="write the person id instead",
                )
            elif registered:
                person = registered[0]
            else:
                person = self.inline.get(norm)
        return replace(body, chair_person=person)

    def reports_to_nodes(self, bodies: dict[str, Body]) -> Iterable[tuple[str, Any]]:
        for body in bodies.values():
            if body.reports_to is not None and body.reports_to_pos is not None:
                yield body.id, _ValueNode(body.reports_to, body.reports_to_pos)


class _ValueNode(_PosNode):
    def __init__(self, value: str, pos: Pos) -> None:
        super().__init__(pos)
        self.value = value
