"""`icp rules` and `icp explain`."""

from __future__ import annotations

from pathlib import Path

from icp_cli.check.regimes import Regime
from icp_cli.check.rules.registry import all_rules
from icp_cli.commands.common import emit
from icp_cli.console import rich_console, stdout_is_terminal
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import UsageError, did_you_mean
from icp_cli.render import catalogue as render


def chosen_regime(name: str | None) -> Regime:
    """--regime, else the project configuration's regime, else act-2022 (docs/spec/regimes.md)."""
    from icp_cli.check import regimes

    if name is not None:
        return regimes.get(name)
    from icp_cli.config import load_config

    return regimes.resolve(load_config().regime)


def rules(fmt: str, output: Path | None, force: bool, regime: str | None = None) -> int:
    catalogue = all_rules()
    chosen = chosen_regime(regime)
    if fmt == "json":
        text = render.table_json(catalogue, chosen)
    elif fmt == "markdown":
        text = render.table_markdown(catalogue, chosen)
    elif output is None and stdout_is_terminal():
        render.print_table_styled(catalogue, rich_console(), chosen)
        return ExitCode.OK
    else:
        text = render.table_plain(catalogue, chosen)
    emit(text, output, force)
    return ExitCode.OK


def explain(
    code: str, fmt: str, output: Path | None, force: bool, regime: str | None = None
) -> int:
    chosen = chosen_regime(regime)
    wanted = code.strip()
    found = next(
        (r for r in all_rules() if wanted.upper() == r.code or wanted.lower() == r.name), None
    )
    if found is None:
        choices = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        raise UsageError(
            f"no rule '{code}'",
            hint=did_you_mean(wanted, choices) or "see 'icp rules' for the codes",
        )
    if fmt == "json":
        emit(render.explain_json(found, chosen), output, force)
    elif fmt == "text" and output is None and stdout_is_terminal():
        render.print_explain_styled(found, rich_console(), chosen)
    else:
        # Piped, written to a file, or asked for as Markdown: the Markdown itself.
        emit(render.explain_markdown(found, chosen), output, force)
    return ExitCode.OK


def samples(name: str | None) -> int:
    from icp_cli.console import write_stdout
    from icp_cli.resources import sample_description, sample_paths

    found = sample_paths()
    if name is not None:
        path = found.get(name.removesuffix(".yaml"))
        if path is None:
            raise UsageError(
                f"no sample '{name}'",
                hint=did_you_mean(name, found) or "samples: " + ", ".join(found),
            )
        write_stdout(f"{path}\n")
        return ExitCode.OK
    width = max(map(len, found), default=0)
    for stem, path in found.items():
        write_stdout(f"{stem:<{width}}  {sample_description(path)}\n")
    write_stdout(f"\nCheck one with: icp check \"$(icp samples {next(iter(found), 'NAME')})\"\n")
    return ExitCode.OK
