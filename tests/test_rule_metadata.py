"""The engine holds every rule to its metadata: docs with the fixed headings, a source, and
`completeness` rules skipped for bodies marked partial."""

from __future__ import annotations

import pytest
from helpers import note_texts

from icp_cli.check.engine import check_membership
from icp_cli.check.findings import Severity
from icp_cli.check.rules import base
from icp_cli.load.builder import load_text

GOOD_DOC = """
## What it checks
x
## Why it matters
y
## How to fix
z
## Example
e
"""


def _register(code: str, doc: str, source: str) -> None:
    def check(ctx):  # type: ignore[no-untyped-def]
        return ()

    check.__doc__ = doc
    try:
        base.rule(code, "test-rule", Severity.INFO, "summary", source)(check)
    finally:
        base._REGISTERED.pop(code, None)


def test_a_rule_with_the_headings_and_a_source_registers() -> None:
    _register("Z999", GOOD_DOC, "A source by title")


@pytest.mark.parametrize(
    "doc",
    [
        "",
        "## What it checks\nx\n## Why it matters\ny\n## How to fix\nz\n",
        "## Why it matters\ny\n## What it checks\nx\n## How to fix\nz\n## Example\ne\n",
    ],
)
def test_a_rule_whose_doc_lacks_the_headings_is_refused(doc: str) -> None:
    with pytest.raises(ValueError, match="headings"):
        _register("Z998", doc, "A source")


def test_a_rule_without_a_source_is_refused() -> None:
    with pytest.raises(ValueError, match="no source"):
        _register("Z997", GOOD_DOC, "  ")


PARTIAL_ICB = """\
version: 1
system: {name: X ICS, local_authorities: [A Council]}
bodies:
  icb:
    type: icb
    partial: true
    members:
      - {name: Ann Lee, role: Chair, seat: chair}
"""


def test_completeness_rules_do_not_run_for_a_partial_icb() -> None:
    result = check_membership(load_text(PARTIAL_ICB, "m.yaml"))
    codes = {f.code for f in result.findings}
    # R303/R304/R305 would each report the missing members of a complete board.
    assert not codes & {"R303", "R304", "R305", "S102", "C604"}
    (note,) = [n for n in note_texts(result) if "marked partial" in n]
    assert "R303" in note and "R304" in note


def test_the_same_board_not_partial_is_checked() -> None:
    result = check_membership(load_text(PARTIAL_ICB.replace("    partial: true\n", ""), "m.yaml"))
    assert {"R303", "R304"} <= {f.code for f in result.findings}


def test_the_catalogue_codes_the_loader_knows_are_the_registered_rules() -> None:
    # The loader (which must not import the rules) checks policy.ignore against
    # vocab.RULE_CODES; the registry must register exactly those codes.
    from icp_cli.check.rules.registry import all_rules
    from icp_cli.vocab import RULE_CODES

    assert tuple(sorted(r.code for r in all_rules())) == RULE_CODES
