"""The Word terms of reference in house style: fonts, numbering, header and footer, tables
that keep their rows whole, --by-post and --reference-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word(tmp_path: Path, *args: str, sample: str = "northshire") -> bytes:
    target = tmp_path / "tor.docx"
    result = runner.invoke(
        app, ["terms-of-reference", str(SAMPLES[sample]), "-o", str(target), "--force", *args]
    )
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_one_font_family_everywhere(tmp_path: Path) -> None:
    import re

    styles = part(word(tmp_path), "word/styles.xml")
    fonts = " ".join(re.findall(r"<w:rFonts ([^>]*)/>", styles))
    families = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', fonts))
    assert families == {"Arial"}
    assert "Theme=" not in styles and "theme=" not in styles  # no theme font can win


def test_header_names_the_body_and_draft_and_footer_numbers_pages(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(word(tmp_path)))
    section = doc.sections[0]
    header = section.header.paragraphs[0].text
    assert header.startswith("Northshire and Cathersby Integrated Care Partnership")
    assert header.endswith("Draft")
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert section.footer.paragraphs[0].text.startswith("Page ")
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_paragraphs_are_numbered_in_sections(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(word(tmp_path)))
    numbered = {}
    for p in doc.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        level = num_pr.ilvl.val if num_pr is not None and num_pr.ilvl is not None else None
        numbered.setdefault(p.style.name, set()).add(level)
    assert numbered["Heading 2"] == {0}  # 1., 2., 3. ...
    assert 1 in numbered["Normal"]  # 1.1, 1.2 ... (the preamble before section 1 is not)
    assert numbered["Heading 1"] == {None}
    numbering = part(word(tmp_path), "word/numbering.xml")
    assert 'w:lvlText w:val="%1."' in numbering and 'w:lvlText w:val="%1.%2"' in numbering


def test_every_table_row_stays_on_one_page_and_headers_repeat(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(word(tmp_path, sample="greater-wessex")))
    assert len(doc.tables) == 2  # document control, membership
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_document_control_table(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(word(tmp_path)))
    control = doc.tables[0]
    labels = [row.cells[0].text for row in control.rows]
    assert labels == ["Document control", "Version", "Status", "Approved by", "Date approved",
                      "Next review"]  # fmt: skip
    assert control.rows[2].cells[1].text == "Draft"
    assert control.rows[1].cells[1].text.startswith("[TO BE AGREED:")


def test_by_post_lists_posts_without_names(tmp_path: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO(word(tmp_path, "--by-post")))
    members = doc.tables[1]
    assert [c.text for c in members.rows[0].cells] == [
        "Post", "Organisation", "Seat", "Attendance"
    ]  # fmt: skip
    everything = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    # Nobody's name appears in the membership table; roles do.
    assert "Leader, Northshire County Council" in everything
    table_text = " ".join(c.text for r in members.rows for c in r.cells)
    assert "Helen Ashworth" not in table_text and "Kirsty Rowbotham" not in table_text


def test_by_post_in_markdown_too() -> None:
    result = runner.invoke(app, ["terms-of-reference", str(SAMPLES["northshire"]), "--by-post"])
    assert result.exit_code == 0
    assert "| Post | Organisation | Seat | Attendance |" in result.stdout
    # No member's name anywhere: the table, the chairs, the statutory seats, substitutes.
    from icp_cli.load.builder import load_path

    icp = load_path(SAMPLES["northshire"]).bodies["icp"]
    assert not [s.name for s in icp.members if s.name in result.stdout]
    assert "The chair of the Partnership is the Leader, Northshire County Council." in (
        result.stdout
    )


def test_reference_docx_gives_its_styles(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Cm, Pt

    house = Document()
    house.styles["Normal"].font.name = "Georgia"
    house.styles["Normal"].font.size = Pt(12)
    house.styles["Heading 2"].font.name = "Georgia"
    house.sections[0].left_margin = Cm(3.1)
    house.add_paragraph("Their own text, which must not appear in the draft.")
    reference = tmp_path / "house.docx"
    house.save(reference)

    doc = Document(io.BytesIO(word(tmp_path, "--reference-docx", str(reference))))
    assert doc.styles["Normal"].font.name == "Georgia"
    assert doc.styles["Normal"].font.size == Pt(12)
    assert round(doc.sections[0].left_margin.cm, 1) == 3.1  # their page setup
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Their own text" not in text
    assert doc.paragraphs[0].text.startswith("Terms of reference:")
    assert doc.sections[0].header.paragraphs[0].text.endswith("Draft")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"not a zip", "is not a Word document"),
     ("folder", "is a folder"), ("template", "is not a Word document")],
)  # fmt: skip
def test_a_bad_reference_docx_is_an_input_error(
    tmp_path: Path, content: bytes | str | None, message: str
) -> None:
    reference = tmp_path / "house.docx"
    if content == "folder":
        reference.mkdir()
    elif content == "template":  # a .dotx saved under a .docx name
        from docx import Document

        Document().save(reference)
        with zipfile.ZipFile(reference) as archive:
            parts = {n: archive.read(n) for n in archive.namelist()}
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"document.main+xml", b"template.main+xml"
        )
        with zipfile.ZipFile(reference, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    elif isinstance(content, bytes):
        reference.write_bytes(content)
    target = tmp_path / "tor.docx"
    result = runner.invoke(
        app,
        ["terms-of-reference", str(SAMPLES["northshire"]), "-o", str(target),
         "--reference-docx", str(reference)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{reference}: {message}" in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()


def test_reference_docx_needs_word_output(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["terms-of-reference", str(SAMPLES["northshire"]), "--reference-docx", "x.docx"],
    )
    assert result.exit_code == 2
    assert "needs Word output" in result.stderr


def test_reference_docx_without_the_styles_the_draft_uses(tmp_path: Path) -> None:
    """A house document made elsewhere may lack List Bullet or Table Grid: the draft falls
    back to Normal and to a table without a style, and the page setup may be unset."""
    from docx import Document

    house = Document()
    styles = house.styles.element
    for style in list(styles):
        name = style.find(f"{W}name")
        if name is not None and name.get(f"{W}val") in ("List Bullet", "Table Grid"):
            styles.remove(style)
    sect_pr = house.sections[0]._sectPr
    for child in list(sect_pr):
        if child.tag in (f"{W}pgSz", f"{W}pgMar"):
            sect_pr.remove(child)
    reference = tmp_path / "plain.docx"
    house.save(reference)
    doc = Document(io.BytesIO(word(tmp_path, "--reference-docx", str(reference))))
    assert "List Bullet" not in {p.style.name for p in doc.paragraphs}
    assert len(doc.tables) == 2 and doc.tables[1].rows[1].cells[0].text
