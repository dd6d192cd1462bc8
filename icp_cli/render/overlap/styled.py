"""`icp overlap` on a terminal, with rich tables. Every user string goes in as a Text.

The matrix folds into pages of bodies exactly as the plain renderer does (the paging is
computed here for rich's padding), so nothing is cut whatever the terminal's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from icp_cli.overlap.views import Column, Overlap, Row, display_order, side_by_side
from icp_cli.render.overlap import layout as L
from icp_cli.text import count as plural

MARK_STYLE = {
    "C": "bold green",
    "M": "",
    "P": "cyan",
    "O": "dim",
    "S": "dim italic",
    L.EMPTY: "dim",
}
SHARED_STYLE = "bold"
STAR_STYLE = "bold magenta"
GAP = 1  # tables have no cell padding: the box's blank divider separates columns


def render(view: Overlap, console: Console, width: int) -> None:
    console.width = width
    parts: list[RenderableType] = _title(view)
    if view.selected is not None and len(view.selected) == 2:
        parts += _side_by_side(view, width)
    else:
        labels = _labels(view, width)
        parts += _matrix(view, width, labels)
        if view.by == "person":
            parts += _pairs(view, width, labels)
    for title, items in L.notes(view):
        parts += [Text(""), Text(title, style="bold")]
        parts += [Text(f"  {text}") for text in items]
    if view.maybe_same:
        parts += [Text(""), Text(L.MAYBE_SAME_TITLE, style="bold yellow")]
        parts += [Text(f"  {text}", style="yellow") for text in L.maybe_same_lines(view)]
        parts.append(Text(L.MAYBE_SAME_HINT, style="dim"))
    console.print(Group(*parts), soft_wrap=False)


def _title(view: Overlap) -> list[RenderableType]:
    title = Text(f"{view.system}: {L.HEADING[view.by]}", style="bold")
    line = Text(view.path, style="dim")
    line.append(f": {L.summary(view, 'marked *')}")
    return [title, line, Text("")]


def _mark_text(mark: str) -> Text:
    return Text(mark, style=MARK_STYLE.get(mark[:1] if mark else "", ""))


def _fixed(view: Overlap, width: int) -> tuple[int, int]:
    """The name column's width, and the width of everything left of the bodies: the
    star, the name and the count, each with its padding."""
    names_w = L.name_width([r.name for r in view.rows], width)
    return names_w, 1 + GAP + names_w + GAP + _count_width(view)


def _count_width(view: Overlap) -> int:
    return max(len(str(len(view.columns))), 1)


def _labels(view: Overlap, width: int) -> dict[str, str]:
    _, fixed = _fixed(view, width)
    if L.ids_fit(L.visible_columns(view), width - fixed, GAP):
        return {c.id: c.id for c in view.columns}
    return L.short_labels([c.id for c in view.columns])


def _matrix(view: Overlap, width: int, labels: dict[str, str]) -> list[RenderableType]:
    columns = L.visible_columns(view)
    rows = display_order(view.rows, view.by)
    names_w, fixed = _fixed(view, width)
    parts: list[RenderableType] = []
    if rows:
        widths = [L.column_width(labels[c.id]) for c in columns]
        folded = L.pages(widths, width - fixed, GAP)
        if len(folded) >= L.MANY_PAGES:
            parts += [Text(L.narrowing_hint(len(folded)), style="yellow"), Text("")]
        for number, page in enumerate(folded):
            page_columns = [columns[i] for i in page]
            if len(folded) > 1:
                first, last = page[0] + 1, page[-1] + 1
                span = f"{first}" if first == last else f"{first}–{last}"
                parts.append(
                    Text(
                        f"Bodies {span} of {len(columns)} (page {number + 1} of {len(folded)})",
                        style="bold",
                    )
                )
            parts.append(_page(view, L.rows_on(rows, page_columns), page_columns, labels, names_w))
            parts.append(Text(""))
    else:
        parts += [Text(f"No {L.ROWS_NOUN[view.by][1]} to show."), Text("")]
    return parts + _legend(view, columns, labels)


def _page(
    view: Overlap,
    rows: Sequence[Row],
    columns: Sequence[Column],
    labels: dict[str, str],
    names_w: int,
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0))
    table.add_column("", width=1, no_wrap=True)
    table.add_column(Text(L.ROW_HEADING[view.by]), width=names_w, overflow="fold")
    table.add_column("#", justify="right", width=_count_width(view), no_wrap=True)
    for column in columns:
        label = labels[column.id]
        table.add_column(Text(label), justify="center", width=L.column_width(label), no_wrap=True)
    previous_shared: bool | None = None
    for row in rows:
        star = Text("*", style=STAR_STYLE) if row.shared else Text("")
        name = Text(row.name, style=SHARED_STYLE if row.shared else "")
        cells = [_mark_text(L.mark(row.cells.get(c.id), view.by)) for c in columns]
        if previous_shared and not row.shared:
            table.rows[-1].end_section = True
        table.add_row(star, name, Text(str(len(row.cells))), *cells)
        previous_shared = row.shared
    return table


def _legend(view: Overlap, columns: Sequence[Column], labels: dict[str, str]) -> list[Text]:
    out: list[Text] = []
    legend = Text("Marks: " if view.by == "person" else "Cells: ", style="bold")
    if view.by == "person":
        items = [
            (key, meaning) for key, _, meaning in (i.partition(" ") for i in L.mark_items(view))
        ]
    else:
        items = [("2", "seats held on the body, whatever their attendance")]
    items += [(L.EMPTY, "none"), ("*", "on two or more bodies"), ("#", "how many bodies")]
    for index, (key, meaning) in enumerate(items):
        style = STAR_STYLE if key == "*" else MARK_STYLE.get(key[:1], "") or "bold"
        legend.append(key, style=style)
        legend.append(f" {meaning}" + (", " if index < len(items) - 1 else ""))
    out.append(legend)
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for column in columns:
        label = labels[column.id]
        text = Text()
        if label != column.id:
            text.append(f"{column.id}: ", style="dim")
        text.append(column.name)
        text.append(
            f" ({L.type_text(column)}, {plural(column.seats, 'seat')}"
            + (f", {column.vacant} vacant" if column.vacant else "")
            + ")",
            style="dim",
        )
        table.add_row(Text(label), text)
    out.append(Text("Bodies:", style="bold"))
    out.append(table)  # type: ignore[arg-type]
    if view.hidden_columns:
        out.append(
            Text(
                "Not shown, as nobody on them sits on another body: "
                + ", ".join(view.hidden_columns)
                + ".",
                style="dim",
            )
        )
    return out


def _pairs(view: Overlap, width: int, labels: dict[str, str]) -> list[RenderableType]:
    parts: list[RenderableType] = [Text("")]
    if not view.pairs:
        return [*parts, Text("No two bodies share anyone.")]
    count = len(view.pairs)
    parts.append(
        Text(f"Bodies that share people: {plural(count, 'pair')}", style="bold")
    )
    parts.append(
        Text(
            L.SHARE_LEGEND,
            style="dim",
        )
    )
    longest = max(len(p.a) + len(p.b) + 3 for p in view.pairs)
    use_ids = longest + 45 <= width
    names = {r.id: r.name for r in view.rows}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("Bodies", overflow="fold")
    table.add_column("Shared", justify="right", no_wrap=True)
    table.add_column("Of smaller", justify="right", no_wrap=True)
    table.add_column("Of all", justify="right", no_wrap=True)
    table.add_column("People", overflow="fold", ratio=1)
    for p in view.pairs:
        a, b = (p.a, p.b) if use_ids else (labels[p.a], labels[p.b])
        share_style = "bold yellow" if p.share_of_smaller >= 0.5 else ""
        table.add_row(
            Text(f"{a} + {b}"),
            Text(str(len(p.shared))),
            Text(
                f"{len(p.shared)}/{p.smaller} {L.percent(p.share_of_smaller):>4}", style=share_style
            ),
            Text(L.jaccard(p.jaccard)),
            Text(", ".join(names.get(i, i) or "" for i in p.shared)),
        )
    parts.append(table)
    return parts


def _entry(view: Overlap, row: Row, body: str, show_roles: bool, bold: bool) -> Text:
    cell = row.cells[body]
    mark = L.mark(cell, view.by)
    text = Text()
    text.append(f"{mark:<2} ", style=MARK_STYLE.get(mark[:1], "") or "")
    text.append(row.name, style=SHARED_STYLE if bold else "")
    if deputy := L.substitute_text(cell):
        text.append(f" ({deputy})", style="dim")
    roles = "; ".join(dict.fromkeys(cell.roles))
    if show_roles and roles and view.by == "person":
        text.append(f"\n   {roles}", style="dim")
    return text


def _side_by_side(view: Overlap, width: int) -> list[RenderableType]:
    from icp_cli.render.overlap.plain import ROLES_FROM_COLUMN_WIDTH

    a_id, b_id = view.selected or ("", "")
    sbs = side_by_side(view, a_id, b_id)
    col_w = max((width - 7) // 2, 20)
    roles = col_w >= ROLES_FROM_COLUMN_WIDTH
    nouns = L.ROWS_NOUN[view.by]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))

    def head(column: Column) -> Text:
        text = Text(column.id, style="bold")
        text.append(f": {column.name}")
        vacant = f", {column.vacant} vacant" if column.vacant else ""
        text.append(
            f" ({L.plural(column.size, view.by)}, {column.seats} seats{vacant})", style="dim"
        )
        return text

    table.add_column(head(sbs.a), ratio=1, overflow="fold")
    table.add_column("", width=1, no_wrap=True)
    table.add_column(head(sbs.b), ratio=1, overflow="fold")
    for index, row in enumerate(sbs.only_a):
        table.add_row(
            _entry(view, row, a_id, roles, False),
            "",
            "",
            end_section=index == len(sbs.only_a) - 1,
        )
    if sbs.pair is not None:
        p = sbs.pair
        count = len(p.shared)
        caption = Text(
            f"On both: {count} {nouns[0] if count == 1 else nouns[1]}", style="bold magenta"
        )
        detail = Text(
            f"{L.percent(p.share_of_smaller)} of the smaller body, {L.jaccard(p.jaccard)} of all",
            style="magenta",
        )
        table.add_row(caption, "", detail)
        for index, row in enumerate(sbs.both):
            table.add_row(
                _entry(view, row, a_id, roles, True),
                Text("=", style=STAR_STYLE),
                _entry(view, row, b_id, roles, True),
                end_section=index == len(sbs.both) - 1,
            )
    else:
        table.add_row(
            Text(f"No {nouns[1]} on both", style="bold magenta"), "", "", end_section=True
        )
    for row in sbs.only_b:
        table.add_row("", "", _entry(view, row, b_id, roles, False))
    legend = Text(
        f"Marks: {', '.join(L.mark_items(view))}. "
        if view.by == "person"
        else "Numbers: seats held on the body. ",
        style="dim",
    )
    legend.append(
        f"Above the band: only on {a_id}; in it, on the same line: on both; below it: "
        f"only on {b_id}.",
        style="dim",
    )
    return [table, Text(""), legend]
