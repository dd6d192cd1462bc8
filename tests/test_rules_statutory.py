"""R3xx: messages, hints, people and explanations (positions are in tests/rules/R30x.yaml)."""

from __future__ import annotations

import textwrap

import pytest
from helpers import check_text, note_texts

from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import EXPLANATION_HEADINGS
from icp_cli.check.rules.registry import rules_by_code

CODES = ("R301", "R302", "R303", "R304", "R305", "R306")

# The Act and provision each explanation's "Why it matters" must name.
SOURCES = {
    "R301": ("LGPIHA 2007 s.116ZA(1)–(2)(b)", "s.103"),
    "R302": ("LGPIHA 2007 s.116ZA(2)(a)",),
    "R303": ("NHS Act 2006 Sch. 1B para 3(1)–(2)", "Sch. 1B para 8(2)(a)–(c)"),
    "R304": ("NHS England", "model constitution"),
    "R305": ("NHS Act 2006 Sch. 1B", "Health and Care Act 2022", "PQ HL9462"),
    "R306": ("Health and Social Care Act 2012 s.194(2)", "s.194(4)"),
}


def _findings(yaml: str, code: str):
    result = check_text(textwrap.dedent(yaml), select=(code,))
    return [f for f in result.findings if f.code == code], note_texts(result)


def _section(explanation: str, heading: str) -> str:
    start = explanation.index(f"## {heading}")
    rest = explanation[start + len(heading) + 3 :]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


@pytest.mark.parametrize("code", CODES)
def test_explanation_has_the_four_headings_in_order(code: str) -> None:
    text = rules_by_code()[code].explanation
    positions = [text.index(f"## {h}") for h in EXPLANATION_HEADINGS]
    assert positions == sorted(positions)
    assert text.count("\n## ") + text.startswith("## ") == len(EXPLANATION_HEADINGS)


@pytest.mark.parametrize("code", CODES)
def test_why_it_matters_names_the_act_and_paragraph(code: str) -> None:
    why = " ".join(_section(rules_by_code()[code].explanation, "Why it matters").split())
    for needle in SOURCES[code]:
        assert needle in why, f"{code}: {needle!r} not in {why!r}"


def test_severities_follow_the_weight_of_the_source() -> None:
    rules = rules_by_code()
    assert {c: rules[c].severity for c in CODES} == {
        "R301": Severity.ERROR,
        "R302": Severity.ERROR,
        "R303": Severity.ERROR,
        "R304": Severity.WARNING,
        "R305": Severity.WARNING,
        "R306": Severity.ERROR,
    }
    assert {c for c in CODES if rules[c].completeness} == {"R303", "R304", "R305"}


def test_r305_explains_statutory_duty_but_proxy_evidence() -> None:
    why = " ".join(_section(rules_by_code()["R305"].explanation, "Why it matters").split())
    assert "statutory" in why
    assert "proxy" in why
    assert "warning" in why
    assert "mental illness" in why


COUNCILS = """\
version: 1
system:
  name: Northshire and Easton ICS
  local_authorities:
    - Northshire County Council
    - Easton City Council
bodies:
  icp:
    type: icp
    members:
      - name: Cllr Helen Ashworth
        organisation: Northshire County Council
      - name: Cllr Tim Brown
        organisation: Easton City Council
        attendance: observer
"""


def test_r301_message_names_icp_and_council_and_hint_names_the_observer() -> None:
    [finding], _ = _findings(COUNCILS, "R301")
    assert finding.message == (
        "The ICP 'icp' has no member appointed by or from Easton City Council."
    )
    assert finding.body == "icp"
    assert finding.hint is not None
    assert finding.hint.startswith("Cllr Tim Brown is listed on 'icp' as an observer")
    assert "appointed_by: Easton City Council" in finding.hint


def test_r301_uncovered_system_council_has_no_body() -> None:
    yaml = """\
    version: 1
    system:
      name: Greater Wessex ICS
      local_authorities: [Wessex County Council, Cathersby Borough Council]
    bodies:
      icp-a:
        type: icp
        local_authorities: [Wessex County Council]
        members:
          - name: Cllr Ann Cole
            organisation: Wessex County Council
      icp-b:
        type: icp
        local_authorities: [Wessex County Council]
        members:
          - name: Cllr Ann Cole
            organisation: Wessex County Council
    """
    [finding], _ = _findings(yaml, "R301")
    assert finding.body is None
    assert "Cathersby Borough Council" in finding.message
    assert "'icp-a', 'icp-b'" in finding.message
    assert (finding.line, finding.column) == (4, 46)


