"""Regimes (regimes.md): the registry, how a run chooses one, what the Bill changes, and how
every output says a proposed regime is in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import check_text, note_texts
from typer.testing import CliRunner

from icp_cli.check import regimes
from icp_cli.check.engine import CheckOptions, check_membership, check_path
from icp_cli.check.findings import Severity
from icp_cli.check.rules.registry import all_rules, rules_by_code
from icp_cli.cli import app
from icp_cli.load.builder import load_text
from icp_cli.load.errors import UsageError
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
DRAFT = SAMPLES["first-draft"]
CLEAN = SAMPLES["northshire"]
BILL = "health-bill-2026"
NOTICE = regimes.HEALTH_BILL_2026.notice


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No project configuration is found from here unless a test writes one.
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


# A file with one gap of each kind the Bill treats differently.
GAPS = """\
system:
  name: Test ICS
  local_authorities: [Northtown Council, Southtown Council]
bodies:
  icb:
    type: icb
    chair: Ann Chair
    members:
      - name: Ann Chair
        seat: chair
      - name: Bob Chief
        seat: chief-executive
      - name: Cat Trust
        seat: partner-trusts
      - name: Dan GP
        seat: clinical-lead
      - name: Eve Nonexec
        seat: non-executive
  icp:
    type: icp
    chair: Fay Lead
    members:
      - name: Fay Lead
        organisation: Northtown Council
        sector: local-government
  hwb:
    type: hwb
    chair: Cllr Gil Hale
    members:
      - name: Cllr Gil Hale
      - name: Hal Adults
        seat: director-adult-social-services
      - name: Ida Children
        seat: director-childrens-services
      - name: Jo Health
        seat: director-public-health
      - name: Kim Board
        seat: icb-representative
