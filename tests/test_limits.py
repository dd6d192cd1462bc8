"""Limits a user can meet and change: file size, nesting, time, and findings per rule."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from helpers import check_text, note_texts
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load import limits
from icp_cli.load.errors import InputErrors, UsageError
from icp_cli.load.limits import Limits, bounded, parse_bytes, resolve
from icp_cli.resources import sample_paths

runner = CliRunner()
LARGE = sample_paths()["greater-wessex"]  # about 40 kB
CLEAN = sample_paths()["northshire"]

DEEP = """\
version: 1
system: {name: Deep, local_authorities: [[[[A Council]]]]}
bodies: {}
"""


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})


@pytest.mark.parametrize(
    ("text", "size"),
    [("123", 123), ("500k", 500 * 1024), ("20M", 20 * 1024**2), ("20MB", 20 * 1024**2),
     ("1 GiB", 1024**3), ("1.5m", int(1.5 * 1024**2)), (" 7 b ", 7)],
)  # fmt: skip
def test_sizes_are_read_with_binary_multiples(text: str, size: int) -> None:
    assert parse_bytes(text, "--max-bytes") == size


@pytest.mark.parametrize("text", ["", "10x", "0", "-1", "M", "1e6", "ten"])
def test_a_size_that_is_not_one_is_a_usage_error_naming_its_source(text: str) -> None:
    with pytest.raises(UsageError, match=r"^ICP_MAX_BYTES: "):
        parse_bytes(text, "ICP_MAX_BYTES")


def test_the_option_wins_over_the_environment_which_wins_over_the_default() -> None:
    env = {"ICP_MAX_BYTES": "1M", "ICP_MAX_DEPTH": "10", "ICP_TIMEOUT": "5"}
    assert resolve(environ={}) == Limits()
    assert resolve(environ=env) == Limits(1024**2, 10, 5.0)
    assert resolve("2M", "20", "0", environ=env) == Limits(2 * 1024**2, 20, 0.0)
    assert resolve(environ={"ICP_TIMEOUT": "  "}) == Limits()  # set but empty: unset


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--max-depth", "0"], {}, "--max-depth: '0' is not a nesting depth"),
        (["--max-depth", "5000"], {}, "--max-depth: '5000' is not a nesting depth"),
        (["--timeout", "-1"], {}, "--timeout: '-1' is not a time in seconds"),
        (["--timeout", "nan"], {}, "--timeout: 'nan' is not a time in seconds"),
        ([], {"ICP_TIMEOUT": "soon"}, "ICP_TIMEOUT: 'soon' is not a time in seconds"),
        ([], {"ICP_MAX_BYTES": "big"}, "ICP_MAX_BYTES: 'big' is not a size"),
    ],
)
def test_a_bad_limit_stops_the_run_with_exit_2(
    args: list[str], env: dict[str, str], message: str
) -> None:
    result = invoke("check", str(CLEAN), *args, env=env)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_file_over_the_size_limit_is_an_input_error() -> None:
    result = invoke("check", str(LARGE), "--max-bytes", "10k")
    assert result.exit_code == 2
    assert f"{LARGE}: file is {LARGE.stat().st_size:,} bytes; the limit is 10,240" in (
        result.stderr
    )
    assert "--max-bytes or ICP_MAX_BYTES" in result.stderr
    assert invoke("check", str(LARGE), "--max-bytes", "1M").exit_code in (0, 1)


@pytest.mark.parametrize("command", [["overlap"], ["export", "--format", "csv"]])
def test_the_environment_sets_the_size_limit_for_every_command(command: list[str]) -> None:
    result = invoke(*command, str(LARGE), env={"ICP_MAX_BYTES": "10k"})
    assert result.exit_code == 2
    assert "the limit is 10,240" in result.stderr


def test_tor_follows_the_environment_too(tmp_path: Path) -> None:
    result = invoke(
        "terms-of-reference", str(LARGE), "--body", "icp", env={"ICP_MAX_BYTES": "10k"}
    )
    assert result.exit_code == 2
    assert "the limit is 10,240" in result.stderr


def test_nesting_deeper_than_the_limit_is_refused_at_its_bracket(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    result = invoke("check", str(path), "--max-depth", "3")
    assert result.exit_code == 2
    assert f"{path}:2:43: the YAML is nested more than 3 levels deep" in result.stderr
    assert "--max-depth or ICP_MAX_DEPTH" in result.stderr
    # Under the default limit the same file reads, and fails for what it says instead.
    assert "nested" not in invoke("check", str(path)).stderr


def test_a_file_that_runs_out_of_time_is_an_input_error_in_every_format() -> None:
    # A millionth of a second: the timer fires before the file is read.
    result = invoke("check", str(LARGE), "--timeout", "0.000001")
    assert result.exit_code == 2
    assert f"{LARGE}: reading and checking the file took more than 1e-06 seconds; stopped" in (
        result.stderr
    )
    result = invoke("check", str(LARGE), "--format", "json", env={"ICP_TIMEOUT": "0.000001"})
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert error["path"] == str(LARGE) and "seconds; stopped" in error["message"]
    assert invoke("check", str(LARGE), "--timeout", "0").exit_code in (0, 1)


def test_a_user_template_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    template = tmp_path / "slow.md.j2"
    template.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x\n",
        encoding="utf-8",
    )
    result = invoke(
        "terms-of-reference", str(CLEAN), "--body", "icp", "--template", str(template),
        env={"ICP_TIMEOUT": "0.2"},
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{template}: rendering the template took more than 0.2 seconds; stopped" in (
        result.stderr
    )
    assert "ICP_TIMEOUT" in result.stderr and result.stdout == ""


def test_bounded_stops_work_that_never_ends() -> None:
    def forever() -> None:
        give_up = time.monotonic() + 30  # a safety net, far past the bound
        while time.monotonic() < give_up:
            pass
        pytest.fail("the time bound did not stop the work")

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(InputErrors) as raised:
        bounded(forever, Limits(timeout=0.05), "slow.yaml")
    (error,) = raised.value.errors
    assert error.path == "slow.yaml"
    assert "took more than 0.05 seconds" in error.message and "--timeout" in error.hint
    assert signal.getsignal(signal.SIGALRM) is before


def test_work_that_ends_in_time_leaves_no_alarm_behind() -> None:
    assert bounded(lambda: 42, Limits(timeout=0.02), "quick.yaml") == 42
    time.sleep(0.05)  # a timer left running would interrupt this sleep
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_nested_bounds_are_one_bound() -> None:
    outer = Limits(timeout=30)

    def inner() -> int:
        return bounded(lambda: 7, Limits(timeout=0.01), "inner.yaml")

    assert bounded(inner, outer, "outer.yaml") == 7
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_rule_stops_listing_after_its_limit_with_a_note() -> None:
    # 50 names with one forename and one surname, different middle names: every two are
    # close, 1,225 pairs in all.
    seats = "\n".join(
        f"      - {{name: Ann Q{i:02d} Smith, organisation: Org {i}, sector: vcse}}"
        for i in range(50)
    )
    text = (
        "version: 1\nsystem: {name: Many, local_authorities: [A Council]}\n"
        f"bodies:\n  icp:\n    type: icp\n    members:\n{seats}\n"
    )
    result = check_text(text, select=("D204",))
    assert len(result.findings) == limits.MAX_FINDINGS_PER_RULE == 1000
    assert (
        "D204 stopped after 1,000 findings in this file; there are more. Fix these and "
        "check again." in note_texts(result)
    )
    # The listed ones are the first by position, as without the limit.
    lines = [f.line for f in result.findings]
    assert lines == sorted(lines) and lines[0] == 8
