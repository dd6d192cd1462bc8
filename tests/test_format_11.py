"""Format 1.1: the new fields read into the model (membership-format.md, Fields)."""

from __future__ import annotations

from datetime import date

import pytest

from icp_cli.load.builder import load_text
from icp_cli.load.errors import InputErrors
from icp_cli.model import Pos

FILE = """\
system:
  name: Test ICS
  local_authorities:
    - Northshire County Council
    - {name: Westshire Council, partly: true}
  mayoral_authorities: [North East Combined Authority]
people:
  - id: ann-lee
    name: Ann Lee
    sector: [nhs-community, nhs-mental-health]
bodies:
  icp:
    type: icp
    also: [hwb]
    in_common_with: [place]
    members:
      - person: ann-lee
        term: {from: 2024-04-01, to: "2027-03-31"}
      - name: Tom Hall
        voting: false
        sector: vcse
      - name: Jo Bloggs
        attendance: substitute
        substitute_for: ann-lee
      - vacant: true
        seat: vcse
        role: VCSE representative
        sector: vcse
      - name: Raj Patel
        attendance: substitute
        substitute_for: Mr Tom Hall
        appointed_by: icb
  place:
    type: place-partnership
    members: []
  audit:
    type: committee
    function: audit
    reports_to: audit
    members:
      - name: Sue Khan
        appointed_by: North East Combined Authority
policy:
  regime: health-bill-2026
  term_warning_days: 30
"""


@pytest.fixture(scope="module")
def m():  # type: ignore[no-untyped-def]
    return load_text(FILE)


def test_councils_partly_and_mayoral_authorities(m) -> None:  # type: ignore[no-untyped-def]
    assert m.system.local_authorities == ("Northshire County Council", "Westshire Council")
    assert m.system.local_authorities_pos[1] == Pos(5, 14)
    assert m.system.partly == frozenset({"Westshire Council"})
    assert m.system.is_partly("Westshire Council")
    assert not m.system.is_partly("Northshire County Council")
    assert m.system.mayoral_authorities == ("North East Combined Authority",)
    assert m.system.mayoral_authorities_pos == (Pos(6, 25),)


def test_several_sectors(m) -> None:  # type: ignore[no-untyped-def]
    ann = m.bodies["icp"].members[0]
    assert ann.sectors == ("nhs-community", "nhs-mental-health")
    assert ann.sector == "nhs-community"  # the first: B501 and D205 use it
    assert ann.has_sector("nhs-mental-health")
    assert ann.person.sectors == ann.sectors
    assert m.bodies["icp"].members[1].sectors == ("vcse",)


def test_term_voting_substitutes(m) -> None:  # type: ignore[no-untyped-def]
    ann, tom, jo, raj = m.bodies["icp"].members
    assert (ann.term_from, ann.term_to) == (date(2024, 4, 1), date(2027, 3, 31))
    assert ann.term_to_pos == Pos(18, 38)
    assert ann.voting and ann.is_voting_member
    assert not tom.voting and tom.is_member and not tom.is_voting_member
    assert tom.voting_pos == Pos(20, 17)
    assert jo.substitute_for == "ann-lee" and jo.substitute_for_person is ann.person
    assert raj.substitute_for_person is tom.person  # matched as in Identity
    assert raj.appointed_by == "icb" and m.names_icb(raj.appointed_by)


def test_vacant_seats_are_kept_apart(m) -> None:  # type: ignore[no-untyped-def]
    icp = m.bodies["icp"]
    assert len(icp.members) == 4
    (vacancy,) = icp.vacancies
    assert vacancy.vacant and not vacancy.sits and not vacancy.has_voice
    assert vacancy.index == 3 and vacancy.seats == ("vcse",)
    assert vacancy.role == "VCSE representative" and vacancy.sectors == ("vcse",)
    assert [s.index for s in icp.all_seats] == [0, 1, 2, 3, 4]
    assert vacancy.person not in m.people


def test_bodies_with_two_roles(m) -> None:  # type: ignore[no-untyped-def]
    icp = m.bodies["icp"]
    assert icp.also == ("hwb",) and icp.types == ("icp", "hwb")
    assert icp.is_a("hwb") and icp.is_a("icp") and not icp.is_a("icb")
    assert [b.id for b in m.bodies_acting_as("hwb")] == ["icp"]
    assert icp.in_common_with == ("place",)
    assert m.in_common("place", "icp") and m.in_common_with("place") == ("icp",)
    assert m.bodies["audit"].function == "audit"


