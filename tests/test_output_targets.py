"""What `-o PATH` may write to (issue 11, data loss): a regular file or a new name, or `-`
for stdout; never a device, a FIFO, a folder or a dangling symbolic link, --force or not."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli import output
from icp_cli.cli import app
from icp_cli.load.errors import UsageError
from icp_cli.resources import sample_paths

runner = CliRunner()
DRAFT = str(sample_paths()["first-draft"])
NORTHSHIRE = str(sample_paths()["northshire"])

# Every command that writes with -o, with arguments that succeed.
WRITERS: dict[str, list[str]] = {
    "check": ["check", NORTHSHIRE, "-f", "json"],
    "overlap": ["overlap", DRAFT],
    "terms-of-reference": ["terms-of-reference", DRAFT, "--body", "icp"],
    "export": ["export", DRAFT, "-f", "csv"],
    "schema": ["schema"],
}


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("command", list(WRITERS))
def test_fifo_is_refused(tmp_path: Path, command: str, force: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _out, err = _run(*WRITERS[command], "-o", str(fifo), *(["--force"] if force else []))
    assert code == 2
    assert "pipe: is a FIFO (named pipe), not a regular file; not written" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", list(WRITERS))
def test_device_is_refused_even_with_force(command: str) -> None:
    before = os.stat("/dev/null")
    code, _out, err = _run(*WRITERS[command], "-o", "/dev/null", "--force")
    assert code == 2
    assert "/dev/null: is a character device, not a regular file; not written" in err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.parametrize("force", [False, True])
def test_dangling_symlink_is_refused(tmp_path: Path, force: bool) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "elsewhere" / "missing.json")
    code, _out, err = _run(*WRITERS["check"], "-o", str(link), *(["--force"] if force else []))
    assert code == 2
    assert "is a symbolic link to a file that does not exist; not written" in err
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_symlink_to_a_file_is_written_through_with_force(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _out, err = _run(*WRITERS["check"], "-o", str(link))
    assert code == 2 and "already exists" in err
    assert real.read_text() == "old"
    code, _out, err = _run(*WRITERS["check"], "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink(), "the link is kept"
    assert json.loads(real.read_text())["version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


@pytest.mark.parametrize("force", [False, True])
def test_folder_is_refused(tmp_path: Path, force: bool) -> None:
    code, _out, err = _run(*WRITERS["check"], "-o", str(tmp_path), *(["--force"] * force))
    assert code == 2
    assert "is a folder" in err


def test_a_long_legal_name_can_be_written(tmp_path: Path) -> None:
    name = "r" * 250 + ".json"  # 255 bytes: the longest name most file systems allow
    code, _out, err = _run(*WRITERS["check"], "-o", str(tmp_path / name))
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]
    code, _out, err = _run(*WRITERS["check"], "-o", str(tmp_path / name), "--force")
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("command", list(WRITERS))
def test_dash_is_stdout(tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(*WRITERS[command], "-o", "-")
    assert code == 0, err
    assert out.strip()
    assert list(tmp_path.iterdir()) == [], "no file named '-'"
    expected = _run(*WRITERS[command])[1]
    assert out == expected


def test_word_document_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["terms-of-reference", DRAFT, "--body", "icp", "-f", "docx",
                                 "-o", "-"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")  # a zip: the .docx itself
    assert list(tmp_path.iterdir()) == []


def test_import_and_init_refuse_devices(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(_run("export", DRAFT, "-f", "csv")[1], encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (
        ["import", str(table), "-o", str(fifo), "--force", "--system", "X"],
        ["import", str(table), "-o", "/dev/null", "--force", "--system", "X"],
        ["init", str(fifo), "--force", "--system", "X ICS", "--council", "Y"],
        ["init", "/dev/null", "--force", "--system", "X ICS", "--council", "Y"],
    ):
        code, _out, err = _run(*args)
        assert code == 2, args
        assert "not a regular file; not written" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# -- write_atomic itself ----------------------------------------------------------------------


def test_write_atomic_refuses_what_check_writable_refuses(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    for target in (fifo, dangling, tmp_path, Path("/dev/null")):
        for force in (False, True):
            with pytest.raises(UsageError):
                output.write_atomic(target, "x", force=force)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "fifo"]


def test_temporary_name_is_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(output.os, "replace", spy)
    output.write_atomic(tmp_path / ("x" * 255), "data", force=False)
    (name,) = seen
    assert name.startswith(".icp-") and name.endswith(".tmp") and len(name) < 32
    assert (tmp_path / ("x" * 255)).read_text() == "data"


def test_empty_output_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="empty file name"):
        output.check_writable("", force=True)
