"""Shell completion: typer's scripts, and the values icp completes (rule codes, samples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()


def complete(words: str, shell: str = "bash") -> list[str]:
    """What the shell would offer after `words` (the last word is being typed)."""
    env = {"_ICP_COMPLETE": f"complete_{shell}", "NO_COLOR": "1"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    result = runner.invoke(app, [], env=env, prog_name="icp")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _icp_completion icp"),
        ("zsh", "compdef _icp_completion icp"),
        ("fish", "complete --command icp"),
        ("powershell", "Register-ArgumentCompleter"),
    ],
)
def test_show_completion_prints_a_script(
    monkeypatch: pytest.MonkeyPatch, shell: str, marker: str
) -> None:
    # Without shell detection (as in a pipe or CI), --show-completion takes the shell's name.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = runner.invoke(app, ["--show-completion", shell], prog_name="icp")
    assert result.exit_code == 0, result.stderr
    assert marker in result.stdout
    assert "_ICP_COMPLETE" in result.stdout


def test_help_lists_the_completion_options() -> None:
    result = runner.invoke(app, ["--help"], env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


def test_commands_complete() -> None:
    assert {"init", "schema", "check", "explain"} <= set(complete("icp "))
    assert "schema" in complete("icp sch")


def test_explain_completes_rule_codes() -> None:
    assert complete("icp explain S10") == ["S101", "S102", "S103", "S104"]
    assert "V409" in complete("icp explain V4")


def test_explain_completes_rule_names_too() -> None:
    assert complete("icp explain icp-") == [
        "icp-missing-council",
        "icp-missing-icb-member",
        "icp-no-councils-listed",
        "icp-too-large",
    ]


def test_zsh_shows_each_codes_name() -> None:
    (script,) = [line for line in complete("icp explain S101", "zsh") if "S101" in line]
    assert '"S101":"icp-too-large"' in script


def test_select_and_ignore_complete_the_last_code_of_a_list() -> None:
    assert complete("icp check --select S101,D20")[:2] == ["S101,D201", "S101,D202"]
    assert "G703" in complete("icp check --ignore G7")


def test_samples_complete() -> None:
    assert complete("icp samples ") == [
        "first-draft", "greater-wessex", "kestrel-vale", "merrow-and-dale", "northshire",
    ]  # fmt: skip


def test_bodies_complete_from_the_file_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(sample_paths()["northshire"].parent)
    assert complete("icp overlap northshire.yaml --bodies icb,h") == [
        "icb,hwb-northshire",
        "icb,hwb-cathersby",
    ]
    monkeypatch.chdir(tmp_path)  # no membership.yaml here: nothing to offer, no error
    assert complete("icp overlap --bodies i") in ([], [""])
