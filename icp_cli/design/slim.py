"""Planning the moves that bring a body down to N member seats (docs/spec/cli.md, "Slimming a
body").

The search works on the loaded model: a move takes a member seat off the body (to an
engagement route reporting to it, or to a participant seat), and every candidate state is
checked with every rule that could make a finding appear (see `CANNOT_APPEAR`). A state is
acceptable when no finding appears that did not fire before (see `new_findings`). The search
takes, at each step, the most preferred seat whose move keeps the state acceptable, and
backtracks when it is stuck, within a budget of checks: it is ordered and bounded, never an
enumeration of every plan.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from icp_cli.check.context import Context
from icp_cli.check.engine import CheckOptions, check_membership
from icp_cli.check.findings import FileResult, Finding
from icp_cli.check.policy import Layer, Thresholds
from icp_cli.check.rules.duplication import _ALIGNED_TYPES as ALIGNED_TYPES
from icp_cli.immutable import frozen
from icp_cli.load.limits import MAX_FINDINGS_PER_RULE
from icp_cli.model import Body, Engagement, Membership, Person, Pos, Seat

# Rule checks the search may spend (each is one run, on the file, of every rule under which a
# finding could appear: see `CANNOT_APPEAR`). Enough for every realistic body; a body of
# thousands of seats gets a plan found within it.
CHECK_BUDGET = 3_000
SECONDS_BUDGET = 20.0
BACKTRACK_BUDGET = 500
BLOCKED_CHECKS, BLOCKED_SECONDS = 200, 5.0
# Up to this many member seats, the smallest reachable size is searched exhaustively.
EXACT_LIMIT = 10
ROUTE_TYPE = "assembly"

# Rules under which no finding can appear when member seats leave one body (to a route, the
# seat and, for someone named inline with no other seat, the identity go) or become
# participant seats: each counts or lists things the moves only take away, one finding per
# thing it names, so a finding after the moves is one of before, naming the same people or
# fewer (which `new_findings` takes as the rule still firing). A candidate state is checked
# with the other rules only; the plan's result is checked with every rule. The equivalence
# with a check by every rule is tested on the samples (tests/test_slim.py).
CANNOT_APPEAR = frozenset(
    {
        "S101",  # size over a limit: member seats only go
        "S102",
        "S103",
        "C604",  # one finding per ICB chair or non-executive, on what their seats show
        "D201",  # people on both the ICB and an ICP: fewer, or the same
        "D203",  # a person's seats on one body: fewer, or the same
        "D204",  # close names among identities: identities only go (see `_rechecked`)
        "D205",  # an organisation's member seats on an ICP: fewer, or the same
        "D206",  # the bodies a person sits on: fewer, or the same
        "G701",  # the meetings of a body: unchanged
        "G702",  # one finding per seat's role: seats only go
        "G705",
        "G706",  # one finding per seat's term: seats only go
        "G707",
        "G708",  # reports_to chains: unchanged
        "R312",  # one finding per seat: seats only go, a participant's is the same
    }
)
# Rules whose findings come from the seats of bodies of some types alone (and, for the V
# rules, from those of an ICP and of every body reporting to it, and the routes reporting to
# them): moves off a body they do not read leave them as they were (see `Planner._reads`).
READ_BY_TYPE: dict[str, tuple[str, ...]] = {"D207": ALIGNED_TYPES, "D208": ("icp", "hwb")}
READ_IN_ICP_SCOPE = frozenset(f"V40{n}" for n in range(1, 10))


@dataclass(slots=True)
class Tally:
    total: int
    nhs: int = 0
    organisations: dict[str, int] = field(default_factory=dict)
    councils: dict[str, int] = field(default_factory=dict)


@frozen
class Move:
    seat: Seat
    reason: str


@frozen
class Blocked:
    """A member seat left on the body, and why it could not move."""

    seat: Seat
    why: str


@dataclass(slots=True)
class Plan:
    body: Body
    target: int
    before: int
    moves: list[Move]
    reachable: int
    as_participant: bool
    route_name: str | None
    route_involves: tuple[str, ...]
    route_exists: bool
    findings_before: tuple[Finding, ...]
    findings_after: tuple[Finding, ...]
    blocked: list[Blocked] = field(default_factory=list)
    protected: list[Blocked] = field(default_factory=list)  # the chair, the ICB appointee
    regime: str | None = None
    exhausted: bool = False  # the check budget ran out before the search finished

    @property
    def after(self) -> int:
        return self.before - len(self.moves)

    @property
    def reached(self) -> bool:
        return self.after <= self.target


# -- matching findings ------------------------------------------------------------------------


def new_findings(before: Sequence[Finding], after: Sequence[Finding]) -> list[Finding]:
    """Findings of `after` that did not fire before: a finding is old when a finding of
    `before` has the same code, body and severity and names every person it names (a
    share finding that now lists fewer people is the same rule firing, not a new one).
    Each finding of `before` answers for one finding of `after`."""
    waiting: dict[tuple[str, str, int], list[set[str]]] = {}
    for f in before:
        waiting.setdefault((f.code, f.body or "", int(f.severity)), []).append(set(f.people))
    out: list[Finding] = []
    # Exact matches first, so that a subset match does not take another's partner.
    pending: list[Finding] = []
    for f in after:
        pool = waiting.get((f.code, f.body or "", int(f.severity)), [])
        people = set(f.people)
        if people in pool:
            pool.remove(people)
        else:
            pending.append(f)
    for f in pending:
        pool = waiting.get((f.code, f.body or "", int(f.severity)), [])
        people = set(f.people)
        match = next((p for p in pool if people <= p), None)
        if match is None:
            out.append(f)
        else:
            pool.remove(match)
    return out


# -- the model after some moves --------------------------------------------------------------


def default_route_name(body: Body) -> str:
    return f"{body.name} wider partners"


def sectors_of(seat: Seat) -> tuple[str, ...]:
    """The seat's sectors (several where the format allows a list)."""
    many = getattr(seat, "sectors", None)
    if many:
        return tuple(many)
    return (seat.sector,) if seat.sector else ()


