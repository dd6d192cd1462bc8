"""Catalogue 1.1 (rules.md): the new rules' names, severities, sources and docs; the
as-of date; and the changed readings (vacant and non-voting seats, several sectors, bodies
with two roles, the Councillor definition). Positions are covered by the fixtures."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from helpers import check_text, note_texts
from test_cli_check import invoke

from icp_cli.check.findings import Severity
from icp_cli.check.rules.base import EXPLANATION_HEADINGS
from icp_cli.check.rules.registry import rules_by_code

NEW = {
    "R307": ("icb-single-chair", Severity.ERROR),
    "R308": ("icb-chair-is-chief-executive", Severity.ERROR),
    "R309": ("icp-no-councils-listed", Severity.WARNING),
    "R312": ("partner-seat-sector", Severity.INFO),
    "D207": ("aligned-bodies", Severity.INFO),
    "D208": ("unlisted-council", Severity.WARNING),
    "B502": ("council-seat-not-elected", Severity.INFO),
    "C605": ("icb-deputy-chair", Severity.WARNING),
    "C606": ("icb-audit-committee", Severity.WARNING),
    "C607": ("icb-remuneration-committee", Severity.WARNING),
    "C608": ("icb-member-mp", Severity.WARNING),
    "G704": ("icb-quorum-needs-chair", Severity.INFO),
    "G705": ("hwb-private-meetings", Severity.WARNING),
    "G706": ("term-expired", Severity.WARNING),
    "G707": ("term-ending", Severity.INFO),
    "G708": ("reporting-circle", Severity.WARNING),
}


@pytest.mark.parametrize("code", sorted(NEW))
def test_new_rule_name_severity_and_doc(code: str) -> None:
    rule = rules_by_code()[code]
    assert (rule.name, rule.severity) == NEW[code]
    headings = re.findall(r"^## (.+)$", rule.explanation, re.MULTILINE)
    assert tuple(headings) == EXPLANATION_HEADINGS
    assert "```yaml" in rule.explanation
    assert rule.source and "seed" not in rule.source.lower()


@pytest.mark.parametrize("code", sorted(NEW))
def test_rules_and_explain_show_the_new_rules(code: str) -> None:
    listed = invoke("rules")
    assert code in listed.stdout and NEW[code][0] in listed.stdout
    shown = invoke("explain", code)
    assert shown.exit_code == 0
    assert f"# {code} {NEW[code][0]}" in shown.stdout


def test_sources_named_by_title() -> None:
    rules = rules_by_code()
    assert "Sch. 1B para 3(1)(a)" in rules["R307"].source
    assert "Guidance on ICB constitutions and governance" in rules["C605"].source
    assert "model constitution" in rules["C606"].source
    assert "Health and Social Care Act 2012 s.194(11)" in rules["G705"].source
    assert "GGI" in rules["D207"].source and "Feb 2022" in rules["D207"].source


# -- the as-of date --------------------------------------------------------------------------

TERM = """\
version: 1
system: {name: Test ICS}
bodies:
  icb:
    type: icb
    members:
      - {name: Ruth Olsen, term: {to: 2026-12-31}}
"""


def _codes_as_of(text: str, *args: str) -> list[str]:
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        result = invoke("check", "--select", "G7", "-f", "json", *args, path)
    doc = json.loads(result.stdout)
    return [f["code"] for f in doc["files"][0]["findings"]]


def test_as_of_on_the_command_line() -> None:
    assert _codes_as_of(TERM, "--as-of", "2026-10-02") == ["G707"]
    assert _codes_as_of(TERM, "--as-of", "2026-10-01") == []
    assert _codes_as_of(TERM, "--as-of", "2026-12-31") == ["G707"]
    assert _codes_as_of(TERM, "--as-of", "2027-01-01") == ["G706"]


def test_as_of_with_policy_window() -> None:
    args = ("--as-of", "2026-12-01", "--policy", "term_warning_days=30")
    assert _codes_as_of(TERM, *args) == ["G707"]
    args = ("--as-of", "2026-12-01", "--policy", "term_warning_days=29")
    assert _codes_as_of(TERM, *args) == []


@pytest.mark.parametrize("bad", ["2026-02-30", "31/12/2026", "2026-1-1", "tomorrow"])
def test_bad_as_of_is_a_usage_error(bad: str) -> None:
    result = invoke("check", "--as-of", bad, "membership.yaml")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_as_of_defaults_to_today() -> None:
    today = datetime.date.today()
    text = TERM.replace("2026-12-31", (today - datetime.timedelta(days=1)).isoformat())
    assert [f.code for f in check_text(text, select=("G706",)).findings] == ["G706"]
    text = TERM.replace("2026-12-31", today.isoformat())
    assert [f.code for f in check_text(text, select=("G7",)).findings] == ["G707"]


# -- changed readings --------------------------------------------------------------------------


def _found(text: str, code: str) -> list:
    result = check_text(text, select=(code,))
    assert not result.errors, result.errors
    return [f for f in result.findings if f.code == code]


ICB_HEAD = """\
version: 1
system: {name: Test ICS}
bodies:
  icb:
    type: icb
