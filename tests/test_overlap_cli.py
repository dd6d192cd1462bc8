"""`icp overlap` as a user runs it: golden outputs, the JSON contract, widths, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
LARGE = "sample_systems/greater-wessex.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

VIEWS = {
    "matrix": [],
    "bodies-icb-icp": ["--bodies", "icb,icp"],
    "by-organisation": ["--by", "organisation"],
    "by-sector": ["--by", "sector"],
    "only-shared": ["--only-shared"],
}


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["overlap", *args], env={"NO_COLOR": "1", **(env or {})})


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES["northshire"].parent.parent)


# --------------------------------------------------------------------------- golden outputs


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("view", VIEWS)
def test_golden_text_large_sample(view: str, width: int) -> None:
    result = invoke(LARGE, *VIEWS[view], "--width", str(width))
    assert result.exit_code == 0, result.stderr
    assert_golden(f"overlap-greater-wessex-{view}-{width}.txt", result.stdout)
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width
    assert "\x1b" not in result.stdout  # piped: plain text


@pytest.mark.parametrize("fmt", ["json", "markdown"])
@pytest.mark.parametrize("view", VIEWS)
def test_golden_json_and_markdown_large_sample(view: str, fmt: str) -> None:
    result = invoke(LARGE, *VIEWS[view], "--format", fmt)
    assert result.exit_code == 0, result.stderr
    extension = "json" if fmt == "json" else "md"
    assert_golden(f"overlap-greater-wessex-{view}.{extension}", result.stdout)


@pytest.mark.parametrize("sample", ["northshire", "first-draft", "kestrel-vale"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_golden_other_samples(sample: str, fmt: str) -> None:
    result = invoke(f"sample_systems/{sample}.yaml", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    extension = {"text": "txt", "json": "json", "markdown": "md"}[fmt]
    assert_golden(f"overlap-{sample}.{extension}", result.stdout)


def test_piped_text_is_80_columns_by_default() -> None:
    assert invoke(LARGE).stdout == invoke(LARGE, "--width", "80").stdout


# --------------------------------------------------------------------------- the JSON contract


def test_json_has_every_key_of_the_contract() -> None:
    doc = json.loads(invoke(LARGE, "-f", "json").stdout)
    assert doc["version"] == 1
    assert doc["path"] == LARGE
    assert {"version", "path", "bodies", "people", "pairs"} <= set(doc)
    for body in doc["bodies"]:
        assert {"id", "type", "name", "seats"} <= set(body)
    for person in doc["people"]:
        assert {"id", "name", "bodies"} <= set(person)
        assert person["bodies"]  # only people with a seat
    for pair in doc["pairs"]:
        assert {"a", "b", "shared", "people"} <= set(pair)
        assert pair["shared"] == len(pair["people"]) > 0


def test_json_values_on_the_large_sample() -> None:
    doc = json.loads(invoke(LARGE, "-f", "json").stdout)
    bodies = [b["id"] for b in doc["bodies"]]
    assert len(bodies) == 21
    icb = doc["bodies"][0]
    assert icb == {
        "id": "icb",
        "type": "icb",
        "name": "NHS Greater Wessex Integrated Care Board",
        "seats": 16,
        "distinct": 16,
        "vacant": 0,
        "vacancies": [],
        "also": [],
        "in_common_with": [],
    }
    icp = doc["bodies"][1]
    assert icp["seats"] == 29  # participants and the substitute count
    pair = doc["pairs"][0]
    assert (pair["a"], pair["b"], pair["shared"]) == ("icb", "icp", 3)
    assert pair["people"] == ["caroline-penrose", "jonathan-arkwright", "daniel-brightwell"]
    # a and b in file order of bodies; pairs in that order too
    keys = [(bodies.index(p["a"]), bodies.index(p["b"])) for p in doc["pairs"]]
    assert all(a < b for a, b in keys) and keys == sorted(keys)
    people = {p["id"]: p for p in doc["people"]}
    # an inline person's id is their normalised name
    assert people["priyanka sandhu"]["bodies"] == ["icp"]
    assert people["owen-pritchard"]["bodies"] == [
        "icb",
        "icb-audit",
        "icb-finance",
        "acute-provider-collaborative",
    ]
    assert people["caroline-penrose"]["chair"] == ["icb", "icp"]


def test_json_side_by_side_is_filtered_to_the_two_bodies() -> None:
    doc = json.loads(invoke(LARGE, "--bodies", "icp,icb", "-f", "json").stdout)
    assert doc["view"] == "side-by-side"
    assert [b["id"] for b in doc["bodies"]] == ["icb", "icp"]
    assert all(set(p["bodies"]) <= {"icb", "icp"} for p in doc["people"])
    assert [(p["a"], p["b"]) for p in doc["pairs"]] == [("icb", "icp")]


def test_json_only_shared_keeps_the_shape() -> None:
    doc = json.loads(invoke(LARGE, "--only-shared", "-f", "json").stdout)
    full = json.loads(invoke(LARGE, "-f", "json").stdout)
    assert set(doc) == set(full)
    assert all(len(p["bodies"]) >= 2 for p in doc["people"])
    assert doc["pairs"] == full["pairs"]
    assert doc["bodies"] == full["bodies"]


# --------------------------------------------------------------------------- terminal


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("view", VIEWS)
def test_rich_on_a_terminal_fits_and_cuts_nothing(view: str, width: int) -> None:
    result = invoke(LARGE, *VIEWS[view], "--width", str(width), env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    text = ANSI.sub("", result.stdout)
    assert max(len(line) for line in text.splitlines()) <= width
    plain = invoke(LARGE, *VIEWS[view], "--width", str(width)).stdout
    assert text != plain  # rich tables, not the plain layout
    if view in ("matrix", "only-shared", "bodies-icb-icp"):
        flat = " ".join(text.split())
        for name in ("Dame Caroline Penrose DBE", "Owen Pritchard", "Jonathan Arkwright"):
            assert name in flat
    assert "…" not in text  # nothing truncated with an ellipsis


# --------------------------------------------------------------------------- options and errors


def test_unknown_body_is_a_usage_error_with_did_you_mean() -> None:
    result = invoke(LARGE, "--bodies", "icb,icpp")
    assert result.exit_code == 2
    assert "no body 'icpp'" in result.stderr
    assert "did you mean 'icp'?" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("value", ["icb", "icb,,", "icb,icb"])
def test_bodies_needs_two_distinct_ids(value: str) -> None:
    result = invoke(LARGE, "--bodies", value)
    assert result.exit_code == 2
    assert "--bodies" in result.stderr


def test_three_bodies_give_the_matrix_of_those_bodies() -> None:
    result = invoke(LARGE, "--bodies", "icb,icp,icb-finance", "--width", "80")
    assert result.exit_code == 0
    assert "3 bodies" in result.stdout
    assert "hwb-south-wessex" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [["--by", "council"], ["--format", "sarif"], ["--width", "10"], ["--width", "abc"]],
)
def test_bad_option_values_exit_2(args: list[str]) -> None:
    assert invoke(LARGE, *args).exit_code == 2


def test_missing_file() -> None:
    result = invoke("nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_default_file_is_membership_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert "membership.yaml: no such file" in invoke().stderr
    (tmp_path / "membership.yaml").write_text(SAMPLES["northshire"].read_text("utf-8"), "utf-8")
    result = invoke()
    assert result.exit_code == 0
    assert result.stdout.startswith("Northshire and Cathersby ICS: who sits where")


def test_input_errors_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsystem: {name: X}\nbodies:\n  icb: {type: icbb, members: []}\n")
    result = invoke(str(bad), "-f", "json")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["files"] == []
    error = doc["errors"][0]
    assert (error["path"], error["line"]) == (str(bad), 4)
    assert f"{bad}:4:" in result.stderr  # stderr as well, in every format
    text = invoke(str(bad))
    assert text.exit_code == 2
    assert f"{bad}:4:" in text.stderr


def test_output_file_and_force(tmp_path: Path) -> None:
    target = tmp_path / "overlap.md"
    result = invoke(LARGE, "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text("utf-8") == invoke(LARGE, "-f", "markdown").stdout
    again = invoke(LARGE, "-f", "markdown", "-o", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert invoke(LARGE, "-o", str(target), "--force").exit_code == 0
    assert target.read_text("utf-8").startswith("Greater Wessex ICS: who sits where")


def test_text_to_a_file_is_plain_even_when_forced_colour(tmp_path: Path) -> None:
    target = tmp_path / "overlap.txt"
    result = invoke(LARGE, "-o", str(target), env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b" not in target.read_text("utf-8")
    assert max(len(line) for line in target.read_text("utf-8").splitlines()) <= 80
