"""Hostile spreadsheets for `icp import`: every damaged workbook or CSV file is an input error
(exit 2) naming the file (and the row, or the cell, where one is known), never a traceback.

The workbooks are written here: a real one from openpyxl, with one part swapped for XML
written by hand, so that each test holds exactly the damage it is about.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app

openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
HEADER = ["body", "name", "organisation"]


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def imported(path: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return invoke("import", str(path), "--system", "Test ICS", *args, env=env)


def refused(path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = imported(path, *args, env=env)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    return result.stderr


def column(index: int) -> str:
    return chr(65 + index)


def cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(rows: list[list[object]], before: str = "", extra: str = "") -> bytes:
    body = "".join(
        f'<row r="{r}">'
        + "".join(cell(f"{column(i)}{r}", v) for i, v in enumerate(row))
        + extra * (r == len(rows))
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{before}'
        f'<worksheet xmlns="{NS}"><sheetData>{body}</sheetData></worksheet>'
    ).encode()


_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def package(sheets: list[str]) -> dict[str, bytes]:
    """The parts of a minimal workbook, written by hand, with these sheet names (the
    sheets' own parts, xl/worksheets/sheetN.xml, are left to the caller)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    workbook_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    sheet_list = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, 1)
    )
    return {
        "[Content_Types].xml": (
            f'<Types xmlns="{_PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
            f"{overrides}</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{NS}" xmlns:r="{_RELS}"><sheets>{sheet_list}</sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PACKAGE}/relationships">{workbook_rels}'
            f'<Relationship Id="rIdS" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ).encode(),
        STRINGS: f'<sst xmlns="{NS}"><si><t>x</t></si></sst>'.encode(),
    }


