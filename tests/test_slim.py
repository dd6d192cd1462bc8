"""`icp slim` as a user relies on it: the result passes every rule with no new finding, the
protected seats stay, the choice is the one the preference order asks for (checked against
brute force on small bodies), and the edited file keeps every byte outside the moved seats."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from golden import assert_golden
from helpers import check_text
from typer.testing import CliRunner

from icp_cli.check.engine import CheckOptions, check_membership
from icp_cli.cli import app
from icp_cli.design import slim as slim_module
from icp_cli.design.slim import (
    Planner,
    Setting,
    apply_moves,
    default_route_name,
    new_findings,
    plan,
)
from icp_cli.load.builder import load_text
from icp_cli.load.source import compose
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
ROOT = SAMPLES["northshire"].parent.parent
FIRST = "sample_systems/first-draft.yaml"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["slim", *args], env={"NO_COLOR": "1"})


def slim_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- the first draft


def test_first_draft_icp_comes_down_to_25_with_no_new_finding(tmp_path: Path) -> None:
    out = tmp_path / "second-draft.yaml"
    result = invoke(FIRST, "--body", "icp", "--to", "25", "-o", str(out))
    assert result.exit_code == 0, result.output
    before = check_text(Path(FIRST).read_text(encoding="utf-8"), path=FIRST)
    after = check_text(out.read_text(encoding="utf-8"), path=FIRST)
    assert after.ok
    # Every rule ran on the written file: nothing fires that did not fire before.
    assert new_findings(before.findings, after.findings) == []
    assert {"S101", "D202", "D205"} <= {f.code for f in before.findings}
    assert not {"S101", "D202", "D205"} & {f.code for f in after.findings}
    m = load_text(out.read_text(encoding="utf-8"))
    assert sum(1 for s in m.bodies["icp"].members if s.is_member) == 25


def test_first_draft_plan_json() -> None:
    doc = slim_json(FIRST, "--body", "icp", "--to", "25")
    assert doc["version"] == 1 and doc["body"] == "icp"
    assert doc["members"] == [42, 25] and doc["target"] == 25
    assert len(doc["moves"]) == 17
    assert doc["reachable"] <= 25
    assert all(m["to"] == "route" and m["reason"] for m in doc["moves"])
    assert (
        doc["route"]["name"] == "Eastmere and Southvale Integrated Care Partnership wider partners"
    )
    assert "icb" in doc["route"]["involves"]
    moved = {m["person"] for m in doc["moves"]}
    # Never moved: the chair and the ICB appointee.
    assert not {"geoffrey-hammond", "pauline-okoro"} & moved
    # People who also sit on the ICB go first.
    assert doc["moves"][0]["person"] == "richard-fensome"
    assert {f["code"] for f in doc["findings_before"]} - {
        f["code"] for f in doc["findings_after"]
    } == {
        "S101",
        "D202",
        "D205",
    }
    assert doc["diff"].startswith(f"--- {FIRST}\n+++ {FIRST}\n")


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json")])
def test_first_draft_plan_golden(fmt: str, suffix: str) -> None:
    result = invoke(FIRST, "--body", "icp", "--to", "25", "--format", fmt)
    assert result.exit_code == 0
    assert_golden(f"slim-first-draft-icp-25.{suffix}", result.stdout)


def test_unreachable_target_says_why_and_exits_1(tmp_path: Path) -> None:
    copy = tmp_path / "draft.yaml"
    copy.write_bytes(Path(FIRST).read_bytes())
    doc = slim_json(str(copy), "--body", "icp", "--to", "5")
    assert doc["reached"] is False
    # The ICP's quorum is 12: fewer member seats would make G703 fire.
    assert doc["reachable"] == 12 and doc["members"] == [42, 12]
    whys = {b["person"]: b["why"] for b in doc["blocked"]}
    assert whys["geoffrey-hammond"] == "a chair of 'icp'"
    assert whys["pauline-okoro"] == "the ICB's appointee"
    assert any("G703" in why for why in whys.values())
    result = invoke(str(copy), "--body", "icp", "--to", "5", "--write")
    assert result.exit_code == 1
    assert "smallest size reachable is 12" in result.stdout
    assert copy.read_bytes() == Path(FIRST).read_bytes()  # not written


# --------------------------------------------------------------------------- editing the file


def seat_lines(text: str, body_id: str, indexes: list[int]) -> set[int]:
    """0-based lines of the given seats, from the first line of each to its last."""
    from icp_cli.design.slim_edit import _dash_line, _get, last_line

    lines = text.splitlines(keepends=True)
    members = _get(_get(_get(compose(text, "x"), "bodies"), body_id), "members")
    out: set[int] = set()
    for index in indexes:
        item = members.value[index]
        out.update(range(_dash_line(lines, item), last_line(item) + 1))
    return out


def test_write_keeps_every_other_byte(tmp_path: Path) -> None:
    copy = tmp_path / "draft.yaml"
    original = Path(FIRST).read_text(encoding="utf-8")
    copy.write_text(original, encoding="utf-8")
    doc = slim_json(str(copy), "--body", "icp", "--to", "25")
    result = invoke(str(copy), "--body", "icp", "--to", "25", "--write")
    assert result.exit_code == 0, result.output
    assert f"Written: {copy}" in result.stdout
    edited = copy.read_text(encoding="utf-8").splitlines(keepends=True)
    m = load_text(original)
    by_line = {s.pos.line: s.index for s in m.bodies["icp"].members}
    gone = seat_lines(original, "icp", [by_line[mv["line"]] for mv in doc["moves"]])
    kept = [line for i, line in enumerate(original.splitlines(keepends=True)) if i not in gone]
    # What was added: the new route, four lines, after the last engagement entry.
    import difflib

    ops = difflib.SequenceMatcher(a=kept, b=edited, autojunk=False).get_opcodes()
    changes = [(tag, edited[j1:j2]) for tag, _, _, j1, j2 in ops if tag != "equal"]
    assert changes == [
        (
            "insert",
            [
                "  - name: Eastmere and Southvale Integrated Care Partnership wider partners\n",
                "    type: assembly\n",
                "    reports_to: icp\n",
                "    involves: [nhs-acute, nhs-ambulance, icb, nhs-community, local-government]\n",
            ],
        )
    ]
    # Comments and blank lines all survive, in order.
    comments = [line for line in kept if line.strip().startswith("#") or not line.strip()]
    assert [line for line in edited if line.strip().startswith("#") or not line.strip()] == comments


def test_write_refuses_a_file_changed_since_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icp_cli.design.slim as slim_module

    copy = tmp_path / "draft.yaml"
    copy.write_bytes(Path(FIRST).read_bytes())
    real = slim_module.plan

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        copy.write_text(copy.read_text(encoding="utf-8") + "# edited by a colleague\n")
        return found

    monkeypatch.setattr(slim_module, "plan", meanwhile)
    result = invoke(str(copy), "--body", "icp", "--to", "25", "--write")
    assert result.exit_code == 2
    assert "changed since it was read; not written" in result.output
    assert copy.read_text(encoding="utf-8").endswith("# edited by a colleague\n")


def test_output_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("x")
    assert invoke(FIRST, "--body", "icp", "--to", "25", "-o", str(target)).exit_code == 2
    assert invoke(FIRST, "--body", "icp", "--to", "25", "-o", str(target), "--force").exit_code == 0
    assert load_text(target.read_text(encoding="utf-8")).bodies["icp"]


SMALL = """\
# Smallshire: a small partnership (fictional)
system:
  name: Smallshire ICS
  local_authorities: [Smallshire Council]
