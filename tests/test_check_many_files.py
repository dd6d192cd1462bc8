"""`icp check` over several files: the per-file summary table, and a progress bar that only a
person at a terminal sees."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from golden import assert_golden
from helpers import as_of_args
from rich.console import Console
from typer.testing import CliRunner

from icp_cli.check.engine import check_path
from icp_cli.check.findings import FileResult
from icp_cli.cli import app
from icp_cli.render import progress
from icp_cli.render.check import file_table
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
PROJECT = SAMPLES["northshire"].parent.parent


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("markdown", "md")])
def test_a_folder_ends_with_a_table_of_its_files(fmt: str, ext: str) -> None:
    result = invoke("check", "sample_systems", "--format", fmt, *as_of_args())
    assert result.exit_code == 1, result.stderr
    assert_golden(f"check-samples-folder.{ext}", result.stdout)


def test_one_file_has_no_table() -> None:
    result = invoke("check", "sample_systems/northshire.yaml")
    assert "files:" not in result.stdout
    assert "0 errors, 0 warnings, 0 infos in 1 file checked." in result.stdout


def test_json_is_unchanged_by_the_table() -> None:
    result = invoke("check", "sample_systems", "--format", "json")
    assert "could not be read" not in result.stdout
    assert '"files"' in result.stdout and "files:" not in result.stdout


def test_an_unreadable_file_has_its_row(tmp_path: Path) -> None:
    shutil.copy(SAMPLES["northshire"], tmp_path / "a-clean.yaml")
    (tmp_path / "b-broken.yaml").write_text("system: [unclosed\n", encoding="utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    rows = [line.split() for line in result.stdout.splitlines() if "b-broken.yaml" in line]
    broken = str(tmp_path / "b-broken.yaml")
    assert rows == [[broken, "could", "not", "be", "read", "-", "-", "-"]]
    assert "b-broken.yaml:2:1: invalid YAML" in result.stderr  # the input error, as ever


def test_the_terminal_table_shows_user_text_literally() -> None:
    results = [
        FileResult(path="[bold]a.yaml", system="[red]Odd ICS[/red]"),
        FileResult(path="b.yaml", system="Plain ICS"),
    ]
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True)
    console.print(file_table.styled(results))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[bold]a.yaml" in shown and "[red]Odd ICS[/red]" in shown


def test_no_progress_output_when_stderr_is_piped() -> None:
    """A pipe or a CI log gets the report and nothing else: no bar, no escape codes."""
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    done = subprocess.run(
        [sys.executable, "-m", "icp_cli", "check", "sample_systems"],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert "\x1b" not in done.stdout
    assert done.stdout.rstrip().endswith(f"in {len(SAMPLES)} files checked.")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_wanted_only_for_several_files_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.wanted(5)  # a pipe
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert progress.wanted(2)
    assert not progress.wanted(1)
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(5)


def test_progress_on_a_terminal_checks_every_file_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.delenv("TERM", raising=False)
    files = sorted(SAMPLES.values())
    seen = list(progress.track(files))
    assert seen == files
    assert "checking" in screen.getvalue()  # it was drawn, on stderr
    results = [check_path(p) for p in progress.track(files)]
    assert [r.path for r in results] == [str(p) for p in files]
