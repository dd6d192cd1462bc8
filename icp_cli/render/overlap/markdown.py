"""`icp overlap --format markdown`: tables to paste into a board paper.

A wide matrix is split into tables of at most MARKDOWN_BODIES_PER_TABLE bodies, each
repeating the name column, so that it fits a portrait page. Every user string is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.overlap.views import Column, Overlap, Row, display_order
from icp_cli.render.check.markdown import escape
from icp_cli.render.overlap import document as D
from icp_cli.render.overlap import layout as L


def render(view: Overlap) -> str:
    labels = L.short_labels([c.id for c in view.columns])
    doc = D.build(view, labels)
    out = _title(doc)
    if view.selected is not None and len(view.selected) == 2:
        out += _side_by_side(view)
    else:
        out += _matrix(view, labels, doc)
        if view.by == "person":
            out += _pairs(view)
    for section in doc.sections:
        out += ["", f"**{escape(section.title)}**", ""]
        out += [f"- {escape(text)}" for text in section.items]
        if section.hint:
            out += ["", escape(section.hint)]
    return "\n".join(out).rstrip("\n") + "\n"


def _title(doc: D.Document) -> list[str]:
    line = f"{escape(doc.path)}: {doc.summary('in bold')}"
    title = f"# {escape(doc.system)}: {doc.heading}"
    return [title, "", line, ""]


def _name(row: Row) -> str:
    return f"**{escape(row.name)}**" if row.shared else escape(row.name)


def _matrix(view: Overlap, labels: dict[str, str], doc: D.Document) -> list[str]:
    columns = L.visible_columns(view)
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
    out += _legend(doc)
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


def _legend(doc: D.Document) -> list[str]:
    # The table marks shared rows in bold and leaves empty cells blank: only the view's
    # own marks, and the count column, which is headed "Bodies" here.
    marks = " · ".join(f"{key} {meaning}" for key, meaning in doc.marks[: -len(D.COMMON_MARKS)])
    out = [f"**{doc.legend_lead}:** {marks}. *Bodies*: how many bodies.", ""]
    out += ["| Column | Body | Name | Type | Seats |", "|---|---|---|---|--:|"]
    for body in doc.bodies:
        out.append(
            f"| {escape(body.label)} | {escape(body.id)} | {escape(body.name)} | "
            f"{body.type} | {body.seats}"
            + (f" ({body.vacant} vacant)" if body.vacant else "")
            + " |"
        )
    out.append("")
    if doc.hidden:
        hidden = ", ".join(escape(b) for b in doc.hidden)
        out += [f"{D.HIDDEN_LEAD}{hidden}.", ""]
    return out


def _pairs(view: Overlap) -> list[str]:
    out = [f"## {D.PAIRS_TITLE}", ""]
    if not view.pairs:
        return [*out, D.NO_PAIRS, ""]
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
    doc = D.side_by_side(view)
    sbs, (a_id, b_id) = doc.rows, doc.ids

    def head(side: D.SideHead) -> str:
        return f"**{escape(side.id)}**: {escape(side.name)} ({side.detail})"

    out = [f"| {head(doc.a)} | | {head(doc.b)} |", "|---|:-:|---|"]
    for row in sbs.only_a:
        out.append(f"| {_entry(view, row, a_id)} | | |")
    if doc.both_detail is not None:
        out.append(f"| **{doc.both}** | | **{doc.both_detail}** |")
        for row in sbs.both:
            left, right = _entry(view, row, a_id, True), _entry(view, row, b_id, True)
            out.append(f"| {left} | = | {right} |")
    else:
        out.append(f"| **{doc.both}** | | |")
    for row in sbs.only_b:
        out.append(f"| | | {_entry(view, row, b_id)} |")
    out.append("")
    out.append(
        f"**{doc.marks_lead}:** {' · '.join(doc.marks)}. Above the bold band: only on "
        f"{escape(a_id)}; in it: on both; below it: only on {escape(b_id)}."
    )
    return out
