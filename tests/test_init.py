"""`icp init`: a commented starter that loads, checks with only an empty draft's findings,
never replaces a file without --force, and asks questions only on a terminal."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from golden import assert_golden
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.commands import init
from icp_cli.load.builder import load_path, load_text

runner = CliRunner()

# What `icp check` says about a fresh starter: the statutory and guidance seats still to
# fill, per body, and nothing else (no input error, no finding about the starter itself).
EMPTY_DRAFT = Counter(
    {
        "R303": 6,  # ICB: chair, chief executive, three partner members, 3 ordinary members
        "R304": 4,  # ICB: finance, medical and nursing directors, two non-executives
        "R305": 1,  # ICB: mental health expertise
        "S104": 2,  # ICB and ICP have no member seats
        "R301": 1,  # ICP: one per council (the placeholder council)
        "R302": 1,  # ICP: the ICB's appointee
        "C601": 1,  # ICP: no chair
        **{f"V40{n}": 1 for n in range(1, 10)},  # ICP: every voice still missing
    }
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, env={"NO_COLOR": "1"})


def check_json(path: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = invoke("check", str(path), "--format", "json", "--fail-on", "error")
    return result.exit_code, json.loads(result.stdout)


def test_init_writes_a_starter_that_checks_with_only_an_empty_drafts_findings(
    here: Path,
) -> None:
    result = invoke("init")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Wrote membership.yaml: a starter for Example ICS.\n"
        "Next: add the members of each body, then run: icp check membership.yaml\n"
    )
    membership = load_path(here / "membership.yaml")
    assert membership.system.name == "Example ICS"
    assert membership.system.local_authorities == ("Example County Council",)
    assert {b.id: b.type for b in membership.bodies.values()} == {"icb": "icb", "icp": "icp"}

    code, report = check_json(here / "membership.yaml")
    assert code in (0, 1)
    assert "errors" not in report
    (file,) = report["files"]
    assert Counter(f["code"] for f in file["findings"]) == EMPTY_DRAFT
    assert file.get("notes", []) == []


def test_system_and_councils_from_options(here: Path) -> None:
    result = invoke(
        "init",
        "--system",
        "Northshire and Easton ICS",
        "--council",
        "Northshire County Council",
        "--council",
        "Easton City Council",
    )
    assert result.exit_code == 0, result.stderr
    m = load_path(here / "membership.yaml")
    assert m.system.name == "Northshire and Easton ICS"
    assert m.system.local_authorities == ("Northshire County Council", "Easton City Council")
    assert m.bodies["icb"].name == "NHS Northshire and Easton Integrated Care Board"
    assert m.bodies["icp"].name == "Northshire and Easton Integrated Care Partnership"
    text = (here / "membership.yaml").read_text(encoding="utf-8")
    assert "placeholder" not in text
    _, report = check_json(here / "membership.yaml")
    findings = report["files"][0]["findings"]
    assert Counter(f["code"] for f in findings) == EMPTY_DRAFT + Counter({"R301": 1})


def test_the_starter_is_commented_and_shows_each_part_of_the_format() -> None:
    result = invoke("init", "-")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for example in ("# people:", "#   - person: jane-okafor", "# engagement:", "# policy:"):
        assert example in text
    assert "name: Example ICS   # placeholder" in text
    assert_golden("init-starter.yaml", text)


def test_starter_validates_against_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    from icp_cli.render.json_schema import membership_schema

    data = YAML(typ="safe", pure=True).load(invoke("init", "-").stdout)
    assert list(jsonschema.Draft202012Validator(membership_schema()).iter_errors(data)) == []


def uncomment(text: str) -> str:
    """Do what the starter's comments say: drop the [] and remove the # of the examples."""
    out, started = [], False
    for line in text.splitlines():
        started = started or line == "version: 1"
        m = re.match(r"^(\s*)# (.*)$", line)
        if started and m and (m[2].startswith(("  ", "- ")) or re.match(r"[a-z_-]+:", m[2])):
            line = m[1] + m[2]
        out.append(re.sub(r"members: \[\]\s+# to fill in.*", "members:", line))
    return "\n".join(out) + "\n"


