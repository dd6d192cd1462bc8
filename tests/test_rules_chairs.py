"""Focused tests for the C6xx (chairs) and G7xx (governance) rules: messages, people, hints
and the explanations' required content. Positions are covered by the fixtures."""

from __future__ import annotations

import re

import pytest
from helpers import check_text

from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import EXPLANATION_HEADINGS
from icp_cli.check.rules.registry import rules_by_code

CODES = ("C601", "C602", "C603", "C604", "G701", "G702", "G703")

HEAD = """\
version: 1
system:
  name: Wessex Valley ICS
  local_authorities:
    - Wessex County Council
"""


def _findings(body: str, code: str):
    result = check_text(HEAD + body, select=(code,))
    assert not result.errors, result.errors
    return [f for f in result.findings if f.code == code]


@pytest.mark.parametrize("code", CODES)
def test_explanation_has_the_four_headings_in_order(code: str) -> None:
    rule = rules_by_code()[code]
    headings = re.findall(r"^## (.+)$", rule.explanation, re.MULTILINE)
    assert tuple(headings) == EXPLANATION_HEADINGS
    assert "```yaml" in rule.explanation


def test_names_and_severities_follow_the_catalogue() -> None:
    expected = {
        "C601": ("no-chair", Severity.WARNING),
        "C602": ("shared-chair", Severity.INFO),
        "C603": ("chair-not-member", Severity.WARNING),
        "C604": ("icb-chair-independence", Severity.WARNING),
        "G701": ("private-meetings", Severity.WARNING),
        "G702": ("representative-role", Severity.INFO),
        "G703": ("quorum-unreachable", Severity.ERROR),
    }
    rules = rules_by_code()
    for code, (name, severity) in expected.items():
        assert (rules[code].name, rules[code].severity) == (name, severity)
    assert rules["C604"].completeness
    assert rules["C602"].needs == frozenset({"icb", "icp"})


def test_c602_explains_both_sides_and_cites_ggi_point_5() -> None:
    text = rules_by_code()["C602"].explanation
    assert "point 5" in text and "Feb 2022" in text
    assert "coordination between the ICB and the ICP" in text
    assert "democratic" in text and "independence" in text


def test_c604_cites_the_nhs_england_criterion() -> None:
    rule = rules_by_code()["C604"]
    for text in (rule.explanation, rule.source):
        assert "NHS England" in text
        assert "Patients at the centre" in text
        assert "1 Mar" in text


def test_c602_message_people_and_hint() -> None:
    body = """\
people:
  - id: jane-okafor
    name: Dr Jane Okafor
bodies:
  icb:
    type: icb
    chair: jane-okafor
    members:
      - person: jane-okafor
  icp:
    type: icp
    chair: Jane Okafor
    members:
      - person: jane-okafor
"""
    (f,) = _findings(body, "C602")
    assert f.message == "Dr Jane Okafor chairs both the ICB 'icb' and the ICP 'icp'."
    assert f.people == ("jane-okafor",)
    assert f.body == "icp"
    assert f.hint and "co-chair" in f.hint


def test_c603_substitute_message() -> None:
    body = """\
bodies:
  hwb:
    type: hwb
    chair: Cllr Tim Brown
    members:
      - name: Cllr Tim Brown
        attendance: substitute
"""
    (f,) = _findings(body, "C603")
    assert "only a substitute" in f.message
    assert f.people == ("tim brown",)
    assert f.hint and "member seat" in f.hint


def test_c603_unknown_chair_has_no_people() -> None:
    body = """\
bodies:
  icp:
    type: icp
    chair: Nobody Here
    members: []
"""
    (f,) = _findings(body, "C603")
    assert f.people == ()
    assert "'Nobody Here'" in f.message


def test_c604_lists_each_reason_once_per_person() -> None:
    body = """\
people:
  - id: sam-hughes
    name: Cllr Sam Hughes
    sector: local-government
bodies:
  icb:
    type: icb
    members:
      - person: sam-hughes
        seat: [chair, non-executive]
  hwb:
    type: hwb
    members:
      - person: sam-hughes
"""
    (f,) = _findings(body, "C604")
    assert f.message.startswith("The ICB 'icb' chair Cllr Sam Hughes is a councillor and")
    assert "local-government on 'icb'" in f.message
    assert "local-government on 'hwb'" in f.message
    assert f.people == ("sam-hughes",)


def test_g702_names_the_role_and_the_person() -> None:
    body = """\
bodies:
  icp:
    type: icp
    members:
      - name: Alex Moore
        role: Represents Wessex Valley Hospitals NHS FT
"""
    (f,) = _findings(body, "G702")
    assert "Alex Moore" in f.message and "'Represents Wessex Valley Hospitals NHS FT'" in f.message
    assert f.people == ("alex moore",)


@pytest.mark.parametrize(
    ("role", "fires"),
    [
        ("Represents Wessex Valley Hospitals NHS FT", True),
        ("On behalf of the VCSE Alliance", True),
        ("Representing the Local Medical Committee", True),
        ("Representative of the district councils", True),
        ("ICB representative", False),
        ("Representative", False),
        ("Chief Executive", False),
        ("Lead for representation", False),
    ],
)
def test_g702_role_pattern(role: str, fires: bool) -> None:
    body = f"""\
bodies:
  icp:
    type: icp
    members:
      - name: Alex Moore
        role: "{role}"
"""
    assert bool(_findings(body, "G702")) is fires


def test_g703_counts_member_seats_only() -> None:
    body = """\
bodies:
  icp:
    type: icp
    meetings: {quorum: 2}
    members:
      - name: A Person
      - name: B Person
        attendance: participant
"""
    (f,) = _findings(body, "G703")
    assert f.message == "The quorum of 'icp' is 2, but it has only 1 member seat."
    assert f.hint and "to 1 or fewer" in f.hint
