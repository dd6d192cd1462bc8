"""What `icp report` shows, computed once: the numbers and the chart geometry.

The page itself is templates/report/report.html.j2 (Jinja, autoescaped). This module
does the arithmetic (counts, bar lengths, cell shades, tree positions) so that the
template only places values; it holds user text raw and never builds markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any

from icp_cli.check.findings import Finding, Severity
from icp_cli.check.policy import Layer, Thresholds
from icp_cli.immutable import frozen
from icp_cli.model import Body, Membership
from icp_cli.overlap.views import Overlap
from icp_cli.render.overlap.layout import CHAIR, MARK_OF_ATTENDANCE, mark
from icp_cli.vocab import BODY_TYPE_LABELS, SECTOR_GROUPS

DEFAULT_REGIME = "act-2022"

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
GROUP_LABELS = {
    "nhs": "NHS",
    "local-government": "Local government",
    "community": "Community and voluntary",
    "wider": "Wider partners",
    "independent": "Independent",
    None: "Sector not given",
}
GROUPS: tuple[str | None, ...] = (*SECTOR_GROUPS, None)

# Chart geometry, in SVG user units (pixels at 100%).
BAR_WIDTH = 420  # the longest bar
LABEL_WIDTH = 190  # the label column left of the bars
ROW_HEIGHT = 26
CELL = 34  # a heat-map cell
TREE_INDENT = 28
TREE_ROW = 30

# A national file has a thousand bodies and tens of thousands of people: beyond these the
# pictures would be unreadable and the page too large to open, so a chart shows the first
# (largest) rows and says so, and the tables carry everything that stays readable.
CHART_ROWS = 60  # bars in one bar chart
HEAT_BODIES = 40  # bodies in the heat map and its table
MATRIX_CELLS = 60_000  # people x bodies in the matrix; beyond it, the shared people as a list
TREE_NODES = 200  # boxes in the tree picture (the list below it has every node)
PAIR_ROWS = 300  # pairs listed when the heat map is not drawn


@frozen
class Bar:
    """One segment of a horizontal bar: where it starts, how long, and what it counts."""

    key: str
    label: str
    count: int
    x: float
    width: float


@frozen
class BarRow:
    label: str
    title: str
    total: int
    segments: tuple[Bar, ...]
    limit: int | None = None
    limit_x: float | None = None
    over: bool = False
    seats: int = 0  # every seat, whatever its attendance (sizes only)


@frozen
class HeatCell:
    count: int
    shade: float  # 0 (none shared) .. 1 (the largest count in the map)
    diagonal: bool


@frozen
class TreeNode:
    label: str
    kind: str  # a body type label, or "engagement: <type>"
    depth: int
    row: int
    parent_row: int | None
    route: bool  # an engagement route rather than a body
    children: list[TreeNode] = field(default_factory=list)


@frozen
class MatrixRow:
    name: str
    marks: tuple[str, ...]
    shared: bool
    count: int


def _regime_label(name: str) -> str:
    """The regime as the page names it: its title, and plainly whether it is law."""
    from icp_cli.check.regimes import get

    regime = get(name)
    return f"{regime.title} ({'proposed law, not in force' if regime.proposed else 'in force'})"


def build_report(
    m: Membership,
    findings: Sequence[Finding],
    view: Overlap,
    *,
    regime: str = DEFAULT_REGIME,
    as_of: str | None = None,
    thresholds: Thresholds | None = None,
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The template's context: plain values, user text unescaped."""
    thresholds = thresholds or Thresholds((Layer.from_policy(m.policy),))
    names = {b.id: b.name for b in m.bodies.values()}
    counts = {s.label: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    return {
        "system": m.system.name,
        "path": m.path,
        "regime": regime,
        "regime_label": _regime_label(regime),
        "as_of": as_of,
        "bodies": [
            {"id": b.id, "name": b.name, "type": BODY_TYPE_LABELS.get(b.type, b.type)}
            for b in m.bodies.values()
        ],
        "counts": counts,
        "total": sum(counts.values()),
        "findings": _findings(findings, names),
        "notes": list(notes),
        "findings_chart": _findings_chart(findings, m),
        "sizes": _sizes(m, thresholds),
        "heat": _heat(view),
        "matrix": _matrix(view),
        "sectors": _sectors(m),
        "tree": _tree(m),
        "chart_rows": CHART_ROWS,
        "tree_nodes": TREE_NODES,
        "geometry": {
            "bar": BAR_WIDTH,
            "label": LABEL_WIDTH,
            "row": ROW_HEIGHT,
            "cell": CELL,
            "indent": TREE_INDENT,
            "tree_row": TREE_ROW,
        },
    }


def _scaled(value: float, largest: float) -> float:
    return round(BAR_WIDTH * value / largest, 1) if largest else 0.0


def _segments(parts: Sequence[tuple[str, str, int]], largest: int) -> tuple[Bar, ...]:
    out, x = [], 0.0
    for key, label, count in parts:
        if count:
            width = _scaled(count, largest)
            out.append(Bar(key, label, count, round(x, 1), width))
            x += width
    return tuple(out)


# -- findings ---------------------------------------------------------------------------------


def _findings(findings: Sequence[Finding], names: dict[str, str]) -> list[dict[str, Any]]:
    """Findings grouped by severity (most severe first), each group by body in file order."""
    order = {body_id: i for i, body_id in enumerate(names)}
    groups = []
    for severity in SEVERITIES:
        chosen = sorted(
            (f for f in findings if f.severity == severity),
            key=lambda f: (order.get(f.body or "", -1), f.line, f.column, f.code),
        )
        groups.append(
            {
                "severity": severity.label,
                "items": [
                    {
                        "code": f.code,
                        "name": f.name,
                        "body": names.get(f.body, f.body) if f.body else "The whole system",
                        "message": f.message,
                        "hint": f.hint,
                        "line": f.line,
                    }
                    for f in chosen
                ],
            }
        )
    return groups


def _findings_chart(findings: Sequence[Finding], m: Membership) -> list[BarRow]:
    """One stacked bar per body with findings (and one for the system as a whole)."""
    per: dict[str | None, dict[str, int]] = {}
    for f in findings:
        per.setdefault(f.body, {s.label: 0 for s in SEVERITIES})[f.severity.label] += 1
    keys = [k for k in (None, *m.bodies) if k in per]
    if len(keys) > CHART_ROWS:
        keys = sorted(keys, key=lambda k: -sum(per[k].values()))
    largest = max((sum(per[k].values()) for k in keys), default=0)
    rows = []
    for key in keys:
        label = key if key is not None else "system"
        title = m.bodies[key].name if key is not None else "The whole system"
        parts = [(s.label, s.label, per[key][s.label]) for s in SEVERITIES]
        rows.append(BarRow(label, title, sum(per[key].values()), _segments(parts, largest)))
    return rows


# -- sizes ------------------------------------------------------------------------------------


def _sizes(m: Membership, thresholds: Thresholds) -> list[BarRow]:
    limits = {b.id: thresholds.max_members(b)[0] for b in m.bodies.values()}
    members = {b.id: sum(1 for s in b.members if s.is_member) for b in m.bodies.values()}
    largest = max([*members.values(), *(v for v in limits.values() if v)], default=0)
    rows = []
    for body in m.bodies.values():
        count, limit = members[body.id], limits[body.id]
        parts = [("member", "member seats", count)]
        rows.append(
            BarRow(
                body.id,
                body.name,
                count,
                _segments(parts, largest),
                limit=limit,
                limit_x=_scaled(limit, largest) if limit else None,
                over=limit is not None and count > limit,
                seats=len(body.members),
            )
        )
    return rows


# -- overlap ----------------------------------------------------------------------------------


def _heat(view: Overlap) -> dict[str, Any]:
    drawn = len(view.columns) <= HEAT_BODIES
    columns = view.columns if drawn else ()
    ids = [c.id for c in columns]
    shared = {(p.a, p.b): len(p.shared) for p in view.pairs}
    largest = max(shared.values(), default=0)
    grid = []
    for a in columns:
        row = []
        for b in columns:
            if a.id == b.id:
                row.append(HeatCell(a.size, 0.0, True))
                continue
            count = shared.get((a.id, b.id), shared.get((b.id, a.id), 0))
            row.append(HeatCell(count, round(count / largest, 3) if largest else 0.0, False))
        grid.append(row)
    names = {c.id: c.name for c in view.columns}
    pairs = sorted(view.pairs, key=lambda p: -len(p.shared))
    return {
        "drawn": drawn,
        "bodies": len(view.columns),
        "columns": [{"id": c.id, "name": c.name, "people": c.size} for c in columns],
        "grid": grid,
        "largest": largest,
        "size": len(ids) * CELL,
        "pairs": [
            {"a": names[p.a], "b": names[p.b], "shared": len(p.shared)} for p in pairs[:PAIR_ROWS]
        ],
        "more_pairs": max(len(pairs) - PAIR_ROWS, 0),
    }


def _matrix(view: Overlap) -> dict[str, Any]:
    """The person x body matrix, people on two or more bodies first (as in the text view)."""
    ordered = sorted(view.rows, key=lambda r: (not r.shared, r.first))
    grid = len(ordered) * len(view.columns) <= MATRIX_CELLS
    if not grid:
        # Too large for a grid: the people on two or more bodies, each with their bodies.
        shared = [r for r in ordered if r.shared]
        return {
            "grid": False,
            "people": len(ordered),
            "shared": len(shared),
            "list": [(r.name, list(r.cells), len(r.cells)) for r in shared],
            "columns": [],
            "rows": [],
            "legend": [],
        }
    rows = [
        MatrixRow(
            name=r.name,
            marks=tuple(_mark(r.cells.get(c.id)) for c in view.columns),
            shared=r.shared,
            count=len(r.cells),
        )
        for r in ordered
    ]
    return {
        "grid": True,
        "people": len(rows),
        "columns": [{"id": c.id, "name": c.name} for c in view.columns],
        "rows": rows,
        "shared": sum(1 for r in rows if r.shared),
        "legend": [
            (CHAIR, "chair"),
            *((letter, attendance) for attendance, letter in MARK_OF_ATTENDANCE.items()),
        ],
    }


def _mark(cell: Any) -> str:
    """The text view's mark; an empty cell is blank, not a dot, in a table."""
    return "" if cell is None else mark(cell, "person")


# -- sector groups ----------------------------------------------------------------------------


def _sectors(m: Membership) -> list[dict[str, Any]]:
    """Member seats of each ICP and HWB by sector group (docs/spec/rules.md's groups)."""
    chosen = [b for b in m.bodies.values() if b.type in ("icp", "hwb")]
    counts = {
        b.id: {g: sum(1 for s in b.members if s.is_member and s.group == g) for g in GROUPS}
        for b in chosen
    }
    largest = max((sum(c.values()) for c in counts.values()), default=0)
    rows = []
    for body in chosen:
        parts = [(g or "unknown", GROUP_LABELS[g], counts[body.id][g]) for g in GROUPS]
        rows.append(
            {
                "bar": BarRow(
                    body.id, body.name, sum(counts[body.id].values()), _segments(parts, largest)
                ),
                "counts": [counts[body.id][g] for g in GROUPS],
            }
        )
    return rows


def group_labels() -> list[tuple[str, str]]:
    return [(g or "unknown", GROUP_LABELS[g]) for g in GROUPS]


# -- the reporting tree -----------------------------------------------------------------------


def _tree(m: Membership) -> dict[str, Any]:
    """Bodies under the body they report to, engagement routes under theirs; roots in file
    order. A reporting circle (possible in newer files) is cut where it closes."""
    children: dict[str | None, list[Body]] = {}
    for body in m.bodies.values():
        parent = body.reports_to if body.reports_to in m.bodies else None
        children.setdefault(parent, []).append(body)
    routes: dict[str, list[Any]] = {}
    for route in m.engagement:
        routes.setdefault(route.reports_to, []).append(route)
    nodes: list[TreeNode] = []
    seen: set[str] = set()

    def visit(body: Body, depth: int, parent_row: int | None) -> TreeNode:
        seen.add(body.id)
        node = TreeNode(
            body.name,
            BODY_TYPE_LABELS.get(body.type, body.type),
            depth,
            len(nodes),
            parent_row,
            False,
        )
        nodes.append(node)
        for route in routes.get(body.id, []):
            leaf = TreeNode(
                route.name,
                f"engagement route: {route.type or 'other'}",
                depth + 1,
                len(nodes),
                node.row,
                True,
            )
            nodes.append(leaf)
            node.children.append(leaf)
        for child in children.get(body.id, []):
            if child.id not in seen:
                node.children.append(visit(child, depth + 1, node.row))
        return node

    roots = [visit(b, 0, None) for b in children.get(None, []) if b.id not in seen]
    # Bodies only reachable through a circle: shown as roots so that none is lost.
    roots += [visit(b, 0, None) for b in m.bodies.values() if b.id not in seen]
    orphans = [r for r in m.engagement if r.reports_to not in m.bodies]
    depth = max((n.depth for n in nodes), default=0)
    return {
        "roots": roots,
        "nodes": nodes,
        "orphans": [{"name": r.name, "reports_to": r.reports_to} for r in orphans],
        "width": (depth + 1) * TREE_INDENT + 520,
        "height": max(len(nodes), 1) * TREE_ROW + 10,
    }
