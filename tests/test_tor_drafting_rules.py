"""`terms-of-reference` runs only the rules whose findings its drafting notes report
(tor/context.py DRAFTING_CODES): the notes must be exactly those a run of every rule gives."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from icp_cli.check.engine import CheckOptions, check_membership
from icp_cli.check.regimes import REGIMES
from icp_cli.check.rules.registry import all_rules
from icp_cli.load import limits
from icp_cli.load.builder import load_path, load_text
from icp_cli.load.errors import InputErrors
from icp_cli.resources import sample_paths
from icp_cli.tor.context import DRAFTING_CODES

CASES = Path(__file__).parent / "rules"
BOUNDS = limits.resolve(timeout=None)


@cache
def _memberships() -> list[tuple[str, Any]]:
    """Every sample, and the file of every rule case that loads."""
    found = [(name, load_path(path, BOUNDS)) for name, path in sample_paths().items()]
    for path in sorted(CASES.glob("*.yaml")):
        doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for name, case in doc["cases"].items():
            try:
                found.append(
                    (f"{path.stem}/{name}", load_text(case["membership"], "m.yaml", BOUNDS))
                )
            except InputErrors:
                continue
    return found


def test_every_drafting_code_is_a_rule() -> None:
    codes = {rule.code for rule in all_rules()}
    assert not DRAFTING_CODES - codes, sorted(DRAFTING_CODES - codes)


@pytest.mark.parametrize("regime", sorted(REGIMES))
def test_the_drafting_rules_alone_find_what_every_rule_finds(regime: str) -> None:
    drafting = CheckOptions(select=tuple(sorted(DRAFTING_CODES)))
    fired = 0
    for name, m in _memberships():
        every = check_membership(m, regime=regime).findings
        expected = [f for f in every if f.code in DRAFTING_CODES]
        assert list(check_membership(m, drafting, regime=regime).findings) == expected, name
        fired += bool(expected)
    assert fired > 100  # the cases exercise the drafting rules, not only clean files
