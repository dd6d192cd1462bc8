"""Data-driven rule cases: every file under fixtures/rules/<CODE>/ states what it expects.

Header comments of a fixture:
    # expect: LINE:COLUMN      one line per finding of the rule under test (in any order)
    # expect: none             the rule must not fire
    # policy: KEY=VALUE        a --policy layer for the run (repeatable)
    # note: TEXT               a note containing TEXT must appear (repeatable)
    # message: TEXT            some finding of the rule has a message containing TEXT
    # hint: TEXT               some finding of the rule has a hint containing TEXT
    # as-of: YYYY-MM-DD        the as-of date of the run (G706/G707); default today
The rule under test is the folder's name; only it is run.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from helpers import check_text, note_texts

from icp_cli.check.rules.registry import all_rules

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
_KEYS = ("expect", "policy", "note", "message", "hint", "as-of")
_HEADER = re.compile(rf"^#\s*({'|'.join(_KEYS)}):\s*(.*?)\s*$")


def _cases() -> list[Path]:
    return sorted(FIXTURES.glob("*/*.yaml"))


def _header(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {key: [] for key in _KEYS}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            found[match.group(1)].append(match.group(2))
    return found


@pytest.mark.parametrize("path", _cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixture(path: Path) -> None:
    code = path.parent.name
    text = path.read_text(encoding="utf-8")
    header = _header(text)
    assert header["expect"], f"{path} states no '# expect:'"
    expected = sorted(
        tuple(int(x) for x in e.split(":")) for e in header["expect"] if e != "none"
    )
    as_of = datetime.date.fromisoformat(header["as-of"][0]) if header["as-of"] else None
    result = check_text(
        text, select=(code,), policy=tuple(header["policy"]), path=str(path), as_of=as_of
    )
    got = sorted((f.line, f.column) for f in result.findings if f.code == code)
    assert got == expected, "\n".join(
        f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings
    )
    for note in header["note"]:
        assert any(note in n for n in note_texts(result)), note_texts(result)
    mine = [f for f in result.findings if f.code == code]
    for text in header["message"]:
        assert any(text in f.message for f in mine), [f.message for f in mine]
    for text in header["hint"]:
        assert any(f.hint and text in f.hint for f in mine), [f.hint for f in mine]


def test_every_rule_has_a_firing_and_a_passing_fixture() -> None:
    for rule in all_rules():
        folder = FIXTURES / rule.code
        files = [_header(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")]
        fires = [h for h in files if h["expect"] and h["expect"] != ["none"]]
        passes = [h for h in files if h["expect"] == ["none"]]
        assert fires, f"{rule.code} has no fixture where it fires"
        assert passes, f"{rule.code} has no fixture where it must not fire"
