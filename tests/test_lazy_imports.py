"""Start-up stays cheap: the common commands, piped, import none of the heavy libraries.

Each case runs `icp` in a fresh interpreter (a subprocess) and lists the modules loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from icp_cli.resources import sample_paths

SAMPLES = sample_paths()
HEAVY = ("jinja2", "rapidfuzz", "docx", "openpyxl", "jsonschema", "rich")

PROBE = """
import contextlib, io, json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["icp", *json.loads(sys.argv[1])]
from icp_cli.cli import main
try:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def loaded(*args: str, cwd: Path | None = None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR" and "_COMPLETE" not in k}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args)), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("check", "--help"),
        ("check", str(SAMPLES["northshire"])),
        ("check", str(SAMPLES["northshire"]), "--format", "json"),
        ("check", str(SAMPLES["northshire"].parent)),
        ("rules",),
    ],
    ids=lambda args: " ".join(Path(a).name if "/" in a else a for a in args),
)
def test_common_commands_load_no_heavy_library(args: tuple[str, ...], tmp_path: Path) -> None:
    found = loaded(*args, cwd=tmp_path)
    # The samples folder holds close names: D204 may then need edit distances.
    allowed = {"rapidfuzz"} if args[-1] == str(SAMPLES["northshire"].parent) else set()
    assert set(found) <= allowed, found


CLOSE_NAMES = """\
system:
  name: Test ICS
bodies:
  icp:
    type: icp
    members:
      - name: Priya Natarajan
      - name: Priya Natarajen
"""


def test_rapidfuzz_comes_in_only_when_an_edit_distance_is_needed(tmp_path: Path) -> None:
    assert "rapidfuzz" not in loaded("check", str(SAMPLES["northshire"]), cwd=tmp_path)
    close = tmp_path / "close.yaml"
    close.write_text(CLOSE_NAMES, encoding="utf-8")  # surnames one letter apart
    assert "rapidfuzz" in loaded("check", str(close), cwd=tmp_path)
