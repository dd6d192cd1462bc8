"""The regimes a file can be checked against (docs/spec/regimes.md): which law a check applies.

A regime is data: a name, a status, its dates and, for every rule it changes, what changes
(a new severity, "not run", a gap left out, a sentence added to the message, a new source)
with the sources and how sure they are. Rules know nothing of regimes; the engine applies
the regime to each rule and each hit in one place (`Regime.effective`, `Regime.adapt`).

Adding a regime (the Act as passed, with its commencement date, say) is one more entry in
`REGIMES`: nothing in the rules changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field, replace
from typing import TYPE_CHECKING

from icp_cli.check.findings import Severity
from icp_cli.immutable import frozen
from icp_cli.load.errors import UsageError

if TYPE_CHECKING:
    from icp_cli.check.rules.base import Hit, Rule

IN_FORCE, PROPOSED = "in force", "proposed"


@frozen
class Source:
    """Where a change comes from, by title, and what kind of evidence it is."""

    title: str
    confidence: str  # e.g. "impact assessment", "bill text via a stakeholder", "policy"

    def __str__(self) -> str:
        return f"{self.title} ({self.confidence})"


@frozen
class Change:
    """What one regime does to one rule."""

    why: str  # plain words: what changes and why (for `explain`)
    sources: tuple[Source, ...] = ()
    severity: Severity | None = None  # the severity under the regime; None: unchanged
    runs: bool = True  # False: the rule is not run under the regime
    drop: frozenset[str] = frozenset()  # hit aspects (Hit.aspect) not reported
    append: str | None = None  # a sentence added to every message
    source: str | None = None  # replaces the rule's source


@frozen
class Regime:
    name: str
    title: str
    status: str  # IN_FORCE or PROPOSED
    description: str
    dates: Mapping[str, str] = field(default_factory=dict)  # e.g. {"as_introduced": "..."}
    changes: Mapping[str, Change] = field(default_factory=dict)
    unchanged: str = "Unchanged."  # what `explain` says of a rule the regime leaves alone
    # What drafting terms of reference needs to know (tor.py and the templates):
    icp_statutory: bool = True  # False: an ICP is set up by agreement, not under s.116ZA
    healthwatch: bool = True  # False: Healthwatch is abolished (no HWB Healthwatch seat)
    nhs_england: str = "NHS England"  # who holds NHS England's functions
    # Set when an ICB's local-authority partner member gives way to a member nominated by
    # the mayor of each mayoral strategic authority: the citation for those members.
    mayoral_members: str | None = None

    @property
    def proposed(self) -> bool:
        return self.status == PROPOSED

    def change(self, code: str) -> Change | None:
        return self.changes.get(code)

    def runs(self, code: str) -> bool:
        change = self.changes.get(code)
        return change is None or change.runs

    def severity(self, rule: Rule) -> Severity | None:
        """The rule's severity under this regime; None when it is not run."""
        change = self.changes.get(rule.code)
        if change is None:
            return rule.severity
        if not change.runs:
            return None
        return change.severity or rule.severity

    def effective(self, rule: Rule) -> Rule | None:
        """The rule as this regime runs it (severity, source), or None when not run."""
        change = self.changes.get(rule.code)
        if change is None:
            return rule
        if not change.runs:
            return None
        return replace(
            rule,
            severity=change.severity or rule.severity,
            source=change.source or rule.source,
        )

    def adapt(self, code: str, hit: Hit) -> Hit | None:
        """A hit as this regime reports it: left out, or with its message changed."""
        change = self.changes.get(code)
        if change is None:
            return hit
        if hit.aspect is not None and hit.aspect in change.drop:
            return None
        if change.append:
            return replace(hit, message=f"{hit.message} {change.append}")
        return hit

    def as_dict(self) -> dict[str, str]:
        """The JSON form: `{"name", "status", and its dates}`."""
        return {"name": self.name, "status": self.status, **self.dates}

    @property
    def notice(self) -> str:
        """The one line every output starts with under a proposed regime."""
        return f"Regime {self.name} ({self.status}): {self.description}"