def test_a_reporting_circle_is_valid_input(m) -> None:  # type: ignore[no-untyped-def]
    assert m.bodies["audit"].reports_to == "audit"
    two = (
        "system: {name: T}\nbodies:\n  a: {type: committee, reports_to: b, members: []}\n"
        "  b: {type: committee, reports_to: a, members: []}\n"
    )
    assert load_text(two).bodies["a"].reports_to == "b"


def test_policy_regime_and_term_warning_days(m) -> None:  # type: ignore[no-untyped-def]
    assert m.policy.regime == "health-bill-2026"
    assert m.policy.regime_pos == Pos(44, 11)
    assert m.policy.values["term_warning_days"] == 30


def test_new_seat_kinds_are_known() -> None:
    text = (
        "system: {name: T}\nbodies:\n  icb:\n    type: icb\n    members:\n"
        "      - {name: A B, seat: deputy-chair}\n      - {name: C D, seat: senior-non-executive}\n"
        "      - {name: E F, seat: mayoral-authority}\n"
        "  icp: {type: icp, members: [{name: G H, seat: mayoral-authority}]}\n"
    )
    assert load_text(text).unknown_seats == ()


def test_a_plain_impossible_date_is_an_input_error() -> None:
    text = "system: {name: T}\nbodies:\n  icp:\n    type: icp\n    members:\n" \
        "      - name: A B\n        term: {from: 2025-02-29}\n"
    with pytest.raises(InputErrors) as caught:
        load_text(text)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (7, 22)
    assert error.message == "term.from is not a date: '2025-02-29'"


@pytest.mark.parametrize("value", ["2025-4-1", "'2025-04-01T10:00:00'", "20250401", "1"])
def test_dates_must_be_yyyy_mm_dd(value: str) -> None:
    text = "system: {name: T}\nbodies:\n  icp:\n    type: icp\n    members:\n" \
        f"      - name: A B\n        term: {{to: {value}}}\n"
    with pytest.raises(InputErrors) as caught:
        load_text(text)
    assert "term.to is not a date" in caught.value.errors[0].message


def test_a_vacant_false_seat_is_an_ordinary_seat() -> None:
    text = "system: {name: T}\nbodies:\n  icp: {type: icp, members: [{name: A B, vacant: false}]}\n"
    icp = load_text(text).bodies["icp"]
    assert len(icp.members) == 1 and icp.vacancies == ()


def test_a_vacant_seat_with_no_name_needs_nothing_else() -> None:
    text = "system: {name: T}\nbodies:\n  icp: {type: icp, members: [{vacant: true}]}\n"
    icp = load_text(text).bodies["icp"]
    assert icp.members == () and len(icp.vacancies) == 1


def test_a_substitute_cannot_deputise_for_themself() -> None:
    text = (
        "system: {name: T}\nbodies:\n  icp:\n    type: icp\n    members:\n"
        "      - {name: A B}\n      - {name: A B, attendance: substitute, substitute_for: A B}\n"
    )
    with pytest.raises(InputErrors) as caught:
        load_text(text)
    assert "substitute_for names nobody on body 'icp'" in caught.value.errors[0].message


def test_in_common_with_itself_is_an_input_error() -> None:
    text = "system: {name: T}\nbodies:\n  icp: {type: icp, in_common_with: [icp], members: []}\n"
    with pytest.raises(InputErrors) as caught:
        load_text(text)
    assert caught.value.errors[0].message == "body 'icp' cannot meet in common with itself"


def test_appointed_by_a_mayoral_authority_or_icb_without_an_icb_body() -> None:
    text = (
        "system: {name: T, mayoral_authorities: [Greater Northshire Combined Authority]}\n"
        "bodies:\n  icp:\n    type: icp\n    members:\n"
        "      - {name: A B, appointed_by: greater northshire combined authority}\n"
        "      - {name: C D, appointed_by: icb}\n"
    )
    m = load_text(text)
    assert m.icb is None and m.names_icb("icb")


# -- import and export of the format 1.1 columns ------------------------------------------


