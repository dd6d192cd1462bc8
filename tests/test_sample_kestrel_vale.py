"""The format 1.1 sample (kestrel-vale): golden `check` outputs, and what the overlap view
and the terms of reference say about the new fields. The overlap and terms of reference
goldens are with the other samples' (test_overlap_cli.py, test_tor_golden.py)."""

from __future__ import annotations

import json

import pytest
from golden import assert_golden
from helpers import as_of_args
from typer.testing import CliRunner

from icp_cli.cli import app

runner = CliRunner()
SAMPLE = "sample_systems/kestrel-vale.yaml"


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("markdown", "md")])
def test_golden_check_output(fmt: str, ext: str) -> None:
    result = invoke("check", SAMPLE, "--format", fmt, *as_of_args())
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert_golden(f"check-kestrel-vale.{ext}", result.stdout)  # type: ignore[attr-defined]


def test_it_is_listed_among_the_samples() -> None:
    result = invoke("samples")
    assert "kestrel-vale" in result.stdout  # type: ignore[attr-defined]


def overlap_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = invoke("overlap", SAMPLE, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return json.loads(result.stdout)  # type: ignore[attr-defined,no-any-return]


def test_overlap_counts_and_lists_the_vacant_seat() -> None:
    bodies = {b["id"]: b for b in overlap_json()["bodies"]}
    harrowdown = bodies["icp-harrowdown"]
    assert harrowdown["seats"] == 14 and harrowdown["vacant"] == 1
    assert harrowdown["vacancies"] == ["Further education representative, Harrowdown College"]
    assert harrowdown["also"] == ["hwb"]


def test_overlap_marks_members_without_a_vote_and_each_substitutes_principal() -> None:
    people = {p["id"]: p for p in overlap_json()["people"]}
    assert people["helen-marsh"]["non_voting"] == ["hwb-kestrel"]
    assert people["kofi mensah"]["substitute_for"] == {"icp-kestrel": ["helen-marsh"]}
    text = invoke("overlap", SAMPLE).stdout  # type: ignore[attr-defined]
    assert "N member without a vote" in text
    assert "icp-kestrel: Dr Kofi Mensah for Dr Helen Marsh" in text
    assert "icp-harrowdown: Further education representative, Harrowdown College" in text


def test_overlap_pairs_know_bodies_meeting_in_common_from_either_side() -> None:
    doc = overlap_json()
    pair = next(p for p in doc["pairs"] if {p["a"], p["b"]} == {"icp-kestrel", "hwb-kestrel"})
    assert pair["in_common"] is True
    bodies = {b["id"]: b for b in doc["bodies"]}
    assert bodies["hwb-kestrel"]["in_common_with"] == ["icp-kestrel"]  # named on the ICP only
    assert not any(p["in_common"] for p in doc["pairs"] if p is not pair)


def tor(body: str) -> str:
    result = invoke("terms-of-reference", SAMPLE, "--body", body)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined,no-any-return]


def test_a_body_that_is_also_the_hwb_gets_both_statutory_sections() -> None:
    text = tor("icp-harrowdown")
    assert "section 116ZA(1)" in text  # the ICP's establishment
    assert "is also the health and wellbeing board that Harrowdown Council must establish" in text
    assert "As the health and wellbeing board, the Partnership:" in text  # HWB functions
    assert "The director of public health (HSCA 2012 s.194(2)(d)): Dr Samuel Green" in text


def test_tor_shows_voting_deputies_terms_and_vacancies() -> None:
    text = tor("icp-harrowdown")
    assert "| Station Commander Alan Reid |" in text and "| Member (non-voting) |" in text
    assert "| Substitute for Cllr Nadia Rossi |" in text
    assert "## Deputies and substitutes" in text
    assert (
        "- Cllr Ann Whitlock (Deputy Leader, Harrowdown Council) deputises for Cllr Nadia Rossi."
    ) in text
    assert "### Terms of office" in text
    assert "| Julia Stone | Chief Officer, Harrowdown CVS | 2024-02-01 | 2027-01-31 |" in text
    assert "| Vacant | Further education representative | Harrowdown College |" in text
    assert "1 seat is vacant: Further education representative (Harrowdown College)." in text


def test_tor_mentions_committees_in_common_and_a_council_partly_in_the_area() -> None:
    text = tor("hwb-kestrel")
    assert "meets in common with Kestrel Vale Integrated Care Partnership" in text
    text = tor("icp-kestrel")
    assert "The area of Wyndham City Council lies only partly within" in text