"""


def test_vacant_seat_counts_for_size_only() -> None:
    text = ICB_HEAD + """\
    meetings: {quorum: 2}
    members:
      - {name: Dr Jane Okafor, seat: chair}
      - {name: Mark Bell, seat: chief-executive}
      - {vacant: true, seat: non-executive}
      - {vacant: true, seat: partner-trusts}
"""
    # G703/G704 count filled member seats: 2 filled, quorum 2 needs the chair.
    assert _found(text, "G704") and not _found(text, "G703")
    (gap,) = [f for f in _found(text, "R303") if "partner-trusts" in f.message]
    assert gap.message.endswith("The seat exists but is vacant.")
    (nonexec,) = _found(text, "R304")[-1:]
    assert "The seat exists but is vacant." in nonexec.message
    limited = check_text(text, select=("S102",), policy=("max_members.icb=3",))
    assert [f.code for f in limited.findings] == ["S102"]  # 4 seats, vacant ones included


def test_non_voting_members_left_out_of_b501_only() -> None:
    text = """\
version: 1
system: {name: Test ICS}
bodies:
  icp:
    type: icp
    members:
      - {name: A Jones, sector: icb, seat: icb-representative}
      - {name: B Khan, sector: nhs-acute, voting: false}
      - {name: C Lowe, sector: primary-care, voting: false}
      - {name: Cllr D Moss, sector: local-government}
"""
    assert not _found(text, "B501")  # 1 of 2 voting seats
    voting = text.replace(", voting: false", "")
    (f,) = _found(voting, "B501")
    assert f.message.startswith("3 of the 4 member seats")
    limited = check_text(text, select=("S101",), policy=("max_members.icp=3",))
    assert [f.code for f in limited.findings] == ["S101"]  # non-voting members count


def test_b501_counts_several_sectors_by_the_first() -> None:
    text = """\
version: 1
system: {name: Test ICS}
bodies:
  icp:
    type: icp
    members:
      - {name: A Jones, sector: [vcse, nhs-community]}
      - {name: B Khan, sector: [nhs-acute, vcse]}
      - {name: C Lowe, sector: vcse}
"""
    assert not _found(text, "B501")  # 1 of 3 by the first sector


def test_r305_ordinary_excludes_a_chair_named_by_chair_key() -> None:
    text = ICB_HEAD + """\
    chair: Dr Priya Shah
    members:
      - {name: Dr Priya Shah, sector: nhs-mental-health, seat: non-executive}
      - {name: Mark Bell, seat: chief-executive}
"""
    # The chair holds no `chair` seat, but as in R303 she is not an ordinary member.
    assert _found(text, "R305")
    combined = ICB_HEAD + """\
    members:
      - {name: Sam Hughes, sector: [nhs-community, nhs-mental-health], seat: partner-trusts}
"""
    assert not _found(combined, "R305")


def test_body_with_two_roles_runs_both_types_rules() -> None:
    text = """\
version: 1
system:
  name: Test ICS
  local_authorities: [Easton City Council]
bodies:
  icp:
    type: icp
    also: [hwb]
    meetings: {public: false}
    members:
      - {name: Cllr Tim Brown, organisation: Easton City Council, seat: chair}
"""
    result = check_text(text, select=("R306", "G701", "G705", "C601", "R301"))
    codes = sorted({f.code for f in result.findings})
    assert codes == ["G701", "G705", "R306"]
    assert {f.body for f in result.findings} == {"icp"}


def test_hwb_also_icp_is_checked_as_an_icp() -> None:
    text = """\
version: 1
system:
  name: Test ICS
  local_authorities: [Easton City Council]
bodies:
  hwb:
    type: hwb
    also: [icp]
    members:
      - {name: Cllr Tim Brown, organisation: Westshire Council}
"""
    result = check_text(text, select=("R301", "R302", "V401", "D208"))
    assert sorted({f.code for f in result.findings}) == ["D208", "R301", "R302", "V401"]
    assert not any("did not run" in n for n in note_texts(result))


def test_also_hwb_policy_limit_by_also_type() -> None:
    text = """\
version: 1
system: {name: Test ICS}
bodies:
  icp:
    type: icp
    also: [hwb]
    members: [{name: A}, {name: B}, {name: C}]
policy:
  max_members: {hwb: 2}
"""
    (f,) = check_text(text, select=("S101", "S103")).findings
    assert (f.code, f.message) == ("S101", "The ICP has 3 members; the limit is 2.")


def test_d207_does_not_pair_a_body_with_itself() -> None:
    members = "".join(f"      - {{name: Person {c}}}\n" for c in "ABCDEF")
    text = f"""\
