"""`icp diff` as a user runs it: what changed between two drafts, the findings matched by
code, body and people (never by line), the three formats and the exit code rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.check.findings import Finding, Severity
from icp_cli.cli import app
from icp_cli.design.diff import diff_findings
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
ROOT = SAMPLES["northshire"].parent.parent
DRAFT_3 = "tests/fixtures/diff/draft-3.yaml"
DRAFT_4 = "tests/fixtures/diff/draft-4.yaml"
FIRST = "sample_systems/first-draft.yaml"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["diff", *args], env={"NO_COLOR": "1"})


def as_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def body(doc: dict, body_id: str) -> dict:  # type: ignore[type-arg]
    return next(b for b in doc["bodies"] if b["id"] == body_id)


# --------------------------------------------------------------------------- the same file


@pytest.mark.parametrize("args", [(FIRST,), (FIRST, FIRST)])
def test_a_file_compared_with_itself_is_empty(args: tuple[str, ...]) -> None:
    doc = as_json(*args)
    assert doc["bodies"] == [] and doc["moved"] == []
    assert doc["findings"]["new"] == doc["findings"]["fixed"] == doc["findings"]["changed"] == []
    assert len(doc["findings"]["unchanged"]) == 34
    text = invoke(*args)
    assert text.exit_code == 0
    assert "No changes: the seats, people and findings are the same." in text.stdout


def test_findings_are_matched_without_lines(tmp_path: Path) -> None:
    """Comments, blank lines and reordered keys move every finding's line: still no change."""
    moved = tmp_path / "moved.yaml"
    text = Path(FIRST).read_text(encoding="utf-8")
    moved.write_text("# a new heading\n\n\n" + text, encoding="utf-8")
    doc = as_json(FIRST, str(moved))
    assert doc["bodies"] == [] and doc["moved"] == []
    assert doc["findings"]["new"] == doc["findings"]["fixed"] == []
    assert {f["line"] for f in doc["findings"]["unchanged"]} != set()


# --------------------------------------------------------------------------- two drafts


def test_seats_added_removed_and_changed() -> None:
    doc = as_json(DRAFT_3, DRAFT_4)
    icp = body(doc, "icp")
    assert icp["status"] == "changed"
    assert icp["members"] == [6, 5]
    assert icp["added"] == [
        {"person": "ann lee", "name": "Ann Lee", "seat": ["vcse"], "attendance": "member"}
    ]
    assert [r["person"] for r in icp["removed"]] == ["sam-hughes"]
    assert {(c["person"], c["field"], c["old"], c["new"]) for c in icp["changed"]} == {
        ("rosa patel", "attendance", "member", "participant"),
        (
            "jo smith",
            "role",
            "Director of Public Health",
            "Director of Public Health, Testshire Council",
        ),
    }
    assert icp["shares"] == {"D202": [0.17, 0.0], "B501": [0.33, 0.2]}


def test_people_are_matched_by_normalised_name() -> None:
    """ "Dr Jo Smith" in one draft and "Jo Smith" in the next are one person: a changed
    role, not a seat removed and another added."""
    icp = body(as_json(DRAFT_3, DRAFT_4), "icp")
    assert "jo smith" not in [s["person"] for s in icp["added"] + icp["removed"]]


def test_a_renamed_body_is_removed_and_added() -> None:
    doc = as_json(DRAFT_3, DRAFT_4)
    old, new = body(doc, "quality"), body(doc, "quality-committee")
    assert (old["status"], old["members"]) == ("removed", [2, None])
    assert (new["status"], new["members"]) == ("added", [None, 2])
    assert [s["name"] for s in old["removed"]] == ["Meg Ford", "Pat Rowe"]
    assert [s["name"] for s in new["added"]] == ["Meg Ford", "Pat Rowe"]


def test_a_person_who_moved_is_one_moved_entry() -> None:
    moved = as_json(DRAFT_3, DRAFT_4)["moved"]
    sam = [m for m in moved if m["person"] == "sam-hughes"]
    assert sam == [
        {"person": "sam-hughes", "name": "Prof Sam Hughes", "from": ["icb", "icp"], "to": ["icb"]}
    ]
    # Someone new is an added seat, not a move.
    assert "ann lee" not in [m["person"] for m in moved]


def test_findings_new_and_fixed() -> None:
    findings = as_json(DRAFT_3, DRAFT_4)["findings"]
    assert [(f["code"], f["body"]) for f in findings["new"]] == [("R304", "icb"), ("D201", "icp")]
    assert [(f["code"], f["body"]) for f in findings["fixed"]] == [("V403", "icp"), ("D201", "icp")]
    fixed_d201 = findings["fixed"][1]
    assert fixed_d201["people"] == ["ann-jones", "sam-hughes"]
    assert set(findings["fixed"][0]) >= {"code", "body", "people"}


def _finding(code: str, severity: Severity, line: int, people: tuple[str, ...] = ()) -> Finding:
    return Finding("f.yaml", code, "name", severity, "message", line, 1, "icp", people)


def test_findings_match_as_multisets_and_report_changed_severity() -> None:
    old = [
        _finding("R301", Severity.ERROR, 10),
        _finding("G702", Severity.INFO, 20, ("a",)),
        _finding("G702", Severity.INFO, 30, ("a",)),
    ]
    new = [_finding("R301", Severity.INFO, 99), _finding("G702", Severity.INFO, 5, ("a",))]
    result = diff_findings(old, new)
    assert [(o.severity, n.severity) for o, n in result.changed] == [
        (Severity.ERROR, Severity.INFO)
    ]
    assert [f.line for f in result.unchanged] == [5]
    assert [f.line for f in result.fixed] == [30]
    assert result.new == []
    # A finding newly more severe counts for the exit code; a milder one does not.
    assert result.failing(Severity.ERROR) == []
    assert diff_findings(new, old).failing(Severity.ERROR)[0].code == "R301"