def test_r302_without_an_icb_runs_and_says_the_icb() -> None:
    yaml = """\
    version: 1
    system:
      name: Northshire ICS
      local_authorities: [Northshire County Council]
    bodies:
      icp:
        type: icp
        members:
          - name: Cllr Helen Ashworth
            organisation: Northshire County Council
    """
    [finding], notes = _findings(yaml, "R302")
    assert finding.message == "The ICP 'icp' has no member appointed by or from the ICB."
    assert "appointed_by" not in (finding.hint or "")
    assert not any("R302" in n for n in notes)


def test_r303_chair_key_naming_a_non_member_names_the_chair() -> None:
    yaml = """\
    version: 1
    system:
      name: Northshire ICS
      local_authorities: [Northshire County Council]
    people:
      - id: margaret-ellison
        name: Margaret Ellison
    bodies:
      icb:
        type: icb
        chair: margaret-ellison
        members:
          - person: margaret-ellison
            attendance: participant
          - name: Mark Bell
            seat: chief-executive
          - name: Prof Sam Hughes
            seat: partner-trusts
          - name: Dr Lena Fox
            seat: partner-primary-care
          - name: Cllr Ian Reed
            seat: partner-local-authority
    """
    [finding], _ = _findings(yaml, "R303")
    assert finding.message == (
        "The ICB 'icb' has no chair among its members (Sch. 1B para 3(1)(a)): its chair, "
        "Margaret Ellison, has no member seat on it."
    )
    assert finding.people == ("margaret-ellison",)
    assert finding.hint is not None
    assert finding.hint.startswith("Margaret Ellison is listed on 'icb' as a participant")
    assert "'person: margaret-ellison'" in finding.hint


def test_r303_counts_ordinary_members_in_the_message() -> None:
    yaml = """\
    version: 1
    system:
      name: Northshire ICS
      local_authorities: [Northshire County Council]
    bodies:
      icb:
        type: icb
        members:
          - name: Margaret Ellison
            seat: chair
          - name: Mark Bell
            seat: chief-executive
          - name: Prof Sam Hughes
            seat: [partner-trusts, partner-primary-care, partner-local-authority]
    """
    [finding], _ = _findings(yaml, "R303")
    assert finding.message == (
        "The ICB 'icb' has 1 member seat held by people other than the chair and chief "
        "executive; Sch. 1B para 3(1)(c) requires at least 3."
    )
    assert finding.hint == (
        "Add 2 more ordinary members (partner members, executive or non-executive members) "
        "to 'icb'."
    )


PARTIAL = """\
version: 1
system:
  name: Northshire ICS
  local_authorities: [Northshire County Council]
bodies:
  icb:
    type: icb
    partial: true
    members: []
"""


def test_partial_icb_skips_completeness_rules_with_one_note() -> None:
    result = check_text(PARTIAL, select=("R303", "R304", "R305"))
    assert result.findings == ()
    assert "'icb' is marked partial: R303, R304, R305 did not run for it." in note_texts(result)


def test_r304_non_executive_count() -> None:
    yaml = PARTIAL.replace("    partial: true\n", "")
    findings, _ = _findings(yaml, "R304")
    assert [f.message for f in findings] == [
        "The ICB 'icb' has no director of finance among its members (seat finance-director).",
        "The ICB 'icb' has no medical director among its members (seat medical-director).",
        "The ICB 'icb' has no director of nursing among its members (seat nursing-director).",
        "The ICB 'icb' has 0 non-executives among its members; NHS England asks for at least 2.",
    ]
    assert (
        findings[-1].hint == "Add 2 independent non-executive members to 'icb' with "
        "'seat: non-executive'."
    )


def test_r305_message() -> None:
    yaml = PARTIAL.replace("    partial: true\n", "")
    [finding], _ = _findings(yaml, "R305")
    assert finding.message.startswith(
        "No ordinary member of the ICB 'icb' shows mental health expertise"
    )
    assert "of 0 ordinary member seats" in finding.message


def test_r306_names_the_board_and_paragraph_and_runs_without_icb_or_icp() -> None:
    yaml = """\
    version: 1
    system:
      name: Northshire ICS
      local_authorities: [Northshire County Council]
    bodies:
      hwb:
        type: hwb
        members:
          - name: Helen Ashworth
            organisation: Northshire County Council
            sector: local-government
          - name: Gareth Lloyd
            seat: [director-adult-social-services, director-childrens-services]
          - name: Dr Fiona McAllister
            seat: director-public-health
          - name: Sandra Whitfield
            sector: healthwatch
          - name: Mark Bell
            sector: icb
    """
    [finding], notes = _findings(yaml, "R306")
    assert finding.message == (
        "The health and wellbeing board 'hwb' has no councillor among its members (s.194(2)(a))."
    )
    assert finding.body == "hwb"
    assert "Cabinet Member for Health" in (finding.hint or "")
    assert not any("R306" in n for n in notes)
