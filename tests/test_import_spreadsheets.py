"""`icp import` of spreadsheets as people keep them: merged cells, their own headers, the
words the documents print, formulas; and round trips that keep what a CSV can carry."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load.builder import load_path, load_text
from icp_cli.resources import sample_paths

openpyxl = pytest.importorskip("openpyxl")

runner = CliRunner()
SAMPLES = sample_paths()
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **EPOCH})


def sheet(path: Path, rows: list[list[Any]], merge: list[str] = ()) -> Path:  # type: ignore[assignment]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Seats"
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    book.save(path)
    return path


# -- filling down ------------------------------------------------------------------------------


def test_a_board_column_merged_down_over_its_rows(tmp_path: Path) -> None:
    book = sheet(
        tmp_path / "seats.xlsx",
        [
            ["Board", "Type", "Name", "Sector"],
            ["Integrated Care Partnership", "icp", "Ann Lee", "vcse"],
            [None, None, "Bob Hall", "healthwatch"],
            [None, None, "Cy Dee", "housing"],
            ["Health and Wellbeing Board", "hwb", "Di Eve", "public-health"],
            [None, None, "Ed Fox", "vcse"],
        ],
        merge=["A2:A4", "B2:B4", "A5:A6", "B5:B6"],
    )
    out = tmp_path / "membership.yaml"
    result = invoke("import", str(book), "-o", str(out), "--system", "Test ICS")
    assert result.exit_code == 0, result.stderr
    m = load_path(out)
    assert {b.id: len(b.members) for b in m.bodies.values()} == {
        "integrated-care-partnership": 3,
        "health-and-wellbeing-board": 2,
    }
    assert (
        "note: column A ('Board') was blank on rows 3-4 and 6: each is taken to be on the "
        "body named above it (merged cells or a group heading)"
    ) in result.stderr


def test_a_column_left_blank_under_a_group_heading(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(
        "body,body_type,name\nicp,icp,Ann Lee\n,,Bob Hall\nicb,icb,Cy Dee\n,,Di Eve\n",
        encoding="utf-8",
    )
    result = invoke("import", str(table), "--system", "Test ICS")
    assert result.exit_code == 0, result.stderr
    m = load_text(result.stdout)
    assert [len(b.members) for b in m.bodies.values()] == [2, 2]
    assert "rows 3 and 5" in result.stderr


def test_a_first_row_without_a_body_is_still_an_error(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text("body,body_type,name\n,,Ann Lee\nicp,icp,Bob Hall\n", encoding="utf-8")
    result = invoke("import", str(table))
    assert result.exit_code == 2
    assert f"{table}:2: no body: column A ('body') is empty" in result.stderr


# -- --columns ---------------------------------------------------------------------------------


def test_columns_option_maps_headers(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(
        "Forum,Type,Member,Organisation Represented\n"
        "icp,icp,Ann Lee,Northshire Council\n",
        encoding="utf-8",
    )
    result = invoke(
        "import", str(table), "--system", "Test ICS",
        "--columns", "Forum=body, Member=name,Organisation Represented=organisation",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (seat,) = load_text(result.stdout).bodies["icp"].members
    assert (seat.name, seat.organisation) == ("Ann Lee", "Northshire Council")
    assert "columns not read" not in result.stderr


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("Board=bodyy", "icp: --columns: 'bodyy' is not a column import reads (did you mean"),
        ("Board", "icp: --columns: 'Board' is not HEADER=COLUMN"),
    ],
)
def test_columns_option_usage_errors(tmp_path: Path, columns: str, message: str) -> None:
    table = tmp_path / "seats.csv"
    table.write_text("body,body_type,name\nicp,icp,Ann Lee\n", encoding="utf-8")
    result = invoke("import", str(table), "--columns", columns)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_columns_option_naming_a_header_the_sheet_lacks(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text("body,body_type,name\nicp,icp,Ann Lee\n", encoding="utf-8")
    result = invoke("import", str(table), "--columns", "Board=body")
    assert result.exit_code == 2
    assert "--columns names a column 'board' that the header does not have" in result.stderr


# -- words the documents print -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("Police", "police-justice"),
        ("Police and Justice", "police-justice"),
        ("Police & Crime Commissioner", "police-justice"),
        ("Fire and Rescue", "fire-rescue"),
        ("Fire & Rescue Service", "fire-rescue"),
        ("Voluntary Sector", "vcse"),
        ("VCFSE", "vcse"),
        ("Acute Trust", "nhs-acute"),
        ("Mental Health", "nhs-mental-health"),
        ("GP", "primary-care"),
        ("Local Authority", "local-government"),
        ("Housing Association", "housing"),
    ],
)
def test_sector_as_the_documents_print_it(tmp_path: Path, written: str, sector: str) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(f'body,body_type,name,sector\nicp,icp,Ann Lee,"{written}"\n', encoding="utf-8")
    result = invoke("import", str(table), "--system", "Test ICS")
    assert result.exit_code == 0, result.stderr
    assert load_text(result.stdout).bodies["icp"].members[0].sector == sector


@pytest.mark.parametrize(
    ("written", "seat"),
    [("Cllr", "councillor"), ("Elected Member", "councillor"), ("Joint Chair", "co-chair")],
)
def test_seat_as_people_write_it(tmp_path: Path, written: str, seat: str) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(f"body,body_type,name,seat\nicp,icp,Ann Lee,{written}\n", encoding="utf-8")
    result = invoke("import", str(table), "--system", "Test ICS")
    assert result.exit_code == 0, result.stderr
    assert load_text(result.stdout).bodies["icp"].members[0].seats == (seat,)


# -- formulas ----------------------------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_named_at_its_cell(tmp_path: Path) -> None:
    # openpyxl, like many programs that write workbooks, saves formulas without their values.
    book = sheet(
        tmp_path / "seats.xlsx",
        [
            ["Body", "Type", "First name", "Surname", "Name"],
            ["icp", "icp", "Ann", "Lee", '=C2&" "&D2'],
        ],
    )
    result = invoke("import", str(book))
    assert result.exit_code == 2
    assert (
        f'{book}:2: cell E2 holds a formula (=C2&" "&D2) whose value was never saved in the file'
    ) in result.stderr
    assert "save it" in result.stderr
    assert "no name for this seat" not in result.stderr


# -- round trips -------------------------------------------------------------------------------


def test_a_person_id_with_leading_zeros_survives(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    source.write_text(
        "system: {name: Test ICS}\n"
        "people:\n  - {id: '00042', name: Ann Lee}\n  - {id: '-x', name: Bob Hall}\n"
        "bodies:\n  icp:\n    type: icp\n    members: [{person: '00042'}, {person: '-x'}]\n",
        encoding="utf-8",
    )
    exported = invoke("export", str(source), "-f", "csv")
    assert exported.exit_code == 0, exported.stderr
    assert ",'00042,Ann Lee," in exported.stdout and ",'-x,Bob Hall," in exported.stdout
    table = tmp_path / "seats.csv"
    table.write_text(exported.stdout, encoding="utf-8")
    back = invoke("import", str(table), "--system", "Test ICS")
    assert back.exit_code == 0, back.stderr
    assert [p.id for p in load_text(back.stdout).people] == ["00042", "-x"]


def _findings(path: Path) -> Counter[tuple[str, str, int]]:
    result = invoke("check", str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    found = json.loads(result.stdout)["files"][0]["findings"]
    # People are compared by number: a person on two bodies gains a people[] id on import.
    return Counter((f["code"], f["body"] or "", len(f["people"])) for f in found)


def _what_a_csv_carries(path: Path, out: Path) -> Path:
    """The sample without what a seat table has no column for."""
    from ruamel.yaml import YAML

    yaml = YAML()
    doc = yaml.load(path.read_text(encoding="utf-8"))
    for key in ("policy", "engagement"):
        doc.pop(key, None)
    for key in list(doc["system"]):
        if key not in ("name", "local_authorities", "mayoral_authorities"):
            del doc["system"][key]
    for body in doc["bodies"].values():
        for key in ("meetings", "reports_to", "place", "partial", "local_authorities"):
            body.pop(key, None)
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(doc, f)
    return out


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip_of_every_sample_gives_the_same_findings(name: str, tmp_path: Path) -> None:
    source = _what_a_csv_carries(SAMPLES[name], tmp_path / "carried.yaml")
    exported = invoke("export", str(source), "-f", "csv")
    assert exported.exit_code == 0, exported.stderr
    table = tmp_path / "seats.csv"
    table.write_text(exported.stdout, encoding="utf-8")
    m = load_path(source)
    options = ["--system", m.system.name]
    for council in m.system.local_authorities:
        options += ["--council", council]
    back = tmp_path / "back.yaml"
    result = invoke("import", str(table), "-o", str(back), *options)
    assert result.exit_code == 0, result.stderr
    assert _findings(back) == _findings(source)
    # not_same_as is carried: no D204 comes back for people the file says are two.
    assert [p.not_same_as for p in load_path(back).people if p.not_same_as] == [
        p.not_same_as for p in m.people if p.not_same_as
    ]
