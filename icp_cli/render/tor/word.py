"""Terms of reference as a Word document, built with python-docx from the HTML rendering.

The HTML comes from the same templates as the Markdown and uses a small, known set of
elements (h1, h2, p, ul/li, table, strong, mark), so the structure carries over exactly:
h1 and h2 become the Word styles Heading 1 and Heading 2, lists use List Bullet, the
membership table is a real Word table with a repeating header row, and every
`[TO BE AGREED: …]` placeholder (a `<mark>`) is highlighted yellow. Reading HTML rather
than Markdown means user text never needs unescaping by hand: the parser decodes it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from icp_cli.load.errors import InputError
from icp_cli.render.tor.kit import render_builtin

_HEADINGS = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
_SKIPPED = {"head", "title", "style", "script"}
# Relative widths of the tables' columns, by their number: the membership table (name, role,
# organisation, seat, attendance), by post (post, organisation, seat, attendance), and the
# document-control table (entry, detail).
_COLUMN_SHARES = {
    5: (0.17, 0.27, 0.22, 0.19, 0.15),
    4: (0.33, 0.27, 0.24, 0.16),
    2: (0.3, 0.7),
}
# Characters XML 1.0 cannot hold (python-docx raises on them), for the header's body name.
HOUSE_FONT = "Arial"  # one family for every style; --reference-docx brings its own
_TABLE_POINTS = 9.5  # table text: smaller than the body, so long roles stay readable


@dataclass
class _Run:
    text: str
    bold: bool = False
    highlight: bool = False


@dataclass
class _Block:
    style: str
    runs: list[_Run] = field(default_factory=list)


@dataclass
class _Table:
    header: list[list[_Run]] = field(default_factory=list)
    rows: list[list[list[_Run]]] = field(default_factory=list)


class _Reader(HTMLParser):
    """Turns the rendered HTML into a list of blocks (paragraphs) and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Block | _Table] = []
        self.title = ""
        self._skip = 0
        self._in_title = False
        self._bold = 0
        self._mark = 0
        self._block: _Block | None = None
        self._table: _Table | None = None
        self._row: list[list[_Run]] | None = None
        self._cell: list[_Run] | None = None
        self._in_head_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
            self._in_title = tag == "title"
        elif tag in _HEADINGS:
            self._block = _Block(_HEADINGS[tag])
        elif tag == "p":
            self._block = _Block("Normal")
        elif tag == "li":
            self._block = _Block("List Bullet")
        elif tag == "table":
            self._table = _Table()
        elif tag == "thead":
            self._in_head_row = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "strong":
            self._bold += 1
        elif tag == "mark":
            self._mark += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip -= 1
            self._in_title = False
        elif tag in _HEADINGS or tag in ("p", "li"):
            if self._block is not None:
                self.items.append(self._block)
            self._block = None
        elif tag == "table" and self._table is not None:
            self.items.append(self._table)
            self._table = None
        elif tag == "thead":
            self._in_head_row = False
        elif tag == "tr" and self._table is not None and self._row is not None:
            if self._in_head_row:
                self._table.header = self._row
            else:
                self._table.rows.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "strong":
            self._bold -= 1
        elif tag == "mark":
            self._mark -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._in_title:
                self.title += data
            return
        target = self._cell if self._cell is not None else (
            self._block.runs if self._block is not None else None
        )
        if target is None or (not data.strip() and not target):
            return  # whitespace between block elements
        target.append(_Run(data, bold=self._bold > 0, highlight=self._mark > 0))


def render_docx(context: Mapping[str, Any], reference: Path | None = None) -> bytes:
    """The draft terms of reference as the bytes of a .docx file; with `reference`, in the
    styles of that Word document."""
    reader = _Reader()
    reader.feed(render_builtin({**context, "document_control": True}, "html"))
    reader.close()
    return _build(reader, context, reference)


def check_reference(path: Path) -> InputError | None:
    """Why a --reference-docx cannot be used, or None."""
    if not path.is_file():
        return InputError(
            str(path), "no such file" if not path.exists() else "is a folder, not a document"
        )
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            # A Word document proper: not a template (.dotx) or a macro document (.docm),
            # which python-docx cannot open.
            if "word/styles.xml" not in archive.namelist() or (
                "wordprocessingml.document.main+xml" not in types
            ):
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, KeyError, OSError):
        return InputError(
            str(path),
            "is not a Word document (.docx) with styles",
            hint="save your house-style document as a Word document (.docx), not as .doc, "
            ".odt, a template (.dotx) or with macros (.docm)",
        )
    return None