people:
  - {id: ann, name: Ann Able, organisation: NHS Smallshire ICB, sector: icb}
  - {id: ben, name: Ben Bold, organisation: Smallshire Hospitals, sector: nhs-acute}
bodies:
  icb:
    type: icb
    name: NHS Smallshire ICB
    members:
      - {person: ann, seat: chief-executive}
      - {person: ben, seat: partner-trusts}
      - {name: Cy Chair, sector: independent, seat: chair}
  icp:
    type: icp
    name: Smallshire Partnership
    chair: Cllr Cat Cole
    members:
      - {name: Cllr Cat Cole, organisation: Smallshire Council, sector: local-government, seat: councillor}
      - {person: ann, seat: icb-representative}
      - {person: ben}   # also on the ICB
      - {name: Dee Dale, organisation: Smallshire Hospitals, sector: nhs-acute}
      - {name: 'Eve Eden', organisation: Smallshire Hospitals, sector: nhs-acute}
      - {name: Gil Gray, organisation: Smallshire Council, sector: adult-social-care, seat: director-adult-social-services}
      - {name: Hal Hill, organisation: Smallshire Healthwatch, sector: healthwatch, seat: healthwatch}
      - {name: Ivy Ince, organisation: Smallshire Council, sector: public-health, seat: director-public-health}
      - name: 'Jo Joy'
        organisation: Smallshire Voluntary Action
        sector: vcse
