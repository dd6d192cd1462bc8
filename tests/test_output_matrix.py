"""Every hostile string class x every output destination (issue 11, output side).

The destinations are the functions of `icp_cli.safe_text` and the renderers that use them,
driven with strings that still reach outputs once the loader refuses control characters in
file contents: file names, CLI arguments, and models built here. For each pair the raw
output holds no raw control character, no line that a GitHub runner reads as a workflow
command, no live formula and no markup that the user's text opened.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rich.console import Console

from icp_cli import safe_text
from icp_cli.check.findings import FileResult, Finding, Note, Severity
from icp_cli.load.errors import InputError
from icp_cli.render import json_out
from icp_cli.render.check import github, markdown, plain, sarif, styled

HOSTILE: dict[str, str] = {
    "c0": "a\x00b\x01c\x07d\x08e\x7f",
    "esc-csi": "\x1b[2J\x1b[31mred\x1b[0m",
    "esc-osc": "\x1b]0;pwned\x07title\x1b]8;;http://x.invalid\x1b\\link",
    "c1-csi": "\x9b2J\x9d0;t\x9c",
    "cr": "x\r=1+1",
    "lf": "x\n::error file=a.yaml,line=1::boom",
    "crlf": "x\r\n::warning::boom\r\n# heading",
    "nel": "x\x85# heading\x85::error::boom",
    "ls-ps": "x\u2028# heading\u2029::error::boom",
    "vt-ff-fs": "x\x0b=1\x0c=2\x1c=3\x1d\x1e y",
    "bidi": "abc\u202edcba\u202a\u202b\u202c\u202d\u2066x\u2067y\u2068z\u2069\u200e\u200f",
    "zero-width": "a\u200bb\u200cc\u200dd\u2060e\ufefff",
    "markdown-meta": "*bold* _it_ [link](http://x.invalid) `code` | pipe # <b> ~~s~~ \\",
    "html-meta": "<script>alert(1)</script> &amp; \"q\" 'a' <img src=x onerror=y>",
    "formula": '=HYPERLINK("http://x.invalid","y")',
    "formula-behind-space": " \t=1+1",
    "formula-behind-cr": "\r@SUM(1)",
    "formula-signs": "+1+1",
    "command-prefix": "::error file=x.yaml,line=1::injected",
    "command-prefix-spaced": "   ::set-output name=x::y",
    "long": "Long " * 20_000,
    "not-utf8": "name\udcff\udc80\udcc3.yaml",
    "heading-start": "# Title\n## Sub",
}
IDS = list(HOSTILE)

# Any character that must not appear raw in a text output (tab and LF excepted where the
# output itself is made of lines).
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff]"
)
FORMULA = ("=", "+", "-", "@")


def no_raw(text: str, *, lines: bool = False) -> None:
    """No raw control character; a LF only when `lines` (the output's own line ends)."""
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text[:200]!r}"
    if not lines:
        assert "\n" not in text and "\r" not in text


def no_command_lines(text: str, *, allowed: int = 0) -> None:
    """At most `allowed` lines (the renderer's own annotations) that GitHub runs."""
    commands = [line for line in text.split("\n") if line.lstrip().startswith("::")]
    assert len(commands) <= allowed, commands


# -- the safe_text functions, one per destination -------------------------------------------


@pytest.mark.parametrize("key", IDS)
def test_terminal(key: str) -> None:
    out = safe_text.terminal(HOSTILE[key])
    no_raw(out)
    no_command_lines(out)


@pytest.mark.parametrize("key", IDS)
def test_rich_markup(key: str) -> None:
    out = safe_text.rich_markup(HOSTILE[key] + " [bold red]x[/]")
    no_raw(out)
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=False, width=400).print(out, soft_wrap=True)
    assert "[bold red]x[/]" in buffer.getvalue()  # the markup was shown, not applied


@pytest.mark.parametrize("key", IDS)
def test_markdown(key: str) -> None:
    out = safe_text.markdown(HOSTILE[key])
    no_raw(out)
    no_command_lines(out)
    assert not out.startswith(("#", ":", "-", "+", "=")), out[:40]
    # Every Markdown metacharacter is escaped: what is left after removing escapes
    # carries none of them raw.
    unescaped = re.sub(r"\\.", "", out)
    assert not re.search(r"[*_`\[\]<>|~]", unescaped), unescaped[:200]