def route_involves(start: Sequence[str], moved: Sequence[Seat]) -> tuple[str, ...]:
    out = list(start)
    for seat in moved:
        out += [s for s in sectors_of(seat) if s not in out]
    return tuple(out)


@frozen
class Setting:
    """Where moved seats go."""

    as_participant: bool
    route_name: str
    route_index: int | None  # the existing engagement entry, or None to create one


def apply_moves(
    m: Membership,
    body: Body,
    moved: Sequence[Seat],
    setting: Setting,
    elsewhere: frozenset[int] | None = None,
) -> Membership:
    """The membership with these seats moved off the body. `elsewhere` (see
    `seated_elsewhere`) saves working out again who sits on the other bodies."""
    gone = {id(s) for s in moved}
    if setting.as_participant:
        members = tuple(
            dataclasses.replace(s, attendance="participant") if id(s) in gone else s
            for s in body.members
        )
        engagement = m.engagement
        people = m.people
    else:
        members = tuple(s for s in body.members if id(s) not in gone)
        engagement = _with_route(m, body, moved, setting)
        if elsewhere is None:
            elsewhere = seated_elsewhere(m, body)
        people = _still_present(m, members, elsewhere)
    bodies = dict(m.bodies)
    bodies[body.id] = dataclasses.replace(body, members=members)
    return dataclasses.replace(m, bodies=bodies, engagement=engagement, people=people)


def _with_route(
    m: Membership, body: Body, moved: Sequence[Seat], setting: Setting
) -> tuple[Engagement, ...]:
    routes = list(m.engagement)
    if setting.route_index is not None:
        route = routes[setting.route_index]
        routes[setting.route_index] = dataclasses.replace(
            route, involves=route_involves(route.involves, moved)
        )
    elif moved:
        routes.append(
            Engagement(
                name=setting.route_name,
                type=ROUTE_TYPE,
                reports_to=body.id,
                involves=route_involves((), moved),
                pos=Pos(10**9, 1),
            )
        )
    return tuple(routes)


