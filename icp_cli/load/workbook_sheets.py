"""The named sheets of an exported workbook beyond the seat table, written by
`icp export --format xlsx` and read back by `icp import`.

The seat table (seat_table.py) carries seats; a CSV can hold nothing more. A workbook also
has a System sheet (spreadsheet.py reads it) and these: People (ids, `not_same_as`),
Bodies (chair, reports_to, place, partial, councils, meetings), Engagement and Policy.
Their columns are declared once here, for the writer and the reader alike. Lists in one
cell are separated by "; ", as in the seat table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from icp_cli.load.errors import InputError, InputErrors, did_you_mean
from icp_cli.load.fields import INT, POLICY_SCALARS
from icp_cli.load.seat_table import SEAT_SEPARATOR, header_key, join_seats, unprotect
from icp_cli.model import Membership

SEATS = "Seats"
PEOPLE = "People"
BODIES = "Bodies"
ENGAGEMENT = "Engagement"
POLICY = "Policy"

PEOPLE_COLUMNS = ("id", "name", "organisation", "sector", "not_same_as")
BODY_COLUMNS = (
    "body",
    "chair",
    "reports_to",
    "place",
    "partial",
    "local_authorities",
    "meetings_public",
    "meetings_frequency",
    "meetings_quorum",
    # Format 1.1: read from the model when it has them (empty until then).
    "also",
    "in_common_with",
    "function",
)
_LIST_FIELDS = ("also", "in_common_with")
ENGAGEMENT_COLUMNS = ("name", "type", "reports_to", "involves")
POLICY_COLUMNS = ("setting", "value")

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


# -- writing ----------------------------------------------------------------------------------


def people_rows(m: Membership) -> list[list[object]]:
    return [
        [p.id, p.name, p.organisation, p.sector, join_seats(p.not_same_as)]
        for p in m.people
        if p.is_registered
    ]


def body_rows(m: Membership) -> list[list[object]]:
    rows: list[list[object]] = []
    for body in m.bodies.values():
        meetings = body.meetings
        rows.append(
            [
                body.id,
                body.chair,
                body.reports_to,
                body.place,
                True if body.partial else None,
                join_seats(body.local_authorities) if body.local_authorities is not None else None,
                meetings.public if meetings else None,
                meetings.frequency if meetings else None,
                meetings.quorum if meetings else None,
                join_seats(getattr(body, "also", None) or ()),
                join_seats(getattr(body, "in_common_with", None) or ()),
                getattr(body, "function", None),
            ]
        )
    return rows


def engagement_rows(m: Membership) -> list[list[object]]:
    return [
        [e.name, e.type if e.type_given else None, e.reports_to, join_seats(e.involves)]
        for e in m.engagement
    ]


def policy_rows(m: Membership) -> list[list[object]]:
    rows: list[list[object]] = [[key, value] for key, value in m.policy.values.items()]
    rows += [[f"max_members.{key}", value] for key, value in m.policy.max_members.items()]
    if m.policy.ignore:
        rows.append(["ignore", join_seats(m.policy.ignore)])
    return rows


# -- reading ----------------------------------------------------------------------------------


@dataclass
class Extra:
    """What the named sheets say, ready to merge into the imported file."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> fields
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> fields
    engagement: list[dict[str, Any]] = field(default_factory=list)
    policy: dict[str, Any] = field(default_factory=dict)

    def apply(self, doc: Any, errors: list[InputError], shown: str) -> None:
        """Merge into the importer's document (a ruamel CommentedMap), in file order:
        people's `not_same_as`, each body's settings before its members, then engagement
        and policy. A sheet naming a person or body the seat table lacks is an error."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        def flow(items: Sequence[str]) -> CommentedSeq:
            seq = CommentedSeq(items)
            seq.fa.set_flow_style()
            return seq

        people = {entry["id"]: entry for entry in doc.get("people", [])}
        for pid, fields in self.people.items():
            entry = people.get(pid)
            if entry is None:
                errors.append(
                    InputError(
                        f"{shown}[{PEOPLE}]", f"person '{pid}' holds no seat", fields["_row"]
                    )
                )
            elif fields.get("not_same_as"):
                entry["not_same_as"] = flow(fields["not_same_as"])
        bodies = doc["bodies"]
        for body_id, fields in self.bodies.items():
            entry = bodies.get(body_id)
            if entry is None:
                errors.append(
                    InputError(
                        f"{shown}[{BODIES}]",
                        f"body '{body_id}' is not in the seat table",
                        fields["_row"],
                        hint=did_you_mean(body_id, list(bodies)),
                    )
                )
                continue
            at = list(entry).index("members") if "members" in entry else len(entry)
            for key in (
                "chair", "reports_to", "place", "partial", "local_authorities", "meetings",
                *_LIST_FIELDS, "function",
            ):  # fmt: skip
                value = fields.get(key)
                if value is None or value == []:
                    continue
                if key == "local_authorities":
                    value = CommentedSeq(value)
                elif key in _LIST_FIELDS:
                    value = flow(value)
                elif key == "meetings":
                    value = CommentedMap(value)
                    value.fa.set_flow_style()
                entry.insert(at, key, value)
                at += 1
        if self.engagement:
            routes = CommentedSeq()
            for route in self.engagement:
                item = CommentedMap(name=route["name"])
                if route.get("type"):
                    item["type"] = route["type"]
                item["reports_to"] = route["reports_to"]
                item["involves"] = flow(route.get("involves", []))
                routes.append(item)
            doc["engagement"] = routes
        if self.policy:
            policy = CommentedMap()
            for key, value in self.policy.items():
                if key == "max_members":
                    sizes = CommentedMap(value)
                    sizes.fa.set_flow_style()
                    policy[key] = sizes
                elif key == "ignore":
                    policy[key] = flow(value)
                else:
                    policy[key] = value
            doc["policy"] = policy


def read_extra(path: Any, shown: str) -> Extra | None:
    """The named sheets of a workbook, or None when it has none of them."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    from icp_cli.load.spreadsheet import _character_errors, _sheet_rows

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        by_name = {name.strip().casefold(): name for name in book.sheetnames}
        wanted = [PEOPLE, BODIES, ENGAGEMENT, POLICY]
        if not any(w.casefold() in by_name for w in wanted):
            return None
        extra, errors = Extra(), list[InputError]()
        for sheet in wanted:
            name = by_name.get(sheet.casefold())
            if name is None:
                continue
            where = f"{shown}[{name}]"
            rows = _sheet_rows(book, name, where)
            # The control-character rule holds on every sheet import reads.
            for number, row in enumerate(rows, start=1):
                errors += _character_errors(where, number, range(len(row)), row)
            reader = _SheetReader(where, rows, errors)
            if sheet == PEOPLE:
                for number, cells in reader.records(PEOPLE_COLUMNS, "id"):
                    extra.people[cells["id"]] = {
                        "_row": number,
                        "not_same_as": _split(cells.get("not_same_as")),
                    }
            elif sheet == BODIES:
                for number, cells in reader.records(BODY_COLUMNS, "body"):
                    extra.bodies[cells["body"]] = reader.body(number, cells)
            elif sheet == ENGAGEMENT:
                for number, cells in reader.records(ENGAGEMENT_COLUMNS, "name"):
                    if not cells.get("reports_to"):
                        errors.append(InputError(where, "no reports_to for this route", number))
                        continue
                    extra.engagement.append(
                        {
                            "name": cells["name"],
                            "type": cells.get("type"),
                            "reports_to": cells["reports_to"],
                            "involves": _split(cells.get("involves")),
                        }
                    )
            else:
                for number, cells in reader.records(POLICY_COLUMNS, "setting"):
                    reader.policy(number, cells, extra.policy)
        if errors:
            raise InputErrors(errors)
        return extra
    finally:
        book.close()


