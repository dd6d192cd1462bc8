"""`icp diff` output: plain text, rich text (the same lines, coloured), Markdown and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from icp_cli.check.findings import Finding
from icp_cli.design.diff import BodyDiff, Diff, RouteDiff, SeatChange, SeatEntry
from icp_cli.render.check.markdown import escape
from icp_cli.render.json_out import dumps

if TYPE_CHECKING:
    from rich.console import Console

PROPOSED = {"health-bill-2026": "the Health Bill 2026 as introduced on 14 May 2026: not law"}
AS_INTRODUCED = {"health-bill-2026": "2026-05-14"}


def regime_notice(name: str) -> dict[str, str] | None:
    """The JSON notice of a proposed regime (docs/spec/regimes.md), or None for the law in force."""
    if name not in PROPOSED:
        return None
    return {"name": name, "status": "proposed", "as_introduced": AS_INTRODUCED[name]}


SHARE_LABELS = {
    "D202": "D202 share held by people also on the ICB",
    "B501": "B501 share of NHS seats",
}
Line = tuple[str, str | None]  # text, rich style


# -- shared wording --------------------------------------------------------------------------


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _value(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _who(name: str | None, person: str | None) -> str:
    return name or person or "a vacant seat"


def _seat(entry: SeatEntry) -> str:
    kinds = ", ".join(entry.seat)
    return f"{_who(entry.name, entry.person)} ({kinds + ', ' if kinds else ''}{entry.attendance})"


def _change(change: SeatChange) -> str:
    who = _who(change.name, change.person)
    return f"{who}: {change.field} {_value(change.old)} → {_value(change.new)}"


def _finding(f: Finding) -> str:
    where = f" on '{f.body}'" if f.body else ""
    return f"{f.severity.label} {f.code} {f.name}{where}: {f.message}"


def _regime_lines(diff: Diff) -> list[str]:
    old, new = diff.old.regime, diff.new.regime
    out = []
    if old != new:
        out.append(f"Regime: {old} → {new}")
    elif old in PROPOSED:
        out.append(f"Regime: {old}")
    for name in dict.fromkeys((old, new)):
        if name in PROPOSED:
            out.append(f"{name} is proposed: {PROPOSED[name]}.")
    return out


def _title(diff: Diff) -> str:
    if diff.old.path == diff.new.path:
        return f"icp diff {diff.old.path}"
    return f"icp diff {diff.old.path} → {diff.new.path}"


def _route(route: RouteDiff) -> str:
    if route.status != "changed":
        return f"{route.name} ({route.status})"
    changes = "; ".join(f"{k} {_value(o)} → {_value(n)}" for k, o, n in route.fields)
    return f"{route.name}: {changes}"


def _summary(diff: Diff) -> str:
    f = diff.findings
    return (
        f"Findings: {len(f.new)} new, {len(f.fixed)} fixed, {len(f.changed)} changed "
        f"severity, {len(f.unchanged)} still present."
    )


def _body_heading(body: BodyDiff) -> str:
    status = {"added": " (added)", "removed": " (removed)"}.get(body.status, "")
    return f"{body.id} — {body.name}{status}"


# -- plain and rich text ---------------------------------------------------------------------


def lines(diff: Diff) -> list[Line]:
    out: list[Line] = [(_title(diff), "bold")]
    out += [(text, "bold magenta") for text in _regime_lines(diff)]
    if diff.empty:
        out.append(("No changes: the seats, people and findings are the same.", "green"))
    for body in diff.bodies:
        out += [("", None), (_body_heading(body), "bold underline")]
        out.append((f"  members: {_count(body.members[0])} → {_count(body.members[1])}", None))
        for code, (old, new) in body.shares.items():
            out.append((f"  {SHARE_LABELS[code]}: {_percent(old)} → {_percent(new)}", None))
        out += [(f"  + added {_seat(e)}", "green") for e in body.added]
        out += [(f"  - removed {_seat(e)}", "red") for e in body.removed]
        out += [(f"  ~ changed {_change(c)}", "yellow") for c in body.changed]
    if diff.moved:
        out += [("", None), ("Moved between bodies", "bold underline")]
        for move in diff.moved:
            out.append((f"  {move.name}: {', '.join(move.before)} → {', '.join(move.after)}", None))
    if diff.routes:
        out += [("", None), ("Engagement routes", "bold underline")]
        out += [(f"  {_route(r)}", None) for r in diff.routes]
    f = diff.findings
    out += [("", None), (_summary(diff), "bold")]
    groups: list[tuple[str, list[str], str | None]] = [
        ("new", [_finding(x) for x in f.new], "red"),
        ("fixed", [_finding(x) for x in f.fixed], "green"),
        (
            "changed severity",
            [f"{o.severity.label} → {_finding(n)}" for o, n in f.changed],
            "yellow",
        ),
        ("still present", [_finding(x) for x in f.unchanged], "dim"),
    ]
    for label, texts, style in groups:
        if texts:
            out.append((f"  {label}:", "bold"))
            out += [(f"    {t}", style) for t in texts]
    return out


def render_plain(diff: Diff) -> str:
    return "\n".join(text for text, _ in lines(diff)) + "\n"


def render_styled(diff: Diff, console: Console) -> None:
    from rich.text import Text

    for text, style in lines(diff):
        console.print(Text(text, style=style or ""), soft_wrap=False)


# -- Markdown --------------------------------------------------------------------------------


def render_markdown(diff: Diff) -> str:
    e = escape
    out = [f"# {e(_title(diff))}", ""]
    regime = _regime_lines(diff)
    if regime:
        out += [f"> {e(text)}" for text in regime] + [""]
    if diff.empty:
        out += ["No changes: the seats, people and findings are the same.", ""]
    if diff.bodies:
        out += ["## Bodies", ""]
    for body in diff.bodies:
        out += [f"### {e(_body_heading(body))}", ""]
        out += ["| | old | new |", "|---|---|---|"]
        out.append(f"| member seats | {_count(body.members[0])} | {_count(body.members[1])} |")
        for code, (old, new) in body.shares.items():
            out.append(f"| {e(SHARE_LABELS[code])} | {_percent(old)} | {_percent(new)} |")
        out.append("")
        for label, items in (
            ("Added", [_seat(x) for x in body.added]),
            ("Removed", [_seat(x) for x in body.removed]),
            ("Changed", [_change(x) for x in body.changed]),
        ):
            if items:
                out += [f"{label}:", ""] + [f"- {e(t)}" for t in items] + [""]
    if diff.moved:
        out += ["## Moved between bodies", ""]
        out += [
            f"- {e(m.name)}: {e(', '.join(m.before))} → {e(', '.join(m.after))}" for m in diff.moved
        ]
        out.append("")
    if diff.routes:
        out += ["## Engagement routes", ""] + [f"- {e(_route(r))}" for r in diff.routes] + [""]
    f = diff.findings
    out += ["## Findings", "", e(_summary(diff)), ""]
    for label, texts in (
        ("New", [_finding(x) for x in f.new]),
        ("Fixed", [_finding(x) for x in f.fixed]),
        ("Changed severity", [f"{o.severity.label} → {_finding(n)}" for o, n in f.changed]),
        ("Still present", [_finding(x) for x in f.unchanged]),
    ):
        if texts:
            out += [f"### {label}", ""] + [f"- {e(t)}" for t in texts] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- JSON ------------------------------------------------------------------------------------


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _seat_dict(entry: SeatEntry) -> dict[str, object]:
    return {
        "person": entry.person,
        "name": entry.name,
        "seat": list(entry.seat),
        "attendance": entry.attendance,
    }


def _finding_dict(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "body": f.body,
        "people": list(f.people),
        "message": f.message,
        "line": f.line,
        "column": f.column,
    }


def diff_dict(diff: Diff) -> dict[str, object]:
    f = diff.findings
    proposed = [regime_notice(r) for r in dict.fromkeys((diff.old.regime, diff.new.regime))]
    notice = next((n for n in proposed if n is not None), None)
    return {
        "version": 1,
        **({"regime": notice} if notice else {}),
        "old": {"path": diff.old.path, "regime": diff.old.regime},
        "new": {"path": diff.new.path, "regime": diff.new.regime},
        "bodies": [
            {
                "id": b.id,
                "status": b.status,
                "members": list(b.members),
                "added": [_seat_dict(x) for x in b.added],
                "removed": [_seat_dict(x) for x in b.removed],
                "changed": [
                    {
                        "person": c.person,
                        "name": c.name,
                        "field": c.field,
                        "old": c.old,
                        "new": c.new,
                    }
                    for c in b.changed
                ],
                "shares": {k: [_rounded(o), _rounded(n)] for k, (o, n) in b.shares.items()},
            }
            for b in diff.bodies
        ],
        "moved": [
            {"person": m.person, "name": m.name, "from": list(m.before), "to": list(m.after)}
            for m in diff.moved
        ],
        "engagement": [
            {
                "name": r.name,
                "status": r.status,
                "changed": [{"field": k, "old": o, "new": n} for k, o, n in r.fields],
            }
            for r in diff.routes
        ],
        "findings": {
            "new": [_finding_dict(x) for x in f.new],
            "fixed": [_finding_dict(x) for x in f.fixed],
            "changed": [
                {
                    **_finding_dict(n),
                    "old_severity": o.severity.label,
                    "new_severity": n.severity.label,
                }
                for o, n in f.changed
            ],
            "unchanged": [_finding_dict(x) for x in f.unchanged],
        },
    }


def render_json(diff: Diff) -> str:
    return dumps(diff_dict(diff))
