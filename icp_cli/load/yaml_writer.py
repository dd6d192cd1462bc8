"""Write a membership document the importer built as YAML text, fast, byte for byte as
ruamel.yaml's round-trip dumper writes it with the importer's settings
(`indent(mapping=2, sequence=4, offset=2)`, `width = 4096`, a start comment).

The importer's documents have a fixed shape: mappings and sequences (block style, or flow
style where ruamel's `.fa` says so) of strings, integers and booleans. Most strings are
plain words (`Cllr Helen Ashworth`, `chief-executive`) and are written as they are; any
other scalar is styled by ruamel.yaml's own emitter, once per distinct value and context,
so the quoting rules live in one place. Anything outside that shape (a multi-line scalar,
a line longer than the width, a value of another type, a collection nested in a flow
collection) makes `dump` hand the whole document to ruamel.yaml, which writes it as
before. `tests/test_import_writer.py` compares both writers over every sample.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

WIDTH = 4096  # a long role stays on one line, as in the sheet
_MAX_SCALAR = 1000  # longer scalars, and longer lines, go to ruamel.yaml whole

# A plain scalar every YAML 1.2 reader takes as a string and ruamel.yaml writes unquoted:
# starts with a letter, no indicator or comment character, no trailing space, no `: `.
_PLAIN_BLOCK = re.compile(r"[A-Za-z][A-Za-z0-9 ._()&/',+-]*")
_PLAIN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 ._()&/'+-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


class _Unsupported(Exception):
    """The document is outside the shape this writer knows: ruamel.yaml writes it."""


def _ruamel() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    return yaml


def dump(doc: Mapping[str, Any], start_comment: str | None = None) -> str:
    """The YAML text of `doc` (a ruamel CommentedMap tree), with `start_comment` (lines
    without `#`) above it, as ruamel.yaml's round-trip dumper writes it."""
    try:
        out: list[str] = []
        if start_comment:
            out.extend(_comment_lines(start_comment))
        _block_mapping(doc, 0, out)
        return "".join(out)
    except _Unsupported:
        import io

        if start_comment:
            doc.yaml_set_start_comment(start_comment)  # type: ignore[attr-defined]
        buffer = io.StringIO()
        _ruamel().dump(doc, buffer)
        return buffer.getvalue()


def _comment_lines(comment: str) -> list[str]:
    """As CommentedBase.yaml_set_start_comment writes them."""
    if comment.endswith("\n"):
        comment = comment[:-1]
    lines = []
    for line in comment.split("\n"):
        stripped = line.strip()
        if stripped and stripped[0] != "#":
            line = "# " + line
        lines.append(line + "\n")
    return lines


def _is_flow(value: Any) -> bool:
    fa = getattr(value, "fa", None)
    return fa is not None and bool(fa.flow_style())


def _block_mapping(mapping: Mapping[Any, Any], indent: int, out: list[str]) -> None:
    """The entries of a block mapping whose keys start at column `indent`; the first
    key's line is already begun when the caller wrote `- ` before it."""
    pad = " " * indent
    first = True
    for key, value in mapping.items():
        if not first or not out or out[-1].endswith("\n"):
            out.append(pad)
        first = False
        out.append(_scalar(key, "key"))
        out.append(":")
        _block_value(value, indent, out)


def _block_value(value: Any, indent: int, out: list[str]) -> None:
    """What follows `key:` at column `indent`, through the end of its last line."""
    if not isinstance(value, Mapping | list):
        _line(out, " " + _scalar(value, "block") + "\n")
    elif not value or _is_flow(value):
        _line(out, " " + _flow(value) + "\n")
    else:
        out.append("\n")
        if isinstance(value, Mapping):
            _block_mapping(value, indent + 2, out)
        else:
            _block_sequence(value, indent + 2, out)


def _block_sequence(items: list[Any], indent: int, out: list[str]) -> None:
    """A block sequence whose dashes are at column `indent` (items' content at +2)."""
    pad = " " * indent + "- "
    for item in items:
        out.append(pad)
        if isinstance(item, Mapping) and item and not _is_flow(item):
            _block_mapping(item, indent + 2, out)
        elif isinstance(item, (Mapping, list)):
            if item and not _is_flow(item):
                raise _Unsupported  # a block sequence directly in a sequence
            _line(out, _flow(item) + "\n")
        else:
            _line(out, _scalar(item, "block") + "\n")


def _line(out: list[str], end: str) -> None:
    """Append the end of a line; a line longer than the width is ruamel.yaml's to fold."""
    if len(end) > _MAX_SCALAR:
        raise _Unsupported
    out.append(end)


def _flow(value: Any) -> str:
    if isinstance(value, Mapping):
        if any(isinstance(v, (Mapping, list)) for v in value.values()):
            raise _Unsupported
        inner = ", ".join(
            f"{_scalar(k, 'flowkey')}: {_scalar(v, 'flow')}" for k, v in value.items()
        )
        return "{" + inner + "}"
    if any(isinstance(v, (Mapping, list)) for v in value):
        raise _Unsupported
    return "[" + ", ".join(_scalar(v, "flow") for v in value) + "]"


def _scalar(value: Any, context: str) -> str:
    if type(value) is str:
        plain = _PLAIN_FLOW if context.startswith("flow") else _PLAIN_BLOCK
        if (
            len(value) <= 200
            and plain.fullmatch(value)
            and value[-1] != " "
            and value.lower() not in _RESERVED
        ):
            return value
        if len(value) > _MAX_SCALAR:
            raise _Unsupported
        return _styled(value, context)
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        return _styled(value, context)
    raise _Unsupported


@lru_cache(maxsize=4096)
def _styled(value: Any, context: str) -> str:
    """How ruamel.yaml writes one scalar in this context (key, block, flow, flowkey)."""
    import io

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if context == "key":
        doc, before, after = CommentedMap({value: 0}), "", ": 0\n"
    elif context == "block":
        doc, before, after = CommentedMap(k=value), "k: ", "\n"
    elif context == "flow":
        seq = CommentedSeq([value])
        seq.fa.set_flow_style()
        doc, before, after = CommentedMap(k=seq), "k: [", "]\n"
    else:
        inner = CommentedMap({value: 0})
        inner.fa.set_flow_style()
        doc, before, after = CommentedMap(k=inner), "k: {", ": 0}\n"
    buffer = io.StringIO()
    _ruamel().dump(doc, buffer)
    text = buffer.getvalue()
    if not (text.startswith(before) and text.endswith(after)):
        raise _Unsupported
    styled = text[len(before) : len(text) - len(after)]
    if "\n" in styled:
        raise _Unsupported
    return styled


__all__ = ["WIDTH", "dump"]
