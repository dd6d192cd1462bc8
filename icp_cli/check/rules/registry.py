"""The one place rules are registered: every family module is listed here."""

from __future__ import annotations

import importlib
from functools import cache

from icp_cli.check.rules.base import Rule, registered
from icp_cli.vocab import valid_selector

# One module per rule family, in catalogue order. A new rule goes into its family's module.
FAMILY_MODULES = (
    "size",  # S1xx
    "duplication",  # D2xx
    "statutory",  # R3xx
    "proposed",  # R310, R311: rules only a proposed regime runs (regimes.py)
    "voice",  # V4xx
    "balance",  # B5xx
    "chairs",  # C6xx
    "governance",  # G7xx
)



@cache
def all_rules() -> tuple[Rule, ...]:
    for module in FAMILY_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    return tuple(sorted(registered().values(), key=lambda r: r.code))


def rules_by_code() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


def select(
    selectors: tuple[str, ...] | None = None, ignore: tuple[str, ...] = ()
) -> tuple[Rule, ...]:
    """The rules a run uses: those matching a selector (all when None), less the ignored."""
    chosen = []
    for r in all_rules():
        if selectors is not None and not any(r.code.startswith(s) for s in selectors):
            continue
        if any(r.code.startswith(s) for s in ignore):
            continue
        chosen.append(r)
    return tuple(chosen)


def parse_codes(text: str | None, option: str) -> tuple[str, ...] | None:
    """`S101,D2` -> ('S101', 'D2'); unknown codes are usage errors."""
    from icp_cli.load.errors import UsageError

    if text is None:
        return None
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    if not codes and option == "--select":
        # Selecting nothing would run no rule and pass every file: surely a slip.
        raise UsageError(
            "--select: no rule codes given",
            hint="give codes or prefixes, e.g. --select S,D2; leave it out to run every rule",
        )
    unknown = [c for c in codes if not valid_selector(c)]
    if unknown:
        raise UsageError(
            f"{option}: unknown rule code{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)}",
            hint="see 'icp rules' for the codes; prefixes such as S or D2 also work",
        )
    return codes
