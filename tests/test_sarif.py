"""`icp check --format sarif|github`: valid SARIF 2.1.0, stable fingerprints, annotations."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli import __version__
from icp_cli.check.rules.registry import all_rules
from icp_cli.cli import app
from icp_cli.render.check.github import escape_data, escape_property
from icp_cli.render.check.sarif import artifact_location
from icp_cli.resources import sample_paths

jsonschema = pytest.importorskip("jsonschema")

runner = CliRunner()
SAMPLES = sample_paths()
SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES["northshire"].parent.parent)


def sample(name: str) -> str:
    return f"sample_systems/{name}.yaml"


def validate(doc: object) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert problems == []


def sarif(*args: str) -> tuple[dict, int]:  # type: ignore[type-arg]
    result = invoke("check", *args, "--format", "sarif")
    return json.loads(result.stdout), result.exit_code


def test_the_vendored_schema_is_the_published_one() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")


@pytest.mark.parametrize("name", ["first-draft", "northshire", "greater-wessex"])
def test_sarif_validates_against_the_2_1_0_schema(name: str) -> None:
    doc, code = sarif(sample(name))
    assert code in (0, 1)
    validate(doc)
    assert doc["version"] == "2.1.0"
    assert "sarif-schema-2.1.0.json" in doc["$schema"]


def test_sarif_with_input_errors_validates_and_reports_them_as_notifications(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("system: {name: X}\nbodies:\n  icp: {type: icpp, members: []}\n")
    doc, code = sarif(str(broken), sample("first-draft"), "missing.yaml")
    assert code == 2
    validate(doc)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert len(errors) == 2
    located = errors[0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"].endswith("broken.yaml")
    assert located["region"] == {"startLine": 3, "startColumn": 15}
    assert "unknown body type 'icpp'" in errors[0]["message"]["text"]
    assert "region" not in errors[1]["locations"][0]["physicalLocation"]  # no such file
    # The valid file is still checked and reported.
    assert doc["runs"][0]["results"]


def test_one_rule_descriptor_per_code_with_full_help() -> None:
    doc, _ = sarif(sample("northshire"))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    catalogue = all_rules()
    assert [r["id"] for r in rules] == [r.code for r in catalogue]
    for descriptor, rule in zip(rules, catalogue, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert rule.summary in descriptor["fullDescription"]["text"]
        assert rule.source in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] == rule.explanation
        assert descriptor["help"]["markdown"] == rule.explanation
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity.label]
        assert descriptor["properties"]["tags"]


def test_results_match_the_json_findings() -> None:
    doc, code = sarif(sample("first-draft"))
    findings = json.loads(invoke("check", sample("first-draft"), "--format", "json").stdout)[
        "files"
    ][0]["findings"]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert code == 1
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == LEVELS[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        if finding["hint"]:
            assert result["message"]["text"].endswith(finding["hint"])
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {
            "uri": "sample_systems/first-draft.yaml",
            "uriBaseId": "%SRCROOT%",
        }
        assert physical["region"] == {
            "startLine": finding["line"],
            "startColumn": finding["column"],
        }
    assert run["columnKind"] == "unicodeCodePoints"


def test_fingerprints_are_unique_and_do_not_depend_on_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, _ = sarif(sample("first-draft"))
    moved = tmp_path / "sample_systems" / "first-draft.yaml"
    moved.parent.mkdir()
    original = SAMPLES["first-draft"].read_text(encoding="utf-8")
    moved.write_text("# two lines added\n# above everything\n" + original, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the same relative path, two lines further down
    after, _ = sarif(sample("first-draft"))

    def lines(doc: dict) -> list[int]:  # type: ignore[type-arg]
        return [
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in doc["runs"][0]["results"]
        ]

    def prints(doc: dict) -> list[str]:  # type: ignore[type-arg]
        return [r["partialFingerprints"]["icpFinding/v1"] for r in doc["runs"][0]["results"]]

    assert lines(after) == [line + 2 for line in lines(before)]
    assert prints(after) == prints(before)
    assert len(set(prints(before))) == len(prints(before))


def test_fingerprints_ignore_changing_counts(tmp_path: Path) -> None:
    text = SAMPLES["first-draft"].read_text(encoding="utf-8")
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    (s102,) = sarif(str(path), "--select", "S102")[0]["runs"][0]["results"]
    assert "has 23 members" in s102["message"]["text"]
    icb = text.index("  icb:\n    type: icb\n")
    members = text.index("    members:\n", icb) + len("    members:\n")
    extra = "      - {name: Extra Person, organisation: Somewhere, sector: icb, role: Extra}\n"
    path.write_text(text[:members] + extra + text[members:], encoding="utf-8")
    (grown,) = sarif(str(path), "--select", "S102")[0]["runs"][0]["results"]
    assert "has 24 members" in grown["message"]["text"]
    assert grown["partialFingerprints"] == s102["partialFingerprints"]


def test_golden_sarif_for_the_first_draft() -> None:
    result = invoke("check", sample("first-draft"), "--format", "sarif")
    assert result.exit_code == 1
    stable = result.stdout.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    stable = stable.replace(f'"semanticVersion": "{__version__}"', '"semanticVersion": "VERSION"')
    assert_golden("check-first-draft.sarif", stable)


def test_exit_codes_follow_fail_on() -> None:
    assert sarif(sample("northshire"))[1] == 0
    assert sarif(sample("greater-wessex"), "--fail-on", "error")[1] == 0
    assert sarif(sample("greater-wessex"), "--fail-on", "info")[1] == 1
    assert sarif(sample("first-draft"))[1] == 1


def test_sarif_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "icp.sarif"
    result = invoke("check", sample("first-draft"), "--format", "sarif", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    validate(json.loads(out.read_text(encoding="utf-8")))
    again = invoke("check", sample("first-draft"), "--format", "sarif", "-o", str(out))
    assert again.exit_code == 2
    assert "already exists" in again.stderr


def test_absolute_paths_become_file_uris() -> None:
    assert artifact_location("/srv/ics/membership file.yaml") == {
        "uri": "file:///srv/ics/membership%20file.yaml"
    }
    assert artifact_location("drafts/v2 (final).yaml") == {
        "uri": "drafts/v2%20%28final%29.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_and_github_are_check_formats_only() -> None:
    for command in (["rules"], ["explain", "S101"]):
        for fmt in ("sarif", "github"):
            result = invoke(*command, "--format", fmt)
            assert result.exit_code == 2, (command, fmt)


# -- GitHub annotations -------------------------------------------------------------------

_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),title=([A-Z]\d{3}) ([a-z-]+)::"
)


def test_github_annotations_one_per_finding() -> None:
    result = invoke("check", sample("first-draft"), "--format", "github")
    assert result.exit_code == 1
    findings = json.loads(invoke("check", sample("first-draft"), "--format", "json").stdout)[
        "files"
    ][0]["findings"]
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if _ANNOTATION.match(line)]
    assert len(annotations) == len(findings)
    command = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(annotations, findings, strict=True):
        match = _ANNOTATION.match(line)
        assert match is not None
        kind, file, row, col, code, name = match.groups()
        assert (kind, code, name) == (
            command[finding["severity"]],
            finding["code"],
            finding["name"],
        )
        assert (file, int(row), int(col)) == (
            "sample_systems/first-draft.yaml",
            finding["line"],
            finding["column"],
        )
        assert "\n" not in line and "\r" not in line
    assert lines[-1] == "4 errors, 20 warnings, 10 infos in 1 file checked."
    assert any(line.startswith("::notice file=sample_systems/first-draft.yaml,line=") and
               "healthwach" in line for line in lines)  # fmt: skip


def test_github_input_errors_are_error_annotations(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("system: {name: X}\nbodies:\n  icp: {type: icpp, members: []}\n")
    result = invoke("check", str(broken), "--format", "github")
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={escape_property(str(broken))},line=3,col=15,")
    assert "unknown body type 'icpp'%0AHint: did you mean 'icp'?" in first


def test_github_escaping() -> None:
    assert escape_data("50% of 3\r\nseats") == "50%25 of 3%0D%0Aseats"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_check_does_not_import_the_export_libraries() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from icp_cli.cli import app\n"
        "CliRunner().invoke(app, ['check', 'sample_systems/northshire.yaml', "
        "'--format', 'sarif'])\n"
        "assert 'openpyxl' not in sys.modules\n"
        "assert 'jsonschema' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_each_rule_has_a_help_uri_to_its_docs_page_and_the_driver_an_information_uri() -> None:
    from icp_cli.render import links

    doc, _ = sarif(sample("first-draft"))
    validate(doc)
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == links.homepage()
    docs = Path(__file__).resolve().parent.parent / "docs"
    for rule in driver["rules"]:
        assert rule["helpUri"] == f"{links.documentation()}rules/{rule['id']}.md"
        assert (docs / "rules" / f"{rule['id']}.md").is_file(), rule["id"]


def test_the_links_are_the_projects_urls() -> None:
    import tomllib

    from icp_cli.render import links

    root = Path(__file__).resolve().parent.parent
    urls = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    # The fallback constants are the pyproject's addresses, so the two never disagree.
    assert (urls["Homepage"], urls["Documentation"]) == (links.HOMEPAGE, links.DOCUMENTATION)
    assert links.rule_page("S101").startswith(urls["Documentation"])


def test_the_links_come_from_the_installed_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    from icp_cli.render import links

    monkeypatch.setattr(
        links,
        "project_urls",
        lambda: {"homepage": "https://example.org/icp", "documentation": "https://example.org/d"},
    )
    assert links.homepage() == "https://example.org/icp"
    assert links.rule_page("D202") == "https://example.org/d/rules/D202.md"


def test_project_urls_are_read_from_project_url_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from email.message import Message
    from importlib import metadata

    from icp_cli.render import links

    meta = Message()
    meta["Project-URL"] = "Homepage, https://example.org/icp"
    meta["Project-URL"] = "Documentation, https://example.org/icp/docs/"
    monkeypatch.setattr(metadata, "metadata", lambda name: meta)
    assert links.project_urls.__wrapped__() == {
        "homepage": "https://example.org/icp",
        "documentation": "https://example.org/icp/docs/",
    }
