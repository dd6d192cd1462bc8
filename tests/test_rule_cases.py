"""Rule cases as data: tests/rules/<CODE>.yaml holds the named cases of one rule.

    rule: R310
    cases:
      fires-vacant-seat:               # the case's name (test id R310/fires-vacant-seat)
        description: what it shows     # optional, free text
        regime: health-bill-2026       # optional: the run's --regime
        policy: [KEY=VALUE, ...]       # optional: --policy layers of the run
        as_of: 2026-12-05              # optional: the run's --as-of (G706/G707); default today
        notes: [TEXT, ...]             # optional: for each TEXT, some note of the run contains it
        membership: |                  # the membership file; positions count from its first line
          system: ...
        findings:                      # every finding of the rule, in any order; [] = must not fire
          - {code: R310, line: 3, column: 25, message: "TEXT", hint: "TEXT"}

`message`/`hint` are optional: that finding's message (hint) contains the text. Only the
file's rule runs. The cases were converted from one-file-per-case fixtures by
tests/rules/convert.py (kept for the record).
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from helpers import check_text, note_texts
from ruamel.yaml import YAML

from icp_cli.check.rules.registry import all_rules

CASES = Path(__file__).parent / "rules"
# The one-file-per-case fixtures these cases replaced numbered 419; none may be lost.
CONVERTED_FIXTURES = 419
_CASE_KEYS = {"description", "regime", "policy", "as_of", "notes", "membership", "findings"}
_FINDING_KEYS = {"code", "line", "column", "message", "hint"}


@cache
def _files() -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(CASES.glob("*.yaml")):
        doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        assert doc["rule"] == path.stem, f"{path} says rule {doc['rule']}"
        out[path.stem] = doc["cases"]
    return out


def _cases() -> list[tuple[str, str]]:
    return [(code, name) for code, cases in _files().items() for name in cases]


@pytest.mark.parametrize(("code", "name"), _cases(), ids=lambda v: v)
def test_rule_case(code: str, name: str) -> None:
    case = _files()[code][name]
    assert set(case) <= _CASE_KEYS, f"unknown keys {set(case) - _CASE_KEYS}"
    expected = case["findings"]
    for entry in expected:
        assert set(entry) <= _FINDING_KEYS and entry["code"] == code, entry
    as_of = case.get("as_of")
    if isinstance(as_of, str):
        as_of = datetime.date.fromisoformat(as_of)
    result = check_text(
        case["membership"],
        select=(code,),
        policy=tuple(case.get("policy", ())),
        path=f"tests/rules/{code}.yaml",
        as_of=as_of,
        regime=case.get("regime"),
    )
    mine = sorted((f for f in result.findings if f.code == code), key=lambda f: (f.line, f.column))
    want = sorted(expected, key=lambda e: (e["line"], e["column"]))
    assert [(f.line, f.column) for f in mine] == [(e["line"], e["column"]) for e in want], (
        "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    )
    # Findings at one position are told apart by their pinned texts, not by order.
    for entry in want:
        here = [f for f in mine if (f.line, f.column) == (entry["line"], entry["column"])]
        if "message" in entry:
            assert any(entry["message"] in f.message for f in here), [f.message for f in here]
        if "hint" in entry:
            assert any(f.hint and entry["hint"] in f.hint for f in here), [f.hint for f in here]
    for note in case.get("notes", ()):
        assert any(note in n for n in note_texts(result)), note_texts(result)


def test_no_case_was_lost_in_conversion() -> None:
    assert len(_cases()) >= CONVERTED_FIXTURES


def test_every_rule_has_a_firing_and_a_passing_case() -> None:
    files = _files()
    for rule in all_rules():
        assert rule.code in files, f"no tests/rules/{rule.code}.yaml"
        cases = files[rule.code].values()
        assert any(c["findings"] for c in cases), f"{rule.code} has no case where it fires"
        assert any(not c["findings"] for c in cases), f"{rule.code} has no case where it passes"


def test_every_case_file_names_a_registered_rule() -> None:
    codes = {rule.code for rule in all_rules()}
    assert set(_files()) <= codes
