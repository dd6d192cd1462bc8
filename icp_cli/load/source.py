"""Reading a membership file: bytes -> text -> a composed YAML node tree with positions.

Only composition happens here (no Python objects are constructed from tags), with
ruamel.yaml's C parser where it is installed; every node keeps its line and column.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from icp_cli.load.errors import InputError, InputErrors
from icp_cli.load.limits import DEFAULT_LIMITS, ENV_MAX_BYTES, ENV_MAX_DEPTH, Limits
from icp_cli.text import count, lazy_pattern


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
    to do about a file over `max_bytes` and about a missing one.

    The bytes actually read are counted: a device, a FIFO or a pipe (whose size the file
    system does not know) stops at the limit like a regular file.
    """
    try:
        if p.is_dir():
            raise InputErrors([InputError(shown, "is a folder, not a file")])
        info = p.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise InputErrors(
                [
                    InputError(
                        shown,
                        f"file is {info.st_size:,} bytes; the limit is {max_bytes:,}",
                        hint=too_big,
                    )
                ]
            )
        with p.open("rb") as handle:
            return read_limited(handle, shown, max_bytes, too_big=too_big)
    except FileNotFoundError:
        raise InputErrors([InputError(shown, "no such file", hint=missing)]) from None
    except PermissionError:
        raise InputErrors(
            [InputError(shown, "permission denied: the file cannot be read")]
        ) from None
    except OSError as exc:
        raise InputErrors([InputError(shown, f"cannot be read: {exc.strerror or exc}")]) from None
    except ValueError:  # a path with a NUL byte in it
        raise InputErrors([InputError(shown, "no such file", hint=missing)]) from None


_CHUNK = 1024 * 1024


def read_limited(handle: BinaryIO, shown: str, max_bytes: int, *, too_big: str) -> bytes:
    """Everything `handle` gives, or an input error once more than `max_bytes` are read."""
    parts: list[bytes] = []
    total = 0
    while True:
        part = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not part:
            return b"".join(parts)
        total += len(part)
        if total > max_bytes:
            raise InputErrors(
                [
                    InputError(
                        shown,
                        f"more than {max_bytes:,} bytes read; the limit is {max_bytes:,}",
                        hint=too_big,
                    )
                ]
            )
        parts.append(part)


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
    if b"\x00" in data and looks_binary(data):
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


