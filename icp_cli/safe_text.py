"""Text the user or the file system supplied, made safe for the place it is written to.

One function per destination. Every place that writes a file name, a name, a key, a CLI
argument or a message quoting one of them goes through the function for where it writes:

| destination                          | function          |
|--------------------------------------|-------------------|
| terminal, plain text, stderr, logs   | `terminal`        |
| rich markup strings                  | `rich_markup`     |
| Markdown                             | `markdown`        |
| HTML (text and attribute values)     | `html`            |
| a CSV or spreadsheet cell            | `csv_cell`        |
| Word (docx XML)                      | `docx`            |
| GitHub workflow command data         | `github_data`     |
| GitHub workflow command property     | `github_property` |
| a YAML comment                       | `yaml_comment`    |
| JSON and SARIF                       | `json_text`       |
| a URI (SARIF artifact locations)     | `uri_path`        |

The same characters are dangerous everywhere, so they are shown the same way everywhere,
as a backslash escape that reads back what was there: C0 controls other than tab, DEL and
C1 controls as `\\x1b`; line and paragraph separators, bidirectional overrides and
isolates, and zero-width characters as `\\u2028`; the bytes of a file name that is not
UTF-8 (which Python carries as lone surrogates) as `\\xff`, the byte itself. Documents
meant for reading (Markdown, HTML, Word) hold one-line fields, so a line break there is a
space; everywhere else it is shown as an escape (`\\n`, `\\r`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from icp_cli.text import lazy_pattern

# Line breaks: what some reader somewhere treats as the end of a line (Python's
# str.splitlines(), YAML 1.1, Unicode). A tab is not one and is kept.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Everything made visible: C0 (but tab), DEL, C1, the separators, bidirectional marks,
# embeddings, overrides and isolates, zero-width characters, interlinear annotation
# marks, noncharacters at the end of the BMP, and lone surrogates.
_BEYOND_C0 = (
    "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff"
)
_HOSTILE = lazy_pattern(f"[\x00-\x08\x0a-\x1f{_BEYOND_C0}]")
_BREAK_RUN = lazy_pattern(f"[{_BREAKS}]+")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode carries it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Every hostile character (see the module's docstring) as a backslash escape."""
    if text.isprintable():  # every hostile character is unprintable to Python
        return text
    return _HOSTILE().sub(_escape_char, text)


def one_line(text: str) -> str:
    """Line breaks (runs of them) as one space, then everything else hostile visible."""
    if text.isprintable():  # line breaks are unprintable too
        return text
    return visible(_BREAK_RUN().sub(" ", text))


def file_name(path: object) -> str:
    """A path as text: a name that is not UTF-8 keeps its other characters and shows each
    undecodable byte as `\\xNN`. Control characters are left to the destination."""
    import os

    value = os.fspath(path) if isinstance(path, os.PathLike) else path
    text = os.fsdecode(value) if isinstance(value, bytes) else str(value)
    return text if text.isprintable() else _SURROGATE().sub(_escape_char, text)


_SURROGATE = lazy_pattern("[\ud800-\udfff]")


# -- terminal and plain text -----------------------------------------------------------------

# GitHub Actions runs any output line that starts with `::` (after spaces) as a workflow
# command. User text may land at the start of a line anywhere (a renderer wraps a long name
# at a space, or inside a word), so no `::` is left in it at all.
_DOUBLE_COLON = re.compile(r":(?=:)")


def terminal(value: object) -> str:
    """One line for a terminal, a pipe, stderr or a CI log: no escape sequence, no line
    break, no reordering, and no `::` that could start a workflow command."""
    return _DOUBLE_COLON.sub(r"\\x3a", visible(str(value)))


def rich_markup(value: object) -> str:
    """`terminal`, and rich's markup brackets escaped, for a string rich parses as markup."""
    from rich.markup import escape

    return escape(terminal(value))