def seated_elsewhere(m: Membership, body: Body) -> frozenset[int]:
    """The people (by id) with a seat on a body other than this one."""
    return frozenset(
        id(s.person) for b in m.bodies.values() if b.id != body.id for s in b.members
    )


def _still_present(
    m: Membership, members: Sequence[Seat], elsewhere: frozenset[int]
) -> tuple[Person, ...]:
    """People: a registered person stays; an inline one goes with their last seat (the
    body's `members` are those left on it)."""
    seated = elsewhere | {id(s.person) for s in members}
    return tuple(p for p in m.people if p.is_registered or id(p) in seated)


# -- preferences and reasons -----------------------------------------------------------------


class Planner:
    def __init__(
        self,
        m: Membership,
        body: Body,
        target: int,
        setting: Setting,
        options: CheckOptions,
        regime: str | None,
        budget: int = CHECK_BUDGET,
    ) -> None:
        self.m = m
        self.body = body
        self.target = target
        self.setting = setting
        self.options = options
        self.regime = regime
        self.budget = budget
        self.checks = 0
        self.thresholds = Thresholds((*options.before, Layer.from_policy(m.policy), *options.after))
        self.before = self.check(m)
        self.ctx = Context(m, self.thresholds)
        self.skipped: frozenset[str] = frozenset()  # the rules a candidate is not checked with
        self.recheck, self.rechecked_before = self._rechecked()
        self._council_cache: dict[int, tuple[str, ...]] = {}
        self._verdicts: dict[frozenset[int], str | None] = {}
        self._last_tally: tuple[tuple[int, int], Tally] | None = None
        self._protected: dict[int, str] | None = None
        self._org_cache: dict[int, str | None] = {}
        self._elsewhere: frozenset[int] | None = None
        self.deadline = time.monotonic() + SECONDS_BUDGET

    def check(self, m: Membership) -> FileResult:
        self.checks += 1
        return check_membership(m, self.options, regime=self.regime)

    def _reads(self, code: str) -> bool:
        """Whether the rule can read the seats of the body being slimmed (see `READ_BY_TYPE`;
        a route that reports to a body no V rule reads, or that gains a sector, brings no
        finding of theirs)."""
        if code in READ_BY_TYPE:
            return any(t in READ_BY_TYPE[code] for t in self.body.types)
        if code in READ_IN_ICP_SCOPE:
            return any(
                self.body.id in {b.id for b in self.ctx.scope_of(icp)} for icp in self.ctx.icps
            )
        return True

    def _rechecked(self) -> tuple[CheckOptions, tuple[Finding, ...]]:
        """The options that run only the rules under which a finding could appear after
        moves, and the findings those rules made before. A rule of `CANNOT_APPEAR` is run
        all the same when it stopped at the engine's limit of findings (a finding it did
        not list could show once others go), and D204 when its search for close pairs could
        have stopped early (pairs silenced by `not_same_as` count towards its limit)."""
        from icp_cli.check.rules.registry import select

        counts: dict[str, int] = {}
        for f in self.before.findings:
            counts[f.code] = counts.get(f.code, 0) + 1
        silenced = sum(len(p.not_same_as) for p in self.m.people)
        skipped = {
            code
            for code in CANNOT_APPEAR
            if counts.get(code, 0) < MAX_FINDINGS_PER_RULE
            and (code != "D204" or counts.get(code, 0) + silenced < MAX_FINDINGS_PER_RULE)
        }
        skipped |= {code for code in (*READ_BY_TYPE, *READ_IN_ICP_SCOPE) if not self._reads(code)}
        self.skipped = frozenset(skipped)
        chosen = select(self.options.select, self.options.ignore + self.m.policy.ignore)
        codes = tuple(r.code for r in chosen if r.code not in skipped)
        before = tuple(f for f in self.before.findings if f.code not in skipped)
        return dataclasses.replace(self.options, select=codes), before

    # -- what never moves -----------------------------------------------------------------

    def protected(self) -> dict[int, str]:
        """Seats that never move (a chair, the ICB appointee), with the reason."""
        from icp_cli.check.rules.duplication import icb_appointee

        if self._protected is not None:
            return self._protected
        out: dict[int, str] = {}
        chairs = {id(p) for p in self.ctx.chairs(self.body)}
        for seat in self.members(self.body):
            if id(seat.person) in chairs:
                out[id(seat)] = f"a chair of '{self.body.id}'"
        if self.body.type != "icb":
            appointee = icb_appointee(self.ctx, self.body)
            if appointee is not None and id(appointee) not in out:
                out[id(appointee)] = "the ICB's appointee"
        self._protected = out
        return out

    @staticmethod
    def members(body: Body) -> list[Seat]:
        return [s for s in body.members if s.is_member]

    def _councils(self, seat: Seat) -> tuple[str, ...]:
        """The councils the body covers that appointed this seat or that it is from."""
        if id(seat) not in self._council_cache:
            self._council_cache[id(seat)] = tuple(
                council
                for council, _ in self.ctx.councils_of(self.body)
                if self.ctx.is_from(seat, council)
            )
        return self._council_cache[id(seat)]

    def last_council_seat(self, seat: Seat, remaining: Sequence[Seat]) -> str | None:
        """The council whose last member seat this is, if any (the seat is among the
        remaining ones)."""
        counts = self._tally(remaining).councils
        for council in self._councils(seat):
            if counts.get(council, 0) <= 1:
                return council
        return None

    # -- preference -----------------------------------------------------------------------

    def preference(self, seat: Seat, remaining: Sequence[Seat]) -> tuple[int, ...]:
        """Lower is preferred: on the ICB, organisation over the D205 limit, NHS share
        nearer one half, non-voting, then the later seat in file order."""
        return (
            0 if self._on_icb(seat) else 1,
            0 if self._over_limit(seat, remaining) else 1,
            0 if self._nearer_half(seat, remaining) else 1,
            0 if getattr(seat, "voting", True) is False else 1,
            -seat.index,
        )

    def _on_icb(self, seat: Seat) -> bool:
        icb = self.ctx.icb
        if icb is None or icb.id == self.body.id:
            return False
        return seat.person in self.ctx.sitting_people(icb)

    def _org_key(self, seat: Seat) -> str | None:
        """The organisation as D205 counts it (None: not counted)."""
        from icp_cli.people.matching import normalise_organisation

        if id(seat) not in self._org_cache:
            key = None
            if seat.organisation is not None and seat.sector != "icb":
                key = normalise_organisation(seat.organisation)
                if key in self.ctx.council_keys:
                    key = None
            self._org_cache[id(seat)] = key
        return self._org_cache[id(seat)]

    def _tally(self, remaining: Sequence[Seat]) -> Tally:
        """Counts over the remaining member seats, worked out once per step."""
        key = (id(remaining), len(remaining))
        if self._last_tally is None or self._last_tally[0] != key:
            tally = Tally(total=len(remaining))
            for s in remaining:
                org = self._org_key(s)
                if org is not None:
                    tally.organisations[org] = tally.organisations.get(org, 0) + 1
                for council in self._councils(s):
                    tally.councils[council] = tally.councils.get(council, 0) + 1
                if s.group == "nhs":
                    tally.nhs += 1
            self._last_tally = (key, tally)
        return self._last_tally[1]

    def _org_count(self, seat: Seat, remaining: Sequence[Seat]) -> int:
        key = self._org_key(seat)
        return 0 if key is None else self._tally(remaining).organisations.get(key, 0)

    def _over_limit(self, seat: Seat, remaining: Sequence[Seat]) -> bool:
        limit = int(self.thresholds.value("max_seats_per_organisation"))
        return self._org_count(seat, remaining) > limit

    def _shares(self, seat: Seat, remaining: Sequence[Seat]) -> tuple[float, float]:
        tally = self._tally(remaining)
        total, nhs = tally.total, tally.nhs
        now = nhs / total if total else 0.0
        after_nhs = nhs - (1 if seat.group == "nhs" else 0)
        after = after_nhs / (total - 1) if total > 1 else 0.0
        return now, after

    def _nearer_half(self, seat: Seat, remaining: Sequence[Seat]) -> bool:
        now, after = self._shares(seat, remaining)
        return abs(after - 0.5) < abs(now - 0.5)

    def reason(self, seat: Seat, remaining: Sequence[Seat]) -> str:
        """Why this seat moves, in words a governance lead can read aloud."""
        from icp_cli.check.rules.duplication import icb_appointee

        parts: list[str] = []
        if self._on_icb(seat):
            assert self.ctx.icb is not None
            appointee = icb_appointee(self.ctx, self.body)
            through = f", {appointee.name}" if appointee is not None else ""
            parts.append(
                f"{seat.name} also sits on the ICB, which keeps its voice here through its "
                f"appointee{through}."
            )
        if self._over_limit(seat, remaining):
            count = self._org_count(seat, remaining)
            limit = int(self.thresholds.value("max_seats_per_organisation"))
            parts.append(
                f"{seat.organisation} has {count} member seats, more than the limit of {limit}."
            )
        if self._nearer_half(seat, remaining):
            now, after = self._shares(seat, remaining)
            way = "down" if after < now else "up"
            parts.append(
                f"It brings the NHS share of member seats {way} from {_percent(now, after)}, "
                "nearer one half."
            )
        if getattr(seat, "voting", True) is False:
            parts.append("It is a non-voting seat.")
        if not parts:
            parts.append(
                "It is the latest seat in the list that can move without losing a "
                "statutory seat, a chair or a voice."
            )
        if self.setting.as_participant:
            parts.append("They stay at meetings as a participant, without a member seat.")
        else:
            sectors = sectors_of(seat)
            carried = f" ({', '.join(sectors)})" if sectors else ""
            parts.append(f"They stay involved through '{self.setting.route_name}'{carried}.")
        return " ".join(parts)

    # -- the search -----------------------------------------------------------------------

    def state(self, moved: Sequence[Seat]) -> Membership:
        if self._elsewhere is None:
            self._elsewhere = seated_elsewhere(self.m, self.body)
        return apply_moves(self.m, self.body, moved, self.setting, self._elsewhere)

    def failure(self, moved: Sequence[Seat]) -> str | None:
        """Why this state is not acceptable (the first new finding), or None. The state
        depends on which seats moved, not on their order: each set is checked once."""
        key = frozenset(id(s) for s in moved)
        if key not in self._verdicts:
            self.checks += 1
            state = self.state(moved)
            result = check_membership(state, self.recheck, regime=self.regime)
            fresh = new_findings(self.rechecked_before, result.findings)
            self._verdicts[key] = (
                f"moving it would make {fresh[0].code} {fresh[0].name} fire: {fresh[0].message}"
                if fresh
                else None
            )
        return self._verdicts[key]

    def ordered(self, moved: Sequence[Seat], protected: dict[int, str]) -> list[Seat]:
        gone = {id(s) for s in moved}
        remaining = [s for s in self.members(self.body) if id(s) not in gone]
        candidates = [
            s
            for s in remaining
            if id(s) not in protected and self.last_council_seat(s, remaining) is None
        ]
        return sorted(candidates, key=lambda s: self.preference(s, remaining))

    def out_of_budget(self) -> bool:
        return self.checks >= self.budget or time.monotonic() > self.deadline

    def search(
        self, wanted: int, start: Sequence[Seat] = (), backtrack: bool = True
    ) -> tuple[list[Seat], bool]:
        """The most preferred sequence of `wanted` further moves after `start`, each
        prefix acceptable, else the longest found; and whether the budget ran out.
        Without `backtrack`, it stops at the first step where no seat can move."""
        protected = self.protected()
        best: list[Seat] = list(start)
        path: list[Seat] = list(start)
        goal = len(start) + wanted
        stack: list[list[Seat]] = [self.ordered(path, protected)]
        while stack:
            if len(path) == goal:
                return path, False
            options = stack[-1]
            if not options:
                if not backtrack:
                    return best, False
                stack.pop()
                if len(path) > len(start):
                    path.pop()
                continue
            if self.out_of_budget():
                return best, True
            seat = options.pop(0)
            if self.failure([*path, seat]) is not None:
                continue
            path.append(seat)
            if len(path) > len(best):
                best = list(path)
            stack.append(self.ordered(path, protected))
        return best, False

    def blocked(self, moved: Sequence[Seat]) -> list[Blocked]:
        protected = self.protected()
        gone = {id(s) for s in moved}
        remaining = [s for s in self.members(self.body) if id(s) not in gone]
        # Saying why a seat stays costs one check each: a budget of its own.
        allowance = self.checks + BLOCKED_CHECKS
        out = []
        for seat in remaining:
            council = self.last_council_seat(seat, remaining)
            if id(seat) in protected:
                why = protected[id(seat)]
            elif council is not None:
                why = f"the last member seat from {council}"
            elif self.checks >= allowance or time.monotonic() > self.deadline + BLOCKED_SECONDS:
                why = "not tried: the search reached its limit"
            else:
                why = self.failure([*moved, seat]) or "not tried: the search reached its limit"
            out.append(Blocked(seat, why))
        return out


