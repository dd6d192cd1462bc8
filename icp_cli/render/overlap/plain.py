"""`icp overlap` as plain text, for pipes and files: no colour, no rich import.

Everything fits the given width but names: the matrix folds into pages of bodies (each
repeating the name column), a name is never wrapped (one row, one line, whatever its
length), and abbreviated headers are spelt out in the legend.
"""

from __future__ import annotations

from collections.abc import Sequence

from icp_cli.overlap.views import Column, Overlap, Pair, Row, display_order
from icp_cli.render.overlap import document as D
from icp_cli.render.overlap import layout as L

GAP = 1
COUNT_WIDTH = 3  # the "#" column: how many bodies a row is on


def render(view: Overlap, width: int = 80) -> str:
    labels = _labels(view, width)
    doc = D.build(view, labels)
    lines = _title(doc, width)
    if view.selected is not None and len(view.selected) == 2:
        lines += _side_by_side(view, width)
    else:
        lines += matrix(view, width, labels, doc)
        if view.by == "person":
            lines += ["", *pair_table(view, width, labels, doc)]
    for section in doc.sections:
        lines += ["", *L.wrap(section.title, width)]
        for text in section.items:
            lines += L.wrap(text, width, indent="  ", subsequent="    ")
        if section.hint:
            lines += L.wrap(section.hint, width)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _title(doc: D.Document, width: int) -> list[str]:
    line = f"{doc.path}: {doc.summary('marked *')}"
    return [*L.wrap(doc.title, width), *L.wrap(line, width), ""]


# -- the matrix ---------------------------------------------------------------------------


def _names_width(view: Overlap, width: int) -> int:
    # Plain text is read by grep, sort and cut as much as by people: one row is one line,
    # so the name column is as wide as the longest name and a name never wraps (the bodies
    # fold into pages around it instead; a name longer than the line makes a longer line).
    return max(12, max((len(r.name) for r in view.rows), default=0))


def _labels(view: Overlap, width: int) -> dict[str, str]:
    """Body ids as headers when the matrix fits on one page with them and the pair table
    fits with them too; else short labels everywhere, spelt out in the legend."""
    ids = {c.id: c.id for c in view.columns}
    available = width - (2 + _names_width(view, width) + COUNT_WIDTH)
    if not L.ids_fit(L.visible_columns(view), available, GAP):
        return L.short_labels(list(ids))
    if view.by == "person" and view.pairs and _pair_table_width(view.pairs, ids) > width:
        return L.short_labels(list(ids))
    return ids


def matrix(view: Overlap, width: int, labels: dict[str, str], doc: D.Document) -> list[str]:
    columns = L.visible_columns(view)
    rows = display_order(view.rows, view.by)
    if not rows:
        return [doc.nobody, "", *_legend(doc, width)]
    names_w = _names_width(view, width)
    fixed = 2 + names_w + COUNT_WIDTH
    folded = L.column_pages(columns, labels, width - fixed, GAP)
    out: list[str] = []
    if len(folded) >= L.MANY_PAGES:
        out += [*L.wrap(L.narrowing_hint(len(folded)), width), ""]
    for heading, page_columns in folded:
        if heading is not None:
            out.append(heading)
        out += _page(view, rows, page_columns, labels, names_w)
        out.append("")
    return out + _legend(doc, width)


def _page(
    view: Overlap,
    rows: Sequence[Row],
    columns: Sequence[Column],
    labels: dict[str, str],
    names_w: int,
) -> list[str]:
    widths = [L.column_width(labels[c.id]) for c in columns]
    head = "  " + L.ROW_HEADING[view.by].ljust(names_w) + "#".rjust(COUNT_WIDTH)
    for column, w in zip(columns, widths, strict=True):
        head += " " * GAP + labels[column.id].center(w)
    out = [head]
    # A page shows only the rows with a seat on one of its bodies: folded pages of a
    # large system stay short.
    for row in L.rows_on(rows, columns):
        prefix = "* " if row.shared else "  "
        line = prefix + row.name.ljust(names_w) + str(len(row.cells)).rjust(COUNT_WIDTH)
        for column, w in zip(columns, widths, strict=True):
            line += " " * GAP + L.mark(row.cells.get(column.id), view.by).center(w)
        out.append(line)
    return out


def _legend(doc: D.Document, width: int) -> list[str]:
    items = [f"{key} {meaning}" for key, meaning in doc.marks]
    out = L.wrap_items(f"{doc.legend_lead}: ", items, width)
    out.append("Bodies:")
    label_w = max((len(b.label) for b in doc.bodies), default=0)
    for body in doc.bodies:
        text = f"{body.label.ljust(label_w)}  "
        if body.label != body.id:
            text += f"{body.id}: "
        if body.name != body.id:
            text += f"{body.name} "
        text += f"({body.detail})"
        out += L.wrap(text, width, indent="  ", subsequent=" " * (label_w + 4))
    if doc.hidden:
        out += L.wrap(D.HIDDEN_LEAD + ", ".join(doc.hidden) + ".", width)
    return out


# -- the pair table -------------------------------------------------------------------------


def _people_names(names: dict[str | None, str], pair: Pair) -> str:
    return ", ".join(names.get(i, i) or "" for i in pair.shared)


_NUMBERS = ("Shared", "Of smaller", "Of all")


