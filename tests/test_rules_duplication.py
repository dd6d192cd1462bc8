"""Messages, people, hints and notes of the D2xx rules and B501 (positions: fixtures)."""

from __future__ import annotations

import re
import textwrap

import pytest
from helpers import check_text, note_texts

from icp_cli.check.findings import Finding
from icp_cli.check.rules.base import EXPLANATION_HEADINGS
from icp_cli.check.rules.registry import rules_by_code

CODES = ("D201", "D202", "D203", "D204", "D205", "D206", "B501")

HEAD = """\
version: 1
system:
  name: Test ICS
  local_authorities: [Northshire Council]
"""


def run(body: str, code: str, *policy: str) -> tuple[list[Finding], tuple[str, ...]]:
    """Check HEAD + body (dedented; its first line is blank, so the body starts on line 6)."""
    result = check_text(HEAD + textwrap.dedent(body), select=(code,), policy=policy)
    return [f for f in result.findings if f.code == code], note_texts(result)


def only(body: str, code: str, *policy: str) -> Finding:
    findings, _ = run(body, code, *policy)
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize("code", CODES)
def test_explanation_has_the_four_headings_in_order(code: str) -> None:
    rule = rules_by_code()[code]
    headings = re.findall(r"^## (.+)$", rule.explanation, flags=re.MULTILINE)
    assert tuple(headings) == EXPLANATION_HEADINGS
    assert rule.summary.endswith(".")
    assert rule.source


def test_names_and_severities_follow_the_catalogue() -> None:
    rules = rules_by_code()
    expected = {
        "D201": ("shared-members", "info"),
        "D202": ("high-overlap", "warning"),
        "D203": ("duplicate-seat", "warning"),
        "D204": ("possible-same-person", "warning"),
        "D205": ("organisation-seats", "info"),
        "D206": ("many-bodies", "info"),
        "B501": ("nhs-majority", "info"),
    }
    for code, (name, severity) in expected.items():
        assert (rules[code].name, rules[code].severity.label) == (name, severity)
    assert rules["D201"].needs == rules["D202"].needs == frozenset({"icb", "icp"})
    assert rules["D205"].needs == rules["B501"].needs == frozenset({"icp"})
    assert not rules["D203"].needs and not rules["D204"].needs and not rules["D206"].needs


def test_d201_lists_the_shared_people_in_icp_order() -> None:
    f = only(
        """
        people:
          - {id: jane-okafor, name: Dr Jane Okafor}
        bodies:
          icb:
            type: icb
            members:
              - {person: jane-okafor, seat: chair}
              - {name: Sam Hughes, seat: chief-executive}
          icp:
            type: icp
            members:
              - {name: Sam Hughes, attendance: substitute}
              - {name: Cllr Tim Brown}
              - {person: jane-okafor}
        """,
        "D201",
    )
    assert f.message == (
        "2 people sit on both the ICB 'icb' and the ICP 'icp': Sam Hughes and Dr Jane Okafor."
    )
    assert f.people == ("sam hughes", "jane-okafor")
    assert f.body == "icp"
    assert f.hint and "'icp'" in f.hint


def test_d202_names_the_counted_people_and_the_appointee() -> None:
    f = only(
        """
        bodies:
          icb:
            type: icb
            members:
              - {name: Jane Okafor, seat: chair}
              - {name: Sam Hughes, seat: chief-executive}
              - {name: Priya Shah, seat: finance-director}
          icp:
            type: icp
            members:
              - {name: Jane Okafor, seat: icb-representative}
              - {name: Sam Hughes}
              - {name: Priya Shah}
              - {name: Cllr Tim Brown}
        """,
        "D202",
    )
    assert f.message == (
        "2 of the 4 member seats of the ICP 'icp' (50%) are held by people who also sit on "
        "the ICB 'icb' besides its ICB appointee 'Jane Okafor': Sam Hughes and Priya Shah; "
        "the limit is 33%."
    )
    assert f.people == ("sam hughes", "priya shah")
    assert f.body == "icp"


def test_d202_counts_seats_not_people() -> None:
    # One ICB person in two ICP member seats: 2 of 5 seats (40%) is over 1/3.
    f = only(
        """
        bodies:
          icb:
            type: icb
            members:
              - {name: Sam Hughes, seat: chief-executive}
          icp:
            type: icp
            members:
              - {name: Sam Hughes, seat: vcse}
              - {name: Sam Hughes, seat: healthwatch}
              - {name: Cllr Tim Brown}
              - {name: Ann Grey}
              - {name: Omar Said}
        """,
        "D202",
    )
    assert f.message.startswith("2 of the 5 member seats")
    assert f.people == ("sam hughes",)
    assert "besides" not in f.message


def test_d203_message_and_hint() -> None:
    f = only(
        """
        bodies:
          icp:
            type: icp
            members:
              - {name: Dr Priya Shah, seat: clinical-lead}
              - {name: Priya Shah}
        """,
        "D203",
    )
    assert f.message == "'Priya Shah' holds two seats on 'icp' (lines 10 and 11)."
    assert f.people == ("priya shah",)
    assert f.body == "icp"
    assert f.hint and "line 10" in f.hint