def plan(
    m: Membership,
    body: Body,
    target: int,
    setting: Setting,
    options: CheckOptions,
    regime: str | None = None,
    budget: int = CHECK_BUDGET,
) -> Plan:
    planner = Planner(m, body, target, setting, options, regime, budget)
    members = planner.members(body)
    wanted = max(len(members) - target, 0)
    # First the straight path: at each step the most preferred seat that can move. Only
    # when it gets stuck, a search that steps back, within a smaller budget.
    moved, exhausted = planner.search(wanted, backtrack=False)
    if len(moved) < wanted and not exhausted:
        planner.budget = min(planner.budget, planner.checks + BACKTRACK_BUDGET)
        longer, exhausted = planner.search(wanted)
        if len(longer) > len(moved):
            moved = longer
    reached = len(moved) == wanted
    # The smallest size the rules allow: keep going past the target from this plan (and,
    # for a small body, try every order of moves).
    deepest = moved
    if reached and not exhausted:
        deepest, exhausted = planner.search(len(members), moved, backtrack=False)
        if len(members) <= EXACT_LIMIT and not exhausted:
            every, exhausted = planner.search(len(members))
            deepest = max(deepest, every, key=len)
    reasons = []
    remaining = list(members)
    for seat in moved:
        reasons.append(Move(seat, planner.reason(seat, remaining)))
        remaining.remove(seat)
    final = planner.state(moved)
    # No move, and nobody or no route changed: the result is the file itself, which every
    # rule has checked already.
    unchanged = not moved and final.people == m.people and final.engagement == m.engagement
    after = planner.before.findings if unchanged else planner.check(final).findings
    route = next((e for i, e in enumerate(m.engagement) if i == setting.route_index), None)
    return Plan(
        body=body,
        target=target,
        before=len(members),
        moves=reasons,
        reachable=len(members) - len(deepest),
        as_participant=setting.as_participant,
        route_name=None if setting.as_participant else setting.route_name,
        route_involves=()
        if setting.as_participant
        else route_involves(route.involves if route else (), moved),
        route_exists=route is not None,
        findings_before=planner.before.findings,
        findings_after=after,
        blocked=[] if reached else planner.blocked(moved),
        regime=regime,
        protected=[
            Blocked(s, why) for s in members if (why := planner.protected().get(id(s)))
        ],
        exhausted=exhausted,
    )


def _percent(now: float, after: float) -> str:
    """'69% to 68%', with a decimal where whole percentages would look the same."""
    if f"{now:.0%}" == f"{after:.0%}":
        return f"{now:.1%} to {after:.1%}"
    return f"{now:.0%} to {after:.0%}"
