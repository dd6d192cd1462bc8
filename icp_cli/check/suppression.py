"""`# icp: ignore[CODE, …]`: silencing findings at one place in the file.

A directive in a YAML comment silences the codes it names (full codes or prefixes such as
`D2`, as `--select` takes) for findings that point at the comment's own line, or at the
line below when the comment stands alone on its line. The comment is found by scanning the
text line by line: a `#` counts only where YAML starts a comment (at the start of a line or
after a space, outside quoted strings and block scalars), so a name or a note that merely
contains the words is never read as a directive.

An unknown code, or a directive that names no codes, is a note; nothing is suppressed for it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from icp_cli.check.findings import FileResult, Finding, Note
from icp_cli.immutable import frozen
from icp_cli.text import lazy_pattern

_DIRECTIVE = lazy_pattern(r"icp:\s*ignore\b(?:\[([^\]]*)\])?")
_QUICK = re.compile(r"icp:\s*ignore")
_SPECIAL = lazy_pattern(r"[#'\"]")
_LINE_BREAK = lazy_pattern(r"\r\n|\r|\n")
_BLOCK = lazy_pattern(r"(?:^|\s)[|>][1-9+-]{0,2}$")
_PREFIX = lazy_pattern(r"^\s*(?:-\s+)*")


@frozen
class Directive:
    line: int
    alone: bool  # the comment is the whole line: it covers the line below too
    codes: tuple[str, ...]


def apply(result: FileResult, text: str) -> FileResult:
    """The result with the findings the file's directives silence moved to `suppressed`,
    and a note for every code a directive names that is not a rule code."""
    if not _QUICK.search(text):  # most files have none: no scan
        return result
    from icp_cli.check.rules.registry import valid_selector

    by_line: dict[int, list[str]] = {}
    notes: list[Note] = []
    for d in directives(text):
        if not d.codes:
            notes.append(
                Note(
                    "the icp: ignore comment names no rule codes; nothing is suppressed "
                    "(write # icp: ignore[CODE, …])",
                    line=d.line,
                )
            )
            continue
        for code in d.codes:
            if not valid_selector(code):
                notes.append(
                    Note(
                        f"'{code}' in an icp: ignore comment is not a rule code or prefix; "
                        "it suppresses nothing (see 'icp rules')",
                        line=d.line,
                    )
                )
                continue
            by_line.setdefault(d.line, []).append(code)
            if d.alone:
                by_line.setdefault(d.line + 1, []).append(code)
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for f in result.findings:
        codes = by_line.get(f.line, ())
        (silenced if any(f.code.startswith(c) for c in codes) else kept).append(f)
    if not silenced and not notes:
        return result
    return dataclasses.replace(
        result,
        findings=tuple(kept),
        suppressed=(*result.suppressed, *silenced),
        notes=(*result.notes, *notes),
    )


def directives(text: str) -> Iterator[Directive]:
    for number, start, line in comments(text):
        comment = line[start + 1 :]
        for match in _DIRECTIVE().finditer(comment):
            inner = match.group(1) or ""
            codes = tuple(c.strip().upper() for c in inner.split(",") if c.strip())
            yield Directive(number, not line[:start].strip(), codes)


def comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(line number, column of the `#`, the line) for every line that holds a YAML comment."""
    quote: str | None = None  # a quoted scalar left open at the end of the previous line
    block: int | None = None  # inside a block scalar: lines indented more than this
    # Lines as the positions count them (CR LF, CR or LF), not str.splitlines(), which
    # also breaks at form feeds and separators that may stand in a comment.
    for number, line in enumerate(_LINE_BREAK().split(text), start=1):
        if block is not None:
            indent = len(line) - len(line.lstrip(" "))
            if not line.strip() or indent > block:
                continue  # the scalar's own text
            block = None
        start, quote = _scan(line, quote)
        if start is not None:
            yield number, start, line
        if quote is None:
            block = _block_start(line if start is None else line[:start])
    return


def _scan(line: str, quote: str | None) -> tuple[int | None, str | None]:
    """Where the line's comment starts (None: no comment), and the quote left open.
    Linear in the line: it jumps from one `#` or quote to the next."""
    i = 0
    if quote is not None:
        i = _close(line, 0, quote)
        if i < 0:
            return None, quote
    while True:
        match = _SPECIAL().search(line, i)
        if match is None:
            return None, None
        i = match.start()
        c = line[i]
        if c == "#":
            if i == 0 or line[i - 1] in " \t":
                return i, None
            i += 1
            continue
        if _opens(line, i, _last(line, i)):
            end = _close(line, i + 1, c)
            if end < 0:
                return None, c
            i = end
        else:
            i += 1


def _last(line: str, i: int) -> str:
    """The last character before `i` that is not a space ('' at the line's start)."""
    j = i - 1
    while j >= 0 and line[j] in " \t":
        j -= 1
    return line[j] if j >= 0 else ""


def _opens(line: str, i: int, last: str) -> bool:
    """A quote starts a quoted scalar only where a scalar can start."""
    if not last or last in "[{,":
        return True
    return last in ":-?" and line[i - 1] in " \t"


def _close(line: str, i: int, quote: str) -> int:
    """The index after the closing quote, or -1 when the string goes on past the line."""
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and i + 1 < n and line[i + 1] == "'":
                i += 2  # '' is a quote inside a single-quoted string
                continue
            return i + 1
        i += 1
    return -1


def _block_start(content: str) -> int | None:
    """If the line starts a block scalar (`key: |`, `- >-`), the indentation its text must
    exceed; else None."""
    content = content.rstrip()
    match = _BLOCK().search(content)
    if not match:
        return None
    lead = content[: match.start()].rstrip()
    if lead.endswith(":"):
        return _PREFIX().match(lead).end()  # type: ignore[union-attr]  # the key's column
    if lead.endswith(("-", "?")) and (len(lead) == 1 or lead[-2] in " \t"):
        return len(lead) - 1  # the dash's column
    if not lead:
        return len(content) - len(content.lstrip(" ")) - 1
    return None
