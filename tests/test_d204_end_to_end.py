"""D204 possible-same-person, end to end through `icp check`, on the identity table.

Every must-pair and must-not-pair variant of tests/test_identity.py is written into a
membership file three ways (both names inline, both as people[] entries, one of each),
and checked with `icp check --select D204 --format json` as a user would run it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_identity import MUST_NOT_PAIR, MUST_PAIR
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.people.matching import normalise_name

runner = CliRunner()
WAYS = ("inline", "registry", "mixed")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def membership(a: str, b: str, way: str) -> tuple[str, int, int]:
    """A file with `a` on the ICB and `b` on the ICP; the lines of a's and b's names."""
    lines = ["version: 1", "system:", "  name: Test ICS"]
    line_a = line_b = 0
    if way in ("registry", "mixed"):
        lines.append("people:")
        lines += ["  - id: person-a", f"    name: {_q(a)}"]
        line_a = len(lines)
        if way == "registry":
            lines += ["  - id: person-b", f"    name: {_q(b)}"]
            line_b = len(lines)
    lines += ["bodies:", "  icb:", "    type: icb", "    members:"]
    if way == "inline":
        lines.append(f"      - name: {_q(a)}")
        line_a = len(lines)
    else:
        lines.append("      - person: person-a")
    lines += ["  icp:", "    type: icp", "    members:"]
    if way == "registry":
        lines.append("      - person: person-b")
    else:
        lines.append(f"      - name: {_q(b)}")
        line_b = len(lines)
    return "\n".join(lines) + "\n", line_a, line_b


def check_d204(tmp_path: Path, text: str, *extra: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "membership.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        ["check", str(path), "--select", "D204", "--format", "json", *extra],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    doc = json.loads(result.stdout)
    return result.exit_code, doc["files"][0]["findings"]


def _ref(name: str, way: str, which: str) -> str:
    registered = way == "registry" or (way == "mixed" and which == "a")
    return f"person-{which}" if registered else normalise_name(name)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("a", "b"), MUST_PAIR)
def test_must_pair_variants_are_reported_once(tmp_path: Path, a: str, b: str, way: str) -> None:
    text, line_a, line_b = membership(a, b, way)
    code, findings = check_d204(tmp_path, text)
    assert code == 0  # a warning: below the default --fail-on error
    assert len(findings) == 1, findings
    f = findings[0]
    assert (f["code"], f["name"], f["severity"]) == ("D204", "possible-same-person", "warning")
    assert f["people"] == [_ref(a, way, "a"), _ref(b, way, "b")]
    assert f["body"] is None
    assert f["line"] == line_b  # the later of the two names
    assert f"line {line_a}" in f["message"] and f"line {line_b}" in f["message"]
    assert "people[]" in f["hint"]
    assert check_d204(tmp_path, text, "--fail-on", "warning")[0] == 1


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("a", "b"), MUST_NOT_PAIR)
def test_must_not_pair_variants_are_not_reported(
    tmp_path: Path, a: str, b: str, way: str
) -> None:
    text, _, line_b = membership(a, b, way)
    code, findings = check_d204(tmp_path, text)
    if way == "registry" and normalise_name(a) == normalise_name(b):
        # Two people[] entries whose names normalise alike stay two people, and D204 asks
        # (membership-format.md, Identity); inline they are simply one person.
        assert [(f["people"], f["line"]) for f in findings] == [
            (["person-a", "person-b"], line_b)
        ]
    else:
        assert findings == []
    assert code == 0


def test_not_same_as_silences_a_must_pair(tmp_path: Path) -> None:
    text, _, _ = membership("Jon Pryce", "John Pryce", "registry")
    text = text.replace("  - id: person-b\n", "  - id: person-b\n    not_same_as: [person-a]\n")
    assert check_d204(tmp_path, text)[1] == []


def test_three_variants_give_three_pairs_each_once(tmp_path: Path) -> None:
    text = (
        "version: 1\nsystem: {name: Test ICS}\nbodies:\n"
        "  icb:\n    type: icb\n    members:\n      - name: Jon Pryce\n"
        "      - name: John Pryce\n"
        "  icp:\n    type: icp\n    members:\n      - name: Jonathan Pryce\n"
        "      - name: Dr John Pryce\n"  # equal to John Pryce after normalisation: one person
    )
    _, findings = check_d204(tmp_path, text)
    pairs = [tuple(f["people"]) for f in findings]
    assert sorted(pairs) == sorted(
        [
            ("jon pryce", "john pryce"),
            ("jon pryce", "jonathan pryce"),
            ("john pryce", "jonathan pryce"),
        ]
    )
