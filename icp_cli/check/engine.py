"""Running the rules over a loaded file: selection, thresholds, notes, sorting."""

from __future__ import annotations

import datetime
import difflib
import os
from collections.abc import Sequence

from icp_cli.check import regimes
from icp_cli.check.context import Context
from icp_cli.check.findings import FileResult, Finding
from icp_cli.check.policy import Layer, Thresholds, check_targets
from icp_cli.check.regimes import Regime
from icp_cli.check.rules.base import Hit, Note, Rule
from icp_cli.check.rules.registry import select
from icp_cli.immutable import frozen
from icp_cli.load.errors import InputErrors
from icp_cli.load.limits import DEFAULT_LIMITS, MAX_FINDINGS_PER_RULE, Limits, bounded
from icp_cli.model import Membership
from icp_cli.vocab import KNOWN_SEATS

_NEEDS_LABEL = {"icb": "an ICB", "icp": "an ICP"}


@frozen
class CheckOptions:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    # Layers applied before (project configuration) and after (--policy) the file's policy.
    before: tuple[Layer, ...] = ()
    after: tuple[Layer, ...] = ()
    # The date G706/G707 compare with (`--as-of`); None means today's date.
    as_of: datetime.date | None = None
    # The regime (docs/spec/regimes.md): `regime` (the command line's --regime) wins over the file's
    # `policy.regime`, which wins over `default_regime` (the project configuration's).
    regime: str | None = None
    default_regime: str | None = None


_DEFAULT_OPTIONS = CheckOptions()


def parse_as_of(text: str, option: str = "--as-of") -> datetime.date:
    """`--as-of YYYY-MM-DD`: a real calendar date, else a usage error (exit 2)."""
    from icp_cli.load.errors import UsageError

    value = text.strip()
    try:
        if len(value) != 10:
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} '{text}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-04-01"
        ) from None


def check_path(
    path: str | os.PathLike[str],
    options: CheckOptions = _DEFAULT_OPTIONS,
    limits: Limits = DEFAULT_LIMITS,
    *,
    regime: str | None = None,
) -> FileResult:
    """Load and check one file. `regime` (a regime name) wins over `options.regime`, the
    file's `policy.regime` and the configuration's; an unknown name is a UsageError.
    `-` is standard input, named <stdin>; `# icp: ignore[...]` comments are applied."""
    from icp_cli.check.suppression import apply as suppress
    from icp_cli.load.builder import load_text
    from icp_cli.load.stdin import read_input
    from icp_cli.load.stdin import shown as shown_name

    shown = shown_name(path)

    def work() -> FileResult:
        text = read_input(path, limits)
        m = load_text(text, shown, limits)
        return suppress(check_membership(m, options, regime=regime), text)

    try:
        # One time bound for reading and checking: a file can be slow in either.
        return bounded(work, limits, shown)
    except InputErrors as exc:
        return FileResult(path=shown, errors=tuple(exc.errors))


def regime_of(
    m: Membership, options: CheckOptions = _DEFAULT_OPTIONS, regime: str | None = None
) -> Regime:
    """The regime a file is checked under: `regime`, else --regime (`options.regime`),
    else the file's `policy.regime`, else the project configuration's, else act-2022."""
    return regimes.resolve(
        regime, options.regime, m.policy.regime, options.default_regime
    )


