"""Every user string is rendered verbatim in every format: never read as rich markup,
Markdown structure, HTML, CSV formulas or JSON structure."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app

runner = CliRunner()
HOSTILE = Path(__file__).parent / "corpus" / "valid-markup-names.yaml"
# Strings from the hostile file that must survive every renderer.
STRINGS = [
    "<script>alert('icp')</script> Partnership",
    "Chair [Interim]",
    "[bold red]Leader[/] | *Cabinet* _Member_",
    "Dr `rm -rf /` O'Brien-Smith",
    "A & B <Trust> | {{ 7*7 }} ${HOME}",
    "Ms Zoë Ångström – Đorđević\u00a0OBE",
]


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _markdown_text(markdown: str) -> str:
    """What a reader sees: backslash escapes removed, HTML entities decoded."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def _named_findings(tmp_path: Path) -> Path:
    """A file whose findings quote hostile names, roles and body names."""
    path = tmp_path / "named.yaml"
    path.write_text(
        "system: {name: '[bold]Test[/bold] ICS'}\n"
        "bodies:\n"
        "  icp:\n"
        "    type: icp\n"
        "    name: \"<script>alert('icp')</script> Partnership\"\n"
        "    chair: 'Chair [Interim]'\n"
        "    members:\n"
        "      - {name: 'Dr `rm -rf /` O''Brien-Smith', role: 'On behalf of [red]x[/] | *y*'}\n"
        "      - {name: 'Dr `rm -rf /` O''Brien-Smith'}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1", "COLUMNS": "400"}])
def test_check_text(tmp_path: Path, env: dict[str, str]) -> None:
    out = run("check", str(_named_findings(tmp_path)), "--fail-on", "info", env=env)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for s in (
        "<script>alert('icp')</script> Partnership",
        "[bold]Test[/bold] ICS",
        "Chair [Interim]",
        "Dr `rm -rf /` O'Brien-Smith",
        "On behalf of [red]x[/] | *y*",
    ):
        assert s in plain, s


def test_check_json_and_sarif_and_github(tmp_path: Path) -> None:
    path = str(_named_findings(tmp_path))
    doc = json.loads(run("check", path, "-f", "json"))
    messages = " ".join(f["message"] for f in doc["files"][0]["findings"])
    assert "Chair [Interim]" in messages
    assert "On behalf of [red]x[/] | *y*" in messages
    sarif = json.loads(run("check", path, "-f", "sarif"))
    results = " ".join(r["message"]["text"] for r in sarif["runs"][0]["results"])
    assert "Dr `rm -rf /` O'Brien-Smith" in results
    github = run("check", path, "-f", "github")
    *commands, summary = github.splitlines()
    # A newline or '::' in a user string must not start a second workflow command.
    assert all(line.startswith("::") for line in commands)
    assert summary.endswith("checked.")
    assert "Chair [Interim]" in github


def test_check_markdown_keeps_table_rows_intact() -> None:
    out = run("check", str(HOSTILE), "-f", "markdown")
    for row in (line for line in out.splitlines() if line.startswith("| ")):
        cells = re.split(r"(?<!\\)\|", row)
        assert len(cells) == 7, row  # 5 columns: the user's '|' did not add a cell
    assert "<script>" not in out
    assert "<script>alert('icp')</script> Partnership" in _markdown_text(out)


def test_overlap_all_formats() -> None:
    text = run("overlap", str(HOSTILE), "--width", "200")
    for s in ("Chair [Interim]", "Dr `rm -rf /` O'Brien-Smith"):
        assert s in text
    doc = json.loads(run("overlap", str(HOSTILE), "-f", "json"))
    assert "Dr `rm -rf /` O'Brien-Smith" in {p["name"] for p in doc["people"]}
    markdown = run("overlap", str(HOSTILE), "-f", "markdown")
    assert "<script>" not in markdown
    assert "Dr `rm -rf /` O'Brien-Smith" in _markdown_text(markdown)


def test_terms_of_reference_markdown_and_html() -> None:
    markdown = run("terms-of-reference", str(HOSTILE), "--body", "icp")
    assert "<script>" not in markdown
    seen = _markdown_text(markdown)
    for s in STRINGS:
        assert s in seen, s
    html_out = run("terms-of-reference", str(HOSTILE), "--body", "icp", "-f", "html")
    assert "<script>alert" not in html_out
    assert "&lt;script&gt;alert(" in html_out


def test_terms_of_reference_docx(tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "tor.docx"
    run("terms-of-reference", str(HOSTILE), "--body", "icp", "-o", str(target))
    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "<script>alert('icp')</script> Partnership" in text
    assert "Chair [Interim]" in cells
    assert "A & B <Trust> | {{ 7*7 }} ${HOME}" in cells


def test_export_csv_and_popolo() -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", str(HOSTILE), "-f", "csv"))))
    names = {r["name"] for r in rows}
    assert "Dr `rm -rf /` O'Brien-Smith" in names
    assert "A & B <Trust> | {{ 7*7 }} ${HOME}" in {r["organisation"] for r in rows}
    popolo = json.loads(run("export", str(HOSTILE), "-f", "popolo"))
    assert "Chair [Interim]" in {p["name"] for p in popolo["persons"]}


def test_csv_export_defuses_formulas(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "system: {name: T}\nbodies:\n  icp:\n    type: icp\n    members:\n"
        "      - {name: '=HYPERLINK(\"http://x.invalid\")', role: '+SUM(A1)'}\n",
        encoding="utf-8",
    )
    out = run("export", str(path), "-f", "csv")
    assert "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out
    assert ",+SUM" not in out