"""  # noqa: E501


def test_flow_style_seats_and_a_file_without_routes(tmp_path: Path) -> None:
    copy = tmp_path / "small.yaml"
    copy.write_text(SMALL, encoding="utf-8")
    result = invoke(str(copy), "--body", "icp", "--to", "6", "--write")
    assert result.exit_code == 0, result.output
    text = copy.read_text(encoding="utf-8")
    assert text.startswith(SMALL.splitlines(keepends=True)[0])
    assert text.endswith(
        "engagement:\n  - name: Smallshire Partnership wider partners\n    type: assembly\n"
        "    reports_to: icp\n    involves: [nhs-acute, vcse, public-health]\n"
    )
    assert "{person: ann, seat: icb-representative}" in text  # flow style kept
    assert check_text(text).ok


def test_as_participant(tmp_path: Path) -> None:
    copy = tmp_path / "small.yaml"
    copy.write_text(SMALL, encoding="utf-8")
    doc = slim_json(str(copy), "--body", "icp", "--to", "6", "--as", "participant")
    assert doc["route"] is None and {m["to"] for m in doc["moves"]} == {"participant"}
    assert (
        invoke(str(copy), "--body", "icp", "--to", "6", "--as", "participant", "--write").exit_code
        == 0
    )
    text = copy.read_text(encoding="utf-8")
    assert "      - {person: ben, attendance: participant}   # also on the ICB\n" in text
    assert "        sector: vcse\n        attendance: participant\n" in text
    assert "engagement" not in text
    m = load_text(text)
    assert sum(1 for s in m.bodies["icp"].members if s.is_member) == 6


def test_into_an_existing_route(tmp_path: Path) -> None:
    copy = tmp_path / "small.yaml"
    routes = (
        "engagement:\n  - name: Provider Forum\n    type: network\n    reports_to: icp\n"
        "    involves:\n      - vcse\n"
    )
    copy.write_text(SMALL + routes, encoding="utf-8")
    result = invoke(str(copy), "--body", "icp", "--to", "6", "--into", "Provider Forum", "--write")
    assert result.exit_code == 0, result.output
    assert copy.read_text(encoding="utf-8").endswith(
        "      - vcse\n      - nhs-acute\n      - public-health\n"
    )
    wrong = invoke(str(copy), "--body", "icp", "--to", "6", "--into", "Provider Forums")
    assert wrong.exit_code == 2
    assert "did you mean 'Provider Forum'?" in wrong.output


def test_usage_errors() -> None:
    assert "did you mean 'icp'?" in invoke(FIRST, "--body", "icpp", "--to", "25").output
    assert invoke(FIRST, "--body", "icp", "--to", "-1").exit_code == 2
    both = invoke(FIRST, "--body", "icp", "--to", "25", "--write", "-o", "x.yaml")
    assert both.exit_code == 2
    missing = invoke("no-such.yaml", "--body", "icp", "--to", "25")
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_nothing_to_move() -> None:
    doc = slim_json(FIRST, "--body", "icp", "--to", "50")
    assert doc["moves"] == [] and doc["members"] == [42, 42] and doc["diff"] == ""


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    copy = tmp_path / "small.yaml"
    copy.write_bytes(b"\xef\xbb\xbf" + SMALL.replace("\n", "\r\n").encode("utf-8"))
    assert invoke(str(copy), "--body", "icp", "--to", "7", "--write").exit_code == 0
    data = copy.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Smallshire")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  - name: Smallshire Partnership wider partners\r\n" in data


def test_route_names_are_quoted_when_they_need_it(tmp_path: Path) -> None:
    copy = tmp_path / "small.yaml"
    copy.write_text(SMALL.replace("name: Smallshire Partnership", "name: 'Smallshire: #1'"))
    assert invoke(str(copy), "--body", "icp", "--to", "7", "--write").exit_code == 0
    text = copy.read_text(encoding="utf-8")
    assert '  - name: "Smallshire: #1 wider partners"\n' in text
    assert load_text(text).engagement[0].name == "Smallshire: #1 wider partners"


# --------------------------------------------------------------------------- brute force


def brute_force(text: str, body_id: str, target: int) -> tuple[list[str] | None, int]:
    """The preferred plan by enumeration: every ordered choice of seats whose every prefix
    adds no finding, the chair and the ICB appointee left alone; the lexicographically
    smallest by the preference at each step. Also the smallest size reachable."""
    m = load_text(text)
    body = m.bodies[body_id]
    setting = Setting(False, default_route_name(body), None)
    options = CheckOptions()
    planner = Planner(m, body, target, setting, options, None)
    before = check_membership(m, options).findings
    members = [s for s in body.members if s.is_member]
    movable = [s for s in members if s.name not in ("Cllr Cat Cole", "Ann Able")]
    verdicts: dict[frozenset[int], bool] = {}

    def fine(chosen: tuple) -> bool:  # type: ignore[type-arg]
        key = frozenset(id(s) for s in chosen)
        if key not in verdicts:
            after = check_membership(apply_moves(m, body, chosen, setting), options).findings
            verdicts[key] = not new_findings(before, after)
        return verdicts[key]

    best: tuple | None = None  # type: ignore[type-arg]
    deepest = 0
    wanted = len(members) - target
    for size in range(1, len(movable) + 1):
        found = False
        for order in itertools.permutations(movable, size):
            if all(fine(order[: i + 1]) for i in range(size)):
                found = True
                if size == wanted:
                    keys = []
                    remaining = list(members)
                    for seat in order:
                        keys.append(planner.preference(seat, remaining))
                        remaining.remove(seat)
                    if best is None or keys < best[0]:
                        best = (keys, [s.name for s in order])
        if found:
            deepest = size
        else:
            break
    return (best[1] if best else None), len(members) - deepest


VARIANTS = {
    "small": SMALL,
    # One seat per organisation: the over-limit organisation's seats go first.
    "org-limit": SMALL + "policy: {max_seats_per_organisation: 1}\n",
    # A quorum of 7 makes six seats the floor.
    "quorum": SMALL.replace(
        "    chair: Cllr Cat Cole\n", "    chair: Cllr Cat Cole\n    meetings: {quorum: 7}\n"
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("target", [8, 6, 4])
def test_plan_matches_brute_force(variant: str, target: int) -> None:
    text = VARIANTS[variant]
    expected, reachable = brute_force(text, "icp", target)
    m = load_text(text)
    body = m.bodies["icp"]
    found = plan(m, body, target, Setting(False, default_route_name(body), None), CheckOptions())
    assert found.reachable == reachable
    if expected is None:
        assert not found.reached
    else:
        assert found.reached
        assert [mv.seat.name for mv in found.moves] == expected


def test_preference_order_on_the_small_body() -> None:
    m = load_text(SMALL)
    body = m.bodies["icp"]
    found = plan(m, body, 7, Setting(False, default_route_name(body), None), CheckOptions())
    # Ben Bold sits on the ICB (beyond the appointee): he goes first. The NHS share is
    # then 3 of 8, under one half: a seat outside the NHS brings it nearer, the latest in
    # the file first (the last council seats aside).
    assert [mv.seat.name for mv in found.moves] == ["Ben Bold", "Jo Joy"]
    assert found.moves[0].reason.startswith(
        "Ben Bold also sits on the ICB, which keeps its voice here through its appointee, Ann Able."
    )


def test_slim_under_a_proposed_regime_says_so() -> None:
    text = invoke(FIRST, "--body", "icp", "--to", "25", "--regime", "health-bill-2026").stdout
    assert text.startswith("Regime: health-bill-2026 is proposed")
    doc = slim_json(FIRST, "--body", "icp", "--to", "25", "--regime", "health-bill-2026")
    assert doc["regime"]["status"] == "proposed"
    assert "regime" not in slim_json(FIRST, "--body", "icp", "--to", "25")


# --------------------------------------------------------------------------- incremental checks


def _settings(m, body):  # type: ignore[no-untyped-def]
    """Where moved seats go: a new route, an existing route, participant seats."""
    out = [Setting(False, default_route_name(body), None), Setting(True, "", None)]
    if m.engagement:
        out.append(Setting(False, m.engagement[0].name, 0))
    return out


def _candidate_states(members: list) -> list[list]:  # type: ignore[type-arg]
    """Every single move, every pair among the first six seats, and growing runs of
    moves from either end of the list."""
    states = [[s] for s in members]
    states += [list(pair) for pair in itertools.combinations(members[:6], 2)]
    states += [members[:i] for i in range(3, len(members) + 1, 3)]
    states += [members[-i:] for i in range(3, len(members) + 1, 3)]
    return states


CASES = {
    **{name: path.read_text(encoding="utf-8") for name, path in sorted(SAMPLES.items())},
    **{f"small-{name}": text for name, text in sorted(VARIANTS.items())},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_candidate_checks_agree_with_every_rule(case: str) -> None:
    """A candidate state is checked only with the rules under which a finding can appear
    (not those of CANNOT_APPEAR, nor those that do not read the body's seats): on
    every body of the samples, for many sets of moves in each setting, no finding of a rule
    left out is new when every rule runs, and the verdict is the one every rule gives."""
    m = load_text(CASES[case])
    options = CheckOptions()
    before = check_membership(m, options).findings
    compared = 0
    for body in m.bodies.values():
        members = [s for s in body.members if s.is_member]
        for setting in _settings(m, body):
            planner = Planner(m, body, 0, setting, options, None)
            for moved in _candidate_states(members):
                after = check_membership(apply_moves(m, body, moved, setting), options)
                fresh = new_findings(before, after.findings)
                assert not [f for f in fresh if f.code in planner.skipped], (body.id, fresh)
                expected = (
                    f"moving it would make {fresh[0].code} {fresh[0].name} fire: "
                    f"{fresh[0].message}"
                    if fresh
                    else None
                )
                assert planner.failure(moved) == expected, (body.id, [s.name for s in moved])
                compared += 1
    assert compared > 50


PLANS = [
    ("first-draft", "icp", 25, None),
    ("first-draft", "icp", 10, None),
    ("first-draft", "icp", 20, "participant"),
    ("northshire", "icp", 8, None),
    ("greater-wessex", "icb", 8, None),
    ("small-quorum", "icp", 4, None),
    ("small-org-limit", "icp", 5, "participant"),
]


@pytest.mark.parametrize(("case", "body_id", "target", "mode"), PLANS)
def test_plan_is_the_one_every_rule_on_every_candidate_gives(
    case: str, body_id: str, target: int, mode: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = load_text(CASES[case])
    body = m.bodies[body_id]
    setting = _settings(m, body)[1 if mode == "participant" else 0]

    def summary(found) -> tuple:  # type: ignore[no-untyped-def, type-arg]
        return (
            [(mv.seat.index, mv.reason) for mv in found.moves],
            found.reachable,
            found.route_involves,
            [(b.seat.index, b.why) for b in found.blocked],
            [f.as_dict() for f in found.findings_after],
            found.exhausted,
        )

    fast = summary(plan(m, body, target, setting, CheckOptions()))
    monkeypatch.setattr(slim_module, "CANNOT_APPEAR", frozenset())
    monkeypatch.setattr(slim_module, "READ_BY_TYPE", {})
    monkeypatch.setattr(slim_module, "READ_IN_ICP_SCOPE", frozenset())
    assert summary(plan(m, body, target, setting, CheckOptions())) == fast