def _import(tmp_path, text: str, *args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from icp_cli.cli import app

    table = tmp_path / "seats.csv"
    table.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(
        app, ["import", str(table), "-o", str(out), "--system", "T", *args]
    )
    return result, out


HEADER = "body,body_type,name,sector,attendance,voting,substitute_for,vacant,term_from,term_to,body_also,body_in_common_with,body_function\n"  # noqa: E501


def test_import_reads_the_new_columns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result, out = _import(
        tmp_path,
        HEADER
        + "icp,icp,Ann Lee,nhs-community; nhs-mental-health,,,,,2025-04-01,2027-03-31,hwb,hwb2,\n"
        + "icp,icp,Tom Hall,vcse,member,no,,,,,,,\n"
        + "icp,icp,Jo Bloggs,,substitute,,Ann Lee,,,,,,\n"
        + "icp,icp,,education,,,,yes,,,,,\n"
        + "hwb2,hwb,,,,,,,,,,,\n"
        + "audit,committee,,,,,,,,,,,audit\n",
    )
    assert result.exit_code == 0, result.stderr
    m = load_path_(out)
    icp = m.bodies["icp"]
    ann, tom, jo = icp.members
    assert ann.sectors == ("nhs-community", "nhs-mental-health")
    assert (ann.term_from, ann.term_to) == (date(2025, 4, 1), date(2027, 3, 31))
    assert not tom.voting and jo.substitute_for_person is ann.person
    assert len(icp.vacancies) == 1 and icp.vacancies[0].sectors == ("education",)
    assert icp.also == ("hwb",) and icp.in_common_with == ("hwb2",)
    assert m.bodies["audit"].function == "audit"


def test_import_reports_bad_new_values_by_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result, out = _import(
        tmp_path,
        HEADER
        + "icp,icp,Ann Lee,,,maybe,,,2025-02-30,,,,\n"
        + "icp,icp,Tom Hall,,observer,false,Ann Lee,,,,,,\n"
        + "icp,icp,Jo Bloggs,,,,,true,,,,,\n"
        + "icp,icp,Sam Hughes,,substitute,,Nobody,,,,,nowhere,\n",
    )
    assert result.exit_code == 2 and not out.exists()
    for text in (
        "seats.csv:2: 'maybe' in column F ('voting') is not true or false",
        "seats.csv:2: '2025-02-30' in column I ('term_from') is not a date",
        "seats.csv:3: voting is only for members, not for attendance 'observer'",
        "seats.csv:3: substitute_for is only for substitutes",
        "seats.csv:4: a vacant seat names a person",
        "seats.csv:5: substitute_for names nobody on body 'icp': 'Nobody'",
        "meets in common with 'nowhere', which is no body",
    ):
        assert text in result.stderr, result.stderr


def load_path_(path):  # type: ignore[no-untyped-def]
    from icp_cli.load.builder import load_path

    return load_path(path)


def test_a_vacant_substitute_seat_must_name_a_member_too() -> None:
    text = (
        "system: {name: T}\nbodies:\n  icp:\n    type: icp\n    members:\n"
        "      - {name: A B}\n"
        "      - {vacant: true, attendance: substitute, substitute_for: C D}\n"
    )
    with pytest.raises(InputErrors) as caught:
        load_text(text)
    assert "substitute_for names nobody on body 'icp': 'C D'" in caught.value.errors[0].message


def test_check_notes_a_council_only_partly_in_the_area() -> None:
    from helpers import check_text, note_texts

    text = (
        "system:\n  name: T\n  local_authorities: [{name: Westshire Council, partly: true}]\n"
        "bodies: {}\n"
    )
    notes = note_texts(check_text(text))
    assert (
        "Westshire Council lies only partly in this ICB's area (partly: true): the rules "
        "treat it as any other council." in notes
    )


def test_an_hwb_that_is_also_the_icp_gets_the_icps_sections() -> None:
    from icp_cli.render.tor.kit import render_builtin
    from icp_cli.tor.context import build_context

    m = load_text(
        "system: {name: T, local_authorities: [A Council]}\nbodies:\n"
        "  hwb:\n    type: hwb\n    also: [icp]\n    members:\n"
        "      - {name: Cllr X Y, organisation: A Council, seat: councillor}\n"
    )
    text = render_builtin(build_context(m, m.bodies["hwb"]), "markdown")
    assert "The Board is also the integrated care partnership" in text
    assert "As the integrated care partnership, the Board must prepare" in text
    assert "the law requires of an integrated care partnership" in text
    assert "Member appointed by A Council (LGPIHA 2007 s.116ZA(2)(b)): Cllr X Y" in text
