"""Layout decisions the overlap renderers share: short column labels, cell marks, the
width of the name column and how the matrix folds into pages of bodies. No rich here."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from icp_cli.overlap.views import Cell, Column, Overlap, Row
from icp_cli.text import count as count_of

# Column headers longer than this become abbreviations, mapped to the body in the legend.
LABEL_LIMIT = 6
# The widest a text matrix gets, whatever the terminal: beyond it rows are hard to follow.
MAX_TEXT_WIDTH = 1000
# A Markdown table longer than this many bodies is split: a board paper's page is narrow.
MARKDOWN_BODIES_PER_TABLE = 8

MARK_OF_ATTENDANCE = {"member": "M", "participant": "P", "observer": "O", "substitute": "S"}
CHAIR = "C"
EMPTY = "."
NON_VOTING = "N"  # a member without a vote (`voting: false`)

ROW_HEADING = {"person": "Person", "organisation": "Organisation", "sector": "Sector group"}
HEADING = {
    "person": "who sits where",
    "organisation": "seats by organisation",
    "sector": "seats by sector group",
}
ROWS_NOUN = {
    "person": ("person", "people"),
    "organisation": ("organisation", "organisations"),
    "sector": ("sector group", "sector groups"),
}

_SPLIT = re.compile(r"[-_.\s]+")


def plural(count: int, by: str) -> str:
    return count_of(count, *ROWS_NOUN[by])


def summary(view: Overlap, shared_mark: str) -> str:
    """The line under the title: how many bodies and rows, and how many are shared."""
    bodies = len(view.columns)
    text = f"{count_of(bodies, 'body', 'bodies')}, "
    rows = sum(1 for r in view.rows if r.id is not None)
    if view.selected is not None and len(view.selected) == 2:
        return f"{text}{plural(rows, view.by)}."
    shared = len(view.shared_rows)
    if view.only_shared:
        return (
            f"{text}{shared} of {plural(view.total, view.by)} on two or more bodies; "
            "only those are shown."
        )
    text += f"{plural(rows, view.by)}; {shared} on two or more bodies"
    if shared:
        text += f" ({shared_mark}" + (", listed first)" if view.by != "sector" else ")")
    return text + "."


# From this many pages on, the matrix says how to narrow it.
MANY_PAGES = 5


def narrowing_hint(pages: int) -> str:
    return (
        f"The matrix needs {pages} pages of bodies at this width: --only-shared, "
        "--bodies A,B,C or --by organisation narrow it; --width widens it."
    )


MAYBE_SAME_TITLE = "Possibly the same person, counted here as two (D204 in icp check):"
MAYBE_SAME_HINT = (
    "If two names are one person, give them one people[] entry and use person: on every "
    "seat; if they are two people, list one in the other's not_same_as."
)


def maybe_same_lines(view: Overlap) -> list[str]:
    """One line per pair of close names (plain text; renderers escape or style it)."""
    return [
        f"{q.a_name} (line {q.a_line}) and {q.b_name} (line {q.b_line})" for q in view.maybe_same
    ]


def _abbreviate(body_id: str, limit: int) -> str:
    if len(body_id) <= limit:
        return body_id
    parts = [p for p in _SPLIT.split(body_id) if p]
    if len(parts) > 1 and parts[-1].isdigit():
        # Numbered bodies keep their number: body-00017 -> body-17, b-1199 when long.
        number = str(int(parts[-1]))
        room = limit - len(number) - 1
        if room < 1:
            return number[-limit:]
        words = parts[:-1]
        stem = words[0][:room] if len(words) == 1 else "".join(w[0] for w in words)[:room]
        return f"{stem}-{number}"
    if len(parts) <= 1:
        return body_id[:limit]
    head = parts[0][: max(1, min(3, limit - 3))]
    budget = limit - len(head) - 1
    rest = parts[1:]
    tail = rest[0][:budget] if len(rest) == 1 else "".join(p[0] for p in rest)[:budget]
    return f"{head}-{tail}"


def short_labels(ids: Sequence[str], limit: int = LABEL_LIMIT) -> dict[str, str]:
    """A unique header of at most `limit` characters for each body id.

    Short ids are kept as they are (and reserved first, so no abbreviation takes one);
    longer ones become the first letters of their first part and the initials of the
    rest (`hwb-south-wessex` -> `hwb-sw`), or keep their number (`body-00017` ->
    `body-17`), made unique with a digit where two collide.
    """
    labels: dict[str, str] = {i: i for i in ids if len(i) <= limit}
    used = set(labels.values())
    for body_id in ids:
        if body_id in labels:
            continue
        label = _abbreviate(body_id, limit)
        if label in used:
            for n in range(2, 10_000):
                digits = str(n)
                candidate = label[: limit - len(digits)] + digits
                if candidate not in used:
                    label = candidate
                    break
        labels[body_id] = label
        used.add(label)
    return {i: labels[i] for i in ids}


def ids_fit(columns: Sequence[Column], available: int, gap: int) -> bool:
    """Whether the body ids themselves fit as headers on one page."""
    return sum(column_width(c.id) + gap for c in columns) <= available


def mark(cell: Cell | None, by: str) -> str:
    """What a matrix cell shows: an attendance letter (C for a chair) or a seat count."""
    if cell is None:
        return EMPTY
    if by != "person":
        return str(cell.seats)
    letter = MARK_OF_ATTENDANCE.get(cell.attendance, "?")
    if letter == "M" and cell.non_voting:
        letter = NON_VOTING
    if cell.chair:
        return CHAIR if letter == "M" else CHAIR + letter
    return letter


def uses_two_letter_chairs(view: Overlap) -> bool:
    return view.by == "person" and any(
        c.chair and (c.attendance != "member" or c.non_voting)
        for r in view.rows
        for c in r.cells.values()
    )


def uses_non_voting(view: Overlap) -> bool:
    return view.by == "person" and any(
        c.non_voting and c.attendance == "member" for r in view.rows for c in r.cells.values()
    )


def mark_items(view: Overlap) -> list[str]:
    """The legend's marks for the person view, the rarer ones only when they appear."""
    items = ["C chair", "M member"]
    if uses_non_voting(view):
        items.append(f"{NON_VOTING} member without a vote")
    items += ["P participant", "O observer", "S substitute"]
    if uses_two_letter_chairs(view):
        items.append(
            "CN/CP/CO/CS a chair without a vote, or attending as a participant, observer or "
            "substitute"
            if uses_non_voting(view)
            else "CP/CO/CS a chair attending as a participant, observer or substitute"
        )
    return items


