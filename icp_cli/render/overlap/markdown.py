"""`icp overlap --format markdown`: tables to paste into a board paper.

A wide matrix is split into tables of at most MARKDOWN_BODIES_PER_TABLE bodies, each
repeating the name column, so that it fits a portrait page. Every user string is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.overlap.views import Column, Overlap, Row, display_order, side_by_side
from icp_cli.render.check.markdown import escape
from icp_cli.render.overlap import layout as L


def render(view: Overlap) -> str:
    out = _title(view)
    if view.selected is not None and len(view.selected) == 2:
        out += _side_by_side(view)
    else:
        out += _matrix(view)
        if view.by == "person":
            out += _pairs(view)
    for title, items in L.notes(view):
        out += ["", f"**{escape(title)}**", ""]
        out += [f"- {escape(text)}" for text in items]
    if view.maybe_same:
        out += ["", f"**{escape(L.MAYBE_SAME_TITLE)}**", ""]
        out += [f"- {escape(text)}" for text in L.maybe_same_lines(view)]
        out += ["", escape(L.MAYBE_SAME_HINT)]
    return "\n".join(out).rstrip("\n") + "\n"


def _title(view: Overlap) -> list[str]:
    heading = L.HEADING[view.by]
    line = f"{escape(view.path)}: {L.summary(view, 'in bold')}"
    title = f"# {escape(view.system)}: {heading}"
    return [title, "", line, ""]


def _name(row: Row) -> str:
    return f"**{escape(row.name)}**" if row.shared else escape(row.name)


def _matrix(view: Overlap) -> list[str]:
    columns = L.visible_columns(view)
    labels = L.short_labels([c.id for c in view.columns])
    rows = display_order(view.rows, view.by)
    out: list[str] = []
    size = L.MARKDOWN_BODIES_PER_TABLE
    groups = [columns[i : i + size] for i in range(0, len(columns), size)] or [[]]
    for number, group in enumerate(groups):
        if len(groups) > 1:
            first = number * size + 1
            last = first + len(group) - 1
            out += [f"## Bodies {first}–{last} of {len(columns)}", ""]
        else:
            out += ["## Membership", ""]
        out += _table(view, L.rows_on(rows, group) if rows else [], group, labels)
        out.append("")
    out += _legend(view, columns, labels)
    return out


def _table(
    view: Overlap, rows: Sequence[Row], columns: Sequence[Column], labels: dict[str, str]
) -> list[str]:
    head = [L.ROW_HEADING[view.by], "Bodies", *(escape(labels[c.id]) for c in columns)]
    out = ["| " + " | ".join(head) + " |", "|---|--:|" + ":-:|" * len(columns)]
    if not rows:
        return [*out, "| *nobody* | |" + " |" * len(columns)]
    for row in rows:
        cells = [_name(row), str(len(row.cells))]
        for column in columns:
            cell = row.cells.get(column.id)
            cells.append(L.mark(cell, view.by) if cell is not None else "")
        out.append("| " + " | ".join(cells) + " |")
    return out


def _legend(view: Overlap, columns: Sequence[Column], labels: dict[str, str]) -> list[str]:
    if view.by == "person":
        marks = " · ".join(L.mark_items(view))
    else:
        marks = "a number: the seats held on the body, whatever their attendance"
    out = [f"**Marks:** {marks}. *Bodies*: how many bodies.", ""]
    out += ["| Column | Body | Name | Type | Seats |", "|---|---|---|---|--:|"]
    for column in columns:
        out.append(
            f"| {escape(labels[column.id])} | {escape(column.id)} | {escape(column.name)} | "
            f"{L.type_text(column)} | {column.seats}"
            + (f" ({column.vacant} vacant)" if column.vacant else "")
            + " |"
        )
    out.append("")
    if view.hidden_columns:
        hidden = ", ".join(escape(b) for b in view.hidden_columns)
        out += [f"Not shown, as nobody on them sits on another body: {hidden}.", ""]
    return out


def _pairs(view: Overlap) -> list[str]:
    out = ["## Bodies that share people", ""]
    if not view.pairs:
        return [*out, "No two bodies share anyone.", ""]
    out += [
        L.SHARE_LEGEND.replace("Of smaller:", "*Of smaller*:").replace("Of all:", "*Of all*:"),
        "",
        "| Body | Body | Shared | Of smaller | Of all | People |",
        "|---|---|--:|--:|--:|---|",
    ]
    names = {r.id: r.name for r in view.rows}
    for p in view.pairs:
        people = ", ".join(escape(names.get(i, i)) for i in p.shared)
        out.append(
            f"| {escape(p.a)} | {escape(p.b)} | {len(p.shared)} | {len(p.shared)}/{p.smaller} "
            f"({L.percent(p.share_of_smaller)}) | {L.jaccard(p.jaccard)} | {people} |"
        )
    out.append("")
    return out


def _entry(view: Overlap, row: Row, body: str, bold: bool = False) -> str:
    cell = row.cells[body]
    name = escape(row.name)
    text = f"{L.mark(cell, view.by)} " + (f"**{name}**" if bold else name)
    if deputy := L.substitute_text(cell):
        text += f" ({escape(deputy)})"
    roles = "; ".join(dict.fromkeys(cell.roles))
    if roles and view.by == "person":
        text += f"<br>*{escape(roles)}*"
    return text


def _side_by_side(view: Overlap) -> list[str]:
    a_id, b_id = view.selected or ("", "")
    sbs = side_by_side(view, a_id, b_id)
    nouns = L.ROWS_NOUN[view.by]

    def head(column: Column) -> str:
        return (
            f"**{escape(column.id)}**: {escape(column.name)} "
            f"({L.plural(column.size, view.by)}, {column.seats} seats)"
        )

    out = [f"| {head(sbs.a)} | | {head(sbs.b)} |", "|---|:-:|---|"]
    for row in sbs.only_a:
        out.append(f"| {_entry(view, row, a_id)} | | |")
    if sbs.pair is not None:
        p = sbs.pair
        count = len(p.shared)
        out.append(
            f"| **On both: {count} {nouns[0] if count == 1 else nouns[1]}** | | "
            f"**{L.percent(p.share_of_smaller)} of the smaller body, "
            f"{L.jaccard(p.jaccard)} of all** |"
        )
        for row in sbs.both:
            left, right = _entry(view, row, a_id, True), _entry(view, row, b_id, True)
            out.append(f"| {left} | = | {right} |")
    else:
        out.append(f"| **No {nouns[1]} on both** | | |")
    for row in sbs.only_b:
        out.append(f"| | | {_entry(view, row, b_id)} |")
    out.append("")
    if view.by == "person":
        out.append(
            f"**Marks:** {' · '.join(L.mark_items(view))}. "
            f"Above the bold band: only on {escape(a_id)}; in it: on both; below it: only "
            f"on {escape(b_id)}."
        )
    else:
        out.append(
            f"Numbers: seats held on the body. Above the bold band: only on {escape(a_id)}; "
            f"in it: on both; below it: only on {escape(b_id)}."
        )
    return out
