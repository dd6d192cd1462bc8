"""`icp check`, `icp rules`, `icp explain` as a user runs them: exit codes, options, output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.check.rules.registry import all_rules
from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
CLEAN = SAMPLES["northshire"]
DRAFT = SAMPLES["first-draft"]
LARGE = SAMPLES["greater-wessex"]


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})


def relative(path: Path) -> str:
    """Sample paths as a user in the project folder would type them."""
    return f"sample_systems/{path.name}"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CLEAN.parent.parent)


def test_clean_sample_passes_with_no_findings() -> None:
    result = invoke("check", relative(CLEAN), "--fail-on", "info")
    assert result.exit_code == 0, result.stdout
    assert "0 errors, 0 warnings, 0 infos in 1 file checked." in result.stdout


def test_first_draft_triggers_many_codes() -> None:
    result = invoke("check", relative(DRAFT), "--format", "json")
    assert result.exit_code == 1
    codes = {f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert len(codes) >= 15, sorted(codes)


def test_large_sample_loads_and_checks() -> None:
    result = invoke("check", relative(LARGE))
    assert result.exit_code in (0, 1), result.stderr


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("markdown", "md")])
@pytest.mark.parametrize("sample", ["first-draft", "northshire", "greater-wessex"])
def test_golden_check_output(sample: str, fmt: str, ext: str) -> None:
    result = invoke("check", relative(SAMPLES[sample]), "--format", fmt)
    assert result.exit_code in (0, 1), result.stderr
    assert_golden(f"check-{sample}.{ext}", result.stdout)


def test_json_shape_matches_contract() -> None:
    doc = json.loads(invoke("check", relative(DRAFT), "--format", "json").stdout)
    assert doc["version"] == 1
    (file,) = doc["files"]
    assert {"path", "system", "findings", "summary"} <= set(file)
    assert set(file["summary"]) == {"error", "warning", "info"}
    for finding in file["findings"]:
        assert set(finding) == {
            "code", "name", "severity", "message", "body", "people", "line", "column", "hint"
        }
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["people"], list)
        assert finding["line"] >= 1 and finding["column"] >= 1
    keys = [(f["line"], f["column"], f["code"]) for f in file["findings"]]
    assert keys == sorted(keys)


def test_fail_on_levels() -> None:
    # The clean sample has no findings at any level.
    assert invoke("check", relative(CLEAN), "--fail-on", "info").exit_code == 0
    draft = json.loads(invoke("check", relative(DRAFT), "--format", "json").stdout)
    severities = {f["severity"] for f in draft["files"][0]["findings"]}
    assert {"error", "warning", "info"} <= severities
    assert invoke("check", relative(DRAFT), "--select", "B501").exit_code == 0
    assert invoke("check", relative(DRAFT), "--select", "B501", "--fail-on", "info").exit_code == 1


def test_select_and_ignore_prefixes() -> None:
    doc = json.loads(invoke("check", relative(DRAFT), "--select", "D2,S", "-f", "json").stdout)
    codes = {f["code"] for f in doc["files"][0]["findings"]}
    assert codes and all(c[0] in "DS" for c in codes)
    doc = json.loads(invoke("check", relative(DRAFT), "--ignore", "D,S", "-f", "json").stdout)
    codes = {f["code"] for f in doc["files"][0]["findings"]}
    assert codes and not any(c[0] in "DS" for c in codes)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_codes_are_usage_errors(option: str) -> None:
    result = invoke("check", relative(CLEAN), option, "S101,Z9")
    assert result.exit_code == 2
    assert "unknown rule code Z9" in result.stderr


def test_policy_option_wins_over_file() -> None:
    base = json.loads(invoke("check", relative(DRAFT), "--select", "S101", "-f", "json").stdout)
    assert base["files"][0]["findings"]
    raised = invoke(
        "check", relative(DRAFT), "--select", "S101", "--policy", "max_members.icp=100",
        "-f", "json",
    )
    assert json.loads(raised.stdout)["files"][0]["findings"] == []


@pytest.mark.parametrize("bad", ["max_members.icp=many", "nonsense=1", "max_overlap=2", "x"])
def test_bad_policy_is_usage_error(bad: str) -> None:
    result = invoke("check", relative(CLEAN), "--policy", bad)
    assert result.exit_code == 2
    assert "--policy" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_option_values_exit_2() -> None:
    assert invoke("check", relative(CLEAN), "--fail-on", "fatal").exit_code == 2
    assert invoke("check", relative(CLEAN), "--format", "xml").exit_code == 2


def test_output_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert invoke("check", relative(DRAFT), "-f", "json", "-o", str(out)).exit_code == 1
    first = out.read_text()
    assert json.loads(first)["files"]
    out.write_text("precious")
    result = invoke("check", relative(DRAFT), "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert out.read_text() == "precious"
    assert invoke("check", relative(DRAFT), "-f", "json", "-o", str(out), "--force").exit_code == 1
    assert out.read_text() == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


def test_folder_checks_every_yaml() -> None:
    result = invoke("check", "sample_systems", "-f", "json")
    doc = json.loads(result.stdout)
    assert sorted(Path(f["path"]).name for f in doc["files"]) == sorted(
        p.name for p in SAMPLES.values()
    )


def test_user_strings_are_shown_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "system: {name: '[bold]Test[/bold] ICS'}\n"
        "bodies:\n"
        "  icp:\n"
        "    type: icp\n"
        "    name: '[red]Partnership[/]'\n"
        "    chair: Chair [Interim]\n"
        "    members: []\n",
        encoding="utf-8",
    )
    for env in ({"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}):
        result = invoke("check", str(path), env=env)
        assert result.exit_code == 1, result.stderr
        assert "[bold]Test[/bold] ICS" in result.stdout
        assert "[red]Partnership[/]" in result.stdout
        assert "Chair [Interim]" in result.stdout


def test_no_color_honoured_on_terminal() -> None:
    result = invoke("check", relative(DRAFT), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in result.stdout
    coloured = invoke("check", relative(DRAFT), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in coloured.stdout


def test_rules_lists_the_catalogue() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    for rule in all_rules():
        assert rule.code in result.stdout and rule.name in result.stdout
    doc = json.loads(invoke("rules", "-f", "json").stdout)
    # Catalogue 1.1: 51 codes.
    assert len(doc["rules"]) == len(all_rules()) == 51


@pytest.mark.parametrize("code", [r.code for r in all_rules()])
def test_explain_every_code(code: str) -> None:
    result = invoke("explain", code)
    assert result.exit_code == 0
    rule = next(r for r in all_rules() if r.code == code)
    assert f"# {code} {rule.name}" in result.stdout
    assert "Source:" in result.stdout
    assert "## How to fix" in result.stdout


def test_explain_by_name_and_unknown() -> None:
    assert invoke("explain", "icp-too-large").exit_code == 0
    assert invoke("explain", "s101").exit_code == 0
    result = invoke("explain", "S1O1")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("icp ")


def test_internal_error_is_a_short_message(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import sys

    from icp_cli import cli
    from icp_cli.check import engine

    def boom(*_a: object, **_k: object) -> None:
        secret = "Dr Jane Okafor"  # noqa: F841 - must never be printed
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "check_membership", boom)
    for argv, shows_trace in ((["icp", "check", str(CLEAN)], False),
                              (["icp", "--debug", "check", str(CLEAN)], True)):
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert ("Traceback" in err) is shows_trace
        assert "Dr Jane Okafor" not in err
        assert "--debug" in err or shows_trace


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text", "markdown"])
def test_input_errors_reach_stderr_in_every_format(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsystem: {name: X}\nbodies:\n  icb: {type: icbb, members: []}\n")
    result = invoke("check", str(bad), "--format", fmt)
    assert result.exit_code == 2
    assert f"{bad}:4:" in result.stderr
    if fmt == "json":
        (error,) = json.loads(result.stdout)["errors"]
        assert (error["path"], error["line"]) == (str(bad), 4)


@pytest.mark.parametrize("value", ["", " , "])
def test_selecting_no_codes_is_a_usage_error(value: str) -> None:
    result = invoke("check", str(DRAFT), "--select", value)
    assert result.exit_code == 2
    assert "--select: no rule codes given" in result.stderr and result.stdout == ""
