"""Hostile file names through every command and format, end to end (issue 11).

File names are what still carries control characters, line breaks and bytes that are not
UTF-8 into the outputs once the loader refuses them in file contents. Each run's raw
stdout and stderr must be valid UTF-8, hold no raw control character, and no line of it
may be a GitHub workflow command that the file name made.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
DRAFT = sample_paths()["first-draft"]

NAMES: dict[str, str] = {
    "osc": "esc\x1b]0;pwned\x07\x1b[2J.yaml",
    "lf-command": "line\n::error file=x.yaml,line=1::boom.yaml",
    "cr-formula": "cr\r=1+1.yaml",
    "crlf": "crlf\r\n::warning::boom.yaml",
    "ls": "ls\u2028# heading\u2029.yaml",
    "nel-vt-ff-fs": "nel\x85x\x0by\x0cz\x1c.yaml",
    "bidi": "bidi\u202egnp.yaml",
    "zero-width": "zw\u200b\u200d\ufeff.yaml",
    "command-start": "::error file=y.yaml::start.yaml",
    "markup": "[bold]x[red] *y* <b>z<i> | =1 &amp;.yaml",
    "not-utf8": os.fsdecode(b"caf\xc3\xa9-\xff\xfe.yaml"),
}
IDS = list(NAMES)
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff]"
)


def _copy(tmp_path: Path, key: str) -> Path:
    target = tmp_path / NAMES[key]
    shutil.copyfile(DRAFT, target)
    return target


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result
    out = result.stdout_bytes.decode("utf-8")  # strict: invalid UTF-8 raises
    err = result.stderr_bytes.decode("utf-8")
    assert "Traceback" not in err
    return result.exit_code, out, err


def _clean(text: str, *, commands: int = 0) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text[:300]!r}"
    assert "\r" not in text
    lines = [line for line in text.split("\n") if line.lstrip().startswith("::")]
    assert len(lines) <= commands, lines


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github"])
@pytest.mark.parametrize("key", IDS)
def test_check(tmp_path: Path, key: str, fmt: str) -> None:
    path = _copy(tmp_path, key)
    code, out, err = _invoke("check", str(path), "-f", fmt)
    assert code == 1, err  # the sample has findings
    _clean(err)
    if fmt == "github":
        annotations = [line for line in out.split("\n") if line.startswith("::")]
        _clean(out, commands=len(annotations))
        for line in annotations:
            match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
            assert match, line
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            assert set(props) <= {"file", "line", "col", "title"}, line
    else:
        _clean(out)
    if fmt == "json":
        doc = json.loads(out)
        shown = doc["files"][0]["path"]
        if key != "not-utf8":
            assert shown == str(path)  # JSON says the name exactly
        else:
            assert shown.endswith("caf\u00e9-\\xff\\xfe.yaml")
    if fmt == "sarif":
        uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"
        ]["uri"]
        uri.encode("ascii")
        if key == "not-utf8":
            assert uri.endswith("caf%C3%A9-%FF%FE.yaml")


@pytest.mark.parametrize("key", IDS)
def test_check_missing_file_and_several_files(tmp_path: Path, key: str) -> None:
    missing = tmp_path / ("missing-" + NAMES[key])
    code, out, err = _invoke("check", str(missing))
    assert code == 2
    _clean(out)
    _clean(err)
    assert "no such file" in err or "not found" in err or err
    path = _copy(tmp_path, key)
    code, out, err = _invoke("check", str(path), str(DRAFT), str(missing))
    assert code == 2
    _clean(out)
    _clean(err)
    for fmt in ("json", "github", "sarif", "markdown"):
        code, out, err = _invoke("check", str(missing), "-f", fmt)
        assert code == 2
        _clean(err)
        _clean(out, commands=1 if fmt == "github" else 0)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("key", IDS)
def test_overlap(tmp_path: Path, key: str, fmt: str) -> None:
    path = _copy(tmp_path, key)
    code, out, err = _invoke("overlap", str(path), "-f", fmt)
    assert code == 0, err
    _clean(out)
    _clean(err)


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
@pytest.mark.parametrize("key", IDS)
def test_terms_of_reference(tmp_path: Path, key: str, fmt: str) -> None:
    path = _copy(tmp_path, key)
    code, out, err = _invoke("terms-of-reference", str(path), "--body", "icp", "-f", fmt)
    assert code == 0, err
    _clean(out)
    _clean(err)
    if fmt == "markdown":
        # The file name sits in a sentence; it does not open a heading or a line of its own.
        assert not any(line.startswith("# heading") for line in out.split("\n"))


@pytest.mark.parametrize("key", IDS)
def test_terms_of_reference_docx(tmp_path: Path, key: str) -> None:
    from docx import Document

    path = _copy(tmp_path, key)
    target = tmp_path / "tor.docx"
    code, _out, err = _invoke("terms-of-reference", str(path), "--body", "icp", "-o", str(target))
    assert code == 0, err
    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    text += document.core_properties.comments
    _clean(text.replace("\n", " "))


@pytest.mark.parametrize("key", IDS)
def test_export(tmp_path: Path, key: str) -> None:
    path = _copy(tmp_path, key)
    for fmt in ("csv", "popolo"):
        code, out, err = _invoke("export", str(path), "-f", fmt)
        assert code == 0, err
        _clean(out)


@pytest.mark.parametrize("key", IDS)
def test_import_header_comment_holds_the_file_name(tmp_path: Path, key: str) -> None:
    """A spreadsheet's name is written into the imported file's first comment: whatever
    it holds, it stays inside that comment."""
    code, table, err = _invoke("export", str(DRAFT), "-f", "csv")
    assert code == 0, err
    name = NAMES[key].removesuffix(".yaml") + "\npolicy:\n  ignore: [S, D, R, V, B, C, G]\n#.csv"
    source = tmp_path / name
    source.write_text(table, encoding="utf-8")
    target = tmp_path / "imported.yaml"
    code, out, err = _invoke("import", str(source), "-o", str(target), "--system", "Test ICS")
    assert code == 0, err
    _clean(err)
    text = target.read_text(encoding="utf-8")
    header = text.split("\n", 2)[:2]
    assert header[0].startswith("# Imported by icp from ") and header[1].startswith("# Review")
    _clean(text)
    assert "\npolicy:" not in text
    code, out, err = _invoke("check", str(target), "-f", "json")
    assert code == 1, err
    assert json.loads(out)["files"][0]["findings"], "the rules still run"


def test_hostile_cli_arguments_are_shown_escaped(tmp_path: Path) -> None:
    for args in (
        ["explain", "Z\x1b]0;t\x07\n::error::x"],
        ["check", str(DRAFT), "--select", "S\x1b[2J"],
        ["check", str(DRAFT), "--policy", "x\u2028::error::y=1"],
        ["overlap", str(DRAFT), "--bodies", "icp,\x1b[31mno"],
        ["terms-of-reference", str(DRAFT), "--body", "n\x9bo\n::error::z"],
        ["check", str(DRAFT), "-o", str(tmp_path / "no\x1b[2J" / "x.txt")],
        ["check", str(DRAFT), "--frob\u2028\u202ex\x9b\n::error::y"],
        ["check", str(DRAFT), "--format", "x\u2028::error::y"],
    ):
        code, out, err = _invoke(*args)
        assert code == 2
        _clean(out)
        _clean(err)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("width", ["40", "60", "200"])
def test_wrapped_names_start_no_workflow_command(tmp_path: Path, fmt: str, width: str) -> None:
    """A renderer that wraps a long name (at a space, or inside a word) must not start a
    line with a `::` from inside it."""
    name = "Ann Lee ::error file=x.yaml::boom ::warning::y aaaaaaaaaaaaaaaaaaaaaaaa::set-env"
    path = tmp_path / "m.yaml"
    path.write_text(
        "system: {name: 'T ::error::s'}\nbodies:\n"
        f"  icb:\n    type: icb\n    members:\n      - {{name: '{name}'}}\n"
        f"  icp:\n    type: icp\n    name: '::notice::body'\n    members:\n"
        f"      - {{name: '{name}'}}\n",
        encoding="utf-8",
    )
    for args in (
        ["overlap", str(path), "--width", width, "-f", fmt],
        ["check", str(path), "-f", fmt],
        ["terms-of-reference", str(path), "--body", "icp", *(["-f", "markdown"])],
    ):
        code, out, err = _invoke(*args)
        assert code in (0, 1), err
        _clean(out)
        _clean(err)


@pytest.mark.parametrize("key", IDS)
def test_user_template_printing_values_unescaped(tmp_path: Path, key: str) -> None:
    """A user's template that forgets the `esc` filter still writes no raw control
    character: the values it is given are visible already."""
    path = _copy(tmp_path, key)
    template = tmp_path / "t.md.j2"
    template.write_text("From {{ source }} for {{ body.name }}.\n", encoding="utf-8")
    code, out, err = _invoke(
        "terms-of-reference", str(path), "--body", "icp", "--template", str(template)
    )
    assert code == 0, err
    _clean(out.replace("::", ""))  # a template prints `::` if it wants: not user-escaped
    _clean(err)


@pytest.mark.parametrize("command", ["check", "overlap"])
@pytest.mark.parametrize("key", IDS)
def test_rich_terminal_output(tmp_path: Path, key: str, command: str) -> None:
    """The rich rendering for a terminal: once rich's own colour codes are taken out, no
    escape sequence or control character is left."""
    path = _copy(tmp_path, key)
    result = runner.invoke(
        app, [command, str(path)], env={"FORCE_COLOR": "1", "COLUMNS": "120", "NO_COLOR": None}
    )
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout_bytes.decode("utf-8")
    assert "\x1b[" in out, "the styled renderer ran"
    _clean(re.sub(r"\x1b\[[0-9;]*m", "", out))
