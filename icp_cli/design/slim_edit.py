"""Applying a slimming plan to the file's text.

The edits are made on the text itself, at the positions ruamel.yaml's parser gives for each
node: a moved seat's lines go (its own comments with them), a participant's seat gains or
changes one `attendance` line, and a route is added after the last engagement entry or has
sectors added to its `involves`. Every other byte stays as it was: comments, blank lines,
key order, quoting, flow or block style, line endings. (A full round-trip dump would
re-indent and re-wrap a hand-written file.) The result is loaded and checked again before
anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from icp_cli.immutable import frozen
from icp_cli.load.source import compose

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._()'-]*[A-Za-z0-9.)']|[A-Za-z]")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(text: str) -> str:
    """Text as a YAML scalar: plain when that is safe, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


@frozen
class Edit:
    start: tuple[int, int]  # 0-based line, column
    end: tuple[int, int]
    text: str


def _get(node: Any, key: str) -> Any:
    if node is None or node.id != "mapping":
        return None
    for k, v in node.value:
        if k.id == "scalar" and k.value == key:
            return v
    return None


def _key_node(node: Any, key: str) -> Any:
    for k, _ in node.value:
        if k.id == "scalar" and k.value == key:
            return k
    return None


def _end(node: Any) -> tuple[int, int]:
    mark = node.end_mark
    return mark.line, mark.column


def last_line(node: Any) -> int:
    """The 0-based line where the node's own text ends."""
    if node.id == "scalar" or node.flow_style:
        line, column = _end(node)
        return line if column > 0 else line - 1
    if not node.value:
        return int(node.start_mark.line)
    last = node.value[-1]
    return last_line(last[1] if node.id == "mapping" else last)


def _dash_line(lines: Sequence[str], item: Any) -> int:
    """The line of a block sequence item's dash."""
    line, column = item.start_mark.line, item.start_mark.column
    if "-" in lines[line][:column]:
        return int(line)
    while line > 0:
        line -= 1
        if lines[line].strip() == "-":
            return int(line)
    return int(item.start_mark.line)


def _dash_column(lines: Sequence[str], item: Any) -> int:
    line = _dash_line(lines, item)
    return lines[line].index("-") if "-" in lines[line] else max(item.start_mark.column - 2, 0)


def _closing(lines: Sequence[str], node: Any, bracket: str) -> tuple[int, int]:
    """The position of a flow collection's closing bracket."""
    line, column = _end(node)
    while True:
        found = lines[line].rfind(bracket, 0, column if column >= 0 else None)
        if found >= 0:
            return line, found
        line -= 1
        column = len(lines[line])