def check_membership(
    m: Membership, options: CheckOptions = _DEFAULT_OPTIONS, *, regime: str | None = None
) -> FileResult:
    """Run the selected rules on a loaded file, under `regime` (docs/spec/regimes.md; None: the
    command line's, else the file's, else the configuration's, else the default)."""
    chosen = regime_of(m, options, regime)
    thresholds = Thresholds((*options.before, Layer.from_policy(m.policy), *options.after))
    ctx = Context(m, thresholds, as_of=options.as_of)
    selected = select(options.select, options.ignore + m.policy.ignore)
    # The regime decides which rules run and with what severity and source: here, once.
    rules: list[Rule] = []
    switched_off: list[str] = []
    for candidate in selected:
        effective = chosen.effective(candidate)
        if effective is not None:
            rules.append(effective)
        elif regimes.default().runs(candidate.code):
            # Switched off by this regime (V402 under the Bill): said in a note. A rule that
            # exists only for another regime (R310 under act-2022) is silent.
            switched_off.append(candidate.code)
    findings: list[Finding] = []
    notes: list[Note] = []
    skipped: dict[str, list[str]] = {}
    for rule in rules:
        missing = [t for t in sorted(rule.needs) if not any(b.is_a(t) for b in m.bodies.values())]
        if missing:
            skipped.setdefault(missing[0], []).append(rule.code)
            continue
        if rule.completeness and any(
            b.partial for b in m.bodies.values() if any(b.is_a(t) for t in rule.needs)
        ):
            # A body marked partial lists only some of its members: a rule about what it
            # lacks cannot run for it (said in a note), whatever the rule's own code does.
            continue
        listed = 0
        for item in rule.check(ctx):
            if isinstance(item, Note):
                notes.append(item)
            elif listed == MAX_FINDINGS_PER_RULE:
                notes.append(
                    Note(
                        f"{rule.code} stopped after {MAX_FINDINGS_PER_RULE:,} findings in "
                        "this file; there are more. Fix these and check again."
                    )
                )
                break
            else:
                hit = chosen.adapt(rule.code, item)
                if hit is None:
                    continue
                findings.append(_finding(m.path, rule, hit))
                listed += 1
    for body_type, codes in skipped.items():
        notes.append(
            Note(
                f"{', '.join(codes)} did not run: the file has no {body_type.upper()} "
                f"(a body of type '{body_type}'); they need {_NEEDS_LABEL[body_type]}."
            )
        )
    if switched_off:
        notes.append(
            Note(
                f"{', '.join(switched_off)} did not run: the regime {chosen.name} "
                f"({chosen.status}) switches {'it' if len(switched_off) == 1 else 'them'} "
                f"off; see 'icp explain {switched_off[0]} --regime {chosen.name}'."
            )
        )
    notes.extend(_partial_notes(m, rules))
    notes.extend(_unknown_seat_notes(m))
    notes.extend(_partly_notes(m))
    for layer in options.after + options.before:
        for key in check_targets(layer, m.bodies):
            notes.append(
                Note(
                    f"{layer.name} max_members.{key} names no body or body type in this "
                    "file; it was not used."
                )
            )
    findings.sort(key=Finding.sort_key)
    return FileResult(
        path=m.path,
        system=m.system.name,
        findings=tuple(findings),
        notes=tuple(notes),
        body_names={b.id: b.name for b in m.bodies.values()},
        regime=chosen.name,
    )


def _finding(path: str, rule: Rule, hit: Hit) -> Finding:
    return Finding(
        path=path,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=hit.message,
        line=hit.pos.line,
        column=hit.pos.column,
        body=hit.body,
        people=hit.people,
        hint=hit.hint,
    )


def _partial_notes(m: Membership, rules: Sequence[Rule]) -> list[Note]:
    notes = []
    for body in m.bodies.values():
        codes = [
            r.code for r in rules if r.completeness and any(body.is_a(t) for t in r.needs)
        ]
        if body.partial and codes:
            notes.append(
                Note(f"'{body.id}' is marked partial: {', '.join(codes)} did not run for it.")
            )
    return notes


def _unknown_seat_notes(m: Membership) -> list[Note]:
    notes = []
    matches: dict[str, list[str]] = {}  # one search per distinct seat, not per seat
    for seat, pos, body_id in m.unknown_seats:
        close = matches.get(seat)
        if close is None:
            close = matches[seat] = difflib.get_close_matches(seat, KNOWN_SEATS, n=1, cutoff=0.75)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        notes.append(
            Note(
                f"seat '{seat}' on '{body_id}' is not a known seat kind: kept, but no rule "
                f"counts it{hint}",
                line=pos.line,
            )
        )
    return notes


def _partly_notes(m: Membership) -> list[Note]:
    """Councils marked `partly: true` (docs/spec/membership-format.md): said, never a finding."""
    return [
        Note(
            f"{council} lies only partly in this ICB's area (partly: true): the rules treat "
            "it as any other council."
        )
        for council in m.system.local_authorities
        if m.system.is_partly(council)
    ]
