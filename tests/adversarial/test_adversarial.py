"""Every case of generate.py through the command line, with the checks every case gets:

- the exit code is one the spec allows for it (0, 1 or 2), never a signal;
- no Python traceback and no "internal error";
- no raw control character, line separator or bidirectional override in stdout, stderr
  or a written text output, and stdout is valid UTF-8;
- output-specific escaping where the case carries a payload (Markdown, HTML, CSV,
  GitHub workflow commands, JSON);
- no file lost: every path in the case's folder keeps its kind, and its content unless
  it was the --force'd output;
- time bounded by the tool's own --timeout (and a backstop on subprocesses).

In-process (CliRunner) where possible; a subprocess, under a memory limit, for the cases
that could crash or exhaust the interpreter.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
import generate

from icp_cli.cli import app

CASES = generate.cases()
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MEMORY = 2 * 1024**3
BACKSTOP = 120  # seconds; the cases' own --timeout is 30


def _params() -> list[object]:
    # Every case must pass: none is marked as expected to fail.
    return [pytest.param(case, id=case.id) for case in CASES]


def test_the_suite_is_large_and_covers_every_class() -> None:
    classes = {c.cls for c in CASES}
    assert len(CASES) >= 300
    assert classes == {"crash", "runaway", "injection", "data-loss", "smaller"}


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    found: dict[str, tuple[int, bytes | None]] = {}
    for root, dirs, files in os.walk(os.fsencode(folder)):
        for name in dirs + files:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            kind = stat.S_IFMT(mode)
            data = None
            if stat.S_ISREG(mode):
                with open(path, "rb") as handle:
                    data = handle.read()
            found[os.fsdecode(os.path.relpath(path, os.fsencode(folder)))] = (kind, data)
    return found


def _run(case: generate.Case, argv: list[str], folder: Path) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "NO_COLOR": "1", "ICP_TIMEOUT": ""}
    if case.subprocess:
        import resource

        def cap() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

        done = subprocess.run(
            [sys.executable, "-m", "icp_cli", *argv],
            input=case.stdin or b"",
            capture_output=True,
            timeout=BACKSTOP,
            preexec_fn=cap,
            env=env,
            cwd=folder,
        )
        return done.returncode, done.stdout, done.stderr
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, argv, input=case.stdin, env={"NO_COLOR": "1"})
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}")
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


@pytest.mark.parametrize("case", _params())
def test_case(case: generate.Case, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    argv = case.make(folder)
    before = _snapshot(folder)

    code, out_bytes, err_bytes = _run(case, argv, folder)
    out = out_bytes.decode("utf-8")  # must be valid UTF-8: it goes to other programs
    err = err_bytes.decode("utf-8", errors="replace")

    assert code in case.exits, f"exit {code}, expected {sorted(case.exits)}\n{err[-2000:]}"
    for stream in (out, err):
        assert "Traceback" not in stream and "internal error" not in stream, err[-2000:]
    outputs = {"stdout": out, "stderr": err}
    if case.output and case.dest != "docx" and (folder / case.output).is_file():
        written = (folder / case.output).read_bytes().decode("utf-8")
        outputs[case.output] = written.removeprefix("\ufeff")
    for name, text in outputs.items():
        found = RAW_CONTROL.search(text)
        assert found is None, f"raw U+{ord(found.group()):04X} in {name}"
    if case.stderr_has is not None:
        assert case.stderr_has in err + out, err[-2000:]

    _check_destination(case, outputs, folder, code)
    if case.verify is not None:
        problem = case.verify(out)
        assert problem is None, problem
    _check_nothing_lost(case, argv, before, folder)


def _check_destination(
    case: generate.Case, outputs: dict[str, str], folder: Path, code: int
) -> None:
    main = outputs.get(case.output or "", outputs["stdout"])
    for name, text in outputs.items():
        for line in text.split("\n"):
            if not line.startswith("::"):
                continue
            # GitHub reads workflow commands at the start of any line of any step's output:
            # only icp's own annotations, naming the real file, may start one.
            assert case.dest == "github" and name == "stdout", f"workflow command in {name}"
            assert re.match(r"::(error|warning|notice) file=", line), line
            assert str(folder) in line or "%" in line, line
    if code == 2 or case.payload is None:
        if case.dest == "json" and code in (0, 1) and case.output is None:
            json.loads(outputs["stdout"])
        return
    payload = case.payload
    if case.dest == "json":
        json.loads(main)
    elif case.dest == "markdown":
        for line in main.split("\n"):
            assert not line.lstrip().startswith(payload.strip()), line
        if "<" in payload or "](" in payload:
            assert payload not in main
    elif case.dest == "html":
        if any(ch in payload for ch in "<>&\"'"):
            assert payload not in main
    elif case.dest == "csv":
        for row in csv.reader(io.StringIO(main)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
                assert not re.fullmatch(r"0\d+", cell), cell
    elif case.dest == "yaml":
        assert payload not in main


def _check_nothing_lost(
    case: generate.Case, argv: list[str], before: dict[str, tuple[int, bytes | None]], folder: Path
) -> None:
    after = _snapshot(folder)
    forced = "--force" in argv
    for path, (kind, data) in before.items():
        assert path in after, f"{path} was lost"
        new_kind, new_data = after[path]
        assert new_kind == kind, (
            f"{path} changed from {stat.filemode(kind)} to {stat.filemode(new_kind)}"
        )
        if data is not None and not (forced and path == case.output):
            assert new_data == data, f"{path} was changed"
    for path in case.kept:
        assert path in after, f"{path} was lost"
    if case.created is not None:
        assert case.created in after, f"{case.created} was not written"
