"""`icp overlap --format json`, exactly as cli.md shows it, with a few added keys.

Every key of cli.md is always present. Added: `system`; `view` ("matrix" or
"side-by-side") and `by` ("person", "organisation" or "sector"); per body `distinct`
(how many distinct people are on it, or organisations or sector groups with `--by`: what
the share and Jaccard count); per row `attendance` and `chair` (people) or `seats`
(organisations and sector groups); per pair `share_of_smaller` and `jaccard`; and
`possible_same_person`, the pairs of close names D204 reports among the people in view
(counted here as two people).
"""

from __future__ import annotations

from ..overlap import Overlap, Row, chair_bodies
from .json_out import dumps


def _row(view: Overlap, row: Row) -> dict[str, object]:
    out: dict[str, object] = {"id": row.id, "name": row.name, "bodies": list(row.bodies)}
    if view.by == "person":
        out["attendance"] = {b: c.attendance for b, c in row.cells.items()}
        out["chair"] = chair_bodies(row)
    else:
        out["seats"] = {b: c.seats for b, c in row.cells.items()}
    return out


def document(view: Overlap) -> dict[str, object]:
    side = view.selected is not None and len(view.selected) == 2
    return {
        "version": 1,
        "path": view.path,
        "system": view.system,
        "view": "side-by-side" if side else "matrix",
        "by": view.by,
        "bodies": [
            {"id": c.id, "type": c.type, "name": c.name, "seats": c.seats, "distinct": c.size}
            for c in view.columns
        ],
        "people": [_row(view, r) for r in view.rows],
        "pairs": [
            {
                "a": p.a,
                "b": p.b,
                "shared": len(p.shared),
                "people": list(p.shared),
                "share_of_smaller": round(p.share_of_smaller, 4),
                "jaccard": round(p.jaccard, 4),
            }
            for p in view.pairs
        ],
        "chairs_without_seat": [
            {"body": c.body, "name": c.name, "person": c.person, "bodies": list(c.bodies)}
            for c in view.unseated_chairs
        ],
        "possible_same_person": [
            {"people": [q.a, q.b], "names": [q.a_name, q.b_name], "lines": [q.a_line, q.b_line]}
            for q in view.maybe_same
        ],
    }


def render(view: Overlap) -> str:
    return dumps(document(view))
