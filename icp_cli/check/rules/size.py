"""S1xx: the size of bodies."""

from __future__ import annotations

from collections.abc import Iterator

from icp_cli.check.context import Context
from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import Hit, rule
from icp_cli.check.sources import GGI
from icp_cli.model import Body
from icp_cli.text import count as plural


def _too_large(
    ctx: Context, body: Body, what: str, *, only_a_policy_limit: bool = False
) -> Iterator[Hit]:
    """A finding when the body's member seats exceed its limit (`what` names it: "The ICP",
    "'id'"); with `only_a_policy_limit`, only a limit the policy sets counts."""
    limit, set_by_policy = ctx.thresholds.max_members(body)
    if limit is None or (only_a_policy_limit and not set_by_policy):
        return
    count = len(ctx.sized_seats(body))
    if count <= limit:
        return
    excess = count - limit
    yield Hit.on_members(
        body,
        f"{what} has {count} members; the limit is {limit}.",
        hint=f"Move {plural(excess, 'seat')} into sub-groups or panels "
        f"reporting to {what[0].lower()}{what[1:]}.",
    )


def _the(ctx: Context, body: Body, body_type: str) -> str:
    """'The ICP' when the file has one, as docs/spec/cli.md's example words it; else 'The ICP
    'id''."""
    label = body_type.upper()
    alone = len(ctx.of_type(body_type)) == 1
    return f"The {label}" if alone else f"The {label} '{body.id}'"


@rule(
    "S101",
    "icp-too-large",
    Severity.WARNING,
    "An ICP has more member seats than its limit (default 25).",
    f"{GGI}; NHS England, ICP engagement document (2021)",
    needs=("icp",),
)
def icp_too_large(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Counts each integrated care partnership's seats with `attendance: member` (the
    default) and reports when the count exceeds the limit: 25 unless
    `policy.max_members` sets one for the ICP's id or for the type `icp`, or
    `--policy max_members.icp=N` does on the command line. Participants, observers and
    substitutes do not count.

    ## Why it matters
    GGI's guide to ICPs (Feb 2022) says a lean ICP has
    no more than 25 members, and NHS England's ICP engagement document (2021) asks for
    membership kept to a "productive level". First drafts often list 40 to 60 people,
    which turns a strategy partnership into an audience.

    ## How to fix
    Keep the statutory members (one per council, one appointed by the ICB) and the
    voices the partnership needs, and move the rest into sub-groups, panels or
    assemblies that report to the ICP (`reports_to: icp`, or an `engagement` route):
    the voice rules (V) count those too. Members who attend to inform rather than
    decide can be `attendance: participant`.

    ## Example
    ```yaml
    bodies:
      icp:
        type: icp
        members:          # 31 member seats: S101 fires here
          - name: Cllr Tim Brown
            ...
    ```
    """
    for icp in ctx.icps:
        yield from _too_large(ctx, icp, _the(ctx, icp, "icp"))


@rule(
    "S102",
    "icb-too-large",
    Severity.INFO,
    "An ICB board has more member seats than the largest published design (22).",
    "NHS England, ICB guidance on board size; the largest published design "
    "(South West London ICB, 22 members) as an observation",
    needs=("icb",),
    completeness=True,
)
def icb_too_large(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Counts the ICB's member seats and reports when they exceed 22, the size of the
    largest published ICB board design (South West London), or the limit that
    `policy.max_members` sets for the ICB's id or the type `icb`. It does not run for an
    ICB marked `partial: true`.

    ## Why it matters
    NHS England asks for boards of "an appropriate size to allow effective decision
    making", and members beyond the statutory minimum need NHS England's agreement. No
    published rule sets a number, so this is information: a board larger than any
    published design deserves a second look, not a rewrite.

    ## How to fix
    Check that every seat beyond the statutory minimum (chair, chief executive, three
    partner members, the executive and non-executive seats) has a reason; move advisory
    roles to `participant` or to committees. If the size is deliberate, set
    `policy: {max_members: {icb: 24}}`.

    ## Example
    ```yaml
    bodies:
      icb:
        type: icb
        members:          # 24 member seats: S102 reports it
    ```
    """
    icb = ctx.icb
    if icb is None:
        return
    yield from _too_large(ctx, icb, _the(ctx, icb, "icb"))


@rule(
    "S103",
    "body-too-large",
    Severity.WARNING,
    "A body has more member seats than the limit the policy sets for it.",
    "Local policy: `policy.max_members` in the file, or `--policy max_members.ID=N`",
)
def body_too_large(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every body other than an ICP or ICB (those are S101 and S102), reports when its
    member seats exceed a limit set for the body's id or type in `policy.max_members` or
    with `--policy max_members.KEY=N`. Without a limit nothing is checked.

    ## Why it matters
    Local policy: designers often agree a size for committees, health and wellbeing
    boards or place partnerships, and drafts drift past it as seats are added one at a
    time. The rule makes the agreed limit visible in every check.

    ## How to fix
    Remove or merge seats, make advisory seats `participant`, or raise the limit if the
    size is agreed.

    ## Example
    ```yaml
    policy:
      max_members: {committee: 8, hwb-northshire: 14}
    ```
    """
    for body in ctx.m.bodies.values():
        if body.is_a("icp") or body.is_a("icb"):
            continue
        yield from _too_large(ctx, body, f"'{body.id}'", only_a_policy_limit=True)


@rule(
    "S104",
    "body-empty",
    Severity.WARNING,
    "A body has no member seats.",
    "Data quality: a body needs members to meet; for an ICB, ICP or HWB the R rules name "
    "the statutory members it lacks",
)
def body_empty(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Reports every body with no seat of `attendance: member`: an empty `members: []`, or
    only participants, observers and substitutes.

    ## Why it matters
    A body without members cannot be quorate or take a decision, and is usually a
    placeholder left in a draft. For an ICB, ICP or health and wellbeing board the
    statutory rules (R301–R306) also report the members the law requires.

    ## How to fix
    Add the members, or remove the body until its membership is known. A body whose
    membership is drafted elsewhere can say so in a comment.

    ## Example
    ```yaml
    bodies:
      people-committee:
        type: committee
        members: []       # S104
    ```
    """
    for body in ctx.m.bodies.values():
        if not ctx.sized_seats(body):
            yield Hit.on_members(
                body,
                f"'{body.id}' has no member seats.",
                hint="Add its members, or remove the body until they are known.",
            )
