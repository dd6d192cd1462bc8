"""Nothing the user wrote is lost: writes are atomic, refuse to overwrite, and leave the
original untouched when anything fails mid-write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli import output
from icp_cli.cli import app
from icp_cli.load.errors import UsageError
from icp_cli.resources import sample_paths

runner = CliRunner()
DRAFT = sample_paths()["first-draft"]


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_creates_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    output.write_atomic(target, "hello", force=False)
    assert target.read_text() == "hello"
    assert _only(tmp_path) == ["out.txt"]


def test_permissions_follow_umask_and_existing_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        output.write_atomic(fresh, "x", force=False)
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o640)
        output.write_atomic(kept, "new", force=True)
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")
    with pytest.raises(UsageError, match="already exists"):
        output.write_atomic(target, "new", force=False)
    assert target.read_text() == "precious"
    output.write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failure_mid_write_leaves_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "report.md"
    target.write_text("precious")

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Broken:
            def __init__(self, handle: object) -> None:
                self.handle = handle

            def __enter__(self) -> Broken:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> None:
                self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                boom()

        monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Broken(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(output.os, failing, boom)
    with pytest.raises(OSError):
        output.write_atomic(target, "x" * 100_000, force=True)
    assert target.read_text() == "precious"
    assert _only(tmp_path) == ["report.md"], "a temporary file was left behind"


def test_cli_failure_mid_write_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("precious")

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", boom)
    result = runner.invoke(
        app, ["check", str(DRAFT), "-f", "json", "-o", str(target), "--force"]
    )
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text() == "precious"
    assert _only(tmp_path) == ["report.json"]


def test_output_into_missing_folder_is_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(DRAFT), "-o", str(tmp_path / "no" / "r.txt")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
