"""Shell completion for values icp knows: rule codes, sample names, a file's body ids.

Typer calls these while the user presses Tab (`icp --install-completion` sets that up);
each gets the text typed so far and returns the candidates with a short description.

No `from __future__ import annotations`: typer reads these functions' annotations each time
it builds a command, and would evaluate string annotations on every run.
"""

from pathlib import Path

import typer


def rule_codes(incomplete: str) -> list[tuple[str, str]]:
    """Codes (and rule names, which `explain` also takes) that start with the text."""
    from icp_cli.check.rules.registry import all_rules

    rules = all_rules()
    codes = [(r.code, r.name) for r in rules if r.code.startswith(incomplete.upper())]
    if codes or not incomplete:
        return codes
    return [(r.name, r.code) for r in rules if r.name.startswith(incomplete.lower())]


def code_list(incomplete: str) -> list[tuple[str, str]]:
    """The last code of a comma-separated list, as `--select S101,D2` takes it."""
    from icp_cli.check.rules.registry import all_rules

    head, comma, last = incomplete.rpartition(",")
    lead = head + comma
    return [(lead + r.code, r.name) for r in all_rules() if r.code.startswith(last.upper())]


def sample_names(incomplete: str) -> list[tuple[str, str]]:
    from icp_cli.resources import sample_description, sample_paths

    return [
        (name, sample_description(path))
        for name, path in sample_paths().items()
        if name.startswith(incomplete)
    ]


def body_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Body ids of the membership file on the command line (for --body, --bodies)."""
    head, comma, last = incomplete.rpartition(",")
    return [
        (head + comma + body_id, name)
        for body_id, name in _bodies_of(_file_on_command_line(ctx))
        if body_id.startswith(last)
    ]


def _file_on_command_line(ctx: typer.Context) -> Path:
    # While an option still waits for its value, the parser leaves FILE among ctx.args.
    for word in ctx.args:
        if word.endswith((".yaml", ".yml")) and not word.startswith("-"):
            return Path(word)
    given = ctx.params.get("file")
    return Path(given) if given else Path("membership.yaml")


def _bodies_of(path: Path) -> list[tuple[str, str]]:
    from icp_cli.load.builder import load_path
    from icp_cli.load.errors import InputErrors

    try:
        membership = load_path(path)
    except (InputErrors, OSError, ValueError):
        return []  # nothing to offer while the file is missing or broken
    from icp_cli.safe_text import terminal

    # Shells read completions line by line: a line break in a name would add a candidate.
    return [(terminal(b.id), terminal(b.name)) for b in membership.bodies.values()]


def regime_names(incomplete: str) -> list[tuple[str, str]]:
    """The regimes `--regime` takes, with their status."""
    from icp_cli.check.regimes import REGIMES

    return [(r.name, r.status) for r in REGIMES.values() if r.name.startswith(incomplete)]