"""


def _by_code(result):  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.code, []).append(f)
    return out


# -- the registry -----------------------------------------------------------------------------


def test_the_registry_holds_the_two_regimes_default_first() -> None:
    assert regimes.names()[:2] == ("act-2022", BILL)
    assert regimes.DEFAULT == "act-2022"
    assert regimes.default().status == "in force"
    bill = regimes.get(BILL)
    assert bill.proposed
    assert bill.as_dict() == {"name": BILL, "status": "proposed", "as_introduced": "2026-05-14"}


def test_every_change_names_a_known_rule_and_a_source() -> None:
    codes = set(rules_by_code())
    for regime in regimes.REGIMES.values():
        for code, change in regime.changes.items():
            assert code in codes or code in ("R310", "R311"), (regime.name, code)
            assert change.why
            if regime.proposed:
                assert change.sources, (regime.name, code)


def test_the_bill_changes_what_regimes_md_lists() -> None:
    bill = regimes.get(BILL)
    rules = rules_by_code()
    assert bill.severity(rules["R301"]) == Severity.INFO
    assert bill.severity(rules["R302"]) == Severity.INFO
    assert bill.severity(rules["V402"]) is None
    assert bill.severity(rules["R303"]) == Severity.ERROR
    assert bill.change("R303").drop == {"partner-local-authority"}  # type: ignore[union-attr]
    assert bill.change("R306").drop == {"healthwatch"}  # type: ignore[union-attr]
    for code in ("V401", "V403", "V404", "V405", "V406", "V407", "V408", "V409", "S101",
                 "D202", "B501"):  # fmt: skip
        change = bill.change(code)
        assert change is not None and "if the partnership is kept" in (change.append or "")
        assert bill.severity(rules[code]) == rules[code].severity
    assert "Secretary of State" in bill.effective(rules["C604"]).source  # type: ignore[union-attr]
    # Everything else is the same as under act-2022.
    for code in ("S102", "D201", "R304", "R305", "C601", "G701"):
        assert bill.change(code) is None
        assert bill.effective(rules[code]) is rules[code]


def test_unknown_names_are_usage_errors_listing_the_valid_ones() -> None:
    with pytest.raises(UsageError) as caught:
        regimes.get("health-bill")
    assert "unknown regime 'health-bill'" in caught.value.message
    assert "act-2022, health-bill-2026" in (caught.value.hint or "")
    assert "did you mean 'health-bill-2026'" in (caught.value.hint or "")


def test_precedence_command_line_then_file_then_configuration() -> None:
    assert regimes.resolve(None, None, None).name == "act-2022"
    assert regimes.resolve(None, None, BILL).name == BILL
    assert regimes.resolve(None, "act-2022", BILL).name == "act-2022"
    assert regimes.resolve(BILL, "act-2022", "act-2022").name == BILL


# -- what a check finds -----------------------------------------------------------------------


def test_the_default_run_is_the_law_in_force() -> None:
    found = _by_code(check_text(GAPS))
    assert {f.severity for f in found["R301"]} == {Severity.ERROR}
    assert any("partner-local-authority" in f.message for f in found["R303"])
    assert any("Healthwatch" in f.message for f in found["R306"])
    assert "V402" in found
    result = check_text(GAPS)
    assert result.regime == "act-2022"
    assert not any("R310" in n or "R311" in n for n in note_texts(result))


def test_the_bill_gives_the_differences_regimes_md_lists() -> None:
    m = load_text(GAPS, "membership.yaml")
    act = _by_code(check_membership(m))
    bill_result = check_membership(m, regime=BILL)
    bill = _by_code(bill_result)
    assert bill_result.regime == BILL
    # R301/R302: info, and the message says the duty would be removed.
    (r301,) = bill["R301"]
    assert r301.severity == Severity.INFO
    assert "statutory duty to set up an integrated care partnership would be removed" in (
        r301.message
    )
    assert r301.message.startswith(act["R301"][0].message)
    # R303: the local-authority partner gap goes; the other gaps stay errors.
    assert not any("partner-local-authority" in f.message for f in bill["R303"])
    assert len(bill["R303"]) == len(act["R303"]) - 1
    assert {f.severity for f in bill["R303"]} == {Severity.ERROR}
    # R306: the Healthwatch gap goes.
    assert "R306" not in bill
    # V402 does not run, and a note says so; V407 still asks for lived experience.
    assert "V402" not in bill and "V407" in bill
    assert any(n.startswith("V402 did not run: the regime health-bill-2026") for n in
               note_texts(bill_result))  # fmt: skip
    assert "if the partnership is kept" in bill["V407"][0].message
    assert bill["V407"][0].severity == act["V407"][0].severity


def test_regime_in_check_options_and_the_parameter_wins() -> None:
    m = load_text(GAPS, "membership.yaml")
    assert check_membership(m, CheckOptions(regime=BILL)).regime == BILL
    assert check_membership(m, CheckOptions(default_regime=BILL)).regime == BILL
    assert check_membership(m, CheckOptions(regime=BILL), regime="act-2022").regime == "act-2022"
    assert check_path(DRAFT, regime=BILL).regime == BILL


def test_ignored_and_selected_rules_still_apply_the_regime() -> None:
    result = check_text(GAPS, select=("V402",))
    assert {f.code for f in result.findings} == {"V402"}
    m = load_text(GAPS, "membership.yaml")
    bill = check_membership(m, CheckOptions(select=("R301",)), regime=BILL)
    assert [f.severity for f in bill.findings] == [Severity.INFO]


# -- the command line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("check", str(DRAFT)),
        ("overlap", str(DRAFT)),
        ("terms-of-reference", str(DRAFT)),
        ("rules",),
        ("explain", "R301"),
    ],
)
def test_unknown_regime_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = invoke(*args, "--regime", "bill-2026")
    assert result.exit_code == 2
    assert "unknown regime 'bill-2026'" in result.stderr
    assert "act-2022, health-bill-2026" in result.stderr


def test_check_text_says_so_on_its_first_line_once() -> None:
    result = invoke("check", str(DRAFT), "--regime", BILL)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == NOTICE
    assert result.stdout.count("Regime health-bill-2026 (proposed)") == 1


def test_check_text_under_the_default_regime_says_nothing() -> None:
    result = invoke("check", str(DRAFT))
    assert "Regime" not in result.stdout and "health-bill" not in result.stdout


def test_check_json_carries_the_regime_at_the_top_level() -> None:
    doc = json.loads(invoke("check", str(DRAFT), "--regime", BILL, "-f", "json").stdout)
    assert doc["regime"] == {"name": BILL, "status": "proposed", "as_introduced": "2026-05-14"}
    assert "regime" not in doc["files"][0]
    plain = json.loads(invoke("check", str(DRAFT), "-f", "json").stdout)
    assert "regime" not in plain
    codes = {f["code"]: f["severity"] for f in doc["files"][0]["findings"]}
    assert codes["R301"] == "info"


def test_check_sarif_carries_the_regime_as_a_run_property() -> None:
    doc = json.loads(invoke("check", str(DRAFT), "--regime", BILL, "-f", "sarif").stdout)
    run = doc["runs"][0]
    assert run["properties"]["regime"]["name"] == BILL
    assert run["properties"]["regime"]["status"] == "proposed"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    assert levels["R301"] == "note"
    plain = json.loads(invoke("check", str(DRAFT), "-f", "sarif").stdout)
    assert "properties" not in plain["runs"][0]


def test_check_markdown_and_github_say_so_once() -> None:
    md = invoke("check", str(DRAFT), "--regime", BILL, "-f", "markdown").stdout
    assert md.count("Regime health-bill-2026") == 1
    assert md.splitlines()[2].startswith("> **Regime health-bill-2026")
    gh = invoke("check", str(DRAFT), "--regime", BILL, "-f", "github").stdout
    assert gh.splitlines()[0].startswith("::notice title=Regime::Regime health-bill-2026")


BILL_FILE = GAPS + "policy:\n  regime: health-bill-2026\n"


def test_the_file_names_its_regime_and_the_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(BILL_FILE)
    assert invoke("check", "a.yaml").stdout.splitlines()[0] == NOTICE
    assert "Regime" not in invoke("check", "a.yaml", "--regime", "act-2022").stdout
    # The file's regime wins over the configuration's.
    (tmp_path / "pyproject.toml").write_text('[tool.icp]\nregime = "act-2022"\n')
    assert invoke("check", "a.yaml").stdout.splitlines()[0] == NOTICE
    # Overlap and terms of reference follow the file too.
    assert invoke("overlap", "a.yaml").stdout.splitlines()[0] == NOTICE
    assert NOTICE in invoke("terms-of-reference", "a.yaml").stdout


def test_unknown_regime_in_the_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GAPS + "policy:\n  regime: bill-2026\n")
    result = invoke("check", "a.yaml")
    assert result.exit_code == 2
    assert "a.yaml:40:11: unknown regime 'bill-2026'" in result.stderr


def test_files_under_different_regimes_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GAPS)
    (tmp_path / "b.yaml").write_text(BILL_FILE)
    text = invoke("check", "a.yaml", "b.yaml").stdout
    assert text.splitlines()[0] == f"{NOTICE} Applies to: b.yaml."
    doc = json.loads(invoke("check", "a.yaml", "b.yaml", "-f", "json").stdout)
    assert doc["regime"]["name"] == BILL
    assert [f["regime"] for f in doc["files"]] == ["act-2022", BILL]


def test_configuration_regime_applies_and_the_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.icp]\nregime = "health-bill-2026"\n')
    (tmp_path / "a.yaml").write_text(GAPS)
    assert invoke("check", "a.yaml").stdout.splitlines()[0] == NOTICE
    assert "Regime" not in invoke("check", "a.yaml", "--regime", "act-2022").stdout
    assert invoke("rules").stdout.splitlines()[0] == NOTICE


def test_unknown_configuration_regime_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.icp]\nregime = "bill"\n')
    (tmp_path / "a.yaml").write_text(GAPS)
    result = invoke("check", "a.yaml")
    assert result.exit_code == 2
    assert "regime: unknown regime 'bill'" in result.stderr
    assert "act-2022, health-bill-2026" in result.stderr


# -- rules and explain ------------------------------------------------------------------------


def _severities(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in rules_by_code():
            out[parts[0]] = " ".join(parts[2:4]) if parts[2] == "not" else parts[2]
    return out


def test_rules_shows_severities_under_the_regime() -> None:
    act = invoke("rules")
    bill = invoke("rules", "--regime", BILL)
    assert act.exit_code == bill.exit_code == 0
    assert "Regime" not in act.stdout
    assert bill.stdout.splitlines()[0] == NOTICE
    before, after = _severities(act.stdout), _severities(bill.stdout)
    assert before["R301"] == "error" and after["R301"] == "info"
    assert before["V402"] == "warning" and after["V402"] == "not run"
    assert before["S102"] == after["S102"] == "info"


def test_rules_json_under_the_regime() -> None:
    doc = json.loads(invoke("rules", "--regime", BILL, "-f", "json").stdout)
    assert doc["regime"]["name"] == BILL
    by_code = {r["code"]: r for r in doc["rules"]}
    assert by_code["V402"]["severity"] is None
    assert by_code["R302"]["severity"] == "info"
    assert "Secretary of State" in by_code["C604"]["source"]
    assert "regime" not in json.loads(invoke("rules", "-f", "json").stdout)


def test_explain_under_the_bill_says_what_changes_and_why_with_the_source() -> None:
    text = invoke("explain", "R303", "--regime", BILL).stdout
    assert text.startswith(f"> **{NOTICE}**")
    assert "## Under health-bill-2026 (proposed)" in text
    assert "County Councils Network" in text and "(bill text via a stakeholder)" in text
    v402 = invoke("explain", "V402", "--regime", BILL).stdout
    assert "**Severity:** not run" in v402 and "Nuffield Trust" in v402
    r305 = invoke("explain", "R305", "--regime", BILL).stdout
    assert "Unchanged as far as the published material shows." in r305


def test_explain_shows_a_table_of_every_regime() -> None:
    text = invoke("explain", "R301").stdout
    assert "## Regimes" in text
    assert "| act-2022 | in force | error |" in text
    assert "| health-bill-2026 | proposed | info |" in text
    doc = json.loads(invoke("explain", "V402", "-f", "json").stdout)
    assert [(r["name"], r["severity"]) for r in doc["regimes"]] == [
        ("act-2022", "warning"), (BILL, None),
    ]  # fmt: skip
    assert doc["regimes"][1]["sources"][0]["confidence"] == "bill text via secondary sources"


def test_every_rule_explains_itself_under_every_regime() -> None:
    for rule in all_rules():
        for name in regimes.names():
            result = invoke("explain", rule.code, "--regime", name)
            assert result.exit_code == 0, (rule.code, name)


# -- overlap and terms of reference -----------------------------------------------------------


def test_overlap_says_so_once_in_every_format() -> None:
    text = invoke("overlap", str(CLEAN), "--regime", BILL).stdout
    assert text.splitlines()[0] == NOTICE
    doc = json.loads(invoke("overlap", str(CLEAN), "--regime", BILL, "-f", "json").stdout)
    assert doc["regime"]["status"] == "proposed"
    md = invoke("overlap", str(CLEAN), "--regime", BILL, "-f", "markdown").stdout
    assert md.startswith("> **Regime health-bill-2026")
    assert "Regime" not in invoke("overlap", str(CLEAN)).stdout


def _tor(*args: str) -> str:
    result = invoke("terms-of-reference", str(DRAFT), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_tor_banner_under_the_bill_only() -> None:
    bill = _tor("--regime", BILL)
    assert bill.splitlines()[2].startswith(f"**{NOTICE}**")
    assert bill.count("Regime health-bill-2026") == 1
    assert "Regime" not in _tor()
    doc = json.loads(_tor("--regime", BILL, "-f", "json"))
    assert doc["regime"]["name"] == BILL


def test_tor_icp_set_up_by_agreement_with_duties_proposed_to_change() -> None:
    act, bill = _tor(), _tor("--regime", BILL)
    assert "must establish (Local Government and Public Involvement in Health Act 2007" in act
    assert "set up by agreement of its members, not under section 116ZA" in bill
    assert "must establish" not in bill.split("## Purpose")[0]
    assert "current law, proposed to change" in bill
    assert "current law, proposed to change" not in act


def test_tor_icb_names_the_secretary_of_state_for_nhs_england() -> None:
    act, bill = _tor("--body", "icb"), _tor("--body", "icb", "--regime", BILL)
    assert "NHS England" in act
    body = bill.split("## Drafting notes")[0]
    assert "NHS England" not in body
    assert "established by order of the Secretary of State" in body
    assert "accountable to the Secretary of State" in body


def test_tor_hwb_has_no_healthwatch_seat_under_the_bill() -> None:
    act = _tor("--body", "hwb-eastmere")
    bill = _tor("--body", "hwb-eastmere", "--regime", BILL)
    membership = bill.split("## Membership")[1].split("## Chair")[0]
    assert "Local Healthwatch organisation (HSCA 2012 s.194(2)(e))" in act
    assert "(HSCA 2012 s.194(2)(e))" not in membership
    assert "R306" not in bill


# -- R310 and R311 ---------------------------------------------------------------------------

MAYORAL = """\
system:
  name: Test ICS
  mayoral_authorities: [Merrow Combined Authority]