version: 1
system: {{name: Test ICS}}
bodies:
  icp:
    type: icp
    also: [hwb, place-partnership]
    members:
{members}"""
    assert not _found(text, "D207")


@pytest.mark.parametrize(
    ("role", "councillor"),
    [
        ("Executive Member for Health", True),
        ("Non-executive Member", False),
        ("Non-Executive Member of the Board", False),
        ("Portfolio Holder for Adult Care", True),
        ("Lead Member for Children", True),
        ("Leader of Easton City Council", True),
        ("Deputy Leader, Easton City Council", True),
        ("Team Leader, Public Health", False),
        ("Chief Executive", False),
    ],
)
def test_councillor_roles(role: str, councillor: bool) -> None:
    text = f"""\
version: 1
system: {{name: Test ICS}}
bodies:
  hwb:
    type: hwb
    members:
      - {{name: Sam Hughes, role: "{role}"}}
"""
    gaps = [f.message for f in _found(text, "R306")]
    assert any("no councillor" in m for m in gaps) is not councillor


def test_c604_participant_non_executive_one_finding_per_person() -> None:
    text = ICB_HEAD + """\
    chair: Ruth Olsen
    members:
      - {name: Ruth Olsen, seat: non-executive}
      - {name: Ruth Olsen, seat: chair}
      - name: Sam Hughes
        seat: non-executive
        attendance: participant
        role: Lead Member for Health
      - {name: Ann Lee, seat: non-executive, attendance: substitute, sector: nhs-acute}
  icp:
    type: icp
    members:
      - {name: Ruth Olsen, sector: [independent, nhs-community]}
"""
    found = _found(text, "C604")
    assert [(f.people, f.line) for f in found] == [(("ruth olsen",), 9), (("sam hughes",), 10)]
    assert "chair Ruth Olsen holds a role" in found[0].message
    assert "non-executive Sam Hughes is a councillor" in found[1].message


def test_r302_appointed_by_icb_without_an_icb_body() -> None:
    text = """\
version: 1
system: {name: Test ICS}
bodies:
  icp:
    type: icp
    members:
      - {name: Jane Okafor, appointed_by: icb}
"""
    assert not _found(text, "R302")


def test_d202_example_from_the_issue_observer_on_icb() -> None:
    # An ICB observer on the ICP is no ICB/ICP duplication (observers neither discuss
    # nor decide): 0 of 2.
    text = """\
version: 1
system: {name: Test ICS}
bodies:
  icb:
    type: icb
    members:
      - {name: Ann Lee, attendance: observer}
      - {name: Bo Hart, attendance: substitute}
  icp:
    type: icp
    members:
      - {name: Ann Lee}
      - {name: Bo Hart}
"""
    assert not _found(text, "D202")


# -- council names: D208's test and the near-miss hints -------------------------------------

LISTED = [
    "Hillcombe Borough Council",
    "Easton City Council",
    "Northshire County Council",
    "London Borough of Hackney",
]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Hillcombe BC", "Hillcombe Borough Council"),
        ("Hillcombe Council", "Hillcombe Borough Council"),
        ("Hillcombe Borough", "Hillcombe Borough Council"),
        ("Eastn City Council", "Easton City Council"),
        ("Northshire CC", "Northshire County Council"),
        ("Easton CC", "Easton City Council"),
        ("London Borough of Hackny", "London Borough of Hackney"),
        ("Westshire Council", None),
        ("Hillcombe Borough Council", None),  # equal: not a near miss
    ],
)
def test_close_council(written: str, meant: str | None) -> None:
    from icp_cli.check.context import close_council

    assert close_council(written, LISTED) == meant


@pytest.mark.parametrize(
    ("name", "council"),
    [
        ("Westshire Council", True),
        ("Royal Borough of Kingston upon Thames", True),
        ("London Borough of Hackney", True),
        ("City of London Corporation", True),
        ("Council of the Isles of Scilly", True),
        ("Hillcombe BC", False),
        ("Council for Voluntary Service", False),
        ("Easton Hospitals NHS Trust", False),
    ],
)
def test_looks_like_council(name: str, council: bool) -> None:
    from icp_cli.check.context import looks_like_council

    assert looks_like_council(name) is council


def test_r301_near_miss_by_appointed_by_and_no_hint_when_far() -> None:
    text = """\
version: 1
system:
  name: Test ICS
  local_authorities: [Hillcombe Borough Council, Easton City Council]
bodies:
  icp:
    type: icp
    members:
      - {name: Cllr Ann Lee, organisation: Easton City Council}
      - {name: Bo Hart, organisation: Hillcombe Hospital, appointed_by: Easton City Council}
"""
    (f,) = _found(text, "R301")
    assert f.hint is not None and "looks like" not in f.hint


def test_d207_also_body_pairs_with_a_body_of_another_type() -> None:
    members = "".join(f"      - {{name: Person {c}}}\n" for c in "ABCDE")
    text = f"""\
version: 1
system: {{name: Test ICS}}
bodies:
  icp:
    type: icp
    also: [hwb]
    members:
{members}  place:
    type: place-partnership
    members:
{members}"""
    (f,) = _found(text, "D207")
    assert f.body == "place" and "share 5 of the 5 people" in f.message
