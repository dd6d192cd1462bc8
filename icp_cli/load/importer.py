"""A seat table (rows from spreadsheet.py) -> a membership file, or every row's problems.

Nothing is written unless every row is usable: the result must load with no input errors,
so whatever the loader would reject (an unknown sector, an `appointed_by` naming nothing,
a name that matches two people) is reported here, against the row it came from.

People: rows with the same person id are one person; rows without one are matched by
normalised name (identity.normalise_name), as the loader would match them. A person
seen on two or more bodies, or given an id, becomes a `people[]` entry and their seats
refer to it with `person:`; anyone else is written inline on their one body.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from icp_cli.immutable import frozen
from icp_cli.load.errors import InputError, InputErrors, did_you_mean
from icp_cli.load.seat_table import BODY_COLUMNS, SEAT_SEPARATOR, TakenIds, new_id
from icp_cli.load.spreadsheet import SystemSheet, Table, column_letter
from icp_cli.load.workbook_sheets import Extra
from icp_cli.people.matching import normalise_name, normalise_organisation
from icp_cli.people.names import slug
from icp_cli.vocab import (
    ATTENDANCE,
    BODY_TYPE_LABELS,
    BODY_TYPES,
    FORMAT_VERSION,
    FUNCTIONS,
    KNOWN_SEATS,
    SECTORS,
)

_ID = re.compile(r"^[a-z0-9._-]+$")
_AUTHORITY_NAME = re.compile(r"\bauthority\b", re.I)  # a combined or strategic authority
_COUNCIL_NAME = re.compile(r"\b(council|borough|city of london|isles of scilly)\b", re.I)
_MAX_ERRORS = 500
# A vocabulary cell's key: the same few values fill thousands of rows.
_vocab_key = functools.lru_cache(maxsize=1024)(slug)
_T = TypeVar("_T")

# Values as people type them: "Health and Wellbeing Board", "ICB", "Local Government".
_BODY_TYPE_OF = {
    **{t: t for t in BODY_TYPES},
    **{slug(label): t for t, label in BODY_TYPE_LABELS.items() if t != "other"},
    "subgroup": "sub-group",
    "health-and-well-being-board": "hwb",
    "place-based-partnership": "place-partnership",
    "place-board": "place-partnership",
}
# Sectors as the documents print them ("Police", "Fire and Rescue", "Voluntary Sector"),
# after slug(): each maps to the format's value (docs/spec/membership-format.md, Vocabularies).
_SECTOR_OF = {
    **{s: s for s in SECTORS},
    "police": "police-justice",
    "police-and-justice": "police-justice",
    "police-and-crime-commissioner": "police-justice",
    "pcc": "police-justice",
    "justice": "police-justice",
    "probation": "police-justice",
    "criminal-justice": "police-justice",
    "fire": "fire-rescue",
    "fire-and-rescue": "fire-rescue",
    "fire-and-rescue-service": "fire-rescue",
    "fire-service": "fire-rescue",
    "acute": "nhs-acute",
    "acute-trust": "nhs-acute",
    "nhs-acute-trust": "nhs-acute",
    "mental-health": "nhs-mental-health",
    "mental-health-trust": "nhs-mental-health",
    "nhs-mental-health-trust": "nhs-mental-health",
    "community-health": "nhs-community",
    "community-trust": "nhs-community",
    "nhs-community-trust": "nhs-community",
    "ambulance": "nhs-ambulance",
    "ambulance-service": "nhs-ambulance",
    "ambulance-trust": "nhs-ambulance",
    "nhs-provider": "nhs-trust",
    "nhs-foundation-trust": "nhs-trust",
    "gp": "primary-care",
    "general-practice": "primary-care",
    "primary-care-network": "primary-care",
    "integrated-care-board": "icb",
    "local-authority": "local-government",
    "council": "local-government",
    "social-care": "adult-social-care",
    "adult-social-services": "adult-social-care",
    "children-s-services": "childrens-services",
    "childrens-social-care": "childrens-services",
    "voluntary-sector": "vcse",
    "voluntary-and-community-sector": "vcse",
    "voluntary-community-and-social-enterprise": "vcse",
    "vcs": "vcse",
    "vcfse": "vcse",
    "third-sector": "vcse",
    "care-provider": "social-care-provider",
    "care-providers": "social-care-provider",
    "independent-care-sector": "social-care-provider",
    "lived-experience-representative": "lived-experience",
    "carers": "lived-experience",
    "housing-association": "housing",
    "housing-provider": "housing",
    "schools": "education",
    "further-education": "education",
    "higher-education": "university",
    "academia": "university",
    "business-sector": "business",
    "chamber-of-commerce": "business",
    "lay-member": "independent",
    "independent-member": "independent",
}
_ATTENDANCE_OF = {a: a for a in ATTENDANCE}
_FUNCTION_OF = {f: f for f in FUNCTIONS}
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEAT_OF = {
    **{s: s for s in KNOWN_SEATS},
    "ceo": "chief-executive",
    "ned": "non-executive",
    "non-executive-director": "non-executive",
    "dph": "director-public-health",
    "director-of-public-health": "director-public-health",
    "dass": "director-adult-social-services",
    "director-of-adult-social-services": "director-adult-social-services",
    "dcs": "director-childrens-services",
    "director-of-childrens-services": "director-childrens-services",
    "cfo": "finance-director",
    "director-of-finance": "finance-director",
    "director-of-nursing": "nursing-director",
    "chief-nurse": "nursing-director",
    "vice-chairman": "vice-chair",
    "co-chairman": "co-chair",
    "joint-chair": "co-chair",
    "cllr": "councillor",
    "elected-member": "councillor",
    "healthwatch-representative": "healthwatch",
    "vcse-representative": "vcse",
    "voluntary-sector": "vcse",
    "icb-chief-executive": "chief-executive",
    "chair-of-health-and-wellbeing-board": "hwb-chair",
    "health-and-wellbeing-board-chair": "hwb-chair",
    "lived-experience-representative": "lived-experience",
    "chairman": "chair",
    "chairperson": "chair",
}


@dataclass
class Row:
    number: int
    body: str
    body_type: str | None
    body_name: str | None
    body_chair: str | None
    person_id: str | None
    name: str | None
    organisation: str | None
    sector: tuple[str, ...] | None  # one or more sectors (format 1.1)
    role: str | None
    seats: tuple[str, ...]
    attendance: str | None
    appointed_by: str | None
    not_same_as: tuple[str, ...]
    only_body: bool  # a row that declares a body and holds no seat
    typed: bool = False  # the row gives a body type, maybe one that is not known
    person: str | None = None  # the people[] id the seat refers to, once resolved
    # format 1.1
    voting: bool | None = None
    substitute_for: str | None = None
    vacant: bool = False
    term_from: str | None = None
    term_to: str | None = None
    also: tuple[str, ...] | None = None
    in_common_with: tuple[str, ...] | None = None
    function: str | None = None


@dataclass
class _Body:
    id: str
    first_row: int
    type: str | None = None
    type_row: int = 0
    name: str | None = None
    name_row: int = 0
    chair: str | None = None
    chair_row: int = 0
    rows: list[Row] = field(default_factory=list)
    also: tuple[str, ...] = ()
    in_common_with: tuple[str, ...] = ()
    function: str | None = None


@dataclass
class _Person:
    id: str
    rows: list[Row]
    name: str = ""
    organisation: str | None = None
    sector: tuple[str, ...] | None = None
    not_same_as: tuple[str, ...] = ()


@frozen
class ImportResult:
    text: str  # the membership file
    bodies: int
    seats: int
    people: int  # people[] entries written
    notes: tuple[str, ...]


def import_table(
    table: Table,
    system_sheet: SystemSheet,
    *,
    system: str | None = None,
    councils: Sequence[str] | None = None,
    source: str | None = None,
    now: dt.datetime | None = None,
    extra: Extra | None = None,
) -> ImportResult:
    """The membership file for a seat table; raise InputErrors with every row's problems.

    Options win over the workbook's System sheet: `system` replaces its name and
    `councils`, when given, replace its list.
    """
    importer = _Importer(table, system_sheet, system, councils)
    importer.extra = extra  # an exported workbook's named sheets (workbook_sheets.py)
    return importer.run(source or table.path, now)


class _Importer:
    def __init__(
        self,
        table: Table,
        sheet: SystemSheet,
        system: str | None,
        councils: Sequence[str] | None,
    ) -> None:
        self.table = table
        self.path = table.path
        self.errors: list[InputError] = list(sheet.errors)
        self.notes: list[str] = []
        self.system_name = system or sheet.name
        self.councils = list(councils) if councils else list(sheet.local_authorities)
        self.population = sheet.population
        self.places = sheet.places
        self.above: dict[str, str | None] = {}  # the body cells of the last row that had one
        self.filled_rows: list[int] = []
        self.mayoral: list[str] = []
        self.extra: Extra | None = None

    def error(self, row: int | None, message: str, hint: str | None = None) -> None:
        if len(self.errors) < _MAX_ERRORS:
            self.errors.append(InputError(self.path, message, row, None, hint))

    # -- the run ------------------------------------------------------------------------------

    def run(self, source: str, now: dt.datetime | None) -> ImportResult:
        rows = [r for r in (self.row(n, cells) for n, cells in self.table.rows) if r]
        bodies = self.bodies(rows)
        self.system_checks()
        people = self.people([r for r in rows if not r.only_body and not r.vacant])
        self.appointments(rows, bodies)
        self.seat_checks(rows, bodies)
        if self.errors:
            raise InputErrors(self.errors)
        if self.filled_rows:
            self.notes.append(
                f"{self.where('body')} was blank on {_rows_phrase(self.filled_rows)}: each "
                "is taken to be on the body named above it (merged cells or a group heading)"
            )
        if self.table.ignored:
            self.notes.append(
                "columns not read: " + ", ".join(f"'{h}'" for h in self.table.ignored)
            )
        text = self.render(bodies, people, source, now)
        seats = sum(1 for r in rows if not r.only_body)
        return ImportResult(text, len(bodies), seats, len(people), tuple(self.notes))

    # -- one row ------------------------------------------------------------------------------

    def cell(self, cells: list[str], column: str) -> str | None:
        index = self.table.columns.get(column)
        if index is None or index >= len(cells):
            return None
        return cells[index] or None

    def where(self, column: str) -> str:
        index = self.table.columns[column]
        return f"column {column_letter(index)} ('{self.table.headers[column]}')"

    def choice(
        self, number: int, cells: list[str], column: str, known: dict[str, str], what: str
    ) -> str | None:
        value = self.cell(cells, column)
        if value is None:
            return None
        return self.known(number, value, column, known, what)

    def known(
        self, number: int, value: str, column: str, known: dict[str, str], what: str
    ) -> str | None:
        """The vocabulary's value for one cell's text, or None once the error is reported."""
        found = known.get(_vocab_key(value))
        if found is None:
            choices = sorted(set(known.values()))
            self.error(
                number,
                f"unknown {what} '{value}' in {self.where(column)}",
                did_you_mean(slug(value), choices) or "one of: " + ", ".join(choices),
            )
        return found

    def row(self, number: int, cells: list[str]) -> Row | None:
        cells = self.fill_down(number, cells)
        body_cell = self.cell(cells, "body")
        name = self.cell(cells, "name") or self.name_from_parts(cells)
        person_id = self.cell(cells, "person_id")
        holds_seat = any(self.cell(cells, c) for c in self.table.columns if c not in BODY_COLUMNS)
        if body_cell is None:
            self.error(
                number,
                f"no body: {self.where('body')} is empty",
                "give the body's id (icb, icp, ...) or its name",
            )
            return None
        body_id, body_name = body_cell, self.cell(cells, "body_name")
        if not _ID.match(body_cell):
            body_id = slug(body_cell)
            if not body_id:
                self.error(number, f"the body '{body_cell}' gives no usable id")
                return None
            body_name = body_name or body_cell
        vacant = self.flag(number, cells, "vacant") is True
        if vacant and (name is not None or person_id is not None):
            self.error(
                number,
                "a vacant seat names a person",
                "empty the name and person id, or the vacant column",
            )
        elif holds_seat and name is None and person_id is None and not vacant:
            self.error(number, "no name for this seat", "fill the name column")
        if person_id is not None and not _ID.match(person_id):
            lowered = person_id.lower()
            if _ID.match(lowered):
                person_id = lowered
            else:
                self.error(
                    number,
                    f"person id '{person_id}' may use only a-z, 0-9, '.', '_' and '-'",
                    f"for example: {slug(person_id) or 'jane-okafor'}",
                )
                person_id = None
        body_type = self.choice(number, cells, "body_type", _BODY_TYPE_OF, "body type")
        sector = self.choices(number, cells, "sector", _SECTOR_OF, "sector")
        attendance = self.choice(number, cells, "attendance", _ATTENDANCE_OF, "attendance")
        seat_text = self.cell(cells, "seat") or ""
        seats = tuple(
            _SEAT_OF.get(slug(s), s.strip()) for s in seat_text.split(SEAT_SEPARATOR) if s.strip()
        )
        # A row with a bad value is kept (without it), so that the checks across rows
        # still see it and every problem is reported in one run.
        return Row(
            number=number,
            body=body_id,
            body_type=body_type,
            body_name=body_name,
            body_chair=self.cell(cells, "body_chair"),
            person_id=person_id,
            name=name,
            organisation=self.cell(cells, "organisation"),
            sector=sector,
            role=self.cell(cells, "role"),
            seats=seats,
            attendance=attendance,
            appointed_by=self.cell(cells, "appointed_by"),
            not_same_as=tuple(
                v.strip().lower()
                for v in (self.cell(cells, "not_same_as") or "").split(SEAT_SEPARATOR)
                if v.strip()
            ),
            only_body=not holds_seat,
            typed=body_type is not None or self.cell(cells, "body_type") is not None,
            voting=self.flag(number, cells, "voting"),
            substitute_for=self.cell(cells, "substitute_for"),
            vacant=vacant,
            term_from=self.date(number, cells, "term_from"),
            term_to=self.date(number, cells, "term_to"),
            also=self.choices(number, cells, "body_also", _BODY_TYPE_OF, "body type"),
            in_common_with=self.ids(cells, "body_in_common_with"),
            function=self.choice(number, cells, "body_function", _FUNCTION_OF, "function"),
        )

    def fill_down(self, number: int, cells: list[str]) -> list[str]:
        """A row whose body cell is blank under a filled one belongs to that body.

        That is how a merged "Board" cell reads (only its top cell holds the text), and how
        a sheet with a group heading leaves the column blank under it. The body's other
        columns (type, name, chair) are filled down with it where they too are blank.
        """
        index = self.table.columns["body"]
        if index < len(cells) and cells[index]:
            self.above = {c: self.cell(cells, c) for c in BODY_COLUMNS if c in self.table.columns}
            return cells
        if not self.above:
            return cells
        filled = list(cells) + [""] * (max(self.table.columns.values()) + 1 - len(cells))
        for column, value in self.above.items():
            at = self.table.columns[column]
            if value and not filled[at]:
                filled[at] = value
        self.filled_rows.append(number)
        return filled

    def choices(
        self, number: int, cells: list[str], column: str, known: dict[str, str], what: str
    ) -> tuple[str, ...] | None:
        """Several values of a vocabulary in one cell, separated as seats are."""
        value = self.cell(cells, column)
        if value is None:
            return None
        out: list[str] = []
        for part in (p.strip() for p in value.split(SEAT_SEPARATOR)):
            if not part:
                continue
            found = self.known(number, part, column, known, what)
            if found is not None and found not in out:
                out.append(found)
        return tuple(out) or None

    def ids(self, cells: list[str], column: str) -> tuple[str, ...] | None:
        value = self.cell(cells, column)
        if value is None:
            return None
        return tuple(p.strip() for p in value.split(SEAT_SEPARATOR) if p.strip()) or None

    def flag(self, number: int, cells: list[str], column: str) -> bool | None:
        value = self.cell(cells, column)
        if value is None:
            return None
        folded = value.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        self.error(number, f"'{value}' in {self.where(column)} is not true or false")
        return None

    def date(self, number: int, cells: list[str], column: str) -> str | None:
        value = self.cell(cells, column)
        if value is None:
            return None
        value = value.strip()
        try:
            if not _ISO_DATE.match(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            self.error(
                number,
                f"'{value}' in {self.where(column)} is not a date",
                "write a real calendar date as YYYY-MM-DD, e.g. 2025-04-01",
            )
            return None
        return value

    def name_from_parts(self, cells: list[str]) -> str | None:
        family = self.cell(cells, "name:family")
        if family is None:
            return None
        parts = (self.cell(cells, "name:title"), self.cell(cells, "name:given"), family)
        return " ".join(p for p in parts if p)

    # -- bodies -------------------------------------------------------------------------------

    def bodies(self, rows: list[Row]) -> dict[str, _Body]:
        bodies: dict[str, _Body] = {}
        for row in rows:
            body = bodies.setdefault(row.body, _Body(row.body, row.number))
            if not row.only_body:
                body.rows.append(row)
            self.one_value(body, row, row.body_type, "type", "is of type")
            for attribute in ("also", "in_common_with", "function"):
                value = getattr(row, attribute)
                if value is None:
                    continue
                if not getattr(body, attribute):
                    setattr(body, attribute, value)
                elif getattr(body, attribute) != value:
                    self.error(
                        row.number,
                        f"body '{row.body}' has {attribute} '{_shown(value)}' here but "
                        f"'{_shown(getattr(body, attribute))}' on an earlier row",
                        f"a body has one {attribute}: correct one of the rows",
                    )
            self.one_value(body, row, row.body_name, "name", "is named")
            self.one_value(body, row, row.body_chair, "chair", "is chaired by")
        icb: _Body | None = None
        for body in bodies.values():
            if body.type is None:
                if any(r.typed for r in rows if r.body == body.id):
                    continue  # its type is unknown, and already reported
                if body.id in BODY_TYPES:
                    body.type = body.id
                else:
                    self.error(
                        body.first_row,
                        f"body '{body.id}' has no body type",
                        "fill the body type on at least one of its rows: " + ", ".join(BODY_TYPES),
                    )
                    continue
            if body.type == "icb":
                if icb is None:
                    icb = body
                else:
                    self.error(
                        body.type_row or body.first_row,
                        f"a second ICB ('{body.id}'): a membership file describes one ICB, "
                        f"and '{icb.id}' (row {icb.type_row or icb.first_row}) is one",
                        "give one of them another type, or import them into two files",
                    )
        return bodies

    def one_value(self, body: _Body, row: Row, value: str | None, field: str, says: str) -> None:
        """A body's type, name or chair: the first row to give it sets it (and its row, in
        `<field>_row`); a later row that gives another is an error."""
        if value is None:
            return
        known = getattr(body, field)
        if known is None:
            setattr(body, field, value)
            setattr(body, f"{field}_row", row.number)
        elif known != value:
            self.error(
                row.number,
                f"body '{row.body}' {says} '{value}' here but "
                f"'{known}' on row {getattr(body, f'{field}_row')}",
                f"a body has one {field}: correct one of the rows",
            )

    def seat_checks(self, rows: list[Row], bodies: dict[str, _Body]) -> None:
        """What the loader would refuse of the format 1.1 columns, against the row."""
        for body in bodies.values():
            for value in body.also:
                if value == "icb" or value == body.type:
                    self.error(
                        body.first_row,
                        f"body '{body.id}' cannot also be '{value}'",
                        "body_also lists further roles, e.g. hwb for an ICP that is also the "
                        "health and wellbeing board",
                    )
            for value in body.in_common_with:
                if value == body.id or value not in bodies:
                    self.error(
                        body.first_row,
                        f"body '{body.id}' meets in common with '{value}', which is "
                        + ("itself" if value == body.id else "no body"),
                        did_you_mean(value, list(bodies)),
                    )
        holders: dict[str, dict[str, set[str | None]]] = {}
        for row in rows:
            if row.only_body:
                continue
            attendance = row.attendance or "member"
            if row.voting is not None and attendance != "member":
                self.error(
                    row.number, f"voting is only for members, not for attendance '{attendance}'"
                )
            if row.substitute_for is None:
                continue
            if attendance != "substitute":
                self.error(
                    row.number,
                    "substitute_for is only for substitutes",
                    "set the attendance to substitute, or empty substitute_for",
                )
                continue
            keys = holders.get(row.body)
            if keys is None:
                keys = holders[row.body] = _holder_keys(bodies[row.body].rows)
            value = row.substitute_for
            own = {row.person, normalise_name(row.name or "")}
            found = keys.get(value) or keys.get(normalise_name(value)) or set()
            if not found - own:
                names = [r.name or "" for r in bodies[row.body].rows if not r.vacant]
                self.error(
                    row.number,
                    f"substitute_for names nobody on body '{row.body}': '{value}'",
                    did_you_mean(value, names),
                )

    def system_checks(self) -> None:
        if not self.system_name:
            stem = re.sub(r"[-_]+", " ", Path(self.path).stem).strip() or "Imported system"
            self.system_name = stem
            self.notes.append(
                f"no system name given: it is '{stem}' (set it with --system, or a 'name' "
                "row on a System sheet)"
            )
        seen: dict[str, str] = {}
        kept = []
        for council in self.councils:
            key = normalise_organisation(council)
            if key in seen:
                self.error(None, f"the council '{council}' is given twice")
                continue
            seen[key] = council
            kept.append(council)
        self.councils = kept

    # -- people -------------------------------------------------------------------------------

    def people(self, rows: list[Row]) -> list[_Person]:
        by_id: dict[str, _Person] = {}
        for row in rows:
            if row.person_id is not None:
                by_id.setdefault(row.person_id, _Person(row.person_id, [])).rows.append(row)
        for person in by_id.values():
            named = [r for r in person.rows if r.name]
            if not named:
                self.error(person.rows[0].number, f"person '{person.id}' has no name on any row")
                continue
            first = named[0]
            for row in named[1:]:
                if normalise_name(row.name or "") != normalise_name(first.name or ""):
                    self.error(
                        row.number,
                        f"person id '{person.id}' is '{row.name}' here but '{first.name}' "
                        f"on row {first.number}",
                        "one id is one person: correct the id or the name",
                    )
            for row in person.rows:
                row.name = row.name or first.name
        ids_of_norm: dict[str, list[str]] = {}
        for person in by_id.values():
            if person.rows[0].name:
                norm = normalise_name(person.rows[0].name)
                ids_of_norm.setdefault(norm, []).append(person.id)

        # Rows without an id: a name given with an id elsewhere is that person, as the
        # loader would read it; the rest are grouped by name.
        unnamed: dict[str, list[Row]] = {}
        for row in rows:
            if row.person_id is not None or not row.name:
                continue
            norm = normalise_name(row.name)
            known = ids_of_norm.get(norm, [])
            if len(known) == 1:
                by_id[known[0]].rows.append(row)
            elif len(known) > 1:
                self.error(
                    row.number,
                    f"the name '{row.name}' matches {len(known)} person ids ({', '.join(known)})",
                    "fill the person id column for this row",
                )
            else:
                unnamed.setdefault(norm, []).append(row)
        taken = TakenIds(by_id)
        for norm, group in unnamed.items():
            if len({r.body for r in group}) > 1:
                pid = new_id(slug(norm), taken, "person")
                by_id[pid] = _Person(pid, group)
                ids_of_norm.setdefault(norm, []).append(pid)

        people = sorted(by_id.values(), key=lambda p: min(r.number for r in p.rows))
        for person in people:
            person.rows.sort(key=lambda r: r.number)
            first = person.rows[0]
            person.name = first.name or ""
            person.organisation = _common([r.organisation for r in person.rows])
            person.sector = _common([r.sector for r in person.rows])
            person.not_same_as = tuple(dict.fromkeys(v for r in person.rows for v in r.not_same_as))
            for row in person.rows:
                row.person = person.id
                if not _same_as_entry(row, person):
                    clash = ids_of_norm.get(normalise_name(row.name or ""), [])
                    if len(clash) > 1:
                        self.error(
                            row.number,
                            f"this seat of '{person.id}' has its own name, organisation or "
                            f"sector, but the name also matches "
                            f"{', '.join(i for i in clash if i != person.id)}",
                            "use the same name, organisation and sector on every row of one person",
                        )
        ids = {p.id for p in people}
        for person in people:
            for other in person.not_same_as:
                if other not in ids or other == person.id:
                    row = next(r for r in person.rows if other in r.not_same_as)
                    self.error(
                        row.number,
                        f"not_same_as names '{other}', which is "
                        + ("this person's own id" if other == person.id else "no person id"),
                        did_you_mean(other, sorted(ids - {person.id}))
                        or "give the person id of someone else in the sheet",
                    )
        return people

    # -- appointed_by -------------------------------------------------------------------------

    def appointments(self, rows: list[Row], bodies: dict[str, _Body]) -> None:
        """Every `appointed_by` must name a body or a council, as the loader requires.

        With no councils given at all (an exported seat table has no place for them), a
        value that names a council ("... Council", "... Borough") and no body is taken as
        one of the system's councils, and said in a note. Once councils are given, the
        list is the user's: anything outside it is a row error.
        """
        infer = not self.councils
        inferred: list[str] = []
        councils = {normalise_organisation(c) for c in self.councils}
        body_by_name = {
            normalise_organisation(b.name): b.id for b in bodies.values() if b.name is not None
        }
        for row in rows:
            value = row.appointed_by
            if value is None or value in bodies or normalise_organisation(value) in councils:
                continue
            if value == "icb":  # always the system's ICB (docs/spec/membership-format.md)
                continue
            body_id = body_by_name.get(normalise_organisation(value))
            if body_id is None and slug(value) in bodies:
                body_id = slug(value)
            if body_id is not None:
                row.appointed_by = body_id
                continue
            if infer and _COUNCIL_NAME.search(value):
                councils.add(normalise_organisation(value))
                inferred.append(value)
                continue
            if _AUTHORITY_NAME.search(value):
                if normalise_organisation(value) not in map(normalise_organisation, self.mayoral):
                    self.mayoral.append(value)
                    self.notes.append(
                        f"'{value}' is taken as a mayoral strategic authority "
                        "(system.mayoral_authorities), as it appoints a member"
                    )
                continue
            self.error(
                row.number,
                f"appointed by '{value}' in {self.where('appointed_by')} names neither a "
                "council nor a body",
                _or_else(
                    did_you_mean(value, list(bodies) + self.councils),
                    f"name a body id, or add the council with --council '{value}'",
                ),
            )
        if inferred:
            self.councils = inferred
            self.notes.append(
                "no councils given: taken from appointed_by: "
                + ", ".join(f"'{c}'" for c in inferred)
                + "; add --council NAME for every council with social-care duties"
            )
        elif infer:
            self.notes.append(
                "no councils given: add --council NAME for each council with social-care "
                "duties, so that check can see that each has an ICP seat (R301)"
            )

    # -- the file -----------------------------------------------------------------------------

    def render(
        self,
        bodies: dict[str, _Body],
        people: list[_Person],
        source: str,
        now: dt.datetime | None,
    ) -> str:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        from icp_cli.safe_text import yaml_comment

        when = (now or _now()).strftime("%Y-%m-%d %H:%M UTC")
        doc = CommentedMap()
        doc["version"] = FORMAT_VERSION
        system = _mapping(
            name=self.system_name,
            population=self.population,
            local_authorities=CommentedSeq(self.councils),
            places=CommentedSeq(self.places),
            mayoral_authorities=CommentedSeq(self.mayoral),
        )
        doc["system"] = system
        if people:
            registry = CommentedSeq()
            for person in people:
                entry = _mapping(
                    id=person.id,
                    name=person.name,
                    organisation=person.organisation,
                    sector=_one_or_flow(person.sector),
                    not_same_as=CommentedSeq(person.not_same_as),
                )
                registry.append(entry)
            doc["people"] = registry
        entries = CommentedMap()
        by_id = {p.id: p for p in people}
        for body in bodies.values():
            out = _mapping(
                type=body.type,
                name=body.name,
                also=_flow(body.also),
                in_common_with=_flow(body.in_common_with),
                function=body.function,
                chair=body.chair,
            )
            members = CommentedSeq()
            for row in body.rows:
                members.append(_member(row, by_id.get(row.person or "")))
            out["members"] = members
            entries[body.id] = out
        doc["bodies"] = entries
        if self.extra is not None:
            self.extra.apply(doc, self.errors, self.path)
            if self.errors:
                raise InputErrors(self.errors)
        from .yaml_writer import dump

        return dump(
            doc,
            f"Imported by icp from {yaml_comment(source)} on {when}.\n"
            "Review it, then check it with: icp check <this file>",
        )


def _rows_phrase(numbers: list[int]) -> str:
    """rows 3-5, 8 and 10: consecutive rows as ranges."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    word = "row" if len(numbers) == 1 else "rows"
    if len(parts) == 1:
        return f"{word} {parts[0]}"
    return f"{word} {', '.join(parts[:-1])} and {parts[-1]}"