def _split(text: str | None) -> list[str]:
    return [v.strip() for v in (text or "").split(SEAT_SEPARATOR) if v.strip()]


class _SheetReader:
    def __init__(self, where: str, rows: list[list[str]], errors: list[InputError]) -> None:
        self.where = where
        self.rows = rows
        self.errors = errors

    def records(self, columns: Sequence[str], key: str) -> list[tuple[int, dict[str, str]]]:
        """Rows below the header as {column: text}, the row number as the sheet shows it."""
        if not self.rows:
            return []
        header = [header_key(h) for h in self.rows[0]]
        index = {c: header.index(header_key(c)) for c in columns if header_key(c) in header}
        if key not in index:
            self.errors.append(InputError(self.where, f"no '{key}' column in the header row", 1))
            return []
        out = []
        for number, row in enumerate(self.rows[1:], start=2):
            cells = {
                c: unprotect(row[i].strip()) for c, i in index.items() if i < len(row) and row[i]
            }
            if not cells:
                continue
            if not cells.get(key):
                self.errors.append(InputError(self.where, f"no {key} on this row", number))
                continue
            out.append((number, cells))
        return out

    def body(self, number: int, cells: dict[str, str]) -> dict[str, Any]:
        meetings: dict[str, Any] = {}
        public = cells.get("meetings_public")
        if public is not None:
            flag = self.flag(number, public, "meetings_public")
            if flag is not None:
                meetings["public"] = flag
        if cells.get("meetings_frequency"):
            meetings["frequency"] = cells["meetings_frequency"]
        quorum = cells.get("meetings_quorum")
        if quorum is not None:
            if quorum.isdigit():
                meetings["quorum"] = int(quorum)
            else:
                self.errors.append(
                    InputError(self.where, f"quorum must be a whole number, not '{quorum}'", number)
                )
        partial = cells.get("partial")
        return {
            "_row": number,
            "chair": cells.get("chair"),
            "reports_to": cells.get("reports_to"),
            "place": cells.get("place"),
            "partial": self.flag(number, partial, "partial") or None if partial else None,
            "local_authorities": _split(cells.get("local_authorities")) or None,
            "meetings": meetings or None,
            **{key: _split(cells.get(key)) or None for key in _LIST_FIELDS},
            "function": cells.get("function"),
        }

    def flag(self, number: int, text: str, column: str) -> bool | None:
        folded = text.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        self.errors.append(
            InputError(self.where, f"{column} must be TRUE or FALSE, not '{text}'", number)
        )
        return None

    def policy(self, number: int, cells: dict[str, str], policy: dict[str, Any]) -> None:
        key, value = cells["setting"].strip(), (cells.get("value") or "").strip()
        if key == "ignore":
            policy["ignore"] = [c.upper() for c in _split(value)]
            return
        target = key.split(".", 1)[1] if key.startswith("max_members.") else None
        kind = INT if target is not None else POLICY_SCALARS.get(key)
        if kind is None:
            known = [*POLICY_SCALARS, "max_members.<body id or type>", "ignore"]
            self.errors.append(
                InputError(
                    self.where,
                    f"unknown policy setting '{key}'",
                    number,
                    hint=did_you_mean(key, known) or "settings: " + ", ".join(known),
                )
            )
            return
        try:
            number_value: int | float = int(value) if kind == INT else float(value)
        except ValueError:
            self.errors.append(
                InputError(self.where, f"{key} must be a number, not '{value}'", number)
            )
            return
        if target is not None:
            policy.setdefault("max_members", {})[target] = number_value
        else:
            policy[key] = number_value
