"""Reading composed YAML nodes against field tables, recording every problem as it goes.

Each reader returns a Python value or records an input error at the node and raises
`Invalid`, so the caller can go on with the next field and report everything at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from icp_cli.load import fields as S
from icp_cli.load.errors import InputError, did_you_mean
from icp_cli.load.source import FORBIDDEN, string_errors
from icp_cli.model import Pos
from icp_cli.text import lazy_pattern

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"

_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_INT_TEXT = lazy_pattern(r"^[-+]?\d+$")
_NUMBER_TEXT = lazy_pattern(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_MAX_ERRORS = 500
_BLOCK = ("|", ">")
_TEXT_TAGS = (STR, TIMESTAMP)
_forbidden = FORBIDDEN.search
MAX_DIGITS = 100
"""The most digits a whole number may have, counted before it is converted (Python refuses to
convert or print decimal numbers past 4,300 digits; no count needs more than a few)."""


_KNOWN: dict[int, tuple[tuple[Any, ...], dict[str, Any], tuple[str, ...]]] = {}


def _known_fields(fields: tuple[Any, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """{name: field} of a field table and its required names, built once per table (the
    tables are constants of schema.py; the table is kept, so its id is not reused)."""
    entry = _KNOWN.get(id(fields))
    if entry is None or entry[0] is not fields:
        entry = _KNOWN[id(fields)] = (
            fields,
            {f.name: f for f in fields},
            tuple(f.name for f in fields if f.required),
        )
    return entry[1], entry[2]


def pos_of(node: Any) -> Pos:
    mark = node.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def kind_of(node: Any) -> str:
    """How to name a node's type in a message."""
    tag = node.tag
    if tag == MAP or node.id == "mapping":
        return "a mapping"
    if tag == SEQ or node.id == "sequence":
        return "a list"
    return {
        INT: "a number",
        FLOAT: "a number",
        BOOL: "true/false",
        NULL: "nothing (null)",
        STR: "text",
        TIMESTAMP: "a date",
    }.get(tag, f"a value tagged {tag}")


class Invalid(Exception):
    """A value cannot be used; its error is already recorded."""