def xlsx(path: Path, sheets: tuple[str, ...] = ("Seats",), **parts: bytes) -> Path:
    """A workbook written by hand, with the named parts replaced or added."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in {**package(list(sheets)), **parts}.items():
            out.writestr(name, data)
    return path


def shared(text: str) -> bytes:
    return f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'.encode()


GOOD_ROWS: list[list[object]] = [HEADER, ["icp", "Ann Lee", "Northshire Council"]]


def test_the_hand_written_workbook_imports(tmp_path: Path) -> None:
    result = imported(xlsx(tmp_path / "a.xlsx", **{SHEET: sheet_xml(GOOD_ROWS)}))
    assert result.exit_code == 0, result.stderr
    assert "Ann Lee" in result.stdout


# -- the control-character rule in cells -------------------------------------------------------


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("&#10;", "000A"), ("&#13;", "000D"), ("\n", "000A"), ("\x7f", "007F"),
     ("\x9b", "009B"), ("&#x80;", "0080"), ("\u202e", "202E"), ("\u2066", "2066"),
     ("&#x202D;", "202D"), ("\u2028", "2028"), ("\u0085", "0085")],
)  # fmt: skip
def test_a_refused_character_in_a_shared_string_is_named_at_its_cell(
    tmp_path: Path, escaped: str, code: str
) -> None:
    strings = shared(f"Ann{escaped}Lee")
    sheet = sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="s"><v>0</v></c>')
    path = xlsx(tmp_path / "a.xlsx", **{SHEET: sheet, STRINGS: strings})
    stderr = refused(path)
    assert f"{path}:2:2: cell B2: " in stderr
    assert f"U+{code} in text" in stderr


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\r", "\n", "\x85", "\u2028", "\u202e"])
def test_a_refused_character_in_a_csv_cell(tmp_path: Path, char: str) -> None:
    path = tmp_path / "seats.csv"
    path.write_text(
        f'body,name,organisation\nicp,"Ann Lee",Northshire Council\nicp,"Bob{char}Hart",X\n',
        encoding="utf-8",
        newline="",
    )
    stderr = refused(path)
    assert f"{path}:3:2: cell B3: " in stderr
    assert f"U+{ord(char):04X} in text" in stderr


def test_a_refused_character_in_a_header_cell(tmp_path: Path) -> None:
    path = tmp_path / "seats.csv"
    path.write_text("body,name,notes\x1b[2J\nicp,Ann Lee,x\n", encoding="utf-8")
    stderr = refused(path)
    assert f"{path}:1:3: cell C1: control character U+001B in text" in stderr


def test_a_refused_character_in_a_column_import_does_not_read_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "seats.csv"
    path.write_text("body,name,notes\nicp,Ann Lee,line one\x0bline two\n", encoding="utf-8")
    result = imported(path)
    assert result.exit_code == 0, result.stderr


def test_a_refused_character_in_the_system_sheet(tmp_path: Path) -> None:
    system = sheet_xml([["key", "value"], ["Name", "Test\u202eICS"]])
    path = xlsx(
        tmp_path / "a.xlsx",
        ("Seats", "System"),
        **{SHEET: sheet_xml(GOOD_ROWS), "xl/worksheets/sheet2.xml": system},
    )
    result = invoke("import", str(path))
    assert result.exit_code == 2
    assert f"{path}[System]:2:2: cell B2: bidirectional override U+202E in text" in result.stderr


def test_zero_width_characters_do_not_split_an_imported_person(tmp_path: Path) -> None:
    path = tmp_path / "seats.csv"
    path.write_text(
        "body,body_type,name,organisation\n"
        "icp,icp,Ann Lee,Northshire Council\n"
        "hwb,hwb,A\u200bnn Lee,Northshire Council\n"
        "board,committee,\ufeffAnn\u200d Lee,Northshire Council\n",
        encoding="utf-8",
    )
    result = imported(path)
    assert result.exit_code == 0, result.stderr
    assert "people[]" in result.stderr
    assert "(1 person in people[])" in result.stderr


# -- damaged workbooks --------------------------------------------------------------------------


def damaged(tmp_path: Path, name: str) -> Path:
    good = sheet_xml(GOOD_ROWS)
    parts: dict[str, bytes] = {
        "malformed-xml": {SHEET: good[:-20]},
        "not-xml": {SHEET: b"\x00\x01 not xml at all"},
        "dtd-entities": {
            SHEET: sheet_xml(
                [HEADER, ["icp", "&e;", "x"]],
                before='<!DOCTYPE worksheet [<!ENTITY e "Ann Lee">]>',
            )
        },
        "billion-laughs": {
            SHEET: sheet_xml(
                [HEADER, ["icp", "&l3;", "x"]],
                before='<!DOCTYPE w [<!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;">'
                '<!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;"><!ENTITY l3 "&l2;&l2;&l2;&l2;">]>',
            )
        },
        "dtd-in-shared-strings": {SHEET: good, STRINGS: b"<!DOCTYPE sst>" + shared("x")},
        "malformed-shared-strings": {SHEET: good, STRINGS: shared("x")[:-8]},
        "shared-string-index": {
            SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="s"><v>99</v></c>')
        },
        "shared-string-not-a-number": {
            SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="s"><v>x</v></c>')
        },
        "bad-number": {SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="B2"><v>12abc</v></c>')},
        "bad-date": {
            SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="d"><v>not a date</v></c>')
        },
        "bad-boolean": {
            SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="b"><v>maybe</v></c>')
        },
        "bad-cell-reference": {
            SHEET: sheet_xml([HEADER, ["icp"]], extra='<c r="!!"><v>1</v></c>')
        },
        "bad-row-number": {SHEET: good.replace(b'<row r="2">', b'<row r="x">')},
        "no-workbook-part": {"xl/workbook.xml": b"<nothing/>"},
        "broken-styles": {"xl/styles.xml": b"<styleSheet><<"},
        "broken-content-types": {"[Content_Types].xml": b"no"},
    }[name]
    return xlsx(tmp_path / f"{name}.xlsx", **parts)


@pytest.mark.parametrize(
    "name",
    ["malformed-xml", "not-xml", "dtd-entities", "billion-laughs", "dtd-in-shared-strings",
     "shared-string-index", "shared-string-not-a-number", "bad-number", "bad-date",
     "bad-boolean", "bad-cell-reference", "bad-row-number", "no-workbook-part",
     "broken-styles", "broken-content-types", "malformed-shared-strings"],
)  # fmt: skip
def test_a_damaged_workbook_is_an_input_error(tmp_path: Path, name: str) -> None:
    path = damaged(tmp_path, name)
    stderr = refused(path)
    first = stderr.splitlines()[0]
    assert first.startswith(str(path))
    assert (
        "cannot be read as an Excel workbook (" in first
        or ":2: row 2 cannot be read: a cell or the row is damaged (" in first
        or "declares a DTD" in first
        or "has no sheet of seats" in first
    ), first


@pytest.mark.parametrize("name", ["dtd-entities", "billion-laughs", "dtd-in-shared-strings"])
def test_a_dtd_is_refused_by_name(tmp_path: Path, name: str) -> None:
    stderr = refused(damaged(tmp_path, name))
    assert "declares a DTD (<!DOCTYPE> or <!ENTITY>), which Excel never writes" in stderr


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04" + b"\x00" * 100, b"PK\x03\x04garbage", b"PK\x05\x06" + b"\x00" * 18],
    ids=["zeros", "garbage", "empty-zip"],
)
def test_a_file_that_is_not_a_zip_is_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "seats.xlsx"
    path.write_bytes(data)
    assert "cannot be read as an Excel workbook" in refused(path)


def test_a_zip_with_a_bad_crc_is_an_input_error(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", **{SHEET: sheet_xml(GOOD_ROWS)})
    data = bytearray(path.read_bytes())
    start = 30 + int.from_bytes(data[26:28], "little") + int.from_bytes(data[28:30], "little")
    data[start + 4] ^= 0xFF  # inside the first part's compressed bytes
    path.write_bytes(bytes(data))
    assert refused(path).startswith(str(path))


# -- size limits, checked before reading ----------------------------------------------------------


def test_a_row_of_three_million_cells_is_refused_before_it_is_read(tmp_path: Path) -> None:
    row = '<row r="2">' + "<c/>" * 3_000_000 + "</row>"
    sheet = sheet_xml([HEADER]).replace(b"</sheetData>", row.encode() + b"</sheetData>")
    path = xlsx(tmp_path / "wide.xlsx", **{SHEET: sheet})
    stderr = refused(path)
    assert f"{path}:2: row 2 has 16,385 cells; a sheet row has at most 16,384" in stderr


def test_too_many_rows_are_refused_before_they_are_read(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"/>' for r in range(2, 100_003))
    sheet = sheet_xml([HEADER]).replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    stderr = refused(xlsx(tmp_path / "long.xlsx", **{SHEET: sheet}))
    assert "more than 100,000 rows: is this a seat table?" in stderr


def test_too_many_cells_in_one_sheet_are_refused(tmp_path: Path) -> None:
    row = "<c/>" * 16_000
    rows = "".join(f'<row r="{r}">{row}</row>' for r in range(2, 130))
    sheet = sheet_xml([HEADER]).replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    stderr = refused(xlsx(tmp_path / "big.xlsx", **{SHEET: sheet}))
    assert "more than 2,000,000 cells in one sheet" in stderr


def test_a_huge_shared_string_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    # The limit scales with ICP_MAX_BYTES: 2 MB of one shared string against a 1 MB limit
    # is the same refusal as 1 GiB against the default 20 MB.
    strings = f'<sst xmlns="{NS}"><si><t>{"A" * 2_000_000}</t></si></sst>'.encode()
    sheet = sheet_xml([HEADER, ["icp"]], extra='<c r="B2" t="s"><v>0</v></c>')
    path = xlsx(tmp_path / "a.xlsx", **{SHEET: sheet, STRINGS: strings})
    assert path.stat().st_size < 100_000
    stderr = refused(path, env={"ICP_MAX_BYTES": "1M"})
    assert f"{path}: the workbook's part 'xl/sharedStrings.xml' unpacks to 2,000," in stderr
    assert "the limit is 1,048,576" in stderr and "ICP_MAX_BYTES" in stderr


def test_the_parts_together_are_bounded_too(tmp_path: Path) -> None:
    filler = {f"xl/media/filler{i}.bin": b"\x00" * 900_000 for i in range(6)}
    path = xlsx(tmp_path / "a.xlsx", **{SHEET: sheet_xml(GOOD_ROWS)}, **filler)
    stderr = refused(path, env={"ICP_MAX_BYTES": "1M"})
    assert "the workbook unpacks to more than 4,194,304 bytes" in stderr


def test_a_claimed_dimension_does_not_pad_rows(tmp_path: Path) -> None:
    sheet = sheet_xml(GOOD_ROWS).replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'
    )
    result = imported(xlsx(tmp_path / "a.xlsx", **{SHEET: sheet}))
    assert result.exit_code == 0, result.stderr


def test_a_csv_row_of_many_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("body,name\n" + "," * 20_000 + "\n", encoding="utf-8")
    assert f"{path}:2: row 2 has 20,001 cells" in refused(path)


def test_reading_a_spreadsheet_is_bounded_in_time(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", **{SHEET: sheet_xml(GOOD_ROWS)})
    stderr = refused(path, env={"ICP_TIMEOUT": "0.000001"})
    assert "took more than" in stderr


# -- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("population", ["²", "٣٤٥", "1²3", "9" * 5000])
def test_a_population_that_is_not_ascii_digits_is_refused(
    tmp_path: Path, population: str
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Seats"
    for row in GOOD_ROWS:
        book.active.append(row)
    system = book.create_sheet("System")
    system.append(["Name", "Test ICS"])
    system.append(["Population", population])
    path = tmp_path / "a.xlsx"
    book.save(path)
    stderr = refused(path)
    assert f"{path}[System]:2: population must be a whole number" in stderr
