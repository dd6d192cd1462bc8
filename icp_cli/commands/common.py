"""Helpers every command shares: where results go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from icp_cli.console import write_stdout
from icp_cli.output import write_atomic

if TYPE_CHECKING:
    from icp_cli.check.regimes import Regime
    from icp_cli.model import Membership


def emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        write_stdout(text)
    else:
        write_atomic(output, text, force)


def parse_codes(text: str | None, option: str) -> tuple[str, ...] | None:
    """`S101,D2` -> ('S101', 'D2'); unknown codes are usage errors."""
    from icp_cli.check.rules.registry import valid_selector
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


def regime_for(m: Membership, regime: str | None) -> Regime:
    """The regime a command that reads one file works under: --regime, else the file's
    `policy.regime`, else the project configuration's `regime`, else act-2022."""
    from icp_cli.check.engine import CheckOptions, regime_of

    if regime is not None:
        return regime_of(m, CheckOptions(regime=regime))
    from icp_cli.config import load_config

    return regime_of(m, CheckOptions(default_regime=load_config().regime))


def check_regime_name(regime: str | None) -> None:
    """An unknown --regime is a usage error, before any file is read."""
    if regime is not None:
        from icp_cli.check.regimes import get

        get(regime)