class PositionNode:
    """Stands in for a node where only a position (and perhaps a value) is kept."""

    def __init__(self, pos: Pos, value: str = "") -> None:
        self.start_mark = _Mark(pos.line - 1, pos.column - 1)
        self.value = value


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class NodeReader:
    """Generic readers for one file; collects its input errors."""

    def __init__(self, path: str, source: str = "") -> None:
        self.path = path
        self.source = source  # the composed text, for the positions of characters
        self.errors: list[InputError] = []
        self._seen_errors: set[tuple[int | None, int | None, str]] = set()
        self.suppressed = 0  # errors past _MAX_ERRORS, counted but not kept

    # -- errors ---------------------------------------------------------------------------

    def _refuse_quoted(self, node: Any, what: str, pattern: re.Pattern[str], noun: str) -> None:
        """A number written in quotes (`quorum: "12"`) where a number is wanted: the error
        the format names, with the fix."""
        if node.id == "scalar" and node.tag == STR and pattern.match(node.value.strip()):
            self.error(
                node,
                f"{what} is {noun} written as a string ('{node.value}')",
                hint=f"remove the quotes: {node.value.strip()}",
            )
            raise Invalid

    def error(self, node: Any | None, message: str, hint: str | None = None) -> None:
        pos = pos_of(node) if node is not None else None
        self._record(
            InputError(
                self.path,
                message,
                pos.line if pos else None,
                pos.column if pos else None,
                hint,
            )
        )

    def _record(self, error: InputError) -> None:
        # An aliased node is visited once per alias: report its problems once.
        key = (error.line, error.column, error.message)
        if key in self._seen_errors:
            return
        if len(self.errors) >= _MAX_ERRORS:
            self.suppressed += 1
            return
        self._seen_errors.add(key)
        self.errors.append(error)

    def clean(self, node: Any) -> bool:
        """Whether a string holds only what docs/spec/membership-format.md allows (no control
        character, line break or bidirectional override); each one found is an error at
        its own position. The final line break of a `|` or `>` block is dropped first."""
        if node.style not in _BLOCK and _forbidden(node.value) is None:
            return True  # the usual case, decided without a call
        problems = string_errors(node, self.source, self.path)
        for problem in problems:
            self._record(problem)
        return not problems

    def all_errors(self) -> list[InputError]:
        """The errors kept, and a last line saying how many more there were."""
        if not self.suppressed:
            return self.errors
        return [
            *self.errors,
            InputError(
                self.path,
                f"{self.suppressed} more problems not shown (the first {_MAX_ERRORS} are)",
                hint="fix these and check again",
            ),
        ]

    # -- generic readers -----------------------------------------------------------------

    def mapping(
        self, node: Any, fields: tuple[S.Field, ...], where: str
    ) -> dict[str, tuple[Any, Any]]:
        """Read a mapping against its fields: {name: (key node, value node)}.

        Unknown and duplicate keys are reported; null values of optional fields count as
        absent; missing required fields are reported at the mapping.
        """
        if node.id != "mapping":
            self.error(node, f"{where} must be a mapping, not {kind_of(node)}")
            raise Invalid
        known, required = _known_fields(fields)
        found: dict[str, tuple[Any, Any]] = {}
        nulls = False
        for key_node, value_node in node.value:
            if (
                # The usual entry, decided without a call: a known key (so clean text),
                # not seen before, with a value. Anything else goes the long way below.
                key_node.id == "scalar"
                and key_node.tag == STR
                and key_node.value in known
                and key_node.value not in found
                and (value_node.id != "scalar" or value_node.tag != NULL)
            ):
                found[key_node.value] = (key_node, value_node)
                continue
            if key_node.id != "scalar":
                self.error(key_node, f"a key in {where} must be text, not {kind_of(key_node)}")
                continue
            if not self.clean(key_node):
                continue
            key = key_node.value
            if key_node.tag == MERGE:
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
                    hint=f"the first '{key}' is on line {pos_of(found[key][0]).line}; "
                    "keep one of them",
                )
                continue
            if key not in known:
                hint = did_you_mean(str(key).strip(), known)
                self.error(
                    key_node,
                    f"unknown key '{key}' in {where}",
                    hint=hint or "allowed keys: " + ", ".join(known),
                )
                continue
            field = known[key]
            if value_node.id == "scalar" and value_node.tag == NULL:
                if field.name == "members":
                    self.error(
                        value_node,
                        f"'members' of {where} is empty (null)",
                        hint="write 'members: []' for a body with no members yet",
                    )
                elif field.required:
                    self.error(value_node, f"'{key}' of {where} is required but empty")
                found[key] = (key_node, None)
                nulls = True
                continue
            found[key] = (key_node, value_node)
        for name in required:
            if name not in found:
                self.error(node, f"{where} has no '{name}'", hint=f"add '{name}:'")
        return {k: v for k, v in found.items() if v[1] is not None} if nulls else found

    def text(self, node: Any, what: str) -> str:
        if node.id == "scalar" and node.tag in _TEXT_TAGS and node.style not in _BLOCK:
            value = node.value
            if _forbidden(value) is None and value and not value.isspace():
                return value  # the usual case: clean, non-empty text
        if node.id != "scalar":
            self.error(node, f"{what} must be text, not {kind_of(node)}")
            raise Invalid
        tag = node.tag
        if tag in (STR, TIMESTAMP):
            if not self.clean(node):
                raise Invalid
            value = node.value
            if not value.strip():
                self.error(node, f"{what} is empty")
                raise Invalid
            return value
        if tag in (INT, FLOAT, BOOL):
            self.error(
                node,
                f"{what} must be text, not {kind_of(node)} ({node.value})",
                hint=f"put it in quotes: \"{node.value}\"",
            )
            raise Invalid
        self.error(node, f"{what} must be text, not {kind_of(node)}")
        raise Invalid

    def _refuse_underscores(self, node: Any, what: str, wanted: str) -> None:
        # ruamel.yaml reads 1_000 as a number; YAML 1.2's core schema, which the format
        # names, reads it as text.
        if node.id == "scalar" and node.tag in (INT, FLOAT) and "_" in node.value:
            self.error(
                node,
                f"{what} must be {wanted}, not text ({node.value})",
                hint=f"YAML 1.2 numbers have no underscores: write {node.value.replace('_', '')}",
            )
            raise Invalid

    def integer(self, node: Any, what: str) -> int:
        self._refuse_underscores(node, what, "a whole number")
        if node.id == "scalar" and node.tag == INT:
            raw = node.value
            digits = len(raw.lstrip("+-").lower().removeprefix("0x").removeprefix("0o"))
            if digits > MAX_DIGITS:
                self.error(
                    node,
                    f"{what} is a number of {digits:,} digits; at most {MAX_DIGITS} are read",
                    hint="a count in a membership file has a few digits",
                )
                raise Invalid
            try:
                value = int(raw, 0) if raw.lstrip("+-")[:2].lower() in ("0x", "0o") else int(raw)
            except ValueError:
                self.error(node, f"{what} is not a whole number: {node.value}")
                raise Invalid from None
            if value < 0:
                self.error(node, f"{what} must be 0 or more, not {value}")
                raise Invalid
            return value
        self._refuse_quoted(node, what, _INT_TEXT(), "an integer")
        if node.id == "scalar" and node.tag == FLOAT:
            self.error(node, f"{what} must be a whole number, not {node.value}")
            raise Invalid
        self.error(node, f"{what} must be a whole number, not {kind_of(node)}")
        raise Invalid

    def fraction(self, node: Any, what: str) -> float:
        self._refuse_underscores(node, what, "a number")
        if node.id == "scalar" and node.tag in (INT, FLOAT):
            if len(node.value) > 4 * MAX_DIGITS:
                self.error(node, f"{what} is a number of {len(node.value):,} characters")
                raise Invalid
            try:
                value = float(node.value)
            except ValueError:
                self.error(node, f"{what} is not a number: {node.value}")
                raise Invalid from None
            if not 0 <= value <= 1:
                self.error(
                    node,
                    f"{what} must be between 0 and 1, not {node.value}",
                    hint="write a share as a fraction, e.g. 0.25 for 25%",
                )
                raise Invalid
            return value
        self._refuse_quoted(node, what, _NUMBER_TEXT(), "a number")
        self.error(node, f"{what} must be a number between 0 and 1, not {kind_of(node)}")
        raise Invalid

    def boolean(self, node: Any, what: str) -> bool:
        if node.id == "scalar" and node.tag == BOOL and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        if node.id == "scalar" and node.tag == BOOL:  # `!!bool 'maybe'`
            self.error(
                node,
                f"{what} must be true or false, not '{node.value}'",
                hint="write true or false, without a tag",
            )
            raise Invalid
        if node.id == "scalar" and node.value.lower() in _YAML11_BOOLS:
            self.error(
                node,
                f"{what} must be true or false, not '{node.value}'",
                hint="YAML 1.2 reads yes/no/on/off as text: write true or false",
            )
            raise Invalid
        self.error(node, f"{what} must be true or false, not {kind_of(node)}")
        raise Invalid

    def choice(self, node: Any, what: str, choices: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value not in choices:
            hint = did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            self.error(node, f"unknown {what} '{value}'", hint=hint)
            raise Invalid
        return value

    def items(self, node: Any, what: str) -> list[Any]:
        if node.id != "sequence":
            self.error(node, f"{what} must be a list, not {kind_of(node)}")
            raise Invalid
        return list(node.value)

    def entries(
        self, node: Any, key: str, fields: tuple[S.Field, ...]
    ) -> Iterator[tuple[str, Any, dict[str, tuple[Any, Any]]]]:
        """Each entry of the list under top-level `key` read against `fields`: where it is
        (`key[index]`, for messages), its node and its fields. An entry that is not a
        mapping, or a value that is not a list, has its error recorded and is passed over."""
        try:
            items = self.items(node, f"'{key}'")
        except Invalid:
            return
        for index, entry in enumerate(items):
            where = f"{key}[{index}]"
            try:
                yield where, entry, self.mapping(entry, fields, where)
            except Invalid:
                continue

    def text_list(self, node: Any, what: str) -> list[tuple[str, Any]]:
        out = []
        for item in self.items(node, what):
            try:
                out.append((self.text(item, f"an entry of {what}"), item))
            except Invalid:
                continue
        return out

    def get(self, fields: dict[str, tuple[Any, Any]], name: str, reader: Any, *args: Any) -> Any:
        """Read one optional field with a reader, or None when absent or invalid."""
        if name not in fields:
            return None
        try:
            return reader(fields[name][1], *args)
        except Invalid:
            return None

