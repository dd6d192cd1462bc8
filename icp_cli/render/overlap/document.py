"""The words of an overlap view, written once: title, summary, legend, body entries,
captions of the pair table and of two bodies side by side, and the sections under the
matrix. Plain data: the plain, styled and Markdown renderers only lay it out (and escape
or style it), so the three say the same thing ("1 seat", never "1 seats").

User-supplied text (system, path, body ids and names, people) is kept in fields of its
own, apart from the fixed wording, so that a renderer can escape it for its destination.
"""

from __future__ import annotations

from icp_cli.immutable import frozen
from icp_cli.overlap import views
from icp_cli.overlap.views import Column, Overlap
from icp_cli.render.overlap import layout as L

HIDDEN_LEAD = "Not shown, as nobody on them sits on another body: "
NO_PAIRS = "No two bodies share anyone."
PAIRS_TITLE = "Bodies that share people"
# The legend item of a seat count (the organisation and sector views).
SEAT_COUNT = ("a number:", "seats held on the body, whatever their attendance")
# The items every matrix legend ends with.
COMMON_MARKS = ((L.EMPTY, "none"), ("*", "on two or more bodies"), ("#", "how many bodies"))


def seats(count: int) -> str:
    return f"{count} seat{'' if count == 1 else 's'}"


@frozen
class BodyEntry:
    """One body in the legend: its header label, id, name and what it is."""

    label: str
    id: str
    name: str
    type: str  # with its further roles: `icp + hwb`
    seats: int
    vacant: int

    @property
    def seats_text(self) -> str:
        """`3 seats` or `3 seats, 1 vacant`."""
        return seats(self.seats) + (f", {self.vacant} vacant" if self.vacant else "")

    @property
    def detail(self) -> str:
        """What the legend says after the name: `icb, 16 seats`."""
        return f"{self.type}, {self.seats_text}"


@frozen
class SideHead:
    """The head of one of two bodies side by side."""

    id: str
    name: str
    detail: str  # `16 people, 16 seats, 1 vacant`


@frozen
class Section:
    """A section under the matrix: a title, one item a line, and a closing hint."""

    title: str
    items: tuple[str, ...]
    hint: str | None = None
    warning: bool = False  # worth a second look (possibly the same person)


@frozen
class Document:
    system: str
    heading: str  # `who sits where`
    path: str
    nobody: str  # the matrix without rows
    legend_lead: str  # `Marks` (people) or `Cells` (seat counts)
    marks: tuple[tuple[str, str], ...]  # (key, meaning), in legend order
    bodies: tuple[BodyEntry, ...]
    hidden: tuple[str, ...]  # body ids left out of the matrix
    pairs_count: str  # `2 pairs`
    sections: tuple[Section, ...]
    summary_text: str  # with a slot for how shared rows are marked: see summary()

    @property
    def title(self) -> str:
        return f"{self.system}: {self.heading}"

    def summary(self, shared_mark: str) -> str:
        """The line under the title; `shared_mark` says how the renderer marks a shared
        row (`marked *`, `in bold`)."""
        return self.summary_text.replace(_SHARED_SLOT, shared_mark)


# Where the summary names how shared rows are marked: each renderer says it its own way.
_SHARED_SLOT = "\0shared\0"


@frozen
class SideBySide:
    """Two bodies side by side: their heads, the band of people on both, the legend."""

    a: SideHead
    b: SideHead
    both: str  # `On both: 2 people`, or `No people on both`
    both_detail: str | None  # `50% of the smaller body, 33% of all`
    marks_lead: str  # `Marks` (people) or `Numbers` (seat counts)
    marks: tuple[str, ...]  # `C chair`, `M member`, …
    rows: views.SideBySide  # the rows only on a, on both, only on b

    @property
    def ids(self) -> tuple[str, str]:
        return self.a.id, self.b.id


def side_by_side(view: Overlap) -> SideBySide:
    a_id, b_id = view.selected or ("", "")
    sbs = views.side_by_side(view, a_id, b_id)

    def head(column: Column) -> SideHead:
        vacant = f", {column.vacant} vacant" if column.vacant else ""
        detail = f"{L.plural(column.size, view.by)}, {seats(column.seats)}{vacant}"
        return SideHead(column.id, column.name, detail)

    one, many = L.ROWS_NOUN[view.by]
    if sbs.pair is None:
        both, detail = f"No {many} on both", None
    else:
        p = sbs.pair
        count = len(p.shared)
        both = f"On both: {count} {one if count == 1 else many}"
        detail = (
            f"{L.percent(p.share_of_smaller)} of the smaller body, {L.jaccard(p.jaccard)} of all"
        )
    if view.by == "person":
        lead, marks = "Marks", tuple(L.mark_items(view))
    else:
        lead, marks = "Numbers", ("seats held on the body",)
    return SideBySide(head(sbs.a), head(sbs.b), both, detail, lead, marks, sbs)


def build(view: Overlap, labels: dict[str, str]) -> Document:
    """The document of a view, with these header labels for its bodies."""
    if view.by == "person":
        items = [
            (key, meaning) for key, _, meaning in (i.partition(" ") for i in L.mark_items(view))
        ]
    else:
        items = [SEAT_COUNT]
    bodies = tuple(
        BodyEntry(labels[c.id], c.id, c.name, L.type_text(c), c.seats, c.vacant)
        for c in L.visible_columns(view)
    )
    count = len(view.pairs)
    sections = [Section(title, tuple(lines)) for title, lines in L.notes(view)]
    if view.maybe_same:
        sections.append(
            Section(L.MAYBE_SAME_TITLE, tuple(L.maybe_same_lines(view)), L.MAYBE_SAME_HINT, True)
        )
    return Document(
        system=view.system,
        heading=L.HEADING[view.by],
        path=view.path,
        nobody=f"No {L.ROWS_NOUN[view.by][1]} to show.",
        legend_lead="Marks" if view.by == "person" else "Cells",
        marks=(*items, *COMMON_MARKS),
        bodies=bodies,
        hidden=tuple(view.hidden_columns),
        pairs_count=f"{count} pair{'' if count == 1 else 's'}",
        sections=tuple(sections),
        summary_text=L.summary(view, _SHARED_SLOT),
    )
