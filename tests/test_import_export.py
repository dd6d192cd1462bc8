"""`icp import` and `icp export` as a user runs them: round trips, errors, Popolo."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path

import pytest
from golden import assert_golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load.builder import load_path, load_text
from icp_cli.load.errors import InputErrors
from icp_cli.load.importer import import_table
from icp_cli.load.seat_table import COLUMNS, column_of
from icp_cli.load.spreadsheet import read
from icp_cli.people.names import split_name
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
NAMES = ["first-draft", "northshire", "greater-wessex", "kestrel-vale"]
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01 00:00 UTC


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **EPOCH, **(env or {})})


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES["northshire"].parent.parent)


def system_options(name: str) -> list[str]:
    m = load_path(SAMPLES[name])
    options = ["--system", m.system.name]
    for council in m.system.local_authorities:
        options += ["--council", council]
    return options


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


HEADER = list(COLUMNS)


def seat(body: str, name: str, **cells: str) -> list[str]:
    values = {"body": body, "name": name, **cells}
    return [values.get(c, "") for c in COLUMNS]


# -- export -> import -> export ---------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_csv_round_trip_is_byte_stable(name: str, tmp_path: Path) -> None:
    first = invoke("export", f"sample_systems/{name}.yaml", "--format", "csv")
    assert first.exit_code == 0, first.stderr
    table = tmp_path / f"{name}.csv"
    table.write_text(first.stdout, encoding="utf-8")
    imported = tmp_path / f"{name}.yaml"
    result = invoke("import", str(table), "-o", str(imported), *system_options(name))
    assert result.exit_code == 0, result.stderr
    membership = load_path(imported)  # no input errors
    second = invoke("export", str(imported), "--format", "csv")
    assert second.exit_code == 0
    assert second.stdout == first.stdout
    original = load_path(SAMPLES[name])
    assert sum(len(b.members) for b in membership.bodies.values()) == sum(
        len(b.members) for b in original.bodies.values()
    )
    assert list(membership.bodies) == list(original.bodies)


@pytest.mark.parametrize("name", NAMES)
def test_golden_csv_export(name: str) -> None:
    result = invoke("export", f"sample_systems/{name}.yaml", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    assert_golden(f"export-{name}.csv", result.stdout)


def test_imported_sample_checks_like_the_seats_it_came_from(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(invoke("export", "sample_systems/northshire.yaml", "-f", "csv").stdout)
    imported = tmp_path / "membership.yaml"
    assert (
        invoke("import", str(table), "-o", str(imported), *system_options("northshire")).exit_code
        == 0
    )
    check = invoke("check", str(imported), "--format", "json")
    assert check.exit_code in (0, 1), check.stderr
    assert (
        json.loads(check.stdout)["files"][0]["system"]
        == load_path(SAMPLES["northshire"]).system.name
    )


def test_export_to_a_csv_file_starts_with_a_bom_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "seats.csv"
    result = invoke("export", "sample_systems/northshire.yaml", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert (
        data[3:].decode("utf-8")
        == invoke("export", "sample_systems/northshire.yaml", "-f", "csv").stdout
    )
    again = invoke("export", "sample_systems/northshire.yaml", "-o", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (
        invoke("export", "sample_systems/northshire.yaml", "-o", str(out), "--force").exit_code == 0
    )


def test_export_needs_a_format() -> None:
    result = invoke("export", "sample_systems/northshire.yaml")
    assert result.exit_code == 2
    assert "--format" in result.stderr
    bad = invoke("export", "sample_systems/northshire.yaml", "--format", "xml")
    assert bad.exit_code == 2


def test_export_of_an_invalid_file_reports_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("system: {name: X}\nbodies:\n  icp: {type: icpp, members: []}\n")
    result = invoke("export", str(broken), "--format", "popolo")
    assert result.exit_code == 2
    assert f"{broken}:3:15: unknown body type 'icpp'" in result.stderr
    assert result.stdout == ""


def test_formula_text_is_neutralised_in_csv_and_restored_on_import(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    source.write_text(
        "system: {name: X}\n"
        "bodies:\n"
        "  icp:\n"
        "    type: icp\n"
        "    members:\n"
        "      - {name: '=HYPERLINK(\"http://x\")', role: '-Lead', organisation: '@Org'}\n",
        encoding="utf-8",
    )
    exported = invoke("export", str(source), "-f", "csv").stdout
    assert "'=HYPERLINK" in exported and ",'-Lead," in exported and ",'@Org," in exported
    table = tmp_path / "t.csv"
    table.write_text(exported, encoding="utf-8")
    imported = tmp_path / "i.yaml"
    assert invoke("import", str(table), "-o", str(imported), "--system", "X").exit_code == 0
    (seat_,) = load_path(imported).bodies["icp"].members
    assert (seat_.name, seat_.role, seat_.organisation) == (
        '=HYPERLINK("http://x")',
        "-Lead",
        "@Org",
    )
    assert invoke("export", str(imported), "-f", "csv").stdout == exported


# -- Popolo -----------------------------------------------------------------------------------


def popolo(name: str) -> dict:  # type: ignore[type-arg]
    result = invoke("export", f"sample_systems/{name}.yaml", "--format", "popolo")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_popolo_ids_resolve(name: str) -> None:
    doc = popolo(name)
    assert set(doc) == {"persons", "organizations", "memberships", "posts"}
    ids = {}
    for collection in doc:
        ids[collection] = [item["id"] for item in doc[collection]]
        assert len(set(ids[collection])) == len(ids[collection]), collection
    persons, orgs, posts = set(ids["persons"]), set(ids["organizations"]), set(ids["posts"])
    membership = load_path(SAMPLES[name])
    assert len(doc["memberships"]) == sum(len(b.members) for b in membership.bodies.values())
    assert len(doc["persons"]) == len(membership.people)
    for m in doc["memberships"]:
        assert m["person_id"] in persons
        assert m["organization_id"] in membership.bodies
        assert m.get("on_behalf_of_id", next(iter(orgs))) in orgs
        assert m.get("post_id", next(iter(posts), None)) in posts | {None}
        # Dates only where the file gives a term of office, as ISO dates.
        for key in ("start_date", "end_date"):
            assert key not in m or re.match(r"^\d{4}-\d{2}-\d{2}$", m[key])
    if name != "kestrel-vale":
        assert not any("start_date" in m for m in doc["memberships"])
    for org in doc["organizations"]:
        assert org.get("parent_id", org["id"]) in orgs
        assert org["classification"]
    for post in doc["posts"]:
        assert post["organization_id"] in membership.bodies
    body_orgs = [o for o in doc["organizations"] if o["id"] in membership.bodies]
    assert [o["classification"] for o in body_orgs] == [b.type for b in membership.bodies.values()]


@pytest.mark.parametrize("name", NAMES)
def test_golden_popolo_export(name: str) -> None:
    assert_golden(f"export-{name}.popolo.json", json.dumps(popolo(name), indent=2) + "\n")


def test_popolo_partner_members_sit_on_behalf_of_their_organisation() -> None:
    doc = popolo("greater-wessex")
    orgs = {o["id"]: o for o in doc["organizations"]}
    partners = [
        m for m in doc["memberships"]
        if m["organization_id"] == "icb" and m.get("post_id", "").startswith("icb/partner-")
    ]  # fmt: skip
    assert partners
    for m in partners:
        assert orgs[m["on_behalf_of_id"]]["classification"] in ("employer", "council")
    appointed = [m for m in doc["memberships"] if m.get("on_behalf_of_id") == "icb"]
    assert appointed  # appointed_by: icb on an ICP seat
    councils = {o["name"] for o in doc["organizations"] if o["classification"] == "council"}
    assert set(load_path(SAMPLES["greater-wessex"]).system.local_authorities) <= councils


def test_popolo_names_split_out_titles() -> None:
    persons = {p["name"]: p for p in popolo("first-draft")["persons"]}
    hammond = persons["Sir Geoffrey Hammond"]
    assert (hammond["honorific_prefix"], hammond["given_name"], hammond["family_name"]) == (
        "Sir",
        "Geoffrey",
        "Hammond",
    )
    assert "honorific_suffix" not in hammond


@pytest.mark.parametrize(
    "name, parts",
    [
        ("Dr Jane Okafor", ("Dr", "Jane Okafor", None, "Jane", "Okafor")),
        ("Prof Sir John O'Neill-Smith OBE, FRCP",
         ("Prof Sir", "John O'Neill-Smith", "OBE, FRCP", "John", "O'Neill-Smith")),
        ("The Rt Hon Lord Smith of Finsbury",
         ("The Rt Hon Lord", "Smith of Finsbury", None, None, None)),
        ("Harold Tremayne F.C.A.", (None, "Harold Tremayne", "F.C.A.", "Harold", "Tremayne")),
        ("J. Smith", (None, "J. Smith", None, None, None)),
        ("Dr", (None, "Dr", None, None, None)),
        ("Cllr Ann Maria Lee", ("Cllr", "Ann Maria Lee", None, None, None)),
    ],
)  # fmt: skip
def test_split_name(name: str, parts: tuple[str | None, ...]) -> None:
    split = split_name(name)
    assert (split.prefix, split.core, split.suffix, split.given, split.family) == parts


# -- import: forgiving input ------------------------------------------------------------------


def test_headers_are_matched_forgivingly() -> None:
    assert column_of("Organization") == column_of("ORG") == "organisation"
    assert column_of("Body Type") == column_of("type") == column_of("body-type") == "body_type"
    assert column_of("Seat type") == "seat"
    assert column_of("Status") == column_of("attendance") == "attendance"
    assert column_of("Person ID") == column_of("ID") == "person_id"
    assert column_of("Appointed by") == column_of("appointed_by") == "appointed_by"
    assert column_of("Organisation (employer)") == "organisation"
    assert column_of("Email") is None


def test_messy_semicolon_csv_becomes_a_file_that_checks(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_bytes(
        codecs.BOM_UTF8
        + (
            b"Body;Type;Full Name;Organization;Sector;Job title;Seat type;Status;Email\n"
            b"Northshire ICB;Integrated Care Board;Dr Jane Okafor;NHS Northshire ICB;ICB;"
            b"Chair;Chair;Member;jane@example.org\n"
            b"Northshire ICB;;Sam Hughes;Easton Hospitals;NHS acute;Partner member;"
            b"Partner trusts;;\n"
            b"icp;ICP;Jane Okafor;NHS Northshire ICB;icb;Co-chair;co-chair;member;\n"
            b"icp;;Cllr Tim Brown;Easton City Council;Local Government;Leader;Local authority;;\n"
            b'icp;;Ada Nwosu;Easton City Council;adult social care;DASS;"DASS; DCS";;\n'
            b"icp;;Rosa Patel;Healthwatch Easton;healthwatch;;;participant;\n"
        )
    )
    out = tmp_path / "membership.yaml"
    result = invoke(
        "import", str(table), "-o", str(out),
        "--system", "Northshire ICS", "--council", "Easton City Council",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "columns not read: 'Email'" in result.stderr
    assert "jane@example.org" not in out.read_text(encoding="utf-8")
    m = load_path(out)
    assert list(m.bodies) == ["northshire-icb", "icp"]
    icb, icp = m.bodies["northshire-icb"], m.bodies["icp"]
    assert (icb.type, icb.name) == ("icb", "Northshire ICB")
    assert icb.members[1].seats == ("partner-trusts",)
    assert icb.members[1].sector == "nhs-acute"
    # Seen on two bodies: one people[] entry, both seats are that person.
    (jane,) = [p for p in m.people if p.is_registered]
    assert (jane.id, jane.name) == ("jane-okafor", "Dr Jane Okafor")
    assert icb.members[0].person is jane and icp.members[0].person is jane
    assert icp.members[2].seats == ("director-adult-social-services", "director-childrens-services")
    assert icp.members[3].attendance == "participant"
    assert invoke("check", str(out)).exit_code in (0, 1)


def test_golden_imported_yaml(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "seats.csv",
        [
            HEADER,
            seat("icb", "Dr Jane Okafor", body_type="icb", body_name="NHS Example ICB",
                 organisation="NHS Example ICB", sector="icb", role="Chair", seat="chair"),
            seat("icb", "Sam Hughes", organisation="Example Hospitals", sector="nhs-acute",
                 role="Partner member", seat="partner-trusts"),
            seat("icp", "Dr Jane Okafor", body_type="icp", organisation="NHS Example ICB",
                 sector="icb", role="ICB appointee", seat="icb-representative",
                 appointed_by="icb"),
            seat("icp", "Cllr Tim Brown", organisation="Example Council",
                 sector="local-government", role="Leader", seat="councillor; co-chair"),
            seat("icp", "Rosa Patel", organisation="Healthwatch Example", sector="healthwatch",
                 attendance="observer"),
            seat("hwb", "", body_type="hwb", body_name="Example Health and Wellbeing Board"),
        ],
    )  # fmt: skip
    result = invoke("import", str(table), "--system", "Example ICS", "--council", "Example Council")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Imported by icp from seats.csv on 2026-01-01 00:00 UTC.\n")
    assert_golden("import-seats.yaml", result.stdout)
    m = load_text(result.stdout)
    assert m.bodies["hwb"].members == ()


def test_tab_separated_utf16_from_excel(tmp_path: Path) -> None:
    table = tmp_path / "seats.txt"
    text = "Body\tBody type\tName\tSector\r\nicp\ticp\tZoë Ångström\tvcse\r\n"
    table.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = invoke("import", str(table), "--system", "X")
    assert result.exit_code == 0, result.stderr
    assert load_text(result.stdout).bodies["icp"].members[0].name == "Zoë Ångström"


def test_person_ids_join_seats_and_body_names_become_ids(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "seats.csv",
        [
            ["Body", "Body type", "Person ID", "Name", "Organisation"],
            ["Eastshire ICP", "icp", "P-001", "Ann Lee", "Eastshire Council"],
            ["Eastshire ICP", "", "", "Bob Roe", ""],
            ["HWB", "hwb", "p-001", "Ann Lee", "Eastshire Council"],
        ],
    )
    result = invoke("import", str(table), "--system", "X")
    assert result.exit_code == 0, result.stderr
    m = load_text(result.stdout)
    assert list(m.bodies) == ["eastshire-icp", "hwb"]
    assert m.bodies["eastshire-icp"].name == "Eastshire ICP"
    assert [p.id for p in m.people if p.is_registered] == ["p-001"]
    assert m.bodies["hwb"].members[0].person is m.bodies["eastshire-icp"].members[0].person


# -- import: errors ---------------------------------------------------------------------------


def test_row_errors_all_at_once_and_nothing_written(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "seats.csv",
        [
            HEADER,
            seat("icb", "A One", body_type="icb", sector="nhs"),
            seat("icb", "B Two", body_type="icp", attendance="particpant"),
            seat("", "C Three"),  # on the body above it (icb), said in a note
            seat("icp", "", body_type="integrated care partnership", role="Chair"),
            seat("icp", "D Four", appointed_by="Narnia"),
            seat("sub", "E Five", body_type="subcommittee"),
        ],
    )
    out = tmp_path / "membership.yaml"
    result = invoke("import", str(table), "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert result.stdout == ""
    shown = str(table)
    lines = result.stderr.splitlines()
    expected = [
        f"{shown}:2: unknown sector 'nhs' in column G ('sector')",
        f"{shown}:3: body 'icb' is of type 'icp' here but 'icb' on row 2",
        f"{shown}:3: unknown attendance 'particpant' in column J ('attendance')",
        f"{shown}:5: no name for this seat",
        f"{shown}:6: appointed by 'Narnia' in column K ('appointed_by') names "
        "neither a council nor a body",
        f"{shown}:7: unknown body type 'subcommittee' in column B ('body_type')",
    ]
    for line in expected:
        assert line in lines, line
    assert "  hint: did you mean 'participant'?" in lines
    assert "  hint: did you mean 'committee'?" in lines
    assert "Traceback" not in result.stderr


def test_appointed_by_a_council(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "seats.csv",
        [HEADER, seat("icp", "D Four", body_type="icp", appointed_by="Narnia Council")],
    )
    # Councils given: they are the list, and anything else is a row error.
    result = invoke("import", str(table), "--system", "X", "--council", "Archenland Council")
    assert result.exit_code == 2
    assert f"{table}:2: appointed by 'Narnia Council'" in result.stderr
    assert "--council 'Narnia Council'" in result.stderr
    result = invoke("import", str(table), "--system", "X", "--council", "Narnia Council")
    assert result.exit_code == 0, result.stderr
    assert load_text(result.stdout).bodies["icp"].members[0].appointed_by == "Narnia Council"
    # No councils at all: a council's name in appointed_by is taken as one, and said.
    result = invoke("import", str(table), "--system", "X")
    assert result.exit_code == 0, result.stderr
    assert load_text(result.stdout).system.local_authorities == ("Narnia Council",)
    assert "taken from appointed_by: 'Narnia Council'" in result.stderr


def test_round_trip_without_any_options(tmp_path: Path) -> None:
    first = invoke("export", "sample_systems/greater-wessex.yaml", "-f", "csv").stdout
    table = tmp_path / "seats.csv"
    table.write_text(first, encoding="utf-8")
    imported = tmp_path / "membership.yaml"
    result = invoke("import", str(table), "-o", str(imported))
    assert result.exit_code == 0, result.stderr
    assert invoke("export", str(imported), "-f", "csv").stdout == first
    assert invoke("check", str(imported)).exit_code in (0, 1)


def test_conflicting_and_ambiguous_people(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "seats.csv",
        [
            HEADER,
            seat("icp", "Ann Lee", body_type="icp", person_id="ann"),
            seat("icp", "Anne Leigh", person_id="ann"),
            seat("icp", "John Smith", person_id="js1"),
            seat("hwb", "John Smith", body_type="hwb", person_id="js2"),
            seat("hwb", "Dr John Smith"),
        ],
    )
    result = invoke("import", str(table), "--system", "X")
    assert result.exit_code == 2
    assert f"{table}:3: person id 'ann' is 'Anne Leigh' here but 'Ann Lee' on row 2" in (
        result.stderr
    )
    assert f"{table}:6: the name 'Dr John Smith' matches 2 person ids (js1, js2)" in (result.stderr)


def test_missing_columns_and_no_header(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "a.csv", [["Body", "Sector"], ["icp", "vcse"]])
    result = invoke("import", str(table))
    assert result.exit_code == 2
    assert f"{table}:1: no 'name' column (columns found: 'Body', 'Sector')" in result.stderr
    nothing = write_csv(tmp_path / "b.csv", [["x", "y"], ["1", "2"]])
    result = invoke("import", str(nothing))
    assert result.exit_code == 2
    assert "no header row found" in result.stderr


def test_unreadable_files(tmp_path: Path) -> None:
    missing = invoke("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Body,Name\nicp,Zoë\n".encode("cp1252"))
    result = invoke("import", str(latin))
    assert result.exit_code == 2
    assert f"{latin}:2: the file is not UTF-8" in result.stderr
    assert "CSV UTF-8" in result.stderr
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert invoke("import", str(old)).exit_code == 2
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    result = invoke("import", str(fake))
    assert result.exit_code == 2 and "cannot be read as an Excel workbook" in result.stderr


def test_output_is_not_replaced_without_force(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "s.csv", [HEADER, seat("icp", "A B", body_type="icp")])
    out = tmp_path / "membership.yaml"
    out.write_text("keep me\n")
    result = invoke("import", str(table), "-o", str(out), "--system", "X")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text() == "keep me\n"
    assert invoke("import", str(table), "-o", str(out), "--system", "X", "--force").exit_code == 0
    assert load_path(out).system.name == "X"


def test_without_system_name_the_file_name_is_used_and_said(tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "eastshire_seats.csv", [HEADER, seat("icp", "A B", body_type="icp")]
    )
    result = invoke("import", str(table))
    assert result.exit_code == 0
    assert load_text(result.stdout).system.name == "eastshire seats"
    assert "no system name given" in result.stderr
    assert "no councils given" in result.stderr


# -- import: Excel ----------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")


def workbook(path: Path, seats: list[list[object]], system: list[list[object]] | None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Seats"
    for row in seats:
        sheet.append(row)
    if system is not None:
        info = book.create_sheet("System")
        for row in system:
            info.append(row)
    book.save(path)
    return path


XLSX_SEATS: list[list[object]] = [
    ["Eastshire ICS: membership, draft 3"],  # a title above the table
    [],
    ["Body", "Body type", "Title", "First name", "Surname", "Organisation", "Sector", "Role",
     "Seat", "Person ID"],
    ["icb", "ICB", "Dr", "Ann", "Lee", "NHS Eastshire ICB", "icb", "Chair", "chair", None],
    ["icb", None, None, "Raj", "Patel", "NHS Eastshire ICB", "icb", "Chief Executive", "CEO", 7],
    [],
    ["icp", "ICP", None, "Raj", "Patel", "NHS Eastshire ICB", "icb", None,
     "icb-representative", 7],
    ["icp", None, "Cllr", "Sue", "Hart", "Eastshire Council", "local-government", "Leader",
     "councillor", None],
]  # fmt: skip
XLSX_SYSTEM: list[list[object]] = [
    ["key", "value"],
    ["Name", "Eastshire ICS"],
    ["Local authorities", "Eastshire Council; Westshire Council"],
    ["Population", 812345],
    ["Places", "North", "South"],
]


def test_xlsx_with_a_system_sheet(tmp_path: Path) -> None:
    book = workbook(tmp_path / "seats.xlsx", XLSX_SEATS, XLSX_SYSTEM)
    result = invoke("import", str(book))
    assert result.exit_code == 0, result.stderr
    m = load_text(result.stdout)
    assert m.system.name == "Eastshire ICS"
    assert m.system.local_authorities == ("Eastshire Council", "Westshire Council")
    assert (m.system.population, m.system.places) == (812345, ("North", "South"))
    icb = m.bodies["icb"]
    assert icb.members[0].name == "Dr Ann Lee"
    assert icb.members[1].seats == ("chief-executive",)
    assert icb.members[1].person.id == "7"
    assert m.bodies["icp"].members[0].person is icb.members[1].person


def test_options_win_over_the_system_sheet(tmp_path: Path) -> None:
    book = workbook(tmp_path / "seats.xlsx", XLSX_SEATS, XLSX_SYSTEM)
    result = invoke("import", str(book), "--system", "Other ICS", "--council", "Eastshire Council")
    assert result.exit_code == 0, result.stderr
    m = load_text(result.stdout)
    assert (m.system.name, m.system.local_authorities) == ("Other ICS", ("Eastshire Council",))
    assert m.system.population == 812345


def test_xlsx_errors_name_the_rows_excel_shows(tmp_path: Path) -> None:
    rows = [list(r) for r in XLSX_SEATS]
    rows[6][6] = "NHS"  # row 7 in Excel: an unknown sector
    system = [*XLSX_SYSTEM, ["Populaton", 5]]
    book = workbook(tmp_path / "seats.xlsx", rows, system)
    result = invoke("import", str(book))
    assert result.exit_code == 2
    assert f"{book}:7: unknown sector 'NHS' in column G ('Sector')" in result.stderr
    assert f"{book}[System]:6: unknown setting 'Populaton'" in result.stderr


def test_xlsx_sheet_option(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    seats = book.create_sheet("ICP seats")
    for row in XLSX_SEATS:
        seats.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert invoke("import", str(path), "--system", "X").exit_code == 2
    result = invoke("import", str(path), "--system", "X", "--sheet", "icp seats")
    assert result.exit_code == 0, result.stderr
    missing = invoke("import", str(path), "--sheet", "ICP seat")
    assert missing.exit_code == 2
    assert "no sheet 'ICP seat'" in missing.stderr and "did you mean 'ICP seats'" in missing.stderr
    csv_sheet = write_csv(tmp_path / "a.csv", [HEADER])
    assert invoke("import", str(csv_sheet), "--sheet", "x").exit_code == 2


def test_xlsx_round_trip_of_an_exported_sample(tmp_path: Path) -> None:
    """A user opens the exported CSV in Excel, saves it as .xlsx, and imports that."""
    exported = invoke("export", "sample_systems/greater-wessex.yaml", "-f", "csv").stdout
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(exported)):
        book.active.append(row)
    path = tmp_path / "seats.xlsx"
    book.save(path)
    result = invoke("import", str(path), *system_options("greater-wessex"))
    assert result.exit_code == 0, result.stderr
    yaml_path = tmp_path / "m.yaml"
    yaml_path.write_text(result.stdout, encoding="utf-8")
    assert invoke("export", str(yaml_path), "-f", "csv").stdout == exported


# -- property: whatever the table, a file that loads or row errors ---------------------------

_bodies = st.sampled_from(["icb", "icp", "hwb", "place-a", "Sub Group B"])
_types = st.sampled_from(["", "", "icp", "hwb", "committee", "ICB", "sub group", "bogus"])
_names = st.sampled_from(
    ["Dr Jane Okafor", "Jane Okafor", "Tim Brown", "Cllr Tim Brown", "Ann Lee", "Ann Leigh",
     "Zoë Ångström", "=1+1", "", "O'Neill", "yes", "123"]
)  # fmt: skip
_text = st.sampled_from(["", "", "Example Council", "Trust", "NHS ICB", "Chair: vice", "null"])
_sectors = st.sampled_from(["", "", "icb", "vcse", "Local Government", "nhs"])
_seats = st.sampled_from(["", "chair", "co-chair; councillor", "Chair", "free text seat", "DPH"])
_attendance = st.sampled_from(["", "", "member", "observer", "Participant", "present"])
_ids = st.sampled_from(["", "", "", "p1", "p2", "P 3"])
_appointed = st.sampled_from(["", "", "", "icb", "Example Council", "Nowhere"])
_row = st.tuples(
    _bodies, _types, _ids, _names, _text, _sectors, _text, _seats, _attendance, _appointed
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, min_size=1, max_size=12), st.sampled_from([None, ["Example Council"]]))
def test_import_gives_a_loadable_file_or_row_errors(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, ...]],
    councils: list[str] | None,
) -> None:
    header = ["body", "body_type", "person_id", "name", "organisation", "sector", "role", "seat",
              "attendance", "appointed_by"]  # fmt: skip
    path = write_csv(tmp_path_factory.mktemp("prop") / "t.csv", [header, *map(list, rows)])
    table, system_sheet = read(path)
    try:
        result = import_table(table, system_sheet, system="X", councils=councils)
    except InputErrors as exc:
        assert exc.errors and all(e.line is None or e.line >= 2 for e in exc.errors)
        return
    membership = load_text(result.text)  # never a broken file
    # And the file round-trips through the seat table.
    from icp_cli.render.export.csv_seats import render

    first = render(membership)
    again = tmp_path_factory.mktemp("prop") / "again.csv"
    again.write_text(first, encoding="utf-8")
    table2, sheet2 = read(again)
    second = load_text(
        import_table(table2, sheet2, system="X", councils=membership.system.local_authorities).text
    )
    assert render(second) == first


def test_two_people_of_one_name_cannot_have_seats_of_their_own(tmp_path: Path) -> None:
    """A seat that differs from its person's entry is written with `name:`, which must
    find one person: with two people of that name it cannot, and the row says so."""
    table = write_csv(
        tmp_path / "seats.csv",
        [
            HEADER,
            seat("icp", "John Smith", body_type="icp", person_id="js1", organisation="A"),
            seat("hwb", "John Smith", body_type="hwb", person_id="js1", organisation="B"),
            seat("icp", "John Smith", person_id="js2", organisation="C"),
        ],
    )
    result = invoke("import", str(table), "--system", "X")
    assert result.exit_code == 2
    assert f"{table}:2: this seat of 'js1' has its own name, organisation or sector" in (
        result.stderr
    )
    same_org = write_csv(
        tmp_path / "ok.csv",
        [
            HEADER,
            seat("icp", "John Smith", body_type="icp", person_id="js1", organisation="A"),
            seat("hwb", "John Smith", body_type="hwb", person_id="js1", organisation="A"),
            seat("icp", "John Smith", person_id="js2", organisation="C"),
        ],
    )
    result = invoke("import", str(same_org), "--system", "X")
    assert result.exit_code == 0, result.stderr
    m = load_text(result.stdout)
    assert [p.id for p in m.people if p.is_registered] == ["js1", "js2"]