def type_text(column: Column) -> str:
    """A body's type, with its further roles (`also`): one body with two roles."""
    return column.type + "".join(f" + {t}" for t in column.also)


def substitute_text(cell: Cell) -> str:
    """`for NAME` for a substitute's cell, or nothing."""
    names = [name for _, name in cell.substitute_for]
    return f"for {', '.join(names)}" if names else ""


def notes(view: Overlap) -> list[tuple[str, list[str]]]:
    """Sections under the matrix for what format 1.1 records, each only when the bodies in
    view have it: vacant seats, substitutes and whom they deputise for, bodies meeting in
    common. Plain text: renderers escape or style it."""
    out: list[tuple[str, list[str]]] = []
    columns = {c.id: c for c in view.columns}
    vacant = [f"{c.id}: {label}" for c in view.columns for label in c.vacancies]
    if vacant:
        out.append(("Vacant seats (counted in the body's seats):", vacant))
    if view.by == "person":
        deputies = [
            (columns[body].order, cell.first, f"{body}: {row.name} {substitute_text(cell)}")
            for row in view.rows
            for body, cell in row.cells.items()
            if cell.substitute_for
        ]
        if deputies:
            out.append(("Substitutes:", [text for *_, text in sorted(deputies)]))
    common = [
        f"{c.id} and {other} meet in common (committees in common: each keeps its own "
        "decisions)"
        for c in view.columns
        for other in c.in_common_with
        if columns[other].order > c.order
    ]
    if common:
        out.append(("Meeting together:", common))
    if view.unseated_chairs:
        out.append((UNSEATED_CHAIRS_TITLE, unseated_chair_lines(view)))
    return out


def name_width(names: Sequence[str], width: int) -> int:
    """The name column: as wide as the longest name, but at most about a third of the line
    (longer names wrap), and never narrower than 12."""
    cap = max(12, min(36, round(width * 0.35)))
    longest = max((len(n) for n in names), default=0)
    return max(min(longest, cap), 12)


def wrap(
    text: str,
    width: int,
    indent: str = "",
    subsequent: str | None = None,
    hyphens: bool = False,
) -> list[str]:
    """Wrap at spaces (and after hyphens if asked: names in a narrow column); a word
    longer than the line is split, never dropped."""
    lines = _Wrapper(
        width=max(width, len(indent) + 1, 8),
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=True,
        break_on_hyphens=hyphens,
    ).wrap(text)
    return lines or [indent.rstrip()]


# A word longer than this many lines is cut at the line width without looking for
# hyphens, in one pass: textwrap copies the rest of a long word once per line, which for
# a name of millions of letters takes minutes.
_LONG_WORD_LINES = 20


