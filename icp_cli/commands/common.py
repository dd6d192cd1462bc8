"""Helpers every command shares: where results go."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from icp_cli.console import write_stdout
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError
from icp_cli.output import write_atomic

if TYPE_CHECKING:
    from icp_cli.check.regimes import Regime
    from icp_cli.model import Membership


def emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        write_stdout(text)
    else:
        write_atomic(output, text, force)


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


def input_errors(
    errors: Sequence[InputError], *, as_json: bool, output: Path | None, force: bool
) -> ExitCode:
    """A command's input errors: on stderr in every format, as the contract says, and also
    as the JSON error object on stdout (or -o) when the output is JSON, for programs."""
    from icp_cli.console import print_input_errors

    if as_json:
        from icp_cli.render.json_out import render_errors

        emit(render_errors(errors), output, force)
    print_input_errors(errors)
    return ExitCode.ERROR