def _pair_numbers(pairs: Sequence[Pair]) -> tuple[list[tuple[str, str, str]], list[int]]:
    cells = [
        (
            str(len(p.shared)),
            f"{len(p.shared)}/{p.smaller} {L.percent(p.share_of_smaller):>4}",
            L.jaccard(p.jaccard),
        )
        for p in pairs
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(_NUMBERS)]
    return cells, widths


def _pair_table_width(pairs: Sequence[Pair], labels: dict[str, str]) -> int:
    _, widths = _pair_numbers(pairs)
    a_w = max(len("Body"), *(len(labels[p.a]) for p in pairs))
    b_w = max(len("Body"), *(len(labels[p.b]) for p in pairs))
    return a_w + 2 + b_w + sum(widths) + 2 * len(widths)


def pair_table(view: Overlap, width: int, labels: dict[str, str], doc: D.Document) -> list[str]:
    pairs = view.pairs
    if not pairs:
        return [D.NO_PAIRS]
    out = L.wrap(f"{D.PAIRS_TITLE}: {doc.pairs_count}. {L.SHARE_LEGEND}", width)
    out.append("")
    ids = {c.id: c.id for c in view.columns}
    # When full ids do not fit, use the matrix's headers, which its legend spells out.
    fits = _pair_table_width(pairs, ids) <= width
    labels = ids if fits else labels
    names = {r.id: r.name for r in view.rows}
    cells, num_w = _pair_numbers(pairs)
    if _pair_table_width(pairs, labels) > width:
        return out + _pair_list(view, width, labels)
    a_w = max(len("Body"), *(len(labels[p.a]) for p in pairs))
    b_w = max(len("Body"), *(len(labels[p.b]) for p in pairs))
    head = "Body".ljust(a_w) + "  " + "Body".ljust(b_w)
    head += "".join("  " + h.rjust(w) for h, w in zip(_NUMBERS, num_w, strict=True))
    out.append(head)
    for pair, row in zip(pairs, cells, strict=True):
        line = labels[pair.a].ljust(a_w) + "  " + labels[pair.b].ljust(b_w)
        line += "".join("  " + c.rjust(w) for c, w in zip(row, num_w, strict=True))
        out.append(line)
        out += L.wrap(_people_names(names, pair), width, indent="    ")
    return out


def _pair_list(view: Overlap, width: int, labels: dict[str, str]) -> list[str]:
    """The pair table as a list, for lines too narrow for its columns."""
    out: list[str] = []
    names = {r.id: r.name for r in view.rows}
    for pair in view.pairs:
        out += L.wrap(
            f"{labels[pair.a]} + {labels[pair.b]}: {len(pair.shared)} shared, "
            f"{len(pair.shared)}/{pair.smaller} ({L.percent(pair.share_of_smaller)}) of the "
            f"smaller, {L.jaccard(pair.jaccard)} of all",
            width,
            subsequent="  ",
        )
        out += L.wrap(_people_names(names, pair), width, indent="    ")
    return out


# -- two bodies side by side -------------------------------------------------------------------


# Beneath this column width a side-by-side entry is the name alone: roles would make the
# view too tall to take in at a glance.
ROLES_FROM_COLUMN_WIDTH = 58


def _entry(view: Overlap, row: Row, body: str, width: int) -> list[str]:
    cell = row.cells[body]
    tag = L.mark(cell, view.by)
    deputy = L.substitute_text(cell)
    name = f"{row.name} ({deputy})" if deputy else row.name
    lines = L.wrap(f"{tag:<2} {name}", width, subsequent="   ", hyphens=True)
    roles = "; ".join(dict.fromkeys(cell.roles))
    if roles and view.by == "person" and width >= ROLES_FROM_COLUMN_WIDTH:
        lines += L.wrap(roles, width, indent="   ")
    return lines


def _side_by_side(view: Overlap, width: int) -> list[str]:
    doc = D.side_by_side(view)
    sbs, (a_id, b_id) = doc.rows, doc.ids
    col_w = max((width - 3) // 2, 20)
    out: list[str] = []

    def band(left: list[str], right: list[str], middle: str = " | ") -> None:
        for i in range(max(len(left), len(right))):
            lt = left[i] if i < len(left) else ""
            rt = right[i] if i < len(right) else ""
            out.append(lt.ljust(col_w) + (middle if i == 0 else " | ") + rt)

    def header(head: D.SideHead) -> list[str]:
        return L.wrap(f"{head.id}: {head.name} ({head.detail})", col_w)

    band(header(doc.a), header(doc.b))
    out.append("-" * col_w + "-+-" + "-" * col_w)
    for row in sbs.only_a:
        band(_entry(view, row, a_id, col_w), [])
    if doc.both_detail is not None:
        caption = f"{doc.both}, {doc.both_detail}"
        out += [f" {line} ".center(2 * col_w + 3, "=") for line in L.wrap(caption, 2 * col_w - 6)]
        for row in sbs.both:
            band(_entry(view, row, a_id, col_w), _entry(view, row, b_id, col_w), middle=" = ")
        out.append("=" * (2 * col_w + 3))
    else:
        out += [f" {doc.both} ".center(2 * col_w + 3, "=")]
    for row in sbs.only_b:
        band([], _entry(view, row, b_id, col_w))
    out.append("")
    same_line = ", on the same line" if view.by == "person" else ""
    legend = (
        f"{doc.marks_lead}: {', '.join(doc.marks)}. Above the band: only on {a_id}; "
        f"in the band{same_line}: on both; below it: only on {b_id}."
    )
    return out + L.wrap(legend, width)
