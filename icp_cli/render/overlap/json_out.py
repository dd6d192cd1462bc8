"""`icp overlap --format json`, exactly as docs/spec/cli.md shows it, with a few added keys.

Every key of docs/spec/cli.md is always present. Added: `system`; `view` ("matrix" or
"side-by-side") and `by` ("person", "organisation" or "sector"); per body `distinct`
(how many distinct people are on it, or organisations or sector groups with `--by`: what
the share and Jaccard count); per row `attendance` and `chair` (people) or `seats`
(organisations and sector groups); per pair `share_of_smaller` and `jaccard`; and
`possible_same_person`, the pairs of close names D204 reports among the people in view
(counted here as two people).

Format 1.1 adds, always present: per body `vacant` (how many of its `seats` are vacant),
`vacancies` (a description of each), `also` and `in_common_with` (named on either side);
per person row `non_voting` (bodies where they hold member seats without a vote) and
`substitute_for` (body id -> the ids of the members they deputise for); per pair
`in_common`.
"""

from __future__ import annotations

from icp_cli.overlap.views import Overlap, Row, chair_bodies
from icp_cli.render.json_out import dumps


def _row(view: Overlap, row: Row) -> dict[str, object]:
    out: dict[str, object] = {"id": row.id, "name": row.name, "bodies": list(row.bodies)}
    if view.by == "person":
        out["attendance"] = {b: c.attendance for b, c in row.cells.items()}
        out["chair"] = chair_bodies(row)
        out["non_voting"] = [
            b for b, c in row.cells.items() if c.non_voting and c.attendance == "member"
        ]
        out["substitute_for"] = {
            b: [ref for ref, _ in c.substitute_for]
            for b, c in row.cells.items()
            if c.substitute_for
        }
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
            {
                "id": c.id,
                "type": c.type,
                "name": c.name,
                "seats": c.seats,
                "distinct": c.size,
                "vacant": c.vacant,
                "vacancies": list(c.vacancies),
                "also": list(c.also),
                "in_common_with": list(c.in_common_with),
            }
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
                "in_common": p.in_common,
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