def terminal_copy(value: Any) -> Any:
    """A view with every string passed through `terminal` (`map_text`): for renderers that
    lay text out in columns, so that widths are measured on what is printed."""
    return map_text(value, terminal)


def map_text(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of a structure (dataclasses, tuples, lists, dicts) with every string, keys
    included, passed through `change`. Equal strings stay equal; a part with nothing to
    change is the same object."""
    import dataclasses

    memo: dict[str, str] = {}

    def text(item: str) -> str:
        shown = memo.get(item)
        if shown is None:
            shown = memo[item] = change(item)
        return item if shown == item else shown

    def copy(item: Any) -> Any:
        if isinstance(item, str):
            return text(item)
        if isinstance(item, tuple | list):
            items = [copy(v) for v in item]
            same = all(a is b for a, b in zip(items, item, strict=True))
            return item if same else type(item)(items)
        if isinstance(item, dict):
            pairs = [(copy(k), copy(v)) for k, v in item.items()]
            olds = item.items()
            same = all(k is a and v is b for (k, v), (a, b) in zip(pairs, olds, strict=True))
            return item if same else dict(pairs)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {}
            for field in dataclasses.fields(item):
                if field.init:
                    old = getattr(item, field.name)
                    new = copy(old)
                    if new is not old:
                        changes[field.name] = new
            return dataclasses.replace(item, **changes) if changes else item
        return item

    return copy(value)


# -- Markdown --------------------------------------------------------------------------------

# Characters that are Markdown syntax anywhere on a line; `(`, `)`, `#`, `+`, `!` and `.`
# only matter in places escaped separately (line starts) or after an escaped `[`.
_MD_INLINE = lazy_pattern(r"([\\`*_\[\]<>|~])")
# The check report's older, wider set: every character Markdown may read as syntax.
_MD_EVERY = lazy_pattern(r"([\\`*_{}\[\]<>()#+!|~])")
_MD_ENTITY = lazy_pattern(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = lazy_pattern(r"^(?:([#+=:-])|(\d+)([.)]))")
_MD_SPACE = lazy_pattern(f"[ \t\f\v{_BREAKS}]+")  # not \s: a no-break space is kept
# Text that markdown() returns as it is: a letter first, then letters, digits, punctuation
# that is no syntax inside a line, and single spaces between words (no hostile character is
# a letter or a digit), and no `_` (which `\w` lets through). Most names, roles and
# organisations are such text; one match costs less than the passes below
# (tests/test_markdown_plain.py holds the two paths together).
_MD_PLAIN = lazy_pattern(r"[^\W\d_][\w'’,.()/-]*(?: [\w'’,.()/-]+)*")


def markdown(value: object, *, every: bool = False) -> str:
    """User text as literal Markdown on one line: no emphasis, links, HTML, headings, list
    markers, table breaks or workflow commands. Whitespace and line breaks of any kind
    become single spaces; other hostile characters are made visible. `every` escapes
    every punctuation character Markdown may read, not only those that matter where
    they stand (the check report's style)."""
    text = str(value)
    if not every and "_" not in text and _MD_PLAIN().fullmatch(text):
        return text
    text = _MD_SPACE().sub(" ", text).strip()
    text = (_MD_EVERY if every else _MD_INLINE)().sub(r"\\\1", text)
    text = _MD_ENTITY().sub(r"\\&", text)
    text = _DOUBLE_COLON.sub(r"\\:", text)
    text = _MD_LINE_START().sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )
    return visible(text)


# -- HTML ------------------------------------------------------------------------------------


def html(value: object) -> Any:
    """User text as HTML text or an attribute value (entities for `<>&'"`), on one line,
    hostile characters visible. Returns markupsafe's Markup. Anything is escaped, markup
    too: this is for text that must read as it is."""
    from markupsafe import escape

    return escape(one_line(str(value)))


# -- CSV and spreadsheet cells ---------------------------------------------------------------

# Spreadsheets run text that starts with these as a formula (OWASP, CSV injection), and
# drop the leading zeros of a number. Leading spaces and controls are skipped before the
# test, so that they cannot hide a formula from it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_LEADING_ZERO = lazy_pattern(r"0\d+(?:\.\d*)?")
_LEAD = " \t\r\n\x0b\x0c\u00a0\u3000\ufeff\u200b"


def needs_quote(value: str) -> bool:
    """Whether a spreadsheet would read the value as other than text (or drop its leading
    apostrophe, which marks text)."""
    if value.startswith((*_FORMULA_START, "'")):
        return True
    body = value.lstrip(_LEAD)
    return body.startswith(_FORMULA_START) or bool(_LEADING_ZERO().fullmatch(value))


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as the text it is: controls and line breaks visible (a bare
    CR splits a row in some spreadsheets), then a leading `'` before formula-like text or a
    number with a leading zero. `uncsv_cell` gives back the value of a plain cell."""
    text = visible(value)
    return "'" + text if needs_quote(text) else text


def uncsv_cell(value: str) -> str:
    """The value `csv_cell` was given; a `'` before other text is kept."""
    if value.startswith("'") and needs_quote(value[1:]):
        return value[1:]
    return value


# -- Word ------------------------------------------------------------------------------------


DOCX_PROPERTY_LIMIT = 255  # characters python-docx allows in a core property


def docx(value: object, limit: int | None = None) -> str:
    """Text for a Word run: XML 1.0 has no control characters (python-docx raises on them),
    so they are made visible, and a line break is a space. A tab is kept (a Word tab).
    `limit` shortens it, with an ellipsis (document properties hold 255 characters)."""
    text = one_line(str(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


# -- GitHub Actions workflow commands --------------------------------------------------------


def github_data(value: object) -> str:
    """The message part of `::error file=…::message`: `%`, CR and LF percent-encoded, as
    the runner decodes them; other hostile characters visible."""
    text = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def github_property(value: object) -> str:
    """A property value (`file=`, `title=`): as data, and `:` and `,` too, which end it."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


# -- YAML comments ---------------------------------------------------------------------------


def yaml_comment(value: object) -> str:
    """Text inside a `# …` comment: one line whatever reads it (YAML 1.1 readers also break
    lines at NEL, U+2028 and U+2029), so nothing after it can become a key."""
    return visible(str(value))


# -- JSON, SARIF and URIs --------------------------------------------------------------------


def json_text(value: str) -> str:
    """A string for JSON: JSON escapes control characters itself, but a lone surrogate (a
    file name that is not UTF-8) has no UTF-8 form; its byte is shown as `\\xNN`."""
    return value if value.isprintable() else _SURROGATE().sub(_escape_char, value)


# In JSON text written with ensure_ascii=False, any of these is inside a string: C0 is
# already escaped by the encoder and is left alone (its LFs are the document's own).
_JSON_UNSAFE = lazy_pattern(f"[{_BEYOND_C0}]")


def json_document(text: str) -> str:
    """A JSON document (from json.dumps with ensure_ascii=False) made safe to print: DEL,
    C1, separators, bidirectional and zero-width characters as `\\uXXXX` escapes (the
    same strings once parsed), a lone surrogate as the text `\\xNN` (the byte it stands
    for, as every other output shows it)."""
    return _JSON_UNSAFE().sub(_json_escape, text) if _JSON_UNSAFE().search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\\" + json_text(char)
    return f"\\u{ord(char):04x}"


def uri_path(path: str) -> str:
    """A relative path as a URI path: the file name's own bytes, percent-encoded."""
    from urllib.parse import quote

    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


__all__ = [
    "DOCX_PROPERTY_LIMIT",
    "csv_cell",
    "docx",
    "file_name",
    "github_data",
    "github_property",
    "html",
    "json_document",
    "json_text",
    "map_text",
    "markdown",
    "needs_quote",
    "one_line",
    "rich_markup",
    "terminal",
    "terminal_copy",
    "uncsv_cell",
    "uri_path",
    "visible",
    "yaml_comment",
]