# -- the sources docs/spec/regimes.md names ---------------------------------------------

_IA_ICP = Source(
    "DHSC impact assessment \"Removing the requirement to set up integrated care "
    "partnerships\", 14 May 2026",
    "impact assessment",
)
_CL21 = Source(
    "Health Bill 2026 cl. 21 as introduced, reported by the County Councils Network's "
    "Public Bill Committee evidence (June 2026): the local-authority partner member is "
    "replaced by members nominated by the mayors of strategic authorities",
    "bill text via a stakeholder",
)
_PLAN = Source(
    "10 Year Health Plan (July 2025): mayors or their representatives on ICBs", "policy"
)
_HEALTHWATCH = Source(
    "Health Bill 2026: Healthwatch abolished (Nuffield Trust, 18 May 2026; PQ HL14379: "
    "local Healthwatch health functions move to ICBs, social care functions to councils)",
    "bill text via secondary sources",
)
_NHSE = Source(
    "Health Bill 2026 cl. 1 and Sch. 11: NHS England abolished and its functions "
    "transferred to the Secretary of State (Browne Jacobson, 18 May 2026)",
    "bill text via secondary sources",
)
_GUIDANCE = Source("the guidance these rules rest on stays guidance", "guidance")

_VOLUNTARY = (
    "Under the Health Bill 2026 (proposed) the statutory duty to set up an integrated care "
    "partnership would be removed: if the partnership is kept, it is voluntary."
)
_IF_KEPT = "Under the Health Bill 2026 (proposed) this applies if the partnership is kept."

_ICP_DUTY = Change(
    "Info instead of error: the Bill would remove the statutory duty to set up an "
    "integrated care partnership, so a partnership, if kept, is voluntary and its "
    "membership is for the partners to agree. The message says so.",
    (_IA_ICP,),
    severity=Severity.INFO,
    append=_VOLUNTARY,
)
_KEPT = Change(
    "Unchanged, but the message says it applies if the partnership is kept: the "
    "partnership would be voluntary, and the guidance this rule rests on stays guidance.",
    (_IA_ICP, _GUIDANCE),
    append=_IF_KEPT,
)
_ONLY_UNDER_BILL = Change(
    "Not run: this rule exists only for the regime health-bill-2026 (proposed).",
    runs=False,
)

ACT_2022 = Regime(
    name="act-2022",
    title="Health and Care Act 2022",
    status=IN_FORCE,
    description=(
        "the Health and Care Act 2022 regime: NHS Act 2006 Sch. 1B (ICBs), LGPIHA 2007 "
        "s.116ZA–116ZB (ICPs), HSCA 2012 s.194 (health and wellbeing boards), with NHS "
        "England's guidance."
    ),
    dates={"in_force": "2022-07-01"},
    changes={"R310": _ONLY_UNDER_BILL, "R311": _ONLY_UNDER_BILL},
    unchanged="The law in force: the rule as the catalogue gives it.",
)

