"""V4xx: the satisfaction table, messages, hints and explanations of the voice rules."""

from __future__ import annotations

import re

import pytest
from helpers import check_text, note_texts

from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import EXPLANATION_HEADINGS
from icp_cli.check.rules.registry import rules_by_code
from icp_cli.check.rules.voice import VOICES

CODES = [f"V40{i}" for i in range(1, 10)]

# rules.md, "Scope of the V rules": code -> (seats, sectors, route types, body types)
SPEC_TABLE = {
    "V401": (("director-public-health",), ("public-health",), (), ()),
    "V402": (("healthwatch",), ("healthwatch",), (), ()),
    "V403": (("vcse",), ("vcse",), (), ()),
    "V404": (
        ("director-adult-social-services", "director-childrens-services"),
        ("adult-social-care", "childrens-services"),
        (),
        (),
    ),
    "V405": (("social-care-provider",), ("social-care-provider",), (), ()),
    "V406": (
        ("clinical-lead", "primary-care", "medical-director", "nursing-director"),
        ("primary-care",),
        (),
        (),
    ),
    "V407": (("lived-experience",), ("lived-experience",), ("citizens-panel",), ()),
    "V408": (("provider-collaborative",), (), (), ("provider-collaborative",)),
    "V409": (
        (),
        ("housing", "education", "university", "police-justice", "fire-rescue", "business"),
        (),
        (),
    ),
}

CATALOGUE = {
    "V401": ("no-public-health", Severity.WARNING),
    "V402": ("no-healthwatch", Severity.WARNING),
    "V403": ("no-vcse", Severity.WARNING),
    "V404": ("no-social-care-leadership", Severity.WARNING),
    "V405": ("no-social-care-providers", Severity.WARNING),
    "V406": ("no-clinical-leadership", Severity.INFO),
    "V407": ("no-lived-experience", Severity.WARNING),
    "V408": ("no-provider-collaborative", Severity.INFO),
    "V409": ("no-wider-determinants", Severity.INFO),
}

TWO_ICPS = """\
version: 1
system:
  name: Testshire and Downshire ICS
  local_authorities: [Testshire County Council, Downshire Council]
bodies:
  icp-north:
    type: icp
    local_authorities: [Testshire County Council]
    members:
      - name: Cllr Ann Marsh
        organisation: Testshire County Council
        seat: local-authority
  icp-south:
    type: icp
    local_authorities: [Downshire Council]
    members:
      - name: Cllr Bob Frost
        organisation: Downshire Council
        seat: local-authority
"""


def test_table_matches_rules_md() -> None:
    assert set(VOICES) == set(CODES)
    for code, (seats, sectors, route_types, body_types) in SPEC_TABLE.items():
        voice = VOICES[code]
        assert voice.seats == seats, code
        assert voice.sectors == sectors, code
        assert voice.route_types == route_types, code
        assert voice.body_types == body_types, code


@pytest.mark.parametrize("code", CODES)
def test_catalogue_entry(code: str) -> None:
    rule = rules_by_code()[code]
    name, severity = CATALOGUE[code]
    assert rule.name == name
    assert rule.severity == severity
    assert rule.needs == frozenset({"icp"})
    assert not rule.completeness
    headings = re.findall(r"^## (.+)$", rule.explanation, flags=re.MULTILINE)
    assert tuple(headings) == EXPLANATION_HEADINGS


@pytest.mark.parametrize("code", ["V402", "V407"])
def test_statutory_proxy_rules_say_so(code: str) -> None:
    rule = rules_by_code()[code]
    section = {"V402": "s.116ZB(4)(a)", "V407": "s.116ZB(4)(b)"}[code]
    why = rule.explanation.split("## Why it matters", 1)[1].split("## How to fix", 1)[0]
    assert f"LGPIHA 2007 {section}" in why
    assert "statutory" in why
    assert "proxy" in why
    assert "warning" in why
    assert section in rule.source


@pytest.mark.parametrize("code", CODES)
def test_two_icps_two_findings_with_message_and_hint(code: str) -> None:
    result = check_text(TWO_ICPS, select=(code,))
    found = [f for f in result.findings if f.code == code]
    assert [(f.body, f.line, f.column) for f in found] == [
        ("icp-north", 6, 3),
        ("icp-south", 13, 3),
    ]
    for f in found:
        assert f"'{f.body}'" in f.message
        assert f.message.endswith(".")
        assert f.people == ()
        assert f.hint is not None
        assert f.body in f.hint


def test_message_names_what_was_looked_for() -> None:
    result = check_text(TWO_ICPS, select=("V407",))
    message = result.findings[0].message
    assert "citizens-panel" in message
    assert "lived-experience" in message
    result = check_text(TWO_ICPS, select=("V408",))
    message = result.findings[0].message
    assert "body of type 'provider-collaborative'" in message
    assert "route" not in message  # V408 has no sector: no route can satisfy it


def test_participant_on_one_icp_satisfies_only_that_icp() -> None:
    text = TWO_ICPS + (
        "      - name: Rosa Patel\n"
        "        organisation: Healthwatch Downshire\n"
        "        sector: healthwatch\n"
        "        attendance: participant\n"
    )
    result = check_text(text, select=("V402",))
    assert [f.body for f in result.findings] == ["icp-north"]


def test_no_icp_note() -> None:
    text = TWO_ICPS.replace("type: icp", "type: hwb")
    result = check_text(text, select=("V4",))
    assert not result.findings
    assert any("V401" in n and "V409" in n and "did not run" in n for n in note_texts(result))
