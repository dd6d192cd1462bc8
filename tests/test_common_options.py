"""cli.md's common options on `check` (and `-` on the other commands): standard input,
`--fail-on never`, `-q`, `--statistics`, configuration discovery with `--no-config`, and
`# icp: ignore[...]` suppression with `--show-suppressed`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.discovery import find_config, start_folder
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
FIRST_DRAFT = SAMPLES["first-draft"]

# S101 points at line 7 (the ICP's members), S103 at line 14 (the panel's members).
MEMBERSHIP = """\
system:
  name: Test ICS
  local_authorities: [Northshire County Council]
bodies:
  icp:
    type: icp
    members:
      - {name: Cllr Ann Lee, organisation: Northshire County Council, seat: councillor}
      - {name: Sam Hughes, organisation: NHS Test ICB, sector: icb}
      - {name: Rosa Patel, sector: healthwatch, seat: healthwatch}
      - {name: Tom Hall, sector: vcse, seat: vcse}
  panel:
    type: committee
    members:
      - {name: Jo Bloggs, sector: vcse}
      - {name: Ann Other, sector: housing}
policy:
  max_members: {icp: 3, committee: 1}
"""


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, env={"NO_COLOR": "1"})


def with_line(text: str, number: int, new: str) -> str:
    lines = text.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


def insert_line(text: str, before: int, new: str) -> str:
    lines = text.splitlines()
    lines.insert(before - 1, new)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- standard input


def test_check_reads_standard_input_and_names_it_stdin() -> None:
    result = invoke("check", "-", "--select", "S", input=MEMBERSHIP)
    assert result.exit_code == 0
    assert "<stdin>:7:5: warning S101 icp-too-large: The ICP has 4 members" in result.stdout
    assert "<stdin>:14:5: warning S103 body-too-large" in result.stdout


def test_check_stdin_json_path_and_input_error_positions() -> None:
    result = invoke("check", "-", "--select", "S", "--format", "json", input=MEMBERSHIP)
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "<stdin>"
    broken = MEMBERSHIP.replace("    type: committee", "    type: comittee")
    result = invoke("check", "-", "--format", "json", input=broken)
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["path"], error["line"], error["column"]) == ("<stdin>", 13, 11)
    assert result.stderr.startswith("<stdin>:13:11: ")


def test_stdin_read_is_bounded_by_max_bytes() -> None:
    result = invoke("check", "-", "--max-bytes", "100", input=MEMBERSHIP)
    assert result.exit_code == 2
    assert "<stdin>: more than 100 bytes read; the limit is 100" in result.stderr
    assert "--max-bytes" in result.stderr


def test_stdin_bounded_in_a_real_pipe() -> None:
    # A stream far longer than the limit: refused after reading just past the limit.
    run = subprocess.run(
        [sys.executable, "-m", "icp_cli", "check", "-", "--max-bytes", "1K"],
        input=b"# padding\n" * 500_000,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert b"<stdin>: more than 1,024 bytes read; the limit is 1,024" in run.stderr


def test_stdin_given_twice_is_a_usage_error() -> None:
    result = invoke("check", "-", "-", input=MEMBERSHIP)
    assert result.exit_code == 2
    assert "- (standard input) is given more than once" in result.stderr


def test_stdin_mixed_with_files() -> None:
    result = invoke("check", "-", str(FIRST_DRAFT), "--select", "S101", input=MEMBERSHIP)
    assert result.exit_code == 0
    assert "<stdin>:7:5:" in result.stdout and "first-draft.yaml:" in result.stdout
    assert "in 2 files checked" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["overlap", "-"], "<stdin>: 2 bodies, 6 people"),
        (["overlap", "-", "--format", "json"], '"path": "<stdin>"'),
        (["terms-of-reference", "-"], "the membership file \\<stdin\\>"),
        (["export", "-", "--format", "csv"], "icp,icp,"),
        (["report", "-"], "&lt;stdin&gt;"),
    ],
)
def test_other_commands_read_standard_input(args: list[str], expected: str) -> None:
    result = invoke(*args, input=MEMBERSHIP)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout


def test_other_commands_name_stdin_in_input_errors() -> None:
    result = invoke("overlap", "-", input="system: [\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:")


# ---------------------------------------------------------------- --fail-on never


def test_fail_on_never_exits_0_whatever_is_found() -> None:
    assert invoke("check", str(FIRST_DRAFT)).exit_code == 1
    result = invoke("check", str(FIRST_DRAFT), "--fail-on", "never")
    assert result.exit_code == 0
    assert "4 errors" in result.stdout


def test_fail_on_never_still_exits_2_on_input_errors() -> None:
    result = invoke("check", "-", "--fail-on", "never", input="system: [\n")
    assert result.exit_code == 2
    assert invoke("check", "missing.yaml", "--fail-on", "never").exit_code == 2


def test_fail_on_never_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "membership.yaml").write_text(FIRST_DRAFT.read_text("utf-8"), "utf-8")
    (tmp_path / "icp.toml").write_text('fail-on = "never"\n', "utf-8")
    assert invoke("check", str(tmp_path / "membership.yaml")).exit_code == 0


# ---------------------------------------------------------------- -q, --statistics


def findings() -> list[dict]:  # type: ignore[type-arg]
    doc = json.loads(invoke("check", str(FIRST_DRAFT), "-f", "json").stdout)
    return doc["files"][0]["findings"]  # type: ignore[no-any-return]


def test_quiet_prints_findings_only() -> None:
    result = invoke("check", str(FIRST_DRAFT), "-q")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{FIRST_DRAFT}:58:7: error R301 icp-missing-council: ")
    assert all(line.startswith((f"{FIRST_DRAFT}:", "  hint: ")) for line in lines)
    assert sum(1 for line in lines if not line.startswith("  hint: ")) == len(findings())
    assert "notes" not in result.stdout and "healthwach" not in result.stdout
    assert "checked" not in result.stdout


def test_quiet_with_no_findings_prints_nothing() -> None:
    result = invoke("check", str(SAMPLES["northshire"]), "--quiet")
    assert (result.exit_code, result.stdout) == (0, "")


def test_quiet_markdown_has_no_notes_or_summary() -> None:
    result = invoke("check", str(FIRST_DRAFT), "-q", "--format", "markdown")
    assert "| error | R301 | icp-missing-council | 58:7 |" in result.stdout
    assert "**Notes**" not in result.stdout and "**Summary:**" not in result.stdout


def test_statistics_one_line_per_code_most_frequent_first() -> None:
    result = invoke("check", str(FIRST_DRAFT), "--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["C604", "icb-chair-independence", "warning", "2"]
    assert lines[1].split() == ["D204", "possible-same-person", "warning", "2"]
    assert lines[2].split() == ["G702", "representative-role", "info", "2"]
    assert lines[3].split() == ["B501", "nhs-majority", "info", "1"]
    assert lines[-1].endswith(" in 1 file checked.")
    assert "R301 icp-missing-council:" not in result.stdout  # no findings themselves
    table = lines[: lines.index("")]
    assert len(table) == len({f["code"] for f in findings()})
    counts = [int(line.split()[-1]) for line in table]
    assert counts == sorted(counts, reverse=True) and sum(counts) == len(findings())


def test_statistics_in_markdown_and_json() -> None:
    md = invoke("check", str(FIRST_DRAFT), "--statistics", "--format", "markdown").stdout
    assert "| C604 | icb-chair-independence | warning | 2 |" in md
    assert "| R301 | icp-missing-council | error | 1 |" in md
    assert "The ICP 'icp' has no member" not in md
    doc = json.loads(invoke("check", str(FIRST_DRAFT), "--statistics", "-f", "json").stdout)
    assert list(doc["statistics"].items())[:2] == [("C604", 2), ("D204", 2)]
    assert sum(doc["statistics"].values()) == len(doc["files"][0]["findings"])
    plain = json.loads(invoke("check", str(FIRST_DRAFT), "-f", "json").stdout)
    assert "statistics" not in plain


# ---------------------------------------------------------------- configuration discovery


def test_discovery_from_the_files_folder_not_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project" / "drafts"
    project.mkdir(parents=True)
    (project / "membership.yaml").write_text(MEMBERSHIP, "utf-8")
    (tmp_path / "project" / "icp.toml").write_text('select = ["S103"]\n', "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("check", str(project / "membership.yaml"), "-f", "json")
    assert {f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]} == {"S103"}
    result = invoke("check", str(project / "membership.yaml"), "-f", "json", "--no-config")
    assert len(json.loads(result.stdout)["files"][0]["findings"]) > 1


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "icp.toml").write_text('select = ["S103"]\n', "utf-8")
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    assert find_config(repo / "sub") == (tmp_path / "icp.toml").resolve()
    (repo / ".git").mkdir()
    assert find_config(repo / "sub") is None
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /elsewhere\n", "utf-8")  # a worktree
    assert find_config(repo / "sub") is None
    (repo / ".icp.toml").write_text("", "utf-8")
    assert find_config(repo / "sub") == (repo / ".icp.toml").resolve()


def test_one_folder_icp_toml_wins_over_dot_icp_toml_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.icp]\n", "utf-8")
    assert find_config(tmp_path) == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / ".icp.toml").write_text("", "utf-8")
    assert find_config(tmp_path) == (tmp_path / ".icp.toml").resolve()
    (tmp_path / "icp.toml").write_text("", "utf-8")
    assert find_config(tmp_path) == (tmp_path / "icp.toml").resolve()


def test_pyproject_without_tool_icp_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "icp.toml").write_text("", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert find_config(tmp_path / "sub") == (tmp_path / "icp.toml").resolve()


def test_start_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    assert start_folder([Path("-")]) == tmp_path
    assert start_folder([Path("a")]) == tmp_path / "a"  # a folder: itself
    assert start_folder([Path("a/m.yaml"), Path("-")]) == tmp_path / "a"
    assert start_folder([]) == tmp_path


def test_dot_icp_toml_keys_and_layer_name_in_notes(tmp_path: Path) -> None:
    (tmp_path / "membership.yaml").write_text(MEMBERSHIP, "utf-8")
    (tmp_path / ".icp.toml").write_text("policy.max_members.partnership = 3\n", "utf-8")
    doc = json.loads(invoke("check", str(tmp_path / "membership.yaml"), "-f", "json").stdout)
    assert (
        ".icp.toml max_members.partnership names no body or body type in this file; "
        "it was not used."
        in doc["files"][0]["notes"]
    )


def test_config_and_no_config_together_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "icp.toml").write_text("", "utf-8")
    config = str(tmp_path / "icp.toml")
    result = invoke("check", str(FIRST_DRAFT), "--config", config, "--no-config")
    assert result.exit_code == 2
    assert "--config and --no-config" in result.stderr


def test_no_config_ignores_a_broken_configuration(tmp_path: Path) -> None:
    (tmp_path / "membership.yaml").write_text(MEMBERSHIP, "utf-8")
    (tmp_path / "icp.toml").write_text("selct = 1\n", "utf-8")
    target = str(tmp_path / "membership.yaml")
    assert invoke("check", target).exit_code == 2
    assert invoke("check", target, "--no-config").exit_code == 0


# ---------------------------------------------------------------- suppression


def check_json(text: str, *args: str) -> dict:  # type: ignore[type-arg]
    result = invoke("check", "-", "--select", "S", "-f", "json", *args, input=text)
    assert result.exit_code in (0, 1), result.stderr
    (file,) = json.loads(result.stdout)["files"]
    return file  # type: ignore[no-any-return]


def test_a_trailing_comment_suppresses_on_its_line() -> None:
    text = with_line(MEMBERSHIP, 7, "    members:   # icp: ignore[S101]")
    result = invoke("check", "-", "--select", "S", input=text)
    assert "S101" not in result.stdout and "S103" in result.stdout
    assert result.stdout.endswith(
        "0 errors, 1 warning, 0 infos in 1 file checked; 1 suppressed.\n"
    )
    file = check_json(text)
    assert [f["code"] for f in file["findings"]] == ["S103"]
    assert file["suppressed"] == 1


def test_a_comment_line_above_suppresses_the_next_line_with_prefixes() -> None:
    text = insert_line(MEMBERSHIP, 14, "    # agreed locally; icp: ignore[s1, V]")
    file = check_json(text)
    assert [f["code"] for f in file["findings"]] == ["S101"]
    assert file["suppressed"] == 1


def test_a_trailing_comment_on_the_line_above_does_not_reach_down() -> None:
    text = with_line(MEMBERSHIP, 13, "    type: committee  # icp: ignore[S103]")
    assert [f["code"] for f in check_json(text)["findings"]] == ["S101", "S103"]


def test_the_words_inside_a_quoted_string_are_not_a_comment() -> None:
    text = with_line(
        MEMBERSHIP, 14, "    members: [{name: \"Jo # icp: ignore[S103]\", sector: vcse},"
    )
    text = with_line(text, 15, "      {name: 'Ann # icp: ignore[S103]', sector: housing}]")
    text = with_line(text, 16, "")
    file = check_json(text)
    assert [f["code"] for f in file["findings"]] == ["S101", "S103"]
    assert "suppressed" not in file


def test_unknown_codes_and_empty_directives_are_notes() -> None:
    text = with_line(MEMBERSHIP, 7, "    members:   # icp: ignore[S101, X999]")
    text = with_line(text, 14, "    members:   # icp: ignore")
    file = check_json(text)
    assert [f["code"] for f in file["findings"]] == ["S103"]
    assert file["notes"][1:] == [
        "line 7: 'X999' in an icp: ignore comment is not a rule code or prefix; it "
        "suppresses nothing (see 'icp rules')",
        "line 14: the icp: ignore comment names no rule codes; nothing is suppressed "
        "(write # icp: ignore[CODE, …])",
    ]


def test_show_suppressed_lists_them_marked() -> None:
    text = with_line(MEMBERSHIP, 7, "    members:   # icp: ignore[S101]")
    result = invoke("check", "-", "--select", "S", "--show-suppressed", input=text)
    assert (
        "    <stdin>:7:5: warning S101 icp-too-large: The ICP has 4 members; the limit is 3. "
        "[suppressed]" in result.stdout
    )
    assert result.exit_code == 0
    quiet = invoke("check", "-", "--select", "S", "-q", "--show-suppressed", input=text)
    assert quiet.stdout.splitlines()[-1].endswith("[suppressed]")
    md = invoke("check", "-", "--select", "S", "--show-suppressed", "-f", "markdown", input=text)
    assert "**Suppressed**" in md.stdout and "| warning | S101 | icp-too-large | 7:5 |" in md.stdout
    assert "**Summary:** 0 errors, 1 warning, 0 infos in 1 file checked; 1 suppressed." in md.stdout
    file = check_json(text, "--show-suppressed")
    assert [f["code"] for f in file["suppressed_findings"]] == ["S101"]
    assert "suppressed_findings" not in check_json(text)


def test_suppressed_findings_do_not_fail_the_run() -> None:
    text = with_line(MEMBERSHIP, 7, "    members:   # icp: ignore[S101]")
    text = insert_line(text, 14, "    # icp: ignore[S103]")
    result = invoke("check", "-", "--select", "S", "--fail-on", "warning", input=text)
    assert result.exit_code == 0
    assert "2 suppressed" in result.stdout
    stats = invoke("check", "-", "--select", "S", "--statistics", input=text)
    assert stats.stdout.startswith("no findings\n")


def test_sarif_with_show_suppressed_marks_them_in_source() -> None:
    text = with_line(MEMBERSHIP, 7, "    members:   # icp: ignore[S101]")
    result = invoke("check", "-", "--select", "S", "-f", "sarif", "--show-suppressed", input=text)
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r.get("suppressions")) for r in results] == [
        ("S103", None),
        ("S101", [{"kind": "inSource"}]),
    ]
    plain = invoke("check", "-", "--select", "S", "-f", "sarif", input=text)
    assert [r["ruleId"] for r in json.loads(plain.stdout)["runs"][0]["results"]] == ["S103"]


def test_other_commands_bound_stdin_by_icp_max_bytes() -> None:
    result = runner.invoke(
        app, ["overlap", "-"], input=MEMBERSHIP, env={"NO_COLOR": "1", "ICP_MAX_BYTES": "100"}
    )
    assert result.exit_code == 2
    assert "<stdin>: more than 100 bytes read; the limit is 100" in result.stderr
