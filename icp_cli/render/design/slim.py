"""`icp slim` output: the plan as text (plain or rich) or JSON, with the file's diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from icp_cli.design.slim import Plan, sectors_of
from icp_cli.model import Seat
from icp_cli.render.json_out import dumps
from icp_cli.text import count as plural

if TYPE_CHECKING:
    from rich.console import Console

Line = tuple[str, str | None]


def _fixed(plan: Plan) -> list[str]:
    """Rules that fired on the body before and no longer do."""
    after = {(f.code, f.body) for f in plan.findings_after}
    out: dict[str, str] = {}
    for f in plan.findings_before:
        if (f.code, f.body) not in after:
            out.setdefault(f.code, f"{f.code} {f.name}")
    return list(out.values())


def _name(seat: Seat) -> str:
    return seat.name or "a vacant seat"


def _destination(plan: Plan) -> str:
    count = len(plan.moves)
    seats = plural(count, "seat")
    if plan.as_participant:
        return f"{seats} become participant seats: they attend and speak, without a vote."
    involves = ", ".join(plan.route_involves) or "no sector yet"
    if plan.route_exists:
        return (
            f"{seats} move to the engagement route '{plan.route_name}', which then "
            f"involves: {involves}."
        )
    return (
        f"{seats} move to a new engagement route '{plan.route_name}' (an assembly "
        f"reporting to '{plan.body.id}'), which involves: {involves}."
    )


def lines(plan: Plan, patch: str | None, written: str | None) -> list[Line]:
    from icp_cli.render.design.diff import PROPOSED

    body = plan.body
    out: list[Line] = []
    if plan.regime in PROPOSED:
        out.append((f"Regime: {plan.regime} is proposed: {PROPOSED[plan.regime]}.", "bold magenta"))
    out += [
        (
            f"Plan for '{body.id}' ({body.name}): {plan.before} → {plan.after} member seats "
            f"(target {plan.target}).",
            "bold",
        )
    ]
    if not plan.reached:
        out.append(
            (
                f"'{body.id}' cannot come down to {plan.target} member seats without a "
                f"finding that did not fire before: the smallest size reachable is "
                f"{plan.reachable}. The plan below reaches it.",
                "bold red",
            )
        )
    if not plan.moves:
        if plan.reached:
            out.append((f"Nothing to move: '{body.id}' already has {plan.before}.", "green"))
    else:
        out.append((_destination(plan), None))
        out.append(("", None))
        for number, move in enumerate(plan.moves, 1):
            seat = move.seat
            kinds = ", ".join(seat.seats)
            label = _name(seat) + (f" ({kinds})" if kinds else "")
            out.append((f"{number:>2}. {label}", "bold"))
            out.append((f"    {move.reason}", None))
    out.append(("", None))
    kept = [f"{_name(b.seat)} ({b.why})" for b in plan.protected]
    councils = f"the last member seat from each council '{body.id}' covers"
    listed = ", ".join(kept) + (" and " if kept else "") + councils
    out.append((f"Never moved: {listed}.", None))
    fixed = _fixed(plan)
    out.append(
        (
            "Checked: every rule was run on the result; no finding appears that did not "
            "fire before." + (f" No longer firing: {', '.join(fixed)}." if fixed else ""),
            "green",
        )
    )
    if plan.reached:
        out.append(
            (
                f"The smallest size the rules allow for '{body.id}' this way: "
                f"{plan.reachable} member seats.",
                None,
            )
        )
    if plan.blocked:
        out.append((f"Why the other {len(plan.blocked)} member seats stay:", "bold"))
        out += [(f"  - {_name(b.seat)}: {b.why}", None) for b in plan.blocked]
    if plan.exhausted:
        out.append(
            ("The search stopped at its limit of checks; a longer search might go further.", None)
        )
    if written is not None:
        out.append((f"Written: {written}", "bold green"))
    if patch:
        out.append(("", None))
        for row in patch.splitlines():
            style = (
                "bold"
                if row.startswith(("---", "+++"))
                else "green"
                if row.startswith("+")
                else "red"
                if row.startswith("-")
                else "cyan"
                if row.startswith("@@")
                else None
            )
            out.append((row, style))
    return out


def render_plain(plan: Plan, patch: str | None, written: str | None) -> str:
    return "\n".join(text for text, _ in lines(plan, patch, written)) + "\n"


def render_styled(plan: Plan, patch: str | None, written: str | None, console: Console) -> None:
    from rich.text import Text

    for text, style in lines(plan, patch, written):
        console.print(Text(text, style=style or ""), soft_wrap=True)


def _ref(seat: Seat) -> str | None:
    """The person's id or normalised name (None for a vacant seat)."""
    person = getattr(seat, "person", None)
    return person.ref if person is not None else None


def plan_dict(plan: Plan, patch: str, written: str | None) -> dict[str, object]:
    from icp_cli.render.design.diff import regime_notice

    notice = regime_notice(plan.regime) if plan.regime else None
    return {
        "version": 1,
        **({"regime": notice} if notice else {}),
        "body": plan.body.id,
        "members": [plan.before, plan.after],
        "target": plan.target,
        "reachable": plan.reachable,
        "reached": plan.reached,
        "moves": [
            {
                "person": _ref(m.seat),
                "name": m.seat.name,
                "seat": list(m.seat.seats),
                "sector": list(sectors_of(m.seat)),
                "line": m.seat.pos.line,
                "to": "participant" if plan.as_participant else "route",
                "reason": m.reason,
            }
            for m in plan.moves
        ],
        "route": None
        if plan.as_participant
        else {"name": plan.route_name, "involves": list(plan.route_involves)},
        "protected": [
            {"person": _ref(b.seat), "name": b.seat.name, "why": b.why} for b in plan.protected
        ],
        "blocked": [
            {"person": _ref(b.seat), "name": b.seat.name, "why": b.why} for b in plan.blocked
        ],
        "findings_before": [f.as_dict() for f in plan.findings_before],
        "findings_after": [f.as_dict() for f in plan.findings_after],
        "written": written,
        "diff": patch,
    }


def render_json(plan: Plan, patch: str, written: str | None) -> str:
    return dumps(plan_dict(plan, patch, written))
