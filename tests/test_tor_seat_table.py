"""The membership table of the terms of reference (written by Python, `k.seat_rows`): every
user value lands escaped in its own cell, whatever it holds, in Markdown and in HTML."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from icp_cli.render.tor.kit import _builtin_environment, md_escape
from icp_cli.safe_text import html

CELL_BREAK = re.compile(r"(?<!\\)\|")  # a '|' that is not escaped


def _seat(name: str, role: str, organisation: str, label: str, deputy: str) -> dict[str, Any]:
    return {
        "name": name,
        "role": role,
        "organisation": organisation,
        "seats": ["odd-kind"],
        "seat_labels": [label],
        "sector_label": None,
        "attendance_label": "Substitute",
        "is_member": False,
        "voting": True,
        "is_chair": False,
        "substitute_for": deputy,
    }


def _rows(fmt: str, seats: list[dict[str, Any]], by_post: bool = False) -> str:
    return str(_builtin_environment(fmt).globals["k"].seat_rows(seats, by_post))


texts = st.text(min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(texts, texts, texts, texts, texts)
def test_markdown_cells_hold_the_escaped_values(
    name: str, role: str, organisation: str, label: str, deputy: str
) -> None:
    row = _rows("markdown", [_seat(name, role, organisation, label, deputy)])
    assert "\n" not in row and "\r" not in row
    assert row.startswith("| ") and row.endswith(" |")
    cells = [c[1:-1] for c in CELL_BREAK.split(row)[1:-1]]
    attendance = f"Substitute for {md_escape(deputy)}"
    expected = [md_escape(v) for v in (name, role, organisation, label)] + [attendance]
    assert cells == expected


@settings(max_examples=300, deadline=None)
@given(texts, texts, texts, texts, texts)
def test_html_cells_hold_the_escaped_values(
    name: str, role: str, organisation: str, label: str, deputy: str
) -> None:
    row = _rows("html", [_seat(name, role, organisation, label, deputy)])
    assert "\n" not in row
    cells = re.fullmatch(r"<tr>((?:<td>[^<]*</td>)+)</tr>", row)
    assert cells is not None, row
    found = re.findall(r"<td>([^<]*)</td>", cells.group(1))
    expected = [str(html(v)) for v in (name, role, organisation, label)]
    assert found == [*expected, f"Substitute for {html(deputy)}"]


def test_by_post_leaves_out_names_and_placeholders_fill_gaps() -> None:
    seat = _seat("Ann <b>Lee</b>", "", "", "x", "")
    seat.update(seat_labels=[], sector_label="children's services", is_chair=True, seats=[])
    assert _rows("markdown", [seat], by_post=True) == (
        "| [TO BE AGREED: post] | [TO BE AGREED: organisation] | Chair | Substitute |"
    )
    seat["is_chair"] = False
    assert _rows("html", [seat, seat]) == "\n".join(
        [
            "<tr><td>Ann &lt;b&gt;Lee&lt;/b&gt;</td>"
            '<td><mark class="tbd">[TO BE AGREED: role]</mark></td>'
            '<td><mark class="tbd">[TO BE AGREED: organisation]</mark></td>'
            '<td><mark class="tbd">[TO BE AGREED: seat (children&#39;s services)]</mark></td>'
            "<td>Substitute</td></tr>"
        ]
        * 2
    )