def _build(reader: _Reader, context: Mapping[str, Any], reference: Path | None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, Pt

    from icp_cli.safe_text import DOCX_PROPERTY_LIMIT as LIMIT
    from icp_cli.safe_text import docx as docx_text

    if reference is not None:
        doc = Document(str(reference))
        _clear_body(doc)
    else:
        doc = Document()
    section = doc.sections[0]
    if reference is None:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
        _house_style(doc)
    width = _text_width(section)
    styles = {s.name for s in doc.styles}
    body_name = str(context.get("body", {}).get("name", ""))
    _header_and_footer(section, body_name)
    numbering = _Numbering(doc)

    props = doc.core_properties
    props.title = docx_text(reader.title.strip(), LIMIT)
    props.subject = "Draft terms of reference"
    props.author = props.last_modified_by = "icp"
    props.comments = docx_text(
        f"Drafted from {context.get('source', '')} by icp terms-of-reference.", LIMIT
    )
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)

    def add_runs(
        paragraph: Any, runs: list[_Run], bold: bool = False, size: Any = None
    ) -> None:
        for part in _merge(runs):
            run = paragraph.add_run(docx_text(part.text))
            run.bold = part.bold or bold or None
            if size is not None:
                run.font.size = size
            if part.highlight:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    in_section = False
    for item in reader.items:
        if isinstance(item, _Block):
            style = item.style if item.style in styles else "Normal"
            paragraph = doc.add_paragraph(style=style)
            add_runs(paragraph, item.runs)
            # Numbered paragraphs: each section heading 1, 2, 3 ...; its paragraphs 1.1,
            # 1.2 ...; bullets keep their bullets; the title and preamble are not numbered.
            if item.style == "Heading 2":
                in_section = True
                numbering.apply(paragraph, 0)
            elif item.style == "Normal" and in_section:
                numbering.apply(paragraph, 1)
            elif item.style == "Heading 1":
                _keep_with_next(paragraph)
            continue
        columns = len(item.header) or max((len(r) for r in item.rows), default=1)
        table = doc.add_table(rows=1 + len(item.rows), cols=columns)
        if "Table Grid" in styles:
            table.style = "Table Grid"
        table.autofit = False
        shares = _COLUMN_SHARES.get(columns, (1 / columns,) * columns)
        for c, column in enumerate(table.columns):
            column.width = int(width * shares[c])  # the grid, which LibreOffice reads
        # One pass over the rows: `table.rows[r]` per cell rebuilds the row list each time.
        for r, (row, cells) in enumerate(zip(table.rows, [item.header, *item.rows], strict=True)):
            _cant_split(row)
            for c, cell in enumerate(row.cells):
                cell.width = int(width * shares[c])
                add_runs(
                    cell.paragraphs[0],
                    cells[c] if c < len(cells) else [],
                    bold=r == 0,
                    size=Pt(_TABLE_POINTS),
                )
        _repeat_header(table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text_width(section: Any) -> int:
    """The width between the margins; a reference document may leave any of them unset
    (Word's defaults then apply: A4 here, 2.54 cm margins)."""
    from docx.shared import Cm

    page = section.page_width if section.page_width is not None else Cm(21.0)
    left = section.left_margin if section.left_margin is not None else Cm(2.54)
    right = section.right_margin if section.right_margin is not None else Cm(2.54)
    return int(page - left - right)


def _clear_body(doc: Any) -> None:
    """Remove a reference document's own text and tables, keeping its page setup."""
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _house_style(doc: Any) -> None:
    """One font family throughout (Arial, in the Latin, East Asian and complex-script slots
    alike, theme fonts removed so that none wins over it), headings in the same family in
    dark blue."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc.styles["Normal"].font.name = HOUSE_FONT  # gives Normal its own rFonts
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for key in list(fonts.attrib):
            del fonts.attrib[key]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), HOUSE_FONT)
    sizes = {"Normal": 11, "Heading 1": 18, "Heading 2": 13, "Heading 3": 11.5}
    for name, points in sizes.items():
        doc.styles[name].font.size = Pt(points)
    for style in doc.styles:
        if style.name.startswith(("Heading", "Title")) and hasattr(style, "font"):
            style.font.color.rgb = RGBColor(0x00, 0x30, 0x87)
            style.font.italic = False


def _header_and_footer(section: Any, body_name: str) -> None:
    """Header: the body's name and "Draft"; footer: "Page N of M" (Word fields)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from icp_cli.safe_text import docx as docx_text

    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(docx_text(f"{body_name}: terms of reference"))
    paragraph.add_run("\t")
    draft = paragraph.add_run("Draft")
    draft.bold = True
    _right_tab(paragraph, section)

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def _right_tab(paragraph: Any, section: Any) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT

    width = _text_width(section)
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


class _Numbering:
    """A two-level paragraph numbering (1. / 1.1) added to the document's numbering part."""

    def __init__(self, doc: Any) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        numbering = doc.part.numbering_part.element
        ids = [int(n) for n in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = max(ids, default=0) + 1
        nums = [int(n) for n in numbering.xpath("./w:num/@w:numId")]
        self.num_id = max(nums, default=0) + 1
        levels = (
            (0, "%1.", 567, 567),  # headings: 1.  (indent 1 cm)
            (1, "%1.%2", 567, 567),  # paragraphs: 1.1
        )
        xml = (
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="multilevel"/>'
        )
        for level, text, left, hanging in levels:
            xml += (
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
            )
        xml += "</w:abstractNum>"
        abstract = parse_xml(xml)
        # abstractNum elements come before num elements (the schema's order).
        existing = numbering.xpath("./w:num")
        if existing:
            existing[0].addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{self.num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )

    def apply(self, paragraph: Any, level: int) -> None:
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = p_pr.get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = self.num_id
        if level == 0:
            _keep_with_next(paragraph)


def _keep_with_next(paragraph: Any) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _cant_split(row: Any) -> None:
    """A table row never breaks across pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    tr_pr.insert(0, cant)


def _merge(runs: list[_Run]) -> list[_Run]:
    """Join neighbouring runs of the same look. The HTML's blocks are already folded to
    single spaces, so only the block's ends need trimming."""
    merged: list[_Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].highlight) == (run.bold, run.highlight):
            merged[-1] = _Run(merged[-1].text + run.text, run.bold, run.highlight)
        else:
            merged.append(_Run(run.text, run.bold, run.highlight))
    if merged:
        merged[0].text = merged[0].text.lstrip()
        merged[-1].text = merged[-1].text.rstrip()
    return [run for run in merged if run.text]


def _repeat_header(table: Any) -> None:
    """Mark the first row as a header row, repeated at the top of each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