@pytest.mark.parametrize("key", IDS)
def test_markdown_every(key: str) -> None:
    out = safe_text.markdown(HOSTILE[key], every=True)
    no_raw(out)
    unescaped = re.sub(r"\\.", "", out)
    assert not re.search(r"[*_`\[\]<>|~(){}#+!]", unescaped), unescaped[:200]


@pytest.mark.parametrize("key", IDS)
def test_html(key: str) -> None:
    out = str(safe_text.html(HOSTILE[key]))
    no_raw(out)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert not re.search(r"&(?!(amp|lt|gt|quot|#39|#34);)", out)


def _spreadsheet_rows(text: str) -> list[list[str]]:
    """Rows as a lenient spreadsheet reads them: a bare CR, LF, VT, FF or a Unicode line
    break outside quotes also ends a row (LibreOffice splits at a bare CR)."""
    rows: list[list[str]] = []
    for fragment in re.split(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", text):
        if fragment:
            rows.extend(csv.reader(io.StringIO(fragment)))
    return rows


@pytest.mark.parametrize("key", IDS)
def test_csv_cell(key: str) -> None:
    value = HOSTILE[key]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["a", safe_text.csv_cell(value), "b"])
    text = buffer.getvalue()
    no_raw(text.removesuffix("\n"))
    rows = _spreadsheet_rows(text)
    assert len(rows) == 1 and len(rows[0]) == 3, rows
    for row in rows:
        for cell in row:
            body = cell.lstrip(" \t\u00a0")
            assert not body.startswith(FORMULA), f"live formula {cell!r}"
    # What a plain value was, import gives back.
    if not RAW.search(value) and "\r" not in value and "\n" not in value:
        assert safe_text.uncsv_cell(safe_text.csv_cell(value)) == value


@pytest.mark.parametrize("value", ["00042", "0123.5", "=1", "-2", "@a", "\tx", "'=1", "0"])
def test_csv_cell_round_trip(value: str) -> None:
    cell = safe_text.csv_cell(value)
    assert safe_text.uncsv_cell(cell) == value
    if value in ("00042", "0123.5", "=1", "-2", "@a", "\tx"):
        assert cell == "'" + value


@pytest.mark.parametrize("key", IDS)
def test_docx(key: str) -> None:
    from docx import Document

    out = safe_text.docx(HOSTILE[key])
    no_raw(out)
    document = Document()
    document.add_paragraph().add_run(out)  # python-docx raises on a control character
    document.core_properties.comments = safe_text.docx(HOSTILE[key], 255)
    document.save(io.BytesIO())


@pytest.mark.parametrize("key", IDS)
def test_github(key: str) -> None:
    data = safe_text.github_data(HOSTILE[key])
    prop = safe_text.github_property(HOSTILE[key])
    no_raw(data)
    no_raw(prop)
    assert ":" not in prop and "," not in prop
    line = f"::error file={prop},title={prop}::{data}"
    assert line.count("::") == 2 + data.count("::")
    # The runner's decoding gives the text back, escapes and all.
    decoded = prop.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r")
    decoded = decoded.replace("%0A", "\n").replace("%25", "%")
    assert decoded == safe_text.visible(HOSTILE[key]).replace("\\r", "\r").replace("\\n", "\n")


@pytest.mark.parametrize("key", IDS)
def test_yaml_comment(key: str) -> None:
    from ruamel.yaml import YAML

    comment = safe_text.yaml_comment(HOSTILE[key])
    no_raw(comment)
    text = f"# Imported from {comment} today.\nversion: 1\n"
    for typ in ("rt", "safe"):
        assert YAML(typ=typ, pure=True).load(text) == {"version": 1}
    assert text.count("\n") == 2 and len(text.splitlines()) == 2


@pytest.mark.parametrize("key", IDS)
def test_json(key: str) -> None:
    value = HOSTILE[key]
    out = json_out.dumps({"path": value, value[:50]: 1})
    raw = out.encode("utf-8")  # valid UTF-8: a lone surrogate would raise here
    doc = json.loads(raw)
    shown = safe_text.json_text(value)
    assert doc["path"] == shown
    if shown == value:
        assert doc["path"] == value  # lossless where JSON can say it
    no_raw(out, lines=True)


