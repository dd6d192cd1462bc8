"""Hostile input on the way in (issue 11, input side): what a file, a spreadsheet or an
argument can hold, and the input error (exit 2, position, message, no traceback) it gets.

Every hostile file is generated here, in tmp_path; none is committed.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load.builder import load_text
from icp_cli.load.errors import InputErrors

runner = CliRunner()

VALID = """\
version: 1
system: {name: Test ICS, local_authorities: [Northshire Council]}
bodies:
  icp:
    type: icp
    members:
      - name: {name}
        organisation: Northshire Council
"""


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})


def check(tmp_path: Path, text: str | bytes, *args: str, name: str = "m.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    result = invoke("check", str(path), *args)
    assert "Traceback" not in result.stdout + result.stderr
    return path, result


def refused(tmp_path: Path, text: str | bytes, *args: str) -> tuple[Path, str]:
    """The file is an input error: exit 2, and stderr (its lines) returned."""
    path, result = check(tmp_path, text, *args)
    assert result.exit_code == 2, result.stdout + result.stderr
    return path, result.stderr


def with_name(value: str) -> str:
    return VALID.replace("{name}", value)


# -- the control-character rule ---------------------------------------------------------------

NAME_COLUMN = 15  # `      - name: ` is 14 characters: the value starts at column 15

CONTROLS = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x9b",
            "\x9f"]  # fmt: skip
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_literal_control_character_is_named_at_its_position(tmp_path: Path, char: str) -> None:
    path, stderr = refused(tmp_path, with_name(f"Ann{char}Lee"))
    assert f"{path}:7:{NAME_COLUMN + 3}: control character U+{ord(char):04X} in text" in stderr


@pytest.mark.parametrize("char", [*CONTROLS, "\x00"], ids=lambda c: f"U+{ord(c):04X}")
def test_an_escaped_control_character_is_named_at_its_escape(tmp_path: Path, char: str) -> None:
    path, stderr = refused(tmp_path, with_name(f'"Ann\\x{ord(char):02x}Lee"'))
    assert f"{path}:7:{NAME_COLUMN + 4}: control character U+{ord(char):04X} in text" in stderr


@pytest.mark.parametrize(
    ("escape", "code"), [("\\e", "001B"), ("\\a", "0007"), ("\\0", "0000"), ("\\u001b", "001B")]
)
def test_named_escapes_are_control_characters_too(tmp_path: Path, escape: str, code: str) -> None:
    path, stderr = refused(tmp_path, with_name(f'"Ann{escape}Lee"'))
    assert f"{path}:7:{NAME_COLUMN + 4}: control character U+{code} in text" in stderr


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("written", ["literal", "escaped"])
def test_a_bidirectional_override_is_an_input_error(
    tmp_path: Path, char: str, written: str
) -> None:
    value = f"Ann{char}Lee" if written == "literal" else f'"Ann\\u{ord(char):04x}Lee"'
    path, stderr = refused(tmp_path, with_name(value))
    column = NAME_COLUMN + (3 if written == "literal" else 4)
    assert f"{path}:7:{column}: bidirectional override U+{ord(char):04X} in text" in stderr
    assert "hint: delete it" in stderr


@pytest.mark.parametrize(
    ("value", "code", "column"),
    [
        ('"Ann\\nLee"', "000A", NAME_COLUMN + 4),
        ('"Ann\\rLee"', "000D", NAME_COLUMN + 4),
        ('"Ann\\NLee"', "0085", NAME_COLUMN + 4),
        ('"Ann\\LLee"', "2028", NAME_COLUMN + 4),
        ('"Ann\\PLee"', "2029", NAME_COLUMN + 4),
        ("Ann\x85Lee", "0085", NAME_COLUMN + 3),
        ("Ann\u2028Lee", "2028", NAME_COLUMN + 3),
        ("Ann\u2029Lee", "2029", NAME_COLUMN + 3),
        ('"Ann\u2028Lee"', "2028", NAME_COLUMN + 4),
        ("'Ann\u2029Lee'", "2029", NAME_COLUMN + 4),
    ],
)
def test_a_line_break_in_a_one_line_field_is_an_input_error(
    tmp_path: Path, value: str, code: str, column: int
) -> None:
    path, stderr = refused(tmp_path, with_name(value))
    assert f"{path}:7:{column}: line break U+{code} in text: a field holds one line" in stderr


def test_a_block_scalar_of_two_lines_is_refused_at_the_end_of_the_first(tmp_path: Path) -> None:
    path, stderr = refused(tmp_path, with_name("|\n          Ann\n          Lee"))
    assert f"{path}:8:14: line break U+000A in text" in stderr


@pytest.mark.parametrize("block", ["|", ">", "|-", ">-", "|2"])
def test_the_final_line_break_of_a_block_scalar_is_dropped(tmp_path: Path, block: str) -> None:
    membership = load_text(with_name(f"{block}\n          Ann Lee"))
    assert membership.bodies["icp"].members[0].name == "Ann Lee"


def test_a_kept_extra_line_break_is_refused(tmp_path: Path) -> None:
    _, stderr = refused(tmp_path, with_name("|+\n          Ann Lee\n\n"))
    assert "line break U+000A in text" in stderr


@pytest.mark.parametrize(
    "value",
    ["Ann\tLee", '"Ann\\tLee"', "Ann Lee  # a comment with \u2028 a U+2028",
     "Ann Lee # \u202e override in a comment", "Ann Lee # \x85 NEL in a comment",
     "Director of Strategy and\n          Partnerships"],
    ids=["tab", "escaped-tab", "ls-comment", "bidi-comment", "nel-comment", "folded-plain"],
)  # fmt: skip
def test_what_the_rule_allows(tmp_path: Path, value: str) -> None:
    _, result = check(tmp_path, with_name(value))
    assert result.exit_code in (0, 1), result.stderr


def test_a_line_break_in_a_comment_does_not_move_later_positions(tmp_path: Path) -> None:
    text = "# about\u2028this file\u2029and more\n" + with_name("Ann Lee").replace(
        "type: icp", "type: icpp"
    )
    path, stderr = refused(tmp_path, text)
    assert f"{path}:6:11: unknown body type 'icpp'" in stderr


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("version: 1\nsys\x1btem: {name: T}\nbodies: {}\n", "2:4", "control character U+001B"),
        ("version: 1\nsystem: {name: T}\nbodies:\n  ic\u202ep: {type: icp, members: []}\n",
         "4:5", "bidirectional override U+202E"),
        ('version: 1\nsystem: {name: T}\nbodies:\n  "icp\\n": {type: icp, members: []}\n',
         "4:7", "line break U+000A"),
        ("version: 1\nsystem: {name: T}\nbodies: {}\npolicy:\n  max_members: {\"i\\ecp\": 3}\n",
         "5:19", "control character U+001B"),
    ],
    ids=["top-key", "body-id", "quoted-body-id", "max-members-key"],
)  # fmt: skip
def test_keys_are_strings_too(tmp_path: Path, text: str, position: str, message: str) -> None:
    path, stderr = refused(tmp_path, text)
    assert f"{path}:{position}: {message} in text" in stderr


def test_one_error_per_occurrence_in_every_field(tmp_path: Path) -> None:
    text = with_name('"A\\en\\en"').replace("Northshire Council\n", '"North\\e"\n', 1)
    path, stderr = refused(tmp_path, text)
    assert stderr.count("control character U+001B in text") == 3
    assert f"{path}:7:17:" in stderr and f"{path}:7:20:" in stderr
    assert f"{path}:8:29:" in stderr


def test_literal_control_characters_are_all_reported_before_parsing(tmp_path: Path) -> None:
    text = with_name("A\x1bn\x1bn").replace("# ", "#\x07 ")
    path, stderr = refused(tmp_path, text)
    assert stderr.count("control character U+001B in text") == 2
    assert f"{path}:7:16:" in stderr and f"{path}:7:18:" in stderr


def test_a_stray_nul_in_a_text_file_is_a_control_character(tmp_path: Path) -> None:
    path, stderr = refused(tmp_path, with_name("Ann\x00Lee"))
    assert f"{path}:7:18: control character U+0000 in text" in stderr


def test_character_errors_in_json_have_positions(tmp_path: Path) -> None:
    _, result = check(tmp_path, with_name("Ann\u202eLee"), "--format", "json")
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["line"], error["column"]) == (7, 18)
    assert error["message"].startswith("bidirectional override U+202E in text")


# -- zero-width characters: one person, not several -------------------------------------------

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_zero_width_characters_do_not_split_a_person(char: str) -> None:
    spellings = ["Ann Lee", f"A{char}nn Lee", f"Ann{char} Lee", f"{char}Ann Lee", f"Ann Le{char}e"]
    bodies = "\n".join(
        f"  b{i}:\n    type: committee\n    members:\n      - name: \"{name}\""
        for i, name in enumerate(spellings)
    )
    membership = load_text(f"version: 1\nsystem: {{name: T}}\nbodies:\n{bodies}\n")
    people = {s.person.ref for b in membership.bodies.values() for s in b.members}
    assert people == {"ann lee"}


def test_a_zero_width_character_joins_an_inline_name_to_its_people_entry() -> None:
    membership = load_text(
        "version: 1\nsystem: {name: T}\npeople: [{id: ann, name: Ann Lee}]\nbodies:\n"
        '  icp: {type: icp, members: [{name: "Ann\\u200b Lee"}, {person: ann}]}\n'
    )
    assert {s.person.ref for s in membership.bodies["icp"].members} == {"ann"}


# -- nesting, whatever the line breaks ---------------------------------------------------------

BREAKS = {"LF": "\n", "CR": "\r", "CRLF": "\r\n", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}


@pytest.mark.parametrize("newline", BREAKS.values(), ids=BREAKS.keys())
def test_deep_block_nesting_never_crashes(tmp_path: Path, newline: str) -> None:
    text = "system:" + newline + "".join(f"{' ' * i}k{i}:{newline}" for i in range(1, 3_000))
    _, stderr = refused(tmp_path, text)
    if newline in ("\n", "\r", "\r\n"):
        assert "the YAML is nested more than 64 levels deep" in stderr
    else:  # YAML 1.2 reads these as characters: the file is one long line
        assert "line break U+" in stderr


@pytest.mark.parametrize("newline", BREAKS.values(), ids=BREAKS.keys())
def test_deep_sequences_never_crash(tmp_path: Path, newline: str) -> None:
    text = "system:" + newline + "".join(f"{' ' * i}- {newline}" for i in range(0, 4_000, 2))
    _, stderr = refused(tmp_path, text)
    assert "nested more than 64" in stderr or "line break U+" in stderr


@pytest.mark.parametrize(
    "text",
    ["system: " + "[" * 100_000,
     "system: " + "{a: " * 50_000,
     "- " * 100_000 + "x",
     "system: " + '[ "]]]]]]]]", ' * 30_000],
    ids=["brackets", "braces", "compact-dashes", "quoted-closers"],
)  # fmt: skip
def test_deep_flow_nesting_is_refused_at_its_level(tmp_path: Path, text: str) -> None:
    path, stderr = refused(tmp_path, text)
    assert "the YAML is nested more than 64 levels deep" in stderr
    assert f"{path}:1:" in stderr


def test_brackets_inside_a_quoted_name_are_not_nesting(tmp_path: Path) -> None:
    _, result = check(tmp_path, with_name('"' + "[" * 70 + "{" * 70 + '"'))
    assert result.exit_code in (0, 1), result.stderr
    assert "nested" not in result.stderr


def test_the_depth_limit_counts_levels_on_the_structure(tmp_path: Path) -> None:
    # Four levels of lists under `local_authorities`, written over several lines with CRs.
    text = "version: 1\rsystem:\r  name: T\r  local_authorities:\r    - - - - A\rbodies: {}\r"
    path, stderr = refused(tmp_path, text, "--max-depth", "3")
    assert f"{path}:5:9: the YAML is nested more than 3 levels deep" in stderr


# -- aliases ------------------------------------------------------------------------------------


def alias_bomb(bodies: int, seats: int) -> str:
    members = ", ".join(["*s"] * seats)
    lines = [
        "version: 1",
        "system: {name: T}",
        "seat: &s {name: Ann Lee}",
        f"members: &m [{members}]",
        "bodies:",
        "  b0: &b {type: committee, members: *m}",
        *(f"  b{i}: *b" for i in range(1, bodies)),
    ]
    return "\n".join(lines) + "\n"


def test_aliases_multiplied_along_the_levels_are_refused(tmp_path: Path) -> None:
    text = alias_bomb(2000, 2000)  # 4 million seats from about 30 KB
    assert len(text) < 32_000
    path, stderr = refused(tmp_path, text)
    assert f"{path}:6:3: aliases expand this part of the file to more than 1,000,000" in stderr


def test_a_few_aliases_are_read(tmp_path: Path) -> None:
    _, result = check(tmp_path, alias_bomb(3, 3))
    assert "aliases expand" not in result.stderr


@pytest.mark.parametrize(
    "text",
    ["system: &a [*a]\n", "a: &x {b: *x}\n", "system: &a {name: T, x: [[*a]]}\nbodies: {}\n"],
)
def test_a_recursive_alias_is_an_input_error(tmp_path: Path, text: str) -> None:
    _, stderr = refused(tmp_path, text)
    assert "an alias refers to a node that holds it" in stderr


# -- bounded reads: devices, FIFOs, pipes -----------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_stops_at_the_limit() -> None:
    result = invoke("check", "/dev/zero", "--max-bytes", "1M")
    assert result.exit_code == 2
    assert "/dev/zero: more than 1,048,576 bytes read; the limit is 1,048,576" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_through_the_environment_for_import() -> None:
    result = invoke("import", "/dev/zero", "--system", "X", env={"ICP_MAX_BYTES": "64k"})
    assert result.exit_code == 2
    assert "more than 65,536 bytes read" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_read_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    def writer() -> None:
        try:
            with fifo.open("wb") as handle:
                for _ in range(64):
                    handle.write(b"# " + b"x" * 65_534 + b"\n")
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = invoke("check", str(fifo), "--max-bytes", "100k")
    thread.join(10)
    assert result.exit_code == 2
    assert "more than 102,400 bytes read" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_small_file_through_a_fifo_is_checked(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    thread = threading.Thread(
        target=lambda: fifo.write_text(with_name("Ann Lee"), encoding="utf-8"), daemon=True
    )
    thread.start()
    result = invoke("check", str(fifo))
    thread.join(10)
    assert result.exit_code in (0, 1), result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_pipe_is_counted_in_bytes_read() -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "icp_cli", "check", "/dev/stdin", "--max-bytes", "10k"],
        input=b"# padding\n" * 5_000,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert b"more than 10,240 bytes read" in result.stderr


# -- integers, booleans, keys --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("version: " + "9" * 5000 + "\nsystem: {name: T}\nbodies: {}\n", "version"),
        ("version: 0x" + "f" * 5000 + "\nsystem: {name: T}\nbodies: {}\n", "version"),
        ("version: 0o" + "7" * 5000 + "\nsystem: {name: T}\nbodies: {}\n", "version"),
        ("version: 1\nsystem: {name: T, population: " + "9" * 5000 + "}\nbodies: {}\n",
         "population"),
        ("version: 1\nsystem: {name: T}\nbodies:\n  icp:\n    type: icp\n    meetings: "
         "{quorum: 0x" + "f" * 5000 + "}\n    members: []\n", "meetings.quorum"),
        ("version: 1\nsystem: {name: T}\nbodies:\n  icp:\n    type: icp\n    meetings: "
         "{quorum: 0o" + "7" * 5000 + "}\n    members: []\n", "meetings.quorum"),
        ("version: 1\nsystem: {name: T}\nbodies: {}\npolicy: {max_members: {icp: "
         + "9" * 5000 + "}}\n", "policy.max_members.icp"),
        ("version: 1\nsystem: {name: T}\nbodies: {}\npolicy: {max_overlap: 0." + "1" * 5000
         + "}\n", "policy.max_overlap"),
    ],
    ids=["version", "version-hex", "version-octal", "population", "quorum-hex",
         "quorum-octal", "max-members", "max-overlap"],
)  # fmt: skip
def test_huge_numbers_are_refused_before_they_are_converted(
    tmp_path: Path, text: str, what: str
) -> None:
    _, stderr = refused(tmp_path, text)
    assert f"{what} is a number of" in stderr


@pytest.mark.parametrize("value", ["'maybe'", "'yes'", "''", "'2'"])
def test_a_tagged_boolean_that_is_not_true_or_false_is_an_input_error(
    tmp_path: Path, value: str
) -> None:
    text = with_name("Ann Lee").replace("type: icp", f"type: icp\n    partial: !!bool {value}")
    path, stderr = refused(tmp_path, text)
    assert f"{path}:6:14: partial must be true or false" in stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nsystem: {name: T}\nbodies: {}\npolicy:\n  max_members: {[a]: 3}\n",
         "a key in policy.max_members must be a body id or type, not a list"),
        ("version: 1\nsystem: {name: T}\nbodies: {}\npolicy:\n  max_members:\n    ? {a: 1}\n"
         "    : 3\n", "a key in policy.max_members must be a body id or type, not a mapping"),
        ("? [a]\n: 1\nsystem: {name: T}\nbodies: {}\n", "a key in the file must be text"),
        ("version: 1\nsystem: {name: T}\nbodies:\n  ? [icp]\n  : {type: icp, members: []}\n",
         "a body id must be text"),
        ("version: 1\nsystem: {{name: T}: 1}\nbodies: {}\n", "a key in 'system' must be text"),
    ],
    ids=["max-members-list", "max-members-map", "top", "body-id", "system"],
)  # fmt: skip
def test_a_complex_key_is_a_clear_input_error(tmp_path: Path, text: str, message: str) -> None:
    _, stderr = refused(tmp_path, text)
    assert message in stderr
    assert "Node(" not in stderr


# -- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-depth", "²"), ("--max-depth", "٣"), ("--max-depth", "１０"),
     ("--max-bytes", "²M"), ("--max-bytes", "٣"), ("--max-bytes", "9" * 5000),
     ("--timeout", "١٢"), ("--timeout", "1_0")],
)  # fmt: skip
def test_unicode_digits_are_not_limits(tmp_path: Path, option: str, value: str) -> None:
    _, result = check(tmp_path, with_name("Ann Lee"), option, value)
    assert result.exit_code == 2
    assert f"{option}: '" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("variable", "value"), [("ICP_MAX_DEPTH", "²"), ("ICP_MAX_BYTES", "²")])
def test_unicode_digits_in_the_environment_are_not_limits(
    tmp_path: Path, variable: str, value: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(with_name("Ann Lee"), encoding="utf-8")
    result = invoke("check", str(path), env={variable: value})
    assert result.exit_code == 2
    assert f"{variable}: '{value}'" in result.stderr


def test_an_empty_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "membership.yaml").write_text(with_name("Ann Lee"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "")
    assert result.exit_code == 2
    assert "an empty path names no file or folder" in result.stderr
    assert "files checked" not in result.stdout


# -- pyproject.toml above the working folder ----------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b'name = "caf\xe9"\n', b"[project\n", b"\xff\xfe[\x00", b"x = " + b"9" * 5000 + b"\n"],
    ids=["latin-1", "invalid-toml", "utf-16", "huge-number"],
)
def test_a_broken_pyproject_above_is_passed_over_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    work = tmp_path / "work"
    work.mkdir()
    (work / "m.yaml").write_text(with_name("Ann Lee"), encoding="utf-8")
    monkeypatch.chdir(work)
    result = invoke("check", "m.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert f"icp: warning: {tmp_path / 'pyproject.toml'}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pyproject_for_icp_that_is_not_utf8_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.icp]\nselect = ["S\xe9"]\n')
    (tmp_path / "m.yaml").write_text(with_name("Ann Lee"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "m.yaml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}: not UTF-8 (byte 0xe9" in result.stderr


def test_a_config_option_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "icp.toml"
    config.write_bytes(b"select = ['\xe9']\n")
    path = tmp_path / "m.yaml"
    path.write_text(with_name("Ann Lee"), encoding="utf-8")
    result = invoke("check", str(path), "--config", str(config))
    assert result.exit_code == 2
    assert f"{config}: not UTF-8" in result.stderr


# -- the loader is never the one to crash --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["\u2028" * 1000, "\x85" * 1000 + "a: 1", "a: \u2029\u2029\n", "#\u2028\n- \u2028- x",
     "[\u2028" * 2000, "'" + "\u2028" * 100 + "'"],
)  # fmt: skip
def test_only_the_unusual_breaks(text: str) -> None:
    with pytest.raises(InputErrors) as caught:
        load_text(text, "f.yaml")
    assert all(e.path == "f.yaml" for e in caught.value.errors)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_nobody_writes_to_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "silent.yaml"
    os.mkfifo(fifo)
    result = invoke("check", str(fifo), "--timeout", "0.5")
    assert result.exit_code == 2
    assert f"{fifo}: reading and checking the file took more than 0.5 seconds" in result.stderr


def test_a_character_yaml_itself_refuses_is_named_in_the_same_way(tmp_path: Path) -> None:
    path, stderr = refused(tmp_path, with_name("Ann\ufffeLee"))
    assert f"{path}:7:18: invalid YAML: the character U+FFFE is not allowed in YAML" in stderr


# -- any mix of the characters above ---------------------------------------------------------

_ALPHABET = [
    *"ab :-,[]{}#'\"\\\n\r\t|>&*!exuLN0",
    "\x1b", "\x85", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\x00", "\x9b",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
def test_any_mix_of_hostile_characters_is_a_file_or_located_input_errors(text: str) -> None:
    lines = len(re.split(r"\r\n|\r|\n", text))
    try:
        load_text("system: {name: T}\nbodies: {}\nx: " + text, "f.yaml")
    except InputErrors as exc:
        for error in exc.errors:
            assert error.path == "f.yaml"
            assert error.line is None or 1 <= error.line <= lines + 3, error
            assert error.column is None or error.column >= 1, error
