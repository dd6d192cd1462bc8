"""The words of an overlap view are written once (render/overlap/document.py): the plain,
styled and Markdown renderers say the same thing, in correct English."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from icp_cli.load.builder import load_text
from icp_cli.overlap.views import Overlap, build
from icp_cli.render.overlap import document as D
from icp_cli.render.overlap.markdown import render as render_markdown
from icp_cli.render.overlap.plain import render as render_plain
from icp_cli.render.overlap.styled import render as render_styled

TEXT = """\
version: 1
system: {name: Small ICS}
people:
  - {id: ann, name: Ann Able}
  - {id: bob, name: Bob Baker}
bodies:
  solo:
    type: committee
    name: Solo Committee
    members:
      - {person: ann}
  pair:
    type: committee
    name: Pair Committee
    members:
      - {person: ann}
      - {person: bob}
"""


def _styled(view: Overlap) -> str:
    buffer = io.StringIO()
    render_styled(view, Console(file=buffer, force_terminal=False, width=120), 120)
    return buffer.getvalue()


RENDERERS = {
    "plain": lambda view: render_plain(view, 120),
    "styled": _styled,
    "markdown": render_markdown,
}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_two_bodies_side_by_side_say_1_seat_not_1_seats(renderer: str) -> None:
    view = build(load_text(TEXT, "small.yaml"), bodies=("solo", "pair"))
    text = RENDERERS[renderer](view)
    assert "(1 person, 1 seat)" in text
    assert "(2 people, 2 seats)" in text
    assert "1 seats" not in text
    assert "On both: 1 person" in text


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_matrix_legend_says_1_seat(renderer: str) -> None:
    view = build(load_text(TEXT, "small.yaml"))
    text = RENDERERS[renderer](view)
    assert "1 seats" not in text
    assert "Small ICS: who sits where" in text


def test_the_document_keeps_user_text_apart_from_its_wording() -> None:
    view = build(load_text(TEXT, "small.yaml"))
    doc = D.build(view, {c.id: c.id for c in view.columns})
    assert doc.title == "Small ICS: who sits where"
    assert [(b.id, b.name, b.detail) for b in doc.bodies] == [
        ("solo", "Solo Committee", "committee, 1 seat"),
        ("pair", "Pair Committee", "committee, 2 seats"),
    ]
    assert doc.pairs_count == "1 pair"
    assert doc.summary("marked *") == doc.summary_text.replace(D._SHARED_SLOT, "marked *")
    assert "marked *" in doc.summary("marked *")