class _Wrapper(textwrap.TextWrapper):
    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        chunk = reversed_chunks[-1]
        if len(chunk) <= _LONG_WORD_LINES * max(width, 1):
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
            return
        first = width - cur_len if width >= 1 else 1  # as textwrap does
        line = max(self.width - len(self.subsequent_indent), 1)
        cur_line.append(chunk[:first])
        # The pieces of the following lines, each a full line (the last may be shorter):
        # the same lines textwrap makes, without copying the rest of the word each time.
        rest = [chunk[i : i + line] for i in range(first, len(chunk), line)]
        reversed_chunks[-1:] = rest[::-1]


def pages(widths: Sequence[int], available: int, gap: int = 1) -> list[list[int]]:
    """Fold columns of these widths into pages that each fit in `available` characters,
    as evenly as the widths allow. Every page holds at least one column."""
    count = len(widths)
    if count == 0:
        return [[]]

    def greedy(cap: int) -> list[list[int]]:
        out: list[list[int]] = [[]]
        used = 0
        for index, w in enumerate(widths):
            need = gap + w
            if out[-1] and (used + need > available or len(out[-1]) >= cap):
                out.append([])
                used = 0
            out[-1].append(index)
            used += need
        return out

    first = greedy(count)
    target = -(-count // len(first))
    balanced = greedy(target)
    return balanced if len(balanced) == len(first) else first


def column_pages(
    columns: Sequence[Column], labels: dict[str, str], available: int, gap: int
) -> list[tuple[str | None, list[Column]]]:
    """The matrix's bodies folded into pages (`pages`) that fit in `available`
    characters, each with its heading (`Bodies 1–4 of 9 (page 1 of 3)`, None when one page
    holds them all)."""
    folded = pages([column_width(labels[c.id]) for c in columns], available, gap)
    out: list[tuple[str | None, list[Column]]] = []
    for number, page in enumerate(folded):
        heading = None
        if len(folded) > 1:
            first, last = page[0] + 1, page[-1] + 1
            span = f"{first}" if first == last else f"{first}–{last}"
            heading = f"Bodies {span} of {len(columns)} (page {number + 1} of {len(folded)})"
        out.append((heading, [columns[i] for i in page]))
    return out


def column_width(label: str) -> int:
    return max(len(label), 2)


def visible_columns(view: Overlap) -> list[Column]:
    hidden = set(view.hidden_columns)
    return [c for c in view.columns if c.id not in hidden]


def rows_on(rows: Sequence[Row], columns: Sequence[Column]) -> list[Row]:
    """The rows with a seat on at least one of these columns."""
    ids = {c.id for c in columns}
    return [r for r in rows if any(b in ids for b in r.cells)]


def percent(value: float) -> str:
    return f"{value:.0%}"


def jaccard(value: float) -> str:
    """Shared people as a part of everyone on either body (JSON's `jaccard`), in words."""
    return f"{value:.0%}"


# The two measures of a pair, in plain words (JSON keeps `share_of_smaller` and `jaccard`).
SHARE_LEGEND = (
    "Of smaller: the shared people as a part of the smaller body's people. Of all: the "
    "shared people as a part of everyone on either body."
)


def wrap_items(lead: str, items: Sequence[str], width: int, sep: str = ", ") -> list[str]:
    """`lead` then the items, wrapped between items (an item is broken only when it is
    longer than a line), continuation lines indented under the first item."""
    indent = " " * len(lead)
    lines: list[str] = []
    current = lead
    for index, item in enumerate(items):
        piece = item + (sep.rstrip() if index < len(items) - 1 else "")
        joiner = "" if current in (lead, indent) else " " * (len(sep) - len(sep.rstrip()) or 1)
        if current not in (lead, indent) and len(current) + len(joiner) + len(piece) > width:
            lines.append(current)
            current = indent
            joiner = ""
        if len(current) + len(joiner) + len(piece) > width:
            chunks = wrap(piece, width, indent=current + joiner, subsequent=indent)
            lines += chunks[:-1]
            current = chunks[-1]
        else:
            current += joiner + piece
    lines.append(current)
    return lines


UNSEATED_CHAIRS_TITLE = "Chairs who hold no seat on the body they chair (C603):"


def unseated_chair_lines(view: Overlap) -> list[str]:
    """One line per body whose `chair:` holds no seat on it, where else they sit."""
    out = []
    for chair in view.unseated_chairs:
        if chair.bodies:
            where = "sits on " + ", ".join(chair.bodies)
        elif chair.person is None:
            where = "not found among the people of the file"
        else:
            where = "holds no seat on any body shown"
        out.append(f"{chair.body}: {chair.name} ({where})")
    return out