@pytest.mark.parametrize("shape", ["{}", "dir/{}", "/abs/{}", "C:\\dir\\{}", "\\\\srv\\s\\{}"])
@pytest.mark.parametrize("key", IDS)
def test_sarif_location(key: str, shape: str) -> None:
    location = sarif.artifact_location(shape.format(HOSTILE[key].replace("\\", "/")))
    location["uri"].encode("ascii")
    assert not re.search(r"[\s\x00-\x1f\x7f]", location["uri"])


def test_surrogates_show_as_their_bytes_everywhere() -> None:
    name = "caf\udcc3\udca9-\udcff.yaml"
    for out in (
        safe_text.terminal(name),
        safe_text.yaml_comment(name),
        safe_text.docx(name),
        safe_text.csv_cell(name),
        safe_text.file_name(name),
        safe_text.json_text(name),
    ):
        assert out == "caf\\xc3\\xa9-\\xff.yaml"
    assert safe_text.file_name(b"caf\xc3\xa9-\xff.yaml") == "café-\\xff.yaml"
    assert sarif.artifact_location(name)["uri"] == "caf%C3%A9-%FF.yaml"


def test_visible_escapes_read_back() -> None:
    shown = safe_text.terminal("a\x1b[2Jb\u2028c\u202ed\r\ne\t")
    assert shown == "a\\x1b[2Jb\\u2028c\\u202ed\\r\\ne\t"
    assert safe_text.terminal("::error::x") == "\\x3a:error\\x3a:x"
    assert safe_text.terminal("a:::b") == "a\\x3a\\x3a:b"
    assert safe_text.terminal("  ::x") == "  \\x3a:x"
    assert safe_text.markdown("::x") == "\\::x"
    assert safe_text.terminal("plain, (text) [ok]") == "plain, (text) [ok]"


# -- the renderers, with a check result that carries hostile text everywhere ---------------


def _result(value: str) -> FileResult:
    finding = Finding(
        path=value,
        code="S101",
        name="icp-too-large",
        severity=Severity.WARNING,
        message=f"The ICP '{value}' has 31 members; the limit is 25.",
        line=3,
        column=5,
        body=value,
        people=(value,),
        hint=f"Move {value} out.",
    )
    return FileResult(
        path=value,
        system=value,
        findings=(finding,),
        notes=(Note(f"unknown seat '{value}'", line=4), Note(value)),
        body_names={value: value},
    )


def _broken(value: str) -> FileResult:
    return FileResult(path=value, errors=(InputError(value, f"bad {value}", 1, 2, value),))


REPORTS = ["plain", "markdown", "styled", "github", "json", "sarif"]


def _render(fmt: str, results: list[FileResult]) -> str:
    if fmt == "plain":
        return plain.render(results)
    if fmt == "markdown":
        return markdown.render(results)
    if fmt == "github":
        return github.render(results)
    if fmt == "json":
        return json_out.render_check(results)
    if fmt == "sarif":
        return sarif.render(results)
    buffer = io.StringIO()
    styled.render(results, Console(file=buffer, force_terminal=False, width=120))
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", REPORTS)
@pytest.mark.parametrize("key", IDS)
def test_check_reports(fmt: str, key: str) -> None:
    value = HOSTILE[key]
    results = [_result(value), _broken(value), _result("plain.yaml")]
    out = _render(fmt, results)
    out.encode("utf-8")
    no_raw(out, lines=True)
    if fmt == "github":
        annotations = [line for line in out.split("\n") if line.startswith("::")]
        # one per finding, note and input error: 2 findings, 4 notes, 1 error
        assert len(annotations) == 7
        no_command_lines(out, allowed=7)
        for line in annotations:
            match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
            assert match, line
            for prop in match.group(2).split(","):
                assert prop.split("=", 1)[0] in {"file", "line", "col", "title"}, line
    else:
        no_command_lines(out)
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_markdown_report_rows_stay_rows() -> None:
    for value in HOSTILE.values():
        out = markdown.render([_result(value)])
        for row in (line for line in out.split("\n") if line.startswith("| ")):
            assert len(re.split(r"(?<!\\)\|", row)) == 7, row