# --------------------------------------------------------------------------- exit codes


def test_exit_code_follows_fail_on() -> None:
    # Draft 4 adds a warning (R304) and an info (D201), no error.
    assert invoke(DRAFT_3, DRAFT_4).exit_code == 0
    assert invoke(DRAFT_3, DRAFT_4, "--fail-on", "warning").exit_code == 1
    assert invoke(DRAFT_3, DRAFT_4, "--fail-on", "never").exit_code == 0
    # Backwards, R304 is fixed and V403 is new (a warning).
    assert invoke(DRAFT_4, DRAFT_3, "--fail-on", "warning").exit_code == 1
    assert invoke(DRAFT_4, DRAFT_3, "--fail-on", "info").exit_code == 1


def test_input_errors_in_either_file_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("system: {name: X}\nbodies:\n  icp: {type: icpp, members: []}\n")
    for args in ((str(bad), DRAFT_4), (DRAFT_3, str(bad)), (DRAFT_3, str(tmp_path / "no.yaml"))):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output
    result = invoke(DRAFT_3, str(bad), "--format", "json")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["errors"][0]["path"] == str(bad) and doc["errors"][0]["line"] == 3


# --------------------------------------------------------------------------- regimes


def test_regime_options_name_each_side() -> None:
    doc = as_json(FIRST, "--new-regime", "health-bill-2026")
    assert doc["old"] == {"path": FIRST, "regime": "act-2022"}
    assert doc["new"] == {"path": FIRST, "regime": "health-bill-2026"}
    text = invoke(FIRST, "--new-regime", "health-bill-2026").stdout
    assert "Regime: act-2022 → health-bill-2026" in text
    assert "health-bill-2026 is proposed" in text
    both = as_json(DRAFT_3, DRAFT_4, "--regime", "health-bill-2026")
    assert both["old"]["regime"] == both["new"]["regime"] == "health-bill-2026"


def test_unknown_regime_is_a_usage_error() -> None:
    result = invoke(FIRST, "--new-regime", "health-bill-2030")
    assert result.exit_code == 2


def test_each_side_is_checked_under_its_regime(monkeypatch: pytest.MonkeyPatch) -> None:
    """One call per side, naming the side's regime (the regime registry plugs in there)."""
    import icp_cli.commands.diff as command

    seen: list[str | None] = []
    real = command.check_membership

    def spy(m, options, *, regime=None):  # type: ignore[no-untyped-def]
        seen.append(regime)
        return real(m, options, regime=regime)

    monkeypatch.setattr(command, "check_membership", spy)
    invoke(FIRST, "--new-regime", "health-bill-2026")
    # No --regime: the old side is checked under the file's own regime (None asks for it).
    assert seen == [None, "health-bill-2026"]


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden_outputs(fmt: str, suffix: str) -> None:
    result = invoke(DRAFT_3, DRAFT_4, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_golden(f"diff-draft-3-draft-4.{suffix}", result.stdout)


def test_markdown_escapes_user_text(tmp_path: Path) -> None:
    old = Path(DRAFT_3).read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(old.replace("name: Carl Dean", "name: Carl *Dean* <b>x</b>"), encoding="utf-8")
    out = invoke(DRAFT_3, str(new), "--format", "markdown").stdout
    assert "Carl \\*Dean\\* \\<b\\>x\\</b\\>" in out
    assert "<b>" not in out


def test_output_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    assert invoke(DRAFT_3, DRAFT_4, "--format", "markdown", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# icp diff")
    assert invoke(DRAFT_3, DRAFT_4, "-o", str(target)).exit_code == 2
    assert invoke(DRAFT_3, DRAFT_4, "-o", str(target), "--force").exit_code == 0


def test_rich_text_on_a_terminal_has_the_same_words() -> None:
    plain = invoke(DRAFT_3, DRAFT_4).stdout
    result = runner.invoke(app, ["diff", DRAFT_3, DRAFT_4], env={"FORCE_COLOR": "1"})
    styled = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert [line.rstrip() for line in styled.splitlines()][:12] == plain.splitlines()[:12]


def test_piped_diff_and_slim_load_no_heavy_library(tmp_path: Path) -> None:
    from test_lazy_imports import loaded

    assert loaded("diff", str(ROOT / DRAFT_3), str(ROOT / DRAFT_4), cwd=tmp_path) == []
    assert loaded("diff", str(ROOT / DRAFT_3), "--format", "json", cwd=tmp_path) == []
    small = ROOT / DRAFT_3
    assert loaded("slim", str(small), "--body", "icp", "--to", "4", cwd=tmp_path) == []


def test_engagement_routes_are_compared_by_name() -> None:
    doc = as_json(DRAFT_3, DRAFT_4)
    assert doc["engagement"] == [
        {
            "name": "Testshire People's Panel",
            "status": "changed",
            "changed": [
                {
                    "field": "involves",
                    "old": ["lived-experience"],
                    "new": ["lived-experience", "vcse"],
                }
            ],
        }
    ]
    assert as_json(DRAFT_3)["engagement"] == []


def test_a_proposed_regime_is_said_once_in_json() -> None:
    doc = as_json(FIRST, "--new-regime", "health-bill-2026")
    assert doc["regime"] == {
        "name": "health-bill-2026",
        "status": "proposed",
        "as_introduced": "2026-05-14",
    }
    assert "regime" not in as_json(FIRST)
