"""`icp check` of many files on several cores (icp_cli/check/batch.py): the same report as on
one, in the same order; only where it pays and is safe; a dead worker does not lose a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import as_of_args
from typer.testing import CliRunner

from icp_cli.check import batch
from icp_cli.check.engine import CheckOptions, check_path
from icp_cli.cli import app
from icp_cli.load.limits import DEFAULT_LIMITS
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every sample twice, plus a broken file and a missing-member file, in one folder."""
    for name, path in SAMPLES.items():
        shutil.copy(path, tmp_path / f"{name}.yaml")
        shutil.copy(path, tmp_path / f"{name}-copy.yaml")
    (tmp_path / "broken.yaml").write_text("version: 1\nsystem: [\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    return tmp_path


@linux_only
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown", "github"])
def test_two_processes_write_what_one_does(folder: Path, fmt: str) -> None:
    one = runner.invoke(app, ["check", str(folder), "-j", "1", "-f", fmt, *as_of_args()])
    two = runner.invoke(app, ["check", str(folder), "-j", "2", "-f", fmt, *as_of_args()])
    assert one.exit_code == two.exit_code == 2  # broken.yaml is an input error
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr


@linux_only
def test_results_come_back_in_the_order_of_the_files(folder: Path) -> None:
    files = sorted(folder.iterdir())
    serial = [check_path(p) for p in files]
    parallel = batch.check_paths(files, CheckOptions(), DEFAULT_LIMITS, jobs=3)
    assert parallel == serial


def test_one_process_unless_it_pays(tmp_path: Path) -> None:
    small = [SAMPLES["northshire"], SAMPLES["greater-wessex"]]
    assert batch.jobs_for(small, None) == 1  # a few small files: forking costs more
    assert batch.jobs_for(small, 1) == 1
    assert batch.jobs_for([SAMPLES["northshire"]], 8) == 1  # one file
    assert batch.jobs_for([Path("-"), SAMPLES["northshire"]], 2) == 1  # stdin is read here
    if sys.platform == "linux":
        assert batch.jobs_for(small, 8) == 2  # asked: at most one per file
        big = tmp_path / "big.yaml"
        big.write_bytes(b"#" * batch.AUTO_BYTES)
        expected = min(batch.cores(), 2)
        assert batch.jobs_for([big, SAMPLES["northshire"]], None) == expected
        assert batch.jobs_for([big, SAMPLES["northshire"]], 0) == expected


def test_jobs_must_be_a_count() -> None:
    result = runner.invoke(app, ["check", "-j", "-1", str(SAMPLES["northshire"])])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@linux_only
def test_a_worker_that_dies_does_not_lose_its_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(folder.iterdir())
    victim = files[3]
    parent = os.getpid()
    real = batch.check_path

    def dies_in_a_worker(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == victim and os.getpid() != parent:
            os._exit(9)  # as if killed, out of memory
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "check_path", dies_in_a_worker)
    results = batch.check_paths(files, CheckOptions(), DEFAULT_LIMITS, jobs=2)
    assert [r.path for r in results] == [str(p) for p in files]
    assert results == [check_path(p) for p in files]


@linux_only
def test_a_folder_checked_in_parallel_from_the_command_line(folder: Path) -> None:
    """The installed command, not the test runner's process: workers forked from a real
    `icp` print nothing of their own, and the run ends."""
    env = {**os.environ, "NO_COLOR": "1"}
    icp = [sys.executable, "-m", "icp_cli", "check", str(folder), *as_of_args()]
    one = subprocess.run([*icp, "-j", "1"], capture_output=True, text=True, env=env, timeout=120)
    two = subprocess.run([*icp, "-j", "2"], capture_output=True, text=True, env=env, timeout=120)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


@linux_only
def test_no_workers_to_be_had_checks_on_one_core(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some containers have no shared memory for a process pool's locks: the check still
    runs, in the main process."""
    import concurrent.futures

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    files = sorted(folder.iterdir())
    assert batch.check_paths(files, CheckOptions(), DEFAULT_LIMITS, jobs=2) == [
        check_path(p) for p in files
    ]
