"""Shared test helpers: check YAML text the way the CLI would."""

from __future__ import annotations

import datetime

from icp_cli.engine import CheckOptions, check_membership
from icp_cli.findings import FileResult
from icp_cli.loader import load_text
from icp_cli.policy import parse_assignments


def check_text(
    text: str,
    select: tuple[str, ...] | None = None,
    policy: tuple[str, ...] = (),
    path: str = "membership.yaml",
    as_of: datetime.date | None = None,
) -> FileResult:
    options = CheckOptions(
        select=select, after=(parse_assignments(policy),) if policy else (), as_of=as_of
    )
    return check_membership(load_text(text, path), options)


def codes(result: FileResult) -> set[str]:
    return {f.code for f in result.findings}