class Editor:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.root = compose(text, path)
        self.edits: list[Edit] = []

    # -- primitives -----------------------------------------------------------------------

    def delete_lines(self, first: int, last: int) -> None:
        self.edits.append(Edit((first, 0), (last + 1, 0), ""))

    def insert_lines(self, after: int, new: Sequence[str]) -> None:
        text = "".join(line + self.newline for line in new)
        if after + 1 >= len(self.lines) and not self.lines[-1].endswith(("\n", "\r")):
            text = self.newline + text
        self.edits.append(Edit((after + 1, 0), (after + 1, 0), text))

    def replace(self, node: Any, text: str) -> None:
        start = (node.start_mark.line, node.start_mark.column)
        self.edits.append(Edit(start, _end(node), text))

    def insert_at(self, where: tuple[int, int], text: str) -> None:
        self.edits.append(Edit(where, where, text))

    def result(self) -> str:
        starts = [0]
        for line in self.lines:
            starts.append(starts[-1] + len(line))

        def offset(pos: tuple[int, int]) -> int:
            line, column = pos
            if line >= len(self.lines):
                return len(self.text)
            return starts[line] + column

        out = self.text
        for edit in sorted(self.edits, key=lambda e: offset(e.start), reverse=True):
            out = out[: offset(edit.start)] + edit.text + out[offset(edit.end) :]
        return out

    # -- the document ---------------------------------------------------------------------

    def members(self, body_id: str) -> Any:
        return _get(_get(_get(self.root, "bodies"), body_id), "members")

    def remove_items(self, seq: Any, indexes: set[int]) -> None:
        if not indexes:
            return
        if seq.flow_style:
            kept = [self._source(item) for i, item in enumerate(seq.value) if i not in indexes]
            self.replace(seq, "[" + ", ".join(kept) + "]")
            return
        for index in indexes:
            item = seq.value[index]
            self.delete_lines(_dash_line(self.lines, item), last_line(item))

    def _source(self, node: Any) -> str:
        line, column = node.start_mark.line, node.start_mark.column
        end_line, end_column = _end(node)
        if line == end_line:
            return self.lines[line][column:end_column]
        parts = [self.lines[line][column:], *self.lines[line + 1 : end_line]]
        parts.append(self.lines[end_line][:end_column])
        return " ".join(p.strip() for p in parts)

    def set_participant(self, seat: Any) -> None:
        """`attendance: participant` on a seat; `voting` goes (it belongs to member seats)."""
        if seat.flow_style:
            pairs = [
                (self._source(k), "participant" if k.value == "attendance" else self._source(v))
                for k, v in seat.value
                if k.value != "voting"
            ]
            if _get(seat, "attendance") is None:
                pairs.append(("attendance", "participant"))
            self.replace(seat, "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
            return
        attendance = _get(seat, "attendance")
        voting = _key_node(seat, "voting")
        if voting is not None:
            line = voting.start_mark.line
            if not self.lines[line][: voting.start_mark.column].strip():
                self.delete_lines(line, last_line(_get(seat, "voting")))
            else:  # on the dash line: the next key takes its place
                self.edits.append(
                    Edit(
                        (line, voting.start_mark.column),
                        _end(_get(seat, "voting")),
                        "attendance: participant" if attendance is None else "",
                    )
                )
                if attendance is None:
                    return
        if attendance is not None:
            self.replace(attendance, "participant")
        else:
            first_key = seat.value[0][0]
            indent = " " * first_key.start_mark.column
            self.insert_lines(last_line(seat), [f"{indent}attendance: participant"])

    def add_sectors(self, route: Any, sectors: Sequence[str]) -> None:
        if not sectors:
            return
        involves = _get(route, "involves")
        listed = ", ".join(sectors)
        if involves is None:
            if route.flow_style:
                self.insert_at(_closing(self.lines, route, "}"), f", involves: [{listed}]")
            else:
                indent = " " * route.value[0][0].start_mark.column
                self.insert_lines(last_line(route), [f"{indent}involves: [{listed}]"])
        elif involves.id == "sequence" and involves.flow_style:
            sep = ", " if involves.value else ""
            self.insert_at(_closing(self.lines, involves, "]"), f"{sep}{listed}")
        elif involves.id == "sequence" and involves.value:
            indent = " " * _dash_column(self.lines, involves.value[0])
            self.insert_lines(last_line(involves), [f"{indent}- {s}" for s in sectors])
        else:  # `involves: []` written another way, or a single scalar: write the whole list
            self.replace(involves, f"[{listed}]")

    def add_route(self, name: str, kind: str, reports_to: str, sectors: Sequence[str]) -> None:
        engagement = _get(self.root, "engagement")
        fields = [
            ("name", scalar(name)),
            ("type", kind),
            ("reports_to", scalar(reports_to)),
            ("involves", "[" + ", ".join(sectors) + "]"),
        ]
        if engagement is not None and engagement.id == "sequence" and engagement.flow_style:
            flow = "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"
            sep = ", " if engagement.value else ""
            self.insert_at(_closing(self.lines, engagement, "]"), sep + flow)
            return
        if engagement is not None and engagement.id == "sequence" and engagement.value:
            dash = _dash_column(self.lines, engagement.value[0])
            first = _first_key_column(engagement.value[0], dash)
            pad, inner = " " * dash, " " * first
            block = [f"{pad}-{' ' * (first - dash - 1)}{fields[0][0]}: {fields[0][1]}"]
            block += [f"{inner}{k}: {v}" for k, v in fields[1:]]
            self.insert_lines(last_line(engagement), block)
            return
        block = ["engagement:", f"  - {fields[0][0]}: {fields[0][1]}"]
        block += [f"    {k}: {v}" for k, v in fields[1:]]
        if engagement is not None:  # `engagement:` left empty
            key = _key_node(self.root, "engagement")
            self.delete_lines(key.start_mark.line, last_line(engagement))
            self.insert_lines(key.start_mark.line - 1, block)
            return
        self.insert_lines(len(self.lines) - 1, block)

    def route_node(self, index: int) -> Any:
        return _get(self.root, "engagement").value[index]


def _first_key_column(item: Any, dash: int) -> int:
    if item.id == "mapping" and item.value and not item.flow_style:
        return int(item.value[0][0].start_mark.column)
    return dash + 2


def apply_plan(
    text: str,
    path: str,
    body_id: str,
    seat_indexes: Sequence[int],
    *,
    as_participant: bool,
    route_name: str | None,
    route_index: int | None,
    sectors: Sequence[str],
    kind: str,
) -> str:
    """The file's text with the plan's moves made."""
    if not seat_indexes and not sectors:
        return text  # nothing to edit: the text need not be parsed again
    editor = Editor(text, path)
    members = editor.members(body_id)
    if as_participant:
        for index in seat_indexes:
            editor.set_participant(members.value[index])
        return editor.result()
    editor.remove_items(members, set(seat_indexes))
    if route_index is not None:
        editor.add_sectors(editor.route_node(route_index), sectors)
    elif seat_indexes and route_name is not None:
        editor.add_route(route_name, kind, body_id, sectors)
    return editor.result()
