"""`icp terms-of-reference --format text|json`: the common formats of cli.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.render.tor.json_out import split_sections
from icp_cli.resources import sample_paths

runner = CliRunner()
ENV = {"NO_COLOR": "1"}
SAMPLES = sample_paths()
NORTHSHIRE = str(SAMPLES["northshire"])
FIRST_DRAFT = str(SAMPLES["first-draft"])
ERROR_KEYS = ["path", "line", "column", "message"]


def tor(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["terms-of-reference", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


# -- text ---------------------------------------------------------------------------------------


def test_text_is_the_markdown_document() -> None:
    code, out, err = tor(NORTHSHIRE, "--format", "text")
    assert code == 0 and err == ""
    assert out == tor(NORTHSHIRE)[1] == tor(NORTHSHIRE, "-f", "markdown")[1]


def test_text_goes_with_a_markdown_file_name_only(tmp_path: Path) -> None:
    code, out, _ = tor(NORTHSHIRE, "-f", "text", "-o", str(tmp_path / "tor.md"))
    assert code == 0 and out == ""
    assert (tmp_path / "tor.md").read_text(encoding="utf-8") == tor(NORTHSHIRE)[1]
    code, _, err = tor(NORTHSHIRE, "-f", "text", "-o", str(tmp_path / "tor.html"))
    assert code == 2 and "--format text does not match" in err


def test_an_unknown_format_is_a_usage_error() -> None:
    code, out, err = tor(NORTHSHIRE, "-f", "jsn")
    assert code == 2 and out == ""
    assert "'jsn' is not one of text, json, markdown, html, docx" in err
    assert "did you mean 'json'?" in err


# -- json: success ------------------------------------------------------------------------------


def test_json_carries_the_markdown_document_split_into_sections() -> None:
    code, out, err = tor(FIRST_DRAFT, "--body", "icb-finance", "--format", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert list(doc) == [
        "version", "path", "body", "format", "document", "sections", "drafting_notes",
    ]  # fmt: skip
    assert doc["version"] == 1 and doc["path"] == FIRST_DRAFT
    assert doc["body"] == "icb-finance" and doc["format"] == "markdown"
    assert doc["document"] == tor(FIRST_DRAFT, "--body", "icb-finance")[1]
    headings = [s["heading"] for s in doc["sections"]]
    assert headings == re.findall(r"^## (.+)$", doc["document"], re.MULTILINE)
    assert headings[0] == "Establishment and legal basis" and headings[-1] == "Drafting notes"
    membership = doc["sections"][headings.index("Membership")]["markdown"]
    assert membership.startswith("| Name | Role |") and not membership.endswith("\n")
    assert [n["code"] for n in doc["drafting_notes"]] == ["C603"]
    assert doc["drafting_notes"][0]["severity"] == "warning"
    # Every line under a heading is in its section.
    for section in doc["sections"]:
        assert f"## {section['heading']}\n\n{section['markdown']}\n" in doc["document"]


def test_json_default_body_and_notes_as_data() -> None:
    doc = json.loads(tor(NORTHSHIRE, "-f", "json")[1])
    assert doc["body"] == "icp" and doc["drafting_notes"] == []
    notes = json.loads(tor(FIRST_DRAFT, "-f", "json")[1])["drafting_notes"]
    assert {"S101", "R301", "G701"} <= {n["code"] for n in notes}
    assert any(n["name"] == "unknown-seat" and n["code"] is None for n in notes)


def test_json_follows_the_output_extension(tmp_path: Path) -> None:
    target = tmp_path / "tor.json"
    code, out, err = tor(NORTHSHIRE, "-o", str(target))
    assert code == 0 and out == "" and err == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(
        tor(NORTHSHIRE, "-f", "json")[1]
    )
    code, _, err = tor(NORTHSHIRE, "-f", "markdown", "-o", str(tmp_path / "t.json"))
    assert code == 2 and "--format markdown does not match" in err
    code, _, err = tor(NORTHSHIRE, "-f", "json", "-o", str(tmp_path / "t.md"))
    assert code == 2 and "--format json does not match" in err and ".json" in err


def test_json_with_a_template_is_a_usage_error(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("{{ body.name }}\n", encoding="utf-8")
    for args in (("-f", "json"), ("-o", str(tmp_path / "out.json"))):
        code, out, err = tor(NORTHSHIRE, "--template", str(template), *args)
        assert code == 2 and out == ""
        assert "--template" in err and "json" in err
    assert not (tmp_path / "out.json").exists()


def test_split_sections_ignores_headings_in_fenced_code() -> None:
    text = (
        "# Title\n\nintro\n\n## One\n\na\n\n```markdown\n## not a heading\n```\n\n"
        "## Two\n~~~~\n## nor this\n~~~\nstill fenced\n~~~~\nb\n\n"
    )
    assert split_sections(text) == [
        {"heading": "One", "markdown": "a\n\n```markdown\n## not a heading\n```"},
        {"heading": "Two", "markdown": "~~~~\n## nor this\n~~~\nstill fenced\n~~~~\nb"},
    ]
    assert split_sections("# Title only\n") == []


# -- json: input errors ------------------------------------------------------------------------


def _error_object(out: str) -> list[dict]:
    doc = json.loads(out)
    assert list(doc) == ["version", "errors", "files"]
    assert doc["version"] == 1 and doc["files"] == []
    assert doc["errors"] and all(list(e) == ERROR_KEYS for e in doc["errors"])
    return doc["errors"]


def test_json_missing_file_writes_the_error_object() -> None:
    code, out, err = tor("no-such-membership.yaml", "-f", "json")
    assert code == 2
    [error] = _error_object(out)
    assert error["path"] == "no-such-membership.yaml"
    assert error["line"] is None and error["column"] is None
    assert "no such file" in error["message"]
    assert err.startswith("no-such-membership.yaml: no such file")


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("version: 1\nbodies: [unclosed\n", "YAML"),  # invalid YAML
        ("version: 1\nsystem: {name: S}\nbodies:\n  icp:\n    type: icp\n"
         "    members:\n      - {name: Ann, orgnisation: X}\n", "organisation"),  # invalid file
    ],
)  # fmt: skip
def test_json_invalid_input_writes_the_error_object_and_stderr_lines(
    tmp_path: Path, text: str, expect: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = tor(str(path), "--format", "json")
    assert code == 2
    errors = _error_object(out)
    assert all(e["path"] == str(path) for e in errors)
    assert all(isinstance(e["line"], int) and isinstance(e["column"], int) for e in errors)
    for e in errors:
        assert f"{path}:{e['line']}:{e['column']}: " in err
    assert expect.lower() in (out + err).lower()
    assert "Traceback" not in err


def test_other_formats_keep_stdout_empty_on_input_errors() -> None:
    for fmt in ("text", "markdown", "html"):
        code, out, err = tor("no-such-membership.yaml", "-f", fmt)
        assert code == 2 and out == "" and "no such file" in err