bodies:
  icb:
    type: icb
    members:
      - name: Ann Chair
        seat: chair
  hwb:
    type: hwb
    members:
      - name: Pat Voice
        seat: healthwatch
"""


def test_rules_of_the_bill_are_silent_under_the_law_in_force() -> None:
    result = check_text(MAYORAL, select=("R310", "R311"))
    assert result.findings == () and result.notes == ()
    bill = check_membership(load_text(MAYORAL, "m.yaml"), CheckOptions(select=("R3",)),
                            regime=BILL)  # fmt: skip
    found = {(f.code, f.severity) for f in bill.findings}
    assert ("R310", Severity.ERROR) in found and ("R311", Severity.INFO) in found


def test_rules_and_explain_of_r310_under_each_regime() -> None:
    act, bill = _severities(invoke("rules").stdout), _severities(
        invoke("rules", "--regime", BILL).stdout
    )
    assert act["R310"] == "not run" and act["R311"] == "not run"
    assert bill["R310"] == "error" and bill["R311"] == "info"
    text = invoke("explain", "R310", "--regime", BILL).stdout
    assert "10 Year Health Plan (July 2025)" in text and "(policy)" in text
    assert "**Severity:** not run" in invoke("explain", "R311").stdout


def test_tor_icb_has_a_mayoral_member_in_place_of_the_councils_partner(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MAYORAL)
    act = invoke("terms-of-reference", "m.yaml", "--body", "icb").stdout
    bill = invoke("terms-of-reference", "m.yaml", "--body", "icb", "--regime", BILL).stdout
    assert "A partner member nominated by the local authorities" in act
    assert "A partner member nominated by the local authorities" not in bill
    assert "A member nominated by the mayor of Merrow Combined Authority" in bill


def test_the_model_layer_names_the_same_regimes_as_the_registry() -> None:
    # vocab.py holds the names (the model layer imports nothing above it); the registry
    # holds what each regime changes. The two must name the same regimes, default first.
    from icp_cli import vocab
    from icp_cli.check import regimes

    assert tuple(regimes.REGIMES) == vocab.REGIMES
    assert regimes.default().name == vocab.REGIMES[0]
