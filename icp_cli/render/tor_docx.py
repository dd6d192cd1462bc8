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
from typing import Any

from .tor_jinja import render_builtin

_HEADINGS = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
_SKIPPED = {"head", "title", "style", "script"}
# Relative widths of the membership table's columns: name, role, organisation, seat,
# attendance.
_COLUMN_SHARES = (0.17, 0.27, 0.22, 0.19, 0.15)
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


def render_docx(context: Mapping[str, Any]) -> bytes:
    """The draft terms of reference as the bytes of a .docx file."""
    reader = _Reader()
    reader.feed(render_builtin(context, "html"))
    reader.close()
    return _build(reader, context)


def _build(reader: _Reader, context: Mapping[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, Pt

    from ..safe_text import DOCX_PROPERTY_LIMIT as LIMIT
    from ..safe_text import docx as docx_text

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    width = section.page_width - section.left_margin - section.right_margin

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

    for item in reader.items:
        if isinstance(item, _Block):
            add_runs(doc.add_paragraph(style=item.style), item.runs)
            continue
        columns = len(item.header) or max((len(r) for r in item.rows), default=1)
        table = doc.add_table(rows=1 + len(item.rows), cols=columns)
        table.style = "Table Grid"
        table.autofit = False
        shares = _COLUMN_SHARES if columns == len(_COLUMN_SHARES) else (1 / columns,) * columns
        for c, column in enumerate(table.columns):
            column.width = int(width * shares[c])  # the grid, which LibreOffice reads
        for r, cells in enumerate([item.header, *item.rows]):
            for c in range(columns):
                cell = table.rows[r].cells[c]
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