def test_uncommenting_the_examples_gives_a_file_that_loads() -> None:
    m = load_text(uncomment(invoke("init", "-").stdout))
    assert m.system.population == 1250000
    assert [s.name for s in m.bodies["icb"].members] == [
        "Dr Jane Okafor",
        "Sam Hughes",
        "Prof Ada Ward",
        "Dr Lee Grant",
    ]
    assert len(m.bodies["icp"].members) == 5 and len(m.bodies["icp"].vacancies) == 1
    assert m.bodies["icp"].chair_person is not None
    assert m.bodies["hwb-example"].reports_to == "icp"
    # format 1.1
    assert m.system.partly == frozenset({"Example District Council"})
    assert m.system.mayoral_authorities == ("Example Combined Authority",)
    assert m.bodies["icp"].also == ("hwb",)
    assert m.bodies["hwb-example"].in_common_with == ("icp",)
    assert m.bodies["icb-audit"].function == "audit"
    assert m.bodies["icb"].members[3].term_to is not None
    ali, mo = m.bodies["icp"].members[3:5]
    assert not ali.voting and mo.substitute_for_person is m.bodies["icp"].members[0].person
    assert m.policy.regime == "act-2022" and m.policy.values["term_warning_days"] == 90
    assert m.engagement[0].name == "VCSE Alliance Assembly"
    assert m.policy.ignore == ("V408",)
    assert dict(m.policy.max_members) == {"icp": 25, "icb": 22}


def test_refuses_to_replace_a_file_without_force(here: Path) -> None:
    target = here / "membership.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 2
    assert "membership.yaml: already exists; not replaced" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = invoke("init", "--force", "--system", "Test ICS")
    assert forced.exit_code == 0, forced.stderr
    assert load_path(target).system.name == "Test ICS"


def test_a_folder_gets_membership_yaml_inside(here: Path) -> None:
    (here / "ics").mkdir()
    result = invoke("init", "ics")
    assert result.exit_code == 0, result.stderr
    assert (here / "ics" / "membership.yaml").is_file()
    assert "Wrote ics/membership.yaml" in result.stdout


def test_another_file_name_appears_in_the_next_step(here: Path) -> None:
    result = invoke("init", "draft.yaml")
    assert result.exit_code == 0
    assert "icp check draft.yaml" in result.stdout
    assert "#     icp check draft.yaml" in (here / "draft.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--system", "  "], "--system is empty"),
        (["--council", "A Council", "--council", "a  council"], "given twice"),
        (["--system", "Two\nlines"], "one line"),
        (["missing/membership.yaml"], "does not exist"),
    ],
)
def test_bad_options_are_usage_errors(here: Path, args: list[str], message: str) -> None:
    result = invoke("init", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (here / "membership.yaml").exists()


def test_never_asks_when_piped(here: Path) -> None:
    # CliRunner's stdin is not a terminal: no question, placeholders instead.
    result = invoke("init", input="Should Not Be Read\n")
    assert result.exit_code == 0
    assert "?" not in result.stdout and "Name of" not in result.stdout
    assert load_path(here / "membership.yaml").system.name == "Example ICS"


def test_asks_on_a_terminal(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init, "can_prompt", lambda: True)
    answers = "Wessex ICS\nWessex County Council\nBourne Council\n\n"
    result = invoke("init", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Name of the Integrated Care System" in result.stdout
    m = load_path(here / "membership.yaml")
    assert m.system.name == "Wessex ICS"
    assert m.system.local_authorities == ("Wessex County Council", "Bourne Council")


def test_asks_only_what_the_options_leave_out(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init, "can_prompt", lambda: True)
    result = invoke("init", "--system", "Wessex ICS", input="Wessex County Council\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Name of the Integrated Care System" not in result.stdout
    assert load_path(here / "membership.yaml").system.local_authorities == (
        "Wessex County Council",
    )
    both = invoke("init", "x.yaml", "--system", "A ICS", "--council", "A Council", input="")
    assert both.exit_code == 0
    assert both.stdout.startswith("Wrote x.yaml")


def test_end_of_input_while_asking_writes_nothing(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init, "can_prompt", lambda: True)
    result = invoke("init", input="")
    assert result.exit_code == 2
    assert "nothing written" in result.stderr
    assert not (here / "membership.yaml").exists()


names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and s.strip().isprintable())


@settings(max_examples=150, deadline=None)
@given(system=names, councils=st.lists(names, max_size=3, unique_by=str.casefold))
def test_any_names_are_written_so_that_they_read_back(system: str, councils: list[str]) -> None:
    from icp_cli.load.errors import UsageError

    try:
        answers = init._answers(system, councils)
    except UsageError:
        return  # councils that are the same after folding: refused, nothing written
    m = load_text(init.render(answers, "membership.yaml"))
    assert m.system.name == system.strip()
    expected = tuple(c.strip() for c in councils) or ("Example County Council",)
    assert m.system.local_authorities == expected


def test_a_council_given_twice_is_asked_again_and_the_answers_kept(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init, "can_prompt", lambda: True)
    answers = "Wessex ICS\nWessex County Council\nwessex county council\nBourne Council\n\n"
    result = invoke("init", input=answers)
    assert result.exit_code == 0, result.stderr
    assert (
        "'wessex county council' is given already (as 'Wessex County Council'); give another "
        "council, or an empty answer to end the list."
    ) in " ".join(result.stdout.split())
    m = load_path(here / "membership.yaml")
    assert m.system.local_authorities == ("Wessex County Council", "Bourne Council")
