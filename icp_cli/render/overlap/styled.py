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

from icp_cli.overlap.views import Column, Overlap, Row, display_order
from icp_cli.render.overlap import document as D
from icp_cli.render.overlap import layout as L

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
    labels = _labels(view, width)
    doc = D.build(view, labels)
    parts: list[RenderableType] = _title(doc)
    if view.selected is not None and len(view.selected) == 2:
        parts += _side_by_side(view, width)
    else:
        parts += _matrix(view, width, labels, doc)
        if view.by == "person":
            parts += _pairs(view, width, labels, doc)
    for section in doc.sections:
        parts += [Text(""), Text(section.title, style="bold yellow" if section.warning else "bold")]
        parts += [Text(f"  {t}", style="yellow" if section.warning else "") for t in section.items]
        if section.hint:
            parts.append(Text(section.hint, style="dim"))
    console.print(Group(*parts), soft_wrap=False)


def _title(doc: D.Document) -> list[RenderableType]:
    title = Text(doc.title, style="bold")
    line = Text(doc.path, style="dim")
    line.append(f": {doc.summary('marked *')}")
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


def _matrix(
    view: Overlap, width: int, labels: dict[str, str], doc: D.Document
) -> list[RenderableType]:
    columns = L.visible_columns(view)
    rows = display_order(view.rows, view.by)
    names_w, fixed = _fixed(view, width)
    parts: list[RenderableType] = []
    if rows:
        folded = L.column_pages(columns, labels, width - fixed, GAP)
        if len(folded) >= L.MANY_PAGES:
            parts += [Text(L.narrowing_hint(len(folded)), style="yellow"), Text("")]
        for heading, page_columns in folded:
            if heading is not None:
                parts.append(Text(heading, style="bold"))
            parts.append(_page(view, L.rows_on(rows, page_columns), page_columns, labels, names_w))
            parts.append(Text(""))
    else:
        parts += [Text(doc.nobody), Text("")]
    return parts + _legend(doc)


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


def _legend(doc: D.Document) -> list[RenderableType]:
    out: list[RenderableType] = []
    legend = Text(f"{doc.legend_lead}: ", style="bold")
    for index, (key, meaning) in enumerate(doc.marks):
        style = STAR_STYLE if key == "*" else MARK_STYLE.get(key[:1], "") or "bold"
        legend.append(key, style=style)
        legend.append(f" {meaning}" + (", " if index < len(doc.marks) - 1 else ""))
    out.append(legend)
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for body in doc.bodies:
        text = Text()
        if body.label != body.id:
            text.append(f"{body.id}: ", style="dim")
        text.append(body.name)
        text.append(f" ({body.detail})", style="dim")
        table.add_row(Text(body.label), text)
    out.append(Text("Bodies:", style="bold"))
    out.append(table)
    if doc.hidden:
        out.append(Text(D.HIDDEN_LEAD + ", ".join(doc.hidden) + ".", style="dim"))
    return out


def _pairs(
    view: Overlap, width: int, labels: dict[str, str], doc: D.Document
) -> list[RenderableType]:
    parts: list[RenderableType] = [Text("")]
    if not view.pairs:
        return [*parts, Text(D.NO_PAIRS)]
    parts.append(Text(f"{D.PAIRS_TITLE}: {doc.pairs_count}", style="bold"))
    parts.append(Text(L.SHARE_LEGEND, style="dim"))
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

    doc = D.side_by_side(view)
    sbs, (a_id, b_id) = doc.rows, doc.ids
    col_w = max((width - 7) // 2, 20)
    roles = col_w >= ROLES_FROM_COLUMN_WIDTH
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))

    def head(side: D.SideHead) -> Text:
        text = Text(side.id, style="bold")
        text.append(f": {side.name}")
        text.append(f" ({side.detail})", style="dim")
        return text

    table.add_column(head(doc.a), ratio=1, overflow="fold")
    table.add_column("", width=1, no_wrap=True)
    table.add_column(head(doc.b), ratio=1, overflow="fold")
    for index, row in enumerate(sbs.only_a):
        table.add_row(
            _entry(view, row, a_id, roles, False),
            "",
            "",
            end_section=index == len(sbs.only_a) - 1,
        )
    if doc.both_detail is not None:
        caption = Text(doc.both, style="bold magenta")
        table.add_row(caption, "", Text(doc.both_detail, style="magenta"))
        for index, row in enumerate(sbs.both):
            table.add_row(
                _entry(view, row, a_id, roles, True),
                Text("=", style=STAR_STYLE),
                _entry(view, row, b_id, roles, True),
                end_section=index == len(sbs.both) - 1,
            )
    else:
        table.add_row(Text(doc.both, style="bold magenta"), "", "", end_section=True)
    for row in sbs.only_b:
        table.add_row("", "", _entry(view, row, b_id, roles, False))
    legend = Text(f"{doc.marks_lead}: {', '.join(doc.marks)}. ", style="dim")
    legend.append(
        f"Above the band: only on {a_id}; in it, on the same line: on both; below it: "
        f"only on {b_id}.",
        style="dim",
    )
    return [table, Text(""), legend]
