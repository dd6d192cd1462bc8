"""Reading a membership file: bytes -> text -> a composed YAML node tree with positions.

Only composition happens here (no Python objects are constructed from tags), with
ruamel.yaml's C parser where it is installed; every node keeps its line and column.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, InputErrors

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one file may cost to read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


DEFAULT_LIMITS = Limits()


def read_text(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """The file's text, or InputErrors saying why it cannot be read as UTF-8 YAML."""
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputErrors([InputError(shown, "is a folder, not a file")])
        size = p.stat().st_size
        if size > limits.max_bytes:
            raise InputErrors(
                [
                    InputError(
                        shown,
                        f"file is {size:,} bytes; the limit is {limits.max_bytes:,}",
                        hint="split the system into several files, or raise the limit "
                        "with --max-bytes",
                    )
                ]
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputErrors(
            [InputError(shown, "no such file", hint="give the path of a membership YAML file")]
        ) from None
    except PermissionError:
        raise InputErrors(
            [InputError(shown, "permission denied: the file cannot be read")]
        ) from None
    except OSError as exc:
        raise InputErrors([InputError(shown, f"cannot be read: {exc.strerror or exc}")]) from None
    return decode(data, shown)


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
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe")  # C-accelerated where ruamel.yaml.clib is installed
    try:
        return yaml.compose(text)
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
    if text.count("[") + text.count("{") > max_depth:
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
                            hint="a membership file needs at most six levels",
                        )
                    ]
                )
    leading = max(map(len, _LEADING.findall(text)), default=0)
    if leading > _MAX_LEADING:
        match = next(m for m in _LEADING.finditer(text) if len(m.group()) > _MAX_LEADING)
        line, column = _text_position(text, match.start())
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


_BRACKETS = re.compile(r"[\[\]{}]")
_LEADING = re.compile(r"^[ ?:-]+", re.MULTILINE)
_MAX_LEADING = 2000
