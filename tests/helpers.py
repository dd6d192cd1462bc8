"""Shared test helpers: check YAML text the way the CLI would."""

from __future__ import annotations

import datetime

from icp_cli.check.engine import CheckOptions, check_membership
from icp_cli.check.findings import FileResult
from icp_cli.check.policy import parse_assignments
from icp_cli.load.builder import load_text


def check_text(
    text: str,
    select: tuple[str, ...] | None = None,
    policy: tuple[str, ...] = (),
    path: str = "membership.yaml",
    as_of: datetime.date | None = None,
    regime: str | None = None,
) -> FileResult:
    options = CheckOptions(
        select=select,
        after=(parse_assignments(policy),) if policy else (),
        as_of=as_of,
        regime=regime,
    )
    return check_membership(load_text(text, path), options)


def note_texts(result: FileResult) -> list[str]:
    """The notes as the text and JSON outputs print them ("line 4: …" when about a line)."""
    return [str(n) for n in result.notes]


def codes(result: FileResult) -> set[str]:
    return {f.code for f in result.findings}


# The date golden outputs of samples are checked as of: the kestrel-vale sample has terms of
# office ending in early 2027, which G706/G707 compare with `--as-of` (default today).
SAMPLES_AS_OF = "2026-12-01"


def as_of_args() -> list[str]:
    """`--as-of SAMPLES_AS_OF` when `icp check` has the option, else nothing."""
    from typer.testing import CliRunner

    from icp_cli.cli import app

    result = CliRunner().invoke(app, ["check", "--help"], env={"NO_COLOR": "1"})
    return ["--as-of", SAMPLES_AS_OF] if "--as-of" in result.stdout else []