def looks_binary(data: bytes) -> bool:
    """NUL bytes in something that is not text: a known file signature, many NULs, or
    bytes that are not UTF-8. A stray NUL in a text file is a control character instead
    (compose names it)."""
    if data.startswith(_SIGNATURES) or data.count(b"\x00") > 8:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\x1f\x8b")


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
    """The single document's root node (None for an empty document).

    Before the parser sees the text, literal control characters are refused and NEL,
    U+2028 and U+2029 stop being line breaks (YAML 1.2 reads only LF and CR as breaks);
    the nesting is measured on the parser's events when it could be deep. After
    composition the structure is measured with its aliases expanded, and every string,
    keys included, is checked against the control-character rule of docs/spec/membership-format.md.
    """
    errors = text_problems(text, shown)
    if errors:
        raise InputErrors(errors)
    original = text
    breaks = _OTHER_BREAKS.search(text) is not None
    if breaks:
        # One character for one: positions keep.
        text = text.replace("\x85", " ").replace("\u2028", " ").replace("\u2029", " ")
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        measured = _check_depth(text, shown, limits.max_depth)
        root = _composer()(text)
    except MarkedYAMLError as exc:
        raise InputErrors(
            [
                _yaml_error(exc, shown, text),
                *(_break_errors(text, original, shown, None) if breaks else ()),
            ]
        ) from None
    except YAMLError as exc:
        # Reader errors carry a character offset, not a mark.
        offset = getattr(exc, "position", None)
        if isinstance(offset, int):
            line, column = line_column(text, offset)
            raise InputErrors(
                [InputError(shown, f"invalid YAML: {_reader_problem(exc)}", line, column)]
            ) from None
        raise InputErrors([InputError(shown, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InputErrors(
            [InputError(shown, "the YAML is nested too deeply to read")]
        ) from None
    errors = []
    if breaks:
        errors += _break_errors(text, original, shown, _scalar_spans(root))
    if root is not None:
        if "&" in text and "*" in text:
            errors += _aliases(root, shown, limits)
        elif not measured:
            deep = _too_deep_node(root, limits.max_depth)
            if deep is not None:
                errors.append(_too_deep(shown, limits.max_depth, *_position(deep)))
    if errors:
        raise InputErrors(errors[:MAX_ERRORS])
    return root


# -- characters ------------------------------------------------------------------------------

# docs/spec/membership-format.md: a control character (U+0000-U+001F other than a tab,
# U+007F-U+009F),
# a line break (LF, CR, NEL, U+2028, U+2029) or a bidirectional override (U+202A-U+202E,
# U+2066-U+2069) in any string is an input error.
FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
# Characters YAML never allows in a file, even in a comment (a tab, LF and CR are allowed;
# NEL is handled with U+2028 and U+2029).
_LITERAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Line breaks to ruamel.yaml (as in YAML 1.1) that YAML 1.2 reads as ordinary characters.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
MAX_ERRORS = 500


def describe_character(char: str) -> tuple[str, str]:
    """The message and the hint for a character that the rule refuses."""
    code = f"U+{ord(char):04X}"
    if char in LINE_BREAKS:
        return (
            f"line break {code} in text: a field holds one line",
            "write the text on one line (line breaks are often pasted in with it)",
        )
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"bidirectional override {code} in text",
            "delete it: it makes text display in another order than it is stored",
        )
    return (
        f"control character {code} in text",
        "delete it: text holds printable characters only (control characters are "
        "often pasted in invisibly)",
    )


def character_error(
    shown: str, char: str, line: int | None, column: int | None, where: str = ""
) -> InputError:
    """The input error for one refused character, `where` prefixed to its message."""
    message, hint = describe_character(char)
    return InputError(shown, f"{where}{message}", line, column, hint)


def text_problems(text: str, shown: str) -> list[InputError]:
    """Literal control characters anywhere in the text, one error for each (at most
    MAX_ERRORS): YAML refuses them in comments too."""
    errors: list[InputError] = []
    for match in _LITERAL_CONTROLS.finditer(text):
        if len(errors) >= MAX_ERRORS:
            break
        errors.append(character_error(shown, match.group(), *line_column(text, match.start())))
    return errors


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`; lines end at LF, CR or CR LF."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@functools.lru_cache(maxsize=2)
def _line_starts(text: str) -> list[int]:
    """Where each line begins, found once per text: a file with many refused characters
    must not cost a scan of the text for each."""
    return [0, *(m.end() for m in _LINE_BREAK().finditer(text))]


_LINE_BREAK = lazy_pattern(r"\r\n|\r|\n")


def _break_errors(
    text: str, original: str, shown: str, scalars: list[tuple[int, int]] | None
) -> list[InputError]:
    """NEL, U+2028 and U+2029 outside a comment: in a string, or between the YAML's own
    tokens, where ruamel.yaml would read a line break that an editor does not show.

    `scalars` are the (start, end) offsets of every string, sorted; None when the text
    could not be composed (then a '#' after a space starts a comment wherever it is)."""
    errors: list[InputError] = []
    starts = _line_starts(text)
    position = 0
    while len(errors) < MAX_ERRORS:
        match = _OTHER_BREAKS.search(original, position)
        if match is None:
            break
        offset = match.start()
        line = bisect.bisect_right(starts, offset) - 1
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        comment = _comment_start(text, start, end, scalars)
        if offset > comment:
            position = end  # the rest of the line is a comment: every break in it is fine
            continue
        errors.append(character_error(shown, match.group(), line + 1, offset - start + 1))
        position = match.end()
    return errors


def _comment_start(text: str, start: int, end: int, scalars: list[tuple[int, int]] | None) -> int:
    """Where the line's comment begins: its first '#' at the line's start or after a space
    or tab, outside any string; `end` when it has none."""
    hash_at = text.find("#", start, end)
    while hash_at != -1:
        if (hash_at == start or text[hash_at - 1] in " \t") and not (
            scalars and _inside(scalars, hash_at)
        ):
            return hash_at
        hash_at = text.find("#", hash_at + 1, end)
    return end


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", "N": "\x85", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_ESCAPE = lazy_pattern(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])")


def string_errors(node: Any, text: str, shown: str) -> list[InputError]:
    """The refused characters of one string, each at the place in the text that gives
    it: the character itself, or the escape (`\\e`, `\\x1b`) that writes it."""
    value = node.value
    if not isinstance(value, str):
        return []
    style = node.style
    if style in ("|", ">") and value.endswith("\n"):
        # The final line break a block scalar adds is dropped, not an error.
        value = node.value = value[:-1]
    if FORBIDDEN.search(value) is None:
        return []
    start, end = node.start_mark.index, node.end_mark.index
    source = text[start:end]
    found: dict[str, list[int]] = {}
    for match in FORBIDDEN.finditer(source):
        char = match.group()
        if char == "\r" or (char == "\n" and match.start() and source[match.start() - 1] == "\r"):
            if char == "\n":
                continue
            char = "\n"  # a CR, alone or before a LF, is a line break: the value has a LF
        found.setdefault(char, []).append(start + match.start())
    if style in ("|", ">") and found.get("\n"):
        found["\n"].pop(0)  # the end of the header line (`|`, `>-` ...)
    if style == '"':
        for match in _ESCAPE().finditer(source, 1):
            code = match.group(1)
            char = chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPES.get(code, "")
            if char and FORBIDDEN.match(char):
                found.setdefault(char, []).append(start + match.start())
        for offsets in found.values():
            offsets.sort()
    errors = []
    seen: dict[str, int] = {}
    for match in FORBIDDEN.finditer(value):
        char = match.group()
        nth = seen[char] = seen.get(char, -1) + 1
        candidates = found.get(char)
        offset = candidates[min(nth, len(candidates) - 1)] if candidates else start
        errors.append(character_error(shown, char, *line_column(text, offset)))
    return errors


# -- structure -------------------------------------------------------------------------------

MAX_NODES = 1_000_000
"""How many nodes a file may expand to through its aliases (more than it holds itself)."""


def _children(node: Any) -> list[Any]:
    if node.id == "mapping":
        return [item for pair in node.value for item in pair]
    if node.id == "sequence":
        return list(node.value)
    return []


def _scalar_spans(root: Any) -> list[tuple[int, int]]:
    """(start, end) offsets of every scalar, sorted."""
    spans = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "scalar":
            spans.append((node.start_mark.index, node.end_mark.index))
        else:
            stack.extend(_children(node))
    spans.sort()
    return spans


def _too_deep_node(root: Any, max_depth: int) -> Any | None:
    """The first collection, in the file's order, nested more than `max_depth` levels below
    the top one (for a file without aliases, where every node is reached once)."""
    stack = [(root, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        node, level = pop()
        if level > max_depth:
            return node
        level += 1
        if node.id == "sequence":
            for child in reversed(node.value):
                if child.id != "scalar":
                    push((child, level))
        else:
            for key, value in reversed(node.value):
                if value.id != "scalar":
                    push((value, level))
                if key.id != "scalar":
                    push((key, level))
    return None


def _aliases(root: Any, shown: str, limits: Limits) -> list[InputError]:
    """Measure the structure as the model will read it, aliases expanded: how many nodes
    and how deep. Each node is visited once (an aliased node is shared, not copied)."""
    sizes: dict[int, int] = {}  # id(node) -> nodes with aliases expanded
    heights: dict[int, int] = {}  # id(node) -> levels of collections, itself included
    on_path: set[int] = set()
    unique = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), _HUGE)
            heights[key] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        if key in sizes:
            continue
        unique += 1
        if node.id == "scalar":
            sizes[key], heights[key] = 1, 0
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            if id(child) in on_path:
                return [
                    InputError(
                        shown,
                        "an alias refers to a node that holds it: the structure would "
                        "never end",
                        *_position(child),
                        hint="aliases are not needed in a membership file: write it out",
                    )
                ]
            if id(child) not in sizes:
                stack.append((child, False))
    errors = []
    if heights[id(root)] - 1 > limits.max_depth:  # levels below the top collection
        node = root
        for _ in range(limits.max_depth + 1):
            node = next(c for c in _children(node) if heights[id(c)] == heights[id(node)] - 1)
        errors.append(_too_deep(shown, limits.max_depth, *_position(node)))
    budget = max(unique, MAX_NODES)
    if sizes[id(root)] > budget:
        node = root
        while bigger := next((c for c in _children(node) if sizes[id(c)] > budget), None):
            node = bigger
        errors.append(
            InputError(
                shown,
                f"aliases expand this part of the file to more than {budget:,} values "
                f"(the file holds {unique:,})",
                *_position(node),
                hint="write the repeated parts out, and refer to people by id: aliases "
                "are not needed in a membership file",
            )
        )
    return errors


_HUGE = 10**15


def _position(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _too_deep(shown: str, max_depth: int, line: int, column: int) -> InputError:
    return InputError(
        shown,
        f"the YAML is nested more than {max_depth} levels deep",
        line,
        column,
        hint="a membership file needs at most six levels (the limit is set with "
        f"--max-depth or {ENV_MAX_DEPTH})",
    )


def _check_depth(text: str, shown: str, max_depth: int) -> bool:
    """Refuse nesting deeper than `max_depth` before the composer recurses into it, when
    the composer could crash; True when the nesting was measured here.

    ruamel.yaml's C composer recurses once per level and crashes the process (not a Python
    error) some way past ten thousand levels. A quick bound says how deep the file could be:
    every level is a bracket or a step of indentation (at most two levels per leading
    space, dash or '?' of a line, whatever ends the lines). Past COMPOSE_SAFE the nesting is
    measured on the parser's events, which need no recursion, so brackets in a quoted
    string and every kind of line break count as what they are; below it, the composed
    nodes are measured instead (compose), which costs less than a second parse.
    """
    openers = text.count("[") + text.count("{")
    if openers + 2 > COMPOSE_SAFE or _has_deep_line(text, (COMPOSE_SAFE - openers) // 2):
        _event_depth(text, shown, max_depth)
        return True
    # Below max_depth the structure cannot be too deep: nothing to measure afterwards.
    return openers + 2 <= max_depth and not _has_deep_line(text, (max_depth - openers) // 2)


def _has_deep_line(text: str, run: int) -> bool:
    """Whether a line starts with more than `run` spaces, tabs, dashes, '?' or ':'."""
    first, later = _deep_line(max(1, run))
    return bool(first.match(text) or later.search(text))


COMPOSE_SAFE = 2000


@functools.lru_cache(maxsize=8)
def _deep_line(run: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(rf"[ \t?:-]{{{run}}}"), re.compile(rf"[\r\n][ \t?:-]{{{run}}}")


def _event_depth(text: str, shown: str, max_depth: int) -> None:
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib: the pure-Python parser, same events
        from ruamel.yaml import YAML

        events = YAML(typ="safe", pure=True).parse(text)
        dispose = None
    else:
        parser = CParser(text)
        events = iter(parser.get_event, None)
        dispose = parser.dispose
    depth = 0
    try:
        for event in events:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth - 1 > max_depth:
                    mark = event.start_mark
                    raise InputErrors([_too_deep(shown, max_depth, mark.line + 1, mark.column + 1)])
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif type(event).__name__ == "StreamEndEvent":
                return
    finally:
        if dispose is not None:
            dispose()


class Node:
    """A composed YAML node, as the loader reads it: kind (`id`), tag (its text), value
    (text, a list of nodes, or a list of (key, value) pairs), start and end marks (0-based
    `line`, `column`, `index`), and the scalar's `style` or collection's `flow_style`.

    The C composer makes one per node of the file (hundreds of thousands on a national
    check): ruamel.yaml's own node classes run two Python `__init__`s and wrap each tag in
    an object, which cost a third of composing; these have slots and a plain string tag.
    """

    __slots__ = ("end_mark", "start_mark", "style", "tag", "value")
    id = ""

    def __init__(
        self, tag: str, value: Any, start_mark: Any, end_mark: Any, style: Any = None
    ) -> None:
        self.tag = tag
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.style = style

    @property
    def flow_style(self) -> Any:
        return self.style


class ScalarNode(Node):
    __slots__ = ()
    id = "scalar"


class SequenceNode(Node):
    __slots__ = ()
    id = "sequence"


class MappingNode(Node):
    __slots__ = ()
    id = "mapping"


@functools.cache
def _composer() -> Callable[[str], Any]:
    """text -> root node: ruamel.yaml's C parser and composer, making the nodes above, with
    a resolver that answers from a table.

    The C composer asks the resolver for the tag of every node. ruamel.yaml's own resolver
    tracks paths and looks up a table by first character for each scalar; this one keeps
    only what the safe schema of YAML 1.2 needs, so the nodes are those of
    `YAML(typ="safe").compose` (tests/test_source_composer.py compares them).
    """
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib: the pure-Python composer, same nodes
        from ruamel.yaml import YAML

        return lambda text: YAML(typ="safe").compose(text)
    from ruamel.yaml.resolver import BaseResolver, VersionedResolver

    table = VersionedResolver(version=(1, 2)).versioned_resolver
    scalar_tag = str(BaseResolver.DEFAULT_SCALAR_TAG)
    sequence_tag = str(BaseResolver.DEFAULT_SEQUENCE_TAG)
    mapping_tag = str(BaseResolver.DEFAULT_MAPPING_TAG)
    anywhere = table.get(None, [])

    class ByFirst(dict[str, tuple[tuple[str, Any], ...]]):
        """First character -> (tag, match) to try in turn, filled as characters are met:
        compiling every expression up front would cost a small file more than reading it."""

        def __missing__(self, first: str) -> tuple[tuple[str, Any], ...]:
            # `regexp.match` compiles ruamel's lazy expression: keep the real method.
            found = tuple((str(tag), regexp.match) for tag, regexp in table.get(first, []))
            found += tuple((str(tag), regexp.match) for tag, regexp in anywhere)
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

        # No path resolvers in the safe schema: nothing to track while descending. The
        # composer calls these for every node; a built-in callable that takes the same
        # arguments and does nothing costs less than a Python method (slice(parent,
        # index) and tuple() make no object worth the name).
        descend_resolver = slice
        ascend_resolver = tuple

    import sys

    c_module = sys.modules[CParser.__module__]
    ours = {"ScalarNode": ScalarNode, "SequenceNode": SequenceNode, "MappingNode": MappingNode}

    def compose_text(text: str) -> Any:
        # The C composer makes its nodes with the classes named in its module: ours, while
        # this parser runs (and ruamel's again after, for anyone else's ruamel.yaml use).
        theirs = {name: getattr(c_module, name) for name in ours}
        parser = Composer(text)
        try:
            vars(c_module).update(ours)
            return parser.get_single_node()
        finally:
            vars(c_module).update(theirs)
            parser.dispose()

    return compose_text


def _reader_problem(exc: Any) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        return f"the character U+{character:04X} is not allowed in YAML"
    if isinstance(character, str) and character:
        return f"the character U+{ord(character[0]):04X} is not allowed in YAML"
    return "a character that is not allowed in YAML"


def _yaml_error(exc: Any, shown: str, text: str) -> InputError:
    problem = (exc.problem or str(exc)).strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    index = getattr(mark, "index", None)
    at = text[index] if isinstance(index, int) and 0 <= index < len(text) else ""
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


_KEY_LINE = lazy_pattern(
    r"^( *)((?:- +)*)([^\s#'\"\-\[{][^:#]*?|'[^']*'|\"[^\"]*\"):(?: +(\S.*)?)?$"
)
_INDENT_PROBLEMS = (
    "did not find expected",
    "mapping values are not allowed",
    "expected <block end>",
)


def _key_at(line: str) -> tuple[int, str, bool] | None:
    """(the key's column, the key, whether a value follows on the line) for a `key:` line."""
    match = _KEY_LINE().match(line.rstrip())
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
    spaces = count(column, "space")
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
        if found is None or found[2]:
            continue
        parent_at, parent_key, _ = found
        items = (
            len(raw) - len(raw.lstrip(" "))
            for raw in lines[number + 1 : mark_line]
            if raw.lstrip().startswith("- ")
        )
        first = next(items, None)
        if first is None or first < parent_at:
            continue  # not the list's key: a key further up
        if first == dash:
            return None
        return (
            f"the indentation is wrong: this '-' item is indented {dash} spaces, but the "
            f"items of '{parent_key}' (line {number + 1}) are indented {first}",
            f"indent the '-' by {first} spaces, as the items above it are",
            mark_line + 1,
            dash + 1,
        )
    return None
