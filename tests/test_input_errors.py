"""Every input error of the spec: its position, message and hint; exit 2; never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load.builder import load_path
from icp_cli.load.errors import InputErrors

FIXTURES = Path(__file__).parent / "fixtures" / "errors"
_EXPECT = re.compile(r"^#\s*error:\s*(\d+):(\d+)\s+(.*?)\s*$")
_HINT = re.compile(r"^#\s*hint:\s*(.*?)\s*$")
runner = CliRunner()


def _expectations(path: Path) -> tuple[list[tuple[int, int, str]], list[str]]:
    errors, hints = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _EXPECT.match(line):
            errors.append((int(m.group(1)), int(m.group(2)), m.group(3)))
        elif m := _HINT.match(line):
            hints.append(m.group(1))
    return errors, hints


CASES = sorted(FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_loader_reports_error_at_position(path: Path) -> None:
    expected, hints = _expectations(path)
    assert expected, f"{path.name} states no '# error:'"
    with pytest.raises(InputErrors) as caught:
        load_path(path)
    got = caught.value.errors
    for line, column, text in expected:
        assert any(
            e.line == line and e.column == column and text in e.message for e in got
        ), f"expected {line}:{column} {text!r}; got " + "; ".join(
            f"{e.line}:{e.column} {e.message}" for e in got
        )
    for hint in hints:
        assert any(e.hint and hint in e.hint for e in got), [e.hint for e in got]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_cli_exits_2_with_path_line_column(path: Path) -> None:
    (line, column, text), *_ = _expectations(path)[0]
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:{line}:{column}: " in result.stderr
    assert text in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("path", CASES[:5], ids=lambda p: p.stem)
def test_cli_json_errors_object(path: Path) -> None:
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["files"] == []
    assert all(set(e) == {"path", "line", "column", "message"} for e in doc["errors"])
    assert doc["errors"][0]["path"] == str(path)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message", "position"),
    [
        ("empty.yaml", b"", "the file is empty", None),
        ("comments.yaml", b"# only a comment\n", "the file is empty", None),
        ("latin1.yaml", b"system:\n  name: Caf\xe9 ICS\n", "not valid UTF-8", (2, 12)),
        ("binary.yaml", b"PK\x03\x04\x00\x00binary", "binary file", (1, 5)),
        (
            "utf16.yaml",
            "system: {name: T}\n".encode("utf-16"),
            "UTF-16, not UTF-8",
            None,
        ),
        ("control.yaml", b"system:\n  name: A\x07B\n", "control character U+0007", (2, 10)),
    ],
)
def test_unreadable_files(
    tmp_path: Path, name: str, data: bytes, message: str, position: tuple[int, int] | None
) -> None:
    path = _write(tmp_path, name, data)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    if position:
        assert f"{path}:{position[0]}:{position[1]}: " in result.stderr
    else:
        assert f"{path}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_bom_is_allowed(tmp_path: Path) -> None:
    text = "system: {name: Test ICS}\nbodies: {}\n"
    path = _write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + text.encode())
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: no such file" in result.stderr
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 2
    assert "no .yaml or .yml files" in result.stderr


def test_default_file_is_membership_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "membership.yaml: no such file" in result.stderr


def test_json_missing_file_has_null_position(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "x.yaml"), "--format", "json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["errors"][0]
    assert error["line"] is None and error["column"] is None


def test_valid_files_still_checked_beside_invalid(tmp_path: Path) -> None:
    good = _write(tmp_path, "a.yaml", b"system: {name: Good ICS}\nbodies: {}\n")
    bad = _write(tmp_path, "b.yaml", b"system: {name: Bad ICS}\n")
    result = runner.invoke(app, ["check", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == [str(good)]
    assert doc["errors"][0]["path"] == str(bad)


def test_alias_bomb_is_cheap(tmp_path: Path) -> None:
    # Nine levels of nine aliases would be 387 million seats if expanded.
    lines = ["system: {name: Test ICS}", "x0: &a0 {name: A}"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"x{level}: &a{level} [{refs}]")
    lines.append("bodies: {icp: {type: icp, members: *a9}}")
    path = _write(tmp_path, "bomb.yaml", "\n".join(lines).encode())
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "aliases expand this part of the file to more than 1,000,000 values" in result.stderr


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.yaml", b"system: " + b"[" * 100_000 + b"]" * 100_000)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "nested more than" in result.stderr
