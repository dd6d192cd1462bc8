"""Project configuration: `[tool.icp]` in the nearest pyproject.toml, or `--config FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.config import DISCOVERED_NAME, find_pyproject, load_config
from icp_cli.load.errors import UsageError

runner = CliRunner()

# An ICP of four member seats with its own limit of 3 (S101), and a committee of two.
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
  max_members: {icp: 3}
"""


def check(folder: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "membership.yaml", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    (file,) = json.loads(result.stdout)["files"]
    file["exit_code"] = result.exit_code
    return file  # type: ignore[no-any-return]


def codes(file: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["code"] for f in file["findings"]}


def messages(file: dict, code: str) -> list[str]:  # type: ignore[type-arg]
    return [f["message"] for f in file["findings"] if f["code"] == code]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a membership file, as the current directory."""
    (tmp_path / "membership.yaml").write_text(MEMBERSHIP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text('[project]\nname = "ics"\n\n[tool.icp]\n' + body, encoding="utf-8")
    return path


def test_without_configuration_the_defaults_apply(project: Path) -> None:
    file = check(project)
    assert "V404" in codes(file)
    assert messages(file, "S101") == ["The ICP has 4 members; the limit is 3."]
    assert "S103" not in codes(file)
    assert file["exit_code"] == 0  # warnings and infos only


def test_project_policy_applies_below_the_files_policy(project: Path) -> None:
    # The config's ICP limit (2) loses to the file's own policy (3); its committee limit
    # (the file sets none) applies.
    write_pyproject(project, "policy = {max_members = {icp = 2, committee = 1}}\n")
    file = check(project)
    assert messages(file, "S101") == ["The ICP has 4 members; the limit is 3."]
    assert messages(file, "S103") == ["'panel' has 2 members; the limit is 1."]


def test_project_policy_fills_what_the_file_leaves_unset(project: Path) -> None:
    write_pyproject(project, "[tool.icp.policy]\nmax_nhs_share = 0.2\n")
    assert "B501" in codes(check(project))  # 1 NHS seat of 4 exceeds 0.2
    (project / "pyproject.toml").unlink()
    assert "B501" not in codes(check(project))


def test_command_line_policy_wins_over_file_and_project(project: Path) -> None:
    write_pyproject(project, "policy = {max_members = {icp = 2}}\n")
    file = check(project, "--policy", "max_members.icp=10")
    assert "S101" not in codes(file)


def test_select_ignore_and_fail_on_from_the_project(project: Path) -> None:
    write_pyproject(project, 'select = ["V"]\nignore = "V403,V405"\nfail-on = "warning"\n')
    file = check(project)
    assert codes(file) and all(c.startswith("V") for c in codes(file))
    assert not codes(file) & {"V403", "V405"}
    assert file["exit_code"] == 1  # warnings only, and fail-on is warning


def test_command_line_options_replace_the_projects(project: Path) -> None:
    write_pyproject(project, 'select = ["V"]\nignore = ["V404"]\nfail_on = "info"\n')
    file = check(project, "--select", "S,V404", "--ignore", "S104", "--fail-on", "error")
    assert codes(file) == {"S101", "V404"}
    assert file["exit_code"] == 0


def test_fail_on_from_the_project_changes_the_exit_code(project: Path) -> None:
    write_pyproject(project, 'select = ["V409"]\nfail-on = "info"\n')
    assert check(project)["exit_code"] == 1
    write_pyproject(project, 'select = ["V409"]\n')
    assert check(project)["exit_code"] == 0


def test_nearest_pyproject_with_a_tool_icp_table_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = write_pyproject(tmp_path, 'select = ["S"]\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    # A pyproject.toml without [tool.icp] on the way up is passed over.
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_pyproject(inner) == outer.resolve()
    nearer = write_pyproject(tmp_path / "a", 'select = ["V"]\n')
    assert find_pyproject(inner) == nearer.resolve()
    monkeypatch.chdir(inner)
    config = load_config()
    assert config.select == ("V",)
    assert config.path == nearer.resolve()


def test_the_layer_is_named_after_pyproject(project: Path) -> None:
    write_pyproject(project, "policy.max_members.partnership = 4\n")
    config = load_config()
    assert config.layer is not None
    assert config.layer.name == DISCOVERED_NAME == "pyproject.toml [tool.icp]"
    assert dict(config.layer.max_members) == {"partnership": 4}
    assert (
        "pyproject.toml [tool.icp] max_members.partnership names no body or body type in this "
        "file; it was not used." in check(project)["notes"]
    )


def test_config_option_takes_a_tool_icp_table_or_top_level_keys(project: Path) -> None:
    (project / "settings.toml").write_text('select = ["V404"]\n', encoding="utf-8")
    assert codes(check(project, "--config", "settings.toml")) == {"V404"}
    (project / "other.toml").write_text('[tool.icp]\nselect = ["V405"]\n', encoding="utf-8")
    assert codes(check(project, "--config", "other.toml")) == {"V405"}


def test_config_option_replaces_discovery(project: Path) -> None:
    write_pyproject(project, 'select = ["V404"]\n')
    (project / "settings.toml").write_text('select = ["S101"]\n', encoding="utf-8")
    assert codes(check(project, "--config", "settings.toml")) == {"S101"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selct = ["S"]\n', "unknown key 'selct'"),
        ('fail-on = "warn"\n', "fail-on must be one of error, warning, info, never, not 'warn'"),
        ('fail-on = "info"\nfail_on = "info"\n', "'fail-on' and 'fail_on' are the same setting"),
        ('select = ["S", "X1"]\n', "select: unknown rule code X1"),
        ("ignore = 5\n", "ignore must be a list of rule codes"),
        ("policy = 5\n", "policy must be a table"),
        ("policy = {max_overlap = 2}\n", "policy.max_overlap must be a number between 0 and 1"),
        ("policy = {many_bodies = -1}\n", "policy.many_bodies must be a whole number"),
        ("policy = {many_bodies = true}\n", "policy.many_bodies must be a whole number"),
        ("policy = {max_members = {icp = 2.5}}\n", "policy.max_members.icp must be a whole"),
        ("policy = {max_members = 3}\n", "policy.max_members must be a table"),
        ('policy = {ignore = ["V408"]}\n', "unknown key 'policy.ignore'"),
        ("policy = {max_overlp = 0.2}\n", "unknown key 'policy.max_overlp'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_file_and_key(
    project: Path, body: str, message: str
) -> None:
    path = write_pyproject(project, body)
    result = runner.invoke(app, ["check", "membership.yaml"])
    assert result.exit_code == 2
    assert str(path) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_config_file_and_pyproject_without_table(project: Path) -> None:
    result = runner.invoke(app, ["check", "membership.yaml", "--config", "nope.toml"])
    assert result.exit_code == 2
    assert "nope.toml: no such configuration file" in result.stderr
    (project / "plain.toml").write_text('[tool.ruff]\nline-length = 90\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "membership.yaml", "--config", "plain.toml"])
    assert result.exit_code == 2
    assert "plain.toml: has no [tool.icp] table" in result.stderr


def test_load_config_reports_the_key_in_the_usage_error(project: Path) -> None:
    write_pyproject(project, "policy = {max_nhs_share = 1.5}\n")
    with pytest.raises(UsageError) as caught:
        load_config()
    assert "[tool.icp]: policy.max_nhs_share" in caught.value.message