def _holder_keys(rows: list[Row]) -> dict[str, set[str | None]]:
    """Who fills a body's seats: person id or normalised name -> who it is (an id, or
    a normalised name for someone with none)."""
    keys: dict[str, set[str | None]] = {}
    for row in rows:
        if row.vacant:
            continue
        who = row.person or normalise_name(row.name or "")
        for key in (row.person, normalise_name(row.name or "")):
            if key:
                keys.setdefault(key, set()).add(who)
    return keys


def _or_else(suggestion: str | None, advice: str) -> str:
    return f"{suggestion} Otherwise {advice}" if suggestion else advice[0].upper() + advice[1:]


def _common(values: list[_T | None]) -> _T | None:
    """The value every row gives, or None when they differ."""
    return values[0] if len(set(values)) == 1 else None


def _same_as_entry(row: Row, person: _Person) -> bool:
    """Whether `person: id` alone says everything the row says about its holder."""
    return (
        row.name == person.name
        and row.organisation == person.organisation
        and row.sector == person.sector
    )


def _flow(values: Sequence[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    out = CommentedSeq(values)
    out.fa.set_flow_style()
    return out


def _one_or_flow(values: tuple[str, ...] | None) -> Any:
    """One value as itself, several as a flow list (a sector, a seat); None stays None."""
    if values is None:
        return None
    return values[0] if len(values) == 1 else _flow(values)


def _mapping(**values: Any) -> Any:
    """A mapping of the keys whose values are given, in order: None and an empty list or
    mapping are left out, as the format reads an absent key."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(
        (key, value)
        for key, value in values.items()
        if value is not None and not (isinstance(value, list | dict) and not value)
    )


def _shown(value: object) -> str:
    return "; ".join(value) if isinstance(value, tuple) else str(value)


def _member(row: Row, person: _Person | None) -> dict[str, Any]:
    who: dict[str, Any]
    if row.vacant:
        who = {"vacant": True}
    elif person is not None and _same_as_entry(row, person):
        who = {"person": person.id}
    else:
        # The name alone finds a people[] entry; organisation and sector are per seat.
        who = {"name": row.name}
    if "person" not in who:
        who.update(organisation=row.organisation, sector=_one_or_flow(row.sector))
    term = _mapping(**{"from": row.term_from, "to": row.term_to})
    term.fa.set_flow_style()
    return _mapping(
        **who,
        role=row.role,
        seat=_one_or_flow(row.seats),
        attendance=None if row.attendance == "member" else row.attendance,
        appointed_by=row.appointed_by,
        voting=False if row.voting is False else None,
        substitute_for=row.substitute_for,
        term=term,
    )


def _now() -> dt.datetime:
    """The time stamped in the header; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit() and len(epoch) <= 11:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


__all__ = ["ImportResult", "import_table"]
