"""Reading a membership file: bytes -> text -> a composed YAML node tree with positions.

Only composition happens here (no Python objects are constructed from tags), with
ruamel.yaml's C parser where it is installed; every node keeps its line and column.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import InputError, InputErrors
from .limits import DEFAULT_LIMITS, ENV_MAX_BYTES, ENV_MAX_DEPTH, Limits


def read_text(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """The file's text, or InputErrors saying why it cannot be read as UTF-8 YAML."""
    data = read_bytes(
        Path(path),
        str(path),
        limits.max_bytes,
        too_big="split the system into several files, or raise the limit "
        f"with --max-bytes or {ENV_MAX_BYTES}",
        missing=(
            # The default file of check, overlap and the rest: nothing has been started here.
            "no membership file here: give a file's path, or start one with 'icp init'"
            if str(path) == "membership.yaml"
            else "give the path of a membership YAML file"
        ),
    )
    return decode(data, str(path))


def read_bytes(p: Path, shown: str, max_bytes: int, *, too_big: str, missing: str) -> bytes:
    """The file's bytes, or InputErrors saying why they cannot be read; the hints say what
    to do about a file over `max_bytes` and about a missing one."""
    try:
        if p.is_dir():
            raise InputErrors([InputError(shown, "is a folder, not a file")])
        size = p.stat().st_size
        if size > max_bytes:
            raise InputErrors(
                [
                    InputError(
                        shown, f"file is {size:,} bytes; the limit is {max_bytes:,}", hint=too_big
                    )
                ]
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise InputErrors([InputError(shown, "no such file", hint=missing)]) from None
    except PermissionError:
        raise InputErrors(
            [InputError(shown, "permission denied: the file cannot be read")]
        ) from None
    except OSError as exc:
        raise InputErrors([InputError(shown, f"cannot be read: {exc.strerror or exc}")]) from None


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM allowed); explain the other encodings people send."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        raise InputErrors(
            [
                InputError(
                    shown,
                    "the file is UTF-16, not UTF-8",
                    hint="save it again as UTF-8 (in Excel or Notepad: 'Save as', "
                    "encoding 'UTF-8')",
                )
            ]
        )
    if b"\x00" in data:
        line, column = _position_of(data, data.index(b"\x00"))
        raise InputErrors(
            [
                InputError(
                    shown,
                    "this is a binary file, not a YAML text file",
                    line,
                    column,
                    hint="give the membership .yaml file, not a spreadsheet or document",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position_of(data, exc.start)
        raise InputErrors(
            [
                InputError(
                    shown,
                    f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                    line,
                    column,
                    hint="save it again as UTF-8; files from older Windows programs are "
                    "often in Windows-1252",
                )
            ]
        ) from None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: text whose every other byte is NUL."""
    head = data[:64]
    if len(head) < 4:
        return False
    return head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    last_newline = before.rfind(b"\n")
    column = len(before[last_newline + 1 :].decode("utf-8", "replace")) + 1
    return line, column


def compose(text: str, shown: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The single document's root node (None for an empty document)."""
    _check_depth(text, shown, limits.max_depth)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _composer()(text)
    except MarkedYAMLError as exc:
        raise InputErrors([_yaml_error(exc, shown, text)]) from None
    except YAMLError as exc:
        # Reader errors (control characters) carry a character offset, not a mark.
        offset = getattr(exc, "position", None)
        if isinstance(offset, int):
            line, column = _text_position(text, offset)
            raise InputErrors(
                [InputError(shown, f"invalid YAML: {_reader_problem(exc)}", line, column)]
            ) from None
        raise InputErrors([InputError(shown, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InputErrors(
            [InputError(shown, "the YAML is nested too deeply to read")]
        ) from None


SHARED_TAGS: dict[int, str] = {}
"""The tags the composer gives its nodes, by identity: id(node.ctag) -> the tag's text."""


@functools.cache
def _composer() -> Callable[[str], Any]:
    """text -> root node: ruamel.yaml's C parser and composer, with a resolver that
    answers from a table.

    The C composer asks the resolver for the tag of every node. ruamel.yaml's own resolver
    looks up the YAML version and walks lazily compiled expressions on each call, which
    costs more than parsing the node; the answers depend only on the node's kind and, for a
    plain scalar, on its text, so they are taken from YAML 1.2's table of first characters
    and compiled expressions, built once. The tags, values and marks are those of
    `YAML(typ="safe").compose` (tests/test_source_composer.py compares them).
    """
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib: the pure-Python composer, same nodes
        from ruamel.yaml import YAML

        return lambda text: YAML(typ="safe").compose(text)
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import BaseResolver, VersionedResolver
    from ruamel.yaml.tag import Tag

    table = VersionedResolver(version=(1, 2)).versioned_resolver
    scalar_tag = BaseResolver.DEFAULT_SCALAR_TAG
    sequence_tag = BaseResolver.DEFAULT_SEQUENCE_TAG
    mapping_tag = BaseResolver.DEFAULT_MAPPING_TAG
    tags = {str(t): t for t in (scalar_tag, sequence_tag, mapping_tag)}
    for pairs in table.values():
        for tag, _ in pairs:
            tags.setdefault(tag, Tag(suffix=tag))
    anywhere = table.get(None, [])

    class ByFirst(dict[str, tuple[tuple[Tag, Any], ...]]):
        """First character -> (tag, match) to try in turn, filled as characters are met:
        compiling every expression up front would cost a small file more than reading it."""

        def __missing__(self, first: str) -> tuple[tuple[Tag, Any], ...]:
            # `regexp.match` compiles ruamel's lazy expression: keep the real method.
            found = tuple((tags[tag], regexp.match) for tag, regexp in table.get(first, []))
            found += tuple((tags[tag], regexp.match) for tag, regexp in anywhere)
            self[first] = found
            return found

    by_first = ByFirst()

    class Composer(CParser):  # type: ignore[misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, match in by_first[value[:1]]:
                        if match(value):
                            return tag
                return scalar_tag
            return sequence_tag if kind is SequenceNode else mapping_tag

        # No path resolvers in the safe schema: nothing to track while descending.
        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    SHARED_TAGS.update((id(tag), text) for text, tag in tags.items())

    def compose_text(text: str) -> Any:
        parser = Composer(text)
        try:
            return parser.get_single_node()
        finally:
            parser.dispose()

    return compose_text


def _reader_problem(exc: Any) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        return f"the character #x{character:04x} is not allowed in YAML"
    if isinstance(character, str) and character:
        return f"the character #x{ord(character[0]):04x} is not allowed in YAML"
    return "a character that is not allowed in YAML"


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _yaml_error(exc: Any, shown: str, text: str) -> InputError:
    problem = (exc.problem or str(exc)).strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    at = _char_at(text, mark.line, mark.column) if mark is not None else ""
    hint = None
    if "expected a single document" in str(exc.context or "") + problem:
        problem = "a second YAML document: a membership file holds exactly one"
        hint = "remove the '---' line and what follows, or move it to its own file"
    elif "incompatible YAML document" in problem:
        hint = "a membership file is YAML 1.2: remove the '%YAML' line"
    elif mark is not None and at != "\t" and (
        found := _indentation_problem(text, mark.line, problem)
    ):
        # The parser's words ("did not find expected '-' indicator") say nothing to someone
        # who moved a key by a space: say what is wrong with the indentation, and where.
        message, hint, line, column = found
        return InputError(shown, message, line, column, hint)
    else:
        if exc.context:
            problem = f"{problem} ({exc.context.strip()})"
        if at == "\t" or "'\\t'" in problem:
            hint = "YAML indents with spaces, not tabs: replace the tab with spaces"
        elif "mapping values are not allowed" in problem:
            hint = "a value containing ': ' must be put in quotes"
        elif "undefined alias" in problem:
            hint = "an alias (*name) needs an anchor (&name) earlier in the file"
        elif "unexpected end of stream" in problem and "quoted scalar" in problem:
            hint = "a quoted value is not closed: add the closing quote"
    return InputError(shown, f"invalid YAML: {problem}", line, column, hint)


_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\s#'\"\-\[{][^:#]*?|'[^']*'|\"[^\"]*\"):(?: +(\S.*)?)?$")
_INDENT_PROBLEMS = (
    "did not find expected",
    "mapping values are not allowed",
    "expected <block end>",
)


def _key_at(line: str) -> tuple[int, str, bool] | None:
    """(the key's column, the key, whether a value follows on the line) for a `key:` line."""
    match = _KEY_LINE.match(line.rstrip())
    if match is None:
        return None
    indent, dashes, key, value = match.groups()
    has_value = value is not None and not value.startswith(("#", "&", "!"))
    return len(indent) + len(dashes), key.strip("'\""), has_value


def _indentation_problem(
    text: str, mark_line: int, problem: str
) -> tuple[str, str, int, int] | None:
    """Words for a key indented to no level the lines above it open, or None."""
    if not any(p in problem for p in _INDENT_PROBLEMS):
        return None
    lines = text.splitlines()
    if mark_line >= len(lines):
        return None
    here = _key_at(lines[mark_line])
    if here is None:
        return None
    column, key, _ = here
    if lines[mark_line].lstrip().startswith("- "):
        return _item_indentation(lines, mark_line)
    # Open levels above the line: (column of a key, key, line number, has a value).
    levels: list[tuple[int, str, int, bool]] = []
    for number, raw in enumerate(lines[:mark_line], start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        found = _key_at(raw)
        if found is None:
            continue
        at, name, has_value = found
        while levels and levels[-1][0] >= at:
            levels.pop()
        levels.append((at, name, number, has_value))
    if not levels or any(at == column for at, *_ in levels):
        return None
    line = mark_line + 1
    last_at, last_key, last_line, last_has_value = levels[-1]
    spaces = f"{column} space{'s' if column != 1 else ''}"
    if column > last_at:
        if not last_has_value:
            return None
        return (
            f"the indentation is wrong: '{key}' is indented further than '{last_key}' on "
            f"line {last_line}, as if it belonged under it, but '{last_key}' already has a value",
            f"indent '{key}' by {last_at} spaces, as '{last_key}' is, to put it beside it",
            line,
            column + 1,
        )
    parents = [lv for lv in levels if lv[0] < column]
    children = [lv for lv in levels if lv[0] > column]
    child_at = children[0][0]
    if not parents:
        return (
            f"the indentation is wrong: '{key}' is indented {spaces}, but the keys at the "
            f"top of the file start at column 1",
            f"remove the spaces before '{key}', or indent it by {child_at} spaces",
            line,
            column + 1,
        )
    parent_at, parent_key, parent_line, _ = parents[-1]
    return (
        f"the indentation is wrong: '{key}' is indented {spaces}, which lines up with no key "
        f"above it; the keys under '{parent_key}' (line {parent_line}) are indented "
        f"{child_at} spaces",
        f"indent '{key}' by {child_at} spaces to put it under '{parent_key}', or by "
        f"{parent_at} to put it beside '{parent_key}'",
        line,
        column + 1,
    )


def _item_indentation(lines: list[str], mark_line: int) -> tuple[str, str, int, int] | None:
    """A `- ` item indented unlike the other items of its list."""
    dash = len(lines[mark_line]) - len(lines[mark_line].lstrip(" "))
    for number in range(mark_line - 1, -1, -1):
        found = _key_at(lines[number])
        if found is None or found[2] or found[0] > dash:
            continue
        _, parent_key, _ = found
        items = (
            len(raw) - len(raw.lstrip(" "))
            for raw in lines[number + 1 : mark_line]
            if raw.lstrip().startswith("- ")
        )
        first = next(items, None)
        if first is None or first == dash:
            return None
        return (
            f"the indentation is wrong: this '-' item is indented {dash} spaces, but the "
            f"items of '{parent_key}' (line {number + 1}) are indented {first}",
            f"indent the '-' by {first} spaces, as the items above it are",
            mark_line + 1,
            dash + 1,
        )
    return None


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    index = start + column
    return text[index] if index < len(text) else ""


def _check_depth(text: str, shown: str, max_depth: int) -> None:
    """Refuse pathologically nested input before the parser recurses into it.

    ruamel.yaml's C composer recurses once per level and crashes the process (not a Python
    error) somewhere past ten thousand levels. Flow nesting is counted from the brackets;
    block nesting cannot be deeper than a line's leading run of spaces and dashes.
    """
    if text.count("[") + text.count("{") > max_depth and _deepest(text) > max_depth:
        depth = 0
        for match in _BRACKETS.finditer(text):
            depth += 1 if match.group() in "[{" else -1 if depth else 0
            if depth > max_depth:
                line, column = _text_position(text, match.start())
                raise InputErrors(
                    [
                        InputError(
                            shown,
                            f"the YAML is nested more than {max_depth} levels deep",
                            line,
                            column,
                            hint="a membership file needs at most six levels (the limit "
                            f"is set with --max-depth or {ENV_MAX_DEPTH})",
                        )
                    ]
                )
    # One search for the rare deep line (a literal newline prefix makes it a fast scan);
    # the line's position is worked out only when one is found.
    deep = _DEEP_FIRST_LINE.match(text) or _DEEP_LINE.search(text)
    if deep is not None:
        start = deep.start() + (deep.group().startswith("\n"))
        line, column = _text_position(text, start)
        raise InputErrors(
            [
                InputError(
                    shown,
                    f"a line is indented by more than {_MAX_LEADING} characters",
                    line,
                    column,
                    hint="a membership file needs at most six levels of nesting",
                )
            ]
        )


def _deepest(text: str) -> int:
    """How deep the brackets nest, counted as _check_depth counts them (a closing bracket
    at depth 0 is ignored), over the brackets alone: a file of flow mappings has hundreds."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif depth:
            depth -= 1
    return deepest


_BRACKETS = re.compile(r"[\[\]{}]")
_MAX_LEADING = 2000
_DEEP_FIRST_LINE = re.compile(rf"[ ?:-]{{{_MAX_LEADING + 1}}}")
_DEEP_LINE = re.compile(rf"\n[ ?:-]{{{_MAX_LEADING + 1}}}")
