"""Workbooks: `icp overlap --format xlsx` and `icp export --format xlsx`, read back."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from icp_cli.check.engine import check_membership
from icp_cli.cli import app
from icp_cli.load.builder import load_path
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
NAMES = sorted(SAMPLES)
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **EPOCH})


def findings(path: Path) -> list[tuple[object, ...]]:
    """Findings as a reader compares them: code, severity, body, message (line numbers in a
    message name the file's lines, which an import renumbers) and how many people."""
    result = check_membership(load_path(path))
    return sorted(
        (
            f.code,
            f.severity.label,
            f.body,
            re.sub(r"\blines? [\d, and]+", "line N", f.message),
            len(f.people),
        )
        for f in result.findings
    )


def hostile(tmp_path: Path) -> Path:
    text = SAMPLES["northshire"].read_text(encoding="utf-8")
    text = text.replace("name: Margaret Ellison", "name: '=HYPERLINK(\"http://x.invalid\")'", 1)
    text = text.replace("id: margaret-ellison", "id: '00042'").replace(
        "margaret-ellison", "'00042'"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_path(path)
    return path


# -- overlap ----------------------------------------------------------------------------------


def test_overlap_workbook(tmp_path: Path) -> None:
    out = tmp_path / "views.xlsx"
    result = invoke("overlap", str(SAMPLES["greater-wessex"]), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    m = load_path(SAMPLES["greater-wessex"])
    assert book.sheetnames[:3] == ["Matrix", "Pairs", "Bodies"]
    assert book.sheetnames[3:] == list(m.bodies)  # a sheet per body
    matrix = book["Matrix"]
    assert matrix.freeze_panes == "B2"  # the header row and the names stay in view
    assert matrix.auto_filter.ref and matrix.auto_filter.ref.startswith("A1:")
    header = [c.value for c in matrix[1]]
    assert header[0] == "Person" and header[1:-1] == list(m.bodies) and header[-1] == "Bodies"
    # People on two or more bodies first, shaded; the others after, not shaded.
    rows = [r for r in matrix.iter_rows(min_row=2) if r[0].value and r[-1].value is not None]
    counts = [r[-1].value for r in rows]
    shared = [c >= 2 for c in counts]
    assert shared == sorted(shared, reverse=True) and any(shared) and not all(shared)
    for row, is_shared in zip(rows, shared, strict=True):
        assert (row[0].fill.fgColor.rgb == "00FFF3CD") == is_shared
    # The marks are the text view's.
    chair = next(r for r in rows if r[0].value == "Dame Caroline Penrose DBE")
    assert [c.value for c in chair[1:3]] == ["C", "C"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None and sheet["A1"].font.bold
    pairs = book["Pairs"]
    assert [c.value for c in pairs[1]][:5] == ["Body A", "Body B", "Name A", "Name B", "Shared"]
    assert pairs.auto_filter.ref


def test_overlap_workbook_needs_a_file_and_keeps_formulas_as_text(tmp_path: Path) -> None:
    refused = invoke("overlap", str(SAMPLES["northshire"]), "--format", "xlsx")
    assert refused.exit_code == 2 and "-o" in refused.stderr
    out = tmp_path / "v.xlsx"
    assert invoke("overlap", str(hostile(tmp_path)), "-f", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    exists = invoke("overlap", str(SAMPLES["northshire"]), "-f", "xlsx", "-o", str(out))
    assert exists.exit_code == 2 and "already exists" in exists.stderr


def test_overlap_workbook_by_organisation(tmp_path: Path) -> None:
    out = tmp_path / "v.xlsx"
    result = invoke(
        "overlap", str(SAMPLES["northshire"]), "--by", "organisation", "-f", "xlsx", "-o", str(out)
    )
    assert result.exit_code == 0
    matrix = openpyxl.load_workbook(out)["Matrix"]
    assert matrix["A1"].value == "Organisation"
    assert all(
        c.value is None or str(c.value).isdigit() for r in matrix.iter_rows(min_row=2, max_row=4)
        for c in r[1:-1]
    )  # fmt: skip


# -- export and back --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_export_workbook_imports_to_the_same_findings(name: str, tmp_path: Path) -> None:
    book_path = tmp_path / f"{name}.xlsx"
    result = invoke("export", str(SAMPLES[name]), "-o", str(book_path))  # format from suffix
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Seats", "System", "People", "Bodies", "Engagement", "Policy"]
    for title in ("Seats", "People", "Bodies", "Engagement", "Policy"):
        assert book[title].freeze_panes is not None and book[title].auto_filter.ref
    imported = tmp_path / f"{name}.yaml"
    back = invoke("import", str(book_path), "-o", str(imported))  # no --system, --council
    assert back.exit_code == 0, back.stderr
    assert findings(imported) == findings(SAMPLES[name])
    original, again = load_path(SAMPLES[name]), load_path(imported)
    assert (again.system.population, again.system.places) == (
        original.system.population, original.system.places
    )  # fmt: skip
    assert again.system.name == original.system.name
    assert again.system.local_authorities == original.system.local_authorities
    assert again.policy == original.policy
    assert [(e.name, e.type, e.reports_to, e.involves) for e in again.engagement] == [
        (e.name, e.type, e.reports_to, e.involves) for e in original.engagement
    ]
    for body_id, body in original.bodies.items():
        twin = again.bodies[body_id]
        assert (twin.type, twin.name, twin.chair, twin.reports_to, twin.place, twin.partial) == (
            body.type, body.name, body.chair, body.reports_to, body.place, body.partial
        )  # fmt: skip
        assert (twin.meetings is None) == (body.meetings is None)
        if body.meetings is not None and twin.meetings is not None:
            assert (twin.meetings.public, twin.meetings.frequency, twin.meetings.quorum) == (
                body.meetings.public, body.meetings.frequency, body.meetings.quorum
            )  # fmt: skip
        assert twin.local_authorities == body.local_authorities
    not_same = {p.id: p.not_same_as for p in original.people if p.not_same_as}
    assert {p.id: p.not_same_as for p in again.people if p.not_same_as} == not_same
    # And a second export of the imported file gives the same seat table.
    second = tmp_path / "second.xlsx"
    assert invoke("export", str(imported), "-f", "xlsx", "-o", str(second)).exit_code == 0
    rows = lambda p: [[c.value for c in r] for r in openpyxl.load_workbook(p)["Seats"].iter_rows()]  # noqa: E731
    assert rows(second) == rows(book_path)


def test_export_workbook_keeps_ids_and_formula_text_as_text(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    assert invoke("export", str(hostile(tmp_path)), "-f", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    seats = book["Seats"]
    ids = [r[3] for r in seats.iter_rows(min_row=2) if r[3].value == "00042"]
    assert ids and all(c.data_type == "s" for c in ids)  # not the number 42
    assert all(c.quotePrefix for c in ids)  # Excel's leading apostrophe: stays text when edited
    names = [r[4] for r in seats.iter_rows(min_row=2) if str(r[4].value).startswith("=HYPER")]
    assert names and all(c.data_type == "s" and c.quotePrefix for c in names)  # never a formula
    imported = tmp_path / "m.yaml"
    assert invoke("import", str(out), "-o", str(imported)).exit_code == 0
    people = {p.id: p.name for p in load_path(imported).people if p.id}
    assert people["00042"] == '=HYPERLINK("http://x.invalid")'


def test_export_workbook_needs_a_file() -> None:
    result = invoke("export", str(SAMPLES["northshire"]), "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr


def test_errors_on_the_named_sheets_give_sheet_and_row(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    assert invoke("export", str(SAMPLES["northshire"]), "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    book["Bodies"]["I2"].value = "six"  # meetings_quorum of the first body
    book["Bodies"]["G3"].value = "sometimes"  # meetings_public
    book["Policy"].append(["max_member.icp", 3])
    book["Bodies"].append(["nowhere", "x"])
    book.save(out)
    result = invoke("import", str(out))
    assert result.exit_code == 2
    assert f"{out}[Bodies]:2: quorum must be a whole number, not 'six'" in result.stderr
    assert f"{out}[Bodies]:3: meetings_public must be TRUE or FALSE, not 'sometimes'" in (
        result.stderr
    )
    assert f"{out}[Policy]:" in result.stderr and "unknown policy setting 'max_member.icp'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