def test_d203_joint_post_is_a_note_not_a_finding() -> None:
    findings, notes = run(
        """
        bodies:
          hwb:
            type: hwb
            members:
              - {name: Kate Marsh, seat: director-adult-social-services}
              - {name: Kate Marsh, seat: director-childrens-services}
        """,
        "D203",
    )
    assert findings == []
    assert (
        "line 11: 'Kate Marsh' holds two seats on 'hwb' (director-adult-social-services and "
        "director-childrens-services): counted as a joint post, not D203."
    ) in notes


def test_d203_three_seats_with_a_repeated_kind_is_a_finding() -> None:
    findings, notes = run(
        """
        bodies:
          hwb:
            type: hwb
            members:
              - {name: Kate Marsh, seat: director-adult-social-services}
              - {name: Kate Marsh, seat: director-childrens-services}
              - {name: Kate Marsh, seat: director-adult-social-services}
        """,
        "D203",
    )
    assert [f.line for f in findings] == [11]
    assert findings[0].message.startswith("'Kate Marsh' holds 3 seats on 'hwb'")
    assert not any("joint post" in n for n in notes)


def test_d204_points_at_the_later_name_with_both_people() -> None:
    f = only(
        """
        people:
          - {id: bill-turner, name: Cllr Bill Turner}
          - {id: william-turner, name: William Turner}
        bodies:
          icp:
            type: icp
            members:
              - {person: bill-turner}
              - {person: william-turner}
        """,
        "D204",
    )
    assert f.message == (
        "'Cllr Bill Turner' (line 7) and 'William Turner' (line 8) may be the same person."
    )
    assert f.people == ("bill-turner", "william-turner")
    assert f.body is None
    assert f.hint is not None
    assert "person:" in f.hint
    assert "not_same_as: [bill-turner] to 'william-turner'" in f.hint


def test_d204_inline_pair_hint_asks_for_people_entries() -> None:
    f = only(
        """
        bodies:
          icp:
            type: icp
            members:
              - {name: Jon Pryce}
              - {name: John Pryce}
        """,
        "D204",
    )
    assert f.people == ("jon pryce", "john pryce")
    assert f.hint and "people[] entry" in f.hint and "not_same_as" in f.hint


def test_d204_reports_each_pair_once() -> None:
    findings, _ = run(
        """
        people:
          - {id: ann-lee-a, name: Ann Lee}
          - {id: ann-lee-b, name: Dr Ann Lee}
          - {id: anne-lee, name: Anne Lee}
        bodies:
          icp:
            type: icp
            members:
              - {person: ann-lee-a}
              - {person: ann-lee-b}
              - {person: anne-lee}
        """,
        "D204",
    )
    pairs = sorted(f.people for f in findings)
    assert pairs == [
        ("ann-lee-a", "ann-lee-b"),
        ("ann-lee-a", "anne-lee"),
        ("ann-lee-b", "anne-lee"),
    ]


def test_d205_message_people_and_hint() -> None:
    f = only(
        """
        bodies:
          icp:
            type: icp
            members:
              - {name: Amy Jones, organisation: Northshire Hospitals NHS FT}
              - {name: Ben Khan, organisation: Northshire Hospitals NHS FT}
              - {name: Cllr Tim Brown, organisation: Northshire Council}
        """,
        "D205",
        "max_seats_per_organisation=1",
    )
    assert f.message == (
        "'Northshire Hospitals NHS FT' holds 2 member seats on the ICP 'icp' "
        "(Amy Jones and Ben Khan); the limit is 1."
    )
    assert f.people == ("amy jones", "ben khan")
    assert f.body == "icp"
    assert f.hint and "Keep 1 seat for 'Northshire Hospitals NHS FT'" in f.hint


def test_d206_message_and_people() -> None:
    f = only(
        """
        bodies:
          icb:
            type: icb
            members: [{name: Sam Ortiz}]
          icp:
            type: icp
            members: [{name: Sam Ortiz, attendance: substitute}]
        """,
        "D206",
        "many_bodies=2",
    )
    assert f.message == "'Sam Ortiz' sits on 2 bodies (icb, icp); the threshold is 2."
    assert f.people == ("sam ortiz",)
    assert f.body is None
    assert f.hint


def test_b501_message_and_people() -> None:
    f = only(
        """
        bodies:
          icp:
            type: icp
            members:
              - {name: Jane Okafor, sector: icb}
              - {name: Jane Okafor, sector: icb}
              - {name: Amy Jones, sector: nhs-acute}
              - {name: Cllr Tim Brown, sector: local-government}
        """,
        "B501",
    )
    assert f.message == (
        "3 of the 4 member seats of the ICP 'icp' (75%) are from NHS sectors; the limit is 50%."
    )
    assert f.people == ("jane okafor", "amy jones")
    assert f.body == "icp"
    assert f.hint and "'icp'" in f.hint