HEALTH_BILL_2026 = Regime(
    name="health-bill-2026",
    title="Health Bill 2026",
    status=PROPOSED,
    description=(
        "the Health and Care Act 2022 regime as the Health Bill 2026 would change it "
        "(introduced in the Commons on 14 May 2026; not law)."
    ),
    dates={"as_introduced": "2026-05-14"},
    changes={
        "R301": _ICP_DUTY,
        "R302": _ICP_DUTY,
        "R303": Change(
            "No longer reports a missing partner member nominated by the local authorities: "
            "the Bill replaces that member with members nominated by the mayors of "
            "strategic authorities, which R310 checks. The other gaps (chair, chief "
            "executive, trust and primary care partner members, three ordinary members) "
            "stay errors, unchanged as far as the published material shows.",
            (_CL21,),
            drop=frozenset({"partner-local-authority"}),
        ),
        "R306": Change(
            "The Healthwatch gap is not reported: the Bill abolishes Healthwatch. The other "
            "gaps of a health and wellbeing board stay errors.",
            (_HEALTHWATCH,),
            drop=frozenset({"healthwatch"}),
        ),
        "R310": Change(
            "Runs (error): one ICB member nominated by the mayor of each mayoral strategic "
            "authority listed in system.mayoral_authorities.",
            (_CL21, _PLAN),
        ),
        "R311": Change(
            "Runs (info): one finding per body or engagement route with a Healthwatch seat "
            "or involving Healthwatch, so that its replacement can be planned.",
            (_HEALTHWATCH,),
        ),
        "V402": Change(
            "Not run: Healthwatch is abolished, so there is no Healthwatch to involve. "
            "V407 still asks for people with lived experience.",
            (_HEALTHWATCH,),
            runs=False,
        ),
        **{
            code: _KEPT
            for code in (
                "V401", "V403", "V404", "V405", "V406", "V407", "V408", "V409",
                "S101", "D202", "B501",
            )
        },
        "C604": Change(
            "Unchanged; its source names the Secretary of State in place of NHS England, "
            "whose functions the Bill transfers.",
            (_NHSE,),
            source=(
                "The Secretary of State's criterion for ICB chairs and non-executives (set "
                "by NHS England before the Health Bill 2026 would transfer its functions; "
                "Government response of 1 Mar 2024 to the Lords report *Patients at the "
                "centre*): no public office and no role in a health or care organisation "
                "in the ICB's area"
            ),
        ),
    },
    unchanged="Unchanged as far as the published material shows.",
    icp_statutory=False,
    healthwatch=False,
    nhs_england="the Secretary of State",
    mayoral_members="Health Bill 2026 cl. 21, proposed",
)

# The registry: one entry per regime, the default first.
REGIMES: dict[str, Regime] = {r.name: r for r in (ACT_2022, HEALTH_BILL_2026)}
DEFAULT = ACT_2022.name


def names() -> tuple[str, ...]:
    return tuple(REGIMES)


def unknown_message(name: str) -> tuple[str, str]:
    """The message and hint for a name that is not a regime."""
    from icp_cli.load.errors import did_you_mean

    close = did_you_mean(name, REGIMES)
    valid = "regimes: " + ", ".join(REGIMES)
    return f"unknown regime '{name}'", f"{close}; {valid}" if close else valid


def get(name: str, option: str = "--regime") -> Regime:
    """The regime of that name; an unknown name is a usage error listing the valid ones."""
    found = REGIMES.get(name.strip())
    if found is None:
        message, hint = unknown_message(name)
        raise UsageError(f"{option}: {message}", hint=hint)
    return found


def resolve(*candidates: str | None) -> Regime:
    """The first regime named, in order of precedence (command line, file, project
    configuration), else the default."""
    for name in candidates:
        if name is not None:
            return get(name)
    return REGIMES[DEFAULT]


def default() -> Regime:
    return REGIMES[DEFAULT]


# -- saying so in outputs ---------------------------------------------------------------------


def proposed_of(used: Iterable[tuple[str, str]]) -> list[tuple[Regime, list[str]]]:
    """The proposed regimes among (path, regime name) pairs, each with the paths checked
    under it, in order of first use. Empty when everything ran under regimes in force."""
    found: dict[str, list[str]] = {}
    for path, name in used:
        regime = REGIMES.get(name)
        if regime is not None and regime.proposed:
            found.setdefault(name, []).append(path)
    return [(REGIMES[name], paths) for name, paths in found.items()]


def notice_lines(used: Iterable[tuple[str, str]]) -> list[str]:
    """The first line(s) of a text output: one per proposed regime in use, naming the files
    it applies to only when other files of the same run were checked under another."""
    pairs = list(used)
    lines = []
    for regime, paths in proposed_of(pairs):
        line = regime.notice
        if len(paths) < len(pairs):
            line += f" Applies to: {', '.join(paths)}."
        lines.append(line)
    return lines


def json_regime(used: Iterable[tuple[str, str]]) -> dict[str, str] | None:
    """The top-level JSON `regime` object: the proposed regime in use, else None."""
    found = proposed_of(used)
    return found[0][0].as_dict() if found else None
