"""The terminal and the pipe: rendered Markdown and tables on a terminal, plain text when
piped, NO_COLOR, indentation errors in words, and the way in when there is no file yet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.check.rules.registry import all_rules
from icp_cli.cli import app

runner = CliRunner()
ESCAPE = re.compile(r"\x1b\[")
NORTHSHIRE = "sample_systems/northshire.yaml"
FIRST_DRAFT = "sample_systems/first-draft.yaml"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def terminal(*args: str, width: int = 80, **env: str):  # type: ignore[no-untyped-def]
    """As on a terminal: FORCE_COLOR makes stdout count as one."""
    return runner.invoke(app, list(args), env={"FORCE_COLOR": "1", "COLUMNS": str(width), **env})


def piped(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "", "FORCE_COLOR": ""})


# -- NO_COLOR ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("check", FIRST_DRAFT),
        ("overlap", NORTHSHIRE),
        ("rules",),
        ("explain", "S101"),
    ],
)
def test_no_color_removes_every_style(args: tuple[str, ...]) -> None:
    styled = terminal(*args)
    assert ESCAPE.search(styled.stdout), "the terminal rendering should carry styles"
    plain = terminal(*args, NO_COLOR="1")
    assert plain.exit_code == styled.exit_code
    assert not ESCAPE.search(plain.stdout), plain.stdout[:400]


# -- explain and rules ---------------------------------------------------------------------


def test_explain_on_a_terminal_is_rendered_and_wrapped_at_word_boundaries() -> None:
    result = terminal("explain", "S101", width=50, NO_COLOR="1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= 50 for line in lines)
    assert "**Severity:**" not in result.stdout and "## " not in result.stdout
    assert "Severity: warning" in result.stdout
    # No word is cut: every word of the page's prose is a whole word on the terminal.
    shown = {w.strip("`*,.;:()\"'") for w in result.stdout.split()}
    source = piped("explain", "S101").stdout
    prose = source[source.index("## What it checks") : source.index("## How to fix")]
    for word in prose.split():
        word = word.strip("`*,.;:()\"'#")
        if word and word not in ("What", "it", "checks", "Why", "matters"):
            assert word in shown, word


def test_explain_piped_is_the_markdown_page() -> None:
    result = piped("explain", "S101")
    assert result.stdout.startswith("# S101 icp-too-large\n\n**Severity:** warning")
    assert Path("docs/rules/S101.md").read_text(encoding="utf-8").endswith(result.stdout)


def test_rules_on_a_terminal_wrap_inside_their_column() -> None:
    result = terminal("rules", width=90, NO_COLOR="1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= 90 for line in lines)
    summary_at = lines[0].index("summary")
    continuation = [line for line in lines[2:] if line.strip() and not line[:4].strip()]
    assert continuation, "some summaries should wrap at 90 columns"
    # A wrapped summary goes on under the summary column, never back at column 0.
    assert all(len(line) - len(line.lstrip()) >= summary_at for line in continuation)
    for rule in all_rules():
        assert rule.code in result.stdout


def test_rules_piped_are_one_line_each() -> None:
    lines = piped("rules").stdout.splitlines()
    assert len(lines) == len(all_rules()) + 1


# -- no file yet ---------------------------------------------------------------------------


def test_check_with_no_file_here_suggests_init(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = piped("check")
    assert result.exit_code == 2
    assert result.stderr == (
        "membership.yaml: no such file\n"
        "  hint: no membership file here: give a file's path, or start one with 'icp init'\n"
    )


# -- indentation ---------------------------------------------------------------------------

HEAD = "system:\n  name: X\nbodies:\n  icp:\n    type: icp\n    members:\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "      - name: A\n     organisation: B\n",
            "8:6: the indentation is wrong: 'organisation' is indented 5 spaces, which lines "
            "up with no key above it; the keys under 'members' (line 6) are indented 8 spaces",
        ),
        (
            HEAD + "      - name: A\n          organisation: B\n",
            "8:11: the indentation is wrong: 'organisation' is indented further than 'name' on "
            "line 7, as if it belonged under it, but 'name' already has a value",
        ),
        (
            "system:\n  name: X\n population: 5\nbodies: {}\n",
            "3:2: the indentation is wrong: 'population' is indented 1 space, which lines up "
            "with no key above it; the keys under 'system' (line 1) are indented 2 spaces",
        ),
        (
            HEAD + "      - name: A\n     - name: B\n",
            "8:6: the indentation is wrong: this '-' item is indented 5 spaces, but the items "
            "of 'members' (line 6) are indented 6",
        ),
    ],
)
def test_indentation_errors_in_words(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = piped("check", str(path))
    assert result.exit_code == 2
    first, hint = result.stderr.splitlines()[:2]
    assert first == f"{path}:{expected}"
    assert hint.startswith("  hint: indent ")
    assert "did not find expected" not in result.stderr


# -- overlap ---------------------------------------------------------------------------------


def test_overlap_shows_a_chair_who_holds_no_seat() -> None:
    text = piped("overlap", FIRST_DRAFT).stdout
    assert (
        "Chairs who hold no seat on the body they chair (C603):\n"
        "  icb-finance: Brian Caddick (sits on icb, icp)\n"
    ) in text
    doc = json.loads(piped("overlap", FIRST_DRAFT, "--format", "json").stdout)
    assert doc["chairs_without_seat"] == [
        {"body": "icb-finance", "name": "Brian Caddick", "person": "brian-caddick",
         "bodies": ["icb", "icp"]}
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_overlap_speaks_plainly(fmt: str) -> None:
    text = piped("overlap", NORTHSHIRE, "--format", fmt).stdout
    assert "Jaccard" not in text and "Of all" in text
    doc = json.loads(piped("overlap", NORTHSHIRE, "--format", "json").stdout)
    assert {"share_of_smaller", "jaccard"} <= set(doc["pairs"][0])  # JSON keys stay
